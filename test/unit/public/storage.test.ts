import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttune } from 'attune';
import { DAY, databaseNames, freshIndexedDB, open, readAll, storedEvents } from './helpers';

afterEach(() => vi.restoreAllMocks());

describe('storage', () => {
  it('keeps the profile across a reload (a new instance on the same database)', async () => {
    const indexedDB = freshIndexedDB();
    const first = await open(indexedDB);
    expect(first.status).toBe('indexeddb');
    first.track('click', { item: 'a1', features: ['topic:tennis'] });
    first.like('a2', { features: ['topic:tennis', 'author:jane'] });
    await first.close();

    const second = await open(indexedDB);
    const learned = second.profile().map((f) => f.feature);
    expect(learned).toEqual(['topic:tennis', 'author:jane']);
    expect(await storedEvents(indexedDB)).toHaveLength(2);
    await second.close();
  });

  it('writes a burst of interactions in one transaction', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB);
    const add = vi.spyOn(IDBObjectStore.prototype, 'add');
    for (let i = 0; i < 50; i++) attune.track('click', { item: `a${i}`, features: ['topic:tennis'] });
    await attune.flush();
    expect(add).toHaveBeenCalledTimes(50);
    expect(new Set(add.mock.contexts.map((store) => (store as IDBObjectStore).transaction)).size).toBe(1);
    expect(await storedEvents(indexedDB)).toHaveLength(50);
    await attune.close();
  });

  it('stores on its own after a short delay, without flush()', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB);
    attune.track('click', { item: 'a1', features: ['topic:tennis'] });
    await vi.waitFor(async () => expect(await storedEvents(indexedDB)).toHaveLength(1), { timeout: 3000 });
    await attune.close();
  });

  it('keeps a batch the browser refused (storage full) and stores it on the next try', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB);
    const add = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementationOnce(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    attune.track('click', { item: 'a1', features: ['topic:tennis'] });
    attune.track('click', { item: 'a2', features: ['topic:tennis'] });
    await expect(attune.flush()).rejects.toThrow('The quota has been exceeded.');
    expect(await storedEvents(indexedDB)).toHaveLength(0);
    add.mockRestore();
    await attune.flush();
    expect(((await storedEvents(indexedDB)) as { item: string }[]).map((e) => e.item)).toEqual(['a1', 'a2']);
    await attune.close();
  });

  it('caps the event log, dropping the oldest', async () => {
    const indexedDB = freshIndexedDB();
    const now = 1000 * DAY;
    const attune = await open(indexedDB, { maxEvents: 20, environment: { now: () => now } });
    for (let i = 0; i < 30; i++) attune.track('click', { item: `a${i}`, features: ['topic:x'], at: now - (30 - i) * 1000 });
    await attune.flush();
    const events = (await storedEvents(indexedDB)) as { item: string }[];
    expect(events).toHaveLength(20);
    expect(events.map((e) => e.item)).not.toContain('a9');
    expect(events.map((e) => e.item)).toContain('a10');
    await attune.close();
  });

  it('drops events older than maxEventAge', async () => {
    const indexedDB = freshIndexedDB();
    const now = 1000 * DAY;
    const attune = await open(indexedDB, { maxEventAge: '30d', environment: { now: () => now } });
    attune.track('click', { item: 'old', features: ['topic:x'], at: now - 31 * DAY });
    attune.track('click', { item: 'new', features: ['topic:x'], at: now - 29 * DAY });
    await attune.flush();
    expect(((await storedEvents(indexedDB)) as { item: string }[]).map((e) => e.item)).toEqual(['new']);
    await attune.close();
  });

  it('caps the number of learned features', async () => {
    const attune = await createAttune({ storage: 'memory', maxFeatures: 100 });
    for (let i = 0; i < 1000; i++) attune.track('click', { features: [`tag:${i}`] });
    expect(attune.profile().length).toBeLessThanOrEqual(100);
  });

  it('merges batches from two tabs instead of overwriting', async () => {
    const indexedDB = freshIndexedDB();
    const tabA = await open(indexedDB);
    const tabB = await open(indexedDB);
    tabA.track('click', { features: ['topic:tennis'] });
    tabB.track('click', { features: ['topic:golf'] });
    await tabA.flush();
    await tabB.flush();
    expect(tabB.profile().map((f) => f.feature).sort()).toEqual(['topic:golf', 'topic:tennis']);
    await Promise.all([tabA.close(), tabB.close()]);
    const reloaded = await open(indexedDB);
    expect(reloaded.profile()).toHaveLength(2);
    await reloaded.close();
  });

  it('learns at start what a closed page stored without bringing the profile up to date', async () => {
    const indexedDB = freshIndexedDB();
    const first = await open(indexedDB);
    first.track('click', { features: ['topic:tennis'] });
    await first.close();
    // A page closed after storing two clicks, before its catch-up folded them into the stored profile.
    const golf = { type: 'click', features: ['topic:golf'], context: {}, at: Date.now() };
    await addEvents(indexedDB, [golf, golf]);
    // This page view's catch-up fails, so the profile holds only what the start-up read found.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const second = await open(indexedDB);
    await vi.waitFor(() => expect(console.warn).toHaveBeenCalledWith('[attune] could not store the profile: The quota has been exceeded.'));
    expect(second.profile().map((f) => f.feature)).toEqual(['topic:golf', 'topic:tennis']);
    put.mockRestore();
    await second.close();
  });

  it('writes nothing until the slots are ordered, so no write holds back a read they wait for', async () => {
    const indexedDB = freshIndexedDB();
    const first = await open(indexedDB);
    for (let i = 0; i < 6; i++) first.track('click', { item: `x${i}`, features: ['topic:tennis'] });
    await first.close();
    // Whether the slot was ordered and shown when each write began: the catch-up writes the profile back at every start.
    const orderedAtWrite: boolean[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, stores, mode, options) {
      if (mode === 'readwrite') orderedAtWrite.push(document.querySelector('[data-attune-ready]') !== null);
      return transaction.call(this, stores, mode, options);
    });
    const starting = open(indexedDB, { autoApply: true, strength: 1 });
    // Parsed after the script started, as a slot below a script tag in <head> is: it waits for the profile.
    document.body.innerHTML = '<ul data-attune-slot="home"><li data-attune-item="g1" data-attune-features="topic:golf">Golf</li><li data-attune-item="t1" data-attune-features="topic:tennis">Tennis</li></ul>';
    const slot = document.querySelector('[data-attune-slot]')!;
    const second = await starting;
    await second.flush();
    expect(slot.firstElementChild!.getAttribute('data-attune-item')).toBe('t1');
    expect(orderedAtWrite.length).toBeGreaterThan(0);
    expect(orderedAtWrite).not.toContain(false);
    await second.close();
    document.body.innerHTML = '';
  });

  it('learns in memory where there is no IndexedDB at all, as in Node, and says so once, in one line', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('indexedDB', undefined);
    const attune = await createAttune({ consent: 'granted' });
    const second = await createAttune({});
    const chosen = await createAttune({ storage: 'memory' });
    vi.unstubAllGlobals();
    expect([attune.status, second.status, chosen.status]).toEqual(['memory', 'memory', 'memory']);
    attune.track('click', { features: ['topic:tennis'] });
    expect(attune.profile()[0]?.feature).toBe('topic:tennis');
    await expect(attune.flush()).resolves.toBeUndefined();
    await attune.erase();
    expect(attune.status).toBe('memory');
    // Printed once per page view or process: the instances after the first say nothing.
    expect(warn.mock.calls.filter(([line]) => String(line).includes('IndexedDB'))).toEqual([
      ["[attune] no IndexedDB here (as in Node), so learning in memory only (storage: 'memory' chooses that without this note)"],
    ]);
    await Promise.all([attune, second, chosen].map((instance) => instance.close()));
  });

  it('learns in memory where opening IndexedDB throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const blocked = {
      open: () => {
        throw new DOMException('The user denied permission', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const attune = await createAttune({ consent: 'granted', environment: { indexedDB: blocked } });
    expect(attune.status).toBe('fallback');
    attune.track('click', { features: ['topic:tennis'] });
    expect(attune.profile()[0]?.feature).toBe('topic:tennis');
    expect(warn).toHaveBeenCalledWith('[attune] storage is unavailable; learning for this page view only: The user denied permission');
    await attune.close();
  });

  /** Appends events to the log straight through IndexedDB, as a page of the site did. */
  function addEvents(indexedDB: IDBFactory, events: object[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('attune:test');
      request.onsuccess = () => {
        const tx = request.result.transaction('events', 'readwrite');
        for (const event of events) tx.objectStore('events').add(event);
        tx.oncomplete = () => {
          request.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
  }

  /** Overwrites the stored profile record, as damage or an older version would leave it. */
  function storeProfile(indexedDB: IDBFactory, vector: unknown): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('attune:test');
      request.onsuccess = () => {
        const tx = request.result.transaction('profile', 'readwrite');
        tx.objectStore('profile').put({ appliedThrough: 1, vector }, 'vector');
        tx.oncomplete = () => {
          request.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
  }

  /** A database holding one click on a tennis item, under a stored profile that is damaged. */
  async function tennisClickUnderACorruptProfile(): Promise<IDBFactory> {
    const indexedDB = freshIndexedDB();
    const first = await open(indexedDB);
    first.track('click', { features: ['topic:tennis'] });
    await first.close();
    await storeProfile(indexedDB, { version: 3, features: 'garbage', mass: [], items: [], shown: [], clicked: [] });
    return indexedDB;
  }

  it('rebuilds a corrupt stored profile from the stored events', async () => {
    const indexedDB = await tennisClickUnderACorruptProfile();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const second = await open(indexedDB);
    expect(second.profile()[0]?.feature).toBe('topic:tennis');
    expect(warn).toHaveBeenCalledWith(
      '[attune] dropped unreadable records from storage: the profile (rebuilt from the interactions); learning goes on from the rest',
    );
    await second.close();
  });

  it('keeps a click made on the page while a corrupt stored profile is being rebuilt', async () => {
    const indexedDB = await tennisClickUnderACorruptProfile();
    document.body.innerHTML = '<ul><li data-attune-item="g1" data-attune-features="topic:golf">Golf</li></ul>';
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // The visitor clicks just as the rebuild reads the whole log: the third read of the events, after
    // the start-up read and the catch-up's, both from the key the stored profile names.
    const openCursor = IDBObjectStore.prototype.openCursor;
    const reads = vi.spyOn(IDBObjectStore.prototype, 'openCursor').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'events' && reads.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'events').length === 3) {
        document.querySelector('li')!.click();
      }
      return openCursor.apply(this, args);
    });
    const second = await open(indexedDB, { autoTrack: true });
    expect(reads.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'events').length).toBeGreaterThanOrEqual(3);
    await second.flush();
    expect((await storedEvents(indexedDB)).map((event) => (event as { features: string[] }).features)).toEqual([['topic:tennis'], ['topic:golf']]);
    expect(second.profile().map(({ feature }) => feature).sort()).toEqual(['topic:golf', 'topic:tennis']);
    await second.close();
    document.body.innerHTML = '';
  });

  it('rebuilds a profile of version 1 from the stored events, without a warning', async () => {
    const indexedDB = freshIndexedDB();
    const first = await open(indexedDB);
    first.track('click', { item: 'a1', features: ['topic:tennis'] });
    await first.close();
    await storeProfile(indexedDB, { version: 1, features: [['topic:golf', 1, 0]], mass: [['', 1, 0]] });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const second = await open(indexedDB);
    expect(second.profile().map(({ feature }) => feature)).toEqual(['topic:tennis']);
    expect(warn).not.toHaveBeenCalled();
    await second.close();
  });
});

