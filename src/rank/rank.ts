import type { Candidate, Context, RankedItem } from '../types';
import type { PreferenceVector } from '../profile/preference-vector';
import type { DenseProfile } from '../profile/dense';
import type { Model } from '../model/format';
import { fail } from '../errors';
import type { Blend } from './hybrid';
import { poolOf, turnedAway, type Pool } from './pool';
import { blend, type ScorePart } from './blend';
import { features } from './parts/features';
import { demoteSeen, type Demoted, type Seen } from './seen';
import { rerank, type Rerank, type RerankStep } from './rerank';
import { diversity } from './diversity';
import { siteShare } from './site-share';
import { exploration, outsideSampler, type Explorer } from './explore';
import { freeItems, place } from './place';
import { Ranked, reasonsOf } from './reasons';
import { sortByScore } from './by-score';

export type { Seen } from './seen';

/** Exploration's share applies to the places in view: a page's worth, unless the caller says. */
const EXPLORED_PLACES = 20;
/**
 * Items chosen up to which the visitor's order fills half of the places in
 * view, the site's the other half; beyond, the visitor's share grows as
 * 1 − this / (2 × items chosen): 3/4 at twice as many, 9/10 at five times.
 */
const CHOSEN_FOR_HALF_THE_VIEW = 3;
/**
 * Items chosen at which the visitor's places count half of the site's order,
 * for a single-minded visitor (visitorCalls): of 2, 3, 4 and 6, the one that
 * holds every property of the generated pages' first sessions
 * (test/behaviour/) on as many pages as any other or more.
 */
const CHOSEN_FOR_HALF_THE_SITE_ORDER = 2;
/**
 * Items chosen at which diversity and exploration reach the strength they are
 * set to, growing in proportion up to it: what they counter is the narrowing
 * a profile brings, and one or two reads narrow little.
 */
const CHOSEN_FOR_FULL_RERANKING = 10;

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
  /** Whether diversity and exploration come from the visitor's own dial, rather than the site's options. */
  dialled?: boolean;
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
  const { scores, parts: blended, own } = blend(pool, parts, settings);
  // 4. Seen: what the visitor already chose moves down, or out.
  const seen = demoteSeen(pool, scores, own, settings);
  // 5. Re-ranking, of the items neither pinned nor hidden, best score first.
  const { order: free, pinned, pinnedInView } = freeItems(candidates, seen.hidden, inView);
  // The site's order of the free items: its share of the view, and the reasons of what re-ranking moves.
  const site = Int32Array.from(free);
  const reranking = rerankingOf(pool, parts, own, settings, Math.max(0, Math.min(shown, inView) - pinnedInView), site, seen);
  // The visitor's order: by score, or while the site keeps a share of the view, by what calls an item into the visitor's.
  const calls = reranking?.site ? visitorCalls(scores, pool.chosen.size, pool.evidence.focus) : scores;
  sortByScore(free, calls);
  const steps = [diversity, siteShare, exploration, ...(settings.rerankSteps ?? [])];
  const { order, moved } = reranking
    ? rerank(free, calls, (index) => candidates[index]!.features ?? [], reranking, steps)
    : { order: free, moved: undefined };
  // 6. Places: pinned items at their own index, the rest in order around them.
  const placed = place(candidates, order, pinned, shown);
  // 7. Reasons, worded for an item when first read.
  const reasons = reasonsOf(pool, blended, seen, moved && { moved, caps: reranking!.caps, orders: [site, free, order] });
  // Ids from the list's reading, one compact array, rather than from each candidate, visited in ranked order.
  const ids = pool.list._ids;
  const ranked: RankedItem[] = new Array(placed.length);
  for (let at = 0; at < placed.length; at++) ranked[at] = new Ranked(ids[placed[at]!]!, scores[placed[at]!]!, reasons, placed[at]!, at);
  return ranked;
}

/**
 * What calls an item into the visitor's places while the site keeps a share of
 * the view (site-share.ts): its score, less part of the site's order in it
 * (the prior `1 − i/n` the blend starts from), as much as the visitor's choices
 * fall on one value: for a single-minded visitor, a half at two items chosen,
 * a fifth at eight. With the site's own picks beside them, the visitor's places
 * then go to what their reads lift most, wherever the site placed it, rather
 * than to the site's top stories that a shared author lifts a little; as the
 * history grows, the site's order counts in full again. `focus` (evidence.ts)
 * counts to the fourth power: of the first, fourth and eighth, the fourth and
 * eighth cost the replays' short histories least, where three films of mixed
 * genres rank better by popularity, and hold the generated pages alike. A More
 * asks for more of one feature: it widens the visitor's share, but takes no
 * more of the site's order out of it.
 */
