import type { ScorePart } from '../blend';
import { COLLABORATIVE_TEXT } from '../../words';
import { modelRows, noEvidence } from './model-rows';
import { factorsOf } from './gathered-rows';

/**
 * x · y over one item's dequantised factors, `y[at .. at + k)`: the scoring
 * kernel. Four sums run side by side: one sum waits for each addition to
 * finish before the next, four keep the processor's adders busy, which
 * halves the time of 64 factors.
 */
export function dotFactors(x: Float64Array, y: Float32Array, at: number): number {
  const k = x.length;
  const whole = k - (k % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let a = 0;
  for (; a < whole; a += 4) {
    s0 += y[at + a]! * x[a]!;
    s1 += y[at + a + 1]! * x[a + 1]!;
    s2 += y[at + a + 2]! * x[a + 2]!;
    s3 += y[at + a + 3]! * x[a + 3]!;
  }
  for (; a < k; a++) s0 += y[at + a]! * x[a]!;
  return s0 + s1 + (s2 + s3);
}

/**
 * The visitor's folded-in factors against the item's in the site's model:
 * people with their taste chose it. What the visitor chose already is no news.
 */
export const collaborative: ScorePart = {
  kind: 'collaborative',
  score: (pool, settings) => {
    const known = modelRows(pool, settings);
    if (!known) return undefined;
    const scores = noEvidence(known);
    const x = settings.dense?.factors(settings.now);
    if (!x) return scores;
    // An item without interactions in the logs has zero factors: no evidence, not a zero score.
    const { values, at } = factorsOf(known.list, x.length);
    for (let i = 0; i < scores.length; i++) if (at[i]! >= 0 && !known.chosen[i]) scores[i] = dotFactors(x, values, at[i]!);
    return scores;
  },
  mass: (_pool, { dense, now }) => dense?.mass(now) ?? 0,
  weight: (blend, _strength, confident) => confident * blend.collaborative,
  // "People who chose what you did" needs a visitor who chose something.
  reason: ({ dense, now }) => (dense?.chose(now) ? COLLABORATIVE_TEXT : undefined),
};
