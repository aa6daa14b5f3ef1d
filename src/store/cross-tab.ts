/**
 * What the tabs of one site tell each other: that the visitor erased
 * everything. A tab with the database open hears it from IndexedDB too (its
 * connection's `versionchange`), but a tab awaiting consent, or one whose open
 * is still under way, holds no connection: the BroadcastChannel reaches those.
 *
 * The erase is also noted in the tab's sessionStorage, which lasts as long as
 * the tab and is copied into tabs it opens: for the rest of that session the
 * site's own `consent: 'granted'` does not reopen storage, only the visitor's
 * `grant()` does.
 */
import { globalIndexedDB, type Config } from '../options';
import { databaseName } from './indexeddb';

/**
 * The page's window, where the database is the page's own IndexedDB: only then
 * do the site's other tabs and this tab's session share it. A factory passed
 * in `environment` (Node, tests) is shared with no tab.
 */
export function pageWindow({ indexedDB, document }: Pick<Config, 'indexedDB' | 'document'>): Window | undefined {
  return indexedDB === globalIndexedDB() ? document?.defaultView ?? undefined : undefined;
}

/** The channel to the site's other tabs; undefined where there is none. */
export function listenForErase(view: Window | undefined, namespace: string, onErase: () => void): BroadcastChannel | undefined {
  if (!view || typeof BroadcastChannel !== 'function') return undefined;
  const channel = new BroadcastChannel(databaseName(namespace));
  channel.onmessage = ({ data }) => data === 'erased' && onErase();
  return channel;
}

/**
 * Whether the visitor erased everything earlier in this tab's session; with
 * `erased`, notes that they did (true) or granted consent since (false) first.
 */
export function erasedThisSession(view: Window | undefined, namespace: string, erased?: boolean): boolean {
  try {
    const key = `${databaseName(namespace)}:erased`;
    if (erased) view?.sessionStorage.setItem(key, '1');
    else if (erased === false) view?.sessionStorage.removeItem(key);
    return view?.sessionStorage.getItem(key) != null;
  } catch {
    // Storage blocked (a sandboxed frame, cookies off): an erase holds for this page view only.
    return false;
  }
}
