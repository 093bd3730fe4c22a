import type { AnalysisState } from '../../state/analysis-state';

/**
 * What a trajectory's x axis counts, as its label says: weeks since the first session, or the
 * dataset's own time unit (session number, or visits/weeks as the import mapped them).
 */
export function axisLabel(axis: AnalysisState['axis'], unit: string): string {
	if (axis === 'week') return 'Weeks since the episode’s first session';
	return unit === 'session'
		? 'Session number within the episode of care'
		: `${unit[0]!.toUpperCase()}${unit.slice(1)}`;
}
