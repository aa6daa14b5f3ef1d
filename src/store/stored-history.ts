/**
 * The whole stored history, for the visitor's controls (export, explain,
 * forget). Loaded with them, on demand: a page view rarely needs it, so the
 * script tag does not carry it. It reaches the database through the store's
 * own transactions, so a connection lost under it is noticed as anywhere else.
 */
import type { Interaction } from '../types';
import type { SerializedVector } from '../profile/preference-vector';
import type { InteractionStore } from './interaction-store';
import type { IndexedDBStore } from './indexeddb';
import type { MemoryStore } from './memory';
import { committed, result, walk } from './idb-requests';
import { isStoredInteraction, timeOf } from './stored-records';
import { withoutFeature } from '../signals/interaction';

/** Every stored event, oldest first (damaged records left out), when the visitor agreed to storage, and when the last report was sent. */
export async function readHistory(store: InteractionStore): Promise<{ events: Interaction[]; grantedAt?: number; lastReport?: number }> {
  if (!store.persistent) return { events: (store as MemoryStore).events.slice() };
  const tx = (store as IndexedDBStore)._tx(['events', 'meta']);
  const meta = tx.objectStore('meta');
  const [events, consent, report] = await Promise.all([result(tx.objectStore('events').getAll()), result(meta.get('consent')), result(meta.get('report'))]);
  return { events: events.filter(isStoredInteraction), grantedAt: timeOf(consent), lastReport: timeOf(report) };
}

/**
 * Removes a feature (and the item) from every stored event, drops damaged
 * records on the way, then rebuilds the stored profile from the log with
 * `relearn`, in one transaction.
 */
export async function forgetInHistory(store: InteractionStore, feature: string, relearn: (events: Interaction[]) => SerializedVector): Promise<void> {
  if (!store.persistent) {
    const memory = store as MemoryStore;
    memory.events = memory.events.map((interaction) => withoutFeature(interaction, feature));
    relearn(memory.events);
    return;
  }
  const tx = (store as IndexedDBStore)._tx(['profile', 'events'], 'readwrite');
  const done = committed(tx);
  const kept: Interaction[] = [];
  let last = 0;
  await walk(tx.objectStore('events').openCursor(), (cursor) => {
    const event = cursor.value as unknown;
    last = cursor.primaryKey as number;
    if (!isStoredInteraction(event)) return void cursor.delete();
    const without = withoutFeature(event, feature);
    if (without !== event) cursor.update(without);
    kept.push(without);
  });
  tx.objectStore('profile').put({ appliedThrough: last, vector: relearn(kept) }, 'vector');
  await done;
}
