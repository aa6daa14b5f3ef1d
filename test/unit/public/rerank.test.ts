import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttune, type Candidate } from 'attune';
import { mulberry32 } from '../../../tools/model/als';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

const base = { storage: 'memory', consent: 'granted', autoTrack: false } as const;
/** A tennis fan's front page: four tennis stories by one author lead the site's order. */
const FRONT: Candidate[] = [
  { id: 't1', features: ['topic:tennis', 'author:jane'] },
  { id: 't2', features: ['topic:tennis', 'author:jane'] },
  { id: 't3', features: ['topic:tennis', 'author:jane'] },
  { id: 'c1', features: ['topic:cooking', 'author:luis'] },
  { id: 't4', features: ['topic:tennis', 'author:jane'] },
  { id: 's1', features: ['topic:science', 'author:ann'] },
];
const ids = (ranked: { id: string }[]) => ranked.map(({ id }) => id);

describe('diversity and exposure caps', () => {
  it('leave a newcomer’s ranking alone by default: there is no profile to counter', async () => {
    const attune = await createAttune(base);
    expect(ids(attune.rank(FRONT))).toEqual(ids(FRONT));
  });

  it('bring something different up for a visitor with a profile, and say so', async () => {
    const attune = await createAttune({ ...base, diversity: 0.5 });
    // Without a profile there is nothing to counter: the site's order stands.
    expect(ids(attune.rank(FRONT))).toEqual(ids(FRONT));
    // Ten stories read: diversity counts in full (it grows with the evidence up to ten).
    for (let i = 0; i < 10; i++) attune.track('click', { item: `old${i}`, features: ['topic:tennis'] });
    const ranked = attune.rank(FRONT);
    expect(ids(ranked).slice(0, 3)).toEqual(['t1', 'c1', 's1']);
    expect(ranked[1]!.reasons[0]).toEqual({ kind: 'different', text: 'Something different' });
    expect(await attune.explain('c1')).toContain('Something different');
  });

  it('keep one author to its cap ahead of everyone else, per call', async () => {
    const attune = await createAttune(base);
    const ranked = attune.rank(FRONT, { caps: { author: 2 } });
    expect(ids(ranked)).toEqual(['t1', 't2', 'c1', 's1', 't3', 't4']);
    expect(ranked[4]!.reasons[0]).toMatchObject({ kind: 'capped', prefix: 'author', text: 'Lower: at most 2 from one author come first' });
  });

  it('refuse a bad diversity or cap, naming it', async () => {
    await expect(createAttune({ ...base, diversity: 2 })).rejects.toThrow(/option diversity/);
    await expect(createAttune({ ...base, caps: { author: 0 } })).rejects.toThrow(/option caps/);
    const attune = await createAttune(base);
    expect(() => attune.rank(FRONT, { diversity: -1 })).toThrow(/rank\(\): diversity/);
    expect(() => attune.rank(FRONT, { caps: { 'author:': 2 } })).toThrow(/rank\(\): caps/);
  });

  it('follow a slot’s data-attune-cap and data-attune-diversity, and report a bad one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const items = FRONT.map(({ id, features }) => `<li data-attune-item="${id}" data-attune-features="${features!.join(' ')}">${id}</li>`).join('');
    document.body.innerHTML = `<ul id="capped" data-attune-slot="a" data-attune-cap="author:1">${items}</ul><ul id="bad" data-attune-slot="b" data-attune-diversity="lots">${items}</ul>`;
    const attune = await createAttune(base);
    attune.apply();
    const order = (id: string) => [...document.getElementById(id)!.children].map((li) => li.getAttribute('data-attune-item'));
    expect(order('capped')).toEqual(['t1', 'c1', 's1', 't2', 't3', 't4']);
    expect(order('bad')).toEqual(ids(FRONT));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('data-attune-diversity="lots"'));
  });
});

