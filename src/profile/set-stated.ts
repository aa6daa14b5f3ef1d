/**
 * `set()`'s check of what the site passes in: loaded with the visitor's data
 * controls, since only a call to `set()` needs it.
 */
import type { StatedSource, StatedValue } from '../types';
import { KEY, isText } from '../limits';
import { fail } from '../errors';
import { MAX_STATED, MAX_STATED_LENGTH } from './stated';

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

