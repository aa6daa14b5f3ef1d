import { wrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { Interaction } from '../types';
import type { SerializedVector } from '../profile/preference-vector';

/**
 * Schema history (bump SCHEMA_VERSION and add a step to `upgrade` for each change):
 * 1. `events` (auto-increment key, index `at`), `profile` (key `vector`), `meta`.
 */
const SCHEMA_VERSION = 1;
/** A database that neither opens nor fails in this time is treated as unavailable. */
const OPEN_TIMEOUT_MS = 3000;

interface AttuneSchema extends DBSchema {
  events: { key: number; value: Interaction; indexes: { at: number } };
  profile: { key: string; value: SerializedVector };
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

  readProfile(): Promise<unknown> {
    return this._db.get('profile', 'vector');
  }

  writeProfile(vector: SerializedVector): Promise<unknown> {
    return this._db.put('profile', vector, 'vector');
  }

  readEvents(): Promise<Interaction[]> {
    return this._db.getAllFromIndex('events', 'at');
  }

  async hasConsent(): Promise<boolean> {
    return (await this._db.get('meta', 'consent'))?.state === 'granted';
  }

  /** Records that the visitor agreed to storage, so later page views need not ask again. */
  recordConsent(at: number): Promise<unknown> {
    return this._db.put('meta', { state: 'granted', at }, 'consent');
  }

  async commit(batch: readonly Interaction[], merge: (stored: unknown) => SerializedVector, now: number): Promise<void> {
    const tx = this._db.transaction(['events', 'profile'], 'readwrite');
    const events = tx.objectStore('events');
    const profile = tx.objectStore('profile');
    const writes: Promise<unknown>[] = batch.map((interaction) => events.add(interaction));
    writes.push(
      profile.get('vector').then((stored) => {
        try {
          return profile.put(merge(stored), 'vector');
        } catch (error) {
          tx.abort();
          throw error;
        }
      }),
    );
    writes.push(this._trim(events, now));
    // A failed request aborts the whole transaction, so a batch is stored entirely or not at all.
    await Promise.all([...writes, tx.done]);
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
