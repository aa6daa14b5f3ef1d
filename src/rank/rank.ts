import type { Candidate, Context, RankedItem, Reason } from '../types';
import type { PreferenceVector, Trials } from '../profile/preference-vector';
import type { DenseProfile } from '../profile/dense';
import type { Model } from '../model/format';
import { fail } from '../errors';
import { calibratedReason, cappedReason, differentReason, exploredReason, seenReason, interestReason, partReason, pinnedReason, siteOrderReason } from './reasons';
import { interestText } from '../words';
import { freshness, modelScores, standardize, type Blend } from './hybrid';
import { rerank, type Rerank, type RerankStep } from './rerank';
import { exploration, type Explorer } from './explore';
import { diversity } from './diversity';
import { calibration } from './calibration';
import { caps } from './caps';

/**
 * Evidence (in weight units) at which the profile is trusted halfway: one click
 * on a two-feature item (mass 2) moves items two thirds as far as a long
 * history does.
 */
const CONFIDENCE_MASS = 1;
const REASONS_PER_ITEM = 3;
/** Exploration's share applies to the places in view: a page's worth, unless the caller says. */
const EXPLORED_PLACES = 20;
/** A feature the visitor gave at least this much weight beyond what impressions alone gave (half a fresh click) is an interest: not to be tried as new. */
const INTEREST = 0.5;

export interface RankSettings {
  vector: PreferenceVector;
  context: Context;
  now: number;
  /** 0..1: about the largest share of the list personalization can move an item. */
  strength: number;
  limit?: number | undefined;
  /** How many of the first places a visitor sees; exploration's share is of these. */
  inView?: number | undefined;
  /** The site's model and the visitor's fold-in against it, once loaded. */
  model?: Model | undefined;
  dense?: DenseProfile | undefined;
  blend?: Blend;
  /** How fast freshness fades: the profile's half-life, in ms. */
  halfLife?: number;
  /** Calibration, diversity and exposure caps, applied after scoring. */
  rerank?: Rerank;
  /**
   * The re-ranking steps after diversity and exploration, such as calibration
   * and exposure caps, from whoever resolves the options that turn them on;
   * without it, both.
   */
  rerankSteps?: readonly RerankStep[];
  /**
   * The share of the first places tried on items outside the profile, the
   * draws that choose them, and the weight of one impression, so what merely
   * being shown added to a feature is not taken for interest.
   */
  exploration?: { share: number; explorer: Explorer; impressionWeight: number };
  /** What to do with items the visitor already chose: `demote` (default), `hide` (leave them out) or `keep`. */
  seen?: Seen;
}

export type Seen = 'demote' | 'hide' | 'keep';
/** How far, in list shares, an item the visitor just chose moves down. */
const SEEN_DEMOTION = 1;
/** With `hide`, an item is left out while its weight is at least a half-faded click. */
const SEEN_HIDDEN = 0.5;

/** A blend part adds a reason where it lifts an item by at least this share of the list. */
const PART_REASON_MIN = 0.05;
/** The parts' order in `lifts` (and in reasons.ts): collaborative, content, popularity, freshness. */
const POPULARITY_PART = 2;
const FRESHNESS_PART = 3;

/**
 * Scores each candidate as prior + strength × confidence × personal:
 * - prior `1 − i/n` from its position `i` in the site's order, so with no
 *   profile the site's order comes back unchanged (ties keep that order);
 * - personal: the lift of the item's features (profile share minus pool
 *   share, see below) summed over √(feature count), a cosine against a binary
 *   item vector; it lies within about ±1;
 * - confidence `mass / (mass + 1)` grows with the evidence behind the profile.
 * An item thus climbs at most about `strength × n` places, less while the
 * profile is thin or the match partial. Scoring by lift rather than raw weight
 * keeps what is common to the whole pool (a genre every visitor watches) from
 * pushing the site's order around: on the MovieLens replay, raw weights ranked
 * below the popularity order they start from, lift above it (BENCHMARKS.md).
 * With a model, the personal part is a blend (see {@link Blend}) of the
 * collaborative score, the model's content score, the feature score above and
 * the item's popularity, each standardized over the candidates, so no part
 * wins by its units alone; items the model does not know get the average of
 * its parts and their feature score. Freshness, where the site weighs it, is
 * added for every visitor alike, as the site's order is.
 * Pinned items keep their index.
 */
