import { MEASURE_PRESETS } from './presets';
import { BUILT_IN_MEASURES, type Measure } from './registry';

/** The registry of a dataset: the measures it maps, custom definitions taking precedence. */
export function resolveMeasures(
	keys: readonly string[],
	custom: readonly Measure[] = []
): Measure[] {
	const known = [...custom, ...BUILT_IN_MEASURES, ...MEASURE_PRESETS];
	return keys.map((key) => {
		const measure = known.find((m) => m.key === key);
		if (!measure) {
			throw new Error(
				`"${key}" is not a known measure: define it as a custom measure (label, unit, range, direction, MCID).`
			);
		}
		return measure;
	});
}
