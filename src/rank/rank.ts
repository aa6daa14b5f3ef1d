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
  limit?: number;
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
  const { vector, context, now, strength } = settings;
  const n = candidates.length;
  const weights = new Map<string, number>();
  const weightOf = (feature: string): number => {
    let weight = weights.get(feature);
    if (weight === undefined) {
      weight = vector.weight(feature, context, now);
      weights.set(feature, weight);
    }
    return weight;
  };

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
    if (features.length === 0) continue;
    let sum = 0;
    for (const feature of features) sum += typeof feature === 'string' ? weightOf(feature) : fail('rank()', `features of candidate ${i}`, feature);
    personal[i] = sum / Math.sqrt(features.length);
    largest = Math.max(largest, Math.abs(personal[i]!));
  }

  const mass = vector.mass(now);
  const confidence = mass / (mass + CONFIDENCE_MASS);
  const scale = largest > 0 ? (strength * confidence) / largest : 0;
  const score = (i: number) => 1 - i / n + scale * personal[i]!;

  const free: number[] = [];
  const pinnedAt = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (candidates[i]!.pinned === true) pinnedAt.set(i, i);
    else free.push(i);
  }
  free.sort((a, b) => score(b) - score(a) || a - b);
  const order: number[] = [];
  for (let place = 0, next = 0; place < n; place++) {
    order.push(pinnedAt.get(place) ?? free[next++]!);
  }

  const limit = settings.limit ?? n;
  if (!(Number.isInteger(limit) && limit >= 0)) fail('rank()', __DEV__ ? 'limit must be a whole number ≥ 0' : 'limit', limit);
  return order.slice(0, limit).map((index, place) => {
    const candidate = candidates[index]!;
    return { id: candidate.id, score: score(index), reasons: reasonsFor(candidate, index, place, scale, weightOf, settings) };
  });
}

function reasonsFor(
  candidate: Candidate,
  index: number,
  place: number,
  scale: number,
  weightOf: (feature: string) => number,
  { vector, context, now }: RankSettings,
): Reason[] {
  if (candidate.pinned === true) return [pinnedReason(index)];
  const features = candidate.features ?? [];
  const interests: Reason[] = [];
  if (scale > 0) {
    const contributions = features
      .map((feature) => [feature, (scale * weightOf(feature)) / Math.sqrt(features.length)] as const)
      .filter(([, contribution]) => contribution !== 0)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
      .slice(0, REASONS_PER_ITEM);
    for (const [feature, contribution] of contributions) {
      interests.push(interestReason(feature, contribution, vector.liftingBucket(feature, context, now)));
    }
  }
  const siteOrder = siteOrderReason(index);
  // Lead with what put the item here: interests when they lifted it above its site position.
  return place < index ? [...interests, siteOrder] : [siteOrder, ...interests];
}
