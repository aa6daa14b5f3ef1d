/**
 * Re-ranking after scoring, so a list is not all near-copies of one interest
 * and no provider fills it alone. It runs a list of steps: those that fill
 * the first places are aims of one greedy fill, chained in list order; those
 * that move items anywhere in the list are passes over the filled order, run
 * in list order. The core's steps are diversity (diversity.ts), the site's
 * share of the view (site-share.ts) and exploration (explore.ts); calibration (calibration.ts) and exposure caps
 * (caps.ts) come after them, handed in by whoever resolves the options that
 * turn them on, so calibration fills beside diversity and caps pass last,
 * where no step can break them.
 */

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
  /**
   * The share of the first `places` filled in the visitor's order, the rest
   * from the site's `order`, of the items it `may` pick (site-share.ts).
   */
  site?: { share: number; places: number; order: ArrayLike<number>; may: (index: number) => boolean };
}

/** Why an item moved in re-ranking: lifted for being different, for the mix or to be tried, or lowered by a cap. */
export interface Moved {
  different: Set<number>;
  calibrated: Set<number>;
  explored: Set<number>;
  capped: Map<number, string>;
}

/** The features of the item at an index. */
export type FeaturesOf = (index: number) => readonly string[];

/**
 * One step of re-ranking: an aim of the greedy fill of the first places, or a
 * pass over the whole order after it. Each reads its own settings and returns
 * undefined where they leave it off.
 */
export interface RerankStep {
  /** `order` is the free items, best score first. */
  aim?(order: readonly number[], features: FeaturesOf, settings: Rerank, moved: Moved): Aim | undefined;
  /** `order` is the order so far; returns the new one. */
  pass?(order: number[], features: FeaturesOf, settings: Rerank, moved: Moved): number[] | undefined;
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
export interface Aim {
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
  // The rest keep their order: one copy of the order, its first places overwritten.
  const result = order.slice();
  for (let at = 0; at < placed.length; at++) result[at] = placed[at]!;
  return result;
}

/** Re-ranks `order` (free items' indexes, best score first) with `steps`; says which items moved and why. */
export function rerank(
  order: number[],
  scores: ArrayLike<number>,
  features: FeaturesOf,
  settings: Rerank,
  steps: readonly RerankStep[],
): { order: number[]; moved: Moved } {
  const moved: Moved = { different: new Set(), calibrated: new Set(), explored: new Set(), capped: new Map() };
  let result = order;
  const aims = steps.flatMap((step) => step.aim?.(order, features, settings, moved) ?? []);
  if (aims.length && order.length > 1) result = greedy(order, byScore(order, scores, Math.max(...aims.map((aim) => aim.places))), aims);
  for (const step of steps) result = step.pass?.(result, features, settings, moved) ?? result;
  return { order: result, moved };
}
