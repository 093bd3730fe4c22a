import { describe, expect, it } from 'vitest';
import { funnelCurve, funnelDomains, funnelZone, labelSides, type ProviderRow } from './funnel';

const row = (over: Partial<ProviderRow>): ProviderRow => ({
	provider: 'North',
	n: 20,
	patients: 15,
	suppressed: false,
	observed_mean: 2.5,
	expected_mean: 2.4,
	difference: 0.1,
	ci_low: -0.5,
	ci_high: 0.7,
	se: 0.3,
	limit_95: 0.588,
	limit_998: 0.9,
	z: 0.33,
	baseline_mean: 6,
	sessions_mean: 5,
	model_n: 41,
	model_rank: 10,
	sigma: 1.3416,
	...over
});

describe('funnelCurve', () => {
	it('is z σ/√n from where it enters the plot to the largest caseload, denser at small n', () => {
		const curve = funnelCurve(2, 3, 1.5, 100, 8);
		// 3 × 2 / √n = 1.5 at n = 16: the curve starts at the axis's end.
		expect(curve[0]!.n).toBeCloseTo(16, 9);
		expect(curve[0]!.limit).toBeCloseTo(1.5, 12);
		expect(curve.at(-1)!.n).toBeCloseTo(100, 9);
		for (const p of curve) expect(p.limit).toBeCloseTo(6 / Math.sqrt(p.n), 12);
		expect(curve[1]!.n - curve[0]!.n).toBeLessThan(curve[8]!.n - curve[7]!.n);
	});

	it('starts at one episode when the limit is inside the plot there, and is empty without σ', () => {
		expect(funnelCurve(0.1, 1.959963984540054, 1, 50)[0]!.n).toBe(1);
		expect(funnelCurve(0, 3, 1, 50)).toEqual([]);
		expect(funnelCurve(10, 3, 0.1, 50)).toEqual([]);
	});
});

describe('funnelZone', () => {
	it.each([
		[0.5, 'within'],
		[-2.1, 'beyond 95 %'],
		[3.2, 'beyond 99.8 %'],
		[null, null]
	] as const)('z = %s is %s', (z, zone) => {
		expect(funnelZone(row({ z }))).toBe(zone);
	});
});

describe('funnelDomains', () => {
	it('holds every point and the 95 % limits, symmetric about no difference', () => {
		const rows = [row({ difference: -1.4, n: 50 }), row({ difference: 0.2, limit_95: 0.9 })];
		const { n, difference } = funnelDomains(rows);
		expect(n[1]).toBeGreaterThan(50);
		expect(difference).toEqual([-1.4, 1.4]);
	});

	it('gives an axis when every caseload is too small to show', () => {
		const rows = [row({ suppressed: true, difference: null, limit_95: null, z: null })];
		expect(funnelDomains(rows).difference).toEqual([-0.5, 0.5]);
	});
});

describe('labelSides', () => {
	const at = (n: number, difference: number, width = 5) => ({ n, difference, width });

	it('puts a name beside its point unless a nearby name is there, then above, then below', () => {
		const sides = labelSides([at(30, 0.07), at(31, 0.06), at(32, 0.05), at(60, 0.06)], 0.1);
		expect(sides).toEqual(['right', 'above', 'below', 'right']);
	});

	it('leaves a name off when all three places are taken, rather than print it over another', () => {
		const sides = labelSides([at(30, 0.07), at(31, 0.06), at(32, 0.05), at(33, 0.06)], 0.1);
		expect(sides).toEqual(['right', 'above', 'below', null]);
	});

	it('measures the reach of a name by its length: a short one leaves room beside it', () => {
		expect(labelSides([at(30, 0.07, 1), at(32, 0.06)], 0.1)).toEqual(['right', 'right']);
		expect(labelSides([at(30, 0.07, 3), at(32, 0.06)], 0.1)).toEqual(['right', 'above']);
	});
});
