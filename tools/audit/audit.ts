/**
 * The audit: replays held-out histories through the SDK once per re-ranking
 * setting and measures what each costs in accuracy and what it changes in
 * what visitors are shown, so defaults are chosen from numbers.
 */
import { createAttune, loadModel } from '../../src/index';
import type { AttuneModel, AttuneOptions, InteractionType } from '../../src/index';
import type { Replay, ReplayId, TimedInteraction } from './leave-last-out';
import { replayVisitor, visitorOptions } from './replay-visitor';
import { accuracy, calibrationKl, coverage, exposureShares, gini, intraListDiversity, mixOf } from './metrics';

/** How many first places are measured: a slot's worth. */
export const AUDIT_TOP = 10;

/**
 * How far under the reference's NDCG@10 a setting may fall, relatively, and
 * still be a candidate default: the bar for the documented default.
 */
export const NDCG_LOSS_BUDGET = 0.02;

/** The SDK's options a setting may change: the re-ranking controls and the ranking's own strength, half-life and blend. */
export type AuditOptions = Pick<AttuneOptions, 'seen' | 'diversity' | 'exploration' | 'calibration' | 'caps' | 'strength' | 'halfLife' | 'blend'>;

export const AUDITED_OPTIONS: readonly (keyof AuditOptions)[] = [
  'seen',
  'diversity',
  'calibration',
  'caps',
  'exploration',
  'strength',
  'halfLife',
  'blend',
];

/** One setting to audit: a name for the table and chart, and the options given to `createAttune`. */
export interface AuditSetting {
  name: string;
  options: AuditOptions;
}

/** What `audit()` replays: the held-out split, the items' features and the model to rank with. */
export interface AuditInput {
  /** The held-out split, from `leaveLastOut`; times in epoch milliseconds. */
  replay: Replay<TimedInteraction>;
  /**
   * Each item's features as a page would mark them up, keyed by item id as a
   * number or as text (matched by its text, as pages name items); items
   * without an entry have none.
   */
  features: ReadonlyMap<ReplayId, readonly string[]>;
  /** The feature prefix whose mix and exposure are measured, such as `genre` for `genre:Drama`. */
  category: string;
  /** The site's model: its bytes, or a model from `loadModel()`. Decoded once and shared by every visitor. */
  model?: ArrayBuffer | ArrayBufferView | AttuneModel;
  /** How each training interaction is given to the SDK, `track(interaction, …)`. Default `click`. */
  interaction?: InteractionType;
  /** Evaluate the first N users only; the training data stays everyone's. */
  users?: number;
  /** Seed of each visitor's generator (the seed plus the visitor's place in the evaluation), for exploration's draws. Default 42. */
  seed?: number;
  /** Called as each setting progresses, with visitors done of all. */
  onProgress?: (setting: string, done: number, total: number) => void;
}

/** What one setting did. */
export interface SettingAudit {
  name: string;
  options: AuditOptions;
  /** HR@10 and NDCG@10 of the held-out item. */
  hr: number;
  ndcg: number;
  /** Share of the items in training that were in anyone's first ten places. */
  coverage: number;
  /** Gini index of how often each item in training was in someone's first ten places. */
  gini: number;
  /** Mean intra-list diversity of the first ten places (1 − cosine of feature sets). */
  diversity: number;
  /** Mean KL divergence (nats) between each visitor's history mix of the category and their first ten places' mix. */
  calibration: number;
  /** Each category's share of exposure in the first ten places against its share of the catalogue. */
  exposure: { category: string; shown: number; catalogue: number }[];
  /** Total variation between the shares shown and in the catalogue, ½ Σ |shown − catalogue|: the share of exposure that would have to move. */
  exposureGap: number;
  /** Median time of one `rank()` of the candidates, in milliseconds (the model's fold-in included). */
  rankMs: number;
  /** NDCG@10 relative to the first setting's: −0.01 is 1 % lower. */
  ndcgChange: number;
  /** Loses at most NDCG_LOSS_BUDGET of the first setting's NDCG@10 and covers more of the catalogue: a candidate default. */
  withinBudget: boolean;
}