describe('seen items', () => {
  const DAY = 86_400_000;
  const LIST: Candidate[] = [
    { id: 'read', features: ['topic:tennis'] },
    { id: 'b', features: ['topic:golf'] },
    { id: 'c', features: ['topic:golf'] },
  ];

  it('are demoted while fresh, and come back as the choice fades', async () => {
    let now = 100 * DAY;
    const attune = await createAttune({ ...base, halfLife: '7d', environment: { now: () => now } });
    attune.track('click', { item: 'read' });
    const fresh = attune.rank(LIST);
    expect(ids(fresh)).toEqual(['b', 'c', 'read']);
    expect(fresh[2]!.reasons[0]).toEqual({ kind: 'seen', text: 'You have seen this' });
    // Eight half-lives on, the click weighs 1/256: down by 0.004 of the list, back at the top.
    now += 56 * DAY;
    expect(ids(attune.rank(LIST))).toEqual(ids(LIST));
  });

  it('sit below the unread items of their kind, however many features the reads share', async () => {
    // Two tennis stories by jane read: each matches the profile on topic and author, the unread tennis stories on topic alone.
    const others = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ id: `o${from + i}`, features: [`topic:t${(from + i) % 12}`, `author:a${(from + i) % 40}`] }));
    const page: Candidate[] = [
      ...others(0, 2),
      { id: 'r1', features: ['topic:tennis', 'author:jane'] },
      { id: 'r2', features: ['topic:tennis', 'author:jane'] },
      ...others(2, 100),
      { id: 'u1', features: ['topic:tennis', 'author:tom'] },
      { id: 'u2', features: ['topic:tennis', 'author:ann'] },
      ...others(102, 10),
    ];
    const attune = await createAttune(base);
    for (const id of ['r1', 'r2']) attune.track('click', { item: id, features: page.find((item) => item.id === id)!.features! });
    const order = ids(attune.rank(page));
    expect(Math.max(order.indexOf('u1'), order.indexOf('u2'))).toBeLessThan(Math.min(order.indexOf('r1'), order.indexOf('r2')));
  });

  it('are kept or left out as asked, per call, per slot, or for the instance', async () => {
    const kept = await createAttune({ ...base, seen: 'keep' });
    kept.track('click', { item: 'read' });
    expect(ids(kept.rank(LIST))).toEqual(ids(LIST));
    expect(ids(kept.rank(LIST, { seen: 'hide' }))).toEqual(['b', 'c']);
    // A pinned item past the end of the shortened list comes right after the free items.
    const pinnedLast = [{ id: 'read' }, { id: 'b' }, { id: 'p', pinned: true }];
    expect(ids(kept.rank(pinnedLast, { seen: 'hide' }))).toEqual(['b', 'p']);
    expect(() => kept.rank(LIST, { seen: 'never' as 'keep' })).toThrow(/rank\(\): seen/);
    await expect(createAttune({ ...base, seen: 'gone' as 'keep' })).rejects.toThrow(/option seen/);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const items = LIST.map(({ id }) => `<li data-attune-item="${id}">${id}</li>`).join('');
    document.body.innerHTML = `<ul id="hide" data-attune-slot="a" data-attune-seen="hide">${items}</ul><ul id="odd" data-attune-slot="b" data-attune-seen="sometimes">${items}</ul>`;
    const attune = await createAttune(base);
    attune.track('click', { item: 'read' });
    attune.apply();
    const hideSlot = document.getElementById('hide')!;
    expect([...hideSlot.children].map((li) => li.getAttribute('data-attune-item'))).toEqual(['b', 'c', 'read']);
    expect(hideSlot.querySelector('[data-attune-item="read"]')!.hasAttribute('hidden')).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('data-attune-seen="sometimes"'));
  });
});

describe('calibration', () => {
  /** Ten politics stories lead the site's order, ten science stories follow. */
  const NEWS: Candidate[] = [
    ...Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, features: ['topic:politics'] })),
    ...Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, features: ['topic:science'] })),
  ];
  /** A reader of 70 % politics and 30 % science. */
  async function reader(options = {}) {
    // Calibration alone: the default diversity and exploration would add science stories of their own.
    const attune = await createAttune({ ...base, strength: 1, diversity: 0, exploration: 0, ...options });
    for (let i = 0; i < 7; i++) attune.track('click', { item: `old-p${i}`, features: ['topic:politics'] });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `old-s${i}`, features: ['topic:science'] });
    return attune;
  }
  const science = (ranked: { id: string }[]) => ranked.slice(0, 10).filter(({ id }) => id.startsWith('s')).length;

  it('keeps the first places near the visitor’s mix, and says why an item is there', async () => {
    const attune = await reader({ calibration: { by: 'topic', weight: 0.9 } });
    const ranked = attune.rank(NEWS);
    // Toward 3 in 10 from none; the score order still counts a tenth.
    expect(science(ranked)).toBeGreaterThanOrEqual(2);
    expect(science(ranked)).toBeLessThanOrEqual(4);
    expect(ranked.find(({ id }) => id.startsWith('s'))!.reasons[0]).toEqual({ kind: 'calibrated', text: 'Keeps the mix you read' });
  });

  it('is off by default: the politics reader sees politics first', async () => {
    expect(science((await reader()).rank(NEWS))).toBe(0);
  });

  it('is refused when malformed, naming it', async () => {
    await expect(createAttune({ ...base, calibration: { by: 'topic:', weight: 0.5 } })).rejects.toThrow(/option calibration/);
    const attune = await reader();
    expect(() => attune.rank(NEWS, { calibration: { by: 'topic', weight: 2 } })).toThrow(/rank\(\): calibration/);
  });
});

