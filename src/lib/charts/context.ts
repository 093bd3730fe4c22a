import { getContext, setContext } from 'svelte';
import type { AnyScale } from './scales';

/**
 * What every mark reads from the plot it sits in (Layer Cake's idea: a context holding the scales,
 * and small marks that draw from it). The scales already span the plot's pixels.
 */
export interface ChartContext {
	readonly x: AnyScale;
	readonly y: AnyScale;
	readonly width: number;
	readonly height: number;
}

/** The visible tooltip of the surrounding chart; marks show their text on hover and focus. */
export interface TooltipControl {
	show(text: string, target: Element): void;
	hide(): void;
}

const CHART = Symbol('chart');
const TOOLTIP = Symbol('tooltip');

export const setChartContext = (ctx: ChartContext) => setContext(CHART, ctx);
export const getChartContext = () => getContext<ChartContext>(CHART);
export const setTooltipContext = (ctx: TooltipControl) => setContext(TOOLTIP, ctx);
export const getTooltipContext = (): TooltipControl | undefined =>
	getContext<TooltipControl | undefined>(TOOLTIP);
