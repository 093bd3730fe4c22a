import type { QueryEngine } from '../engine/engine';
import { rowObjects } from '../engine/rows';
import { datasetInfoQuery, measuresQuery } from '../import/metadata-sql';
import type { Measure } from '../measures/registry';

export interface DatasetInfo {
	name: string;
	/** Which sessions column trends run along: session number, or the source's visit/week. */
	timeAxis: 'session_no' | 'visit';
	timeUnit: string;
	layout: string;
}

type MeasureRow = Omit<Measure, 'mcid'> & {
	mcid_points: number | null;
	mcid_percent: number | null;
	mcid_source: string | null;
};

/** Reads the loaded dataset's measure registry and description from its tables. */
export async function readDatasetMeta(
	db: Pick<QueryEngine, 'query'>
): Promise<{ info: DatasetInfo; measures: Measure[] }> {
	const measureRows = rowObjects<MeasureRow>(await db.query({ sql: measuresQuery().sql }));
	const [info] = rowObjects(await db.query({ sql: datasetInfoQuery().sql }));
	const measures = measureRows.map(({ mcid_points, mcid_percent, mcid_source, ...m }) => ({
		...m,
		mcid:
			mcid_points === null && mcid_percent === null
				? null
				: {
						points: mcid_points ?? undefined,
						percent: mcid_percent ?? undefined,
						source: mcid_source ?? ''
					}
	}));
	return {
		measures,
		info: {
			name: String(info?.name ?? ''),
			timeAxis: info?.time_axis === 'visit' ? 'visit' : 'session_no',
			timeUnit: String(info?.time_unit ?? 'session'),
			layout: String(info?.layout ?? 'wide')
		}
	};
}
