/**
 * What a tuning trial is expected to cost, in seconds, from the size of the
 * data alone: the search charges these estimates rather than the clock, so
 * the same logs and seed try the same trials on any machine, however busy.
 * The rates are fitted to the build and replay times of both quality replays
 * on the 2-core machine the benchmarks run on (BENCHMARKS.md); elsewhere, or
 * on a busy machine, the search tries the same trials in more or less time.
 */
import type { ReplayUser } from '../audit/leave-last-out';

/**
 * Seconds per multiply-add of an implicit-ALS iteration (als.ts): rows × 5k²
 * for the Gramians and conjugate-gradient steps, which run over dense rows,
 * and observations × 16k, which gather scattered item rows and cost more each.
 */
const ALS_SECONDS_PER_DENSE = 0.47e-9;
const ALS_SECONDS_PER_GATHER = 3.1e-9;
/** Seconds per catalogue item to hash its content and quantise its rows, each time a model is built. */
const BUILD_SECONDS_PER_ITEM = 10e-6;
/** Seconds per interaction a replayed visitor tracks, before the fold-in. */
const REPLAY_SECONDS_PER_TRACK = 9e-6;
/** Seconds per tracked item and factor² of the fold-in applied at the ranking (profile/dense.ts: k²/2 each). */
const REPLAY_SECONDS_PER_FOLD = 1e-9;
/** Seconds per point replayed: a fresh instance (once per visitor) and one ranking of the candidates. */
const REPLAY_SECONDS_PER_VISITOR = 0.3e-3;

/** The size of the training logs. */
export interface LogSize {
  users: number;
  /** Rows of the model: the catalogue and items only in the logs. */
  items: number;
  /** Interactions (lines) trained on. */
  interactions: number;
}

/** Seconds to build one model with `factors` per item and `iterations` of ALS. */
export function buildSeconds({ users, items, interactions }: LogSize, factors: number, iterations: number): number {
  const perIteration = (users + items) * 5 * factors * factors * ALS_SECONDS_PER_DENSE + interactions * 16 * factors * ALS_SECONDS_PER_GATHER;
  return iterations * perIteration + items * BUILD_SECONDS_PER_ITEM;
}

/** Seconds to replay `users` through the SDK once, each at their points (tune-split.ts), with a model of `factors` per item. */
export function replaySeconds(users: readonly (readonly ReplayUser[])[], factors: number): number {
  // A user's history is fed once, up to their last point; each point costs a ranking.
  const tracked = users.reduce((sum, points) => sum + points.at(-1)!.train.length, 0);
  const points = users.reduce((sum, user) => sum + user.length, 0);
  return tracked * (REPLAY_SECONDS_PER_TRACK + (factors * factors * REPLAY_SECONDS_PER_FOLD) / 2) + points * REPLAY_SECONDS_PER_VISITOR;
}