describe('consent', () => {
  it('opens storage once when consent is granted twice at the same time', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { consent: 'required' });
    const opens = vi.spyOn(indexedDB, 'open');
    attune.track('click', { features: ['topic:tennis'] });
    await Promise.all([attune.consent.grant(), attune.consent.grant()]);
    expect(opens.mock.calls.filter(([name]) => name === 'attune:test')).toHaveLength(1);
    expect(await storedEvents(indexedDB)).toHaveLength(1);
    await attune.close();
  });

  it('erases what a grant under way was storing, and stores nothing after the erase', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { consent: 'required' });
    attune.track('click', { features: ['topic:tennis'] });
    const granting = attune.consent.grant();
    await attune.erase();
    await granting;
    expect(attune.profile()).toEqual([]);
    expect(attune.status).toBe('erased');
    attune.track('click', { features: ['topic:golf'] });
    await attune.flush();
    expect(await databaseNames(indexedDB)).toEqual([]);
    expect((await attune.export()).interactions.map(({ features }) => features)).toEqual([['topic:golf']]);
    await attune.close();
  });

  it("keeps a visitor's pause across an erase, and offers the page only the visitor's side of consent", async () => {
    const attune = await open(freshIndexedDB());
    await attune.pause();
    await attune.erase();
    expect(attune.paused).toBe(true);
    expect(Object.keys(attune.consent)).toEqual(['state', 'grant', 'deny']);
    await attune.close();
  });

  it('finds an earlier grant where the browser cannot list its databases, and creates nothing otherwise', async () => {
    const indexedDB = freshIndexedDB();
    await (await open(indexedDB, { consent: 'granted' })).close();
    const withoutList = (factory: IDBFactory) =>
      ({ open: factory.open.bind(factory), deleteDatabase: factory.deleteDatabase.bind(factory), cmp: factory.cmp.bind(factory) }) as IDBFactory;

    const returning = await open(withoutList(indexedDB), { consent: 'required' });
    expect(returning.status).toBe('indexeddb');
    await returning.close();

    const elsewhere = freshIndexedDB();
    const newcomer = await open(withoutList(elsewhere), { consent: 'required' });
    expect(newcomer.status).toBe('awaiting-consent');
    await newcomer.close();
    expect(await databaseNames(elsewhere)).toEqual([]);
  });

  it("stores nothing, not even an empty database, before consent when consent is 'required'", async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { consent: 'required' });
    expect(attune.status).toBe('awaiting-consent');
    expect(attune.consent.state).toBe('required');
    attune.track('click', { features: ['topic:tennis'] });
    await attune.flush();
    expect(await databaseNames(indexedDB)).toEqual([]);
    // Personalization still works for this page view.
    expect(attune.profile()[0]?.feature).toBe('topic:tennis');
    await attune.close();
    expect(await databaseNames(indexedDB)).toEqual([]);
  });

  it('writes what the page view learned once consent is granted, and remembers the grant', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { consent: 'required', environment: { now: () => 1_700_000_000_000 } });
    attune.track('click', { features: ['topic:tennis'] });
    await attune.consent.grant();
    expect(attune.consent.state).toBe('granted');
    expect(attune.status).toBe('indexeddb');
    expect(await storedEvents(indexedDB)).toHaveLength(1);
    expect(await readAll(indexedDB, 'meta')).toEqual([{ state: 'granted', at: 1_700_000_000_000, by: 'visitor' }]);
    await attune.close();

    // The database exists only after a grant, so the next page view needs no new one.
    const nextPage = await open(indexedDB, { consent: 'required' });
    expect(nextPage.consent.state).toBe('granted');
    expect(nextPage.profile()[0]?.feature).toBe('topic:tennis');
    await nextPage.close();
  });
});

