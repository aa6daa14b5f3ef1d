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
 * Each item's evidence per prefix, the log of the mean odds ratio of its
 * values there, as entries: the item, the prefix, and the evidence; at most
 * one entry per feature of the pool's items.
 */
function entriesOf({ candidates, evidence: { ratio, prefixOf, prefixes }, offsets, itemFeatures }: Pool) {
  const n = candidates.length;
  // At most one entry per item and prefix, and one per feature.
  const most = Math.min(offsets[n]!, n * prefixes);
  const item = new Uint32Array(most);
  const prefix = new Uint32Array(most);
  const value = new Float64Array(most);
  let count = 0;
  // Per prefix, the sum of the item's odds ratios there and how many values it has; reset after each item.
  const sums = new Float64Array(prefixes);
  const values = new Uint32Array(prefixes);
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const at = prefixOf[itemFeatures[k]!]!;
      sums[at] += ratio[itemFeatures[k]!]!;
      values[at]!++;
    }
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const at = prefixOf[itemFeatures[k]!]!;
      if (!values[at]) continue;
      item[count] = i;
      prefix[count] = at;
      value[count++] = Math.log(sums[at]! / values[at]!);
      sums[at] = values[at] = 0;
    }
  }
  return { item, prefix, value, count };
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
    const { item, prefix, value, count } = entriesOf(pool);
    const means = new Float64Array(pool.evidence.prefixes);
    const items = new Uint32Array(pool.evidence.prefixes);
    for (let e = 0; e < count; e++) (means[prefix[e]!] += value[e]!), items[prefix[e]!]!++;
    for (let at = 0; at < means.length; at++) if (items[at]) means[at]! /= items[at]!;
    const personal = new Float64Array(pool.candidates.length);
    for (let e = 0; e < count; e++) personal[item[e]!] += value[e]! - means[prefix[e]!]!;
    return personal;
  },
  mass: ({ reader }) => reader.mass,
  units: 'log-odds',
  // Beside a model, the blend's features weight scales it against its default (0.2).
  weight: (blend, strength) => strength * EVIDENCE_SCALE * (blend ? blend.features / DEFAULT_BLEND.features : 1),
};
