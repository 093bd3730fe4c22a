import type { ScaleLinear } from 'd3-scale';
import { getContext, setContext } from 'svelte';

/** What every mark reads from the chart it sits in (Layer Cake's idea: context + small marks). */
export interface ChartContext {
	readonly x: ScaleLinear<number, number>;
	readonly y: ScaleLinear<number, number>;
	readonly width: number;
	readonly height: number;
}

const KEY = Symbol('chart');

export const setChartContext = (ctx: ChartContext) => setContext(KEY, ctx);
export const getChartContext = () => getContext<ChartContext>(KEY);