export function rankCandidates(candidates: readonly Candidate[], settings: RankSettings): RankedItem[] {
  if (!Array.isArray(candidates)) fail('rank()', 'candidates', candidates);
  const n = candidates.length;
  const limit = settings.limit ?? n;
  if (!(Number.isInteger(limit) && limit >= 0)) fail('rank()', __DEV__ ? 'limit must be a whole number ≥ 0' : 'limit', limit);
  const inView = settings.inView ?? EXPLORED_PLACES;
  if (!(Number.isInteger(inView) && inView >= 0)) fail('rank()', __DEV__ ? 'inView must be a whole number ≥ 0' : 'inView', inView);
  const shown = Math.min(limit, n);
  const reader = settings.vector.reader(settings.context, settings.now);
  // Each distinct feature of the pool is read once: its weight, and how many candidates have it.
  const indexOf = new Map<string, number>();
  const poolFeatures: string[] = [];
  const weights: number[] = [];
  const counts: number[] = [];
  // Item i's features are itemFeatures[offsets[i] .. offsets[i + 1]), as indexes into weights.
  const offsets = new Uint32Array(n + 1);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const candidate = candidates[i];
    const id = candidate?.id;
    // A repeated id leaves the set's size as it was.
    if (typeof id !== 'string' || seen.size === seen.add(id).size) {
      fail('rank()', __DEV__ ? `candidate ${i} must be an object with an id of its own` : `candidate ${i}`, id);
    }
    const features = candidate!.features ?? [];
    if (!Array.isArray(features)) fail('rank()', `features of candidate ${i}`, features);
    const published = candidate!.publishedAt;
    if (__MODEL__ && published !== undefined && !Number.isFinite(published)) fail('rank()', `publishedAt of candidate ${i}`, published);
    offsets[i + 1] = offsets[i]! + features.length;
  }
  const itemFeatures = new Uint32Array(offsets[n]!);
  for (let i = 0, slot = 0; i < n; i++) {
    const features = candidates[i]!.features ?? [];
    for (let k = 0; k < features.length; k++) {
      const feature = features[k]!;
      let at = indexOf.get(feature);
      if (at === undefined) {
        if (typeof feature !== 'string') fail('rank()', `features of candidate ${i}`, feature);
        indexOf.set(feature, (at = weights.length));
        poolFeatures.push(feature);
        weights.push(reader.weight(feature));
        counts.push(0);
      }
      counts[at]!++;
      itemFeatures[slot++] = at;
    }
  }
  // Lift: a feature's share of the profile (among the pool's features) minus its
  // share of the pool's features. What every candidate has says nothing about
  // this visitor. An item without features counts as one unknown feature.
  let profileTotal = 0;
  let poolTotal = 0;
  for (let f = 0; f < weights.length; f++) profileTotal += Math.abs(weights[f]!);
  for (let i = 0; i < n; i++) poolTotal += Math.max(1, offsets[i + 1]! - offsets[i]!);
  const lift = weights.map((weight, f) => (profileTotal > 0 ? weight / profileTotal - counts[f]! / poolTotal : 0));
  const personal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) sum += lift[itemFeatures[k]!]!;
    const size = offsets[i + 1]! - offsets[i]!;
    if (size) personal[i] = sum / Math.sqrt(size);
  }

  // What one unit of `personal` adds to a score, without a model and with one.
  let scale = settings.strength * (reader.mass / (reader.mass + CONFIDENCE_MASS));
  let scores: Float64Array;
  // Each blend part's lift of each item, in list shares: [collaborative, content, popularity, freshness].
  const lifts: (Float64Array | undefined)[] = [];
  const fresh = __MODEL__ && settings.blend?.freshness ? freshness(candidates, settings.now, settings.halfLife ?? 1) : undefined;
  if (fresh) {
    // A prior, like the site's order: for every visitor alike.
    standardize(fresh);
    lifts[FRESHNESS_PART] = fresh.map((z) => settings.strength * settings.blend!.freshness * z);
  }
  const chose = settings.dense?.chose(settings.now) ?? false;
  /** What the visitor chose, with its weight now: demoted as seen, and no news to the model. */
  const chosen = settings.vector.chosen(settings.now);
  const { model, blend } = settings;
  const rows = __MODEL__ && model ? Int32Array.from(candidates, ({ id }) => model.index.get(id) ?? -1) : undefined;
  // A list the model knows nothing of is ranked as without one.
  if (__MODEL__ && model && blend && rows!.some((row) => row >= 0)) {
    const parts = modelScores(rows!, model, settings.dense, settings.now);
    // What the visitor chose already is no news: that people like them chose it too says nothing new.
    const chosenRows = new Set([...chosen.keys()].map((item) => model.index.get(item)));
    for (let i = 0; i < n; i++) if (chosenRows.has(rows![i])) parts.collaborative[i] = parts.content[i] = NaN;
    const mass = Math.max(settings.dense?.mass(settings.now) ?? 0, reader.mass);
    const confident = settings.strength * (mass / (mass + CONFIDENCE_MASS));
    // Popularity is the prior of a thin profile: it counts most for a visitor with no history, and fades as theirs grows.
    const partWeights = [confident * blend.collaborative, confident * blend.content, (settings.strength - confident) * blend.popularity];
    [parts.collaborative, parts.content, parts.popularity].forEach((part, p) => {
      standardize(part);
      lifts[p] = part.map((z) => partWeights[p]! * z);
    });
    const features = personal.slice();
    const deviation = standardize(features);
    scale = deviation ? (confident * blend.features) / deviation : 0;
    scores = features.map((z) => confident * blend.features * z);
  } else {
    scores = personal.map((value) => scale * value);
  }
  // Diversity and exploration counter what personalization narrows: a visitor with no profile yet gets the site's order as it is.
  const profiled = settings.strength > 0 && (reader.mass > 0 || (settings.dense?.mass(settings.now) ?? 0) > 0);
  const exploring = profiled ? settings.exploration : undefined;
  // How much the visitor's own profile lifts each item, before the priors: exploration tries only items it does not.
  const own = exploring ? scores.map((score, i) => score + (lifts[0]?.[i] ?? 0) + (lifts[1]?.[i] ?? 0)) : undefined;
  for (let i = 0; i < n; i++) {
    scores[i]! += 1 - i / n;
    for (const lift of lifts) if (lift) scores[i]! += lift[i]!;
  }
  // Seen items: down by up to the whole list while fresh (one click), less as the visit fades, so a favourite comes back.
  const seenBy = new Float64Array(n);
  if (settings.seen !== 'keep' && settings.strength > 0 && chosen.size) {
    for (let i = 0; i < n; i++) {
      const weight = chosen.get(candidates[i]!.id);
      if (weight !== undefined) scores[i]! -= seenBy[i] = SEEN_DEMOTION * Math.min(1, weight);
    }
  }

  /**
   * An item outside the profile gets a click rate drawn from the trials of its
   * features, averaged; any other, none. Outside: not lifted by the profile,
   * not chosen before, and no feature of it an interest or turned down. An
   * item without features gathers no trials, so it is never tried: it could
   * not stop being tried.
   */
  const trialsAt: Trials[] = [];
  const sampleOutside = (index: number, { explorer, impressionWeight }: NonNullable<RankSettings['exploration']>): number | undefined => {
    const from = offsets[index]!;
    const to = offsets[index + 1]!;
    if (from === to || own![index]! > 0 || chosen.has(candidates[index]!.id)) return undefined;
    let shown = 0;
    let clicked = 0;
    for (let k = from; k < to; k++) {
      const at = itemFeatures[k]!;
      const trials = (trialsAt[at] ??= settings.vector.trials(poolFeatures[at]!, settings.now));
      if (weights[at]! < 0 || weights[at]! - impressionWeight * trials.shown >= INTEREST) return undefined;
      shown += trials.shown;
      clicked += trials.clicked;
    }
    return explorer.sample(candidates[index]!.id, { shown: shown / (to - from), clicked: clicked / (to - from) });
  };

  const free: number[] = [];
  let pinned = 0;
  const hidden = (i: number) => settings.seen === 'hide' && seenBy[i]! >= SEEN_DEMOTION * SEEN_HIDDEN;
  // Pinned items keep their places: those in view leave fewer for exploration to count in.
  let pinnedInView = 0;
  for (let i = 0; i < n; i++) {
    if (candidates[i]!.pinned === true) {
      pinned++;
      if (i < inView) pinnedInView++;
    } else if (!hidden(i)) free.push(i);
  }
  const steps = settings.rerank && { ...settings.rerank, diversity: profiled ? settings.rerank.diversity : 0 };
  const reranking: Rerank | undefined = exploring
    ? {
        ...(steps ?? { diversity: 0, caps: {} }),
        exploration: { share: exploring.share, places: Math.max(0, Math.min(shown, inView) - pinnedInView), sample: (index) => sampleOutside(index, exploring) },
      }
    : steps;
  // The site's order of the free items, for the reasons of those re-ranking moves.
  const siteAt = reranking && Int32Array.from(free);
  free.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const rerankSteps = [diversity, exploration, ...(settings.rerankSteps ?? [calibration, caps])];
  const { order: placed, moved } = reranking
    ? rerank(free, scores, (index) => candidates[index]!.features ?? [], reranking, rerankSteps)
    : { order: free, moved: undefined };
  const placesOf = (order: ArrayLike<number>) => {
    const at = new Int32Array(n);
    for (let i = 0; i < order.length; i++) at[order[i]!] = i;
    return at;
  };
  /** Each free item's place in the site's order, by score, and after re-ranking, found when a reason first needs them. */
  let freePlaces: Int32Array[] | undefined;

  // A feature below its pool share is a reason only if the visitor pushed it down;
  // each feature's bucket and wording are found once per ranking, when first needed.
  const reasonStrength = lift.map((value, at) => (value > 0 || weights[at]! < 0 ? Math.abs(value) : 0));
  const buckets: (string | undefined)[] = [];
  const texts: string[] = [];
  // The strongest few features of the item at hand, by insertion; reused for every item.
  const top: number[] = [];
  const reasonsFor = (index: number, place: number): Reason[] => {
    if (candidates[index]!.pinned === true) return [pinnedReason(index)];
    const from = offsets[index]!;
    const to = offsets[index + 1]!;
    top.length = 0;
    for (let k = from; k < to; k++) {
      const at = itemFeatures[k]!;
      const strength = reasonStrength[at]!;
      if (strength === 0) continue;
      let rank = top.length;
      while (rank > 0 && reasonStrength[top[rank - 1]!]! < strength) rank--;
      if (rank < REASONS_PER_ITEM) top.splice(rank, 0, at);
      if (top.length > REASONS_PER_ITEM) top.pop();
    }
    const reasons: Reason[] = [];
    // "People who chose what you did" and "like what you chose" need a visitor who chose something.
    for (let part = chose ? 0 : POPULARITY_PART; __MODEL__ && part < lifts.length; part++) {
      const lifted = lifts[part]?.[index];
      if (lifted !== undefined && lifted >= PART_REASON_MIN) reasons.push(partReason(part, lifted));
    }
    if (reasons.length > 1) reasons.sort((a, b) => (b as { contribution: number }).contribution - (a as { contribution: number }).contribution);
    for (const at of top) {
      const feature = poolFeatures[at]!;
      if (texts[at] === undefined) {
        buckets[at] = reader.liftingBucket(feature);
        texts[at] = interestText(feature, lift[at]! > 0, buckets[at]);
      }
      reasons.push(interestReason(feature, (scale * lift[at]!) / Math.sqrt(to - from), buckets[at], texts[at]!));
    }
    // Lead with what put the item here: interests when they lifted it above its site position.
    if (place < index) reasons.push(siteOrderReason(index));
    else reasons.unshift(siteOrderReason(index));
    // Re-ranking moves an item last, so what it did comes first.
    const cap = moved?.capped.get(index);
    if (cap !== undefined) reasons.unshift(cappedReason(cap, settings.rerank!.caps[cap]!));
    // Diversity and calibration lead only where they moved the item further than its score did: a story the model
    // lifted five places and diversity one more is there for the model.
    const lifted = (reason: Reason) => {
      const [site, scored, reranked] = (freePlaces ??= [siteAt!, free, placed].map(placesOf)).map((at) => at[index]!) as [number, number, number];
      return scored - reranked > site - scored ? reasons.unshift(reason) : reasons.splice(1, 0, reason);
    };
    if (moved?.different.has(index)) lifted(differentReason());
    if (moved?.calibrated.has(index)) lifted(calibratedReason());
    if (moved?.explored.has(index)) reasons.unshift(exploredReason());
    if (seenBy[index]! >= PART_REASON_MIN) reasons.unshift(seenReason());
    return reasons;
  };

  const ranked: RankedItem[] = [];
  // Hidden seen items leave the list shorter; pinned items keep their index within it.
  const listed = Math.min(shown, free.length + pinned);
  for (let place = 0, next = 0; place < listed; place++) {
    const index = candidates[place]!.pinned === true ? place : placed[next++]!;
    ranked.push(new Ranked(candidates[index]!.id, scores[index]!, () => reasonsFor(index, place)));
  }
  return ranked;
}

/**
 * A ranked item whose reasons are worded when first read, and kept: a page
 * shows the reasons of the few items in view, and wording those of every item
 * of a long list was most of the cost of ranking it (10,000 items: 12.5 ms,
 * now 5). The accessor sits on the class, so an item costs what a plain object
 * does; `toJSON` keeps the reasons in JSON. A spread (`{ ...item }`) copies id
 * and score only, as for any accessor.
 */
class Ranked implements RankedItem {
  _reasons: Reason[] | undefined;
  constructor(
    readonly id: string,
    readonly score: number,
    readonly _word: () => Reason[],
  ) {}

  get reasons(): Reason[] {
    return (this._reasons ??= this._word());
  }

  set reasons(given: Reason[]) {
    this._reasons = given;
  }

  toJSON(): RankedItem {
    return { id: this.id, score: this.score, reasons: this.reasons };
  }
}
