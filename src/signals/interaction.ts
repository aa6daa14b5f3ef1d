import type { Interaction, TrackDetails } from '../types';
import { describe, fail } from '../errors';
import { MAX_ID_LENGTH, checkContext, checkFeatures, checkPage, checkText } from '../limits';
import { searchTerms } from '../privacy/search-terms';

/** Imported history may not lie in the future beyond clock skew between devices. */
const MAX_CLOCK_SKEW_MS = 86_400_000;

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
  const { item, features, value, context, at = now, query, page } = details ?? {};
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
  if (page !== undefined) interaction.page = checkPage(page, where);
  if (typeof at !== 'number' || !(at >= 0 && at <= now + MAX_CLOCK_SKEW_MS)) {
    fail(where, __DEV__ ? 'at must be epoch milliseconds no later than tomorrow' : 'at', at);
  }
  return interaction;
}

/** How much one interaction moves each of its features' weights. */
export function weightOf({ type, value }: Interaction, weights: ReadonlyMap<string, number>): number {
  return (weights.get(type) ?? 0) * (VALUED_TYPES.get(type)?.[2](value) ?? 1);
}

/**
 * The interaction without `feature`, for `forget()`: its item goes too, since
 * with a model the items chosen would teach the interest back, and so does
 * how its page presented it, which named the item. An interaction
 * without the feature comes back as it is.
 */
export function withoutFeature(interaction: Interaction, feature: string): Interaction {
  if (!interaction.features.includes(feature)) return interaction;
  const { item, page, features, ...rest } = interaction;
  return { ...rest, features: features.filter((kept) => kept !== feature) };
}