function visitorCalls(scores: Float64Array, chosenItems: number, focus: number): Float64Array {
  const n = scores.length;
  const uncounted = (focus ** 4 * CHOSEN_FOR_HALF_THE_SITE_ORDER) / (chosenItems + CHOSEN_FOR_HALF_THE_SITE_ORDER);
  const calls = new Float64Array(n);
  for (let i = 0; i < n; i++) calls[i] = scores[i]! - uncounted * (1 - i / n);
  return calls;
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
 * The re-ranking settings of this ranking, or undefined for none. The site's
 * share of the view, diversity and exploration counter what personalization
 * narrows, each as far as the evidence behind the profile warrants: a visitor
 * with no profile gets the site's order as it is, one with a few reads sees
 * their kind take about half of the view, and a long history takes it all.
 * Exploration tries items outside the profile in `places` of the first places.
 */
function rerankingOf(
  pool: Pool,
  parts: readonly ScorePart[],
  own: Float64Array,
  settings: RankSettings,
  places: number,
  site: Int32Array,
  seen: Demoted,
): Rerank | undefined {
  const profiled = settings.strength > 0 && parts.some((part) => (part.mass?.(pool, settings) ?? 0) > 0);
  if (!profiled) return settings.rerank && { ...settings.rerank, diversity: 0 };
  const chosen = pool.evidence.mass > 0 ? pool.chosen.size : 0;
  // A More on a feature is an explicit choice: it widens the visitor's share as an item chosen does.
  const asked = pool.evidence.mass > 0 ? chosen + pool.stated : 0;
  const visitorShare = asked > 0 ? Math.max(0.5, 1 - CHOSEN_FOR_HALF_THE_VIEW / (2 * asked)) : 0;
  // The visitor's own dial says how much they want: it applies as they set it. A More asks for more of one
  // feature, which is no reason to show more of others: only the items chosen count here.
  const narrowing = settings.dialled ? 1 : Math.min(1, chosen / CHOSEN_FOR_FULL_RERANKING);
  // How much the visitor's own parts lift an item, before the priors: the site's share and exploration go to items they do not.
  const ownLift = (index: number) => own[index]!;
  // The site's picks: what the visitor's own parts do not lift above the average candidate, neither chosen nor turned away
  // from, nor of a kind the visitor chose.
  const siteMay = (index: number) =>
    ownLift(index) <= 0 && seen.by[index] === 0 && !seen.passed.has(index) && !turnedAway(pool, index) && !ofChosenKind(pool, index);
  const steps: Rerank = {
    caps: {},
    ...settings.rerank,
    diversity: (settings.rerank?.diversity ?? 0) * narrowing,
    // With nothing chosen yet (only items or features turned down), the visitor's order is the site's with those lowered.
    ...(visitorShare > 0 && {
      site: { share: visitorShare, places, order: site, may: siteMay },
    }),
  };
  const exploring = settings.exploration && { ...settings.exploration, share: settings.exploration.share * narrowing };
  if (!exploring) return steps;
  const sample = outsideSampler(pool, ownLift, settings.vector, settings.now, exploring.explorer, exploring.impressionWeight);
  return { ...steps, exploration: { share: exploring.share, places, sample } };
}

/**
 * Whether the item at `index` is of a kind the visitor chose: one of its
 * values of the leading prefix (list-reading.ts) is one the visitor chooses
 * more often than the pool has it. A story of golf and books is no pick of
 * the site's for a reader of books: the site's share keeps the view open to
 * other kinds.
 */
function ofChosenKind({ list: { prefixOf, leading }, lift, offsets, itemFeatures }: Pool, index: number): boolean {
  for (let k = offsets[index]!; k < offsets[index + 1]!; k++) {
    const feature = itemFeatures[k]!;
    if (prefixOf[feature] === leading && lift[feature]! > 0) return true;
  }
  return false;
}
