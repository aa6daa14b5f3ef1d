/**
 * The items the visitor viewed most recently, as their own pages presented
 * them: read from the views in the event log (those not yet stored, then the
 * store's, newest first), so they are kept, capped, exported, erased and
 * forgotten with the interactions themselves.
 */
import type { Interaction, ItemPage } from '../types';
import type { Core } from '../core';
import type { InteractionStore } from '../store/interaction-store';
import type { IndexedDBStore } from '../store/indexeddb';
import type { MemoryStore } from '../store/memory';
import { walk } from '../store/idb-requests';

/** An item the visitor viewed, as its page presented it, and when. */
export interface RecentView {
  item: string;
  page: ItemPage;
  features: string[];
  at: number;
}

/** Most items a list of recently viewed items holds. */
export const MAX_RECENT = 50;

/**
 * Up to `limit` items the visitor viewed, newest first, each once, leaving
 * out `exclude` (the item of the page they are on). Values are as stored:
 * whoever shows them checks them first.
 */
export async function recentlyViewed(core: Core, limit: number, exclude: ReadonlySet<string>): Promise<RecentView[]> {
  const views = new Map<string, RecentView>();
  /** Keeps the newest view of each item; true once `limit` items are found. */
  const take = ({ type, item, page, features, at }: Interaction): boolean => {
    const known = views.get(item!);
    if (type === 'view' && item !== undefined && page && !exclude.has(item) && (!known || known.at < at)) views.set(item, { item, page, features, at });
    return views.size >= limit;
  };
  // Not yet stored: the newest. Read in the same turn as the store's, before a flush can move them.
  const unstored = core.batcher.pending.slice();
  await core.useStore((store) => newestFirst(store, take));
  unstored.forEach(take);
  return [...views.values()].sort((a, b) => b.at - a.at).slice(0, limit);
}

/** Calls `take` on the store's events, newest first, until it returns true. */
function newestFirst(store: InteractionStore, take: (event: Interaction) => boolean): Promise<void> {
  if (!store.persistent) {
    const { events } = store as MemoryStore;
    for (let at = events.length - 1; at >= 0 && !take(events[at]!); at--);
    return Promise.resolve();
  }
  const tx = (store as IndexedDBStore)._tx('events');
  return walk(tx.objectStore('events').index('at').openCursor(null, 'prev'), (cursor) => take((cursor.value ?? {}) as Interaction) || undefined);
}
