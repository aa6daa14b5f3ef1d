import { wrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { Interaction } from '../types';
import type { Config } from '../options';
import type { SerializedVector } from '../profile/preference-vector';
import type { GrantedBy, InteractionStore, Relearn, StoredSetting, VisitorSettingName } from './interaction-store';
import { warn } from '../errors';
import { withoutFeature } from '../signals/interaction';

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

interface AttuneSchema extends DBSchema {
  events: { key: number; value: Interaction; indexes: { at: number } };
  profile: { key: string; value: StoredProfile };
  meta: {
    key: 'consent' | 'report' | VisitorSettingName;
    value: { state: 'granted'; at: number; by: GrantedBy } | StoredSetting;
  };
}

type EventStore = IDBPObjectStore<AttuneSchema, ArrayLike<'profile' | 'events' | 'meta'>, 'events', IDBTransactionMode>;

export function databaseName(namespace: string): string {
  return `attune:${namespace}`;
}

/**
 * Whether this origin already has Attune's database, without creating it.
 * Where `databases()` is missing (Firefox before 126), an open that finds no
 * database is aborted in its upgrade, which leaves nothing behind.
 */
export async function databaseExists(factory: IDBFactory, namespace: string): Promise<boolean> {
  const name = databaseName(namespace);
  if (typeof factory.databases === 'function') return (await factory.databases()).some((info) => info.name === name);
  return new Promise((resolve) => {
    const request = factory.open(name);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      request.result.close();
      resolve(true);
    };
    request.onerror = () => resolve(false);
  });
}

/**
 * Deletes Attune's database. Other tabs' connections close themselves on the
 * `versionchange` this raises, so the deletion is not left waiting on them.
 */
export function deleteDatabase(factory: IDBFactory, namespace: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(databaseName(namespace));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

type StoreConfig = Pick<Config, 'indexedDB' | 'namespace' | 'maxEvents' | 'maxEventAge' | 'now'>;

/**
 * Opens (creating on first use) the visitor's database, or rejects if it
 * neither opens nor fails within OPEN_TIMEOUT_MS.
 */
export async function openIndexedDBStore(config: StoreConfig, grantedBy: GrantedBy): Promise<InteractionStore> {
  const request = config.indexedDB!.open(databaseName(config.namespace), SCHEMA_VERSION);
  request.onupgradeneeded = ({ oldVersion }) => {
    const db = request.result;
    if (oldVersion < 1) {
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
      reject(new Error('IndexedDB did not open in time'));
    }, OPEN_TIMEOUT_MS);
  });
  try {
    const db = (await Promise.race([wrap(request), timeout])) as unknown as IDBPDatabase<AttuneSchema>;
    // Let a newer version of the SDK in another tab upgrade the schema.
    db.addEventListener('versionchange', () => db.close());
    return new IndexedDBStore(db, config);
  } finally {
    clearTimeout(timer);
  }
}

/** Events with a key after `from`, oldest first, and the last key. */
async function eventsAfter(events: EventStore, from = 0): Promise<{ events: Interaction[]; last: number }> {
  const after = IDBKeyRange.lowerBound(from, true);
  const [found, keys] = await Promise.all([events.getAll(after), events.getAllKeys(after)]);
  return { events: found, last: keys[keys.length - 1] ?? from };
}

/**
 * The visitor's database. Each batch of interactions is appended in one
 * write-only transaction; the profile is then brought up to date from the log
 * in another, so batches from several tabs add up instead of overwriting each other.
 */
class IndexedDBStore implements InteractionStore {
  readonly persistent = true;

  constructor(
    readonly _db: IDBPDatabase<AttuneSchema>,
    readonly _config: StoreConfig,
  ) {}

