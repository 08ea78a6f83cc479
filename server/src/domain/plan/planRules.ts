/**
 * The plan rules' thresholds, in one place so the validation, the tests and the editor agree.
 * Sizes from the demo county (seed): the smallest group is ~3,000 m², the smallest village ~0.9 km².
 */

/** A grid smaller than this is a sliver left by an edit, not a grid (error `too_small`). */
export const minAreaSquareMeters: Record<'village' | 'group', number> = { village: 10_000, group: 1_000 };

/**
 * Household balance (like a redistricting tool's balance column): a grid whose household count
 * deviates from its siblings' mean by more than this many percent gets a `imbalance` warning.
 */
export const maxDeviationPercent = 50;

/** A plan lock lasts this long unless renewed (POST /api/plans/:id/lock). */
export const lockSeconds = 5 * 60;

/** Impact lists are capped; counts are exact. */
export const impactItemLimit = 200;
