/**
 * The model builder tunes itself on the site's own logs: each user's last
 * interaction is held out, and the settings that matter (the factors'
 * training, the blend's parts, strength, half-life, diversity) are searched by replaying
 * a sample of users through the SDK itself (audit/replay-visitor.ts), so the
 * settings chosen are judged by the ranking the site's visitors will get.
 */
import { loadModel, type AttuneModel, type InteractionType } from '../../src/index';
import type { TunedSettings } from '../../src/model/format';
import { replayPoints } from '../audit/replay-visitor';
import { buildModel, type CatalogueItem, type LoggedInteraction } from './build';
import { buildSeconds, replaySeconds, type LogSize } from './tune-cost';
import { coordinateSearch, type Evaluator, type Measured, type Trial } from './tune-search';
import { sampleUsers, tuningSplit, type TuningUser } from './tune-split';
import { settingsOf, startOf, tunedOf, tuningSpace, type Dimension, type Fixed, type Point } from './tune-space';

/** About a minute of tuning on a 2-core machine: enough for the training's main settings and a few passes over the ranking's. */
export const DEFAULT_TUNE_SECONDS = 60;
/** The first places measured: a slot's worth. */
export const TUNING_TOP = 10;
/** The replays a budget should pay for, at least, which sets how many users one replays. */
const REPLAYS_PER_BUDGET = 40;
/** Fewer users than this measure too coarsely to compare settings. */
const MIN_SAMPLE = 100;
/** See Plan.modelShare in tune-search.ts. */
const MODEL_SHARE = 0.6;
const PASSES = 3;
/**
 * HR@10 + NDCG@10 a step must gain, at least, to be kept: a setting that
 * moves it by less is not worth writing into the file in place of the SDK's
 * default, which follows the SDK as it improves.
 */
const MIN_GAIN = 0.001;

/** How `tuneModel()` searches: its time budget in estimated seconds, its seed, and the settings it must leave alone. */
export interface TuneOptions {
  /** Estimated seconds the search may take (tune-cost.ts). */
  seconds: number;
  /** Seeds the held-out split, the sample, each model's training and each visitor's exploration. */
  seed: number;
  /** How the site tracks what the logs record, `track(interaction, …)`. */
  interaction: InteractionType;
  /** Training settings the site fixed: not searched. */
  fixed: Fixed;
  iterations: number;
  contentWidth: number;
  /** Successors per item of the next-item part (build.ts); the builder's default where not given. */
  successors?: number;
  /** Progress: estimated seconds charged of the budget, as each trial starts. */
  onProgress?: (done: number, total: number) => void;
}

/** What `tuneModel()` tried and chose, trial by trial, for `tuningTable()` to print. */
export interface TuneReport {
  /** Users replayed, of those with enough items to hold one out. */
  users: number;
  eligible: number;
  /** The held-out points the users replayed were ranked at, up to TUNING_POINTS each (tune-split.ts). */
  points: number;
  /** Items each held-out item was ranked among, besides itself. */
  negatives: number;
  timed: boolean;
  space: Dimension[];
  trials: Trial[];
  /** The first trial (every setting at its default) and where the search ended. */
  start: Trial;
  best: Trial;
  /** What the model file gets: the training settings chosen and the ranking settings moved from the SDK's defaults. */
  build: { factors: number; regularization: number; confidence: number };
  tuned: TunedSettings;
  /** Estimated seconds planned and charged, and seconds it took. */
  planned: number;
  charged: number;
  seconds: number;
}

/** Measures points by replaying the sampled users through the SDK with a model trained on the held-out logs. */
class Replays implements Evaluator {
  private readonly models = new Map<string, AttuneModel>();
  private readonly size: LogSize;
  private readonly features: (id: string) => readonly string[];

  constructor(
    private readonly catalogue: readonly CatalogueItem[],
    private readonly training: readonly LoggedInteraction[],
    private readonly users: readonly TuningUser[],
    private readonly options: TuneOptions,
  ) {
    const byId = new Map(catalogue.map((item) => [item.id, item.features ?? []]));
    this.features = (id) => byId.get(id) ?? [];
    const items = new Set([...byId.keys(), ...training.map(({ item }) => item)]);
    this.size = { users: new Set(training.map(({ user }) => user)).size, items: items.size, interactions: training.length };
  }

