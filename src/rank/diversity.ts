import type { Aim, FeaturesOf, Moved, RerankStep } from './rerank';

/** How many leading places diversity reorders: beyond them a visitor rarely looks, and MMR costs O(places²). */
const DIVERSITY_PLACES = 50;

/**
 * Maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998) over the
 * first places: the value of an item is
 * (1 − diversity) × relevance − diversity × (its greatest similarity to an item placed),
 * similarity being the cosine of the items' binary feature vectors.
 */
function diversityAim(order: readonly number[], features: FeaturesOf, diversity: number, moved: Moved): Aim {
  const head = order.slice(0, DIVERSITY_PLACES);
  // Items are counted by their place in `head`, so what placing one changes sits in arrays.
  const slotOf = new Map(head.map((index, slot) => [index, slot]));
  const distinct = head.map((index) => [...new Set(features(index))]);
  // The slots that have each feature: placing one item touches only those that share one with it.
  const having = new Map<string, number[]>();
  distinct.forEach((own, slot) => own.forEach((feature) => (having.get(feature) ?? having.set(feature, []).get(feature)!).push(slot)));
  const closest = new Float64Array(head.length);
  const shared = new Uint16Array(head.length);
  const value = (index: number, relevance: number) => (1 - diversity) * relevance - diversity * closest[slotOf.get(index)!]!;
  const place = (index: number) => {
    const own = distinct[slotOf.get(index)!]!;
    const touched: number[] = [];
    for (const feature of own) for (const other of having.get(feature)!) if (shared[other]!++ === 0) touched.push(other);
    for (const other of touched) {
      closest[other] = Math.max(closest[other]!, shared[other]! / Math.sqrt(own.length * distinct[other]!.length));
      shared[other] = 0;
    }
  };
  return { places: DIVERSITY_PLACES, value, place, lifted: moved.different };
}

/** Diversity: items unlike those placed above them rise into the first places. */
export const diversity: RerankStep = {
  aim: (order, features, settings, moved) => (settings.diversity > 0 ? diversityAim(order, features, settings.diversity, moved) : undefined),
};
