/**
 * Re-ranking after scoring, so a list is not all near-copies of one interest
 * and no provider fills it alone:
 * - diversity: maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998)
 *   over the first places, with items compared by their features;
 * - exposure caps: at most N items sharing a feature prefix's value
 *   (`author:2`) before every other item has had its place.
 */

/** How many leading places diversity reorders: beyond them a visitor rarely looks, and MMR costs O(places²). */
const DIVERSITY_PLACES = 50;

export interface Rerank {
  /** 0 (by score alone) to 1 (by difference alone). */
  diversity: number;
  /** Feature prefix → most items with one value of it, such as `{ author: 2 }`. */
  caps: Record<string, number>;
}

/** Why an item moved in re-ranking: lifted for being different, or lowered by a cap. */
export interface Moved {
  different: Set<number>;
  capped: Map<number, string>;
}

/** Cosine of two items' binary feature vectors. */
function similarity(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  let shared = 0;
  for (const feature of a) if (b.includes(feature)) shared++;
  return shared / Math.sqrt(a.length * b.length);
}

/**
 * Greedy MMR over the first places of `order` (indexes sorted by score, best
 * first): each next place goes to the item with the best
 * (1 − diversity) × relevance − diversity × (its greatest similarity to an item placed),
 * relevance being its score rescaled to 0..1 among those places.
 */
function diversify(order: number[], scores: ArrayLike<number>, features: (index: number) => readonly string[], diversity: number, moved: Moved): number[] {
  const pool = order.slice(0, DIVERSITY_PLACES);
  const best = scores[pool[0]!]!;
  const range = best - scores[pool[pool.length - 1]!]! || 1;
  const closest = new Float64Array(pool.length);
  const placed: number[] = [];
  const left = pool.map((_, at) => at);
  while (left.length) {
    let pick = 0;
    let pickValue = -Infinity;
    for (let l = 0; l < left.length; l++) {
      const at = left[l]!;
      const value = (1 - diversity) * (1 - (best - scores[pool[at]!]!) / range) - diversity * closest[at]!;
      if (value > pickValue) [pick, pickValue] = [l, value];
    }
    const [at] = left.splice(pick, 1) as [number];
    // Placed ahead of an item with a better score: lifted for being different.
    if (left.some((other) => other < at)) moved.different.add(pool[at]!);
    placed.push(pool[at]!);
    const chosen = features(pool[at]!);
    for (const other of left) closest[other] = Math.max(closest[other]!, similarity(features(pool[other]!), chosen));
  }
  return [...placed, ...order.slice(DIVERSITY_PLACES)];
}

/** Keeps the order, but moves each item past a cap (the N + 1st of its author) after every item within the caps. */
function applyCaps(order: number[], features: (index: number) => readonly string[], caps: Record<string, number>, moved: Moved): number[] {
  const counts = new Map<string, number>();
  const within: number[] = [];
  const over: number[] = [];
  for (const index of order) {
    let capped: string | undefined;
    for (const feature of features(index)) {
      const prefix = feature.slice(0, feature.indexOf(':'));
      if (Object.prototype.hasOwnProperty.call(caps, prefix) && (counts.get(feature) ?? 0) >= caps[prefix]!) capped = prefix;
    }
    if (capped !== undefined) {
      over.push(index);
      moved.capped.set(index, capped);
      continue;
    }
    within.push(index);
    for (const feature of features(index)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  return [...within, ...over];
}

/** Re-ranks `order` (free items' indexes, best score first); says which items moved and why. */
export function rerank(order: number[], scores: ArrayLike<number>, features: (index: number) => readonly string[], settings: Rerank): { order: number[]; moved: Moved } {
  const moved: Moved = { different: new Set(), capped: new Map() };
  let result = order;
  if (settings.diversity > 0 && order.length > 1) result = diversify(result, scores, features, settings.diversity, moved);
  if (Object.keys(settings.caps).length) result = applyCaps(result, features, settings.caps, moved);
  return { order: result, moved };
}
