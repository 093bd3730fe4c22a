import { readFile } from 'node:fs/promises';
import type { Mapping } from '../lib/import/mapping';
import { checkedMapping, MappingError } from '../lib/import/validate-mapping';

/**
 * Reads a mapping file: a mapping as in docs/mapping.schema.json, or the whole output of
 * `import --json`, whose `mappingFile` is taken, so a run can be repeated exactly. Checked by
 * the same validator as the import screen's, so both say the same about the same mapping.
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
	try {
		return checkedMapping(candidate);
	} catch (e) {
		if (!(e instanceof MappingError)) throw e;
		const problems = e.problems.map((p) => `${p.path || '(top)'}: ${p.message}`);
		throw new Error(
			`The mapping ${path} does not follow docs/mapping.schema.json:\n  ${problems.join('\n  ')}`,
			{ cause: e }
		);
	}
}