describe('export and erase', () => {
  it('exports everything kept, stored or not yet, as versioned JSON', async () => {
    const indexedDB = freshIndexedDB();
    const now = 1_700_000_000_000;
    const attune = await open(indexedDB, { environment: { now: () => now } });
    attune.track('click', { item: 'a1', features: ['topic:tennis'] });
    await attune.flush();
    attune.like('a2', { features: ['topic:golf'] });
    const exported = await attune.export();
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
    expect(exported).toMatchObject({
      format: 'attune-export',
      version: 1,
      exportedAt: new Date(now).toISOString(),
      namespace: 'test',
      consent: { state: 'granted', status: 'indexeddb', grantedAt: now },
      settings: { strength: 0.5, maxEvents: 5000 },
    });
    expect(exported.interactions.map((interaction) => [interaction.type, interaction.item])).toEqual([
      ['click', 'a1'],
      ['like', 'a2'],
    ]);
    expect(exported.profile.map(({ feature }) => feature)).toEqual(['topic:golf', 'topic:tennis']);
    await attune.close();
  });

  it('erases the database and memory, stores nothing more until a new grant, and leaves a new instance empty', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB);
    const otherTab = await open(indexedDB);
    attune.track('click', { item: 'a1', features: ['topic:tennis'] });
    await attune.flush();

    await attune.erase();
    expect(await databaseNames(indexedDB)).toEqual([]);
    expect(attune.profile()).toEqual([]);
    expect((await attune.export()).interactions).toEqual([]);
    expect([attune.status, attune.consent.state]).toEqual(['erased', 'required']);
    // The other tab's connection heard the deletion: it forgets too, and stores nothing.
    otherTab.track('click', { item: 'a3', features: ['topic:golf'] });
    expect([otherTab.status, otherTab.consent.state]).toEqual(['erased', 'required']);
    expect(otherTab.profile().map(({ feature }) => feature)).toEqual(['topic:golf']);
    await otherTab.flush();

    attune.track('click', { item: 'a2', features: ['topic:golf'] });
    await attune.flush();
    expect(await databaseNames(indexedDB)).toEqual([]);
    await Promise.all([attune.close(), otherTab.close()]);

    const next = await open(indexedDB, { consent: 'required' });
    expect(next.profile()).toEqual([]);
    expect(next.status).toBe('awaiting-consent');
    await next.close();
  });
});

