import type { AttuneOptions, AudienceDefinition, Calibration, ConsentState, Context, Environment, HoldoutOptions, RankOptions, Rule } from './types';
import { DEFAULT_BLEND, type Blend } from './rank/hybrid';
import { isModel } from './model/format';
import type { Seen } from './rank/rank';
import type { ModelSource } from './model/load';

type ReportingOptions = NonNullable<AttuneOptions['reporting']>;
import { fail } from './errors';
import { KEY, MAX_RULES, checkContext } from './limits';
import { DEFAULT_INTERACTION_WEIGHTS } from './profile/interaction-weights';

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/**
 * Options with every default filled in and every value checked; durations in
 * milliseconds. Strength, half-life and blend change once, when a model that
 * carries settings tuned on the site's logs loads, for each the site did not set
 * (model/tuned-settings.ts).
 */
export interface Config {
  /** The options the site gave, as given, those with a valid value only: what nothing overrides. */
  siteOptions: AttuneOptions;
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
  holdout: HoldoutOptions | undefined;
  contextKeys: string[];
  model: ModelSource | undefined;
  blend: Blend;
  seen: Seen;
  diversity: number;
  exploration: number;
  calibration: Calibration | undefined;
  caps: Record<string, number>;
  rules: Rule[];
  audiences: AudienceDefinition[];
  sensitiveCategories: string[];
  maxFeatures: number;
  maxEvents: number;
  maxEventAge: number;
  now: () => number;
  random: () => number;
  document: Document | undefined;
  navigator: Navigator | undefined;
  indexedDB: IDBFactory | undefined;
  debug: boolean;
}

/** Exposure caps: feature prefixes (like context keys) to whole numbers ≥ 1. */
const isCaps = (value: unknown): value is Record<string, number> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.entries(value).every(([prefix, most]) => KEY.test(prefix) && Number.isInteger(most) && most >= 1);

/** Rules or audiences: a list of objects, each checked in full by the part that uses them (rules/check-rules.ts). */
function declarations(rule: string): OptionRecord {
  return {
    _check: (value) => Array.isArray(value) && value.length <= MAX_RULES && value.every(isObject),
    _fallback: [],
    _rule: rule,
  };
}

/** Calibration: a feature prefix and a weight from 0 to 1. */
const isCalibration = (value: unknown): value is Calibration =>
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
export const between = (min: number, max: number): Check => (value) =>
  typeof value === 'number' && value >= min && value <= max;

/**
 * One option, described once: the API checks values with it, the script tag
 * reads its `data-*` attribute with it, and a re-ranking option's slot
 * attribute is read with it too. The fields are `_named` so that the
 * minifier shortens them (rollup.config.mjs).
 */
export interface OptionRecord {
  /** Whether a value keeps the option's rule, however it was given. */
  _check: Check;
  /** The value when none is given, and in place of a bad one from the page; absent for options off by default. */
  _fallback?: unknown;
  /** The rule in words, for messages; empty where `__DEV__` is off, so the script tags do not carry it. */
  _rule: string;
  /**
   * Reads the text of its attributes (`data-strength="0.7"`, a slot's
   * `data-attune-cap="author:2 topic:3"`) without judging it: the check does.
   * Without one the text itself is the value, which suits names and
   * durations; an option that takes an object then refuses it, so only
   * `window.attune_config` sets it.
   */
  _fromText?: (text: string) => unknown;
  /** The rule for that text, where it differs from the value's (`like "topic:0.5"`); `__DEV__` only. */
  _textRule?: string;
  /**
   * The attribute by which a slot sets its own value. Options with one are
   * the re-ranking options: a slot or a call to `rank()` may override them.
   */
  _slotAttribute?: string;
}

/** An attribute's text as an option's value, or as a value its check refuses. */
export function fromAttribute(option: OptionRecord, text: string): unknown {
  return option._fromText ? option._fromText(text) : text;
}

// Blank text is no number, though Number('') is 0.
const numberFromText = (text: string): number => (text.trim() ? Number(text) : NaN);

