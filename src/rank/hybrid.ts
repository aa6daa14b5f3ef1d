import type { Model } from '../model/format';
import type { DenseProfile } from '../profile/dense';

/**
 * How much each part of the hybrid score counts, in standard deviations of that
 * part over the candidates, before `strength` scales them all. The defaults
 * come from the quality replay on MovieLens and the online retail data
 * (`npm run bench:quality`, BENCHMARKS.md).
 */
export interface Blend {
  /** The visitor's folded-in factors against the item's: people with their taste chose it. */
  collaborative: number;
  /** The visitor's history against the item's hashed TF-IDF content in the model. */
  content: number;
  /** The visitor's learned features against the item's features on the page (the score used without a model). */
  features: number;
  /** How many people chose the item, from the model: the prior of a visitor with little or no history, fading as theirs grows. */
  popularity: number;
  /**
   * How recently the item was published (`publishedAt`, `data-attune-published`),
   * its value halving every `halfLife`. Default 0: no replay dataset here has
   * publication times to choose a weight by, so it is the site's to set.
   */
  freshness: number;
}

export const DEFAULT_BLEND: Blend = { collaborative: 1, content: 0.2, features: 0.2, popularity: 0.3, freshness: 0 };

/** The model's parts of each candidate's score, NaN where the model does not know the item. */
export interface ModelScores {
  collaborative: Float64Array;
  content: Float64Array;
  popularity: Float64Array;
}

/** Scores candidates (by row in the model, −1 for unknown) against the visitor's dense profile. */
export function modelScores(rows: Int32Array, model: Model, dense: DenseProfile | undefined, now: number): ModelScores {
  const n = rows.length;
  const collaborative = new Float64Array(n).fill(NaN);
  const content = new Float64Array(n).fill(NaN);
  const popularity = new Float64Array(n).fill(NaN);
  const x = dense?.factors(now);
  const u = dense?.content();
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (row < 0) continue;
    // Popularity counts by its order of magnitude: the tenth most popular item is not a tenth as good.
    // An item nobody has chosen yet (a new story) has no evidence either way, not the lowest score.
    if (model.popularity[row]! > 0) popularity[i] = Math.log(model.popularity[row]!);
    if (x && model.factors) {
      const { dimensions: k, values, scale } = model.factors;
      let dot = 0;
      for (let a = 0, at = row * k; a < k; a++, at++) dot += values[at]! * x[a]!;
      // An item without interactions in the logs has zero factors: no evidence, not a zero score.
      if (scale[row]! > 0) collaborative[i] = dot * scale[row]!;
    }
    if (u && model.content) {
      const { offsets, buckets, values, scale } = model.content;
      let dot = 0;
      for (let e = offsets[row]!; e < offsets[row + 1]!; e++) dot += values[e]! * u[buckets[e]!]!;
      if (offsets[row + 1]! > offsets[row]!) content[i] = dot * scale[row]!;
    }
  }
  return { collaborative, content, popularity };
}

/**
 * Rescales a part of the score to mean 0 and standard deviation 1 over the
 * candidates that have it, in place; the others get 0 (average), as does every
 * candidate when the part does not vary. Returns the deviation divided by, or 0.
 * Not clipped: the few items far above the rest are where the signal is
 * (clipping at ±3 cost 0.02 NDCG@10 on the MovieLens replay).
 */
export function standardize(values: Float64Array): number {
  let count = 0;
  let sum = 0;
  let squares = 0;
  for (const value of values) if (value === value) (count++, (sum += value), (squares += value * value));
  const mean = count ? sum / count : 0;
  const deviation = count ? Math.sqrt(Math.max(0, squares / count - mean * mean)) : 0;
  const varies = deviation > 1e-12;
  for (let i = 0; i < values.length; i++) values[i] = values[i] === values[i] && varies ? (values[i]! - mean) / deviation : 0;
  return varies ? deviation : 0;
}

/** Each candidate's freshness, 2^(−age / half-life), NaN where it has no publication time. */
export function freshness(candidates: readonly { publishedAt?: number }[], now: number, halfLifeMs: number): Float64Array {
  return Float64Array.from(candidates, ({ publishedAt }) =>
    typeof publishedAt === 'number' && Number.isFinite(publishedAt) ? 2 ** (-Math.max(0, now - publishedAt) / halfLifeMs) : NaN,
  );
}
