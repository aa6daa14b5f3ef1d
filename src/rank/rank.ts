import type { Candidate, Context, RankedItem } from '../types';
import type { PreferenceVector } from '../profile/preference-vector';
import type { DenseProfile } from '../profile/dense';
import type { Model } from '../model/format';
import { fail } from '../errors';
import type { Blend } from './hybrid';
import { poolOf, type Pool } from './pool';
import { blend, type BlendedPart, type ScorePart } from './blend';
import { features } from './parts/features';
import { demoteSeen, type Seen } from './seen';
import { rerank, type Rerank, type RerankStep } from './rerank';
import { diversity } from './diversity';
import { exploration, outsideSampler, type Explorer } from './explore';
import { freeItems, place } from './place';
import { Ranked, reasonsOf } from './reasons';

export type { Seen } from './seen';

/** Exploration's share applies to the places in view: a page's worth, unless the caller says. */
const EXPLORED_PLACES = 20;

export interface RankSettings {
  vector: PreferenceVector;
  context: Context;
  now: number;
  /** 0..1: about the largest share of the list personalization can move an item. */
  strength: number;
  limit?: number | undefined;
  /** How many of the first places a visitor sees; exploration's share is of these. */
  inView?: number | undefined;
  /**
   * The score parts after the item's features, such as the model's
   * (parts/model-parts.ts), from whoever brings their support; none by default.
   */
  parts?: readonly ScorePart[];
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
   * none by default.
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

/**
 * Ranks `candidates`, given in the site's order, for the visitor: the site's
 * order nudged by the score parts (blend.ts says how far), then seen items
 * lowered, re-ranking, pinned items kept at their index, and the reasons
 * behind each item's place.
 */
export function rankCandidates(candidates: readonly Candidate[], settings: RankSettings): RankedItem[] {
  // 1. The pool: the candidates checked, each distinct feature read once, with its lift.
  if (!Array.isArray(candidates)) fail('rank()', 'candidates', candidates);
  const { shown, inView } = placesOf(settings, candidates.length);
  const pool = poolOf(candidates, settings);
  // 2. The parts: the item's features, then those the caller brings support for.
  const parts = [features, ...(settings.parts ?? [])];
  // 3. The blend: each item's place in the site's order, plus what each part lifts it by.
  const { scores, parts: blended } = blend(pool, parts, settings);
  // 4. Seen: what the visitor already chose moves down, or out.
  const seen = demoteSeen(pool, scores, settings);
  // 5. Re-ranking, of the items neither pinned nor hidden, best score first.
  const { order: free, pinned, pinnedInView } = freeItems(candidates, seen.hidden, inView);
  const reranking = rerankingOf(pool, parts, blended, settings, Math.max(0, Math.min(shown, inView) - pinnedInView));
  // The site's order of the free items, for the reasons of what re-ranking moves.
  const site = reranking && Int32Array.from(free);
  free.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const steps = [diversity, exploration, ...(settings.rerankSteps ?? [])];
  const { order, moved } = reranking
    ? rerank(free, scores, (index) => candidates[index]!.features ?? [], reranking, steps)
    : { order: free, moved: undefined };
  // 6. Places: pinned items at their own index, the rest in order around them.
  const placed = place(candidates, order, pinned, shown);
  // 7. Reasons, worded for an item when first read.
  const reasons = reasonsOf(pool, blended, seen.by, moved && { moved, caps: reranking!.caps, orders: [site!, free, order] });
  return placed.map((index, at) => new Ranked(candidates[index]!.id, scores[index]!, () => reasons(index, at)));
}

/** How many items the ranking lists, and how many of its first places a visitor sees. */
function placesOf(settings: RankSettings, n: number): { shown: number; inView: number } {
  const limit = settings.limit ?? n;
  if (!(Number.isInteger(limit) && limit >= 0)) fail('rank()', __DEV__ ? 'limit must be a whole number ≥ 0' : 'limit', limit);
  const inView = settings.inView ?? EXPLORED_PLACES;
  if (!(Number.isInteger(inView) && inView >= 0)) fail('rank()', __DEV__ ? 'inView must be a whole number ≥ 0' : 'inView', inView);
  return { shown: Math.min(limit, n), inView };
}

/**
 * The re-ranking settings of this ranking, or undefined for none. Diversity
 * and exploration counter what personalization narrows: a visitor with no
 * profile yet gets the site's order as it is. Exploration tries items outside
 * the profile in `places` of the first places.
 */
function rerankingOf(pool: Pool, parts: readonly ScorePart[], blended: readonly BlendedPart[], settings: RankSettings, places: number): Rerank | undefined {
  const profiled = settings.strength > 0 && parts.some((part) => (part.mass?.(pool, settings) ?? 0) > 0);
  const steps = settings.rerank && { ...settings.rerank, diversity: profiled ? settings.rerank.diversity : 0 };
  const exploring = profiled ? settings.exploration : undefined;
  if (!exploring) return steps;
  // How much the visitor's own parts lift an item, before the priors: exploration tries only items they do not.
  const own = blended.filter(({ part }) => part.mass).map(({ lifts }) => lifts);
  const ownLift = (index: number) => own.reduce((sum, lifts) => sum + lifts[index]!, 0);
  const sample = outsideSampler(pool, ownLift, settings.vector, settings.now, exploring.explorer, exploring.impressionWeight);
  return { ...(steps ?? { diversity: 0, caps: {} }), exploration: { share: exploring.share, places, sample } };
}
