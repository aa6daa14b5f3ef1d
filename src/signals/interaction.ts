import type { Context, Interaction, TrackDetails } from '../types';
import { describe } from '../warn';

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

function fail(where: string, message: string): never {
  throw new TypeError(`[attune] ${where}: ${message}`);
}

export function checkItemId(item: unknown, where: string): string {
  if (typeof item !== 'string' || item.length === 0 || item.length > MAX_ID_LENGTH || CONTROL.test(item)) {
    fail(where, `item must be a string of 1 to ${MAX_ID_LENGTH} printable characters, got ${describe(item)}`);
  }
  return item;
}

export function checkFeature(feature: unknown, where: string): string {
  if (
    typeof feature !== 'string' ||
    feature.length === 0 ||
    feature.length > MAX_FEATURE_LENGTH ||
    CONTROL.test(feature)
  ) {
    fail(where, `a feature must be a string of 1 to ${MAX_FEATURE_LENGTH} printable characters, got ${describe(feature)}`);
  }
  return feature;
}

export function checkFeatures(features: unknown, where: string): string[] {
  if (!Array.isArray(features)) fail(where, `features must be an array of strings, got ${describe(features)}`);
  if (features.length > MAX_FEATURES_PER_ITEM) {
    fail(where, `at most ${MAX_FEATURES_PER_ITEM} features per item, got ${features.length}`);
  }
  return [...new Set(features.map((feature) => checkFeature(feature, where)))];
}

export function checkContext(context: unknown, where: string): Context {
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    fail(where, `context must be an object of strings, got ${describe(context)}`);
  }
  const entries = Object.entries(context);
  if (entries.length > MAX_CONTEXT_KEYS) fail(where, `at most ${MAX_CONTEXT_KEYS} context keys, got ${entries.length}`);
  const checked: Context = {};
  for (const [key, value] of entries) {
    if (!/^[\w-]{1,32}$/.test(key)) fail(where, `context key ${describe(key)} must be 1 to 32 letters, digits, "-" or "_"`);
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CONTEXT_VALUE_LENGTH || CONTROL.test(value)) {
      fail(where, `context.${key} must be a string of 1 to ${MAX_CONTEXT_VALUE_LENGTH} characters, got ${describe(value)}`);
    }
    checked[key] = value;
  }
  return checked;
}

/** Checks a value against what its type means. */
function checkValue(type: string, value: unknown, where: string): number | undefined {
  if (value === undefined) {
    if (type === 'rate') fail(where, 'rate needs value: stars from 1 to 5');
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, `value must be a finite number, got ${describe(value)}`);
  if (type === 'rate' && !(Number.isInteger(value) && value >= 1 && value <= 5)) {
    fail(where, `stars must be a whole number from 1 to 5, got ${value}`);
  }
  if (type === 'dwell' && value < 0) fail(where, `dwell value is visible milliseconds and cannot be negative, got ${value}`);
  if (type === 'scroll' && !(value >= 0 && value <= 1)) fail(where, `scroll value is a depth from 0 to 1, got ${value}`);
  if (type === 'prefer' && !(value >= -1 && value <= 1)) fail(where, `a stated preference is from -1 to 1, got ${value}`);
  return value;
}

/**
 * Turns the arguments of `track()` into a checked interaction, or throws a
 * TypeError that names the bad argument. Nothing is recorded when it throws.
 */
export function toInteraction(
  type: unknown,
  details: TrackDetails | undefined,
  weights: Readonly<Record<string, number>>,
  now: number,
  knownFeatures: (item: string) => readonly string[] | undefined,
): Interaction {
  const where = `track(${typeof type === 'string' ? JSON.stringify(type.slice(0, 32)) : describe(type)})`;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(weights, type)) {
    fail(where, `unknown interaction type ${describe(type)}; add a weight for it in interactionWeights`);
  }
  if (details !== undefined && (typeof details !== 'object' || details === null)) {
    fail(where, `details must be an object, got ${describe(details)}`);
  }
  const { item, features, value, context, at } = details ?? {};
  const interaction: Interaction = { type, features: [], context: {}, at: now };
  if (item !== undefined) interaction.item = checkItemId(item, where);
  if (features !== undefined) interaction.features = checkFeatures(features, where);
  else if (interaction.item !== undefined) interaction.features = [...(knownFeatures(interaction.item) ?? [])];
  const checkedValue = checkValue(type, value, where);
  if (checkedValue !== undefined) interaction.value = checkedValue;
  if (context !== undefined) interaction.context = checkContext(context, where);
  if (at !== undefined) {
    if (typeof at !== 'number' || !Number.isFinite(at) || at < 0 || at > now + MAX_CLOCK_SKEW_MS) {
      fail(where, `at must be epoch milliseconds no later than tomorrow, got ${describe(at)}`);
    }
    interaction.at = at;
  }
  return interaction;
}

/** How much one interaction moves each of its features' weights. */
export function weightOf(interaction: Interaction, weights: Readonly<Record<string, number>>): number {
  const base = weights[interaction.type] ?? 0;
  const value = interaction.value;
  switch (interaction.type) {
    case 'rate':
      return base * (((value ?? 3) - 3) / 2);
    case 'dwell':
      // Reading beyond half a minute says little more about interest.
      return base * Math.min(1, (value ?? 0) / 30_000);
    case 'scroll':
      // One event per quarter of the page passed.
      return base / 4;
    case 'prefer':
      return base * (value ?? 1);
    default:
      return base;
  }
}
