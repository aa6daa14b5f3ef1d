import type { Candidate } from '../types';
import { fail } from '../errors';
import { featurePrefix } from '../limits';

/**
 * What ranking reads from a list of candidates before the visitor's profile
 * comes in: the checked ids, and each distinct feature numbered once. It is
 * the same for every ranking of the list, and reading 10,000 items of 10
 * features each (100,000 lookups of a feature's name) was most of what
 * ranking them cost; a site that ranks one list again and again (after each
 * interaction, each slot) reads it once. A list is read again as soon as
 * anything in it differs: it is compared item by item, feature by feature,
 * which costs a comparison each where a reading costs a lookup, and, over
 * 10,000 items, a fifth of a ranking with a model. A features array that was
 * frozen when read cannot have changed since (a freeze is for good; only
 * elements defined as getters could still answer otherwise), so only its
 * identity is compared: a site that freezes its catalogue (as Immer does)
 * saves that fifth.
 */
export interface ListReading {
  /** Each candidate's index, by its id. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** Each distinct feature of the list, in order of first appearance, and how many candidates have it. */
  readonly features: readonly string[];
  readonly counts: readonly number[];
  /** Each feature's prefix (`topic` of `topic:tennis`, '' for none) as an index into `prefixes`, numbered in order of first appearance. */
  readonly prefixOf: Uint32Array;
  readonly prefixes: readonly string[];
  /**
   * The prefix most candidates name first, as an index into `prefixes`: the
   * site's kind of item (`topic`, `category`), as the README asks features to
   * be listed.
   */
  readonly leading: number;
  /** Item i's features are `itemFeatures[offsets[i] .. offsets[i + 1])`, as indexes into `features`. */
  readonly offsets: Uint32Array;
  readonly itemFeatures: Uint32Array;
  /** What was read, to tell the same list: each candidate's id and features array, and every feature as given. */
  readonly _ids: readonly string[];
  readonly _arrays: readonly (readonly string[] | null | undefined)[];
  readonly _given: readonly string[];
  /** 1 where the candidate's features array was frozen when read: it cannot have changed since, so it is not compared again. */
  readonly _frozen: Uint8Array;
}

const readings = new WeakMap<readonly Candidate[], ListReading>();
/**
 * The readings of the lists ranked last, newest first, by their first
 * features array: a list given as a new array of the same candidates (a copy,
 * a filter that kept them all, a framework rendering again) is one of them,
 * and reading it afresh cost four times a ranking of 10,000 items. A few per
 * array, so the slots of one page each keep theirs; kept weakly, so they go
 * with the candidates.
 */
const recent = new WeakMap<readonly string[], ListReading[]>();
const RECENT_LISTS = 4;

/** The reading of `candidates`, as kept from the last ranking of this array, or of another array of the same candidates, if nothing in it changed. */
export function readList(candidates: readonly Candidate[]): ListReading {
  const kept = readings.get(candidates);
  if (kept && sameList(kept, candidates)) return kept;
  const key = candidates.find((candidate) => Array.isArray(candidate?.features))?.features;
  // A reading that no longer matches its own array is out of date: it is no longer offered to others.
  const others = (key && recent.get(key)?.filter((other) => other !== kept)) ?? [];
  const reading = others.find((other) => sameList(other, candidates)) ?? freshReading(candidates);
  readings.set(candidates, reading);
  if (key) recent.set(key, [reading, ...others.filter((other) => other !== reading)].slice(0, RECENT_LISTS));
  return reading;
}

/**
 * Whether `candidates` are the list `reading` read, checking on the way what
 * a reading does not keep: a candidate that differs stops the comparison
 * before its check, and the fresh reading checks it and every one after.
 */
function sameList({ _ids: ids, _arrays: arrays, _given: given, _frozen: frozen, offsets }: ListReading, candidates: readonly Candidate[]): boolean {
  if (ids.length !== candidates.length) return false;
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i];
    const features = candidate?.features;
    if (candidate?.id !== ids[i] || features !== arrays[i]) return false;
    checkUnread(candidate!, i);
    if (!features || frozen[i]) continue;
    const from = offsets[i]!;
    if (features.length !== offsets[i + 1]! - from) return false;
    for (let k = 0; k < features.length; k++) if (features[k] !== given[from + k]) return false;
  }
  return true;
}

