import type { Candidate } from '../types';
import type { WeightReader } from '../profile/preference-vector';
import { fail } from '../errors';
import { evidenceOf, type Evidence } from './evidence';
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
  /** What the visitor chose, with its weight now: seen items, and no news to the model. */
  readonly chosen: ReadonlyMap<string, number>;
  /** What the visitor turned down, with how far now. */
  readonly turnedDown: ReadonlyMap<string, number>;
  /** How much the visitor asked for more of a feature, now (a More is 1). */
  readonly stated: number;
}

/** Checks every candidate and counts its features, so they fit one flat array; returns the offsets into it. */
function checkedOffsets(candidates: readonly Candidate[]): Uint32Array {
  const offsets = new Uint32Array(candidates.length + 1);
  const ids = new Set<string>();
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i];
    const id = candidate?.id;
    // A repeated id leaves the set's size as it was.
    if (typeof id !== 'string' || ids.size === ids.add(id).size) {
      fail('rank()', __DEV__ ? `candidate ${i} must be an object with an id of its own` : `candidate ${i}`, id);
    }
    const features = candidate!.features ?? [];
    if (!Array.isArray(features)) fail('rank()', `features of candidate ${i}`, features);
    const published = candidate!.publishedAt;
    if (published !== undefined && !Number.isFinite(published)) fail('rank()', `publishedAt of candidate ${i}`, published);
    offsets[i + 1] = offsets[i]! + features.length;
  }
  return offsets;
}

/** The pool of `candidates`, an array of them; throws a TypeError naming the first bad candidate. */
export function poolOf(candidates: readonly Candidate[], settings: RankSettings): Pool {
  const n = candidates.length;
  const reader = settings.vector.reader(settings.context, settings.now);
  const offsets = checkedOffsets(candidates);
  const indexOf = new Map<string, number>();
  const features: string[] = [];
  const weights: number[] = [];
  // How many candidates have each feature.
  const counts: number[] = [];
  const itemFeatures = new Uint32Array(offsets[n]!);
  for (let i = 0, slot = 0; i < n; i++) {
    const own = candidates[i]!.features ?? [];
    for (let k = 0; k < own.length; k++) {
      const feature = own[k]!;
      let at = indexOf.get(feature);
      if (at === undefined) {
        if (typeof feature !== 'string') fail('rank()', `features of candidate ${i}`, feature);
        indexOf.set(feature, (at = weights.length));
        features.push(feature);
        weights.push(reader.weight(feature));
        counts.push(0);
      }
      counts[at]!++;
      itemFeatures[slot++] = at;
    }
  }
  const evidence = evidenceOf(features, weights, counts, settings.vector.prefixTotals(settings.now));
  const lift = Array.from(evidence.ratio, Math.log);
  return { candidates, reader, features, weights, evidence, lift, offsets, itemFeatures, ...settings.vector.choices(settings.now) };
}
