const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface Dialect {
	delimiter: Delimiter;
	header: string[];
	/** Characters of `text` taken by the header record and its line break. */
	headerLength: number;
}

/** Splits the first records of a sample, honouring quotes; only for sniffing, DuckDB parses. */
function sampleRecords(text: string, delimiter: string, limit: number) {
	const records: { fields: string[]; end: number }[] = [];
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length && records.length < limit; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === delimiter) {
			fields.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			fields.push(field);
			if (fields.some((f) => f.trim() !== '')) records.push({ fields, end: i + 1 });
			fields = [];
			field = '';
		} else field += c;
	}
	if (records.length < limit && (field !== '' || fields.length)) {
		fields.push(field);
		if (fields.some((f) => f.trim() !== '')) records.push({ fields, end: text.length });
	}
	return records;
}

/**
 * Picks the delimiter under which the header and the following records agree on their number of
 * fields. DuckDB's sniffer guesses from a sample and fails on small or messy files
 * (pitfalls.md), so the dialect is decided here and given to DuckDB explicitly.
 */
export function detectDialect(sample: string): Dialect {
	let best: { dialect: Dialect; score: number } | null = null;
	for (const delimiter of DELIMITERS) {
		const records = sampleRecords(sample, delimiter, 50);
		const header = records[0];
		if (!header || header.fields.length < 2) continue;
		const body = records.slice(1);
		const agree = body.filter((r) => r.fields.length === header.fields.length).length;
		const score = (body.length ? agree / body.length : 0.5) + header.fields.length / 1000;
		if (!best || score > best.score) {
			const dialect = { delimiter, header: header.fields, headerLength: header.end };
			best = { dialect, score };
		}
	}
	if (!best) {
		throw new Error(
			'No column delimiter found: the file should have a header row of at least two columns ' +
				'separated by commas, semicolons, tabs or pipes.'
		);
	}
	return best.dialect;
}
