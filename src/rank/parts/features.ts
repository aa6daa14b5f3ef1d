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
 * values of prefix `prefix[g]`, `features[offsets[g] .. offsets[g + 1])` in
 * the item's own order; an item's groups follow its prefixes' first
 * appearance. It is the same for every ranking of the list, so it is found
 * once per list, and a ranking sums each group's odds ratios in one pass over
 * contiguous arrays.
 */
interface PrefixGroups {
  readonly item: Uint32Array;
  readonly prefix: Uint32Array;
  readonly offsets: Uint32Array;
  readonly features: Uint32Array;
}

const groupsOfList = new WeakMap<ListReading, PrefixGroups>();

function groupsOf(list: ListReading): PrefixGroups {
  let groups = groupsOfList.get(list);
  if (!groups) groupsOfList.set(list, (groups = groupItems(list)));
  return groups;
}

function groupItems({ offsets, itemFeatures, prefixOf, prefixes }: ListReading): PrefixGroups {
  const n = offsets.length - 1;
  const total = offsets[n]!;
  // At most one group per feature: trimmed to the count at the end.
  const item = new Uint32Array(total);
  const prefix = new Uint32Array(total);
  const groupOffsets = new Uint32Array(total + 1);
  const features = new Uint32Array(total);
  // Per prefix, its group among the item's at hand (−1 for none), and where that group's next value goes.
  const groupAt = new Int32Array(prefixes.length).fill(-1);
  const nextPlace = new Uint32Array(prefixes.length);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const first = count;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const at = prefixOf[itemFeatures[k]!]!;
      if (groupAt[at]! < 0) {
        groupAt[at] = count;
        item[count] = i;
        prefix[count++] = at;
      }
      // Counted at the group's end, made into offsets below.
      groupOffsets[groupAt[at]! + 1]!++;
    }
    for (let g = first; g < count; g++) {
      groupOffsets[g + 1] += groupOffsets[g]!;
      nextPlace[prefix[g]!] = groupOffsets[g]!;
    }
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) features[nextPlace[prefixOf[itemFeatures[k]!]!]!++] = itemFeatures[k]!;
    for (let g = first; g < count; g++) groupAt[prefix[g]!] = -1;
  }
  return { item: item.slice(0, count), prefix: prefix.slice(0, count), offsets: groupOffsets.slice(0, count + 1), features };
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
    const { item, prefix, offsets, features } = groupsOf(list);
    // Each group's evidence, and each prefix's mean over the items that have it.
    const value = new Float64Array(item.length);
    const means = new Float64Array(prefixes);
    const items = new Uint32Array(prefixes);
    for (let g = 0; g < item.length; g++) {
      let sum = 0;
      for (let k = offsets[g]!; k < offsets[g + 1]!; k++) sum += ratio[features[k]!]!;
      value[g] = Math.log(sum / (offsets[g + 1]! - offsets[g]!));
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
