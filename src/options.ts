import type { AttuneOptions, ConsentState, Context, Environment } from './types';
import { checkContext, fail } from './signals/interaction';

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/** Options with every default filled in and every value checked. */
export interface Config {
  namespace: string;
  consent: ConsentState;
  halfLifeMs: number;
  strength: number;
  interactionWeights: Record<string, number>;
  storage: 'indexeddb' | 'memory';
  autoTrack: boolean;
  autoApply: boolean;
  renderBudgetMs: number;
  context: Context;
  contextKeys: string[];
  maxFeatures: number;
  maxEvents: number;
  maxEventAgeMs: number;
  environment: Required<Pick<Environment, 'now'>> & Environment;
}

/**
 * Default weight of one interaction of each type, per feature of the item.
 * Ordered as DESIGN.md asks: purchase > like > dwell > click > impression, and
 * dislike, hide are negative. `rate` is scaled by (stars − 3) / 2, `dwell` by
 * visible time up to 30 s, `scroll` counts a quarter per 25 % of the page.
 */
export const DEFAULT_INTERACTION_WEIGHTS: Readonly<Record<string, number>> = {
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
};

/** Parses `14d`, `12h`, `30m`, `45s`, `500ms`, `2w` or a number of milliseconds. */
export function parseDuration(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(value) : undefined;
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] ?? 'ms']! : value;
  return typeof ms === 'number' && ms > 0 && ms < Infinity ? ms : undefined;
}

const KEY = /^[\w-]{1,32}$/;
const isKeyList = (value: unknown) => Array.isArray(value) && value.every((key) => KEY.test(key));
const between = (min: number, max: number) => (value: unknown) =>
  typeof value === 'number' && value >= min && value <= max;

/** Checks every option a caller passed; throws a TypeError naming the first bad one. */
export function resolveOptions(options: AttuneOptions): Config {
  if (typeof options !== 'object' || options === null) fail('createAttune()', 'options', options);
  const option = <T>(name: keyof AttuneOptions, fallback: T, valid: (value: unknown) => boolean, expected: string): T => {
    const value = options[name];
    if (value === undefined) return fallback;
    if (!valid(value)) fail('createAttune()', __DEV__ ? `option ${name} must be ${expected}` : `option ${name}`, value);
    return value as T;
  };
  const duration = (name: keyof AttuneOptions, fallback: number) =>
    parseDuration(option(name, fallback, (value) => parseDuration(value) !== undefined, "a duration like '14d' or ms"))!;
  const number = (name: keyof AttuneOptions, min: number, max: number, fallback: number) =>
    option(name, fallback, between(min, max), `a number from ${min} to ${max}`);
  const flag = (name: keyof AttuneOptions, fallback: boolean) =>
    option(name, fallback, (value) => typeof value === 'boolean', 'true or false');
  const oneOf = <T extends string>(name: keyof AttuneOptions, choices: T[]) =>
    option(name, choices[0]!, (value) => choices.includes(value as T), choices.join(' or '));

  const weights = option<Record<string, unknown>>('interactionWeights', {}, (value) => typeof value === 'object' && value !== null, 'an object of weights');
  const interactionWeights = { ...DEFAULT_INTERACTION_WEIGHTS };
  for (const [type, weight] of Object.entries(weights)) {
    if (!KEY.test(type) || !between(-100, 100)(weight)) {
      fail('createAttune()', `option interactionWeights.${type.slice(0, 32)}${__DEV__ ? ' must be a number from -100 to 100' : ''}`, weight);
    }
    interactionWeights[type] = weight as number;
  }
  const environment = option<Environment>('environment', {}, (value) => typeof value === 'object' && value !== null, 'an object');
  const now = environment.now ?? Date.now;
  if (typeof now !== 'function') fail('createAttune()', 'option environment.now', now);
  return {
    namespace: option('namespace', 'default', (value) => typeof value === 'string' && /^[\w.-]{1,64}$/.test(value), '1 to 64 letters, digits, ".", "-" or "_"'),
    consent: oneOf('consent', ['required', 'granted']),
    halfLifeMs: duration('halfLife', 14 * DAY_MS),
    strength: number('strength', 0, 1, 0.5),
    interactionWeights,
    storage: oneOf('storage', ['indexeddb', 'memory']),
    autoTrack: flag('autoTrack', environment.document !== undefined || typeof document !== 'undefined'),
    autoApply: flag('autoApply', false),
    renderBudgetMs: number('renderBudget', 0, 10_000, 300),
    context: options.context === undefined ? {} : checkContext(options.context, 'createAttune()'),
    contextKeys: [...option<string[]>('contextKeys', ['daypart', 'week'], isKeyList, 'an array of context key names')],
    maxFeatures: Math.round(number('maxFeatures', 10, 100_000, 2000)),
    maxEvents: Math.round(number('maxEvents', 10, 1_000_000, 5000)),
    maxEventAgeMs: duration('maxEventAge', 90 * DAY_MS),
    environment: { ...environment, now },
  };
}
