import type { ScorePart } from '../blend';
import type { ListReading } from '../list-reading';
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
 * A list's features grouped by item and prefix: group g is item `item[g]`'s
 * values of prefix `prefix[g]`, `size[g]` of them, and the feature at `k` of
 * the list's `itemFeatures` is in group `groupOf[k]`; an item's groups follow
 * its prefixes' first appearance. It is the same for every ranking of the
 * list, so it is found once per list, and a ranking sums the groups' odds
 * ratios in one pass over contiguous arrays, with nothing allocated per item.
 */
interface PrefixGroups {
  readonly groupOf: Uint32Array;
  readonly item: readonly number[];
  readonly prefix: readonly number[];
  readonly size: readonly number[];
}

const groupsOfList = new WeakMap<ListReading, PrefixGroups>();

function groupsOf(list: ListReading): PrefixGroups {
  let groups = groupsOfList.get(list);
  if (!groups) groupsOfList.set(list, (groups = groupItems(list)));
  return groups;
}

function groupItems({ offsets, itemFeatures, prefixOf, prefixes }: ListReading): PrefixGroups {
  const groupOf = new Uint32Array(itemFeatures.length);
  const item: number[] = [];
  const prefix: number[] = [];
  const size: number[] = [];
  // Per prefix, its group among the item's at hand, or −1.
  const groupAt = new Int32Array(prefixes.length).fill(-1);
  for (let i = 0; i < offsets.length - 1; i++) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const at = prefixOf[itemFeatures[k]!]!;
      if (groupAt[at]! < 0) {
        groupAt[at] = item.length;
        item.push(i);
        prefix.push(at);
        size.push(0);
      }
      groupOf[k] = groupAt[at]!;
      size[groupOf[k]!]!++;
    }
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) groupAt[prefixOf[itemFeatures[k]!]!] = -1;
  }
  return { groupOf, item, prefix, size };
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
  score({ list, candidates, evidence: { ratio, prefixes } }) {
    const { groupOf, item, prefix, size } = groupsOf(list);
    const { itemFeatures } = list;
    // Each group's sum of odds ratios, added in the item's order of its features.
    const value = new Float64Array(item.length);
    for (let k = 0; k < groupOf.length; k++) value[groupOf[k]!] += ratio[itemFeatures[k]!]!;
    // Its evidence, the log of their mean, and each prefix's mean over the items that have it.
    const means = new Float64Array(prefixes);
    const items = new Uint32Array(prefixes);
    for (let g = 0; g < item.length; g++) {
      value[g] = Math.log(value[g]! / size[g]!);
      means[prefix[g]!] += value[g]!;
      items[prefix[g]!]!++;
    }
    for (let at = 0; at < means.length; at++) if (items[at]) means[at]! /= items[at]!;
    const personal = new Float64Array(candidates.length);
    for (let g = 0; g < item.length; g++) personal[item[g]!] += value[g]! - means[prefix[g]!]!;
    return personal;
  },
  mass: ({ reader }) => reader.mass,
  units: 'log-odds',
  // Beside a model, the blend's features weight scales it against its default (0.2).
  weight: (blend, strength) => strength * EVIDENCE_SCALE * (blend ? blend.features / DEFAULT_BLEND.features : 1),
};
