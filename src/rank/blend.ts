import type { Reason } from '../types';
import type { Blend } from './hybrid';
import { turnedAway, type Pool } from './pool';
import type { RankSettings } from './rank';

/**
 * One part of an item's score (parts/: the item's features, and with model
 * support collaborative, content, popularity and freshness). A new part is
 * one file and one entry in the list rank() is given.
 */
export interface ScorePart {
  /** The kind of reason it gives: `interest` for the features part, whose reasons are its features'. */
  readonly kind: 'interest' | PartReason['kind'];
  /**
   * Each candidate's score in the part's own units, NaN where it has no
   * evidence for the item; undefined where it has nothing to go on (no model,
   * or one that knows none of the candidates).
   */
  score(pool: Pool, settings: RankSettings): Float64Array | undefined;
  /**
   * For a part that reads the visitor's own history: how much history, in
   * weight units. A part without it is a prior, the same for every visitor.
   */
  mass?(pool: Pool, settings: RankSettings): number;
  /**
   * `log-odds` for a part whose score is already in the score's own units, so
   * it is added as it is rather than standardized over the candidates.
   */
  readonly units?: 'log-odds';
  /** How much it counts beside other parts, in the score's units (the site's order spans 1) per standard deviation of its score (per unit, for `log-odds`). */
  weight(blend: Blend, strength: number, confident: number): number;
  /**
   * The words of its reason where it lifts an item, decided when the ranking
   * is made; undefined where this ranking gives none.
   */
  reason?(settings: RankSettings): string | undefined;
  /**
   * For a part whose reason differs from item to item (the site's rules: "Because
   * you bought the trail shoes"): the words for the candidate at `index`, over `reason`.
   */
  _reasonOf?(index: number): string | undefined;
}

/** The reasons a part other than the features gives. */
export type PartReason = Exclude<Extract<Reason, { contribution: number }>, { kind: 'interest' }>;

/** A part that scored, with what it added to each item's score. */
export interface BlendedPart {
  readonly part: ScorePart;
  /** How far it lifted each item, in the score's units. */
  readonly lifts: Float64Array;
  /** What one unit of its own score added. */
  readonly scale: number;
  /** The words of its reason in this ranking, if it gives one. */
  readonly reason: string | undefined;
}

/**
 * Evidence (in weight units) at which the profile is trusted halfway: one click
 * on a two-feature item (mass 2) moves items two thirds as far as a long
 * history does.
 */
const CONFIDENCE_MASS = 1;

/**
 * Scores each candidate as its prior `1 − i/n` from its position `i` in the
 * site's order (so with no profile the site's order comes back unchanged;
 * ties keep that order) plus each part's lift:
 * - the features part is in log odds already (parts/features.ts): it is
 *   added as it is, times `2 × strength`, its own shrinkage standing for
 *   confidence, so a few consistent reads move an item from anywhere in the
 *   list while a thin or mixed profile moves little;
 * - the model's parts of the visitor's own history count by
 *   `strength × confidence`, confidence `mass / (mass + 1)` growing with the
 *   most evidence behind any of them; each is standardized over the
 *   candidates and weighed as the blend says, so no part wins by its units
 *   alone, and an item a part does not know gets its average;
 * - priors (popularity, freshness) are standardized too, the same for every visitor;
 * - the model's parts of the visitor's own history lift no item with a feature
 *   the visitor turned away from (a dislike, Less): after Less on tennis, a
 *   tennis story stays down however many tennis readers chose it.
 *
 * Also returns `own`, what the parts of the visitor's own history added to each item.
 */
export function blend(pool: Pool, parts: readonly ScorePart[], settings: RankSettings): { scores: Float64Array; parts: BlendedPart[]; own: Float64Array } {
  const n = pool.candidates.length;
  const values = parts.map((part) => part.score(pool, settings));
  const ownParts = parts.filter((part, p) => values[p] && part.mass);
  const mass = ownParts.reduce((most, part) => Math.max(most, part.mass!(pool, settings)), 0);
  const confident = settings.strength * (mass / (mass + CONFIDENCE_MASS));
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = 1 - i / n;
  const blended: BlendedPart[] = [];
  const turnedAwayFrom = pool.weights.some((weight) => weight < 0);
  // How far the visitor's own history lifted each item, before the priors.
  const own = new Float64Array(n);
  parts.forEach((part, p) => {
    const lifts = values[p];
    if (!lifts) return;
    // A part scores beside the features part only where a blend weighs it, so one is set then.
    const weight = part.weight(settings.blend!, settings.strength, confident);
    const { mean, deviation } = part.units ? IN_LOG_ODDS : spreadOf(lifts);
    const scale = deviation ? weight / deviation : 0;
    // What people like the visitor chose, or what is like what they chose, lifts no item with a feature they
    // turned away from (a dislike, Less): what they said about it wins.
    const guarded = part.mass && part.kind !== 'interest' && turnedAwayFrom;
    const ofOwnHistory = part.mass !== undefined;
    // In place, in one pass: the part's scores become its lifts.
    for (let i = 0; i < n; i++) {
      const value = lifts[i]!;
      let lift = value === value && deviation ? weight * ((value - mean) / deviation) : 0;
      scores[i] += lift;
      if (guarded && lift > 0 && turnedAway(pool, i)) (scores[i] -= lift), (lift = 0);
      lifts[i] = lift;
      if (ofOwnHistory) own[i] += lift;
    }
    blended.push({ part, lifts, scale, reason: part.reason?.(settings) });
  });
  return { scores, parts: blended, own };
}

/** A part in log odds is added as it is. */
const IN_LOG_ODDS = { mean: 0, deviation: 1 };

/**
 * The mean and standard deviation of a part's scores over the candidates that
 * have one, by which the blend rescales it to mean 0 and standard deviation 1;
 * the others get 0 (average), as does every candidate when the part does not
 * vary (deviation 0). Not clipped: the few items far above the rest are where
 * the signal is, and clipping them cost accuracy on the MovieLens replay.
 */
function spreadOf(values: Float64Array): { mean: number; deviation: number } {
  let count = 0;
  let sum = 0;
  let squares = 0;
  // Indexed: a for-of over a typed array of 10,000 took a sixth of the blend.
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value !== value) continue;
    count++;
    sum += value;
    squares += value * value;
  }
  const mean = count ? sum / count : 0;
  const deviation = count ? Math.sqrt(Math.max(0, squares / count - mean * mean)) : 0;
  return { mean, deviation: deviation > 1e-12 ? deviation : 0 };
}
