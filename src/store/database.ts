import { wrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { Interaction } from '../types';
import type { SerializedVector } from '../profile/preference-vector';

/**
 * Schema history (bump SCHEMA_VERSION and add a step to `upgrade` for each change):
 * 1. `events` (auto-increment key, index `at`), `profile` (key `vector`:
 *    a {@link StoredProfile}), `meta` (key `consent`).
 */
const SCHEMA_VERSION = 1;
/** A database that neither opens nor fails in this time is treated as unavailable. */
const OPEN_TIMEOUT_MS = 3000;

/**
 * The profile is a cache of the event log: it holds every event up to
 * `appliedThrough` (an event key). Events after it, written by a page that
 * closed before it could update the profile, or by another tab, are folded in
 * on the next read, so no stored event is ever missing from the profile.
 */
interface StoredProfile {
  appliedThrough: number;
  vector: SerializedVector;
}

interface AttuneSchema extends DBSchema {
  events: { key: number; value: Interaction; indexes: { at: number } };
  profile: { key: string; value: StoredProfile };
  meta: { key: string; value: { state: 'granted'; at: number } };
}

export function databaseName(namespace: string): string {
  return `attune:${namespace}`;
}

function upgrade(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('events', { autoIncrement: true }).createIndex('at', 'at');
    db.createObjectStore('profile');
    db.createObjectStore('meta');
  }
}

/** Whether this origin already has Attune's database, without creating it. */
export async function databaseExists(factory: IDBFactory, namespace: string): Promise<boolean> {
  if (typeof factory.databases !== 'function') return false;
  const name = databaseName(namespace);
  return (await factory.databases()).some((info) => info.name === name);
}

/**
 * The visitor's interactions and profile in IndexedDB. Each batch is one
 * read-write transaction: the events are added, the stored profile is read,
 * merged with the batch and written back (so batches from several tabs add up
 * instead of overwriting each other), and the event log is trimmed to its caps.
 */
export class InteractionStore {
  private constructor(
    /** @internal */ readonly _db: IDBPDatabase<AttuneSchema>,
    /** @internal */ readonly _maxEvents: number,
    /** @internal */ readonly _maxEventAgeMs: number,
  ) {}

  static async open(
    factory: IDBFactory,
    namespace: string,
    caps: { maxEvents: number; maxEventAgeMs: number },
  ): Promise<InteractionStore> {
    const request = factory.open(databaseName(namespace), SCHEMA_VERSION);
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`IndexedDB did not open within ${OPEN_TIMEOUT_MS} ms`)), OPEN_TIMEOUT_MS);
    });
    try {
      const db = (await Promise.race([wrap(request), timeout])) as unknown as IDBPDatabase<AttuneSchema>;
      // Let a newer version of the SDK in another tab upgrade the schema.
      db.addEventListener('versionchange', () => db.close());
      return new InteractionStore(db, caps.maxEvents, caps.maxEventAgeMs);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The stored vector (unchecked: it may be corrupt) and the events it does not hold yet. */
  async readProfile(): Promise<{ vector: unknown; events: Interaction[] }> {
    const tx = this._db.transaction(['profile', 'events']);
    const stored = await tx.objectStore('profile').get('vector');
    const { events } = await this._eventsAfter(tx.objectStore('events'), stored?.appliedThrough ?? 0);
    return { vector: stored?.vector, events };
  }

  /** Every stored event, oldest first: the source a profile can be rebuilt from. */
  async readEvents(): Promise<Interaction[]> {
    return (await this._eventsAfter(this._db.transaction('events').store, 0)).events;
  }

  async hasConsent(): Promise<boolean> {
    return (await this._db.get('meta', 'consent'))?.state === 'granted';
  }

  /** Records that the visitor agreed to storage, so later page views need not ask again. */
  recordConsent(at: number): Promise<unknown> {
    return this._db.put('meta', { state: 'granted', at }, 'consent');
  }

  /**
   * Adds a batch of events in one write-only transaction, committed at once:
   * the smallest write, so it still lands when the page is being left.
   */
  async append(batch: readonly Interaction[]): Promise<void> {
    const tx = this._db.transaction('events', 'readwrite');
    const writes = batch.map((interaction) => tx.store.add(interaction));
    tx.commit?.();
    await Promise.all([...writes, tx.done]);
  }

  /**
   * Folds the events the stored profile does not hold yet (this tab's last
   * batch and any other tab's) into it with `learn`, writes it back, and trims
   * the event log to its caps, in one transaction. Returns the vector written.
   */
  async catchUp(learn: (stored: unknown, events: Interaction[]) => SerializedVector, now: number): Promise<SerializedVector> {
    const tx = this._db.transaction(['profile', 'events'], 'readwrite');
    const profile = tx.objectStore('profile');
    const stored = await profile.get('vector');
    const events = tx.objectStore('events');
    let { events: unapplied, last } = await this._eventsAfter(events, stored?.appliedThrough ?? 0);
    let vector: SerializedVector;
    try {
      vector = learn(stored?.vector, unapplied);
    } catch {
      // The stored vector is unreadable: rebuild it from the whole log.
      ({ events: unapplied, last } = await this._eventsAfter(events, 0));
      vector = learn(undefined, unapplied);
    }
    await Promise.all([profile.put({ appliedThrough: last, vector }, 'vector'), this._trim(events, now), tx.done]);
    return vector;
  }

  /** @internal Events with a key after `from`, oldest first, and the last key. */
  async _eventsAfter(
    events: IDBPObjectStore<AttuneSchema, ArrayLike<'events' | 'profile'>, 'events', IDBTransactionMode>,
    from: number,
  ): Promise<{ events: Interaction[]; last: number }> {
    const found: Interaction[] = [];
    let last = from;
    for (let cursor = await events.openCursor(IDBKeyRange.lowerBound(from, true)); cursor; cursor = await cursor.continue()) {
      found.push(cursor.value);
      last = cursor.key;
    }
    return { events: found, last };
  }

  close(): void {
    this._db.close();
  }

  /** @internal Drops the oldest events beyond the count cap and any older than the age cap. */
  async _trim(
    events: IDBPObjectStore<AttuneSchema, ('events' | 'profile')[], 'events', 'readwrite'>,
    now: number,
  ): Promise<void> {
    let excess = (await events.count()) - this._maxEvents;
    const cutoff = now - this._maxEventAgeMs;
    let cursor = await events.index('at').openCursor();
    while (cursor && (excess > 0 || cursor.key < cutoff)) {
      await cursor.delete();
      excess--;
      cursor = await cursor.continue();
    }
  }
}
