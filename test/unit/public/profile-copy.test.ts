import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttune, type Attune, type AttuneOptions } from 'attune';

/**
 * The profile's copy in localStorage, from which a returning visitor's slots
 * are ordered before IndexedDB opens. These instances use the page's own
 * IndexedDB (fake-indexeddb's global), as the script tag does: only there is
 * the copy kept.
 */
const NAMESPACE = 'copy';
const KEY = `attune:${NAMESPACE}:profile`;
const options: AttuneOptions = { namespace: NAMESPACE, consent: 'granted', autoTrack: false, autoApply: true };

const opened: Attune[] = [];
async function visit(extra: AttuneOptions = {}): Promise<Attune> {
  const attune = await createAttune({ ...options, ...extra });
  opened.push(attune);
  return attune;
}

afterEach(async () => {
  vi.restoreAllMocks();
  for (const attune of opened.splice(0)) await attune.close();
  document.body.replaceChildren();
  localStorage.clear();
  sessionStorage.clear();
  await new Promise((resolve) => (indexedDB.deleteDatabase(`attune:${NAMESPACE}`).onsuccess = resolve));
});

/** A visitor who read two tennis stories on an earlier page view, now stored. */
async function tennisReader(extra: AttuneOptions = {}): Promise<void> {
  const attune = await visit(extra);
  for (const item of ['x1', 'x2']) attune.track('click', { item, features: ['topic:tennis'] });
  await attune.close();
}

const SLOT = `
  <li data-attune-item="g1" data-attune-features="topic:golf">Golf</li>
  <li data-attune-item="g2" data-attune-features="topic:golf">Golf</li>
  <li data-attune-item="t1" data-attune-features="topic:tennis">Tennis</li>
  <li data-attune-item="g3" data-attune-features="topic:golf">Golf</li>`;

/**
 * Starts a page view whose slot the parser adds after the script, as in a
 * page with the tag in its head, and resolves with the slot's first item
 * when it is shown and the storage state at that moment.
 */
async function firstShown(extra: AttuneOptions = {}, before?: Element): Promise<{ first: string | null; status: string; attune: Attune }> {
  let status = 'starting';
  const onStatus = (event: Event) => (status = (event as CustomEvent<{ status: string }>).detail.status);
  document.addEventListener('attune:status', onStatus);
  const starting = visit(extra);
  const slot = document.createElement('ul');
  slot.setAttribute('data-attune-slot', 'front');
  slot.innerHTML = SLOT;
  const shown = new Promise<{ first: string | null; status: string }>((resolve) => {
    new MutationObserver(() => {
      if (slot.hasAttribute('data-attune-ready')) resolve({ first: slot.firstElementChild!.getAttribute('data-attune-item'), status });
    }).observe(slot, { attributes: true });
  });
  document.body.append(...(before ? [before] : []), slot, document.createElement('footer'));
  const result = await shown;
  const attune = await starting;
  document.removeEventListener('attune:status', onStatus);
  return { ...result, attune };
}

