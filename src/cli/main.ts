import { parseArgs } from 'node:util';
import { runDeid } from './deid-command';
import { runImport, UsageError } from './import-command';
import { runSummary } from './summary-command';

const USAGE = `Usage: npm run -s cli -- import <file...> [--mapping mapping.json] [--json] [--now YYYY-MM-DD]
                         [--out dataset.duckdb]
       npm run -s cli -- summary <file...> [--mapping mapping.json] --measure <key> --by <field[,field]>
                         [--target <value>] [--threshold <value>] [--min-patients N] [--now YYYY-MM-DD] [--json]
       npm run -s cli -- deid <file...> [--mapping mapping.json] --out <path.csv|path.parquet>
                         [--k 5] [--quasi clinic,therapist,age_band,sex,condition] [--max-suppressed 0.05]
                         [--aggregate] [--include-notes] [--now YYYY-MM-DD] [--json]

  import     read clinic exports (CSV/TSV, Excel, Parquet, JSON, NDJSON) into one dataset and
             print the validation report
  summary    import as above, then print the outcome per group of episodes of care: n, patients,
             mean improvement with 95 % CI, SD, SRM, responders and (with --target) target state
  --out      (import) also write the dataset to this DuckDB file, for npm run serve
  --mapping  use this mapping (docs/mapping.schema.json, or an earlier --json output)
  --json     print exactly one JSON object on stdout
  --now      treat this as the import date (dates after it are flagged)
  --measure  the measure's key (pain, sleep, …)
  --by       clinic, therapist, condition, technique, age_band, sex, length_band, sessions
  --target   target-state value in the measure's direction (pain ≤ value, sleep ≥ value)
  --threshold       responder threshold in the measure's units (instead of its MCID)
  --min-patients    groups with fewer patients show no statistics (default 5)
  deid       import as above, then write a de-identified extract (docs/deid.md): one row per
             session, random pseudonyms, days instead of dates, every patient's combination
             of the quasi-identifiers (over all their episodes) shared by at least k
             patients; its dictionary and report are
             written beside it (<out>.dictionary.csv, <out>.report.json)
  --out      the extract's file; .csv or .parquet decides the format
  --k        the smallest number of patients sharing a combination (default 5)
  --quasi    the quasi-identifiers (any of clinic, therapist, age_band, sex, condition, technique)
  --max-suppressed  share of episodes that may be dropped before generalising further (default 0.05)
  --aggregate       also the condition × technique summary per measure, cells of fewer than
                    11 patients withheld (<out>.aggregate.csv|parquet)
  --include-notes   export the free-text notes too (they may hold names and dates)`;

const COMMON = {
	mapping: { type: 'string' },
	json: { type: 'boolean', default: false },
	now: { type: 'string' }
} as const;
const SUMMARY = {
	...COMMON,
	measure: { type: 'string' },
	by: { type: 'string' },
	target: { type: 'string' },
	threshold: { type: 'string' },
	'min-patients': { type: 'string' }
} as const;

const DEID = {
	...COMMON,
	out: { type: 'string' },
	k: { type: 'string' },
	quasi: { type: 'string' },
	'max-suppressed': { type: 'string' },
	aggregate: { type: 'boolean', default: false },
	'include-notes': { type: 'boolean', default: false }
} as const;

/** Command line over the same import and statistics code the browser runs, with DuckDB in Node. */
async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (command === 'import') {
		const { positionals: files, values } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: { ...COMMON, out: { type: 'string' } }
		});
		if (files.length === 0) throw new UsageError(USAGE);
		process.stdout.write(`${await runImport({ files, ...values })}\n`);
		return 0;
	}
	if (command === 'summary') {
		const { positionals: files, values } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: SUMMARY
		});
		if (files.length === 0) throw new UsageError(USAGE);
		const { 'min-patients': minPatients, ...others } = values;
		process.stdout.write(`${await runSummary({ files, minPatients, ...others })}\n`);
		return 0;
	}
	if (command === 'deid') {
		const { positionals: files, values } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: DEID
		});
		if (files.length === 0) throw new UsageError(USAGE);
		const { 'max-suppressed': maxSuppressed, 'include-notes': includeNotes, ...others } = values;
		process.stdout.write(`${await runDeid({ files, maxSuppressed, includeNotes, ...others })}\n`);
		return 0;
	}
	throw new UsageError(USAGE);
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(e: unknown) => {
		process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
		process.exit(e instanceof UsageError || (e instanceof TypeError && 'code' in e) ? 2 : 1);
	}
);