describe('sensitive categories', () => {
  it('never learns or stores a feature in a sensitive category', async () => {
    const indexedDB = freshIndexedDB();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const attune = await open(indexedDB);
    attune.track('click', {
      item: 'a1',
      features: ['topic:health', 'health:diabetes', 'topic:Religion', 'topic:health-insurance', 'topic:healthy-recipes'],
    });
    await attune.flush();
    expect(attune.profile().map(({ feature }) => feature)).toEqual(['topic:healthy-recipes']);
    expect(((await storedEvents(indexedDB)) as { features: string[] }[])[0]!.features).toEqual(['topic:healthy-recipes']);
    expect(warn).toHaveBeenCalledWith(
      '[attune] features in a sensitive category are never learned: topic:health health:diabetes topic:Religion topic:health-insurance',
    );
    await attune.close();
  });

  it('takes the site’s own list of categories', async () => {
    const attune = await createAttune({ storage: 'memory', sensitiveCategories: ['gambling'] });
    attune.track('click', { features: ['topic:gambling', 'topic:health'] });
    expect(attune.profile().map(({ feature }) => feature)).toEqual(['topic:health']);
  });
});

describe('consent.deny()', () => {
  it('erases what was stored, says denied, and a later grant starts afresh', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { consent: 'required' });
    attune.track('click', { features: ['topic:tennis'] });
    await attune.consent.grant();
    await attune.consent.deny();
    expect(attune.consent.state).toBe('denied');
    expect(await databaseNames(indexedDB)).toEqual([]);
    expect(attune.profile()).toEqual([]);

    attune.track('click', { features: ['topic:golf'] });
    await attune.consent.grant();
    expect(((await storedEvents(indexedDB)) as { features: string[] }[]).map(({ features }) => features)).toEqual([['topic:golf']]);
    await attune.close();
  });
});

