import type { AttuneOptions, ConsentState, Context, Environment } from './types';
import { checkContext } from './signals/interaction';
import { describe } from './warn';

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

/** Parses `14d`, `12h`, `30m`, `45s`, `500ms` or a number of milliseconds. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(value);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] ?? 'ms']!;
  return ms > 0 && Number.isFinite(ms) ? ms : undefined;
}

function fail(option: string, value: unknown, expected: string): never {
  throw new TypeError(`[attune] option ${option} must be ${expected}, got ${describe(value)}`);
}

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) fail(option, value, allowed.map((a) => `'${a}'`).join(' or '));
  return value as T;
}

function numberIn(option: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(option, value, `a number from ${min} to ${max}`);
  }
  return value;
}

function duration(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  return parseDuration(value) ?? fail(option, value, "a positive duration in ms or like '14d'");
}

function flag(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(option, value, 'true or false');
  return value;
}

/** Checks every option a caller passed; throws a TypeError naming the first bad one. */
export function resolveOptions(options: AttuneOptions): Config {
  if (typeof options !== 'object' || options === null) fail('object', options, 'an object');
  const namespace = options.namespace ?? 'default';
  if (typeof namespace !== 'string' || !/^[\w.-]{1,64}$/.test(namespace)) {
    fail('namespace', namespace, '1 to 64 letters, digits, ".", "-" or "_"');
  }
  const interactionWeights = { ...DEFAULT_INTERACTION_WEIGHTS };
  if (options.interactionWeights !== undefined) {
    if (typeof options.interactionWeights !== 'object' || options.interactionWeights === null) {
      fail('interactionWeights', options.interactionWeights, 'an object of type → weight');
    }
    for (const [type, weight] of Object.entries(options.interactionWeights)) {
      if (!/^[a-z][\w-]{0,31}$/i.test(type)) fail('interactionWeights', type, 'keys of 1 to 32 letters, digits, "-" or "_"');
      interactionWeights[type] = numberIn(`interactionWeights.${type}`, weight, -100, 100, 0);
    }
  }
  const contextKeys = options.contextKeys ?? ['daypart', 'week'];
  if (!Array.isArray(contextKeys) || !contextKeys.every((key) => typeof key === 'string' && /^[\w-]{1,32}$/.test(key))) {
    fail('contextKeys', contextKeys, 'an array of context key names');
  }
  const environment = options.environment ?? {};
  const now = environment.now ?? Date.now;
  if (typeof now !== 'function') fail('environment.now', now, 'a function returning epoch milliseconds');
  return {
    namespace,
    consent: oneOf('consent', options.consent, ['required', 'granted'], 'required'),
    halfLifeMs: duration('halfLife', options.halfLife, 14 * DAY_MS),
    strength: numberIn('strength', options.strength, 0, 1, 0.5),
    interactionWeights,
    storage: oneOf('storage', options.storage, ['indexeddb', 'memory'], 'indexeddb'),
    autoTrack: flag('autoTrack', options.autoTrack, environment.document !== undefined || typeof document !== 'undefined'),
    autoApply: flag('autoApply', options.autoApply, false),
    renderBudgetMs: numberIn('renderBudget', options.renderBudget, 0, 10_000, 300),
    context: options.context === undefined ? {} : checkContext(options.context, 'option context'),
    contextKeys: [...contextKeys],
    maxFeatures: Math.round(numberIn('maxFeatures', options.maxFeatures, 10, 100_000, 2000)),
    maxEvents: Math.round(numberIn('maxEvents', options.maxEvents, 10, 1_000_000, 5000)),
    maxEventAgeMs: duration('maxEventAge', options.maxEventAge, 90 * DAY_MS),
    environment: { ...environment, now },
  };
}
