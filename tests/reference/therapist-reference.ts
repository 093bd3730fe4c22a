import { quantile } from 'd3-array';
import { referenceEpisodes, type ReferenceEpisode } from './trend-reference';

/**
 * The therapist's flags and the patient page's expected band, computed the slow, obvious way in
 * plain JS from the CSV (episodes from trend-reference's walk, percentiles by d3-array's R-7
 * quantile), independent of the app's SQL.
 */
export interface ReferenceMeasure {
	key: string;
	better: 'lower' | 'higher';
	range: [number, number];
	mcidPoints: number | null;
	mcidPercent: number | null;
}

const DAY = 86_400_000;
const day = (row: Record<string, string>) => Date.parse(`${row.session_date!.trim()}T00:00:00Z`);

function mode(values: string[]): string {
	const counts = new Map<string, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

export interface ReferenceOutcome {
	episode: ReferenceEpisode;
	therapist: string;
	sessions: number;
	lastDay: number;
	/** Score per session, in order; null where the session has none. */
	scores: (number | null)[];
	baseline: number | null;
	last: number | null;
	improvement: number | null;
}

export function referenceOutcomes(csv: string, m: ReferenceMeasure): ReferenceOutcome[] {
	const score = (row: Record<string, string>) => {
		const text = row[m.key]?.trim() ?? '';
		const v = text ? Number(text) : NaN;
		return Number.isFinite(v) && v >= m.range[0] && v <= m.range[1] ? v : null;
	};
	return referenceEpisodes(csv).map((episode) => {
		const scores = episode.sessions.map(score);
		const baseline = scores[0] ?? null;
		const later = scores.slice(1).filter((s): s is number => s !== null);
		const last = later.length ? later[later.length - 1]! : null;
		const improvement =
			baseline === null || last === null
				? null
				: m.better === 'lower'
					? baseline - last
					: last - baseline;
		return {
			episode,
			therapist: mode(episode.sessions.map((s) => s.therapist!.trim())),
			sessions: episode.sessions.length,
			lastDay: day(episode.sessions[episode.sessions.length - 1]!),
			scores,
			baseline,
			last,
			improvement
		};
	});
}

export interface ReferenceFlags {
	patient: string;
	condition: string;
	notProgressing: boolean | null;
	worse: boolean | null;
	overdue: boolean | null;
	weeksSince: number;
}

/** The three flags of every episode of `therapist`, one episode at a time (docs/therapist.md). */
export function referenceFlags(
	csv: string,
	m: ReferenceMeasure,
	o: { therapist: string; stallAfter: number; overdueWeeks: number; planned: number }
): ReferenceFlags[] {
	const all = referenceOutcomes(csv, m);
	const dataEnd = Math.max(...all.map((e) => e.lastDay));
	const hasMcid = m.mcidPoints !== null || m.mcidPercent !== null;
	const pct = (e: ReferenceOutcome) =>
		e.baseline ? (100 * e.improvement!) / Math.abs(e.baseline) : null;
	return all
		.filter((e) => e.therapist === o.therapist)
		.map((e) => {
			const known = e.improvement !== null;
			const p = known ? pct(e) : null;
			const responder =
				known && hasMcid
					? (m.mcidPoints !== null && e.improvement! >= m.mcidPoints - 1e-9) ||
						(m.mcidPercent !== null && p !== null && p >= m.mcidPercent - 1e-9)
					: null;
			const worse = !known
				? null
				: !hasMcid
					? e.improvement! < 0
					: (m.mcidPoints !== null && -e.improvement! >= m.mcidPoints) ||
						(m.mcidPercent !== null && p !== null && -p >= m.mcidPercent);
			const daysSince = Math.round((dataEnd - e.lastDay) / DAY);
			return {
				patient: e.episode.patient,
				condition: e.episode.condition,
				notProgressing: responder === null ? null : e.sessions >= o.stallAfter && !responder,
				worse,
				overdue: daysSince >= 7 * o.overdueWeeks && e.sessions < o.planned && responder !== true,
				weeksSince: Math.floor(daysSince / 7)
			};
		});
}

export interface ReferenceBandPoint {
	x: number;
	n: number;
	patients: number;
	q25: number | null;
	median: number | null;
	q75: number | null;
}

/**
 * The band around `of` by session number: other patients' episodes with the same condition and
 * technique and a baseline within `tolerance` of its, their scores at each session.
 */
export function referenceBand(
	csv: string,
	m: ReferenceMeasure,
	of: { patient: string; condition: string; technique: string },
	tolerance: number,
	minPatients = 5
): ReferenceBandPoint[] {
	const all = referenceOutcomes(csv, m);
	const self = all.find(
		(e) =>
			e.episode.patient === of.patient &&
			e.episode.condition === of.condition &&
			e.episode.technique === of.technique
	)!;
	const peers = all.filter(
		(e) =>
			e.episode.patient !== of.patient &&
			e.episode.condition === of.condition &&
			e.episode.technique === of.technique &&
			e.baseline !== null &&
			Math.abs(e.baseline - self.baseline!) <= tolerance + 1e-9
	);
	const at = new Map<number, { patient: string; value: number }[]>();
	for (const e of peers)
		e.scores.forEach((value, i) => {
			if (value !== null)
				at.set(i + 1, [...(at.get(i + 1) ?? []), { patient: e.episode.patient, value }]);
		});
	return [...at.entries()]
		.sort((a, b) => a[0] - b[0])
		.map(([x, found]) => {
			const patients = new Set(found.map((f) => f.patient)).size;
			const values = found.map((f) => f.value).sort((a, b) => a - b);
			const shown = patients >= minPatients;
			return {
				x,
				n: found.length,
				patients,
				q25: shown ? quantile(values, 0.25)! : null,
				median: shown ? quantile(values, 0.5)! : null,
				q75: shown ? quantile(values, 0.75)! : null
			};
		});
}
