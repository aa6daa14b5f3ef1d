import type { Candidate } from '../types';
import type { WeightReader } from '../profile/preference-vector';
import { evidenceOf, type Evidence } from './evidence';
import { readList, type ListReading } from './list-reading';
import type { RankSettings } from './rank';

/**
 * The candidates of one ranking as the visitor's profile sees them: checked,
 * and each distinct feature read once, with its weight and its lift.
 */
export interface Pool {
  readonly candidates: readonly Candidate[];
  /** The profile, read in the ranking's context. */
  readonly reader: WeightReader;
  /** Each distinct feature of the pool, in order of first appearance; `weights` and `lift` are indexed alike. */
  readonly features: readonly string[];
  readonly weights: readonly number[];
  /** What the visitor's choices tell about each feature against the pool's mix (evidence.ts). */
  readonly evidence: Evidence;
  /** Each feature's log odds ratio: above 0 where the visitor chooses it more than the pool has it, below where less. */
  readonly lift: readonly number[];
  /** Item i's features are `itemFeatures[offsets[i] .. offsets[i + 1])`, as indexes into `features`. */
  readonly offsets: Uint32Array;
  readonly itemFeatures: Uint32Array;
  /** Each candidate's index, by its id. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** The list as read, the same object while the list stays the same: what is found once per list hangs on it. */
  readonly list: ListReading;
  /** What the visitor chose, with its weight now: seen items, and no news to the model. */
  readonly chosen: ReadonlyMap<string, number>;
  /** What the visitor turned down, with how far now. */
  readonly turnedDown: ReadonlyMap<string, number>;
  /** How much the visitor asked for more of a feature, now (a More is 1). */
  readonly stated: number;
}

/** The pool of `candidates`, an array of them; throws a TypeError naming the first bad candidate. */
export function poolOf(candidates: readonly Candidate[], settings: RankSettings): Pool {
  const reader = settings.vector.reader(settings.context, settings.now);
  const list = readList(candidates);
  const { features, offsets, itemFeatures, indexOf } = list;
  const weights = features.map((feature) => reader.weight(feature));
  const evidence = evidenceOf(list, weights, settings.vector.prefixTotals(settings.now));
  const lift = Array.from(evidence.ratio, Math.log);
  const choices = settings.vector.choices(settings.now);
  return { candidates, reader, features, weights, evidence, lift, offsets, itemFeatures, indexOf, list, ...choices };
}

/** Whether the item at `index` has a feature the visitor turned away from (a dislike, Less). */
export function turnedAway({ weights, offsets, itemFeatures }: Pool, index: number): boolean {
  for (let k = offsets[index]!; k < offsets[index + 1]!; k++) if (weights[itemFeatures[k]!]! < 0) return true;
  return false;
}