describe('exploration', () => {
  /** A tennis reader's front page: ten tennis stories lead, then ten on each of golf, art and cooking. */
  const PAGE: Candidate[] = ['tennis', 'golf', 'art', 'cooking'].flatMap((topic) =>
    Array.from({ length: 10 }, (_, i) => ({ id: `${topic}${i}`, features: [`topic:${topic}`] })),
  );
  const topic = (id: string) => id.replace(/\d+$/, '');
  /** A long-standing tennis reader: with 60 stories read, exploration and the visitor's share of the view are near their full strength. */
  async function tennisReader(seed: number, options = {}) {
    const attune = await createAttune({ ...base, exploration: 0.2, environment: { random: mulberry32(seed) }, ...options });
    for (let i = 0; i < 60; i++) attune.track('click', { item: `old${i}`, features: ['topic:tennis'] });
    return attune;
  }

  it('gives a share of the first places to items outside the visitor’s interests, and says so', async () => {
    const ranked = (await tennisReader(1)).rank(PAGE, { limit: 10 });
    // Share 0.2 of 10 places: the 5th and the 10th, never the first.
    expect(ranked.map(({ id }) => topic(id))).toEqual(['tennis', 'tennis', 'tennis', 'tennis', expect.not.stringMatching('tennis'), 'tennis', 'tennis', 'tennis', 'tennis', expect.not.stringMatching('tennis')]);
    expect(ranked[4]!.reasons[0]).toEqual({ kind: 'explored', text: 'Something new to try' });
  });

  it('tries items in the places in view, and ranks the rest in full', async () => {
    const ranked = (await tennisReader(1)).rank(PAGE, { inView: 5 });
    expect(ranked).toHaveLength(PAGE.length);
    expect(ranked.filter(({ reasons }) => reasons[0]?.kind === 'explored').map(({ id }) => ranked.findIndex((item) => item.id === id))).toEqual([4]);
  });

  it('is reproducible with a seeded generator, and varies between seeds', async () => {
    const tried = async (seed: number) => ids((await tennisReader(seed)).rank(PAGE, { limit: 10 })).filter((id) => !id.startsWith('tennis'));
    expect(await tried(5)).toEqual(await tried(5));
    const seen = new Set<string>();
    for (let seed = 0; seed < 10; seed++) for (const id of await tried(seed)) seen.add(id);
    expect(seen.size).toBeGreaterThan(2);
  });

  it('keeps what it tried for the page view, so ranking again does not reshuffle', async () => {
    const attune = await tennisReader(2);
    expect(ids(attune.rank(PAGE, { limit: 10 }))).toEqual(ids(attune.rank(PAGE, { limit: 10 })));
  });

  it('stops trying a topic the visitor keeps passing over, and not one they never saw', async () => {
    let golf = 0;
    let art = 0;
    for (let seed = 0; seed < 20; seed++) {
      const attune = await tennisReader(seed);
      // Golf was shown thirty times and never opened; art never shown.
      for (let i = 0; i < 30; i++) attune.track('impression', { item: `golf${i % 10}`, features: ['topic:golf'] });
      for (const { id } of attune.rank(PAGE, { limit: 10 }).filter(({ reasons }) => reasons[0]?.kind === 'explored')) {
        if (topic(id) === 'golf') golf++;
        if (topic(id) === 'art') art++;
      }
    }
    expect(art).toBeGreaterThan(10);
    expect(golf).toBeLessThan(3);
  });

  it('never tries an interest of the visitor as new, nor an item without features, which could not stop being tried', async () => {
    const tried = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const attune = await tennisReader(seed);
      // Golf is a lesser interest: two clicks beside tennis's five.
      for (let i = 0; i < 2; i++) attune.track('click', { item: `old-golf${i}`, features: ['topic:golf'] });
      const page = [...PAGE, ...Array.from({ length: 5 }, (_, i) => ({ id: `bare${i}` }))];
      for (const { id, reasons } of attune.rank(page, { limit: 10 })) if (reasons[0]?.kind === 'explored') tried.add(topic(id));
    }
    expect([...tried].sort()).toEqual(['art', 'cooking']);
  });

  it('counts the places in view around pinned items', async () => {
    const pinned = PAGE.map((candidate, i) => (i === 0 ? { ...candidate, pinned: true } : candidate));
    const ranked = (await tennisReader(1)).rank(pinned, { inView: 10 });
    // Nine places are free in view: share 0.2 tries the 5th of them, the 6th place in the list, and no place beyond view.
    expect(ranked.map(({ reasons }, place) => (reasons[0]?.kind === 'explored' ? place : -1)).filter((place) => place >= 0)).toEqual([5]);
  });

  it('leaves a new visitor and a paused one alone, and by default tries one place in twenty', async () => {
    const fresh = await createAttune({ ...base, exploration: 0.5 });
    expect(ids(fresh.rank(PAGE))).toEqual(ids(PAGE));
    const paused = await tennisReader(3);
    await paused.pause();
    expect(ids(paused.rank(PAGE))).toEqual(ids(PAGE));
    const byDefault = await tennisReader(3, { exploration: undefined });
    const tried = byDefault.rank(PAGE, { limit: 20 }).map(({ reasons }) => reasons[0]?.kind === 'explored');
    expect(tried).toEqual([...Array.from({ length: 19 }, () => false), true]);
  });

  it('follows a slot’s data-attune-exploration, and refuses a bad value, naming it', async () => {
    await expect(createAttune({ ...base, exploration: 1.5 })).rejects.toThrow(/option exploration/);
    await expect(createAttune({ ...base, environment: { random: 0.5 as unknown as () => number } })).rejects.toThrow(/option environment/);
    const attune = await tennisReader(4, { exploration: 0 });
    expect(() => attune.rank(PAGE, { exploration: -0.1 })).toThrow(/rank\(\): exploration/);
    expect(() => attune.rank(PAGE, { inView: 2.5 })).toThrow(/rank\(\): inView must be a whole number ≥ 0, got 2.5/);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const items = PAGE.map(({ id, features }) => `<li data-attune-item="${id}" data-attune-features="${features!.join(' ')}">${id}</li>`).join('');
    document.body.innerHTML = `<ul id="explore" data-attune-slot="a" data-attune-limit="10" data-attune-exploration="0.2">${items}</ul><ul data-attune-slot="b" data-attune-exploration="much">${items}</ul>`;
    attune.apply();
    const shown = [...document.getElementById('explore')!.children].filter((li) => !li.hasAttribute('hidden'));
    expect(shown.filter((li) => !li.getAttribute('data-attune-item')!.startsWith('tennis'))).toHaveLength(2);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('data-attune-exploration="much"'));
  });
});

