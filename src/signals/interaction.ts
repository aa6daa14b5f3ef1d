import type { Context, Interaction, TrackDetails } from '../types';
import { describe } from '../warn';
import { searchTerms } from '../privacy/search-terms';

/** Longest item id, feature and context value kept; longer input is a mistake, not data. */
export const MAX_ID_LENGTH = 256;
export const MAX_FEATURE_LENGTH = 128;
export const MAX_FEATURES_PER_ITEM = 64;
const MAX_CONTEXT_KEYS = 16;
const MAX_CONTEXT_VALUE_LENGTH = 64;
/** Imported history may not lie in the future beyond clock skew between devices. */
const MAX_CLOCK_SKEW_MS = 86_400_000;

// Control characters are reserved: the profile joins context and feature with \u001f.
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A context key or interaction type name. */
export const KEY = /^[\w-]{1,32}$/;

/**
 * Throws the SDK's TypeError for a bad argument: where, the rule it broke
 * (`item must be …`; just the argument's name where `__DEV__` is off) and the value.
 */
export function fail(where: string, rule: string, value: unknown): never {
  throw new TypeError(`[attune] ${where}: ${rule}, got ${describe(value)}`);
}

/** A non-empty string of at most `max` printable characters. */
export function isText(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= max && !CONTROL.test(value);
}

function checkText(value: unknown, max: number, where: string, name: string): string {
  if (!isText(value, max)) fail(where, __DEV__ ? `${name} must be 1 to ${max} printable characters` : name, value);
  return value as string;
}

export function checkFeatures(features: unknown, where: string): string[] {
  if (!Array.isArray(features) || features.length > MAX_FEATURES_PER_ITEM) {
    fail(where, __DEV__ ? `features must be an array of at most ${MAX_FEATURES_PER_ITEM} strings` : 'features', features);
  }
  return [...new Set(features.map((feature) => checkText(feature, MAX_FEATURE_LENGTH, where, 'a feature')))];
}

export function checkContext(context: unknown, where: string): Context {
  const entries =
    typeof context === 'object' && context !== null && !Array.isArray(context) ? Object.entries(context) : undefined;
  if (!entries || entries.length > MAX_CONTEXT_KEYS || !entries.every(([key]) => KEY.test(key))) {
    fail(where, __DEV__ ? `context must be an object of at most ${MAX_CONTEXT_KEYS} keys like "region"` : 'context', context);
  }
  for (const [key, value] of entries) checkText(value, MAX_CONTEXT_VALUE_LENGTH, where, `context.${key}`);
  return Object.fromEntries(entries);
}

/**
 * The types that take a `value` (stars, visible ms, depth, stated preference):
 * its range, and how much of the type's weight a value is worth.
 */
const VALUED_TYPES = new Map<string, [min: number, max: number, share: (value?: number) => number]>([
  ['rate', [1, 5, (stars = 3) => (stars - 3) / 2]],
  // Reading beyond half a minute says little more about interest.
  ['dwell', [0, Infinity, (visibleMs = 0) => Math.min(1, visibleMs / 30_000)]],
  // One event per quarter of the page passed.
  ['scroll', [0, 1, () => 1 / 4]],
  ['prefer', [-1, 1, (stated = 1) => stated]],
]);

function checkValue(type: string, value: unknown, where: string): number | undefined {
  if (value === undefined && type !== 'rate') return undefined;
  const [min, max] = VALUED_TYPES.get(type) ?? [-Infinity, Infinity];
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (type !== 'rate' || Number.isInteger(value)))) {
    fail(where, __DEV__ ? `value must be a ${type === 'rate' ? 'whole ' : ''}number from ${min} to ${max}` : 'value', value);
  }
  return value;
}

/**
 * Turns the arguments of `track()` into a checked interaction, or throws a
 * TypeError that names the bad argument. Nothing is recorded when it throws.
 */
export function toInteraction(
  type: unknown,
  details: TrackDetails | undefined,
  weights: ReadonlyMap<string, number>,
  now: number,
  knownFeatures: (item: string) => readonly string[] | undefined,
): Interaction {
  const where = `track(${describe(type)})`;
  if (typeof type !== 'string' || !weights.has(type)) {
    fail(where, __DEV__ ? 'unknown interaction type; give it a weight in interactionWeights' : 'type', type);
  }
  if (typeof details !== 'object' && details !== undefined) fail(where, 'details', details);
  const { item, features, value, context, at = now, query } = details ?? {};
  const interaction: Interaction = { type, features: [], context: {}, at };
  if (item !== undefined) interaction.item = checkText(item, MAX_ID_LENGTH, where, 'item');
  if (features !== undefined) interaction.features = checkFeatures(features, where);
  else if (item !== undefined) interaction.features = [...(knownFeatures(item) ?? [])];
  if (query !== undefined) {
    if (type !== 'search' || typeof query !== 'string' || query.length > 1000) {
      fail(where, __DEV__ ? 'query is for track("search"), a string of up to 1000 characters' : 'query', query);
    }
    interaction.features = [...new Set([...interaction.features, ...searchTerms(query)])];
  }
  const checkedValue = checkValue(type, value, where);
  if (checkedValue !== undefined) interaction.value = checkedValue;
  if (context !== undefined) interaction.context = checkContext(context, where);
  if (typeof at !== 'number' || !(at >= 0 && at <= now + MAX_CLOCK_SKEW_MS)) {
    fail(where, __DEV__ ? 'at must be epoch milliseconds no later than tomorrow' : 'at', at);
  }
  return interaction;
}

/** How much one interaction moves each of its features' weights. */
export function weightOf({ type, value }: Interaction, weights: ReadonlyMap<string, number>): number {
  return (weights.get(type) ?? 0) * (VALUED_TYPES.get(type)?.[2](value) ?? 1);
}
