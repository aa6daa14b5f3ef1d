import { describe, expect, it, vi } from 'vitest';
import { createAttune, type Attune } from 'attune';
import { inPage } from './helpers';

let attune: Attune | undefined;
inPage(() => attune);

const template = `<template><li class="card"><a data-attune-field="url"><span data-attune-field="title"></span></a><img data-attune-field="image" alt=""><small data-attune-reason></small></li></template>`;

function recentStrip(limit = 3): Element {
  document.body.insertAdjacentHTML(
    'beforeend',
    `<ul data-attune-slot="recent" data-attune-strategy="recent" data-attune-limit="${limit}"><li class="empty">Stories you read show here</li>${template}</ul>`,
  );
  return document.querySelector('[data-attune-strategy="recent"]')!;
}

const drawn = (slot: Element) => [...slot.querySelectorAll('[data-attune-drawn]')];
const ids = (slot: Element) => drawn(slot).map((card) => card.getAttribute('data-attune-item'));
/** Orders the page's slots and waits for the ones drawn by a part loaded on demand. */
async function applied(slot: Element): Promise<void> {
  const done = new Promise((resolve) => slot.addEventListener('attune:ordered', resolve, { once: true }));
  attune!.apply();
  await done;
}

function view(item: string, topic: string, at?: number) {
  attune!.track('view', { item, features: [`topic:${topic}`], page: { title: `Story ${item}`, url: `/stories/${item}`, image: `/img/${item}.jpg` }, ...(at && { at }) });
}

describe('recently viewed (data-attune-strategy="recent")', () => {
  it('draws the items viewed most recently, newest first, each once, without the page’s own item, from the template', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    for (const [item, topic] of [['a1', 'tennis'], ['a2', 'golf'], ['a1', 'tennis'], ['a3', 'cooking'], ['a4', 'travel'], ['a5', 'tennis']]) view(item!, topic!);
    // A view without a page (an API call that gave none) is not listed.
    attune.track('view', { item: 'bare', features: ['topic:golf'] });
    document.body.innerHTML = '<article data-attune-page-item="a5" data-attune-features="topic:tennis"></article>';
    const slot = recentStrip(3);
    await applied(slot);

    expect(ids(slot)).toEqual(['a4', 'a3', 'a1']);
    const [first] = drawn(slot);
    expect(first!.querySelector('a')!.getAttribute('href')).toBe(new URL('/stories/a4', document.baseURI).href);
    expect(first!.querySelector('span')!.textContent).toBe('Story a4');
    expect(first!.querySelector('img')!.getAttribute('src')).toBe(new URL('/img/a4.jpg', document.baseURI).href);
    expect(first!.querySelector('[data-attune-reason]')!.textContent).toBe('You viewed this recently');
    // The site's default shows only while nothing is drawn; the template stays a template.
    expect(slot.querySelector('.empty')!.hasAttribute('hidden')).toBe(true);
    expect(slot.lastElementChild!.localName).toBe('template');
    expect(await attune.explain('a4')).toEqual(['You viewed this recently']);
  });

  it('sets titles as text, never as markup', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    attune.track('view', { item: 'x', page: { title: '<img src=x onerror="alert(1)">Hello', url: '/x' } });
    const slot = recentStrip();
    await applied(slot);
    const card = drawn(slot)[0]!;
    expect(card.querySelector('span')!.textContent).toBe('<img src=x onerror="alert(1)">Hello');
    expect(card.querySelectorAll('img[onerror]')).toHaveLength(0);
    // No image given: the template's image is left out rather than shown empty.
    expect(card.querySelector('img')).toBeNull();
  });

  it('refuses javascript: and data: addresses from the API with a TypeError naming them', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    expect(() => attune!.track('view', { item: 'x', page: { title: 'X', url: 'javascript:alert(1)' } })).toThrow(/page\.url/);
    expect(() => attune!.track('view', { item: 'x', page: { title: 'X', url: ' JavaScript:alert(1)' } })).toThrow(/page\.url/);
    expect(() => attune!.track('view', { item: 'x', page: { title: 'X', url: '/x', image: 'data:image/png;base64,AAAA' } })).toThrow(/page\.image/);
    expect(() => attune!.track('view', { item: 'x', page: { title: '', url: '/x' } })).toThrow(/page\.title/);
    expect(() => attune!.track('view', { item: 'x', page: 'x' as never })).toThrow(/page\.title/);
    expect((await attune.export()).interactions).toEqual([]);
  });

  it('exports the views with their pages, imports them back, and refuses an imported javascript: address, changing nothing', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    view('a1', 'tennis');
    const exported = await attune.export();
    expect(exported.interactions[0]!.page).toEqual({ title: 'Story a1', url: '/stories/a1', image: '/img/a1.jpg' });
    await attune.erase();
    const hostile = structuredClone(exported);
    hostile.interactions[0]!.page!.url = 'javascript:alert(1)';
    await expect(attune.import(hostile)).rejects.toThrow(/interaction 0: .*page\.url/);
    expect((await attune.export()).interactions).toEqual([]);
    await attune.import(exported);
    const slot = recentStrip();
    await applied(slot);
    expect(ids(slot)).toEqual(['a1']);
  });

  it('records how an item page presents itself, from its markup, and warns once about a hostile address', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = `<article data-attune-page-item="a9" data-attune-features="topic:tennis" data-attune-title="Alcaraz wins" data-attune-image="/img/a9.jpg"></article>
      <article data-attune-page-item="evil" data-attune-title="Evil" data-attune-url="javascript:alert(1)"></article>`;
    attune = await createAttune({ storage: 'memory' });
    const views = (await attune.export()).interactions.filter(({ type }) => type === 'view');
    expect(views).toHaveLength(1);
    expect(views[0]!.page).toEqual({ title: 'Alcaraz wins', url: document.URL.split('#')[0], image: '/img/a9.jpg' });
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toMatch(/page\.url/);
  });

  it('forgets with the rest: forget() takes the items it touched out, erase() and pause show the site’s default', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    view('a1', 'tennis');
    view('a2', 'golf');
    const slot = recentStrip();
    await applied(slot);
    expect(ids(slot)).toEqual(['a2', 'a1']);

    await attune.forget('topic:tennis');
    await applied(slot);
    expect(ids(slot)).toEqual(['a2']);
    expect((await attune.export()).interactions.some(({ page }) => page?.title === 'Story a1')).toBe(false);

    await attune.pause();
    await applied(slot);
    expect(ids(slot)).toEqual([]);
    expect(slot.querySelector('.empty')!.hasAttribute('hidden')).toBe(false);
    await attune.resume();

    await attune.erase();
    await applied(slot);
    expect(ids(slot)).toEqual([]);
  });

  it('keeps views on the device across page views, newest first, in IndexedDB', async () => {
    const { IDBFactory } = await import('fake-indexeddb');
    const indexedDB = new IDBFactory();
    const first = await createAttune({ namespace: 'recent', consent: 'granted', autoTrack: false, environment: { indexedDB } });
    const at = Date.now() - 60_000;
    first.track('view', { item: 'old', page: { title: 'Old', url: '/old' }, at: at - 1000 });
    first.track('view', { item: 'new', page: { title: 'New', url: '/new' }, at });
    await first.close();
    attune = await createAttune({ namespace: 'recent', consent: 'granted', autoTrack: false, environment: { indexedDB } });
    view('now', 'golf');
    const slot = recentStrip();
    await applied(slot);
    expect(ids(slot)).toEqual(['now', 'new', 'old']);
  });

  it('warns once and shows the site’s default for a slot without a template', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    view('a1', 'tennis');
    document.body.innerHTML = '<ul data-attune-slot="r" data-attune-strategy="recent"><li class="empty">None</li></ul>';
    attune.apply();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledOnce());
    expect(String(warn.mock.calls[0]![0])).toMatch(/template/);
    expect(document.querySelector('.empty')!.hasAttribute('hidden')).toBe(false);
  });
});

