import type { AttuneOptions, Calibration, ConsentState, Context, Environment } from './types';
import { DEFAULT_BLEND, type Blend } from './rank/hybrid';
import { isModel } from './model/format';
import type { Seen } from './rank/rank';
import type { ModelSource } from './model/load';

type ReportingOptions = NonNullable<AttuneOptions['reporting']>;
import { fail } from './errors';
import { KEY, checkContext } from './limits';

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/** Options with every default filled in and every value checked; durations in milliseconds. */
export interface Config {
  namespace: string;
  consent: ConsentState;
  halfLife: number;
  strength: number;
  interactionWeights: Map<string, number>;
  storage: 'indexeddb' | 'memory';
  autoTrack: boolean;
  autoApply: boolean;
  honourGlobalPrivacyControl: boolean;
  renderBudget: number;
  context: Context;
  reporting: (Omit<ReportingOptions, 'period'> & { periodMs: number }) | undefined;
  contextKeys: string[];
  model: ModelSource | undefined;
  blend: Blend;
  seen: Seen;
  diversity: number;
  exploration: number;
  calibration: Calibration | undefined;
  caps: Record<string, number>;
  sensitiveCategories: string[];
  maxFeatures: number;
  maxEvents: number;
  maxEventAge: number;
  now: () => number;
  random: () => number;
  document: Document | undefined;
  navigator: Navigator | undefined;
  indexedDB: IDBFactory | undefined;
}

/**
 * Default weight of one interaction of each type, per feature of the item.
 * Ordered as DESIGN.md asks: purchase > like > dwell > click > impression, and
 * dislike, hide are negative. `rate` is scaled by (stars − 3) / 2, `dwell` by
 * visible time up to 30 s, `scroll` counts a quarter per 25 % of the page.
 */
export const DEFAULT_INTERACTION_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  purchase: 5,
  like: 4,
  rate: 4,
  dwell: 2,
  click: 1,
  view: 0.5,
  scroll: 1,
  search: 0.5,
  impression: 0.05,
  prefer: 5,
  dislike: -4,
  hide: -5,
});

/** Exposure caps: feature prefixes (like context keys) to whole numbers ≥ 1. */
export const isCaps = (value: unknown): value is Record<string, number> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.entries(value).every(([prefix, most]) => KEY.test(prefix) && Number.isInteger(most) && most >= 1);

/** What to do with items the visitor already chose. */
export const isSeen = (value: unknown): value is Seen => value === 'demote' || value === 'hide' || value === 'keep';

/** Calibration: a feature prefix and a weight from 0 to 1. */
export const isCalibration = (value: unknown): value is Calibration =>
  typeof value === 'object' &&
  value !== null &&
  KEY.test((value as Calibration).by) &&
  between(0, 1)((value as Calibration).weight);

/** Parses `14d`, `12h`, `30m`, `45s`, `500ms`, `2w` or a number of milliseconds. */
export function parseDuration(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(value) : undefined;
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] ?? 'ms']! : value;
  return typeof ms === 'number' && ms > 0 && ms < Infinity ? ms : undefined;
}

type Check = (value: unknown) => boolean;
const isObject: Check = (value) => typeof value === 'object' && value !== null;
const isDuration: Check = (value) => parseDuration(value) !== undefined;
const isFlag: Check = (value) => typeof value === 'boolean';
export const between = (min: number, max: number): Check => (value) =>
  typeof value === 'number' && value >= min && value <= max;
const oneOf = (...choices: string[]): Check => (value) => choices.includes(value as string);

/**
 * Every option: its check and its default. The script tag reads the same
 * table: an attribute's text is read as its default's type
 * (`data-strength="0.7"` as a number); the object options cannot be text, so
 * only `window.attune_config` can set them.
 */
export const OPTIONS = new Map<string, [Check, unknown]>([
  ['namespace', [(value) => /^[\w.-]{1,64}$/.test(value as string), 'default']],
  ['consent', [oneOf('required', 'granted'), 'required']],
  ['halfLife', [isDuration, '14d']],
  ['strength', [between(0, 1), 0.5]],
  ['storage', [oneOf('indexeddb', 'memory'), 'indexeddb']],
  ['autoTrack', [isFlag, true]],
  ['autoApply', [isFlag, false]],
  ['honourGlobalPrivacyControl', [isFlag, true]],
  ['renderBudget', [between(0, 10_000), 300]],
  ['contextKeys', [(value) => Array.isArray(value) && value.every((key) => KEY.test(key)), ['daypart', 'week']]],
  ['maxFeatures', [between(10, 100_000), 2000]],
  ['maxEvents', [between(10, 1_000_000), 5000]],
  ['maxEventAge', [isDuration, '90d']],
  [
    'sensitiveCategories',
    [
      (value) => Array.isArray(value) && value.every((category) => KEY.test(category)),
      ['health', 'medical', 'religion', 'sexual-orientation', 'sexuality', 'ethnicity', 'political-affiliation'],
    ],
  ],
  [
    'interactionWeights',
    [
      (weights) =>
        isObject(weights) && Object.entries(weights as object).every(([type, weight]) => KEY.test(type) && between(-100, 100)(weight)),
      {},
    ],
  ],
  [
    'model',
    [
      (value) =>
        (typeof value === 'string' && value.length > 0) ||
        value instanceof URL ||
        value instanceof ArrayBuffer ||
        ArrayBuffer.isView(value) ||
        isModel(value),
      undefined,
    ],
  ],
  [
    'blend',
    [
      (value) =>
        isObject(value) &&
        Object.entries(value as object).every(([part, weight]) => Object.prototype.hasOwnProperty.call(DEFAULT_BLEND, part) && between(0, 10)(weight)),
      DEFAULT_BLEND,
    ],
  ],
  ['seen', [isSeen, 'demote']],
  // Chosen by the audit (BENCHMARKS.md): on both datasets they cost at most 1.1 % NDCG@10 and raise coverage and diversity.
  ['diversity', [between(0, 1), 0.2]],
  ['exploration', [between(0, 1), 0.1]],
  ['calibration', [(value) => isCalibration(value), undefined]],
  ['caps', [(value) => isCaps(value), {}]],
  // checkContext throws an error of its own that names the bad key or value.
  ['context', [(context) => !!checkContext(context, 'createAttune()'), {}]],
  [
    'environment',
    [
      (value) =>
        isObject(value) && [(value as Environment).now, (value as Environment).random].every((given) => ['undefined', 'function'].includes(typeof given)),
      {},
    ],
  ],
  [
    'reporting',
    [
      (value) => {
        const { endpoint, epsilon, features, period = '7d' } = value as Partial<ReportingOptions>;
        return (
          typeof endpoint === 'string' &&
          /^(https:\/\/|\/)/.test(endpoint) &&
          between(0.1, 10)(epsilon) &&
          Array.isArray(features) &&
          features.length > 0 &&
          features.length <= 64 &&
          features.every((feature) => typeof feature === 'string' && feature.length <= 128) &&
          isDuration(period)
        );
      },
      undefined,
    ],
  ],
]);

