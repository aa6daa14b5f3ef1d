/**
 * Re-ranking after scoring, so a list is not all near-copies of one interest
 * and no provider fills it alone:
 * - diversity: maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998)
 *   over the first places, with items compared by their features;
 * - calibration: the first places keep the mix of one kind of feature (topics)
 *   close to the visitor's own; with diversity, in the same fill, reading
 *   diversity's value as its relevance;
 * - exploration: a share of the first places for items outside the visitor's
 *   profile, those with the best sampled click rates (see explore.ts);
 * - exposure caps: at most N items sharing a feature prefix's value
 *   (`author:2`) before every other item has had its place.
 */

/** How many leading places diversity reorders: beyond them a visitor rarely looks, and MMR costs O(places²). */
const DIVERSITY_PLACES = 50;

/** How many leading places calibration fills: a slot's worth, where the mix is seen. */
const CALIBRATED_PLACES = 20;
/** Steck's smoothing: the list's mix is blended with this much of the target, so KL stays finite. */
const SMOOTHING = 0.01;
/** How many of the best-scored items beyond the first places exploration draws from: the nearest to the visitor's taste, at a bounded cost. */
const EXPLORED_POOL = 100;

export interface Rerank {
  /** 0 (by score alone) to 1 (by difference alone). */
  diversity: number;
  /** Feature prefix → most items with one value of it, such as `{ author: 2 }`. */
  caps: Record<string, number>;
  /** Keep the mix of one feature prefix's values close to the visitor's: the target mix (value → share) and how much it counts, 0..1. */
  calibration?: { target: Map<string, number>; weight: number };
  /**
   * The share of the first `places` given to items outside the visitor's
   * profile, and each item's sampled click rate (undefined for one inside it).
   */
  exploration?: { share: number; places: number; sample: (index: number) => number | undefined };
}

/** Why an item moved in re-ranking: lifted for being different or for the mix, or lowered by a cap. */
export interface Moved {
  different: Set<number>;
  calibrated: Set<number>;
  explored: Set<number>;
  capped: Map<number, string>;
}

/** How well each item fits, 0..1, as a greedy step reads it. */
type Relevance = (index: number) => number;

/** Relevance from scores, for a list in score order: rescaled to 0..1 over its first `places`. */
function byScore(order: readonly number[], scores: ArrayLike<number>, places: number): Relevance {
  const best = scores[order[0]!]!;
  const range = best - scores[order[Math.min(places, order.length) - 1]!]! || 1;
  return (index) => 1 - (best - scores[index]!) / range;
}

/**
 * One aim of the greedy fill of the first places: an item's value, given the
 * relevance it is read with, and what placing an item changes.
 */
interface Aim {
  /** How many first places it fills. */
  places: number;
  value(index: number, relevance: number): number;
  place(index: number, relevance: number): void;
  /** Where it records the items it placed ahead of what the order, or the aims before it, would have. */
  lifted: Set<number>;
}

/**
 * Fills the first places of `order` one at a time, each with the item left
 * that the aims value most. Aims are chained: each reads the value of the one
 * before it as its relevance (calibration reads diversity's), so a second aim
 * bends the first's choice instead of undoing it. The first aim that chose a
 * lifted item is the one that lifted it.
 */
function greedy(order: number[], relevance: Relevance, aims: readonly Aim[]): number[] {
  const places = Math.max(...aims.map((aim) => aim.places));
  const left = order.slice(0, places);
  const placed: number[] = [];
  const best = new Float64Array(aims.length);
  const picks = new Int32Array(aims.length);
  while (left.length) {
    const active = aims.filter((aim) => placed.length < aim.places);
    best.fill(-Infinity);
    for (let l = 0; l < left.length; l++) {
      let value = relevance(left[l]!);
      for (let k = 0; k < active.length; k++) {
        value = active[k]!.value(left[l]!, value);
        if (value > best[k]!) [best[k], picks[k]] = [value, l];
      }
    }
    const pick = picks[active.length - 1]!;
    if (pick > 0) active[picks.subarray(0, active.length).findIndex((chosen) => chosen === pick)]!.lifted.add(left[pick]!);
    const [index] = left.splice(pick, 1) as [number];
    let value = relevance(index);
    for (const aim of active) {
      const read = value;
      value = aim.value(index, read);
      aim.place(index, read);
    }
    placed.push(index);
  }
  return [...placed, ...order.slice(places)];
}

/**
 * Maximal marginal relevance: the value of an item is
 * (1 − diversity) × relevance − diversity × (its greatest similarity to an item placed),
 * similarity being the cosine of the items' binary feature vectors.
 */
