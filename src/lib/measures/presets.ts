import type { Measure } from './registry';

/**
 * Instruments clinics often record beyond the four built-ins (domain.md). Recognised by their
 * column names on import and offered when adding a custom measure; each stays editable.
 */
export const MEASURE_PRESETS: readonly Measure[] = [
	{
		key: 'pain_vas',
		label: 'Pain (VAS)',
		instrument: 'Visual analogue scale, 0–100 mm',
		unit: 'mm (0–100)',
		min: 0,
		max: 100,
		better: 'lower',
		mcid: { points: 15, percent: 30, source: 'Ostelo et al., Spine 2008' }
	},
	{
		key: 'pain_post',
		label: 'Pain after the session',
		instrument: 'NPRS, scored after the session',
		unit: 'points (0–10)',
		min: 0,
		max: 10,
		better: 'lower',
		mcid: { points: 2, percent: 30, source: 'Ostelo et al., Spine 2008; Farrar et al., Pain 2001' }
	},
	{
		key: 'odi',
		label: 'Oswestry Disability Index',
		instrument: 'ODI',
		unit: 'points (0–100)',
		min: 0,
		max: 100,
		better: 'lower',
		mcid: { points: 10, percent: 30, source: 'Ostelo et al., Spine 2008' }
	},
	{
		key: 'ndi',
		label: 'Neck Disability Index',
		instrument: 'NDI',
		unit: 'points (0–50)',
		min: 0,
		max: 50,
		better: 'lower',
		mcid: { points: 7.5, source: 'Young et al. 2009' }
	},
	{
		key: 'psfs',
		label: 'Patient-Specific Functional Scale',
		instrument: 'PSFS (mean of items)',
		unit: 'points (0–10)',
		min: 0,
		max: 10,
		better: 'higher',
		mcid: { points: 2.3, source: 'Abbott & Schmitt 2014' }
	},
	{
		key: 'twstrs',
		label: 'TWSTRS total',
		instrument: 'Toronto Western Spasmodic Torticollis Rating Scale',
		unit: 'points (0–87)',
		min: 0,
		max: 87,
		better: 'lower',
		mcid: null
	}
];