/** `"author:2 topic:3"` as pairs of prefix and number, or undefined for text of another form. */
function prefixNumbers(text: string): [string, number][] | undefined {
  const pairs = text.split(/\s+/).filter(Boolean).map((pair) => pair.split(':'));
  if (pairs.length && pairs.every((pair) => pair.length === 2)) return pairs.map(([prefix, number]) => [prefix!, numberFromText(number!)]);
}

/** A number from `min` to `max`. */
function number(min: number, max: number, fallback: number, rule = __DEV__ ? `a number from ${min} to ${max}` : ''): OptionRecord {
  return { _check: between(min, max), _fallback: fallback, _rule: rule, _fromText: numberFromText };
}

/** A switch: a bare attribute (`data-auto-track`) or `true` turns it on, `false` off. */
function flag(fallback: boolean): OptionRecord {
  return {
    _check: (value) => typeof value === 'boolean',
    _fallback: fallback,
    _rule: __DEV__ ? 'true or false' : '',
    _fromText: (text) => text === '' || text === 'true' || (text !== 'false' && text),
  };
}

/** One of a few words; the first is the default. */
function choice(...choices: string[]): OptionRecord {
  return {
    _check: (value) => choices.includes(value as string),
    _fallback: choices[0],
    _rule: __DEV__ ? choices.map((word) => `'${word}'`).join(', ').replace(/, ([^,]+)$/, ' or $1') : '',
  };
}

/** Milliseconds or a duration like `14d`. */
function duration(fallback: string): OptionRecord {
  return { _check: isDuration, _fallback: fallback, _rule: __DEV__ ? `a duration like '${fallback}' or ms` : '' };
}

/** A list of names like context keys, written in an attribute with commas or spaces between them. */
function names(fallback: string[], rule: string): OptionRecord {
  return {
    _check: (value) => Array.isArray(value) && value.every((name) => KEY.test(name)),
    _fallback: fallback,
    _rule: rule,
    _fromText: (text) => text.split(/[\s,]+/).filter(Boolean),
  };
}

/** Most outcomes a holdout declares: the report's ε is split among them, so each one more makes every outcome's estimate noisier. */
export const MAX_OUTCOMES = 8;

/**
 * Every option, in the order they are checked (and warned about). The script
 * tag reads each from its `data-*` attribute in kebab case, `data-half-life`;
 * only `window.attune_config` can set those that take objects. Every option of
 * `AttuneOptions` has a record here, and nothing else does.
 */
