import type { Attune, AttuneOptions } from './types';
import { OPTIONS, fromAttribute, resolveOptions } from './options';
import { describe, describeAttribute, detailOf, warn } from './errors';

/** A call queued by the page before the script loaded, run with the ready instance. */
export type QueuedCall = (attune: Attune) => unknown;

/**
 * Reads the options of the script tag: its `data-*` attributes (`data-half-life`
 * sets `halfLife`; each option's record says how its text reads), then `config`
 * (the page's `window.attune_config`) over them.
 * A bad value gives one `[attune]` warning naming where it came from, and its
 * default is used; slots are ordered as they are parsed (`autoApply`).
 */
export function readScriptOptions(script: HTMLOrSVGScriptElement | null, config: unknown): AttuneOptions {
  const options: Record<string, unknown> = { autoApply: true };
  const sources: Record<string, string> = {};
  const dataset = script && 'dataset' in script ? script.dataset : {};
  for (const [name, text = ''] of Object.entries(dataset)) {
    const option = OPTIONS.get(name);
    if (!option) continue;
    options[name] = fromAttribute(option, text);
    sources[name] = describeAttribute(`data-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`, text);
  }
  if (typeof config === 'object' && config !== null) {
    for (const [name, value] of Object.entries(config)) {
      if (OPTIONS.has(name)) {
        options[name] = value;
        sources[name] = `attune_config.${name}`;
      } else {
        warn(`attune_config.${name.slice(0, 40)} is not an option${__DEV__ ? '; ignoring it' : ''}`);
      }
    }
  } else if (config !== undefined) {
    warn(`window.attune_config must be an object, got ${describe(config)}`);
  }
  resolveOptions(options, (name, error) => {
    warn(`${sources[name]} is not valid (${detailOf(error)})${__DEV__ ? '; using the default' : ''}`);
    delete options[name];
  });
  return options;
}

/**
 * Runs one queued call at once; a failing call (or the promise it returns) is
 * reported, and the others still run.
 */
export async function runQueued(call: unknown, attune: Attune): Promise<void> {
  if (typeof call !== 'function') {
    warn(`attune_queue takes functions, got ${describe(call)}`);
    return;
  }
  try {
    await (call as QueuedCall)(attune);
  } catch (error) {
    warn('a queued call failed', error);
  }
}
