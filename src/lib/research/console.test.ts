import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbWithCsv, readSampleCsv, rows } from '../../../tests/support/db';
import { Coordinator } from '../engine/coordinator';
import type { LocalEngine } from '../engine/engine';
import { rowObjects } from '../engine/rows';
import { quoteIdent } from '../engine/quote';
import { DATASET_TABLES } from '../import/pipeline';
import { kpiQuery } from '../stats/director-kpis';
import { describeConsoleError } from './console-errors';
import { pageQuery } from './console-sql';
import { consoleCsv, consoleParquet, runConsoleQuery } from './console';
import { schemaQuery } from './schema-sql';
import { parquetReadObjects } from 'hyparquet';

// The console's guarantee, on a real DuckDB holding the bundled sample: whatever a researcher
// types, the stored tables and the dashboard's answers stay as they were, and nothing is fetched.
let db: LocalEngine;
let coordinator: Coordinator;
let server: Server;
let hits = 0;
let url = '';

beforeAll(async () => {
	({ db } = await dbWithCsv(readSampleCsv(), 'sessions.csv'));
	coordinator = new Coordinator(async () => db);
	server = createServer((_, res) => (hits++, res.end('a\n1\n')));
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.csv`;
}, 60_000);
afterAll(async () => {
	await coordinator.close();
	server.close();
});

/** Every stored table's row count, and the director's headline numbers for pain. */
async function snapshot() {
	const counts = await rows(
		db,
		DATASET_TABLES.map(
			(t) => `SELECT '${t}' AS t, count(*)::INTEGER AS n FROM ${quoteIdent(t)}`
		).join(' UNION ALL ') + ' ORDER BY t'
	);
	const kpis = rowObjects(
		await coordinator.query(kpiQuery({ measure: 'pain', filter: { sql: 'TRUE', params: [] } }), {
			cache: false
		})
	);
	const tables = await rows(db, `SELECT table_name FROM duckdb_tables() ORDER BY ALL`);
	return { counts, kpis, tables };
}

const run = (text: string, offset = 0, limit = 100) =>
	runConsoleQuery(coordinator, text, offset, limit);
const failure = (text: string) =>
	run(text).then(
		() => null,
		(e: unknown) => describeConsoleError(e)
	);

const HARMFUL = () => [
	'DROP TABLE sessions',
	'DELETE FROM sessions',
	'UPDATE observations SET value = 0',
	'INSERT INTO measures SELECT * FROM measures',
	'CREATE TABLE copied AS SELECT * FROM sessions',
	'CREATE TEMP TABLE copied AS SELECT * FROM sessions',
	'CREATE OR REPLACE TABLE sessions AS SELECT 1 AS a',
	"COPY sessions TO 'sessions.csv'",
	"COPY (SELECT * FROM sessions) TO 'out.parquet' (FORMAT parquet)",
	"ATTACH ':memory:' AS other",
	'DETACH mo_data',
	'USE memory',
	'INSTALL httpfs',
	'LOAD httpfs',
	'SET autoload_known_extensions = true',
	'RESET autoload_known_extensions',
	'PRAGMA enable_profiling',
	'CALL pragma_version()',
	'CHECKPOINT',
	"EXPORT DATABASE 'dump'",
	`SELECT * FROM read_csv('${url}')`,
	`FROM '${url}'`,
	"SELECT * FROM query('DROP TABLE sessions')",
	'SELECT 1; DROP TABLE sessions',
	'FROM sessions;DELETE FROM sessions;',
	'SELECT 1) AS q; DROP TABLE sessions; --',
	'SELECT 1) AS q; DELETE FROM sessions; SELECT * FROM (SELECT 1',
	'/* SELECT */ DROP TABLE sessions',
	'-- SELECT\nDELETE FROM sessions',
	'(DELETE FROM sessions)',
	'WITH gone AS (DELETE FROM sessions RETURNING *) SELECT * FROM gone'
];

describe('the console refuses whatever is not a read', () => {
	it('refuses every harmful statement, says why plainly, and changes nothing', async () => {
		const before = await snapshot();
		for (const text of HARMFUL()) {
			const error = await failure(text);
			expect(error, text).not.toBeNull();
			expect(`${error!.summary} ${error!.detail}`, text).toMatch(
				/^(The console |DuckDB could not (read|run) this query)/
			);
			expect(error!.summary).not.toMatch(/Error:|\n/);
		}
		expect(await snapshot()).toEqual(before);
		expect(hits).toBe(0);
	});

	it('says plainly that it only reads', async () => {
		expect((await failure('DROP TABLE sessions'))!.summary).toBe(
			'The console only reads: DROP statements are not run. Ask with SELECT, WITH, FROM, VALUES, DESCRIBE or SUMMARIZE.'
		);
		expect((await failure('SELECT 1; DROP TABLE sessions'))!.summary).toMatch(
			/^The console only reads/
		);
		expect((await failure(`SELECT * FROM read_csv('${url}')`))!.summary).toBe(
			'The console reads only the dataset’s tables, no files or addresses.'
		);
		// The DuckDB server's refusal (src/server/dataset-server.test.ts), in the same words.
		const locked =
			'Permission Error: Cannot access file "/etc/passwd" - file system operations are disabled by configuration';
		expect(describeConsoleError(new Error(locked)).summary).toBe(
			'The console reads only the dataset’s tables, no files or addresses.'
		);
	});

	it('holds in the engine too: the wrapped statement fails even without the first-word check', async () => {
		const before = await snapshot();
		for (const text of HARMFUL()) {
			const attempt = coordinator.readOnly((s) => s.query(pageQuery(text, 10, 0)));
			await expect(attempt, text).rejects.toThrow();
		}
		// Unwrapped, the read-only transaction refuses writes, and rolls back what it allows.
		for (const sql of ['INSERT INTO measures SELECT * FROM measures', 'DELETE FROM sessions']) {
			await expect(coordinator.readOnly((s) => s.query({ sql }))).rejects.toThrow(/read-only/);
		}
		await coordinator.readOnly((s) =>
			s.query({ sql: 'CREATE TEMP TABLE scratch AS SELECT 1 AS a' })
		);
		await expect(coordinator.readOnly((s) => s.query({ sql: 'FROM scratch' }))).rejects.toThrow(
			/scratch does not exist/
		);
		expect(await snapshot()).toEqual(before);
		expect(hits).toBe(0);
	});
});

describe('the console reads', () => {
	it('runs a statement hidden in a comment as the comment it is', async () => {
		const before = await snapshot();
		for (const text of [
			'SELECT 1 AS one -- ) AS q; DROP TABLE sessions',
			'SELECT 1 AS one /* ) AS q; DROP TABLE sessions; */'
		]) {
			expect((await failure(text))?.detail ?? null, text).toBeNull();
			expect((await run(text)).rows).toEqual([['1']]);
		}
		expect(await snapshot()).toEqual(before);
	});

	it('runs a query ended by a semicolon and a comment', async () => {
		for (const text of ['SELECT 1 AS one; -- the end', 'SELECT 1 AS one;\n/* the end */'])
			expect((await run(text)).rows, text).toEqual([['1']]);
		expect((await failure('SELECT 1 AS one; SELECT 2; -- two'))?.summary).toMatch(
			/one statement at a time/
		);
	});

	it('runs SELECT, WITH and FROM-first queries over the dataset and the analysis tables', async () => {
		const [sessions] = await rows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM sessions');
		const select = await run('SELECT count(*) AS n FROM sessions;');
		expect(select.rows).toEqual([[String(sessions!.n)]]);
		expect(select.columns).toEqual([{ name: 'n', type: 'BIGINT' }]);
		const cte = await run(
			'WITH m AS (SELECT measure, avg(improvement) AS mean FROM episode_measures GROUP BY ALL)\nSELECT * FROM m ORDER BY measure -- per measure'
		);
		expect(cte.columns.map((c) => c.name)).toEqual(['measure', 'mean']);
		expect(cte.total).toBeGreaterThan(0);
		const fromFirst = await run('FROM episode_points SELECT DISTINCT measure ORDER BY 1');
		expect(fromFirst.rows.map((r) => r[0])).toEqual(cte.rows.map((r) => r[0]));
		expect((await run('DESCRIBE sessions')).rows.map((r) => r[0])).toContain('patient');
	});

	it('pages the result and counts all of it, keeping the query’s order', async () => {
		const text = 'SELECT session_id FROM sessions ORDER BY session_id DESC';
		const [{ n }] = (await rows<{ n: number }>(
			db,
			'SELECT count(*)::INTEGER AS n FROM sessions'
		)) as [{ n: number }];
		const first = await run(text, 0, 100);
		const third = await run(text, 200, 100);
		expect(first.total).toBe(n);
		expect(first.rows).toHaveLength(100);
		expect(first.rows[0]).toEqual([String(n)]);
		expect(third.rows[0]).toEqual([String(n - 200)]);
		const last = await run(text, n - 3, 100);
		expect(last.rows).toEqual([['3'], ['2'], ['1']]);
	});

	it('shows NULL apart from the text NULL, and every value as DuckDB writes it', async () => {
		const page = await run(
			"SELECT NULL AS a, 'NULL' AS b, 1.50::DECIMAL(5,2) AS c, DATE '2024-02-29' AS d, [1, 2] AS e, 1 AS e"
		);
		expect(page.rows).toEqual([[null, 'NULL', '1.50', '2024-02-29', '[1, 2]', '1']]);
		expect(page.columns.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'e_1']);
	});

	it('explains a mistake in a sentence, with DuckDB’s one-line detail and no wrapper', async () => {
		const error = (await failure('SELECT nope FROM sessions'))!;
		expect(error.summary).toBe('The query names a column that does not exist, or mixes types.');
		expect(error.detail).toMatch(
			/^Binder Error: Referenced column "nope" not found in FROM clause! Candidate bindings:/
		);
		expect(error.detail).not.toMatch(/LINE|console_query|\n/);
		expect((await failure('SELECT * FROM nowhere'))!.summary).toMatch(
			/table or function that does not exist/
		);
		expect((await failure('SELEC 1'))!.summary).toMatch(/only reads: SELEC statements/);
		expect((await failure('SELECT 1 +'))!.summary).toBe(
			'DuckDB could not read this query: check its syntax.'
		);
		expect((await failure('  '))!.summary).toBe('Write a query first.');
	});
});

describe('the console among the other work', () => {
	it('waits for a write to finish, and reads what it wrote', async () => {
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const write = coordinator.write('test', async (engine) => {
			await gate;
			await engine.query({ sql: 'CREATE TABLE mo_console_probe AS SELECT 42 AS v' });
		});
		const read = run('FROM mo_console_probe');
		await new Promise((r) => setTimeout(r, 20));
		release();
		await write;
		expect((await read).rows).toEqual([['42']]);
		// Stamped with the version it read, after the write: not asked again for that write.
		expect((await read).version).toBe(coordinator.dataVersion);
		await coordinator.write('drop', (engine) =>
			engine.query({ sql: 'DROP TABLE mo_console_probe' })
		);
	});

	it('drops a cancelled query from the queue', async () => {
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const write = coordinator.write('hold', () => gate);
		const controller = new AbortController();
		const read = runConsoleQuery(coordinator, 'SELECT 1', 0, 10, controller.signal);
		controller.abort();
		await expect(read).rejects.toThrow(/abort/);
		release();
		await write;
	});
});

describe('the console’s exports and schema', () => {
	it('exports the whole result as CSV, in order, formula cells neutralised', async () => {
		const text = `SELECT session_id, '=1+1' AS formula, NULL AS nothing FROM sessions
			WHERE session_id <= 150 ORDER BY session_id DESC`;
		const page = await run(text, 0, 100);
		expect(page.rows).toHaveLength(100);
		const lines = (await consoleCsv(coordinator, page)).split('\r\n');
		expect(lines[0]).toBe('session_id,formula,nothing');
		expect(lines.slice(1, -1)).toHaveLength(150);
		expect(lines[1]).toBe("150,'=1+1,");
		expect(lines[150]).toBe("1,'=1+1,");
		expect(lines.at(-1)).toBe('');
	});

	it('exports the whole result as Parquet, typed after DuckDB’s types', async () => {
		const text = `SELECT session_id, patient, clinic, session_date, minutes, count(*) OVER () AS n,
				1.25::DECIMAL(5,2) AS d, TIMESTAMP '2024-01-02 03:04:05' AS ts, session_id % 2 = 0 AS even,
				CASE WHEN session_id = 1 THEN NULL ELSE [session_id] END AS list
			FROM sessions ORDER BY session_id LIMIT 300`;
		const page = await run(text, 0, 100);
		const bytes = await consoleParquet(coordinator, page);
		const read = await parquetReadObjects({ file: bytes.slice().buffer });
		const expected = await rows(
			db,
			`SELECT session_id, patient, clinic::VARCHAR AS clinic,
			session_date::VARCHAR AS day, minutes FROM sessions ORDER BY session_id LIMIT 300`
		);
		expect(read).toHaveLength(300);
		expect(read.map((r) => r.session_id)).toEqual(expected.map((r) => r.session_id));
		expect(read.map((r) => r.clinic)).toEqual(expected.map((r) => r.clinic));
		expect(read.map((r) => r.patient)).toEqual(expected.map((r) => r.patient));
		expect((read[0]!.session_date as Date).toISOString().slice(0, 10)).toBe(expected[0]!.day);
		const [{ n }] = (await rows<{ n: number }>(
			db,
			'SELECT count(*)::INTEGER AS n FROM sessions'
		)) as [{ n: number }];
		expect(read[0]).toMatchObject({ n: BigInt(n), d: 1.25, even: false, list: null });
		expect((read[0]!.ts as Date).toISOString()).toBe('2024-01-02T03:04:05.000Z');
		expect(read[1]!.list).toBe('[2]');
	});

	it('lists the dataset’s and the analysis tables with their columns, and no work tables', async () => {
		await db.query({ sql: 'CREATE TABLE staged_w9_0 AS SELECT 1 AS a' });
		const schema = rowObjects<{ table: string; kind: string; column: string; type: string }>(
			await coordinator.query(schemaQuery(), { cache: false })
		);
		await db.query({ sql: 'DROP TABLE staged_w9_0' });
		const tables = [...new Set(schema.map((r) => r.table))];
		expect(tables).toEqual([...DATASET_TABLES]); // sessions first, analysis tables after
		expect(schema.find((r) => r.table === 'sessions' && r.column === 'session_date')).toEqual({
			table: 'sessions',
			kind: 'dataset',
			column: 'session_date',
			type: 'DATE'
		});
		expect(schema.find((r) => r.table === 'episode_measures')?.kind).toBe('analysis');
	});
});
