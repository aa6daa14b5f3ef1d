import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttune, type Candidate } from 'attune';

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
  it('leave the ranking alone by default', async () => {
    const attune = await createAttune(base);
    expect(ids(attune.rank(FRONT))).toEqual(ids(FRONT));
  });

  it('bring something different up, and say so', async () => {
    const attune = await createAttune({ ...base, diversity: 0.5 });
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

  it('are kept or left out as asked, per call, per slot, or for the instance', async () => {
    const kept = await createAttune({ ...base, seen: 'keep' });
    kept.track('click', { item: 'read' });
    expect(ids(kept.rank(LIST))).toEqual(ids(LIST));
    expect(ids(kept.rank(LIST, { seen: 'hide' }))).toEqual(['b', 'c']);
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
    const attune = await createAttune({ ...base, strength: 1, ...options });
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
