export interface SummaryRow {
	key: Record<string, string | number | null>;
	n: number;
	patients: number;
	suppressed: boolean;
	[statistic: string]: unknown;
}

interface TableInput {
	measure: { key: string; label: string };
	by: readonly string[];
	groups: readonly SummaryRow[];
	excluded: Record<string, number>;
	minPatients: number;
	target: number | null;
}

const fixed = (v: unknown, digits = 2) => (typeof v === 'number' ? v.toFixed(digits) : '–');
const percent = (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 100)} %` : '–');
const interval = (lo: unknown, hi: unknown, f: (v: unknown) => string) =>
	typeof lo === 'number' && typeof hi === 'number' ? `${f(lo)} to ${f(hi)}` : '–';

/** One group's cells, in the header's order; a small cell says so instead of numbers. */
function cells(g: SummaryRow, by: readonly string[], target: boolean): string[] {
	const key = by.map((f) => (g.key[f] === null ? '(not recorded)' : String(g.key[f])));
	if (g.suppressed) return [...key, String(g.n), String(g.patients), 'too few patients'];
	const row = [
		...key,
		String(g.n),
		String(g.patients),
		fixed(g.improvement_mean),
		interval(g.ci_low, g.ci_high, fixed),
		fixed(g.improvement_sd),
		fixed(g.srm),
		g.responders === null ? '–' : `${String(g.responders)} (${percent(g.responder_rate)})`,
		interval(g.responder_ci_low, g.responder_ci_high, percent)
	];
	if (target) row.push(`${String(g.target_n)} (${percent(g.target_rate)})`);
	return row;
}

/** The summary as a plain-text table for a terminal: aligned columns, then the notes. */
export function summaryTable({ measure, by, groups, excluded, minPatients, target }: TableInput) {
	const header = [...by, 'episodes', 'patients', 'mean improvement', '95 % CI', 'SD', 'SRM'];
	header.push('responders', 'responders 95 % CI');
	if (target !== null) header.push(`target (${target})`);
	const rows = [header, ...groups.map((g) => cells(g, by, target !== null))];
	const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
	const line = (r: string[]) =>
		r.map((c, i) => (i < by.length ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
	const left = Object.entries(excluded).map(([reason, n]) => `${n} ${reason}`);
	const lines = [
		`${measure.label}: improvement per episode of care, by ${by.join(' and ')}.`,
		...rows.map((r) => line(r).trimEnd()),
		'',
		`Small cells (fewer than ${minPatients} patients) show "too few patients".`,
		'Responders: "–" when the measure has no MCID and no --threshold was given.'
	];
	if (left.length) lines.push(`Left out of change statistics: ${left.join(', ')} episodes.`);
	return lines.join('\n');
}
