import { CATEGORY_FIELDS, SOURCES, type Clause } from '../selection/clause';
import { ignored, PARAMS } from './analysis-schema';
import { defaultState, type AnalysisState } from './analysis-state';

export { defaultState, type AnalysisState } from './analysis-state';

/** The version this code writes. A link without `v` is from before versions (see decode). */
const VERSION = '1';

/**
 * The state as a query string (no leading '?'): `v=1` first, then the parameters in schema
 * order, each list as repeated parameters, defaults left out. The default view is '' (the plain
 * address), which decodes to the default view whatever the version.
 */
export function encode(state: AnalysisState): string {
	const out = new URLSearchParams({ v: VERSION });
	for (const param of PARAMS) param.write(state, out);
	return out.size > 1 ? out.toString() : '';
}

/**
 * The state a link describes. Every text that is not a valid value is left out (that setting
 * keeps its default) and named, in plain words, in `dropped`, so the page can say what it did
 * not apply instead of failing or guessing. Parameters this view does not own are ignored:
 * other parts of the page may add their own.
 *
 * Links from before versions (no `v`) held only `measure` and a single `condition`, where an
 * empty value meant "all": condition=X becomes the condition filter [X], empty values are unset.
 */
export function decode(params: URLSearchParams | string): {
	state: AnalysisState;
	dropped: string[];
} {
	const input = typeof params === 'string' ? new URLSearchParams(params) : params;
	const state = defaultState();
	const dropped: string[] = [];
	const versions = input.getAll('v');
	const legacy = versions.length === 0;
	versions.forEach((v, i) => {
		if (i > 0) dropped.push(ignored('v', v, 'only the first v is used'));
		else if (v !== VERSION)
			dropped.push(
				ignored('v', v, `not a version known here; the link was read as version ${VERSION}`)
			);
	});
	for (const param of PARAMS) {
		const texts = input.getAll(param.key).filter((t) => !legacy || t !== '');
		if (texts.length) param.read(texts, state, dropped);
	}
	return { state, dropped };
}

/**
 * The clauses the state selects: the filter bar's (source 'filters', applying to every chart)
 * and each chart's selection under its own source, so that chart is not filtered by its click.
 */
export function clausesFromState(state: AnalysisState): Clause[] {
	const { filters, select } = state;
	const clauses: Clause[] = [];
	for (const field of CATEGORY_FIELDS)
		if (filters[field].length)
			clauses.push({ source: SOURCES.filters, field, values: [...filters[field]] });
	if (filters.length_band.length)
		clauses.push({
			source: SOURCES.filters,
			field: 'length_band',
			values: [...filters.length_band]
		});
	if (filters.from !== null || filters.to !== null)
		clauses.push({
			source: SOURCES.filters,
			field: 'start_date',
			from: filters.from,
			to: filters.to
		});
	if (select.condition !== null)
		clauses.push({ source: SOURCES.matrix, field: 'condition', values: [select.condition] });
	if (select.technique !== null)
		clauses.push({ source: SOURCES.matrix, field: 'technique', values: [select.technique] });
	if (select.length_band !== null)
		clauses.push({
			source: SOURCES.doseLength,
			field: 'length_band',
			values: [select.length_band]
		});
	if (select.sessions !== null)
		clauses.push({ source: SOURCES.doseSessions, field: 'sessions', values: [select.sessions] });
	return clauses;
}
