import { wrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { Interaction } from '../types';
import type { Config } from '../options';
import type { SerializedVector } from '../profile/preference-vector';
import { warn } from '../errors';

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
    key: 'consent' | 'report' | VisitorSetting;
    value: { state: 'granted'; at: number; by: GrantedBy } | { at: number } | { at: number; level: number };
  };
}

/** What the visitor set in the panel and keeps across page views: a pause, and the surprise dial. */
export type VisitorSetting = 'paused' | 'surprise';

/** Who gave the consent the database was created on: the visitor through `grant()`, or the site's `consent: 'granted'`. */
export type GrantedBy = 'visitor' | 'site';

type EventStore = IDBPObjectStore<AttuneSchema, ArrayLike<'profile' | 'events' | 'meta'>, 'events', IDBTransactionMode>;

/**
 * The visitor's interactions and profile in IndexedDB. Each batch of
 * interactions is appended in one write-only transaction; the profile is then
 * brought up to date from the log in another, so batches from several tabs add
 * up instead of overwriting each other.
 */
export interface InteractionStore {
  /**
   * The stored vector (unchecked: it may be corrupt), the events it does not
   * hold yet, and who gave the consent, read without writing.
   */
  read(): Promise<{ stored: unknown; events: Interaction[]; grantedBy: GrantedBy | undefined; paused: boolean; surprise: number | undefined }>;
  /**
   * Adds a batch of events in one write-only transaction, committed at once:
   * the smallest write, so it still lands when the page is being left.
   */
  append(batch: readonly Interaction[]): Promise<void>;
  /**
   * Folds the events the stored profile does not hold yet (this tab's last
   * batch and any other tab's) into it with `learn`, writes it back, and trims
   * the event log to its caps, all in one transaction. `learn` gets the stored
   * vector unchecked and throws if it is corrupt; it is then rebuilt from the
   * whole log, the source of truth, so a corrupt record costs nothing the
   * visitor did.
   */
  catchUp(learn: (stored: unknown, events: Interaction[]) => SerializedVector): Promise<void>;
  /**
   * Removes a feature from every stored event, then rebuilds the stored
   * profile from the log with `learn`, in one transaction.
   */
  forget(feature: string, learn: (stored: undefined, events: Interaction[]) => SerializedVector): Promise<void>;
  /** Keeps a visitor's setting across page views (a pause: `{ at }`; the dial: `{ at, level }`), or clears it. */
  keepSetting(setting: VisitorSetting, value: { at: number; level?: number } | undefined): Promise<void>;
  /** Notes that the visitor gave consent themselves (`grant()`), on a database the site's word created. */
  recordVisitorGrant(at: number): Promise<void>;
  /** When the last aggregate report was sent, if ever. */
  lastReport(): Promise<number | undefined>;
  recordReport(at: number): Promise<void>;
  /** Every stored event, oldest first, and when the visitor agreed to storage. */
  readAll(): Promise<{ events: Interaction[]; grantedAt: number | undefined; lastReport: number | undefined }>;
  close(): void;
}

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

