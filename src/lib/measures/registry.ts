/**
 * The measures the product knows. Built-ins follow ../shared/domain.md; custom measures (Oswestry,
 * TWSTRS, …) are added per dataset with the same shape.
 */
export type Direction = 'lower' | 'higher';

/** Minimal clinically important difference: points, % of baseline, either suffices. */
export interface Mcid {
	points?: number;
	percent?: number;
	source: string;
}

export interface Measure {
	key: string;
	label: string;
	instrument: string;
	unit: string;
	min: number;
	max: number;
	better: Direction;
	/** null = no validated MCID: the UI must say so and ask for a threshold. */
	mcid: Mcid | null;
}

export const BUILT_IN_MEASURES: readonly Measure[] = [
	{
		key: 'pain',
		label: 'Pain',
		instrument: 'NPRS (numeric pain rating scale)',
		unit: 'points (0–10)',
		min: 0,
		max: 10,
		better: 'lower',
		mcid: { points: 2, percent: 30, source: 'Ostelo et al., Spine 2008; Farrar et al., Pain 2001' }
	},
	{
		key: 'flexibility',
		label: 'Flexibility',
		instrument: 'Range of motion, % of normal',
		unit: '% of normal',
		min: 0,
		max: 100,
		better: 'higher',
		mcid: null
	},
	{
		key: 'sleep',
		label: 'Sleep quality',
		instrument: '0–10 sleep quality item',
		unit: 'points (0–10)',
		min: 0,
		max: 10,
		better: 'higher',
		mcid: null
	},
	{
		key: 'stress',
		label: 'Stress',
		instrument: '0–10 stress item',
		unit: 'points (0–10)',
		min: 0,
		max: 10,
		better: 'lower',
		mcid: null
	}
];

/** The unit as axis labels and sentences use it: "points (0–10)" reads "points". */
export const shortUnit = (m: Pick<Measure, 'unit'>) =>
	m.unit.replace(/\s*\([^)]*\)\s*$/, '') || m.unit;
