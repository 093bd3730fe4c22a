import quantile from '@stdlib/stats-base-dists-t-quantile';
import { csvParse } from 'd3-dsv';

export interface ReferencePoint {
	technique: string;
	time: number;
	/** Episodes of care with a value at this point. */
	n: number;
	/** Distinct patients among those episodes. */
	patients: number;
	suppressed: boolean;
	/** null when suppressed (and lo/hi also when n < 2). */
	mean: number | null;
	lo: number | null;
	hi: number | null;
}

/** One course of care as the reference builds it: its patient and its sessions in date order. */
export interface ReferenceEpisode {
	patient: string;
	condition: string;
	technique: string;
	sessions: Record<string, string>[];
}

const DAY = 86_400_000;
const GAP_DAYS = 90;
const MEASURE_COLUMNS = ['pain', 'flexibility', 'sleep', 'stress'];

/** Date.parse rolls 2025-02-30 over to March; a real calendar date must survive the round trip. */
function strictIsoDay(text: string): number {
	const time = Date.parse(`${text}T00:00:00Z`);
	return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text ? time : NaN;
}

const field = (row: Record<string, string>, name: string) => row[name]?.trim() ?? '';

/**
 * Episodes of care built the slow, obvious way in plain JS, independent of the app's SQL: every
 * row with a patient, a real date and a measure is a session; a patient's sessions for one
 * condition and technique, walked in date order, start a new episode after a gap over 90 days.
 */
export function referenceEpisodes(csv: string): ReferenceEpisode[] {
	const sessions = csvParse(csv)
		.map((row, line) => ({ row, line, day: strictIsoDay(field(row, 'session_date')) }))
		.filter((s) => field(s.row, 'patient_id') && Number.isFinite(s.day))
		.filter((s) => MEASURE_COLUMNS.some((m) => field(s.row, m)))
		.sort((a, b) => a.day - b.day || a.line - b.line);
	const episodes: ReferenceEpisode[] = [];
	const open = new Map<string, { episode: ReferenceEpisode; lastDay: number }>();
	for (const { row, day } of sessions) {
		const [patient, condition, technique] = ['patient_id', 'condition', 'technique'].map((f) =>
			field(row, f)
		) as [string, string, string];
		const course = `${patient}\u0000${condition}\u0000${technique}`;
		let current = open.get(course);
		if (!current || day - current.lastDay > GAP_DAYS * DAY) {
			current = { episode: { patient, condition, technique, sessions: [] }, lastDay: day };
			episodes.push(current.episode);
			open.set(course, current);
		}
		current.episode.sessions.push(row);
		current.lastDay = day;
	}
	return episodes;
}

/** What a trend reference is asked for: the app's trend options, in plain terms. */
export interface ReferenceTrendOptions {
	measure: string;
	/** Values outside are not valid (the import rejects them). */
	range: [number, number];
	/** raw: the score; paired: (score − the episode's session-1 score) × direction. */
	kind: 'raw' | 'paired';
	/** Which way is better for the measure (paired change is signed so positive = better). */
	better: 'lower' | 'higher';
	series: 'technique' | 'condition';
	/** One panel per condition or technique; null = one panel, facet ''. */
	facet: 'technique' | 'condition' | null;
	/** The episodes the filters leave (all by default). */
	keep?: (episode: ReferenceEpisode) => boolean;
	minPatients?: number;
}

export interface ReferenceTrendPoint extends Omit<ReferencePoint, 'technique'> {
	facet: string;
	series: string;
}

/**
 * The trend per facet, series and session number within the episode: n = episodes with a
 * valid value there (paired: and a valid session-1 value), patients = how many different people
 * they are, mean and t-interval over the episodes. A point describing fewer than `minPatients`
 * people keeps its counts only.
 */
export function referenceTrendPoints(csv: string, options: ReferenceTrendOptions) {
	const { measure, range, kind, better, series, facet, keep = () => true } = options;
	const minPatients = options.minPatients ?? 5;
	const valueOf = (row: Record<string, string> | undefined) => {
		const text = row ? field(row, measure) : '';
		const value = text ? Number(text) : NaN;
		return Number.isFinite(value) && value >= range[0] && value <= range[1] ? value : null;
	};
	const sign = better === 'lower' ? -1 : 1;
	const cells = new Map<string, { episode: ReferenceEpisode; value: number }[]>();
	for (const episode of referenceEpisodes(csv)) {
		if (!keep(episode)) continue;
		const baseline = valueOf(episode.sessions[0]);
		episode.sessions.forEach((row, i) => {
			const score = valueOf(row);
			if (score === null || (kind === 'paired' && baseline === null)) return;
			const value = kind === 'paired' ? (score - baseline!) * sign : score;
			const key = [facet === null ? '' : episode[facet], episode[series], i + 1].join('\u0000');
			cells.set(key, [...(cells.get(key) ?? []), { episode, value }]);
		});
	}
	return [...cells.entries()]
		.map(([key, found]): ReferenceTrendPoint => {
			const [panel, name, no] = key.split('\u0000') as [string, string, string];
			const n = new Set(found.map((f) => f.episode)).size;
			const patients = new Set(found.map((f) => f.episode.patient)).size;
			const base = { facet: panel, series: name, time: Number(no), n, patients };
			if (patients < minPatients)
				return { ...base, suppressed: true, mean: null, lo: null, hi: null };
			const values = found.map((f) => f.value);
			const mean = values.reduce((a, b) => a + b, 0) / n;
			const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
			const half = n > 1 ? quantile(0.975, n - 1) * (sd / Math.sqrt(n)) : null;
			return {
				...base,
				suppressed: false,
				mean,
				lo: half === null ? null : mean - half,
				hi: half === null ? null : mean + half
			};
		})
		.sort(
			(a, b) =>
				a.facet.localeCompare(b.facet) || a.series.localeCompare(b.series) || a.time - b.time
		);
}

/** The raw trend per technique (one panel), within one condition or all. */
export function referenceTrend(
	csv: string,
	measure: string,
	range: [number, number],
	condition: string | null,
	minPatients = 5
): ReferencePoint[] {
	return referenceTrendPoints(csv, {
		measure,
		range,
		kind: 'raw',
		better: 'lower',
		series: 'technique',
		facet: null,
		keep: (e) => condition === null || e.condition === condition,
		minPatients
	}).map(({ series, time, n, patients, suppressed, mean, lo, hi }) => ({
		technique: series,
		time,
		n,
		patients,
		suppressed,
		mean,
		lo,
		hi
	}));
}