export async function openStore(
  config: Pick<Config, 'indexedDB' | 'namespace' | 'maxEvents' | 'maxEventAge' | 'now'>,
  grantedBy: GrantedBy,
): Promise<InteractionStore> {
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
  let db: IDBPDatabase<AttuneSchema>;
  try {
    db = (await Promise.race([wrap(request), timeout])) as unknown as IDBPDatabase<AttuneSchema>;
  } finally {
    clearTimeout(timer);
  }
  // Let a newer version of the SDK in another tab upgrade the schema.
  db.addEventListener('versionchange', () => db.close());

  /** Events with a key after `from`, oldest first, and the last key. */
  const eventsAfter = async (events: EventStore, from = 0) => {
    const after = IDBKeyRange.lowerBound(from, true);
    const [found, keys] = await Promise.all([events.getAll(after), events.getAllKeys(after)]);
    return { events: found, last: keys[keys.length - 1] ?? from };
  };

  /** Drops the oldest events beyond the count cap and any older than the age cap. */
  const trim = async (events: IDBPObjectStore<AttuneSchema, ['profile', 'events'], 'events', 'readwrite'>) => {
    let excess = (await events.count()) - config.maxEvents;
    const cutoff = config.now() - config.maxEventAge;
    let cursor = await events.index('at').openCursor();
    while (cursor && (excess > 0 || cursor.key < cutoff)) {
      await cursor.delete();
      excess--;
      cursor = await cursor.continue();
    }
  };

  return {
    async read() {
      const tx = db.transaction(['profile', 'events', 'meta']);
      const meta = tx.objectStore('meta');
      const [stored, consent, paused, surprise] = await Promise.all([
        tx.objectStore('profile').get('vector'),
        meta.get('consent'),
        meta.get('paused'),
        meta.get('surprise'),
      ]);
      const { events } = await eventsAfter(tx.objectStore('events'), stored?.appliedThrough);
      const level = surprise && 'level' in surprise ? surprise.level : undefined;
      return {
        stored: stored?.vector,
        events,
        grantedBy: consent && 'by' in consent ? consent.by : undefined,
        paused: paused !== undefined,
        // A stored level is checked like one given: a bad one is as if never set.
        surprise: typeof level === 'number' && level >= 0 && level <= 1 ? level : undefined,
      };
    },
    async append(batch) {
      const tx = db.transaction('events', 'readwrite');
      const writes = batch.map((interaction) => tx.store.add(interaction));
      tx.commit?.();
      await Promise.all([...writes, tx.done]);
    },
    async catchUp(learn) {
      const tx = db.transaction(['profile', 'events'], 'readwrite');
      const profile = tx.objectStore('profile');
      const events = tx.objectStore('events');
      const stored = await profile.get('vector');
      let unapplied = await eventsAfter(events, stored?.appliedThrough);
      let vector: SerializedVector;
      try {
        vector = learn(stored?.vector, unapplied.events);
      } catch (error) {
        // A RangeError is an older version, rebuilt as a matter of course; anything else is damage worth a word.
        if (!(error instanceof RangeError)) {
          warn(__DEV__ ? 'the stored profile was unreadable; rebuilt it from the stored interactions' : 'rebuilt the stored profile');
        }
        unapplied = await eventsAfter(events);
        vector = learn(undefined, unapplied.events);
      }
      await Promise.all([profile.put({ appliedThrough: unapplied.last, vector }, 'vector'), trim(events), tx.done]);
    },
    async forget(feature, learn) {
      const tx = db.transaction(['profile', 'events'], 'readwrite');
      const events = tx.objectStore('events');
      for (let cursor = await events.openCursor(); cursor; cursor = await cursor.continue()) {
        const { features, item, ...rest } = cursor.value;
        // The item goes too: with a model, which items were chosen would keep the forgotten interest alive.
        if (features.includes(feature)) await cursor.update({ ...rest, features: features.filter((kept) => kept !== feature) });
      }
      const all = await eventsAfter(events);
      await Promise.all([tx.objectStore('profile').put({ appliedThrough: all.last, vector: learn(undefined, all.events) }, 'vector'), tx.done]);
    },
    async keepSetting(setting, value) {
      const tx = db.transaction('meta', 'readwrite');
      await Promise.all([value ? tx.store.put(value as { at: number }, setting) : tx.store.delete(setting), tx.done]);
    },
    async readAll() {
      const tx = db.transaction(['events', 'meta']);
      const meta = tx.objectStore('meta');
      const [events, consent, report] = await Promise.all([tx.objectStore('events').getAll(), meta.get('consent'), meta.get('report')]);
      return { events, grantedAt: consent?.at, lastReport: report?.at };
    },
    async recordVisitorGrant(at) {
      const tx = db.transaction('meta', 'readwrite');
      await Promise.all([tx.store.put({ state: 'granted', at, by: 'visitor' }, 'consent'), tx.done]);
    },
    async lastReport() {
      return (await db.transaction('meta').store.get('report'))?.at;
    },
    async recordReport(at) {
      const tx = db.transaction('meta', 'readwrite');
      await Promise.all([tx.store.put({ at }, 'report'), tx.done]);
    },
    close: () => db.close(),
  };
}
