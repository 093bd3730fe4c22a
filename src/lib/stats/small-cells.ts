/** Below this many patients a cell shows "too few patients", not a number (domain.md). */
export const MIN_CELL_N = 5;

/** Counted in people, not episodes: one patient treated often must not make a cell look big. */
export const isTooSmall = (patients: number) => patients < MIN_CELL_N;
