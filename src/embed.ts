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
import type { AttuneOptions } from './types';
import { createAttune } from './attune';
import { readScriptOptions, runQueued, type QueuedCall } from './script-config';
import { warn } from './errors';

declare global {
  interface Window {
    attune_config?: AttuneOptions;
    attune_queue?: QueuedCall[] | { push(...calls: QueuedCall[]): number };
  }
}

function start(): void {
  const options = readScriptOptions(document.currentScript, window.attune_config);
  createAttune(options).then(
    (attune) => {
      const queued = window.attune_queue;
      if (Array.isArray(queued)) for (const call of queued) runQueued(call, attune);
      window.attune_queue = {
        push: (...calls: QueuedCall[]) => {
          for (const call of calls) runQueued(call, attune);
          return 0;
        },
      };
    },
    (error: unknown) => warn('could not start', error),
  );
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') start();
