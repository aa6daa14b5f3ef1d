import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttune, type Attune } from 'attune';
import { freshIndexedDB, open } from './helpers';

const holdout = { share: 0.1, outcomes: ['purchase', 'signup'] };
const ITEMS = [
  { id: 'golf', features: ['topic:golf'] },
  { id: 'cake', features: ['topic:cooking'] },
  { id: 'tennis', features: ['topic:tennis'] },
];
const ids = (ranked: readonly { id: string }[]) => ranked.map(({ id }) => id);
const HOLDOUT_TEXT = 'You are in the group that sees the site’s own order';

/** The device's next draws, as fractions of 2³²: below the share puts the visitor in the holdout. */
function drawsOf(...draws: number[]) {
  return vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation((array) => {
    (array as Uint32Array)[0] = Math.floor((draws.shift() ?? 0.5) * 2 ** 32);
    return array;
  });
}

function tennisFan(attune: Attune): Attune {
  for (let i = 0; i < 6; i++) attune.track('click', { item: `t${i}`, features: ['topic:tennis'] });
  return attune;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('holdout', () => {
  it("shows a visitor in the holdout the site's order in rank(), says so in explain(), and goes on learning", async () => {
    drawsOf(0.05);
    const attune = tennisFan(await createAttune({ storage: 'memory', strength: 1, holdout }));
    expect(ids(attune.rank(ITEMS))).toEqual(['golf', 'cake', 'tennis']);
    expect(ids(attune.rank(ITEMS, { limit: 2 }))).toEqual(['golf', 'cake']);
    expect(attune.profile()[0]!.feature).toBe('topic:tennis');
    const explained = await attune.explain('golf');
    expect(explained[0]).toBe(HOLDOUT_TEXT);
    expect((await attune.export()).holdout).toMatchObject({ share: 0.1, outcomes: ['purchase', 'signup'], group: 'holdout' });
    // A mistake in a call is one in either group.
    expect(() => attune.rank(ITEMS, { diversity: 2 })).toThrow(TypeError);
    await attune.close();
  });

  it('personalizes for a visitor in the personalized group', async () => {
    drawsOf(0.5);
    const attune = tennisFan(await createAttune({ storage: 'memory', strength: 1, holdout }));
    expect(ids(attune.rank(ITEMS))[0]).toBe('tennis');
    expect(await attune.explain('tennis')).not.toContain(HOLDOUT_TEXT);
    expect((await attune.export()).holdout?.group).toBe('personal');
    await attune.close();
  });

  it("keeps a visitor's slots in the site's order in the holdout", async () => {
    drawsOf(0.01);
    document.body.innerHTML = `<ul data-attune-slot="front">${ITEMS.map(({ id, features }) => `<li data-attune-item="${id}" data-attune-features="${features.join(' ')}"></li>`).join('')}</ul>`;
    const attune = tennisFan(await createAttune({ storage: 'memory', strength: 1, holdout }));
    attune.apply();
    expect([...document.querySelectorAll('[data-attune-item]')].map((li) => li.getAttribute('data-attune-item'))).toEqual(['golf', 'cake', 'tennis']);
    await attune.close();
    document.body.replaceChildren();
  });

  it('draws the group once and keeps it across page views, exports and imports it, and draws anew after an erase', async () => {
    const indexedDB = freshIndexedDB();
    let now = 1_700_000_000_000;
    drawsOf(0.05, 0.9);
    const first = await open(indexedDB, { holdout, environment: { now: () => now } });
    first.rank(ITEMS);
    const exported = await first.export();
    expect(exported.holdout).toEqual({ share: 0.1, outcomes: ['purchase', 'signup'], group: 'holdout', assignedAt: now });
    await first.close();

    now += 86_400_000;
    // The next draw would say personal: the stored group is kept instead.
    const reloaded = await open(indexedDB, { holdout, environment: { now: () => now } });
    reloaded.rank(ITEMS);
    expect((await reloaded.export()).holdout).toMatchObject({ group: 'holdout', assignedAt: now - 86_400_000 });

    await reloaded.erase();
    expect((await reloaded.export()).holdout).toEqual({ share: 0.1, outcomes: ['purchase', 'signup'] });
    await reloaded.consent.grant();
    reloaded.rank(ITEMS);
    expect((await reloaded.export()).holdout).toMatchObject({ group: 'personal', assignedAt: now });
    await reloaded.close();

    // On another device the visitor keeps the group the file carries.
    const elsewhere = await open(freshIndexedDB(), { holdout });
    await elsewhere.import(JSON.parse(JSON.stringify(exported)));
    expect((await elsewhere.export()).holdout).toMatchObject({ group: 'holdout', assignedAt: exported.holdout!.assignedAt });
    await expect(elsewhere.import({ ...exported, holdout: { ...exported.holdout, group: 'control' } })).rejects.toThrow(/import\(\).*holdout/);
    await elsewhere.close();
  });

  it('keeps the group when the visitor forgets an interest', async () => {
    drawsOf(0.05);
    const attune = tennisFan(await open(freshIndexedDB(), { holdout }));
    attune.rank(ITEMS);
    await attune.forget('topic:tennis');
    expect((await attune.export()).holdout?.group).toBe('holdout');
    await attune.close();
  });

  it('records outcomes without a weight of their own, teaching no interest', async () => {
    const attune = await createAttune({ storage: 'memory', holdout });
    attune.track('signup', { features: ['topic:news'] });
    expect((await attune.export()).interactions.map(({ type }) => type)).toEqual(['signup']);
    expect(attune.profile().find(({ feature }) => feature === 'topic:news')?.weight ?? 0).toBe(0);
    await attune.close();
  });

  it('reports the group and one randomized bit per outcome, within the same consent', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    drawsOf(0.05);
    const reporting = { endpoint: '/attune-reports', epsilon: 1, features: ['topic:tennis'] };
    const attune = await open(freshIndexedDB(), { consent: 'required', reporting, holdout });
    attune.track('purchase', { item: 'racket', features: ['topic:tennis'] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetch).not.toHaveBeenCalled();
    await attune.consent.grant();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledOnce());
    const body = JSON.parse((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body as string);
    expect(Object.keys(body).sort()).toEqual(['bits', 'epsilon', 'features', 'holdout', 'version']);
    expect(body).toMatchObject({ version: 2, epsilon: 1, features: ['topic:tennis'], holdout: { group: 'holdout', outcomes: ['purchase', 'signup'] } });
    expect(body.bits).toHaveLength(2);
    expect(body.holdout.bits).toHaveLength(2);
    expect(body.holdout.bits.every((bit: number) => bit === 0 || bit === 1)).toBe(true);
    await attune.close();
  });

  it('refuses a holdout it cannot run, naming the option and its rule', async () => {
    for (const bad of [
      { share: 0, outcomes: ['purchase'] },
      { share: 0.6, outcomes: ['purchase'] },
      { share: 0.1, outcomes: [] },
      { share: 0.1, outcomes: ['purchase', 'purchase'] },
      { share: 0.1, outcomes: ['a purchase'] },
      { share: 0.1 },
      'purchase',
    ]) {
      const made = createAttune({ storage: 'memory', holdout: bad as never });
      await expect(made).rejects.toBeInstanceOf(TypeError);
      await expect(made).rejects.toThrow(
        "createAttune(): option holdout must be { share: a number above 0 and at most 0.5, outcomes: 1 to 8 different interaction types like 'purchase' }",
      );
    }
  });
});