describe("the profile's copy", () => {
  it("orders a returning visitor's slot before the database has opened, as the database would", async () => {
    await tennisReader();
    expect(localStorage.getItem(KEY)).toContain('topic:tennis');
    const { first, status, attune } = await firstShown();
    expect(first).toBe('t1');
    expect(status).toBe('opening');
    // Once open, the database's profile is in use, and it says the same.
    expect(attune.status).toBe('indexeddb');
    expect(attune.rank([{ id: 'g', features: ['topic:golf'] }, { id: 't', features: ['topic:tennis'] }])[0]!.id).toBe('t');
  });

  it('without a copy the slot waits for the database', async () => {
    await tennisReader();
    localStorage.clear();
    const { first, status } = await firstShown();
    expect(first).toBe('t1');
    expect(status).toBe('indexeddb');
  });

  it('is written only with consent, and from the grant on', async () => {
    const attune = await visit({ consent: 'required' });
    attune.track('click', { item: 'x1', features: ['topic:tennis'] });
    await attune.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(localStorage.getItem(KEY)).toBeNull();
    await attune.consent.grant();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(localStorage.getItem(KEY)).toContain('topic:tennis');
  });

  it('goes with an erase, and the next page view starts from the site order', async () => {
    await tennisReader();
    const attune = await visit();
    await attune.erase();
    expect(localStorage.getItem(KEY)).toBeNull();
    const { first } = await firstShown({ consent: 'required' });
    expect(first).toBe('g1');
  });

  it('holds no trace of a forgotten feature once forget() resolves', async () => {
    await tennisReader();
    const attune = await visit();
    await attune.forget('topic:tennis');
    expect(localStorage.getItem(KEY) ?? '').not.toContain('tennis');
  });

  it("is not written again by a tab that missed another tab's forget() or pause", async () => {
    await tennisReader();
    const [stale, acting] = [await visit(), await visit()];
    await acting.forget('topic:tennis');
    await acting.pause();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The stale tab still holds tennis and no pause in memory; it learns, is hidden, closes.
    stale.track('click', { item: 'x3', features: ['topic:tennis'] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await stale.close();
    const copy = localStorage.getItem(KEY);
    expect(copy ?? '').not.toContain('tennis');
    if (copy) expect(JSON.parse(copy).settings.paused).toBeDefined();
  });

  it("gives way to the database's settings once open: a pause only the copy holds ends", async () => {
    await tennisReader();
    const copy = JSON.parse(localStorage.getItem(KEY)!);
    localStorage.setItem(KEY, JSON.stringify({ ...copy, settings: { ...copy.settings, paused: { at: 1 } } }));
    const attune = await visit();
    expect(attune.paused).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(JSON.parse(localStorage.getItem(KEY)!).settings.paused).toBeUndefined();
  });

  it('waits for rules the page declares after the script tag, as without a copy', async () => {
    await tennisReader();
    const rules = document.createElement('script');
    rules.type = 'application/json';
    rules.setAttribute('data-attune-rules', '');
    rules.textContent = JSON.stringify({ rules: [{ id: 'no-tennis', when: { visits: 1 }, then: { hide: true, features: ['topic:tennis'] } }] });
    const { first } = await firstShown({}, rules);
    expect(first).not.toBe('t1');
    expect(document.querySelector('[data-attune-item="t1"]')!.hasAttribute('hidden')).toBe(true);
  });

  describe('on a site whose rules ask what the visitor did', () => {
    /** Two tennis stories read: the golf story g3 goes first. */
    const rules = [{ id: 'tennis-readers', when: { did: 'click' as const, feature: 'topic:tennis', atLeast: 2 }, then: { pin: 0, items: ['g3'] } }];

    it('carries the history, so the rules hold before the database has opened', async () => {
      await tennisReader({ rules });
      expect(JSON.parse(localStorage.getItem(KEY)!).history).toHaveLength(2);
      expect(await firstShown({ rules })).toMatchObject({ first: 'g3', status: 'opening' });
    });

    it('carries no history from a page view without those rules: the next slot with them waits for the database', async () => {
      await tennisReader({ rules });
      const attune = await visit();
      attune.track('click', { item: 'x3', features: ['topic:golf'] });
      await attune.close();
      expect(JSON.parse(localStorage.getItem(KEY)!).history).toBeUndefined();
      expect(await firstShown({ rules })).toMatchObject({ first: 'g3', status: 'indexeddb' });
    });

    it('ignores a damaged history: the slot waits for the database, whose history the rules read', async () => {
      await tennisReader({ rules });
      const copy = JSON.parse(localStorage.getItem(KEY)!);
      localStorage.setItem(KEY, JSON.stringify({ ...copy, history: [{ type: 'click', features: 'topic:tennis' }] }));
      expect(await firstShown({ rules })).toMatchObject({ first: 'g3', status: 'indexeddb' });
    });

    it("holds the rules against this page view's own first interactions too, recorded before the database opened", async () => {
      await tennisReader({ rules });
      document.body.innerHTML = '<article data-attune-page-item="a1" data-attune-features="topic:tennis">Text</article>';
      const viewed = [{ id: 'viewed-a1', when: { did: 'view' as const, item: 'a1' }, then: { pin: 0, items: ['g2'] } }];
      const attune = await visit({ rules: viewed, autoTrack: true });
      expect(attune.rank([{ id: 'g1', features: ['topic:golf'] }, { id: 'g2', features: ['topic:golf'] }])[0]!.id).toBe('g2');
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(JSON.parse(localStorage.getItem(KEY)!).history.map(({ type }: { type: string }) => type)).toContain('view');
    });

    it("holds the rules against the database's history once createAttune() resolves, where it differs from the copy's", async () => {
      await tennisReader({ rules });
      const copy = JSON.parse(localStorage.getItem(KEY)!);
      localStorage.setItem(KEY, JSON.stringify({ ...copy, history: copy.history.slice(1) }));
      const attune = await visit({ rules });
      expect(attune.rank([{ id: 't1', features: ['topic:tennis'] }, { id: 'g3', features: ['topic:golf'] }])[0]!.id).toBe('g3');
    });

    it("reads the database's history, not the copy's, for rules that start after the database has opened", async () => {
      await tennisReader({ rules });
      // The copy says one tennis read, the database two.
      const copy = JSON.parse(localStorage.getItem(KEY)!);
      localStorage.setItem(KEY, JSON.stringify({ ...copy, history: copy.history.slice(1) }));
      const attune = await visit();
      const block = document.createElement('script');
      block.type = 'application/json';
      block.setAttribute('data-attune-rules', '');
      block.textContent = JSON.stringify({ rules });
      document.body.append(block);
      await new Promise((resolve) => setTimeout(resolve, 0));
      await attune.audiences();
      expect(attune.rank([{ id: 't1', features: ['topic:tennis'] }, { id: 'g3', features: ['topic:golf'] }])[0]!.id).toBe('g3');
    });

    it("never carries a history that lacks what another tab recorded: the next page's rules hold", async () => {
      const clickedP = [{ id: 'p-readers', when: { did: 'click' as const, item: 'p' }, then: { pin: 0, items: ['g3'] } }];
      const [a, b] = [await visit({ rules: clickedP }), await visit({ rules: clickedP })];
      // Each tab's profile learns the other's clicks from the database; its history does not.
      for (const [tab, item] of [[b, 'x1'], [a, 'p'], [b, 'x2'], [a, 'x3']] as const) {
        tab.track('click', { item, features: [item === 'p' ? 'topic:golf' : 'topic:tennis'] });
        await tab.flush();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const { history } = JSON.parse(localStorage.getItem(KEY)!);
      if (history) expect(history.map(({ item }: { item: string }) => item).sort()).toEqual(['p', 'x1', 'x2', 'x3']);
      expect((await firstShown({ rules: clickedP })).first).toBe('g3');
    });

    it('forgets a feature in the history the rules read, and in the copy, once forget() resolves', async () => {
      await tennisReader({ rules });
      const attune = await visit({ rules });
      await attune.forget('topic:tennis');
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(localStorage.getItem(KEY)).not.toBeNull();
      expect(localStorage.getItem(KEY)).not.toContain('tennis');
      // The two reads no longer name tennis: the rule holds no more on this page view either.
      expect(attune.rank([{ id: 't1', features: ['topic:tennis'] }, { id: 'g3', features: ['topic:golf'] }])[0]!.id).toBe('t1');
    });
  });

  it('is not kept for a profile too large to copy cheaply: its slots wait for the database', async () => {
    const attune = await visit();
    for (let i = 0; i < 1500; i++) attune.track('click', { item: `x${i}`, features: [`tag:${'long-tag-name-'.repeat(8)}${i}`] });
    await attune.close();
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it("carries a pause: the next page view shows the site's order from the start", async () => {
    await tennisReader();
    const attune = await visit();
    await attune.pause();
    await attune.close();
    const { first, status } = await firstShown();
    expect([first, status]).toEqual(['g1', 'opening']);
  });

  it('is ignored, and removed, where it is damaged: the slot waits for the database', async () => {
    await tennisReader();
    for (const damaged of ['not json', '{"by":"site","settings":{},"vector":{"version":99}}', '[]']) {
      localStorage.setItem(KEY, damaged);
      const { first, status, attune } = await firstShown();
      expect([first, status]).toEqual(['t1', 'indexeddb']);
      expect(localStorage.getItem(KEY)).not.toBe(damaged);
      await attune.close();
      document.body.replaceChildren();
    }
  });

  it("is dropped, with all it gave, when the database it copies is gone (deleted outside the SDK)", async () => {
    await tennisReader();
    const copy = localStorage.getItem(KEY);
    await new Promise((resolve) => (indexedDB.deleteDatabase(`attune:${NAMESPACE}`).onsuccess = resolve));
    localStorage.setItem(KEY, copy ?? '');
    const attune = await visit({ consent: 'required' });
    expect(attune.status).toBe('awaiting-consent');
    expect(attune.profile()).toEqual([]);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('fills stated text from the copy, and again from the database: a name the database no longer holds goes', async () => {
    // Rules that read no history: their part starts on the copy (loaded once already, as from a browser's cache).
    const rules = [{ id: 'golfers', when: { interest: 'topic:golf', atLeast: 0.5 }, then: { boost: 1, features: ['topic:golf'] } }];
    const named = await visit({ rules });
    await named.set('firstName', 'Alice');
    await named.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(`attune:${NAMESPACE}`).onsuccess = resolve));
    document.body.innerHTML = '<span data-attune-text="firstName" data-attune-fallback="friend">friend</span>';
    const attune = await visit({ rules });
    expect(attune.get('firstName')).toBeUndefined();
    expect(document.querySelector('span')!.textContent).toBe('friend');
  });

  it("is void where the site's word is: Global Privacy Control", async () => {
    await tennisReader();
    const withGpc = { language: 'en', globalPrivacyControl: true } as unknown as Navigator;
    const { first } = await firstShown({ environment: { navigator: withGpc } });
    expect(first).toBe('g1');
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});
