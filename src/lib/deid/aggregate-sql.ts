import type { QuerySpec } from '../engine/engine';
import { NO_FILTER } from '../stats/sql';
import { summaryQuery } from '../stats/summary';

/** The CMS cell-size rule: no cell describing fewer than 11 patients is shown (domain.md). */
export const AGGREGATE_MIN_PATIENTS = 11;

export const AGGREGATE_COLUMNS = [
	['measure', 'VARCHAR', 'the measure'],
	['condition', 'VARCHAR', 'condition treated'],
	['technique', 'VARCHAR', 'massage technique'],
	['episodes', 'INTEGER', 'episodes of care with a baseline and a follow-up score'],
	['patients', 'INTEGER', 'distinct patients behind them'],
	['improvement_mean', 'DOUBLE', 'mean improvement (positive = better), in the measure’s units'],
	['improvement_sd', 'DOUBLE', 'standard deviation of the improvement'],
	['ci_low', 'DOUBLE', '95 % t-interval of the mean, lower end'],
	['ci_high', 'DOUBLE', '95 % t-interval of the mean, upper end'],
	['responder_rate', 'DOUBLE', 'share of episodes improving by at least the MCID'],
	['responder_ci_low', 'DOUBLE', 'Wilson 95 % interval of that share, lower end'],
	['responder_ci_high', 'DOUBLE', 'Wilson 95 % interval of that share, upper end'],
	['note', 'VARCHAR', 'why a cell shows no numbers']
] as const;

export const createAggregateSql = () =>
	`CREATE OR REPLACE TEMP TABLE deid_aggregate (${AGGREGATE_COLUMNS.map(([c, t]) => `"${c}" ${t}`).join(', ')})`;

const CELL_NOTE = `fewer than ${AGGREGATE_MIN_PATIENTS} patients`;
const SHARE_NOTE = `responder share withheld: fewer than ${AGGREGATE_MIN_PATIENTS} responders or non-responders`;

/**
 * One measure's condition × technique summary (summaryQuery, the analysis page's builder, over
 * the whole dataset) added to deid_aggregate. A cell describing fewer than 11 patients keeps
 * only its labels: its counts go too, as CMS requires of any count from 1 to 10. Its responder
 * share goes when responders or non-responders number fewer than 11, since the share times the
 * episodes would give that count back.
 */
export function aggregateInsertQuery(measure: string): QuerySpec {
	const summary = summaryQuery({
		measure,
		filter: NO_FILTER,
		by: ['condition', 'technique'],
		minPatients: AGGREGATE_MIN_PATIENTS
	});
	const few = `least(responders, round(responders / NULLIF(responder_rate, 0)) - responders) < ${AGGREGATE_MIN_PATIENTS}`;
	const share = (c: string) => `CASE WHEN NOT (${few}) THEN ${c} END`;
	return {
		sql: `INSERT INTO deid_aggregate
			SELECT ?::VARCHAR, condition, technique,
				CASE WHEN NOT suppressed THEN n END, CASE WHEN NOT suppressed THEN patients END,
				improvement_mean, improvement_sd, ci_low, ci_high,
				${share('responder_rate')}, ${share('responder_ci_low')}, ${share('responder_ci_high')},
				CASE WHEN suppressed THEN '${CELL_NOTE}'
					WHEN responders IS NOT NULL AND (responder_rate = 0 OR ${few}) THEN '${SHARE_NOTE}' END
			FROM (${summary.sql})`,
		params: [measure, ...(summary.params ?? [])]
	};
}