  estimate(point: Point): number {
    const { build } = settingsOf(point, this.options.fixed);
    const training = this.models.has(JSON.stringify(build)) ? 0 : buildSeconds(this.size, build.factors, this.options.iterations);
    return training + replaySeconds(this.users, build.factors);
  }

  async evaluate(point: Point): Promise<Measured> {
    const { build, ranking } = settingsOf(point, this.options.fixed);
    const model = await this.model(build);
    const { interaction, seed } = this.options;
    // Each user's NDCG@10 and HR@10 are means over their points, so users count alike and their differences stay independent.
    const gains = new Float64Array(this.users.length);
    const hits = new Float64Array(this.users.length);
    let hit = 0;
    let points = 0;
    for (const [index, user] of this.users.entries()) {
      const results = await replayPoints(user, index, { model, options: ranking, interaction, features: this.features, seed }, TUNING_TOP);
      for (const { rank } of results) {
        if (!(rank >= 0 && rank < TUNING_TOP)) continue;
        hit++;
        hits[index] += 1 / results.length;
        gains[index] += 1 / Math.log2(rank + 2) / results.length;
      }
      points += results.length;
    }
    return { hr: hit / points, ndcg: gains.reduce((sum, gain) => sum + gain, 0) / this.users.length, gains, hits };
  }

  /** The model of these training settings, trained once on the held-out logs. */
  private async model(build: { factors: number; regularization: number; confidence: number }): Promise<AttuneModel> {
    const key = JSON.stringify(build);
    let model = this.models.get(key);
    if (!model) {
      const { iterations, contentWidth, successors, seed } = this.options;
      model = await loadModel(buildModel({ catalogue: this.catalogue, interactions: this.training }, { ...build, iterations, contentWidth, successors, seed }).bytes);
      this.models.set(key, model);
    }
    return model;
  }
}

/** How many users a replay may take for the budget to pay for REPLAYS_PER_BUDGET of them. */
function sampleSize(users: readonly TuningUser[], options: TuneOptions, factors: number): number {
  const perUser = replaySeconds(users, factors) / users.length;
  return Math.min(users.length, Math.max(MIN_SAMPLE, Math.floor(options.seconds / REPLAYS_PER_BUDGET / perUser)));
}

/**
 * Tunes the model's training and the SDK's ranking settings on the logs.
 *
 * @returns what was tried and chosen, or why there is too little to tune on.
 */
export async function tuneModel(catalogue: readonly CatalogueItem[], logs: readonly LoggedInteraction[], options: TuneOptions): Promise<TuneReport | { skipped: string }> {
  const started = performance.now();
  const split = tuningSplit(logs, options.seed);
  if ('skipped' in split) return split;
  const space = tuningSpace(options.fixed, split.timed);
  const start = startOf(space);
  const users = sampleUsers(split.users, sampleSize(split.users, options, settingsOf(start, options.fixed).build.factors), options.seed);
  const replays = new Replays(catalogue, split.training, users, options);
  const { trials, best, charged } = await coordinateSearch(space, start, replays, {
    budget: options.seconds,
    modelShare: MODEL_SHARE,
    passes: PASSES,
    minGain: MIN_GAIN,
    onTry: (_, spent) => options.onProgress?.(spent, options.seconds),
  });
  options.onProgress?.(options.seconds, options.seconds);
  return {
    users: users.length,
    eligible: split.users.length,
    points: users.reduce((sum, user) => sum + user.length, 0),
    negatives: split.negatives,
    timed: split.timed,
    space,
    trials,
    start: trials[0]!,
    best,
    build: settingsOf(best.point, options.fixed).build,
    tuned: tunedOf(best.point, space),
    planned: options.seconds,
    charged,
    seconds: (performance.now() - started) / 1000,
  };
}
