import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFile } from 'node:fs/promises';
import schema from '../../docs/mapping.schema.json' with { type: 'json' };
import type { Mapping } from '../lib/import/mapping';

const validate = new Ajv2020({ allErrors: true, strict: false }).compile<Mapping>(schema);

/**
 * Reads a mapping file: a mapping as in docs/mapping.schema.json, or the whole output of
 * `import --json`, whose `mappingFile` is taken, so a run can be repeated exactly.
 */
export async function readMappingFile(path: string): Promise<Mapping> {
	let json: unknown;
	try {
		json = JSON.parse(await readFile(path, 'utf8'));
	} catch (e) {
		throw new Error(`Cannot read the mapping ${path}: ${e instanceof Error ? e.message : e}`, {
			cause: e
		});
	}
	const candidate = (json as { mappingFile?: unknown })?.mappingFile ?? json;
	if (!validate(candidate)) {
		const problems = (validate.errors ?? []).map(
			(e) => `${e.instancePath || '(top)'} ${e.message}`
		);
		throw new Error(
			`The mapping ${path} does not follow docs/mapping.schema.json:\n  ${problems.join('\n  ')}`
		);
	}
	return candidate;
}