describe('the visitor’s surprise dial', () => {
  /** A tennis fan's page: six tennis stories by one author, then six on other topics. */
  const PAGE: Candidate[] = [
    ...Array.from({ length: 6 }, (_, i) => ({ id: `t${i}`, features: ['topic:tennis', 'author:jane'] })),
    ...['golf', 'art', 'cooking', 'science', 'travel', 'music'].map((topic) => ({ id: topic, features: [`topic:${topic}`] })),
  ];
  const others = (ranked: { id: string }[]) => ranked.slice(0, 6).filter(({ id }) => !id.startsWith('t')).length;
  async function fan() {
    const attune = await createAttune({ ...base, strength: 1, environment: { random: mulberry32(9) } });
    // Fifteen stories read: the visitor's order fills the view (the site keeps a share of it only while a profile is thin).
    for (let i = 0; i < 15; i++) attune.track('click', { item: `old${i}`, features: ['topic:tennis', 'author:jane'] });
    return attune;
  }

  it('brings in more that is different and new as the visitor turns it toward "surprise me"', async () => {
    const attune = await fan();
    const counts: number[] = [];
    for (const level of [0, 0.25, 0.75, 1]) {
      await attune.setSurprise(level);
      counts.push(others(attune.rank(PAGE, { inView: 6 })));
    }
    // A strong tennis fan keeps an all-tennis top six near the defaults; past them, more and more else comes in.
    expect(counts[0]).toBe(0);
    for (let step = 1; step < counts.length; step++) expect(counts[step]).toBeGreaterThanOrEqual(counts[step - 1]!);
    expect(counts[3]).toBeGreaterThanOrEqual(3);
  });

  it('yields to a ranking that names its own diversity and exploration', async () => {
    const attune = await fan();
    await attune.setSurprise(1);
    expect(others(attune.rank(PAGE, { diversity: 0, exploration: 0 }))).toBe(0);
  });
});
