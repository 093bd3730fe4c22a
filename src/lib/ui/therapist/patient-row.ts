import type { TrajectoryPoint } from '../../charts/trajectory';

/** One row of the therapist's list, as stats/patient-list.ts answers it. */
export interface PatientRow {
	episode: number;
	patient: string;
	therapist: string;
	condition: string | null;
	technique: string | null;
	sessions: number;
	last_date: number | null;
	weeks_since: number | null;
	baseline: number | null;
	last: number | null;
	improvement: number | null;
	not_progressing: boolean | null;
	worse: boolean | null;
	overdue: boolean | null;
	found: number;
}

/** The flags a row carries, in words, most urgent first. */
export function flagLabels(row: PatientRow): string[] {
	return [
		row.worse ? 'getting worse' : null,
		row.not_progressing ? 'not progressing' : null,
		row.overdue ? 'overdue' : null
	].filter((f): f is string => f !== null);
}

/** Sparkline points by episode and measure, from rows of episode, measure, x, value. */
export function sparklineIndex(
	rows: readonly (TrajectoryPoint & { episode: number; measure: string })[]
): (episode: number, measure: string) => TrajectoryPoint[] {
	const lines = new Map<string, TrajectoryPoint[]>();
	for (const p of rows) {
		const key = `${p.episode}/${p.measure}`;
		lines.set(key, [...(lines.get(key) ?? []), p]);
	}
	return (episode, measure) => lines.get(`${episode}/${measure}`) ?? [];
}

/** The most episodes the comparison overlays: one colour and dash each (charts/palette.ts). */
export const MAX_COMPARED = 8;
