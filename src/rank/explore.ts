import type { PreferenceVector, Trials } from '../profile/preference-vector';
import type { Moved, Rerank, RerankStep } from './rerank';
import type { Pool } from './pool';

/**
 * Thompson sampling (Thompson 1933; Chapelle and Li, NIPS 2011) for the places
 * a ranking gives to items outside the visitor's profile. Each such item's
 * click rate is drawn from Beta(1 + clicks, 1 + passes), where clicks and
 * passes (impressions not clicked) are the visitor's own, averaged over the
 * item's features and fading with the profile's half-life. A kind of item
 * never shown draws from the uniform prior and gets its chances; one shown
 * often and never clicked draws low and stops being tried until those passes fade.
 */

/** How many of the best-scored items beyond the first places exploration draws from: the nearest to the visitor's taste, at a bounded cost. */
const EXPLORED_POOL = 100;
/** A feature the visitor gave at least this much weight beyond what impressions alone gave (half a fresh click) is an interest: not to be tried as new. */
const INTEREST = 0.5;
/** Items whose draws are kept: a page's worth of slots, many times over. */
const MAX_DRAWS = 2000;
/**
 * Trials that moved less than this are the same evidence: they fade a little
 * every moment, but a new impression or click moves them by a share of one.
 */
const SAME_EVIDENCE = 0.1;

/** A gamma variate of shape ≥ 1 (Marsaglia and Tsang, 2000), from a normal one by Box–Muller. */
function sampleGamma(shape: number, random: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(1 - random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Beta(a, b) variate, for a, b ≥ 1. */
export function sampleBeta(a: number, b: number, random: () => number): number {
  const x = sampleGamma(a, random);
  return x / (x + sampleGamma(b, random));
}

/**
 * Draws each item's click rate once and keeps it while the evidence behind it
 * stays the same, so ranking a slot again in one page view (after the profile
 * loads, or a second time by the site) explores the same items, and a page
 * does not reshuffle in front of the visitor. New impressions or clicks of an
 * item's features bring a new draw.
 */
export class Explorer {
  /** @internal Item id → its draw, and the trials it was drawn from. */
  _draws = new Map<string, { rate: number; shown: number; clicked: number }>();

  constructor(/** @internal */ readonly _random: () => number) {}

  /** A click rate for `item`, drawn from its trials. */
  sample(item: string, { shown, clicked }: Trials): number {
    const drawn = this._draws.get(item);
    if (drawn && Math.abs(drawn.shown - shown) < SAME_EVIDENCE && Math.abs(drawn.clicked - clicked) < SAME_EVIDENCE) return drawn.rate;
    const rate = sampleBeta(1 + clicked, 1 + Math.max(0, shown - clicked), this._random);
    if (this._draws.size >= MAX_DRAWS) this._draws.clear();
    this._draws.set(item, { rate, shown, clicked });
    return rate;
  }
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

/**
 * Exploration: a share of the first places for items outside the visitor's
 * profile, those with the best sampled click rates. A pass after the fill, so
 * an item tried keeps the place it was given.
 */
export const exploration: RerankStep = {
  pass: (order, _features, settings, moved) => (settings.exploration?.share ? explore(order, settings.exploration, moved) : undefined),
};

/**
 * Each item's draw for exploration: an item outside the profile gets a click
 * rate drawn from the trials of its features, averaged; any other, none.
 * Outside: not lifted by the visitor's own parts (`own`), not chosen before,
 * and no feature of it an interest or turned down. An item without features
 * gathers no trials, so it is never tried: it could not stop being tried.
 */
export function outsideSampler(
  { candidates, features, weights, offsets, itemFeatures, chosen }: Pool,
  own: (index: number) => number,
  vector: PreferenceVector,
  now: number,
  explorer: Explorer,
  impressionWeight: number,
): (index: number) => number | undefined {
  // Each feature's trials, read when an item first needs them.
  const trialsAt: Trials[] = [];
  return (index) => {
    const from = offsets[index]!;
    const to = offsets[index + 1]!;
    if (from === to || own(index) > 0 || chosen.has(candidates[index]!.id)) return undefined;
    let shown = 0;
    let clicked = 0;
    for (let k = from; k < to; k++) {
      const at = itemFeatures[k]!;
      const trials = (trialsAt[at] ??= vector.trials(features[at]!, now));
      if (weights[at]! < 0 || weights[at]! - impressionWeight * trials.shown >= INTEREST) return undefined;
      shown += trials.shown;
      clicked += trials.clicked;
    }
    return explorer.sample(candidates[index]!.id, { shown: shown / (to - from), clicked: clicked / (to - from) });
  };
}
