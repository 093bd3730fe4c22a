/**
 * A trend point describing fewer patients than this keeps its counts but no mean, SD or interval:
 * it says "too few patients" (domain.md; the default threshold). Counted in people, not episodes,
 * so a patient treated several times cannot make a cell look big enough.
 */
export const MIN_CELL_PATIENTS = 5;