const RECORDS = {
  namespace: {
    _check: (value) => /^[\w.-]{1,64}$/.test(value as string),
    _fallback: 'default',
    _rule: __DEV__ ? '1 to 64 letters, digits, ".", "-" or "_"' : '',
  },
  consent: choice('required', 'granted'),
  halfLife: duration('14d'),
  strength: number(0, 1, 0.5),
  storage: choice('indexeddb', 'memory'),
  debug: flag(false),
  autoTrack: flag(true),
  autoApply: flag(false),
  honourGlobalPrivacyControl: flag(true),
  renderBudget: number(0, 10_000, 300, __DEV__ ? 'a number of ms from 0 to 10000' : ''),
  contextKeys: names(['daypart', 'week'], __DEV__ ? 'a list of context keys' : ''),
  maxFeatures: number(10, 100_000, 2000),
  maxEvents: number(10, 1_000_000, 5000),
  maxEventAge: duration('90d'),
  sensitiveCategories: names(
    ['health', 'medical', 'religion', 'sexual-orientation', 'sexuality', 'ethnicity', 'political-affiliation'],
    __DEV__ ? 'a list of category names' : '',
  ),
  interactionWeights: {
    _check: (weights) =>
      isObject(weights) && Object.entries(weights as object).every(([type, weight]) => KEY.test(type) && between(-100, 100)(weight)),
    _fallback: {},
    _rule: __DEV__ ? 'an object of type: weight from -100 to 100' : '',
  },
  model: {
    _check: (value) =>
      (typeof value === 'string' && value.length > 0) ||
      value instanceof URL ||
      value instanceof ArrayBuffer ||
      ArrayBuffer.isView(value) ||
      isModel(value),
    _rule: __DEV__ ? "the model file's URL, its bytes, or a model from loadModel()" : '',
  },
  blend: {
    _check: (value) =>
      isObject(value) &&
      Object.entries(value as object).every(([part, weight]) => Object.prototype.hasOwnProperty.call(DEFAULT_BLEND, part) && between(0, 10)(weight)),
    _fallback: DEFAULT_BLEND,
    _rule: __DEV__ ? `an object of weights from 0 to 10 for ${Object.keys(DEFAULT_BLEND).join(', ')}` : '',
  },
  seen: { ...choice('demote', 'hide', 'keep'), _slotAttribute: 'data-attune-seen' },
  // Chosen by the replays (BENCHMARKS.md): with their strength following the evidence, they cost under 1 % NDCG@10 on every replay.
  diversity: { ...number(0, 1, 0.1), _slotAttribute: 'data-attune-diversity' },
  exploration: { ...number(0, 1, 0.05), _slotAttribute: 'data-attune-exploration' },
  calibration: {
    _check: isCalibration,
    _rule: __DEV__ ? "{ by: a feature prefix like 'topic', weight: 0 to 1 }" : '',
    _fromText: (text) => {
      const pairs = prefixNumbers(text);
      return pairs?.length === 1 ? { by: pairs[0]![0], weight: pairs[0]![1] } : text;
    },
    _textRule: __DEV__ ? 'like "topic:0.5"' : '',
    _slotAttribute: 'data-attune-calibration',
  },
  caps: {
    _check: isCaps,
    _fallback: {},
    _rule: __DEV__ ? 'an object of feature prefix: whole number ≥ 1, like { author: 2 }' : '',
    _fromText: (text) => {
      const pairs = prefixNumbers(text);
      return pairs ? Object.fromEntries(pairs) : text;
    },
    _textRule: __DEV__ ? 'like "author:2 topic:3"' : '',
    _slotAttribute: 'data-attune-cap',
  },
  rules: declarations(__DEV__ ? `a list of at most ${MAX_RULES} rules` : ''),
  audiences: declarations(__DEV__ ? `a list of at most ${MAX_RULES} audiences` : ''),
  // checkContext throws an error of its own that names the bad key or value.
  context: { _check: (context) => !!checkContext(context, 'createAttune()'), _fallback: {}, _rule: __DEV__ ? 'an object of strings' : '' },
  environment: {
    _check: (value) =>
      isObject(value) && [(value as Environment).now, (value as Environment).random].every((given) => ['undefined', 'function'].includes(typeof given)),
    _fallback: {},
    _rule: __DEV__ ? 'an object whose now and random are functions' : '',
  },
  reporting: {
    _check: (value) => {
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
    _rule: __DEV__
      ? "{ endpoint: an https:// or site path, epsilon: 0.1 to 10, features: 1 to 64 features, period?: a duration like '7d' }"
      : '',
  },
  holdout: {
    _check: (value) => {
      const { share, outcomes } = (isObject(value) ? value : {}) as Partial<HoldoutOptions>;
      return (
        typeof share === 'number' &&
        share > 0 &&
        share <= 0.5 &&
        Array.isArray(outcomes) &&
        outcomes.length >= 1 &&
        outcomes.length <= MAX_OUTCOMES &&
        outcomes.every((type) => KEY.test(type)) &&
        new Set(outcomes).size === outcomes.length
      );
    },
    _rule: __DEV__
      ? `{ share: a number above 0 and at most 0.5, outcomes: 1 to ${MAX_OUTCOMES} different interaction types like 'purchase' }`
      : '',
  },
} satisfies Record<keyof AttuneOptions, OptionRecord>;

export const OPTIONS: ReadonlyMap<string, OptionRecord> = new Map(Object.entries(RECORDS));

/** The re-ranking options: those a slot may set by an attribute, and a call to `rank()` by name. */
type RerankName = { [Name in keyof typeof RECORDS]: (typeof RECORDS)[Name] extends { _slotAttribute: string } ? Name : never }[keyof typeof RECORDS];
export type RerankOptions = Pick<Config, RerankName>;
export const RERANK_OPTIONS = [...OPTIONS].filter(([, option]) => option._slotAttribute) as [RerankName, OptionRecord & { _slotAttribute: string }][];

/** Throws the SDK's error naming the option (`label`) and its rule unless `value` keeps it. */
function checkValue(option: OptionRecord, value: unknown, where: string, label: string): void {
  if (!option._check(value)) fail(where, __DEV__ ? `${label} must be ${option._rule}` : label, value);
}

/**
 * Checks the re-ranking options a call to `rank()` names, and fills in the
 * others from `defaults` (the instance's settings, checked when it was made).
 * A bad value throws the SDK's error naming the option, its rule and the value.
 */
export function checkRankOptions(given: RankOptions, defaults: RerankOptions): RerankOptions {
  const checked: Record<string, unknown> = {};
  for (const [name, option] of RERANK_OPTIONS) {
    const value = given[name];
    if (value !== undefined) checkValue(option, value, 'rank()', name);
    checked[name] = value === undefined ? defaults[name] : value;
  }
  return checked as RerankOptions;
}

/**
 * Checks the options and fills in defaults. A bad value throws a TypeError
 * naming it, or, given `onBad`, is reported there and replaced by its default.
 */
export function resolveOptions(options: AttuneOptions, onBad?: (name: string, error: TypeError) => void): Config {
  if (!isObject(options)) fail('createAttune()', 'options', options);
  const given = options as Record<string, unknown>;
  const checked: Record<string, unknown> = {};
  const siteOptions: Record<string, unknown> = {};
  for (const [name, option] of OPTIONS) {
    const value = given[name];
    checked[name] = option._fallback;
    if (value === undefined) continue;
    try {
      checkValue(option, value, 'createAttune()', `option ${name}`);
      checked[name] = siteOptions[name] = value;
    } catch (error) {
      if (!onBad) throw error;
      onBad(name, error as TypeError);
    }
  }
  const environment = checked.environment as Environment;
  const reporting = checked.reporting as ReportingOptions | undefined;
  const holdout = checked.holdout as HoldoutOptions | undefined;
  // Browser globals are read from globalThis: in Node they are simply undefined.
  const document = environment.document ?? globalThis.document;
  const indexedDB = environment.indexedDB ?? globalIndexedDB();
  return {
    ...(checked as Omit<Config, 'halfLife' | 'maxEventAge' | 'autoTrack' | 'siteOptions'>),
    siteOptions,
    halfLife: parseDuration(checked.halfLife)!,
    maxEventAge: parseDuration(checked.maxEventAge)!,
    // Automatic tracking needs a page; in Node it is off whatever the default says.
    autoTrack: (checked.autoTrack as boolean) && document !== undefined,
    // An outcome the site gave no weight (a signup) is recorded, and counted by the report, without teaching an interest.
    interactionWeights: new Map(Object.entries({ ...outcomeWeights(holdout), ...DEFAULT_INTERACTION_WEIGHTS, ...(checked.interactionWeights as object) })),
    holdout: holdout && { share: holdout.share, outcomes: [...holdout.outcomes] },
    context: { ...(checked.context as Context) },
    blend: { ...DEFAULT_BLEND, ...(checked.blend as Partial<Blend>) },
    reporting: reporting && { ...reporting, periodMs: parseDuration(reporting.period ?? '7d')! },
    now: environment.now ?? Date.now,
    random: environment.random ?? Math.random,
    document,
    navigator: environment.navigator ?? globalThis.navigator,
    indexedDB,
    // Without IndexedDB (Node) there is nothing to open: memory, as if chosen.
    storage: indexedDB ? (checked.storage as Config['storage']) : 'memory',
  };
}

/** Weight 0 for each of the holdout's outcomes, under the weights given or built in. */
function outcomeWeights(holdout: HoldoutOptions | undefined): Record<string, number> {
  return Object.fromEntries((holdout?.outcomes ?? []).map((type) => [type, 0]));
}

/** The page's IndexedDB: its getter throws where storage is blocked (Firefox with cookies off, sandboxed frames), which means none. */
export function globalIndexedDB(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB;
  } catch {
    return undefined;
  }
}
