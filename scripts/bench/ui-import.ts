// npm run bench:ui [-- --rows 2000000]: one large CSV imported through the import screen in
// Chromium and reopened in a new tab (tab-import.ts), printed as a Markdown table. `npm run bench`
// runs the same at 10M rows and keeps its figures in bench-data/results.json.
import { parseArgs } from 'node:util';
import { tabImport, tabImportTable } from './tab-import';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '2000000' } } });
console.log(tabImportTable(await tabImport(Number(values.rows))));
