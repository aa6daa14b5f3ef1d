import type { Candidate, RankOptions, RankedItem } from '../types';
import type { Core } from '../core';
import { between, isCalibration, isCaps, isSeen } from '../options';
import { checkContext } from '../limits';
import { fail } from '../errors';
import { timeContext } from '../signals/context';
import { rankCandidates, type RankSettings, type Seen } from './rank';
import type { Rerank } from './rerank';
import { surpriseSettings } from './surprise';

/**
 * Ranks for this visitor: the instance's settings, unless the call names its
 * own, the visitor's dial and pause, and the profile as it is now.
 */
export function rankForVisitor(core: Core, candidates: readonly Candidate[], options: RankOptions = {}): RankedItem[] {
  if (typeof options !== 'object' || options === null) fail('rank()', 'options', options);
  const { config, learner, settings, items } = core;
  const at = config.now();
  const paused = settings.values.paused === true;
  // The model may have arrived while a catch-up or forget() was building the vector now in use.
  learner.foldIn();
  const ranked = rankCandidates(candidates, {
    vector: learner.vector,
    context: options.context === undefined ? { ...timeContext(at), ...core.pageBuckets } : checkContext(options.context, 'rank()'),
    now: at,
    strength: paused ? 0 : config.strength,
    limit: options.limit,
    inView: options.inView,
    model: learner.model,
    dense: learner.vector._dense,
    blend: config.blend,
    halfLife: config.halfLife,
    rerank: rerankOf(core, options, paused),
    exploration: explorationOf(core, options),
    seen: seenOf(core, options),
  });
  items.ranked(ranked);
  return ranked;
}

/** The site's order, for slots shown before the profile is loaded. */
export function siteOrder(core: Core, candidates: readonly Candidate[]): RankedItem[] {
  return rankCandidates(candidates, { vector: core.learner.vector, context: {}, now: 0, strength: 0 });
}

/** The diversity and exploration a ranking gets unless it names its own: the visitor's dial, else the site's options. */
function defaults({ settings, config }: Core): { diversity: number; exploration: number } {
  const { surprise } = settings.values;
  return surprise === undefined ? config : surpriseSettings(surprise);
}

/** Calibration, diversity and caps for one ranking: its own, else the instance's; none while paused. */
function rerankOf(core: Core, options: RankOptions, paused: boolean): Rerank | undefined {
  const { config } = core;
  const { diversity = defaults(core).diversity, caps = config.caps, calibration = config.calibration } = options;
  if (!between(0, 1)(diversity)) fail('rank()', __DEV__ ? 'diversity must be a number from 0 to 1' : 'diversity', diversity);
  if (!isCaps(caps)) fail('rank()', __DEV__ ? 'caps must be an object of feature prefix: whole number ≥ 1' : 'caps', caps);
  if (calibration !== undefined && !isCalibration(calibration)) fail('rank()', __DEV__ ? "calibration must be { by: a feature prefix, weight: 0 to 1 }" : 'calibration', calibration);
  if (paused || (!diversity && !Object.keys(caps).length && !calibration?.weight)) return undefined;
  const target = calibration?.weight ? { calibration: { target: core.learner.vector.mix(calibration.by, config.now()), weight: calibration.weight } } : undefined;
  return { diversity, caps, ...target };
}

function explorationOf(core: Core, { exploration = defaults(core).exploration }: RankOptions): RankSettings['exploration'] {
  if (!between(0, 1)(exploration)) fail('rank()', __DEV__ ? 'exploration must be a number from 0 to 1' : 'exploration', exploration);
  const { explorer, config } = core;
  return exploration ? { share: exploration, explorer, impressionWeight: config.interactionWeights.get('impression') ?? 0 } : undefined;
}

function seenOf({ config }: Core, { seen = config.seen }: RankOptions): Seen {
  if (!isSeen(seen)) fail('rank()', __DEV__ ? "seen must be 'demote', 'hide' or 'keep'" : 'seen', seen);
  return seen;
}
