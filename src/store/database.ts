import { wrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { Interaction } from '../types';
import type { Config } from '../options';
import type { SerializedVector } from '../profile/preference-vector';

/**
 * Schema history (bump SCHEMA_VERSION and add a step to `upgrade` for each change):
 * 1. `events` (auto-increment key, index `at`) and `profile` (key `vector`: a {@link StoredProfile}).
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
}

type EventStore<Mode extends IDBTransactionMode = IDBTransactionMode> = IDBPObjectStore<
  AttuneSchema,
  ArrayLike<'events' | 'profile'>,
  'events',
  Mode
>;

export function databaseName(namespace: string): string {
  return `attune:${namespace}`;
}

/** Whether this origin already has Attune's database, without creating it. */
export async function databaseExists(factory: IDBFactory, namespace: string): Promise<boolean> {
  const name = databaseName(namespace);
  return (await factory.databases?.())?.some((info) => info.name === name) ?? false;
}

/**
 * The visitor's interactions and profile in IndexedDB. Each batch of
 * interactions is appended in one write-only transaction; the profile is then
 * brought up to date from the log in another, so batches from several tabs add
 * up instead of overwriting each other.
 */
export class InteractionStore {
  private constructor(
    /** @internal */ readonly _db: IDBPDatabase<AttuneSchema>,
    /** @internal */ readonly _caps: Pick<Config, 'maxEvents' | 'maxEventAge' | 'now'>,
  ) {}

  static async open(
    config: Pick<Config, 'indexedDB' | 'namespace' | 'maxEvents' | 'maxEventAge' | 'now'>,
  ): Promise<InteractionStore> {
    const request = config.indexedDB!.open(databaseName(config.namespace), SCHEMA_VERSION);
    request.onupgradeneeded = ({ oldVersion }) => {
      const db = request.result;
      if (oldVersion < 1) {
        db.createObjectStore('events', { autoIncrement: true }).createIndex('at', 'at');
        db.createObjectStore('profile');
      }
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('IndexedDB did not open in time')), OPEN_TIMEOUT_MS);
    });
    try {
      const db = (await Promise.race([wrap(request), timeout])) as unknown as IDBPDatabase<AttuneSchema>;
      // Let a newer version of the SDK in another tab upgrade the schema.
      db.addEventListener('versionchange', () => db.close());
      return new InteractionStore(db, config);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The stored vector (unchecked: it may be corrupt) and the events it does not hold yet. */
  async readProfile(): Promise<{ vector: unknown; events: Interaction[] }> {
    const tx = this._db.transaction(['profile', 'events']);
    const stored = await tx.objectStore('profile').get('vector');
    const { events } = await this._eventsAfter(tx.objectStore('events'), stored?.appliedThrough);
    return { vector: stored?.vector, events };
  }

  /** Every stored event, oldest first: the source a profile can be rebuilt from. */
  async readEvents(): Promise<Interaction[]> {
    return (await this._eventsAfter(this._db.transaction('events').store)).events;
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
   * the event log to its caps, all in one transaction.
   */
  async catchUp(learn: (stored: unknown, events: Interaction[]) => SerializedVector): Promise<void> {
    const tx = this._db.transaction(['profile', 'events'], 'readwrite');
    const profile = tx.objectStore('profile');
    const events = tx.objectStore('events');
    const stored = await profile.get('vector');
    let unapplied = await this._eventsAfter(events, stored?.appliedThrough);
    let vector: SerializedVector;
    try {
      vector = learn(stored?.vector, unapplied.events);
    } catch {
      // The stored vector is unreadable: rebuild it from the whole log.
      unapplied = await this._eventsAfter(events);
      vector = learn(undefined, unapplied.events);
    }
    await Promise.all([profile.put({ appliedThrough: unapplied.last, vector }, 'vector'), this._trim(events), tx.done]);
  }

  close(): void {
    this._db.close();
  }

  /** @internal Events with a key after `from`, oldest first, and the last key. */
  async _eventsAfter(events: EventStore, from = 0): Promise<{ events: Interaction[]; last: number }> {
    const found: Interaction[] = [];
    let last = from;
    for (let cursor = await events.openCursor(IDBKeyRange.lowerBound(from, true)); cursor; cursor = await cursor.continue()) {
      found.push(cursor.value);
      last = cursor.key;
    }
    return { events: found, last };
  }

  /** @internal Drops the oldest events beyond the count cap and any older than the age cap. */
  async _trim(events: EventStore<'readwrite'>): Promise<void> {
    const { maxEvents, maxEventAge, now } = this._caps;
    let excess = (await events.count()) - maxEvents;
    const cutoff = now() - maxEventAge;
    let cursor = await events.index('at').openCursor();
    while (cursor && (excess > 0 || cursor.key < cutoff)) {
      await cursor.delete();
      excess--;
      cursor = await cursor.continue();
    }
  }
}
