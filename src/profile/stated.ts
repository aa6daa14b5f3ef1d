/**
 * What a visitor told the site (a first name, a shoe size, a home city), kept
 * on the device as one visitor setting (settings.ts), so it is stored,
 * exported, imported and erased with the others, and never sent anywhere.
 */
import type { StatedValue } from '../types';
import { KEY, isText } from '../limits';

/** Longest stated value: a name or a city, not a document. */
export const MAX_STATED_LENGTH = 200;
/** Most attributes kept: a site asks a visitor a few things, not hundreds. */
export const MAX_STATED = 50;

/** Whether a stored record is a stated value this SDK would have written; anything else is as if never set. */
export function isStatedValue(value: unknown): value is StatedValue {
  const { value: text, source, at } = (value ?? {}) as Partial<StatedValue>;
  return isText(text, MAX_STATED_LENGTH) && (source === 'visitor' || source === 'site') && typeof at === 'number' && at >= 0;
}

/** The stored values that pass the check, at most MAX_STATED of them. */
export function readStated(values: unknown): Record<string, StatedValue> | undefined {
  if (typeof values !== 'object' || values === null) return undefined;
  const kept = Object.entries(values).filter(([name, value]) => KEY.test(name) && isStatedValue(value));
  return kept.length ? Object.fromEntries(kept.slice(0, MAX_STATED)) : undefined;
}

/** The stated values as text by name, for `get()`. */
export function statedText(values: Record<string, StatedValue> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([name, { value }]) => [name, value]));
}
