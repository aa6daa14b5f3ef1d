import type { StorageStatus } from '../types';
import type { Core } from '../core';

/**
 * Storage is a state machine; `status` names its state, and every change goes
 * through {@link moveTo}, which tells the page with an `attune:status` event.
 *
 * ```
 * awaiting-consent ─ grant() here, or the database found at start ─▶ opening
 * opening ─ opened ─▶ indexeddb
 * opening ─ fails, is blocked or times out ─▶ fallback
 * opening ─ the database found is gone by the time it opens ─▶ awaiting-consent
 * indexeddb ─ a write refused (storage full) ─▶ fallback ─ a write stored ─▶ indexeddb
 * indexeddb ─ a newer version upgraded the schema, the browser closed the connection ─▶ closed
 * any state but memory ─ erase() or deny() here or in another tab, site data cleared ─▶ erased
 * erased ─ grant() here ─▶ opening
 * ```
 *
 * In every state each method of the instance works: whatever cannot be
 * stored is kept in this page view's memory.
 */
export function moveTo(core: Core, status: StorageStatus): void {
  if (core.status === status) return;
  core.status = status;
  const doc = core.config.document;
  const View = doc?.defaultView;
  if (View) doc.dispatchEvent(new View.CustomEvent('attune:status', { detail: { status } }));
}
