import type { Candidate, Context, RankedItem, Reason } from '../types';
import type { PreferenceVector } from '../profile/preference-vector';
import { fail } from '../signals/interaction';
import { interestReason, pinnedReason, siteOrderReason } from './reasons';

/**
 * Evidence (in weight units) at which the profile is trusted halfway: one click
 * on a two-feature item (mass 2) moves items two thirds as far as a long
 * history does.
 */
const CONFIDENCE_MASS = 1;
const REASONS_PER_ITEM = 3;

export interface RankSettings {
  vector: PreferenceVector;
  context: Context;
  now: number;
  /** 0..1: the largest share of the list an item's personal score can move it. */
  strength: number;
  limit?: number | undefined;
}

/**
 * Scores each candidate as prior + personal:
 * - prior `1 − i/n` from its position `i` in the site's order, so with no
 *   profile the site's order comes back unchanged (ties keep that order);
 * - personal: the sum of the item's feature weights over √(feature count)
 *   (cosine against a binary item vector, up to the profile's norm, which is
 *   the same for every item), scaled so the best match in this list gets
 *   `strength × confidence`. An item can thus climb at most `strength × n`
 *   places, and less while the profile is thin.
 * Pinned items keep their index. Reasons are built for returned items only.
 */
export function rankCandidates(candidates: readonly Candidate[], settings: RankSettings): RankedItem[] {
  if (!Array.isArray(candidates)) fail('rank()', 'candidates', candidates);
  const n = candidates.length;
  const limit = settings.limit ?? n;
  if (!(Number.isInteger(limit) && limit >= 0)) fail('rank()', __DEV__ ? 'limit must be a whole number ≥ 0' : 'limit', limit);
  const reader = settings.vector.reader(settings.context, settings.now);
  // Many items share features: each feature's weight is read once per ranking,
  // and each item's feature weights are kept in one flat array for its reasons.
  const known = new Map<string, number>();
  const offsets = new Uint32Array(n + 1);
  const featureWeights: number[] = [];
  const personal = new Float64Array(n);
  const seen = new Set<string>();
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const candidate = candidates[i];
    if (typeof candidate?.id !== 'string' || seen.has(candidate.id)) {
      fail('rank()', __DEV__ ? `candidate ${i} must be an object with an id of its own` : `candidate ${i}`, candidate?.id);
    }
    seen.add(candidate.id);
    const features = candidate.features ?? [];
    if (!Array.isArray(features)) fail('rank()', `features of candidate ${i}`, features);
    let sum = 0;
    for (const feature of features) {
      if (typeof feature !== 'string') fail('rank()', `features of candidate ${i}`, feature);
      let weight = known.get(feature);
      if (weight === undefined) known.set(feature, (weight = reader.weight(feature)));
      featureWeights.push(weight);
      sum += weight;
    }
    offsets[i + 1] = featureWeights.length;
    if (features.length) personal[i] = sum / Math.sqrt(features.length);
    largest = Math.max(largest, Math.abs(personal[i]!));
  }

  const confidence = reader.mass / (reader.mass + CONFIDENCE_MASS);
  const scale = largest > 0 ? (settings.strength * confidence) / largest : 0;
  const scores = personal.map((value, i) => 1 - i / n + scale * value);

  const free: number[] = [];
  for (let i = 0; i < n; i++) if (candidates[i]!.pinned !== true) free.push(i);
  free.sort((a, b) => scores[b]! - scores[a]! || a - b);

  const buckets = new Map<string, string | undefined>();
  const bucketOf = (feature: string) => {
    if (!buckets.has(feature)) buckets.set(feature, reader.liftingBucket(feature));
    return buckets.get(feature);
  };
  const reasonsFor = (index: number, place: number): Reason[] => {
    const features = candidates[index]!.features ?? [];
    if (candidates[index]!.pinned === true) return [pinnedReason(index)];
    const contributions = featureWeights
      .slice(offsets[index], offsets[index + 1])
      .map((weight) => (scale * weight) / Math.sqrt(features.length));
    const interests = strongest(contributions).map((at) =>
      interestReason(features[at]!, contributions[at]!, bucketOf(features[at]!)),
    );
    const siteOrder = siteOrderReason(index);
    // Lead with what put the item here: interests when they lifted it above its site position.
    return place < index ? [...interests, siteOrder] : [siteOrder, ...interests];
  };

  const ranked: RankedItem[] = [];
  for (let place = 0, next = 0; place < limit; place++) {
    const index = candidates[place]!.pinned === true ? place : free[next++]!;
    ranked.push({
      id: candidates[index]!.id,
      score: scores[index]!,
      // Built on first read: a site that shows the top few of a long list pays for those only.
      // An own, enumerable getter, so JSON and structured clones still carry the reasons.
      get reasons() {
        const reasons = reasonsFor(index, place);
        Object.defineProperty(this, 'reasons', { value: reasons, enumerable: true });
        return reasons;
      },
    });
  }
  return ranked;
}

/** Indexes of the few largest non-zero contributions, strongest first; items have few features. */
function strongest(contributions: readonly number[]): number[] {
  const top: number[] = [];
  for (let i = 0; i < contributions.length; i++) {
    if (contributions[i] === 0) continue;
    let at = top.length;
    while (at > 0 && Math.abs(contributions[top[at - 1]!]!) < Math.abs(contributions[i]!)) at--;
    if (at < REASONS_PER_ITEM) top.splice(at, 0, i);
    top.length = Math.min(top.length, REASONS_PER_ITEM);
  }
  return top;
}
