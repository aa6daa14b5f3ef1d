import type { Pool } from './pool';
import type { RankSettings } from './rank';

/** What to do with items the visitor already chose: `demote` (default), `hide` (leave them out) or `keep`. */
export type Seen = 'demote' | 'hide' | 'keep';

/** How far, in list shares, an item the visitor just chose moves down. */
const SEEN_DEMOTION = 1;
/** With `hide`, an item is left out while its weight is at least a half-faded click. */
const SEEN_HIDDEN = 0.5;

/** How far each item was moved down for being seen, and whether it is left out. */
export interface Demoted {
  readonly by: Float64Array;
  hidden(index: number): boolean;
}

/**
 * Moves items the visitor chose down by up to the whole list while fresh (one
 * click), less as the visit fades, so a favourite comes back; lowers `scores`
 * in place.
 */
export function demoteSeen({ candidates, chosen }: Pool, scores: Float64Array, { seen, strength }: RankSettings): Demoted {
  const by = new Float64Array(candidates.length);
  if (seen !== 'keep' && strength > 0 && chosen.size) {
    for (let i = 0; i < candidates.length; i++) {
      const weight = chosen.get(candidates[i]!.id);
      if (weight !== undefined) scores[i]! -= by[i] = SEEN_DEMOTION * Math.min(1, weight);
    }
  }
  return { by, hidden: (index) => seen === 'hide' && by[index]! >= SEEN_DEMOTION * SEEN_HIDDEN };
}