  async read() {
    const tx = this._db.transaction(['profile', 'events', 'meta']);
    const meta = tx.objectStore('meta');
    const [stored, consent, paused, surprise] = await Promise.all([
      tx.objectStore('profile').get('vector'),
      meta.get('consent'),
      meta.get('paused'),
      meta.get('surprise'),
    ]);
    const { events } = await eventsAfter(tx.objectStore('events'), stored?.appliedThrough);
    return {
      stored: stored?.vector,
      events,
      grantedBy: consent && 'by' in consent ? consent.by : undefined,
      settings: { paused, surprise },
    };
  }

  async append(batch: readonly Interaction[]) {
    const tx = this._db.transaction('events', 'readwrite');
    const writes = batch.map((interaction) => tx.store.add(interaction));
    tx.commit?.();
    await Promise.all([...writes, tx.done]);
  }

  async catchUp(relearn: Relearn) {
    const tx = this._db.transaction(['profile', 'events'], 'readwrite');
    const profile = tx.objectStore('profile');
    const events = tx.objectStore('events');
    const stored = await profile.get('vector');
    let unapplied = await eventsAfter(events, stored?.appliedThrough);
    let vector: SerializedVector;
    try {
      vector = relearn(stored?.vector, unapplied.events);
    } catch (error) {
      // A RangeError is an older version, rebuilt as a matter of course; anything else is damage worth a word.
      if (!(error instanceof RangeError)) {
        warn(__DEV__ ? 'the stored profile was unreadable; rebuilt it from the stored interactions' : 'rebuilt the stored profile');
      }
      unapplied = await eventsAfter(events);
      vector = relearn(undefined, unapplied.events);
    }
    await Promise.all([profile.put({ appliedThrough: unapplied.last, vector }, 'vector'), this._trim(events), tx.done]);
  }

  /** Drops the oldest events beyond the count cap and any older than the age cap. */
  async _trim(events: IDBPObjectStore<AttuneSchema, ['profile', 'events'], 'events', 'readwrite'>) {
    const { maxEvents, maxEventAge, now } = this._config;
    let excess = (await events.count()) - maxEvents;
    const cutoff = now() - maxEventAge;
    let cursor = await events.index('at').openCursor();
    while (cursor && (excess > 0 || cursor.key < cutoff)) {
      await cursor.delete();
      excess--;
      cursor = await cursor.continue();
    }
  }

  async forget(feature: string, relearn: (stored: undefined, events: Interaction[]) => SerializedVector) {
    const tx = this._db.transaction(['profile', 'events'], 'readwrite');
    const events = tx.objectStore('events');
    for (let cursor = await events.openCursor(); cursor; cursor = await cursor.continue()) {
      if (cursor.value.features.includes(feature)) await cursor.update(withoutFeature(cursor.value, feature));
    }
    const all = await eventsAfter(events);
    await Promise.all([tx.objectStore('profile').put({ appliedThrough: all.last, vector: relearn(undefined, all.events) }, 'vector'), tx.done]);
  }

  keepSetting(setting: VisitorSettingName, value: StoredSetting | undefined) {
    return this._write(setting, value);
  }

  async readAll() {
    const tx = this._db.transaction(['events', 'meta']);
    const meta = tx.objectStore('meta');
    const [events, consent, report] = await Promise.all([tx.objectStore('events').getAll(), meta.get('consent'), meta.get('report')]);
    return { events, grantedAt: consent?.at, lastReport: report?.at };
  }

  recordVisitorGrant(at: number) {
    return this._write('consent', { state: 'granted', at, by: 'visitor' });
  }

  async lastReport() {
    return (await this._db.transaction('meta').store.get('report'))?.at;
  }

  recordReport(at: number) {
    return this._write('report', { at });
  }

  /** Puts (or with undefined, deletes) one record of `meta`. */
  async _write(key: AttuneSchema['meta']['key'], value: AttuneSchema['meta']['value'] | undefined) {
    const tx = this._db.transaction('meta', 'readwrite');
    await Promise.all([value ? tx.store.put(value, key) : tx.store.delete(key), tx.done]);
  }

  close() {
    this._db.close();
  }
}
