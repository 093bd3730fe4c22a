import { formatCi, formatNumber, formatPercent, formatPercentCi, nText } from './format';
import { metricOf, type MatrixMetric, type MatrixRow } from './matrix';

/** How a matrix cell reads in its box, its tooltip and the table, for the chosen metric. */
export function matrixText(metric: MatrixMetric, unit: string) {
	const improvement = metric === 'improvement';
	const statistic = improvement ? 'mean improvement' : 'responders';
	const format = (v: number | null) => (improvement ? formatNumber(v, 1) : formatPercent(v));
	const ci = (r: MatrixRow) => {
		const { lo, hi } = metricOf(r, metric);
		return improvement ? formatCi(lo, hi) : formatPercentCi(lo, hi);
	};
	const tooltip = (r: MatrixRow) =>
		`${r.condition} × ${r.technique}: ` +
		(r.suppressed
			? `too few patients (${nText(r)})`
			: `${statistic} ${format(metricOf(r, metric).value)}${improvement ? ` ${unit}` : ''}` +
				` (95 % CI ${ci(r)}), ${nText(r)}`);
	return { improvement, statistic, format, ci, tooltip };
}
