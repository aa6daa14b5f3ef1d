import type { Attune, AttuneOptions } from './types';
import { resolveOptions } from './options';
import { describe, warn } from './warn';

/** A call queued by the page before the script loaded, run with the ready instance. */
export type QueuedCall = (attune: Attune) => unknown;

type Parse = (raw: string) => unknown;
const text: Parse = (raw) => raw;
const number: Parse = (raw) => (raw.trim() === '' ? NaN : Number(raw));
const boolean: Parse = (raw) => (raw === 'true' || raw === '' ? true : raw === 'false' ? false : raw);
const list: Parse = (raw) => raw.split(/[\s,]+/).filter(Boolean);

/** The options a `data-*` attribute may set (`data-half-life` sets `halfLife`), and how each is read from text. */
const ATTRIBUTES = new Map<string, Parse>([
  ['namespace', text],
  ['consent', text],
  ['halfLife', text],
  ['strength', number],
  ['storage', text],
  ['autoTrack', boolean],
  ['renderBudget', number],
  ['contextKeys', list],
  ['maxFeatures', number],
  ['maxEvents', number],
  ['maxEventAge', text],
]);

/** Options only `window.attune_config` can set: they are not text. */
const CONFIG_ONLY = ['autoApply', 'interactionWeights', 'context', 'environment'];

const kebab = (name: string) => `data-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** Keeps an option only if it is valid on its own; otherwise warns, naming where it came from. */
function accept(options: AttuneOptions, key: keyof AttuneOptions, value: unknown, source: string): void {
  try {
    resolveOptions({ [key]: value });
    (options as Record<string, unknown>)[key] = value;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^\[attune\] /, '') : String(error);
    warn(`${source} is not valid (${reason}); using the default`);
  }
}

/**
 * Reads the options of the script tag: its `data-*` attributes, then
 * `config` (the page's `window.attune_config`) over them. Each value is
 * checked on its own; a bad one gives one `[attune]` warning naming where it
 * came from, and its default is used.
 */
export function readScriptOptions(script: HTMLOrSVGScriptElement | null, config: unknown): AttuneOptions {
  const options: AttuneOptions = { autoApply: true };
  const dataset = script && 'dataset' in script ? script.dataset : {};
  for (const [name, raw] of Object.entries(dataset)) {
    const parse = ATTRIBUTES.get(name);
    if (parse && raw !== undefined) accept(options, name as keyof AttuneOptions, parse(raw), `${kebab(name)}="${raw.slice(0, 40)}"`);
  }
  if (config !== undefined) {
    if (typeof config !== 'object' || config === null) warn(`window.attune_config must be an object, got ${describe(config)}`);
    else {
      for (const [key, value] of Object.entries(config)) {
        if (ATTRIBUTES.has(key) || CONFIG_ONLY.includes(key)) accept(options, key as keyof AttuneOptions, value, `attune_config.${key}`);
        else warn(`attune_config.${key.slice(0, 40)} is not an option; ignoring it`);
      }
    }
  }
  return options;
}

/** Runs one queued call; a failing call is reported and the others still run. */
export function runQueued(call: unknown, attune: Attune): void {
  if (typeof call !== 'function') {
    warn(`attune_queue takes functions, got ${describe(call)}`);
    return;
  }
  try {
    const result = (call as QueuedCall)(attune);
    if (result instanceof Promise) result.catch((error: unknown) => warn('a queued call failed', error));
  } catch (error) {
    warn('a queued call failed', error);
  }
}