function diversityAim(order: readonly number[], features: (index: number) => readonly string[], diversity: number, moved: Moved): Aim {
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

/**
 * Calibrated recommendations (Steck, RecSys 2018): the value of an item is
 * (1 − weight) × Σ relevance − weight × KL(target ‖ mix) with it added, where
 * an item adds to the mix an equal share for each of its values (a
 * `topic:politics topic:science` item half each) and the mix is smoothed
 * toward the target. A visitor who reads 70 % politics then sees about that.
 */
function calibrationAim(features: (index: number) => readonly string[], { target, weight }: NonNullable<Rerank['calibration']>, moved: Moved): Aim {
  const sharesOf = (index: number) => {
    const values = features(index).filter((feature) => target.has(feature));
    return values.map((value) => [value, 1 / values.length] as const);
  };
  const mix = new Map<string, number>();
  let items = 0;
  let gained = 0;
  /** Value v's term of KL(target ‖ smoothed mix), with `added` more of v and one more item in the list. */
  const term = (value: string, added: number) => {
    const share = target.get(value)!;
    const q = ((mix.get(value) ?? 0) + added) / (items + 1);
    return share * Math.log(share / ((1 - SMOOTHING) * q + SMOOTHING * share));
  };
  // The divergence with one more item that adds nothing, summed once per place: a candidate changes only its own values' terms.
  let unchanged = 0;
  const value = (index: number, relevance: number) => {
    let divergence = unchanged;
    for (const [value, share] of sharesOf(index)) divergence += term(value, share) - term(value, 0);
    return (1 - weight) * (gained + relevance) - weight * divergence;
  };
  const place = (index: number, relevance: number) => {
    gained += relevance;
    items++;
    for (const [value, share] of sharesOf(index)) mix.set(value, (mix.get(value) ?? 0) + share);
    unchanged = 0;
    for (const value of target.keys()) unchanged += term(value, 0);
  };
  for (const value of target.keys()) unchanged += term(value, 0);
  return { places: CALIBRATED_PLACES, value, place, lifted: moved.calibrated };
}

/**
 * Gives every 1/share-th of the first places (never the first) to the item
 * below it that samples the best click rate, the rest keeping their order:
 * with share 0.1, a slot of 10 tries one item at its last place. Items below
 * the places in view are tried too, the best-scored of them first.
 */
function explore(order: number[], { share, places, sample }: NonNullable<Rerank['exploration']>, moved: Moved): number[] {
  const head = Math.min(places, order.length);
  const result = order.slice();
  const rates = new Map<number, number>();
  for (let at = 1; at < order.length && at < head + EXPLORED_POOL; at++) {
    const rate = sample(order[at]!);
    if (rate !== undefined) rates.set(order[at]!, rate);
  }
  for (let place = 1; place < head; place++) {
    if (Math.floor((place + 1) * share) === Math.floor(place * share)) continue;
    let best = -1;
    for (let at = place + 1; at < result.length && at < head + EXPLORED_POOL; at++) {
      const rate = rates.get(result[at]!);
      if (rate !== undefined && !moved.explored.has(result[at]!) && (best < 0 || rate > rates.get(result[best]!)!)) best = at;
    }
    if (best < 0) continue;
    const [tried] = result.splice(best, 1) as [number];
    result.splice(place, 0, tried);
    moved.explored.add(tried);
  }
  return result;
}

/** Keeps the order, but moves each item past a cap (the N + 1st of its author) after every item within the caps. */
function applyCaps(order: number[], features: (index: number) => readonly string[], caps: Record<string, number>, moved: Moved): number[] {
  const counts = new Map<string, number>();
  // Each distinct feature's capped prefix (or '' for none), found once: a long list repeats its features.
  const prefixes = new Map<string, string>();
  const cappedPrefix = (feature: string) => {
    let prefix = prefixes.get(feature);
    if (prefix === undefined) {
      prefix = feature.slice(0, feature.indexOf(':'));
      prefixes.set(feature, (prefix = Object.prototype.hasOwnProperty.call(caps, prefix) ? prefix : ''));
    }
    return prefix;
  };
  const within: number[] = [];
  const over: number[] = [];
  for (const index of order) {
    let capped: string | undefined;
    for (const feature of features(index)) {
      const prefix = cappedPrefix(feature);
      if (prefix && (counts.get(feature) ?? 0) >= caps[prefix]!) capped = prefix;
    }
    if (capped !== undefined) {
      over.push(index);
      moved.capped.set(index, capped);
      continue;
    }
    within.push(index);
    for (const feature of features(index)) if (cappedPrefix(feature)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  return [...within, ...over];
}

/** Re-ranks `order` (free items' indexes, best score first); says which items moved and why. */
export function rerank(order: number[], scores: ArrayLike<number>, features: (index: number) => readonly string[], settings: Rerank): { order: number[]; moved: Moved } {
  const moved: Moved = { different: new Set(), calibrated: new Set(), explored: new Set(), capped: new Map() };
  let result = order;
  const aims: Aim[] = [];
  if (settings.diversity > 0) aims.push(diversityAim(order, features, settings.diversity, moved));
  if (settings.calibration?.target.size) aims.push(calibrationAim(features, settings.calibration, moved));
  if (aims.length && order.length > 1) result = greedy(order, byScore(order, scores, Math.max(...aims.map((aim) => aim.places))), aims);
  // After the steps that order the first places by score, so an item tried keeps its place; before caps, which no step may break.
  if (settings.exploration?.share) result = explore(result, settings.exploration, moved);
  if (Object.keys(settings.caps).length) result = applyCaps(result, features, settings.caps, moved);
  return { order: result, moved };
}
