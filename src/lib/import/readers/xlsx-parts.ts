import { attribute, elements, readParts, runText, wholeText } from './xlsx-zip';

/** A sheet as the workbook lists it: its zip part and its merged ranges ("B4:C4"…). */
export interface SheetPart {
	name: string;
	part: string;
	merges: string[];
}

/** What a sheet's cells need from the rest of the workbook. */
export interface WorkbookParts {
	sheets: SheetPart[];
	/** The shared strings, by index. */
	strings: string[];
	/** Per cell style (a cell's s="…"): whether its number format shows a date or time. */
	dateStyles: boolean[];
	/** Serial day 0 is 1904-01-01 rather than 1899-12-30 (old Mac workbooks). */
	date1904: boolean;
}

const WORKBOOK = 'xl/workbook.xml';
const RELS = 'xl/_rels/workbook.xml.rels';
const STRINGS = 'xl/sharedstrings.xml';
const STYLES = 'xl/styles.xml';
const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * Everything of a workbook but its cells, in one pass through the zip: its sheets in order, each
 * with its merged ranges (Excel writes them after the rows, so they are known before the rows are
 * read), the shared strings and which cell styles are dates. Sheets are decompressed chunk by
 * chunk and only their merge tags kept. Null when the bytes hold no workbook.
 */
export async function workbookParts(bytes: Uint8Array): Promise<WorkbookParts | null> {
	const texts = new Map<string, string>();
	const merges = new Map<string, string[]>();
	const strings: string[] = [];
	const zip = await readParts(bytes, (name) => {
		// Some writers capitalise these parts' names (xl/SharedStrings.xml).
		const lower = name.toLowerCase();
		if (name === WORKBOOK || name === RELS || lower === STYLES)
			return wholeText((text) => texts.set(lower === STYLES ? STYLES : name, text));
		if (lower === STRINGS) return elements('si', (si) => strings.push(runText(si)));
		if (!SHEET_PART.test(name)) return null;
		const found: string[] = [];
		merges.set(name, found);
		return elements('mergeCell', (tag) => {
			const ref = attribute(tag, 'ref');
			if (ref && /^[A-Z]+\d+:[A-Z]+\d+$/.test(ref)) found.push(ref);
		});
	});
	const workbook = texts.get(WORKBOOK);
	if (!zip || workbook === undefined) return null;
	const sheets = sheetsOf(workbook, texts.get(RELS) ?? '').map((s) => ({
		...s,
		merges: merges.get(s.part) ?? []
	}));
	const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbook)?.[0] ?? '';
	const date1904 = ['1', 'true'].includes(attribute(pr, 'date1904') ?? '');
	return { sheets, strings, dateStyles: dateStyles(texts.get(STYLES) ?? ''), date1904 };
}

/** The sheets of workbook.xml in order, each with the zip part its relationship points to. */
function sheetsOf(workbook: string, rels: string): { name: string; part: string }[] {
	const targets = new Map(
		[...rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => [
			attribute(m[0], 'Id'),
			partPath(attribute(m[0], 'Target') ?? '')
		])
	);
	return [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => ({
		name: attribute(m[0], 'name') ?? '',
		part: targets.get(attribute(m[0], 'r:id')) ?? ''
	}));
}

/** A relationship's target as a zip path: relative to xl/, or absolute from the zip's root. */
const partPath = (target: string) =>
	target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;

/** Excel's built-in number formats that show a date or a time (ECMA-376, 18.8.30). */
const BUILT_IN_DATES = new Set([
	14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
	52, 53, 54, 55, 56, 57, 58
]);

/** For each cell style (cellXfs, in order), whether its number format is a date or time. */
function dateStyles(styles: string): boolean[] {
	const custom = new Map(
		[...styles.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)].map((m) => [
			Number(attribute(m[0], 'numFmtId')),
			attribute(m[0], 'formatCode') ?? ''
		])
	);
	const xfs = /<(?:\w+:)?cellXfs\b[\s\S]*?<\/(?:\w+:)?cellXfs>/.exec(styles)?.[0] ?? '';
	return [...xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)].map((m) => {
		const id = Number(attribute(m[0], 'numFmtId') ?? 0);
		const code = custom.get(id);
		return code === undefined ? BUILT_IN_DATES.has(id) : isDateFormat(code);
	});
}

/** A format code showing a date or time: d, m, y, h or s outside quotes, [colours] and escapes. */
const isDateFormat = (code: string) =>
	/[dmyhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '')) && !/general/i.test(code);
