/**
 * How much the visitor's choices tell about each feature of one pool: for
 * every feature, the ratio of how likely the visitor is to choose an item
 * with it to how common it is among the candidates.
 *
 * Each feature prefix (`topic`, `author`, `genre`; features without one share
 * the empty prefix) is read as a choice among its values. The visitor chooses
 * either from a taste of their own, with probability κ, or as the pool falls,
 * so a value's odds are `κ × (its share of the visitor's weight) / (its share
 * of the pool) + (1 − κ)`. κ is how much the visitor's choices within the
 * prefix concentrate beyond what the pool's own mix makes likely (Simpson's
 * index of the visitor's weights against the pool's), shrunk while the
 * evidence is thin: three stories of one topic by three authors make the
 * topic telling and the authors not, and a value every visitor meets because
 * the pool is full of it tells nothing. Where the reads agree on several
 * prefixes at once, the leading one (the one the site names first: its kind
 * of item) speaks first, and the others join in as the evidence grows.
 * Negative weights (dislike, Less) divide a value's odds by one plus their size.
 */

import type { ListReading } from './list-reading';

/**
 * Evidence, in weight units (a click is 1), at which a prefix's concentration
 * counts half: chosen on the replays and their variants (BENCHMARKS.md, "How
 * the ranking's defaults hold across datasets and first sessions") together
 * with the generated pages' first sessions (test/behaviour/).
 */
const CONCENTRATION_PRIOR = 8;
/**
 * Evidence, in weight units, at which a prefix other than the leading one
 * (list-reading.ts) counts half of what the leading one would: its κ is
 * further times `W² / (W² + 10²)`. Two wallets read, both brown and of one
 * brand, are as consistent with the colour or the brand as with the category,
 * and nothing in the candidates' own mix tells which the visitor chose by; the
 * site's order of an item's features does. Squared, so two or three reads lift
 * by the category alone while a history of dozens counts every prefix nearly
 * in full (the replays' tags and price bands). Every value from 4 to 10 holds
 * the generated pages; of 4, 6 and 10, 10 gains most on the replays and their
 * variants (BENCHMARKS.md) and lowers none of their figures by more than 0.0001.
 */
const SECONDARY_EVIDENCE = 10;

export interface Evidence {
  /** Each feature's odds ratio, as described above; 1 where the visitor's choices say nothing. */
  readonly ratio: Float64Array;
  /** Each feature's prefix, as an index; features of one prefix share it. */
  readonly prefixOf: Uint32Array;
  readonly prefixes: number;
  /** The visitor's evidence, in weight units: the most positive weight any prefix holds among the pool's features. */
  readonly mass: number;
  /** How single-minded the visitor's choices are: the highest concentration of any prefix (0 as the pool falls, 1 on one value), before shrinking. */
  readonly focus: number;
}

/**
 * The evidence behind a list's features, given the visitor's weight of each
 * (an item without features counts as having none).
 */
export function evidenceOf(
  { features, counts, prefixOf: prefixes, prefixes: names, leading }: ListReading,
  weights: readonly number[],
  totals: ReadonlyMap<string, { sum: number; squares: number }>,
): Evidence {
  // Per prefix: the pool's occurrences, the visitor's positive weight, and the sums of squares of both shares.
  const p = names.length;
  const occurrences = new Float64Array(p);
  const chosen = new Float64Array(p);
  for (let f = 0; f < features.length; f++) occurrences[prefixes[f]!] += counts[f]!;
  const poolSquares = new Float64Array(p);
  for (let f = 0; f < features.length; f++) poolSquares[prefixes[f]!] += (counts[f]! / occurrences[prefixes[f]!]!) ** 2;
  // The visitor's choices within each prefix, the pool's values or not: a taste the pool barely meets says little about it.
  const chosenSquares = new Float64Array(p);
  for (let at = 0; at < p; at++) {
    const total = totals.get(names[at]!);
    if (total && total.sum > 0) (chosen[at] = total.sum), (chosenSquares[at] = total.squares / total.sum ** 2);
  }
  const kappa = new Float64Array(p);
  let focus = 0;
  for (let at = 0; at < p; at++) {
    // A prefix with one value in the pool cannot tell one candidate from another.
    const spread = 1 - poolSquares[at]!;
    if (spread <= 1e-9 || chosen[at]! === 0) continue;
    const concentration = Math.min(1, Math.max(0, (chosenSquares[at]! - poolSquares[at]!) / spread));
    kappa[at] = (concentration * chosen[at]!) / (chosen[at]! + CONCENTRATION_PRIOR);
    if (at !== leading) kappa[at]! *= chosen[at]! ** 2 / (chosen[at]! ** 2 + SECONDARY_EVIDENCE ** 2);
    focus = Math.max(focus, concentration);
  }
  const ratio = new Float64Array(features.length);
  for (let f = 0; f < features.length; f++) {
    const at = prefixes[f]!;
    const weight = weights[f]!;
    const share = chosen[at]! > 0 ? Math.max(0, weight) / chosen[at]! : 0;
    const poolShare = counts[f]! / occurrences[at]!;
    ratio[f] = (kappa[at]! * (share / poolShare) + 1 - kappa[at]!) / (1 + Math.max(0, -weight));
  }
  return { ratio, prefixOf: prefixes, prefixes: p, mass: Math.max(0, ...chosen), focus };
}
