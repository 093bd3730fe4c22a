import { scaleDiverging, scaleSequential } from 'd3-scale';
import { interpolatePuOr, interpolatePurples } from 'd3-scale-chromatic';
import type { SummaryRow } from '../stats/summary';

/** One condition × technique cell: a summaryQuery row grouped by condition and technique. */
export type MatrixRow = { condition: string; technique: string } & Pick<
	SummaryRow,
	| 'n'
	| 'patients'
	| 'suppressed'
	| 'improvement_mean'
	| 'ci_low'
	| 'ci_high'
	| 'responder_rate'
	| 'responder_ci_low'
	| 'responder_ci_high'
>;

export type MatrixMetric = 'improvement' | 'responder_rate';

export interface MatrixCellKey {
	condition: string;
	technique: string;
}

/** The drawn statistic and its interval for the chosen metric (null when suppressed). */
export function metricOf(row: MatrixRow, metric: MatrixMetric) {
	return metric === 'improvement'
		? { value: row.improvement_mean, lo: row.ci_low, hi: row.ci_high }
		: { value: row.responder_rate, lo: row.responder_ci_low, hi: row.responder_ci_high };
}

/**
 * Keys ordered best first by the unweighted average of their cells' values, so the answer reads
 * from the top-left corner; keys with no value last, ties by name. A given order wins; keys it
 * does not list follow it in the same best-first order.
 */
export function orderKeys(
	keys: readonly string[],
	valueOf: (key: string) => readonly (number | null)[],
	given: readonly string[] = []
): string[] {
	const mean = (key: string) => {
		const values = valueOf(key).filter((v): v is number => v !== null);
		return values.length ? values.reduce((a, b) => a + b, 0) / values.length : -Infinity;
	};
	const listed = given.filter((k) => keys.includes(k));
	const rest = keys
		.filter((k) => !listed.includes(k))
		.map((k) => ({ k, m: mean(k) }))
		.sort((a, b) => b.m - a.m || a.k.localeCompare(b.k))
		.map(({ k }) => k);
	return [...listed, ...rest];
}

/**
 * Fill colour for a value. Improvement: purple–orange (ColorBrewer PuOr, readable with the common
 * colour-vision deficiencies) centred on no change, symmetric so equal gains and losses look
 * equally strong. Rates: sequential purples, or PuOr centred on a reference rate when given.
 */
export function cellColor(
	metric: MatrixMetric,
	values: readonly number[],
	reference: number | null = null
): (value: number) => string {
	if (metric === 'improvement') {
		const extent = Math.max(...values.map(Math.abs), 1e-9);
		const scale = scaleDiverging((t) => interpolatePuOr(1 - t)).domain([-extent, 0, extent]);
		return (v) => scale(v);
	}
	if (reference !== null) {
		const scale = scaleDiverging((t) => interpolatePuOr(1 - t)).domain([0, reference, 1]);
		return (v) => scale(v);
	}
	const scale = scaleSequential(interpolatePurples).domain([0, 1]);
	return (v) => scale(v);
}

/** Five labelled stops for the colour key under the matrix. */
export function keyStops(
	color: (value: number) => string,
	domain: [number, number],
	format: (value: number) => string
) {
	const [a, b] = domain;
	return [0, 0.25, 0.5, 0.75, 1].map((t) => {
		const value = a + (b - a) * t;
		return { color: color(value), label: format(value) };
	});
}

/** Rows (conditions) and columns (techniques), each best first unless an order is given. */
export function matrixOrder(
	rows: readonly MatrixRow[],
	metric: MatrixMetric,
	conditionOrder: readonly string[] = [],
	techniqueOrder: readonly string[] = []
) {
	const values = (field: 'condition' | 'technique') => (key: string) =>
		rows.filter((r) => r[field] === key).map((r) => metricOf(r, metric).value);
	const keys = (field: 'condition' | 'technique') => [...new Set(rows.map((r) => r[field]))];
	return {
		conditions: orderKeys(keys('condition'), values('condition'), conditionOrder),
		techniques: orderKeys(keys('technique'), values('technique'), techniqueOrder)
	};
}
