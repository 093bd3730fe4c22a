/**
 * Target states trials report beside change scores: the last value at or better than this
 * (domain.md: "pain-free or nearly" = pain ≤ 1 on the 0–10 NPRS). A measure without one has no
 * stored target flag; a user can still ask for any target, which the statistics bind.
 */
export const DEFAULT_TARGETS: Readonly<Record<string, number>> = { pain: 1 };

/**
 * Scores are decimals in a double: 6.3 − 4.3 is 1.9999999999999996, which must still count as a
 * 2-point improvement. Comparisons against a threshold allow this much slack.
 */
export const THRESHOLD_SLACK = 1e-9;