/** What `audit()` measured for each setting: accuracy beside coverage, exposure, diversity and calibration. */
export interface AuditReport {
  /** Users evaluated. */
  users: number;
  /** Items in training data: the catalogue that coverage, Gini and exposure shares are counted over. */
  items: number;
  category: string;
  /** Candidates each held-out item is ranked among, itself included. */
  candidates: number;
  settings: SettingAudit[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** What the visitors of one setting were shown and where their held-out item went. */
interface Shown {
  ranks: number[];
  lists: string[][];
  times: number[];
}

/** The options a list of settings may set, and what compares them, for its messages. */
export interface Comparison {
  options: readonly string[];
  by: string;
}

const AUDIT: Comparison = { options: AUDITED_OPTIONS, by: 'the audit' };

/**
 * Refuses settings that would be silently ignored or could not be told apart,
 * and values the SDK refuses, so a mistake shows before a long replay starts.
 *
 * @throws TypeError naming the setting by its place and name.
 */
export async function checkAuditSettings(settings: readonly AuditSetting[], model?: AttuneModel, comparison: Comparison = AUDIT): Promise<void> {
  if (!settings.length) throw new TypeError('no settings to audit');
  const names = new Set<string>();
  for (const [index, setting] of settings.entries()) {
    const where = `setting ${index + 1}`;
    if (typeof setting?.name !== 'string' || !setting.name.trim()) throw new TypeError(`${where}: "name" must be a non-empty string`);
    if (names.has(setting.name)) throw new TypeError(`${where}: the name "${setting.name}" is taken by an earlier setting`);
    names.add(setting.name);
    const { options } = setting;
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new TypeError(`${where} ("${setting.name}"): "options" must be an object such as {"diversity": 0.2}`);
    }
    for (const key of Object.keys(options)) {
      if (!comparison.options.includes(key)) {
        throw new TypeError(`${where} ("${setting.name}"): "${key}" is not an option ${comparison.by} compares (${comparison.options.join(', ')})`);
      }
    }
    try {
      // createAttune checks every value and names the bad one.
      await (await createAttune(visitorOptions(0, Math.random, model, options))).close();
    } catch (error) {
      throw new TypeError(`${where} ("${setting.name}"): ${(error as Error).message}`);
    }
  }
}

/**
 * Each item's values of the category's prefix (`genre:Drama` → `Drama`), items without one left out.
 *
 * @throws TypeError when no item has a feature with the prefix, naming the prefixes the items have.
 */
export function categoryIndex(features: ReadonlyMap<ReplayId, readonly string[]>, category: string): Map<string, string[]> {
  const prefix = `${category}:`;
  const index = new Map<string, string[]>();
  for (const [id, own] of features) {
    const values = own.filter((feature) => feature.startsWith(prefix)).map((feature) => feature.slice(prefix.length));
    if (values.length) index.set(String(id), values);
  }
  if (!index.size) {
    const prefixes = new Set([...features.values()].flatMap((own) => own.flatMap((feature) => (feature.includes(':') ? [feature.split(':')[0]] : []))));
    const known = prefixes.size ? `the items' feature prefixes are ${[...prefixes].sort().slice(0, 12).join(', ')}` : 'the items have no prefixed features';
    throw new TypeError(`no item has a "${prefix}…" feature, so there is no ${category} mix to measure; ${known}`);
  }
  return index;
}

/**
 * Audits re-ranking settings on a held-out replay. For each setting, every
 * evaluated user gets a fresh in-memory instance (`createAttune` with the
 * setting's options, the model if given, a clock at the held-out moment and a
 * generator seeded per visitor), is fed their training history in time order
 * with `track()`, and ranks their candidates once. The first setting is the
 * reference the table compares the others with.
 *
 * @returns per setting: HR@10, NDCG@10, coverage, Gini of exposure, intra-list
 * diversity, calibration KL, exposure shares per category, median rank() time.
 * @throws TypeError naming a setting whose options the SDK refuses or the audit does not compare,
 * or a category no item has.
 */
export async function audit(input: AuditInput, settings: readonly AuditSetting[]): Promise<AuditReport> {
  const { replay, category, interaction = 'click', seed = 42, onProgress } = input;
  const model = input.model === undefined ? undefined : await loadModel(input.model);
  await checkAuditSettings(settings, model);
  const featuresOf = new Map<string, readonly string[]>([...input.features].map(([id, features]) => [String(id), features]));
  const categoriesOf = categoryIndex(featuresOf, category);
  const features = (id: string) => featuresOf.get(id) ?? [];
  const categories = (id: string) => categoriesOf.get(id) ?? [];
  const catalogue = [...replay.popularity.keys()].map(String);
  const evaluated = input.users === undefined ? replay.users : replay.users.slice(0, input.users);
  // Each visitor's history mix is the same under every setting.
  const historyMixes = evaluated.map((user) => mixOf(user.train.map(({ item }) => String(item)), categories));

  const results: SettingAudit[] = [];
  for (const setting of settings) {
    const shown: Shown = { ranks: [], lists: [], times: [] };
    const replay = { model, options: setting.options, interaction, features, seed };
    for (const [index, user] of evaluated.entries()) {
      const { rank, top, ms } = await replayVisitor(user, index, replay, AUDIT_TOP);
      shown.ranks.push(rank);
      shown.lists.push(top);
      shown.times.push(ms);
      onProgress?.(setting.name, index + 1, evaluated.length);
    }
    results.push(measure(setting, shown, { features, categories, catalogue, historyMixes }));
  }
  const [reference] = results;
  for (const result of results) {
    result.ndcgChange = reference!.ndcg > 0 ? result.ndcg / reference!.ndcg - 1 : 0;
    result.withinBudget = result !== reference && result.ndcgChange >= -NDCG_LOSS_BUDGET && result.coverage > reference!.coverage;
  }
  return { users: evaluated.length, items: catalogue.length, category, candidates: evaluated[0]?.candidates.length ?? 0, settings: results };
}

function measure(
  setting: AuditSetting,
  { ranks, lists, times }: Shown,
  context: {
    features: (id: string) => readonly string[];
    categories: (id: string) => readonly string[];
    catalogue: readonly string[];
    historyMixes: readonly Map<string, number>[];
  },
): SettingAudit {
  const { features, categories, catalogue, historyMixes } = context;
  // Visitors whose history has no item of the category have no mix to keep: they are left out of the mean.
  const divergences = lists.flatMap((list, i) => (historyMixes[i]!.size ? [calibrationKl(historyMixes[i]!, mixOf(list, categories))] : []));
  const exposure = exposureShares(lists, categories, catalogue);
  return {
    name: setting.name,
    options: setting.options,
    ...accuracy(ranks, AUDIT_TOP),
    coverage: coverage(lists, catalogue.length),
    gini: gini(lists, catalogue),
    diversity: lists.reduce((sum, list) => sum + intraListDiversity(list, features), 0) / (lists.length || 1),
    calibration: divergences.reduce((sum, kl) => sum + kl, 0) / (divergences.length || 1),
    exposure,
    exposureGap: exposure.reduce((sum, { shown, catalogue: share }) => sum + Math.abs(shown - share), 0) / 2,
    rankMs: times.length ? median(times) : 0,
    // Set once every setting is measured.
    ndcgChange: 0,
    withinBudget: false,
  };
}
