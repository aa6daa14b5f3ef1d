import type { ScorePart } from '../blend';
import type { Pool } from '../pool';
import { DEFAULT_BLEND } from '../hybrid';

/**
 * Log odds per unit of `strength`: at the default strength (0.5) the
 * evidence counts as it is, so one prefix whose values a visitor chose twice
 * as often as the pool has them lifts an item by log 2 ≈ 0.7, most of the
 * site's order (whose prior runs from 1 down to 0). Chosen with the concentration
 * prior in evidence.ts.
 */
const EVIDENCE_SCALE = 2;

/**
 * Calls `each(item, prefix, evidence)` for every prefix of every item: the
 * log of the mean odds ratio of the item's values there.
 */
function perPrefix({ candidates, evidence: { ratio, prefixOf, prefixes }, offsets, itemFeatures }: Pool, each: (item: number, prefix: number, evidence: number) => void) {
  // Per prefix, the sum of the item's odds ratios there and how many values it has; reset after each item.
  const sums = new Float64Array(prefixes);
  const counts = new Uint32Array(prefixes);
  for (let i = 0; i < candidates.length; i++) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const at = prefixOf[itemFeatures[k]!]!;
      sums[at] += ratio[itemFeatures[k]!]!;
      counts[at]!++;
    }
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const at = prefixOf[itemFeatures[k]!]!;
      if (counts[at]) each(i, at, Math.log(sums[at]! / counts[at]!));
      sums[at] = counts[at] = 0;
    }
  }
}

/**
 * The visitor's learned features against the item's, in log odds: for each
 * feature prefix of the item, the log of the mean odds ratio of its values
 * there (evidence.ts), summed over prefixes. A movie of three genres is chosen
 * for one of them, so their odds are averaged (a mixture), and one match is
 * not undone by the other two; its genres and its director are separate
 * evidence, so their logs add. Each prefix's evidence is centred on the items that
 * have it, so an item without the prefix (a film nobody tagged) counts as a
 * typical one rather than as a match or a miss. Its reasons are the item's
 * strongest features (reasons.ts).
 */
export const features: ScorePart = {
  kind: 'interest',
  score(pool) {
    const personal = new Float64Array(pool.candidates.length);
    const means = new Float64Array(pool.evidence.prefixes);
    const items = new Uint32Array(pool.evidence.prefixes);
    perPrefix(pool, (_item, at, evidence) => ((means[at] += evidence), items[at]!++));
    for (let at = 0; at < means.length; at++) if (items[at]) means[at]! /= items[at]!;
    perPrefix(pool, (item, at, evidence) => (personal[item] += evidence - means[at]!));
    return personal;
  },
  mass: ({ reader }) => reader.mass,
  units: 'log-odds',
  // Beside a model, the blend's features weight scales it against its default (0.2).
  weight: (blend, strength) => strength * EVIDENCE_SCALE * (blend ? blend.features / DEFAULT_BLEND.features : 1),
};
