import type { Interaction } from '../types';
import type { Config } from '../options';
import type { SerializedVector } from '../profile/preference-vector';
import type { GrantedBy, InteractionStore, Relearn, StoredSetting, VisitorSettingName } from './interaction-store';
import { committed, result, walk } from './idb-requests';
import { grantedByOf, isAppliedThrough, isStoredInteraction, warnDropped } from './stored-records';

/**
 * Schema history (bump SCHEMA_VERSION and add a step to `upgrade` for each change):
 * 1. `events` (auto-increment key, index `at`), `profile` (key `vector`: a
 *    {@link StoredProfile}) and `meta` (key `consent`: when the visitor agreed).
 */
const SCHEMA_VERSION = 1;
/** A database that neither opens nor fails in this time is treated as unavailable. */
const OPEN_TIMEOUT_MS = 3000;

/**
 * The profile is a cache of the event log: it holds every event up to
 * `appliedThrough` (an event key). Events after it, written by a page that
 * closed before it could update the profile, or by another tab, are folded in
 * on the next catch-up, so no stored event is ever missing from the profile.
 */
interface StoredProfile {
  appliedThrough: number;
  vector: SerializedVector;
}

/** Keys of `meta`: the consent, the last aggregate report (privacy/report.ts), the visitor's settings. */
type MetaKey = 'consent' | 'report' | VisitorSettingName;

/**
 * Why a connection ended without this tab closing it: `erased`, the database
 * was deleted (another tab's erase), or the browser closed the connection
 * (Chromium does when the visitor clears the site's data, and the data is
 * gone); `closed`, a newer version in another tab upgraded the schema.
 */
export type LostBecause = 'erased' | 'closed';

export function databaseName(namespace: string): string {
  return `attune:${namespace}`;
}

/**
 * Whether this origin already has Attune's database, without creating it;
 * undefined where the browser cannot list its databases (Firefox before 126).
 */
export async function databaseExists(factory: IDBFactory, namespace: string): Promise<boolean | undefined> {
  return factory.databases && (await factory.databases()).some((info) => info.name === databaseName(namespace));
}

/**
 * Deletes Attune's database. Other tabs' connections close themselves on the
 * `versionchange` this raises, so the deletion is not left waiting on them.
 */
export function deleteDatabase(factory: IDBFactory, namespace: string): Promise<unknown> {
  return result(factory.deleteDatabase(databaseName(namespace)));
}

type StoreConfig = Pick<Config, 'indexedDB' | 'namespace' | 'maxEvents' | 'maxEventAge' | 'now'>;

/**
 * Opens the visitor's database; rejects if it neither opens nor fails within
 * OPEN_TIMEOUT_MS. Where the database is missing, `create` is asked: true (a
 * grant made in this tab, or the site's own consent), and it is created;
 * false, and one that has gone since it was found (another tab's erase,
 * between `databases()` and this open) is not brought back, nor one made on
 * the site's word after an erase: the result is undefined.
 */
