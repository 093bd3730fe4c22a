import { parseArgs } from 'node:util';
import { runImport, UsageError } from './import-command';

const USAGE = `Usage: npm run -s cli -- import <file...> [--mapping mapping.json] [--json] [--now YYYY-MM-DD]

  import     read clinic exports (CSV/TSV, Excel, Parquet, JSON, NDJSON) into one dataset and
             print the validation report
  --mapping  use this mapping (docs/mapping.schema.json, or an earlier --json output)
  --json     print exactly one JSON object on stdout
  --now      treat this as the import date (dates after it are flagged)`;

/** Command line over the same import code the browser runs, with DuckDB in Node. */
async function main(argv: string[]): Promise<number> {
	const { positionals, values } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			mapping: { type: 'string' },
			json: { type: 'boolean', default: false },
			now: { type: 'string' }
		}
	});
	const [command, ...files] = positionals;
	if (command !== 'import' || files.length === 0) throw new UsageError(USAGE);
	process.stdout.write(
		`${await runImport({ files, json: values.json, mapping: values.mapping, now: values.now })}\n`
	);
	return 0;
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(e: unknown) => {
		process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
		process.exit(e instanceof UsageError || (e instanceof TypeError && 'code' in e) ? 2 : 1);
	}
);