/** What a bad value of each option broke, for error messages; not in the minified build. */
const RULES: Record<string, string> = __DEV__
  ? {
      namespace: '1 to 64 letters, digits, ".", "-" or "_"',
      consent: "'required' or 'granted'",
      halfLife: "a duration like '14d' or ms",
      strength: 'a number from 0 to 1',
      storage: "'indexeddb' or 'memory'",
      autoTrack: 'true or false',
      autoApply: 'true or false',
      honourGlobalPrivacyControl: 'true or false',
      renderBudget: 'a number of ms from 0 to 10000',
      contextKeys: 'a list of context keys',
      maxFeatures: 'a number from 10 to 100000',
      maxEvents: 'a number from 10 to 1000000',
      maxEventAge: "a duration like '90d' or ms",
      sensitiveCategories: 'a list of category names',
      interactionWeights: 'an object of type: weight from -100 to 100',
      environment: 'an object whose now and random are functions',
      context: 'an object of strings',
      model: "the model file's URL, its bytes, or a model from loadModel()",
      seen: "'demote', 'hide' or 'keep'",
      diversity: 'a number from 0 to 1',
      exploration: 'a number from 0 to 1',
      calibration: "{ by: a feature prefix like 'topic', weight: 0 to 1 }",
      caps: 'an object of feature prefix: whole number ≥ 1, like { author: 2 }',
      blend: `an object of weights from 0 to 10 for ${Object.keys(DEFAULT_BLEND).join(', ')}`,
      reporting: "{ endpoint: an https:// or site path, epsilon: 0.1 to 10, features: 1 to 64 features, period?: a duration like '7d' }",
    }
  : {};

/**
 * Checks the options and fills in defaults. A bad value throws a TypeError
 * naming it, or, given `onBad`, is reported there and replaced by its default.
 */
export function resolveOptions(options: AttuneOptions, onBad?: (name: string, error: TypeError) => void): Config {
  if (!isObject(options)) fail('createAttune()', 'options', options);
  const given = options as Record<string, unknown>;
  const checked: Record<string, unknown> = {};
  for (const [name, [check, fallback]] of OPTIONS) {
    const value = given[name];
    checked[name] = fallback;
    if (value === undefined) continue;
    try {
      if (!check(value)) fail('createAttune()', __DEV__ ? `option ${name} must be ${RULES[name]}` : `option ${name}`, value);
      checked[name] = value;
    } catch (error) {
      if (!onBad) throw error;
      onBad(name, error as TypeError);
    }
  }
  const environment = checked.environment as Environment;
  const reporting = checked.reporting as ReportingOptions | undefined;
  // Browser globals are read from globalThis: in Node they are simply undefined.
  const document = environment.document ?? globalThis.document;
  return {
    ...(checked as Omit<Config, 'halfLife' | 'maxEventAge' | 'autoTrack'>),
    halfLife: parseDuration(checked.halfLife)!,
    maxEventAge: parseDuration(checked.maxEventAge)!,
    // Automatic tracking needs a page; in Node it is off whatever the default says.
    autoTrack: (checked.autoTrack as boolean) && document !== undefined,
    interactionWeights: new Map(Object.entries({ ...DEFAULT_INTERACTION_WEIGHTS, ...(checked.interactionWeights as object) })),
    context: { ...(checked.context as Context) },
    blend: { ...DEFAULT_BLEND, ...(checked.blend as Partial<Blend>) },
    reporting: reporting && { ...reporting, periodMs: parseDuration(reporting.period ?? '7d')! },
    now: environment.now ?? Date.now,
    random: environment.random ?? Math.random,
    document,
    navigator: environment.navigator ?? globalThis.navigator,
    indexedDB: environment.indexedDB ?? globalThis.indexedDB,
  };
}