function forYou(candidates: unknown, limit = 2): Element {
  // As a page embeds JSON in a script element: "<" escaped, so a "</script>" in a value cannot end the element.
  const json = typeof candidates === 'string' ? candidates : JSON.stringify(candidates).replace(/</g, '\\u003c');
  document.body.innerHTML = `<ul data-attune-slot="for-you" data-attune-strategy="for-you" data-attune-limit="${limit}"><li class="default">Our picks</li>${template}<script type="application/json" data-attune-candidates>${json}</script></ul>`;
  return document.querySelector('[data-attune-strategy="for-you"]')!;
}

describe('for you (data-attune-strategy="for-you")', () => {
  const candidates = [
    { id: 'golf', title: 'Golf', url: '/golf', features: ['topic:golf'] },
    { id: 'cooking', title: 'Cooking', url: '/cooking', features: ['topic:cooking'] },
    { id: 'tennis', title: 'Tennis', url: 'https://example.com/tennis', image: '/t.jpg', features: ['topic:tennis'] },
  ];

  it('draws the top candidates ranked for the visitor, with their reasons', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false, strength: 1 });
    for (let i = 0; i < 4; i++) attune.track('click', { item: `t${i}`, features: ['topic:tennis'] });
    const slot = forYou(candidates);
    await applied(slot);
    expect(ids(slot)).toEqual(['tennis', 'golf']);
    expect(drawn(slot)[0]!.getAttribute('data-attune-features')).toBe('topic:tennis');
    expect(drawn(slot)[0]!.querySelector('[data-attune-reason]')!.textContent).toMatch(/tennis/);
    expect(await attune.explain('tennis')).not.toEqual([]);
  });

  it('shows a new visitor the site’s order', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    const slot = forYou(candidates);
    await applied(slot);
    expect(ids(slot)).toEqual(['golf', 'cooking']);
  });

  it('leaves out hostile candidates with one warning, and never makes markup of them', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    const slot = forYou(
      [
        { id: 'js', title: 'Click me', url: 'javascript:alert(1)' },
        { id: 'vb', title: 'Click me', url: 'vbscript:msgbox' },
        { id: 'markup', title: '<script>alert(1)</script>', url: '/m', image: 'data:text/html,<b>x</b>' },
        { id: 'bad-features', title: 'B', url: '/b', features: 'topic:x' },
        null,
        { id: 'fine', title: 'Fine', url: '/fine' },
      ],
      5,
    );
    await applied(slot);
    expect(ids(slot)).toEqual(['markup', 'fine']);
    expect(drawn(slot)[0]!.querySelector('span')!.textContent).toBe('<script>alert(1)</script>');
    expect(slot.querySelectorAll('li script, img')).toHaveLength(0);
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toMatch(/4 item\(s\) left out/);
  });

  it('shows the site’s default with one warning for oversized, malformed or missing candidates', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    for (const [given, problem] of [
      [JSON.stringify([{ id: 'x', title: 'x'.repeat(120_000), url: '/x' }]), /more than 100000/],
      ['[{"id": "x",', /not JSON/],
      [JSON.stringify({ id: 'x' }), /a list of at most 500/],
    ] as const) {
      warn.mockClear();
      const slot = forYou(given);
      await applied(slot);
      expect(ids(slot)).toEqual([]);
      expect(slot.querySelector('.default')!.hasAttribute('hidden')).toBe(false);
      expect(warn).toHaveBeenCalledOnce();
      expect(String(warn.mock.calls[0]![0])).toMatch(problem);
    }
  });
});