describe('site searches', () => {
  it('keeps search terms, never the query as typed', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB);
    attune.track('search', { query: 'Best tennis rackets for beginners near me, tennis!' });
    await attune.flush();
    const [stored] = (await storedEvents(indexedDB)) as { features: string[] }[];
    expect(stored!.features).toEqual(['search:tennis', 'search:rackets', 'search:beginners']);
    expect(JSON.stringify(await attune.export())).not.toContain('Best tennis');
    expect(() => attune.track('click', { query: 'tennis' })).toThrow(/query is for track\("search"\)/);
    await attune.close();
  });
});

describe('import()', () => {
  it('restores an export on another device: the same interactions and profile', async () => {
    const now = 1_700_000_000_000;
    const original = await open(freshIndexedDB(), { environment: { now: () => now } });
    original.track('click', { item: 'a1', features: ['topic:tennis'], at: now - DAY });
    original.like('a2', { features: ['topic:golf', 'author:sam'], at: now - 1000 });
    const exported = JSON.parse(JSON.stringify(await original.export()));
    await original.close();

    const indexedDB = freshIndexedDB();
    const restored = await open(indexedDB, { environment: { now: () => now } });
    await restored.import(exported);
    expect(restored.profile()).toEqual((exported as { profile: unknown }).profile);
    expect(await storedEvents(indexedDB)).toEqual((exported as { interactions: unknown }).interactions);
    await restored.close();
  });

  it('rejects a malformed or hostile file whole, naming what is wrong, and changes nothing', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { environment: { now: () => 1_700_000_000_000 } });
    attune.track('click', { item: 'a1', features: ['topic:tennis'] });
    await attune.flush();
    const before = attune.profile();
    const good = { type: 'click', item: 'b', features: ['topic:golf'], context: {}, at: 1000 };
    const file = (interactions: unknown) => ({ format: 'attune-export', version: 1, interactions });
    const cases: [unknown, RegExp][] = [
      [null, /import\(\): the file must be an Attune export, version 1, got null/],
      [{ format: 'attune-export', version: 2, interactions: [] }, /must be an Attune export, version 1/],
      [file('all of it'), /must be an Attune export/],
      [file([good, { ...good, type: 'teleport' }]), /import\(\): interaction 1: .*unknown interaction type/],
      [file([good, { ...good, at: Number.NaN }]), /interaction 1: .*at must be epoch milliseconds/],
      [file([good, { ...good, at: undefined }]), /interaction 1: .*at/],
      [file([{ ...good, features: ['x'.repeat(1 << 20)] }]), /interaction 0: .*a feature must be 1 to 128/],
      [file([{ ...good, context: JSON.parse('{"__proto__": {"polluted": "yes"}}') }]), /interaction 0: .*context/],
      [file(Array.from({ length: 5001 }, () => good)), /at most 5000 interactions/],
    ];
    for (const [exported, message] of cases) await expect(attune.import(exported)).rejects.toThrow(message);
    expect(attune.profile()).toEqual(before);
    expect(await storedEvents(indexedDB)).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await attune.close();
  });
});

