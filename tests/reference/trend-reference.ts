import quantile from '@stdlib/stats-base-dists-t-quantile';
import { csvParse } from 'd3-dsv';

export interface ReferencePoint {
	technique: string;
	time: number;
	n: number;
	mean: number;
	lo: number | null;
	hi: number | null;
}

const DAY = 86_400_000;
const MEASURE_COLUMNS = ['pain', 'flexibility', 'sleep', 'stress'];

/** Date.parse rolls 2025-02-30 over to March; a real calendar date must survive the round trip. */
function strictIsoDay(text: string): number {
	const time = Date.parse(`${text}T00:00:00Z`);
	return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text ? time : NaN;
}

/**
 * The trend statistic computed the slow, obvious way in plain JS, independent of the app's SQL:
 * parse the CSV, order each patient × condition × technique by date, split courses at gaps over 90
 * days, number sessions, then mean and t-interval per technique and session number.
 */
export function referenceTrend(
	csv: string,
	measure: string,
	range: [number, number],
	condition: string | null
): ReferencePoint[] {
	const rows = csvParse(csv)
		.map((f, row) => ({ f, row, time: strictIsoDay(f.session_date?.trim() ?? '') }))
		// domain.md: a row needs a patient, a time and at least one measure to be a session.
		.filter((r) => r.f.patient_id?.trim() && Number.isFinite(r.time))
		.filter((r) => MEASURE_COLUMNS.some((m) => r.f[m]?.trim()));
	const courses = new Map<string, typeof rows>();
	for (const r of rows) {
		const key = [r.f.patient_id, r.f.condition, r.f.technique].map((v) => v?.trim()).join('\u0000');
		courses.set(key, [...(courses.get(key) ?? []), r]);
	}
	const values = new Map<string, number[]>();
	for (const course of courses.values()) {
		course.sort((a, b) => a.time - b.time || a.row - b.row);
		let sessionNo = 0;
		course.forEach((r, i) => {
			sessionNo = i > 0 && r.time - course[i - 1]!.time > 90 * DAY ? 1 : sessionNo + 1;
			if (condition !== null && r.f.condition?.trim() !== condition) return;
			const text = r.f[measure]?.trim();
			const v = text ? Number(text) : NaN;
			if (!Number.isFinite(v) || v < range[0] || v > range[1]) return;
			const key = `${r.f.technique?.trim()}\u0000${sessionNo}`;
			values.set(key, [...(values.get(key) ?? []), v]);
		});
	}
	return [...values.entries()]
		.map(([key, vs]) => {
			const [technique, no] = key.split('\u0000') as [string, string];
			const n = vs.length;
			const mean = vs.reduce((a, b) => a + b, 0) / n;
			const sd = Math.sqrt(vs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
			const half = n > 1 ? quantile(0.975, n - 1) * (sd / Math.sqrt(n)) : null;
			return {
				technique,
				time: Number(no),
				n,
				mean,
				lo: half === null ? null : mean - half,
				hi: half === null ? null : mean + half
			};
		})
		.sort((a, b) => a.technique.localeCompare(b.technique) || a.time - b.time);
}
