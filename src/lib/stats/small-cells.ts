/** Below this many patients a cell shows "too few patients", not a number (domain.md). */
export const MIN_CELL_N = 5;

export const isTooSmall = (n: number) => n < MIN_CELL_N;