/** Checks what a reading does not keep, so it may differ from one ranking of the same list to the next. */
function checkUnread(candidate: Candidate, i: number): void {
  const published = candidate.publishedAt;
  if (published !== undefined && !Number.isFinite(published)) fail('rank()', `publishedAt of candidate ${i}`, published);
  // Its content is read where the model is, and a bad one reported there: only its kind is the caller's mistake.
  const vector = candidate.vector;
  if (vector !== undefined && typeof vector !== 'string') fail('rank()', `vector of candidate ${i}`, vector);
}

/** Reads every candidate; throws a TypeError naming the first bad one. */
function freshReading(candidates: readonly Candidate[]): ListReading {
  const n = candidates.length;
  const offsets = new Uint32Array(n + 1);
  const indexOf = new Map<string, number>();
  const ids: string[] = [];
  const arrays: (readonly string[] | null | undefined)[] = [];
  const frozen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const candidate = candidates[i];
    const id = candidate?.id;
    // A repeated id leaves the map's size as it was.
    if (typeof id !== 'string' || indexOf.size === indexOf.set(id, i).size) {
      fail('rank()', __DEV__ ? `candidate ${i} must be an object with an id of its own` : `candidate ${i}`, id);
    }
    const features = candidate!.features;
    if (features != null && !Array.isArray(features)) fail('rank()', `features of candidate ${i}`, features);
    checkUnread(candidate!, i);
    ids.push(id);
    arrays.push(features);
    if (features && Object.isFrozen(features)) frozen[i] = 1;
    offsets[i + 1] = offsets[i]! + (features?.length ?? 0);
  }
  const numbered = new Map<string, number>();
  const features: string[] = [];
  const counts: number[] = [];
  // Pushed, not set by index into an array of that length: V8 then keeps it packed, which reads faster.
  const given: string[] = [];
  const itemFeatures = new Uint32Array(offsets[n]!);
  for (let i = 0, slot = 0; i < n; i++) {
    const own = arrays[i] ?? [];
    for (let k = 0; k < own.length; k++, slot++) {
      const feature = own[k]!;
      let at = numbered.get(feature);
      if (at === undefined) {
        if (typeof feature !== 'string') fail('rank()', `features of candidate ${i}`, feature);
        numbered.set(feature, (at = features.length));
        features.push(feature);
        counts.push(0);
      }
      counts[at]!++;
      itemFeatures[slot] = at;
      given.push(feature);
    }
  }
  const { prefixOf, prefixes } = prefixesOf(features);
  const leading = leadingPrefix(prefixOf, prefixes.length, offsets, itemFeatures);
  return { indexOf, features, counts, prefixOf, prefixes, leading, offsets, itemFeatures, _ids: ids, _arrays: arrays, _given: given, _frozen: frozen };
}

/** Numbers the prefixes of `features` in order of first appearance. */
function prefixesOf(features: readonly string[]): { prefixOf: Uint32Array; prefixes: string[] } {
  const numbered = new Map<string, number>();
  const prefixes: string[] = [];
  const prefixOf = new Uint32Array(features.length);
  for (let f = 0; f < features.length; f++) {
    const prefix = featurePrefix(features[f]!);
    let at = numbered.get(prefix);
    if (at === undefined) numbered.set(prefix, (at = prefixes.push(prefix) - 1));
    prefixOf[f] = at;
  }
  return { prefixOf, prefixes };
}

/** The prefix of the most candidates' first features; the first numbered where several tie, 0 for a list without features. */
function leadingPrefix(prefixOf: Uint32Array, prefixes: number, offsets: Uint32Array, itemFeatures: Uint32Array): number {
  const firsts = new Uint32Array(prefixes);
  for (let i = 0; i < offsets.length - 1; i++) if (offsets[i + 1]! > offsets[i]!) firsts[prefixOf[itemFeatures[offsets[i]!]!]!]!++;
  let leading = 0;
  for (let at = 1; at < prefixes; at++) if (firsts[at]! > firsts[leading]!) leading = at;
  return leading;
}
