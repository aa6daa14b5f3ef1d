/**
 * Checks of what is read back from storage. Anything may have written a
 * record (another version of the SDK, an extension, a damaged disk), so each
 * is checked as it is read, and one that fails is dropped, never trusted.
 */
import type { Interaction } from '../types';
import type { GrantedBy } from './interaction-store';
import { MAX_CONTEXT_VALUE_LENGTH, MAX_FEATURE_LENGTH, MAX_ID_LENGTH, MAX_VECTOR_TEXT, isText } from '../limits';
import { warn } from '../errors';

/** A stored interaction of the shape the SDK writes: what learning and the export may rely on. */
export function isStoredInteraction(record: unknown): record is Interaction {
  // Destructuring null would throw; a number or string just has none of these.
  const { type, item, features, context, at, value, vector } = (record ?? {}) as Partial<Interaction>;
  return (
    typeof type === 'string' &&
    (item === undefined || isText(item, MAX_ID_LENGTH)) &&
    (vector === undefined || isText(vector, MAX_VECTOR_TEXT)) &&
    Array.isArray(features) &&
    Array.from(features).every((feature) => isText(feature, MAX_FEATURE_LENGTH)) &&
    typeof context === 'object' &&
    context !== null &&
    Object.values(context).every((bucket) => isText(bucket, MAX_CONTEXT_VALUE_LENGTH)) &&
    Number.isFinite(at) &&
    at! >= 0 &&
    (value === undefined || Number.isFinite(value))
  );
}

/** Who gave the consent a stored consent record names, if it is one. */
export function grantedByOf(record: unknown): GrantedBy | undefined {
  const by = (record as { by?: unknown } | undefined)?.by;
  return by === 'visitor' || by === 'site' ? by : undefined;
}

/** The time a stored record (consent, report, setting) names, if it is a time. */
export function timeOf(record: unknown): number | undefined {
  const at = (record as { at?: unknown } | undefined)?.at;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

/**
 * Whether a stored profile's `appliedThrough` can be the key of an event:
 * one past the last key written would stop learning for good, since the
 * events to come are never "after" it.
 */
export function isAppliedThrough(key: unknown, lastKey: number): key is number {
  return Number.isInteger(key) && (key as number) >= 0 && (key as number) <= lastKey;
}

/** One warning naming what was dropped, so the site can tell damage from a bug. */
export function warnDropped(dropped: readonly string[]): void {
  if (dropped.length) warn(`${__DEV__ ? 'dropped unreadable records from storage' : 'dropped'}: ${dropped.join(', ')}${__DEV__ ? '; learning goes on from the rest' : ''}`);
}
