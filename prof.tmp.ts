import { freshDb } from './tests/support/db';
import { syntheticTablesSql } from './scripts/bench/analysis/synthetic-sql';
import { buildDerivedTables } from './src/lib/model/derived-tables';
import { dashboardQuery, chipsQuery, type Panel } from './src/lib/analysis/dashboard-queries';
import { defaultState } from './src/lib/state/analysis-state';
const db = await freshDb();
for (const sql of syntheticTablesSql(1_000_000)) await db.query({ sql });
await buildDerivedTables(db);
const ctx = { state: defaultState(), measure: 'pain', focus: 'Low back pain' };
const s2 = defaultState(); s2.filters.clinic = ['Harbour Clinic'];
for (const panel of ['matrix','forest','compare','trend','distribution','doseLength','doseSessions','excluded'] as Panel[]) {
  const spec = dashboardQuery(panel, ctx)!;
  const ts: number[] = [];
  for (let i = 0; i < 7; i++) { const t = performance.now(); await db.query(spec); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(panel.padEnd(13), 'median', ts[3]!.toFixed(1), 'min', ts[0]!.toFixed(1));
}
const c = chipsQuery(s2, 'pain')!; const ts: number[] = [];
for (let i = 0; i < 7; i++) { const t = performance.now(); await db.query(c); ts.push(performance.now() - t); }
ts.sort((a,b)=>a-b); console.log('chips', ts[3]!.toFixed(1));
await db.close();
