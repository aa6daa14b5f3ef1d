import type { Candidate, RankOptions, RankedItem } from '../types';
import type { Core } from '../core';
import { checkRankOptions, type RerankOptions } from '../options';
import { checkContext } from '../limits';
import { fail } from '../errors';
import { timeContext } from '../signals/context';
import { rankCandidates, type RankSettings } from './rank';
import type { Rerank } from './rerank';
import { surpriseSettings } from './surprise';
import { calibration } from './calibration';
import { caps } from './caps';
import { holdoutGroup } from '../privacy/holdout';

/** The re-ranking steps after diversity and exploration; each does nothing where its option is off. Caps run last, where no step can break them. */
const RERANK_STEPS = [calibration, caps];

/**
 * Ranks for this visitor: the instance's settings, unless the call names its
 * own, the visitor's dial and pause, and the profile as it is now. A visitor
 * in the site's holdout gets the site's order, cut to the call's limit.
 */
export function rankForVisitor(core: Core, candidates: readonly Candidate[], options: RankOptions = {}): RankedItem[] {
  if (typeof options !== 'object' || options === null) fail('rank()', 'options', options);
  const { config, learner, settings, items } = core;
  const at = config.now();
  const paused = settings.values.paused === true;
  // Checked in the holdout too, so a mistake in a call shows in either group.
  const rerankOptions = rerankOptionsOf(core, options);
  if (holdoutGroup(core) === 'holdout') {
    const ordered = siteOrder(core, candidates, options);
    items.ranked(ordered);
    return ordered;
  }
  // The model may have arrived while a catch-up or forget() was building the vector now in use.
  learner.foldIn();
  const context = options.context === undefined ? { ...timeContext(at), ...core.pageBuckets } : checkContext(options.context, 'rank()');
  // The site's rules, before re-ranking: what they hide or pin, and the part of their boosts. A pause sets them aside too.
  const ruled = paused ? undefined : core._siteRules?.(candidates, context);
  const ranked = rankCandidates(ruled?.candidates ?? candidates, {
    vector: learner.vector,
    context,
    now: at,
    strength: paused ? 0 : config.strength,
    limit: options.limit,
    inView: options.inView,
    model: learner.model,
    dense: learner.vector._dense,
    blend: config.blend,
    halfLife: config.halfLife,
    parts: ruled ? [...core.modelParts, ruled.part] : core.modelParts,
    rerank: rerankOf(core, rerankOptions, paused),
    rerankSteps: RERANK_STEPS,
    exploration: explorationOf(core, rerankOptions),
    seen: rerankOptions.seen,
    dialled: settings.values.surprise !== undefined && options.diversity === undefined && options.exploration === undefined,
  });
  items.ranked(ranked);
  items.rankedVectors(candidates);
  return ranked;
}

/** The site's order, for slots shown before the profile is loaded and for a visitor in the holdout; `limit` and `inView` as the call gives them. */
export function siteOrder(core: Core, candidates: readonly Candidate[], { limit, inView }: RankOptions = {}): RankedItem[] {
  return rankCandidates(candidates, { vector: core.learner.vector, context: {}, now: 0, strength: 0, limit, inView });
}

/**
 * The re-ranking options of one ranking, checked: its own, else the visitor's
 * dial (for diversity and exploration), else the instance's.
 */
function rerankOptionsOf({ config, settings }: Core, options: RankOptions): RerankOptions {
  const { surprise } = settings.values;
  return checkRankOptions(options, surprise === undefined ? config : { ...config, ...surpriseSettings(surprise) });
}

/** Calibration, diversity and caps for one ranking; none while paused. */
function rerankOf(core: Core, options: RerankOptions, paused: boolean): Rerank | undefined {
  const { diversity, caps: capped, calibration: calibrated } = options;
  if (paused || (!diversity && !Object.keys(capped).length && !calibrated?.weight)) return undefined;
  const mix = calibrated?.weight ? { calibration: { target: core.learner.vector.mix(calibrated.by, core.config.now()), weight: calibrated.weight } } : undefined;
  return { diversity, caps: capped, ...mix };
}

function explorationOf({ explorer, config }: Core, { exploration }: RerankOptions): RankSettings['exploration'] {
  return exploration ? { share: exploration, explorer, impressionWeight: config.interactionWeights.get('impression') ?? 0 } : undefined;
}
