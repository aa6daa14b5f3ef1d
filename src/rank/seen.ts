import type { Pool } from './pool';
import type { RankSettings } from './rank';

/** What to do with items the visitor already chose: `demote` (default), `hide` (leave them out) or `keep`. */
export type Seen = 'demote' | 'hide' | 'keep';

/**
 * How far, in the score's units (log odds), an item the visitor just chose
 * moves down, besides what its own choice taught the profile: below the
 * unread items of the same interest, which is what the visitor came back for.
 * A step alone is not enough: an item chosen has every feature its choice
 * taught, so it matches the profile on more of them (topic and author) than
 * the unread items of its topic do.
 */
const SEEN_DEMOTION = 3;
/** With `hide`, an item is left out while its weight is at least a half-faded click. */
const SEEN_HIDDEN = 0.5;
/**
 * How far an item the visitor turned down moves: past every score the parts
 * can give, so it leaves the places in view, while its weight is at least
 * that of a half-faded click turned down.
 */
const PASSED_DEMOTION = 1000;
const PASSED_WEIGHT = 0.5;

/** How far each item was moved down for being seen or turned down, whether it is left out, and why. */
export interface Demoted {
  readonly by: Float64Array;
  readonly passed: ReadonlySet<number>;
  hidden(index: number): boolean;
}

/**
 * Moves items the visitor chose down by SEEN_DEMOTION and by what their own
 * choice taught the profile (their share of everything chosen, of the lift
 * the profile's parts give them in `own`), while fresh (one click), less as
 * the visit fades, so a favourite comes back; items they turned down move out
 * of view. Lowers `scores` in place.
 */
export function demoteSeen({ candidates, chosen, turnedDown, indexOf }: Pool, scores: Float64Array, own: Float64Array, { seen, strength }: RankSettings): Demoted {
  const by = new Float64Array(candidates.length);
  const passed = new Set<number>();
  const fresh = new Set<number>();
  // The visitor's items are few beside a long list: each is looked up among the candidates.
  if (strength > 0 && seen !== 'keep') {
    let total = 0;
    for (const weight of chosen.values()) total += Math.max(0, weight);
    for (const [item, weight] of chosen) {
      const i = indexOf.get(item);
      if (i === undefined) continue;
      const taught = total > 0 ? (Math.max(0, own[i]!) * Math.max(0, weight)) / total : 0;
      scores[i]! -= by[i] = (SEEN_DEMOTION + taught) * Math.min(1, weight);
      if (weight >= SEEN_HIDDEN) fresh.add(i);
    }
  }
  if (strength > 0) {
    for (const [item, weight] of turnedDown) {
      const i = indexOf.get(item);
      if (i !== undefined && weight >= PASSED_WEIGHT) (scores[i]! -= PASSED_DEMOTION), passed.add(i);
    }
  }
  return { by, passed, hidden: (index) => seen === 'hide' && fresh.has(index) };
}
