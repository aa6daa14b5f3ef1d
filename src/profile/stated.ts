/**
 * What a visitor told the site (a first name, a shoe size, a home city), kept
 * on the device as one visitor setting (settings.ts), so it is stored,
 * exported, imported and erased with the others, and never sent anywhere.
 */
import type { StatedSource, StatedValue } from '../types';
import { KEY, isText } from '../limits';
import { fail } from '../errors';

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

/**
 * `set(name, value, { source })` checked: the stated values with the change,
 * or a TypeError naming what was wrong. A number is kept as its text; null
 * (or undefined) removes the attribute.
 */
export function withStated(
  current: Record<string, StatedValue> | undefined,
  name: unknown,
  value: unknown,
  options: { source?: StatedSource } | undefined,
  at: number,
): Record<string, StatedValue> | undefined {
  if (typeof name !== 'string' || !KEY.test(name)) fail('set()', __DEV__ ? 'name must be 1 to 32 letters, digits, "-" or "_"' : 'name', name);
  const source = options?.source ?? 'visitor';
  if (source !== 'visitor' && source !== 'site') fail('set()', __DEV__ ? "source must be 'visitor' or 'site'" : 'source', source);
  const next = { ...current };
  if (value === null || value === undefined) delete next[name];
  else {
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (!isText(text, MAX_STATED_LENGTH)) fail('set()', __DEV__ ? `value must be 1 to ${MAX_STATED_LENGTH} printable characters, a number or null` : 'value', value);
    if (!(name in next) && Object.keys(next).length >= MAX_STATED) fail('set()', __DEV__ ? `at most ${MAX_STATED} attributes` : 'name', name);
    next[name] = { value: text as string, source, at };
  }
  return Object.keys(next).length ? next : undefined;
}

/** The stated values as text by name, for `get()`. */
export function statedText(values: Record<string, StatedValue> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([name, { value }]) => [name, value]));
}