export async function openIndexedDBStore(
  config: StoreConfig,
  grantedBy: GrantedBy,
  create: () => boolean,
  onLost: (because: LostBecause, store: IndexedDBStore) => void,
): Promise<IndexedDBStore | undefined> {
  const request = config.indexedDB!.open(databaseName(config.namespace), SCHEMA_VERSION);
  let created = false;
  let refused = false;
  request.onupgradeneeded = ({ oldVersion }) => {
    const db = request.result;
    if (oldVersion < 1) {
      // Aborting the upgrade of a database that did not exist leaves none behind.
      if ((refused = !create())) return request.transaction!.abort();
      created = true;
      db.createObjectStore('events', { autoIncrement: true }).createIndex('at', 'at');
      db.createObjectStore('profile');
      // The database is created only once the visitor has agreed: note when.
      db.createObjectStore('meta').put({ state: 'granted', at: config.now(), by: grantedBy }, 'consent');
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Should it open after all, let it go rather than hold a connection nobody closes.
      request.onsuccess = () => request.result.close();
      reject(new Error(__DEV__ ? 'IndexedDB did not open in time' : 'timeout'));
    }, OPEN_TIMEOUT_MS);
  });
  try {
    return new IndexedDBStore(await Promise.race([result(request), timeout]), config, created && grantedBy === 'site', onLost);
  } catch (error) {
    if (refused && (error as DOMException | undefined)?.name === 'AbortError') return undefined;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The last event key a stored profile holds: 0 without one; every key where
 * its record is unreadable, as those events are the catch-up's to rebuild
 * from (a key past the last event, which would stop learning, it finds too).
 */
function heldThrough(profile: StoredProfile | undefined): number {
  if (profile === undefined) return 0;
  return isAppliedThrough(profile?.appliedThrough, Infinity) ? profile.appliedThrough : Infinity;
}

/** The last key of the event log, or 0 when it is empty. */
async function lastKey(events: IDBObjectStore): Promise<number> {
  return ((await result(events.openKeyCursor(null, 'prev')))?.primaryKey as number | undefined) ?? 0;
}

/**
 * Events with a key after `from`, oldest first, the last one's key, and the keys of
 * records that are not events (damaged): a cursor that jumps past `from`, as
 * no global IDBKeyRange is needed for it.
 */
async function eventsAfter(events: IDBObjectStore, from: number) {
  const found: Interaction[] = [];
  const damaged: number[] = [];
  let last = from;
  await walk(events.openCursor(), (cursor) => {
    const key = cursor.primaryKey as number;
    if (key <= from) return from + 1;
    // The last key counts valid events only: the damaged are deleted, and appliedThrough past the last
    // event left would read as damage itself.
    if (isStoredInteraction(cursor.value)) found.push(cursor.value), (last = key);
    else damaged.push(key);
  });
  return { events: found, last, damaged };
}

/**
 * The visitor's database. Each batch of interactions is appended in one
 * write-only transaction; the profile is then brought up to date from the log
 * in another, so batches from several tabs add up instead of overwriting each
 * other. Every record is checked as it is read (stored-records.ts). What only
 * the parts loaded on demand need (the whole history, the report's record)
 * they do through `_tx` and `keep` (stored-history.ts, privacy/report.ts).
 */
export class IndexedDBStore implements InteractionStore {
  readonly persistent = true;
  /** The last catch-up's transaction: abortable while it runs, when the page is left. */
  _catchUp: IDBTransaction | undefined;

  constructor(
    readonly _db: IDBDatabase,
    readonly _config: StoreConfig,
    /** Created by this open on the site's word alone: an erase announced by another tab deletes it again. */
    readonly _createdBySite: boolean,
    public _onLost: ((because: LostBecause, store: IndexedDBStore) => void) | undefined,
  ) {
    // Let a deletion or a newer version's upgrade in another tab go ahead, and say so.
    _db.onversionchange = ({ newVersion }) => this._lose(newVersion === null ? 'erased' : 'closed');
    // The browser closed the connection itself: the site's data cleared (or a failed disk, where the data is as good as gone).
    _db.onclose = () => this._lose('erased');
  }

  /** Closes the connection and tells the instance once, which then keeps what it learns in memory. */
  _lose(because: LostBecause): void {
    const onLost = this._onLost;
    this.close();
    onLost?.(because, this);
  }

  /**
   * A transaction. A connection the browser has closed throws InvalidStateError
   * before its `close` event arrives: the instance hears of it now, so the
   * call that failed can be made again on the store that replaces this one.
   */
  _tx(stores: string | string[], mode?: IDBTransactionMode): IDBTransaction {
    try {
      return this._db.transaction(stores, mode);
    } catch (error) {
      // Any other error (NotFoundError: a database of another schema) is the caller's to report.
      if ((error as DOMException).name === 'InvalidStateError') this._lose('erased');
      throw error;
    }
  }

  /**
   * The stored vector (unchecked: it may be corrupt; null where its record is
   * unreadable), the events it does not hold yet, who gave the consent, and
   * the visitor's settings, read without writing, in one round trip: the
   * slots wait for this.
   */
  async read() {
    const tx = this._tx(['profile', 'events', 'meta']);
    const meta = tx.objectStore('meta');
    const profileRead = tx.objectStore('profile').get('vector') as IDBRequest<StoredProfile | undefined>;
    const unapplied: Interaction[] = [];
    const [profile, consent, paused, surprise, holdout, stated] = await Promise.all([
      result(profileRead),
      result(meta.get('consent')),
      result(meta.get('paused')),
      result(meta.get('surprise')),
      result(meta.get('holdout')),
      result(meta.get('stated')),
      // Asked with the rest rather than after the profile: walked back from the newest event, it stops at the first
      // the profile holds, usually the newest itself. Requests succeed in order, so the profile is read by then.
      walk(tx.objectStore('events').openCursor(null, 'prev'), (cursor) => {
        if ((cursor.primaryKey as number) <= heldThrough(profileRead.result)) return true;
        if (isStoredInteraction(cursor.value)) unapplied.push(cursor.value);
      }),
    ]);
    // An unreadable profile reads as null, which the caller's rebuild refuses: the catch-up then rebuilds it from the whole log.
    return {
      stored: profile === undefined ? undefined : heldThrough(profile) < Infinity ? profile.vector : null,
      events: unapplied.reverse(),
      grantedBy: grantedByOf(consent),
      settings: { paused, surprise, holdout, stated } as Partial<Record<VisitorSettingName, StoredSetting>>,
    };
  }

  async append(batch: readonly Interaction[], leaving?: boolean) {
    // Leaving the page: a catch-up under way would hold this write back until the tab is gone, when
    // Chromium aborts both; the next page view redoes the catch-up.
    try {
      if (leaving) this._catchUp?.abort();
    } catch {
      // It had finished.
    }
    const tx = this._tx('events', 'readwrite');
    const done = committed(tx);
    const events = tx.objectStore('events');
    try {
      for (const interaction of batch) events.add(interaction);
    } catch (error) {
      // All or nothing: a batch half added would be added again on the retry.
      tx.abort();
      throw error;
    }
    // Committed at once, so it still lands when the page is being left.
    tx.commit?.();
    await done;
  }

  async catchUp(relearn: Relearn) {
    const tx = (this._catchUp = this._tx(['profile', 'events'], 'readwrite'));
    const done = committed(tx);
    const profile = tx.objectStore('profile');
    const events = tx.objectStore('events');
    const [stored, last] = await Promise.all([result(profile.get('vector')) as Promise<StoredProfile | undefined>, lastKey(events)]);
    const applied = isAppliedThrough(stored?.appliedThrough, last) ? stored!.appliedThrough : undefined;
    let unapplied = await eventsAfter(events, applied ?? 0);
    const dropped: string[] = [];
    let vector: SerializedVector | undefined;
    try {
      // A profile whose appliedThrough is no event key is damaged as a whole: null, which relearn refuses.
      vector = relearn(stored && applied === undefined ? null : stored?.vector, unapplied.events);
    } catch (error) {
      // A RangeError is an older version, rebuilt as a matter of course; anything else is damage worth a word.
      if (!(error instanceof RangeError)) dropped.push(__DEV__ ? 'the profile (rebuilt from the interactions)' : 'profile');
      if (applied) unapplied = await eventsAfter(events, 0);
      vector = relearn(undefined, unapplied.events);
    }
    for (const key of unapplied.damaged) events.delete(key);
    if (unapplied.damaged.length) dropped.push(`${unapplied.damaged.length} ${__DEV__ ? 'interaction(s)' : 'events'}`);
    profile.put({ appliedThrough: unapplied.last, vector }, 'vector');
    await Promise.all([this._trim(events), done]);
    // Said once the drop is committed: a catch-up aborted as its tab closes dropped nothing, and the next one will say it.
    warnDropped(dropped);
  }

  /** Drops the oldest events beyond the count cap and any older than the age cap. */
  async _trim(events: IDBObjectStore) {
    const { maxEvents, maxEventAge, now } = this._config;
    let excess = (await result(events.count())) - maxEvents;
    const cutoff = now() - maxEventAge;
    await walk(events.index('at').openCursor(), (cursor) => {
      if (excess <= 0 && (cursor.key as number) >= cutoff) return true;
      cursor.delete();
      excess--;
    });
  }

  /** Records who gave consent: the visitor themselves (`grant()`) on a database the site's word created, or anew over an unreadable record. */
  recordGrant(by: GrantedBy, at: number) {
    return this.keep('consent', { state: 'granted', at, by });
  }

  /** Puts (or with undefined, deletes) one record of `meta`: a visitor's setting, the consent, the last report. */
  async keep(key: MetaKey, value: object | undefined) {
    const tx = this._tx('meta', 'readwrite');
    const meta = tx.objectStore('meta');
    if (value) meta.put(value, key);
    else meta.delete(key);
    await committed(tx);
  }

  close() {
    this._onLost = undefined;
    this._db.close();
  }
}
