import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createAttune, type Attune } from 'attune';
import { databaseNames, freshIndexedDB, open, storedEvents } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

/** The states `status` passes through, from the `attune:status` events. */
function recordStatuses(): string[] {
  const seen: string[] = [];
  const listener = (event: Event) => seen.push((event as CustomEvent<{ status: string }>).detail.status);
  document.addEventListener('attune:status', listener);
  afterEach(() => document.removeEventListener('attune:status', listener));
  return seen;
}

describe('storage states', () => {
  it('awaiting consent, opening, open, erased, and open again on a grant, each announced', async () => {
    const seen = recordStatuses();
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { consent: 'required' });
    expect(attune.status).toBe('awaiting-consent');
    await attune.consent.grant();
    await attune.erase();
    await attune.consent.grant();
    expect(seen).toEqual(['opening', 'indexeddb', 'erased', 'opening', 'indexeddb']);
    await attune.close();
  });

  it('storage full: fallback while writes fail, indexeddb again once one lands', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB);
    const add = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    attune.track('click', { item: 'a1', features: ['topic:tennis'] });
    await expect(attune.flush()).rejects.toThrow('The quota has been exceeded.');
    expect(attune.status).toBe('fallback');
    add.mockRestore();
    await attune.flush();
    expect(attune.status).toBe('indexeddb');
    expect(await storedEvents(indexedDB)).toHaveLength(1);
    await attune.close();
  });

  it('grant() and deny() in the same tick: denied and erased, no database, and a later grant opens it', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { consent: 'required' });
    attune.track('click', { features: ['topic:tennis'] });
    await Promise.all([attune.consent.grant(), attune.consent.deny()]);
    expect([attune.status, attune.consent.state]).toEqual(['erased', 'denied']);
    expect(await databaseNames(indexedDB)).toEqual([]);
    await attune.consent.grant();
    expect([attune.status, attune.consent.state]).toEqual(['indexeddb', 'granted']);
    await attune.close();
  });

  it('a window.indexedDB getter that throws means no IndexedDB (memory, as chosen), not a failed start', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('indexedDB', undefined);
    Object.defineProperty(globalThis, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const attune = await createAttune({ consent: 'granted', autoTrack: false });
    expect(attune.status).toBe('memory');
    attune.track('click', { features: ['topic:tennis'] });
    await attune.close();
  });

  it('environment.indexedDB alone is enough, without the IndexedDB globals (Node)', async () => {
    for (const name of ['IDBRequest', 'IDBKeyRange', 'IDBCursor', 'IDBTransaction', 'IDBDatabase', 'IDBObjectStore', 'indexedDB']) {
      vi.stubGlobal(name, undefined);
    }
    const indexedDB = new IDBFactory();
    const attune = await open(indexedDB);
    attune.track('click', { features: ['topic:tennis'] });
    await attune.flush();
    await attune.forget('topic:tennis');
    expect(attune.status).toBe('indexeddb');
    await attune.close();
    vi.unstubAllGlobals();
    expect(await storedEvents(indexedDB)).toHaveLength(1);
  });
});

describe('an erase in another tab', () => {
  /** Two tabs of one site: instances on the page's own IndexedDB, which the site's tabs share. */
  async function twoTabs(consent: 'granted' | 'required'): Promise<[Attune, Attune]> {
    vi.stubGlobal('indexedDB', freshIndexedDB());
    const tab = () => createAttune({ namespace: 'tabs', consent, autoTrack: false });
    return [await tab(), await tab()];
  }

  it('reaches a tab awaiting consent, which forgets what it learned in memory', async () => {
    const [erasing, waiting] = await twoTabs('required');
    waiting.track('click', { features: ['topic:tennis'] });
    await erasing.erase();
    await vi.waitFor(() => expect(waiting.status).toBe('erased'));
    expect(waiting.profile()).toEqual([]);
    await Promise.all([erasing.close(), waiting.close()]);
  });

  it("leaves the site's own consent void in the erasing tab for the rest of its session", async () => {
    const [erasing, other] = await twoTabs('granted');
    await erasing.erase();
    await Promise.all([erasing.close(), other.close()]);
    const nextPage = await createAttune({ namespace: 'tabs', consent: 'granted', autoTrack: false });
    expect([nextPage.status, nextPage.consent.state]).toEqual(['awaiting-consent', 'required']);
    await nextPage.consent.grant();
    expect(nextPage.status).toBe('indexeddb');
    await nextPage.close();
  });
});