describe('Global Privacy Control', () => {
  const withGpc = { language: 'en', globalPrivacyControl: true } as unknown as Navigator;

  it("takes only the visitor's own grant as consent, not the site's", async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { consent: 'granted', environment: { navigator: withGpc } });
    expect([attune.status, attune.consent.state]).toEqual(['awaiting-consent', 'required']);
    attune.track('click', { features: ['topic:tennis'] });
    await attune.flush();
    expect(await databaseNames(indexedDB)).toEqual([]);
    await attune.consent.grant();
    expect(await storedEvents(indexedDB)).toHaveLength(1);
    await attune.close();

    const nextPage = await open(indexedDB, { consent: 'granted', environment: { navigator: withGpc } });
    expect(nextPage.status).toBe('indexeddb');
    await nextPage.close();
  });

  it("deletes what was stored on the site's word alone", async () => {
    const indexedDB = freshIndexedDB();
    const before = await open(indexedDB, { consent: 'granted' });
    before.track('click', { features: ['topic:tennis'] });
    await before.close();
    const attune = await open(indexedDB, { consent: 'granted', environment: { navigator: withGpc } });
    expect(attune.status).toBe('awaiting-consent');
    expect(attune.profile()).toEqual([]);
    expect(await databaseNames(indexedDB)).toEqual([]);
    await attune.close();
  });

  it('is only a signal the site may choose not to honour', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, {
      consent: 'granted',
      honourGlobalPrivacyControl: false,
      environment: { navigator: withGpc },
    });
    expect(attune.status).toBe('indexeddb');
    await attune.close();
  });
});

