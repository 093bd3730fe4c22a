import { describe, expect, it } from 'vitest';
import { BUILT_IN_MEASURES } from '../measures/registry';
import { conditionFindings, extremePairs, type Cell } from './sentences';

const [pain, flexibility] = BUILT_IN_MEASURES;
const cell = (over: Partial<Cell>): Cell => ({
	condition: 'Low back pain',
	technique: 'Deep tissue',
	n: 64,
	patients: 60,
	suppressed: false,
	improvement_mean: 1.8,
	ci_low: 1.2,
	ci_high: 2.4,
	responder_rate: 0.42,
	...over
});

describe('one sentence per condition', () => {
	it('says the best technique with its interval, n and responder share', () => {
		const [f] = conditionFindings(
			[cell({}), cell({ technique: 'Swedish', improvement_mean: 0.4, ci_low: 0.1, ci_high: 0.7 })],
			pain!
		);
		expect(f!.text).toBe(
			'Low back pain, Deep tissue: pain down 1.8 points on average (95 % CI 1.2 to 2.4); 42 % of 64 episodes improved by a clinically important amount.'
		);
	});

	it('says when the runner-up cannot be told apart, and when no change is possible', () => {
		const [f] = conditionFindings(
			[
				cell({ improvement_mean: 0.5, ci_low: -0.2, ci_high: 1.2 }),
				cell({ technique: 'Swedish', improvement_mean: 0.3, ci_low: -0.5, ci_high: 1.1 })
			],
			pain!
		);
		expect(f!.text).toContain('(95 % CI −0.2 to 1.2, which includes no change)');
		expect(f!.text).toContain('overlaps that of Swedish (0.3 on average)');
	});

	it('turns a worsening into "up" with the interval in the same terms', () => {
		const [f] = conditionFindings(
			[cell({ improvement_mean: -0.6, ci_low: -1, ci_high: -0.2 })],
			pain!
		);
		expect(f!.text).toContain('pain up 0.6 points on average (95 % CI 0.2 to 1.0)');
	});

	it('never states a small cell, and says a measure has no validated MCID', () => {
		const small = conditionFindings([cell({ suppressed: true, improvement_mean: null })], pain!);
		expect(small[0]!.text).toBe('Low back pain: too few patients per technique to say what works.');
		const [f] = conditionFindings(
			[cell({ improvement_mean: 4, responder_rate: null })],
			flexibility!
		);
		expect(f!.text).toContain('flexibility up 4.0 % of normal');
		expect(f!.text).toContain('no validated MCID for flexibility: set a threshold');
	});
});

describe('the strongest and weakest pairs', () => {
	it('names both with their intervals, and says when the data tell them apart', () => {
		const cells = [
			cell({}),
			cell({
				condition: 'Neck pain',
				technique: 'Swedish',
				improvement_mean: 0.1,
				ci_low: -0.3,
				ci_high: 0.5
			}),
			cell({ technique: 'Swedish', improvement_mean: 0.9, ci_low: 0.2, ci_high: 1.6 }),
			cell({ technique: 'Sports massage', suppressed: true, improvement_mean: null })
		];
		const pairs = extremePairs(cells, pain!)!;
		expect(pairs.strongest).toBe(
			'Strongest: Low back pain, Deep tissue: pain down 1.8 points on average (95 % CI 1.2 to 2.4); 42 % of 64 episodes improved by a clinically important amount.'
		);
		expect(pairs.weakest).toContain('Weakest: Neck pain, Swedish: pain down 0.1 points on average');
		expect(pairs.weakest).toContain('which includes no change');
		expect(pairs.weakest).toContain('Its interval lies below the strongest’s.');
	});

	it('never claims a difference the intervals do not show, nor speaks of small cells', () => {
		const close = [
			cell({}),
			cell({ technique: 'Swedish', improvement_mean: 1.3, ci_low: 0.6, ci_high: 2 })
		];
		expect(extremePairs(close, pain!)!.weakest).toContain('do not show the two differ');
		expect(extremePairs([cell({})], pain!)!.weakest).toBeNull();
		expect(extremePairs([cell({ suppressed: true })], pain!)).toBeNull();
	});
});
