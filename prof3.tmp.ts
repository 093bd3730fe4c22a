import { freshDb } from './tests/support/db';
import { syntheticTablesSql } from './scripts/bench/analysis/synthetic-sql';
import { buildDerivedTables } from './src/lib/model/derived-tables';
const db = await freshDb();
for (const sql of syntheticTablesSql(1_000_000)) await db.query({ sql });
await buildDerivedTables(db);
await db.query({sql: `CREATE OR REPLACE TABLE ep2 AS SELECT *, count(DISTINCT episode) OVER (PARTITION BY measure, patient_no) = 1 AS single FROM episode_points ORDER BY measure, condition`});
const q: Record<string, string> = {
  enumgroup: `SELECT condition::VARCHAR c, technique::VARCHAR t, "time", n, p, m, sd FROM (SELECT condition, technique, "time", count(*) n, count(DISTINCT patient_no) p, avg(change) m, stddev_samp(change) sd FROM ep2 WHERE measure::VARCHAR = 'pain' AND change IS NOT NULL GROUP BY ALL)`,
  single: `SELECT condition::VARCHAR c, technique::VARCHAR t, "time", n, p, m, sd FROM (SELECT condition, technique, "time", count(*) n, count(*) FILTER (WHERE single) + count(DISTINCT patient_no) FILTER (WHERE NOT single) p, avg(change) m, stddev_samp(change) sd FROM ep2 WHERE measure::VARCHAR = 'pain' AND change IS NOT NULL GROUP BY ALL)`,
  nodistinct: `SELECT condition::VARCHAR c, technique::VARCHAR t, "time", n, m, sd FROM (SELECT condition, technique, "time", count(*) n, avg(change) m, stddev_samp(change) sd FROM ep2 WHERE measure::VARCHAR = 'pain' AND change IS NOT NULL GROUP BY ALL)`,
};
console.log(await db.query({sql: `SELECT avg(single::INT) FROM ep2`}).then(t => t.toArray()[0].toJSON()));
const a = await db.query({sql: q.enumgroup + ' ORDER BY ALL'}); const b = await db.query({sql: q.single + ' ORDER BY ALL'});
console.log('same', JSON.stringify(a.toArray().map(r=>r.toJSON())) === JSON.stringify(b.toArray().map(r=>r.toJSON())));

for (const [name, sql] of Object.entries(q)) {
  const ts: number[] = [];
  for (let i = 0; i < 7; i++) { const t = performance.now(); await db.query({ sql }); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(name.padEnd(12), 'median', ts[3]!.toFixed(1), 'min', ts[0]!.toFixed(1));
}
await db.close();