describe('opt-in aggregate reporting', () => {
  const reporting = { endpoint: '/attune-reports', epsilon: 1, features: ['topic:tennis', 'topic:golf'], period: '7d' };

  it('sends at most one randomized report a period, with consent only, and nothing else', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    let now = 1_700_000_000_000;
    const indexedDB = freshIndexedDB();
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

    const asked = await open(indexedDB, { consent: 'required', reporting, environment: { now: () => now } });
    asked.track('click', { features: ['topic:tennis'] });
    await settle();
    expect(fetch).not.toHaveBeenCalled();
    await asked.consent.grant();
    // The report's code loads on demand the first time: wait for it, then for the send.
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledOnce());
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/attune-reports');
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit', keepalive: true });
    const body = JSON.parse(init.body as string);
    expect(Object.keys(body).sort()).toEqual(['bits', 'epsilon', 'features', 'version']);
    expect(body).toMatchObject({ version: 1, epsilon: 1, features: reporting.features });
    expect(body.bits).toHaveLength(3);
    expect(body.bits.every((bit: number) => bit === 0 || bit === 1)).toBe(true);
    await asked.close();

    now += 86_400_000;
    const nextDay = await open(indexedDB, { reporting, environment: { now: () => now } });
    expect((await nextDay.export()).reporting).toEqual({
      endpoint: '/attune-reports',
      epsilon: 1,
      features: reporting.features,
      periodMs: 7 * 86_400_000,
      lastSentAt: now - 86_400_000,
    });
    await nextDay.close();
    await settle();
    expect(fetch).toHaveBeenCalledOnce();

    now += 7 * 86_400_000;
    const later = await open(indexedDB, { reporting, environment: { now: () => now } });
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
    await later.close();
    vi.unstubAllGlobals();
  });

  it('rejects a reporting option it cannot keep private', async () => {
    await expect(createAttune({ reporting: { ...reporting, epsilon: 50 } })).rejects.toThrow(/option reporting must be/);
    await expect(createAttune({ reporting: { ...reporting, endpoint: 'http://tracker.example/' } })).rejects.toThrow(
      /option reporting/,
    );
  });
});

describe('Global Privacy Control and an explicit grant', () => {
  it("keeps what the visitor agreed to themselves on a database the site's word created", async () => {
    const withGpc = { language: 'en', globalPrivacyControl: true } as unknown as Navigator;
    const indexedDB = freshIndexedDB();
    const before = await open(indexedDB, { consent: 'granted' });
    before.track('click', { features: ['topic:tennis'] });
    await before.close();
    expect(await readAll(indexedDB, 'meta')).toEqual([expect.objectContaining({ by: 'site' })]);

    const asked = await open(indexedDB, { consent: 'required' });
    await asked.consent.grant();
    await asked.close();
    // The visitor agreed on a page view that found storage open on the site's word.
    expect(await readAll(indexedDB, 'meta')).toEqual([expect.objectContaining({ by: 'visitor' })]);

    const withSignal = await open(indexedDB, { consent: 'granted', environment: { navigator: withGpc } });
    expect(withSignal.status).toBe('indexeddb');
    expect(withSignal.profile()[0]?.feature).toBe('topic:tennis');
    await withSignal.close();
  });

  it("says in the export what the site's own consent counts for on a new page view: nothing where the browser sends the signal", async () => {
    const withGpc = { language: 'en', globalPrivacyControl: true } as unknown as Navigator;
    const siteGrants = await open(freshIndexedDB(), { consent: 'granted' });
    expect((await siteGrants.export()).consent.site).toBe('granted');
    await siteGrants.close();
    const signalled = await open(freshIndexedDB(), { consent: 'granted', environment: { navigator: withGpc } });
    expect((await signalled.export()).consent.site).toBe('required');
    await signalled.close();
    const asks = await open(freshIndexedDB(), { consent: 'required' });
    expect((await asks.export()).consent.site).toBe('required');
    await asks.close();
  });
});

