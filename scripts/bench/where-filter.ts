// npx tsx scripts/bench/where-filter.ts [rows] [runs]: which SQL form of a category filter is
// fastest on ENUM columns (src/lib/stats/where.ts uses the winner). Node duckdb-wasm, the app's
// engine. Forms are timed round-robin, so load from elsewhere on the machine hits each alike.
// Timings only: nothing here asserts on them.
import { createNodeEngine } from '../../src/lib/engine/node-engine';

const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 31);
const db = await createNodeEngine();
const members = (prefix: string, k: number) =>
	Array.from({ length: k }, (_, i) => `'${prefix} ${i}'`).join(', ');
// One NULL clinic in 53 rows, like episodes whose clinic was not recorded.
await db.query({
	sql: `CREATE TABLE t AS
		SELECT (CASE WHEN i % 53 = 0 THEN NULL ELSE 'Clinic ' || (i * 7 % 8) END)
				::ENUM(${members('Clinic', 8)}) AS clinic,
			('Condition ' || (i * 13 % 10))::ENUM(${members('Condition', 10)}) AS condition,
			('Technique ' || (i * 3 % 6))::ENUM(${members('Technique', 6)}) AS technique,
			(i % 97)::DOUBLE AS improvement
		FROM range(${rows}) r(i)`
});

// Two known labels and one the ENUM lacks: the filter must not throw on it.
const clinics = ['Clinic 1', 'Clinic 4', 'Clinic x'];
const conditions = ['Condition 2', 'Condition 5', 'Condition 7'];
const ph = (n: number) => Array(n).fill('?').join(', ');
const forms: Record<string, (col: string, n: number) => string> = {
	'col::VARCHAR IN (?, …)': (c, n) => `"${c}"::VARCHAR IN (${ph(n)})`,
	'col IN (?, …) (ENUM coerced)': (c, n) => `"${c}" IN (${ph(n)})`,
	'list_contains([?, …]::VARCHAR[], col::VARCHAR)': (c, n) =>
		`list_contains([${ph(n)}]::VARCHAR[], "${c}"::VARCHAR)`,
	'(col IS NOT NULL AND list_contains([?, …]::VARCHAR[], col::VARCHAR))': (c, n) =>
		`("${c}" IS NOT NULL AND list_contains([${ph(n)}]::VARCHAR[], "${c}"::VARCHAR))`,
	'col IN (SELECT unnest([?, …]))': (c, n) => `"${c}" IN (SELECT unnest([${ph(n)}]))`
};
const params = [...clinics, ...conditions];
const where = (form: (col: string, n: number) => string) =>
	`${form('clinic', clinics.length)} AND ${form('condition', conditions.length)}`;
const queries = Object.entries(forms).flatMap(([name, form]) => [
	{ name: `${name} — count`, sql: `SELECT count(*)::INTEGER AS n FROM t WHERE ${where(form)}` },
	{
		name: `${name} — group by`,
		sql: `SELECT technique::VARCHAR, count(*)::INTEGER, avg(improvement) FROM t
			WHERE ${where(form)} GROUP BY ALL`
	}
]);

const times = new Map(queries.map((q) => [q.name, [] as number[]]));
for (const q of queries) console.log(q.name, (await db.query({ sql: q.sql, params })).numRows);
for (let r = 0; r < runs; r++) {
	for (const q of queries) {
		const t0 = performance.now();
		await db.query({ sql: q.sql, params });
		times.get(q.name)!.push(performance.now() - t0);
	}
}
const quantile = (xs: number[], p: number) =>
	[...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))]!;
console.log(`\n${rows} rows, ${runs} runs round-robin, ms p50 / p90`);
for (const [name, xs] of times) {
	console.log(
		`${name.padEnd(80)} ${quantile(xs, 0.5).toFixed(1)} / ${quantile(xs, 0.9).toFixed(1)}`
	);
}
await db.close();
