/**
 * What the audit measures about rankings: accuracy against a held-out item, and
 * what a population of visitors is shown (coverage, concentration, variety,
 * calibration, exposure per category). Pure functions over item ids, so the
 * replay and the feedback-loop simulation measure alike.
 */

/**
 * Hit rate and NDCG at `k` from each visitor's zero-based rank of their held-out
 * item (−1 when the ranking left it out, which counts as a miss):
 * HR@k = (1/U) Σ_u [rank_u < k], NDCG@k = (1/U) Σ_u [rank_u < k] / log2(rank_u + 2).
 * With one relevant item the ideal DCG is 1, so DCG is already normalised. Both are 0 for no ranks.
 *
 * @example accuracy([0, 2, -1, 15]) // { hr: 0.5, ndcg: (1 + 1 / 2) / 4 }
 */
export function accuracy(ranks: readonly number[], k = 10): { hr: number; ndcg: number } {
  let hits = 0;
  let gain = 0;
  for (const rank of ranks) {
    if (rank < 0 || rank >= k) continue;
    hits += 1;
    gain += 1 / Math.log2(rank + 2);
  }
  return ranks.length ? { hr: hits / ranks.length, ndcg: gain / ranks.length } : { hr: 0, ndcg: 0 };
}

/**
 * Catalogue coverage: |⋃ lists| / catalogueSize, the share of the catalogue that
 * anyone was shown at all.
 */
export function coverage(lists: readonly (readonly string[])[], catalogueSize: number): number {
  const shown = new Set<string>();
  for (const list of lists) for (const id of list) shown.add(id);
  return catalogueSize > 0 ? shown.size / catalogueSize : 0;
}

/** How many times each catalogue item appears in the lists; items outside the catalogue are not counted. */
function exposureCounts(lists: readonly (readonly string[])[], catalogue: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>(catalogue.map((id) => [id, 0]));
  for (const list of lists) {
    for (const id of list) {
      const count = counts.get(id);
      if (count !== undefined) counts.set(id, count + 1);
    }
  }
  return counts;
}

/**
 * Gini index of exposure over the whole catalogue, items never shown counting 0:
 * with the n counts sorted ascending x_1 ≤ … ≤ x_n,
 * G = Σ_i (2i − n − 1)·x_i / (n·Σ_i x_i).
 * 0 when every item is shown equally often; (n − 1)/n, close to 1 for a real
 * catalogue, when one item gets all the exposure. This is the usual form, not
 * rescaled by n/(n − 1), so it reads the same as the Gini coefficients in the
 * recommender literature (Fleder and Hosanagar 2009). 0 when nothing was shown.
 *
 * @example gini([['a', 'b', 'c', 'd']], ['a', 'b', 'c', 'd']) // 0
 * @example gini([['d'], ['d'], ['d'], ['d']], ['a', 'b', 'c', 'd']) // 0.75
 */
export function gini(lists: readonly (readonly string[])[], catalogue: readonly string[]): number {
  const counts = [...exposureCounts(lists, catalogue).values()].sort((a, b) => a - b);
  const n = counts.length;
  let total = 0;
  let weighted = 0;
  counts.forEach((count, index) => {
    total += count;
    weighted += (2 * (index + 1) - n - 1) * count;
  });
  return total > 0 ? weighted / (n * total) : 0;
}

/**
 * Intra-list diversity: the mean over pairs of items in the list of
 * 1 − cos(a, b) of their binary feature vectors, cos = |A ∩ B| / √(|A|·|B|).
 * Pairs where either item has no features say nothing and are skipped; 0 when
 * no pair is left.
 */
export function intraListDiversity(list: readonly string[], features: (id: string) => readonly string[]): number {
  const sets = list.map((id) => new Set(features(id)));
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < sets.length; a++) {
    for (let b = a + 1; b < sets.length; b++) {
      const first = sets[a]!;
      const second = sets[b]!;
      if (!first.size || !second.size) continue;
      let shared = 0;
      for (const feature of first) if (second.has(feature)) shared++;
      sum += 1 - shared / Math.sqrt(first.size * second.size);
      pairs++;
    }
  }
  return pairs ? sum / pairs : 0;
}

/**
 * The category mix of a list of items, as Steck defines p(c|u) and q(c|u): each
 * item adds 1/(its number of categories) to each of its categories, and the mix
 * is normalised to sum to 1. Items without a category add nothing; an empty map
 * when no item has one.
 *
 * @example mixOf(['a', 'b'], (id) => (id === 'a' ? ['drama'] : ['drama', 'comedy'])) // drama 0.75, comedy 0.25
 */
export function mixOf(items: readonly string[], categories: (id: string) => readonly string[]): Map<string, number> {
  const mix = new Map<string, number>();
  let total = 0;
  for (const id of items) {
    const own = categories(id);
    for (const category of own) mix.set(category, (mix.get(category) ?? 0) + 1 / own.length);
    if (own.length) total += 1;
  }
  for (const [category, share] of mix) mix.set(category, share / total);
  return mix;
}

/**
 * Miscalibration (Steck, "Calibrated Recommendations", RecSys 2018, eq. 3):
 * KL(p ‖ q̃) = Σ_c p(c) · ln(p(c) / q̃(c)) with q̃ = (1 − s)·q + s·p, where p is
 * the target mix (the visitor's history), q the mix shown and s the smoothing
 * that keeps q̃ above 0 where the list misses a category of the history. In nats;
 * 0 when the mixes are equal, larger the further the list strays; 0 for an empty target.
 */
export function calibrationKl(target: Map<string, number>, mix: Map<string, number>, smoothing = 0.01): number {
  let divergence = 0;
  for (const [category, p] of target) {
    if (p <= 0) continue;
    const q = (1 - smoothing) * (mix.get(category) ?? 0) + smoothing * p;
    divergence += p * Math.log(p / q);
  }
  return divergence;
}

/**
 * Each category's share of exposure against its share of the catalogue. An
 * item's exposure (each time it appears in a list) is split equally among its
 * categories, and so is its one count in the catalogue; items without a
 * category are left out of both totals. Sorted by catalogue share, largest
 * first (ties by name); categories only shown, never in the catalogue, come last.
 *
 * shown(c) = Σ_lists Σ_{i ∈ list, c ∈ cat(i)} 1/|cat(i)| / Σ_lists |{i ∈ list : cat(i) ≠ ∅}|
 * catalogue(c) = Σ_{i ∈ catalogue, c ∈ cat(i)} 1/|cat(i)| / |{i ∈ catalogue : cat(i) ≠ ∅}|
 */
export function exposureShares(
  lists: readonly (readonly string[])[],
  categories: (id: string) => readonly string[],
  catalogue: readonly string[],
): { category: string; shown: number; catalogue: number }[] {
  const shown = mixOf(lists.flat(), categories);
  const inCatalogue = mixOf(catalogue, categories);
  const names = new Set([...inCatalogue.keys(), ...shown.keys()]);
  return [...names]
    .map((category) => ({ category, shown: shown.get(category) ?? 0, catalogue: inCatalogue.get(category) ?? 0 }))
    .sort((a, b) => b.catalogue - a.catalogue || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}
