import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, vi } from 'vitest';
import { createAttune, type Attune, type AttuneOptions } from 'attune';

export const DAY = 86_400_000;
/** A Tuesday at 09:00 local time: a weekday morning. */
export const MONDAY_MORNING = new Date(2026, 10, 24, 9, 0).getTime();

/** A fresh, private IndexedDB per test, as a new visitor's browser would have. */
export function freshIndexedDB(): IDBFactory {
  return new IDBFactory();
}

export function open(indexedDB: IDBFactory, options: AttuneOptions = {}) {
  return createAttune({
    namespace: 'test',
    consent: 'granted',
    autoTrack: false,
    ...options,
    environment: { indexedDB, ...options.environment },
  });
}

/** Reads every stored event straight from IndexedDB, without the SDK. */
export function storedEvents(indexedDB: IDBFactory, namespace = 'test'): Promise<unknown[]> {
  return readAll(indexedDB, 'events', namespace);
}

/** Reads every record of one object store straight from IndexedDB, without the SDK. */
export async function readAll(indexedDB: IDBFactory, store: string, namespace = 'test'): Promise<unknown[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(`attune:${namespace}`);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    return await new Promise((resolve, reject) => {
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

export async function databaseNames(indexedDB: IDBFactory): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name ?? '');
}

/**
 * For tests of an instance in the page: the page is emptied before each test;
 * after it, the instance `current()` returns is closed (again, harmlessly, if
 * the test made none) and mocks are restored.
 */
export function inPage(current: () => Attune | undefined): void {
  beforeEach(() => {
    document.body.replaceChildren();
  });
  afterEach(async () => {
    await current()?.close();
    vi.restoreAllMocks();
  });
}
