/** Numbers as shown on screen: two decimals, a real minus sign ("0.00", not "−0.00", for a
 * value that rounds to zero), "—" for none. */
export function formatNumber(value: number | null, digits = 2): string {
	if (value === null || !Number.isFinite(value)) return '—';
	const text = value.toFixed(digits);
	return (/^-0(\.0*)?$/.test(text) ? text.slice(1) : text).replace('-', '−');
}

/** n as the trend counts it, with the people behind it: "12 episodes, 9 patients". */
export function episodesAndPatients({ n, patients }: { n: number; patients: number }): string {
	return `${n} episode${n === 1 ? '' : 's'}, ${patients} patient${patients === 1 ? '' : 's'}`;
}

export function formatCi(lo: number | null, hi: number | null): string {
	return lo === null || hi === null
		? 'not estimable (n < 2)'
		: `${formatNumber(lo)} to ${formatNumber(hi)}`;
}

/** A share 0–1 as a whole percentage: "42 %", "—" for none. */
export function formatPercent(rate: number | null): string {
	if (rate === null || !Number.isFinite(rate)) return '—';
	return `${Math.round(rate * 100)} %`;
}

export function formatPercentCi(lo: number | null, hi: number | null): string {
	return lo === null || hi === null
		? 'not estimable'
		: `${formatPercent(lo)} to ${formatPercent(hi)}`;
}

/** "n = 12 episodes, 9 patients": n counts episodes of care, the people behind them beside it. */
export const nText = (counts: { n: number; patients: number }) =>
	`n = ${episodesAndPatients(counts)}`;

/** Axis tick text: categories as they are, numbers with a real minus sign. */
export const formatTick = (value: number | string) =>
	typeof value === 'number' ? String(value).replace('-', '−') : value;

/** A value as short as it can be written exactly to two decimals: 2, 1.5, 0.25, −3. */
export const formatCompact = (value: number) =>
	String(Math.round(value * 100) / 100).replace('-', '−');

/** A stored DATE (milliseconds since 1970, UTC midnight) as yyyy-mm-dd; '' for none. */
export const formatDay = (ms: number | null): string =>
	ms === null || !Number.isFinite(ms) ? '' : new Date(ms).toISOString().slice(0, 10);
