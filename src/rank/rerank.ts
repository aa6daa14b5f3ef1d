/**
 * Re-ranking after scoring, so a list is not all near-copies of one interest
 * and no provider fills it alone:
 * - calibration: the first places keep the mix of one kind of feature (topics)
 *   close to the visitor's own;
 * - diversity: maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998)
 *   over the first places, with items compared by their features;
 * - exposure caps: at most N items sharing a feature prefix's value
 *   (`author:2`) before every other item has had its place.
 */

/** How many leading places diversity reorders: beyond them a visitor rarely looks, and MMR costs O(places²). */
const DIVERSITY_PLACES = 50;

/** How many leading places calibration fills: a slot's worth, where the mix is seen. */
const CALIBRATED_PLACES = 20;
/** Steck's smoothing: the list's mix is blended with this much of the target, so KL stays finite. */
const SMOOTHING = 0.01;

export interface Rerank {
  /** 0 (by score alone) to 1 (by difference alone). */
  diversity: number;
  /** Feature prefix → most items with one value of it, such as `{ author: 2 }`. */
  caps: Record<string, number>;
  /** Keep the mix of one feature prefix's values close to the visitor's: the target mix (value → share) and how much it counts, 0..1. */
  calibration?: { target: Map<string, number>; weight: number };
}

/** Why an item moved in re-ranking: lifted for being different or for the mix, or lowered by a cap. */
export interface Moved {
  different: Set<number>;
  calibrated: Set<number>;
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

/**
 * Calibrated recommendations (Steck, RecSys 2018): the first places are filled
 * greedily to maximise (1 − weight) × Σ relevance − weight × KL(target ‖ mix),
 * where an item adds to the mix an equal share for each of its values (a
 * `topic:politics topic:science` item half each) and the mix is smoothed
 * toward the target. A visitor who reads 70 % politics then sees about that.
 */
function calibrate(
  order: number[],
  scores: ArrayLike<number>,
  features: (index: number) => readonly string[],
  { target, weight }: NonNullable<Rerank['calibration']>,
  moved: Moved,
): number[] {
  const pool = order.slice(0, CALIBRATED_PLACES);
  const best = scores[pool[0]!]!;
  const range = best - scores[pool[pool.length - 1]!]! || 1;
  const relevance = pool.map((index) => 1 - (best - scores[index]!) / range);
  const sharesOf = pool.map((index) => {
    const values = features(index).filter((feature) => target.has(feature));
    return values.map((value) => [value, 1 / values.length] as const);
  });
  const mix = new Map<string, number>();
  let items = 0;
  let gained = 0;
  const divergence = (adding: readonly (readonly [string, number])[]) => {
    let kl = 0;
    for (const [value, share] of target) {
      const added = adding.find(([other]) => other === value)?.[1] ?? 0;
      const q = ((mix.get(value) ?? 0) + added) / (items + 1);
      kl += share * Math.log(share / ((1 - SMOOTHING) * q + SMOOTHING * share));
    }
    return kl;
  };
  const placed: number[] = [];
  const left = pool.map((_, at) => at);
  while (left.length) {
    let pick = 0;
    let pickValue = -Infinity;
    for (let l = 0; l < left.length; l++) {
      const at = left[l]!;
      const value = (1 - weight) * (gained + relevance[at]!) - weight * divergence(sharesOf[at]!);
      if (value > pickValue) [pick, pickValue] = [l, value];
    }
    const [at] = left.splice(pick, 1) as [number];
    if (left.some((other) => other < at)) moved.calibrated.add(pool[at]!);
    gained += relevance[at]!;
    items++;
    for (const [value, share] of sharesOf[at]!) mix.set(value, (mix.get(value) ?? 0) + share);
    placed.push(pool[at]!);
  }
  return [...placed, ...order.slice(CALIBRATED_PLACES)];
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
  const moved: Moved = { different: new Set(), calibrated: new Set(), capped: new Map() };
  let result = order;
  if (settings.calibration && settings.calibration.target.size && order.length > 1) result = calibrate(result, scores, features, settings.calibration, moved);
  if (settings.diversity > 0 && order.length > 1) result = diversify(result, scores, features, settings.diversity, moved);
  if (Object.keys(settings.caps).length) result = applyCaps(result, features, settings.caps, moved);
  return { order: result, moved };
}