describe("the visitor's controls: forget and pause", () => {
  it('forgets an interest everywhere it is kept, also after a reload', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { environment: { now: () => 1_700_000_000_000 } });
    attune.track('click', { item: 'a1', features: ['topic:tennis', 'author:jane'] });
    await attune.flush();
    attune.track('click', { item: 'a2', features: ['topic:tennis', 'topic:golf'] });
    await attune.forget('topic:tennis');
    expect(attune.profile().map(({ feature }) => feature).sort()).toEqual(['author:jane', 'topic:golf']);
    await attune.close();
    const events = (await storedEvents(indexedDB)) as { features: string[] }[];
    expect(events.flatMap(({ features }) => features)).not.toContain('topic:tennis');
    const reloaded = await open(indexedDB, { environment: { now: () => 1_700_000_000_000 } });
    expect(reloaded.profile().map(({ feature }) => feature).sort()).toEqual(['author:jane', 'topic:golf']);
    await reloaded.close();
  });

  it('pauses: learns and keeps nothing, ranks in the site order, and stays paused on the next page view', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { strength: 1 });
    for (let i = 0; i < 5; i++) attune.track('like', { features: ['topic:travel'] });
    await attune.pause();
    expect(attune.paused).toBe(true);
    attune.track('like', { features: ['topic:golf'] });
    const candidates = [{ id: 'golf', features: ['topic:golf'] }, { id: 'travel', features: ['topic:travel'] }];
    expect(attune.rank(candidates).map(({ id }) => id)).toEqual(['golf', 'travel']);
    await attune.close();
    expect(await storedEvents(indexedDB)).toHaveLength(5);

    const nextPage = await open(indexedDB, { strength: 1 });
    expect(nextPage.paused).toBe(true);
    await nextPage.resume();
    expect(nextPage.rank(candidates).map(({ id }) => id)).toEqual(['travel', 'golf']);
    await nextPage.close();
    expect((await open(indexedDB)).paused).toBe(false);
  });

  it('keeps a dial turned and a pause made before consent, once consent is given', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { consent: 'required' });
    await attune.setSurprise(0.9);
    await attune.pause();
    await attune.consent.grant();
    await attune.close();
    const nextPage = await open(indexedDB, { consent: 'required' });
    expect(nextPage.surprise).toBe(0.9);
    expect(nextPage.paused).toBe(true);
    await nextPage.close();
  });

  it('forgets what explain() could say once everything is erased', async () => {
    const attune = await open(freshIndexedDB(), { strength: 1 });
    attune.track('click', { item: 'old', features: ['topic:tennis'] });
    attune.rank([{ id: 'golf', features: ['topic:golf'] }, { id: 'tennis', features: ['topic:tennis'] }]);
    expect(await attune.explain('tennis')).not.toEqual([]);
    await attune.erase();
    expect(await attune.explain('tennis')).toEqual([]);
    await attune.close();
  });

  it('keeps the visitor’s surprise dial across page views, in the export, and erases it with everything', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { diversity: 0.15, exploration: 0 });
    // Before the visitor turns it, the dial stands where the site's diversity (0.15 of 0.6) puts it.
    expect(attune.surprise).toBeCloseTo(0.25);
    await attune.setSurprise(0.8);
    expect(attune.surprise).toBe(0.8);
    await expect(attune.setSurprise(2)).rejects.toThrow(/setSurprise\(\): level must be a number from 0 to 1, got 2/);
    expect((await attune.export()).settings.surprise).toBe(0.8);
    await attune.close();

    const nextPage = await open(indexedDB, { diversity: 0.15, exploration: 0 });
    expect(nextPage.surprise).toBe(0.8);
    await nextPage.erase();
    expect(nextPage.surprise).toBeCloseTo(0.25);
    expect((await nextPage.export()).settings.surprise).toBeUndefined();
    await nextPage.close();
  });
});
