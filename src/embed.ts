/**
 * The script-tag entry. Reads its options from the tag's own `data-*`
 * attributes, lets `window.attune_config` override them, orders slots as they
 * are parsed, and runs the calls queued in `window.attune_queue`:
 *
 * ```html
 * <script>window.attune_queue = [(attune) => attune.consent.grant()]</script>
 * <script src="attune.min.js" data-namespace="news" data-consent="granted"></script>
 * ```
 */
import type { Attune, AttuneOptions } from './types';
import { createAttune } from './attune';
import { resolveOptions } from './options';
import { describe, warn } from './warn';

type QueuedCall = (attune: Attune) => unknown;

declare global {
  interface Window {
    attune_config?: AttuneOptions;
    attune_queue?: QueuedCall[] | { push(...calls: QueuedCall[]): number };
  }
}

type Parse = (raw: string) => unknown;
const text: Parse = (raw) => raw;
const number: Parse = (raw) => (raw.trim() === '' ? NaN : Number(raw));
const boolean: Parse = (raw) => (raw === 'true' || raw === '' ? true : raw === 'false' ? false : raw);
const list: Parse = (raw) => raw.split(/[\s,]+/).filter(Boolean);

/** Each attribute the tag understands: the option it sets and how its text is read. */
const ATTRIBUTES: Record<string, [keyof AttuneOptions, Parse]> = {
  namespace: ['namespace', text],
  consent: ['consent', text],
  halfLife: ['halfLife', text],
  strength: ['strength', number],
  storage: ['storage', text],
  autoTrack: ['autoTrack', boolean],
  renderBudget: ['renderBudget', number],
  contextKeys: ['contextKeys', list],
  maxFeatures: ['maxFeatures', number],
  maxEvents: ['maxEvents', number],
  maxEventAge: ['maxEventAge', text],
};

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

function readOptions(script: HTMLOrSVGScriptElement | null): AttuneOptions {
  const options: AttuneOptions = { autoApply: true };
  const dataset = script instanceof HTMLElement ? script.dataset : {};
  for (const [name, raw] of Object.entries(dataset)) {
    const known = ATTRIBUTES[name];
    if (known && raw !== undefined) accept(options, known[0], known[1](raw), `${kebab(name)}="${raw.slice(0, 40)}"`);
  }
  const config = window.attune_config;
  if (config !== undefined) {
    if (typeof config !== 'object' || config === null) warn(`window.attune_config must be an object, got ${describe(config)}`);
    else for (const [key, value] of Object.entries(config)) accept(options, key as keyof AttuneOptions, value, `attune_config.${key}`);
  }
  return options;
}

function run(call: unknown, attune: Attune): void {
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

function start(): void {
  const options = readOptions(document.currentScript);
  createAttune(options).then(
    (attune) => {
      const queued = window.attune_queue;
      if (Array.isArray(queued)) for (const call of queued) run(call, attune);
      window.attune_queue = {
        push: (...calls: QueuedCall[]) => {
          for (const call of calls) run(call, attune);
          return 0;
        },
      };
    },
    (error: unknown) => warn('could not start', error),
  );
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') start();
