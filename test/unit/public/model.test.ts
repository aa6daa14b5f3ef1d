import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttune, loadModel, type AttuneOptions, type Candidate, type RankedItem } from 'attune';
// The builder from source, so the `unit` project needs no build; `unit:dist` reads the same bytes with the built module.
import { buildModel, type LoggedInteraction } from '../../../tools/model/build';
import { mulberry32 } from '../internal/model/two-clusters';
import { freshIndexedDB, open } from './helpers';

afterEach(() => vi.restoreAllMocks());

/**
 * Three tastes of eight items each (a0..a7, b0..b7, c0..c7) and 60 readers, 20
 * a taste: each chose five items of their own taste and, three times in ten,
 * one of another. The catalogue has no features or text, so only what people
 * chose together ties an item to another.
 */
const TASTES = ['a', 'b', 'c'] as const;
const PER_TASTE = 8;

function population(seed: number): LoggedInteraction[] {
  const random = mulberry32(seed);
  const logs: LoggedInteraction[] = [];
  for (let reader = 0; reader < 60; reader++) {
    const taste = TASTES[reader % 3]!;
    const own = Array.from({ length: PER_TASTE }, (_, i) => `${taste}${i}`);
    // Fisher–Yates: which five of their taste a reader chose is random.
    for (let i = own.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [own[i], own[j]] = [own[j]!, own[i]!];
    }
    for (const item of own.slice(0, 5)) logs.push({ user: `reader-${reader}`, item });
    if (random() < 0.3) logs.push({ user: `reader-${reader}`, item: `${TASTES[(reader + 1) % 3]}${Math.floor(random() * PER_TASTE)}` });
  }
  return logs;
}

const catalogue = TASTES.flatMap((taste) => Array.from({ length: PER_TASTE }, (_, i) => ({ id: `${taste}${i}` })));
const MODEL_BYTES = buildModel({ catalogue, interactions: population(7) }, { factors: 8, iterations: 10, seed: 1 }).bytes;

/** What the visitor chose: three items of taste a. */
const CHOSEN = ['a0', 'a1', 'a2'];
const UNSEEN_A = ['a3', 'a4', 'a5', 'a6', 'a7'];
const UNSEEN_B = ['b3', 'b4', 'b5', 'b6', 'b7'];
/**
 * The site's order, without a feature anywhere: tastes mixed, and the unseen
 * a items low, so lifting them is the model's doing.
 */
const FRONT_PAGE: Candidate[] = ['b3', 'c3', 'b4', 'c4', 'a5', 'b5', 'c5', 'a6', 'b6', 'a7', 'c6', 'a3', 'b7', 'a4'].map((id) => ({ id }));
const SITE_ORDER = FRONT_PAGE.map(({ id }) => id);
const ids = (ranked: readonly RankedItem[]) => ranked.map(({ id }) => id);
const kinds = (item: RankedItem | undefined) => item?.reasons.map(({ kind }) => kind) ?? [];

const base: AttuneOptions = { storage: 'memory', consent: 'granted', autoTrack: false };

/** A visitor who chose the a items of {@link CHOSEN}; strength 1 lets an item climb the whole list. */
async function tasteAFan(options: AttuneOptions = {}) {
  const attune = await createAttune({ ...base, model: MODEL_BYTES, strength: 1, ...options });
  for (const item of CHOSEN) attune.track('click', { item });
  return attune;
}

const meanPlace = (order: readonly string[], items: readonly string[]) => items.reduce((sum, id) => sum + order.indexOf(id), 0) / items.length;

/**
 * What a fan of one taste should see: an unseen item of that taste on top,
 * and the unseen items of that taste placed higher, on average, than the items
 * of each other taste. Not every one above every other: the model's popularity
 * part and the site's order still count.
 */
function expectLifted(ranked: readonly RankedItem[], unseen: readonly string[]): void {
  const order = ids(ranked);
  const shown = order.join(' ');
  expect(unseen, shown).toContain(order[0]);
  for (const taste of TASTES.filter((taste) => !unseen[0]!.startsWith(taste))) {
    const others = order.filter((id) => id.startsWith(taste));
    expect(meanPlace(order, unseen), `${taste} in ${shown}`).toBeLessThan(meanPlace(order, others));
  }
}
const expectTasteALifted = (ranked: readonly RankedItem[]) => expectLifted(ranked, UNSEEN_A);

describe("the site's model", () => {
  it('lifts what people with the same taste chose, though no candidate has a feature, and says so', async () => {
    const attune = await tasteAFan();
    const ranked = attune.rank(FRONT_PAGE);

    expectTasteALifted(ranked);
    for (const id of UNSEEN_A) {
      const item = ranked.find((entry) => entry.id === id);
      expect(kinds(item), id).toContain('collaborative');
      expect(item?.reasons.find(({ kind }) => kind === 'collaborative')).toMatchObject({
        text: 'Chosen by people who chose what you did',
        contribution: expect.any(Number),
      });
    }
    // No b or c item is said to be chosen by people like this visitor.
    for (const item of ranked.filter(({ id }) => !id.startsWith('a'))) expect(kinds(item), item.id).not.toContain('collaborative');
  });

  it("keeps the site's order for the same visitor without a model: the candidates have no features to match", async () => {
    const attune = await createAttune({ ...base, strength: 1 });
    for (const item of CHOSEN) attune.track('click', { item });
    const ranked = attune.rank(FRONT_PAGE);
    expect(ids(ranked)).toEqual(SITE_ORDER);
    expect(ranked.flatMap((item) => kinds(item)).every((kind) => kind === 'site-order')).toBe(true);
  });

  it('folds in the history stored on an earlier page view', async () => {
    const indexedDB = freshIndexedDB();
    const first = await open(indexedDB, { model: MODEL_BYTES });
    for (const item of CHOSEN) first.track('click', { item });
    await first.close();

    const next = await open(indexedDB, { model: MODEL_BYTES, strength: 1 });
    expectTasteALifted(next.rank(FRONT_PAGE));
    await next.close();
  });

  it('explains a lifted item in the words of its reason', async () => {
    const attune = await tasteAFan();
    const ranked = attune.rank(FRONT_PAGE);
    const lifted = ranked.find(({ id }, place) => UNSEEN_A.includes(id) && place < SITE_ORDER.indexOf(id))!;
    expect(lifted, 'an unseen a item above its site position').toBeDefined();
    const explained = await attune.explain(lifted.id);
    expect(explained).toContain('Chosen by people who chose what you did');
    expect(explained).toContain(`The site’s pick #${SITE_ORDER.indexOf(lifted.id) + 1}`);
  });

  it('lifts no item with a feature the visitor asked for less of, however many people like them chose it', async () => {
    const attune = await tasteAFan();
    // The a items are also stories of one topic, which the visitor then asks for less of.
    const page = FRONT_PAGE.map(({ id }) => ({ id, features: [`topic:${id[0]}`] }));
    attune.prefer('topic:a', -1);
    const ranked = attune.rank(page);
    for (const id of UNSEEN_A) {
      const item = ranked.find((entry) => entry.id === id)!;
      expect(kinds(item), id).not.toContain('collaborative');
      expect(ranked.indexOf(item), `${id} in ${ids(ranked).join(' ')}`).toBeGreaterThanOrEqual(SITE_ORDER.indexOf(id));
    }
  });

  it("gives the site's order while paused, model or not", async () => {
    const attune = await tasteAFan();
    await attune.pause();
    const ranked = attune.rank(FRONT_PAGE);
    expect(ids(ranked)).toEqual(SITE_ORDER);
    expect(ranked.flatMap((item) => kinds(item)).every((kind) => kind === 'site-order')).toBe(true);
    await attune.resume();
    expectTasteALifted(attune.rank(FRONT_PAGE));
  });

  it('ranks a list the model knows nothing of by its features, as without a model', async () => {
    const candidates: Candidate[] = [
      { id: 'x-golf', features: ['topic:golf'] },
      { id: 'x-science', features: ['topic:science'] },
      { id: 'x-travel', features: ['topic:travel'] },
      { id: 'x-tennis', features: ['topic:tennis'] },
    ];
    const withModel = await createAttune({ ...base, model: MODEL_BYTES });
    const withoutModel = await createAttune(base);
    for (const attune of [withModel, withoutModel]) {
      for (const item of ['t1', 't2', 't3']) attune.track('click', { item, features: ['topic:tennis'] });
    }
    const ranked = withModel.rank(candidates);
    expect(ids(ranked)).toEqual(ids(withoutModel.rank(candidates)));
    expect(ids(ranked).indexOf('x-tennis')).toBeLessThan(3);
    expect(ranked.find(({ id }) => id === 'x-tennis')?.reasons[0]).toMatchObject({ kind: 'interest', text: 'Your interest in tennis (topic)' });
    expect(ranked.flatMap((item) => kinds(item))).not.toContain('collaborative');
  });

  it('ranks items the model does not know by their features among items it knows', async () => {
    const attune = await tasteAFan();
    for (const item of ['t1', 't2', 't3']) attune.track('click', { item, features: ['topic:tennis'] });
    const unknown: Candidate[] = [
      { id: 'x-golf', features: ['topic:golf'] },
      { id: 'x-tennis', features: ['topic:tennis'] },
    ];
    const ranked = attune.rank([...FRONT_PAGE, ...unknown]);
    const order = ids(ranked);
    // Up several places from last but one, with its reason; the golf story, matching nothing, stays below it.
    expect(order.indexOf('x-tennis'), order.join(' ')).toBeLessThan(FRONT_PAGE.length - 4);
    expect(order.indexOf('x-golf')).toBeGreaterThan(order.indexOf('x-tennis'));
    expect(ranked.find(({ id }) => id === 'x-tennis')?.reasons.map(({ text }) => text)).toContain('Your interest in tennis (topic)');
    expect(kinds(ranked.find(({ id }) => id === 'x-tennis'))).not.toContain('collaborative');
    expectTasteALifted(ranked);
  });
});

describe('loadModel()', () => {
  it('decodes the bytes once into a model that instances share, each with its own visitor', async () => {
    const model = await loadModel(MODEL_BYTES);
    expect(model.items).toHaveLength(catalogue.length);
    expect(await loadModel(model)).toBe(model);

    const fanOfA = await createAttune({ ...base, model, strength: 1 });
    const fanOfB = await createAttune({ ...base, model, strength: 1 });
    for (const item of CHOSEN) fanOfA.track('click', { item });
    for (const item of ['b0', 'b1', 'b2']) fanOfB.track('click', { item });

    expectTasteALifted(fanOfA.rank(FRONT_PAGE));
    // The a fan's clicks did not reach the b fan.
    expectLifted(fanOfB.rank(FRONT_PAGE), UNSEEN_B);
  });

  it('reads bytes that start anywhere in a buffer', async () => {
    const padded = new Uint8Array(MODEL_BYTES.length + 3);
    padded.set(MODEL_BYTES, 1);
    const model = await loadModel(padded.subarray(1, 1 + MODEL_BYTES.length));
    expect(model.items).toEqual((await loadModel(MODEL_BYTES)).items);
  });
});

describe('a model that cannot be used', () => {
  it('prints one [attune] warning and ranks by features as without a model', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const corrupt = MODEL_BYTES.slice();
    corrupt[corrupt.length >> 1]! ^= 0xff;
    const attune = await createAttune({ ...base, model: corrupt });
    const plain = await createAttune(base);
    for (const instance of [attune, plain]) {
      for (const item of ['t1', 't2', 't3']) instance.track('click', { item, features: ['topic:tennis'] });
    }

    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[attune\] /);
    const candidates: Candidate[] = [{ id: 'b3' }, { id: 'x-golf', features: ['topic:golf'] }, { id: 'x-tennis', features: ['topic:tennis'] }, { id: 'a3' }];
    const ranked = attune.rank(candidates);
    expect(ids(ranked)).toEqual(ids(plain.rank(candidates)));
    expect(ids(ranked).indexOf('x-tennis')).toBeLessThan(2);
    expect(ranked.flatMap((item) => kinds(item))).not.toContain('collaborative');
  });

  it.each<[string, unknown]>([
    ['a number', 42],
    ['an empty URL', ''],
    ['an object that is not a model', { items: ['a0'] }],
    ['null', null],
  ])('is refused when it is %s, with a TypeError naming the model option', async (_, model) => {
    await expect(createAttune({ ...base, model: model as AttuneOptions['model'] })).rejects.toThrow(TypeError);
    await expect(createAttune({ ...base, model: model as AttuneOptions['model'] })).rejects.toThrow(/option model/);
  });
});

describe('blend', () => {
  it.each<[string, unknown]>([
    ['an unknown part', { serendipity: 1 }],
    ['a name every object inherits', { constructor: 1 }],
    ['a weight above 10', { collaborative: 11 }],
    ['a negative weight', { popularity: -0.5 }],
    ['a weight that is not a number', { content: '1' }],
    ['NaN', { features: Number.NaN }],
    ['not an object', 'collaborative'],
  ])('is refused for %s, with a TypeError naming blend', async (_, blend) => {
    const options = { ...base, model: MODEL_BYTES, blend: blend as AttuneOptions['blend'] };
    await expect(createAttune(options)).rejects.toThrow(TypeError);
    await expect(createAttune(options)).rejects.toThrow(/option blend/);
  });

  it('weighs the parts as given: all at zero, the site order stays', async () => {
    // Re-ranking off too: diversity and exploration would move items of their own.
    const silent = await tasteAFan({ blend: { collaborative: 0, content: 0, features: 0, popularity: 0 }, diversity: 0, exploration: 0 });
    expect(ids(silent.rank(FRONT_PAGE))).toEqual(SITE_ORDER);
    const collaborativeOnly = await tasteAFan({ blend: { content: 0, features: 0, popularity: 0 } });
    expectTasteALifted(collaborativeOnly.rank(FRONT_PAGE));
  });
});

describe('settings tuned into the model', () => {
  const DAY_MS = 86_400_000;
  /** The same model, with ranking settings as `attune build-model` tunes them on the logs. */
  const tunedModel = (tuned: object) => buildModel({ catalogue, interactions: population(7) }, { factors: 8, iterations: 10, seed: 1, tuned }).bytes;
  const quiet = { diversity: 0, exploration: 0 };

  it('are used where the site sets none, and the site wins where it sets one', async () => {
    const still = tunedModel({ strength: 0 });
    const tunedOnly = await createAttune({ ...base, ...quiet, model: still });
    for (const item of CHOSEN) tunedOnly.track('click', { item });
    // Strength 0 from the model: the site's order, nudged by nothing.
    expect(ids(tunedOnly.rank(FRONT_PAGE))).toEqual(SITE_ORDER);
    expectTasteALifted((await tasteAFan({ model: still })).rank(FRONT_PAGE));
  });

  it('take a blend part by part: the parts the site names are its own', async () => {
    const noCollaborative = tunedModel({ blend: { collaborative: 0 } });
    const fromModel = (await tasteAFan({ ...quiet, model: noCollaborative })).rank(FRONT_PAGE);
    expect(fromModel.flatMap((item) => kinds(item))).not.toContain('collaborative');
    const siteNamesIt = (await tasteAFan({ model: noCollaborative, blend: { collaborative: 1 } })).rank(FRONT_PAGE);
    expectTasteALifted(siteNamesIt);
  });

  it('set diversity where the site sets none, and the site wins where it sets it', async () => {
    // Diversity tells items apart by their features: each item's taste.
    const taste = (id: string) => [`taste:${id[0]}`];
    const page = FRONT_PAGE.map(({ id }) => ({ id, features: taste(id) }));
    const open = tunedModel({ diversity: 1 });
    const visitor = async (options: AttuneOptions) => {
      const attune = await createAttune({ ...base, model: open, exploration: 0, ...options });
      for (const item of CHOSEN) attune.track('click', { item, features: taste(item) });
      return attune;
    };
    const [fromModel, asIfSet, siteOff] = await Promise.all([visitor({}), visitor({ diversity: 1 }), visitor({ diversity: 0 })]);
    const ranked = fromModel.rank(page);
    expect(ranked.map((item) => [item.id, kinds(item)])).toEqual(asIfSet.rank(page).map((item) => [item.id, kinds(item)]));
    // Places go to items unlike those above them, with that reason.
    expect(ranked.some((item) => kinds(item).includes('different'))).toBe(true);
    expect(siteOff.rank(page).some((item) => kinds(item).includes('different'))).toBe(false);
  });

  it('set the half-life the profile fades with, and say so in the export', async () => {
    const fast = tunedModel({ halfLife: 3 * DAY_MS });
    const tuned = await createAttune({ ...base, model: fast });
    expect((await tuned.export()).settings.halfLifeMs).toBe(3 * DAY_MS);
    const own = await createAttune({ ...base, model: fast, halfLife: '14d' });
    expect((await own.export()).settings.halfLifeMs).toBe(14 * DAY_MS);
  });

  it('fade what the visitor did before the model arrived at the tuned half-life', async () => {
    let now = Date.UTC(2026, 0, 1);
    let arrive = (_: Response) => {};
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => (arrive = resolve)));
    try {
      // The page does not wait for the model: the click is learned before it arrives.
      const attune = await createAttune({ ...base, model: 'https://example.test/tuned.bin', renderBudget: 0, environment: { now: () => now } });
      attune.track('click', { item: 'x', features: ['topic:tennis'] });
      arrive(new Response(tunedModel({ halfLife: 3 * DAY_MS }).slice().buffer as ArrayBuffer));
      await vi.waitFor(async () => expect((await attune.export()).settings.halfLifeMs).toBe(3 * DAY_MS));
      now += 3 * DAY_MS;
      // One click three days ago, at a half-life of three days: half its weight (at 14 days it would keep 86 %).
      expect(attune.profile().find(({ feature }) => feature === 'topic:tennis')?.weight).toBeCloseTo(0.5, 5);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('are left out with a model that cannot be used', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const corrupt = tunedModel({ strength: 0, halfLife: DAY_MS }).slice();
    corrupt[corrupt.length >> 1]! ^= 0xff;
    const attune = await createAttune({ ...base, model: corrupt });
    expect((await attune.export()).settings).toMatchObject({ strength: 0.5, halfLifeMs: 14 * DAY_MS });
  });
});

describe('what the model may and may not learn from', () => {
  /** A visitor with no history: the site's order, nudged by the model's popularity. */
  const newcomer = () => createAttune({ ...base, model: MODEL_BYTES, strength: 1 });

  it('does not learn the items of an interaction with a sensitive feature', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const attune = await createAttune({ ...base, model: MODEL_BYTES, strength: 1 });
    for (const item of CHOSEN) attune.track('click', { item, features: ['health:oncology'] });
    expect(ids(attune.rank(FRONT_PAGE))).toEqual(ids((await newcomer()).rank(FRONT_PAGE)));
    expect(attune.rank(FRONT_PAGE).flatMap((item) => kinds(item))).not.toContain('collaborative');
  });

  it('forgets the items that carried a forgotten interest', async () => {
    const attune = await createAttune({ ...base, model: MODEL_BYTES, strength: 1 });
    for (const item of CHOSEN) attune.track('click', { item, features: ['topic:tennis'] });
    expectTasteALifted(attune.rank(FRONT_PAGE));
    await attune.forget('topic:tennis');
    expect(ids(attune.rank(FRONT_PAGE))).toEqual(ids((await newcomer()).rank(FRONT_PAGE)));
  });

  it('learns history out of time order as in order', async () => {
    const day = 86_400_000;
    // The same seed: exploration draws alike for both.
    const environment = () => ({ now: () => 60 * day, random: mulberry32(1) });
    const inOrder = await createAttune({ ...base, model: MODEL_BYTES, environment: environment() });
    const outOfOrder = await createAttune({ ...base, model: MODEL_BYTES, environment: environment() });
    inOrder.track('click', { item: 'a0', at: 10 * day });
    inOrder.track('click', { item: 'a0', at: 50 * day });
    outOfOrder.track('click', { item: 'a0', at: 50 * day });
    outOfOrder.track('click', { item: 'a0', at: 10 * day });
    const scores = (ranked: RankedItem[]) => ranked.map(({ id, score }) => `${id} ${score.toFixed(9)}`);
    expect(scores(outOfOrder.rank(FRONT_PAGE))).toEqual(scores(inOrder.rank(FRONT_PAGE)));
  });

  it('says nothing of "people who chose what you did" to a visitor who only turned items down', async () => {
    const attune = await createAttune({ ...base, model: MODEL_BYTES, strength: 1 });
    for (const item of CHOSEN) attune.dislike(item);
    expect(attune.rank(FRONT_PAGE).flatMap((item) => kinds(item))).not.toContain('collaborative');
  });

  it('keeps a new item nobody has chosen yet where the site put it for a first visit', async () => {
    const fresh = buildModel({ catalogue: [...catalogue, { id: 'new' }], interactions: population(7) }, { factors: 8, iterations: 10 }).bytes;
    const attune = await createAttune({ ...base, model: fresh });
    const ranked = ids(attune.rank([{ id: 'new' }, ...FRONT_PAGE]));
    expect(ranked.indexOf('new'), ranked.join(' ')).toBeLessThan(3);
  });

  it('does not keep the page waiting for a model that never arrives', async () => {
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    try {
      const started = Date.now();
      const attune = await createAttune({ ...base, model: 'https://example.test/never.bin', renderBudget: 50 });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(ids(attune.rank(FRONT_PAGE))).toEqual(SITE_ORDER);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('freshness', () => {
  const DAY = 86_400_000;
  const now = 100 * DAY;
  const news: Candidate[] = [
    { id: 'old', publishedAt: now - 30 * DAY },
    { id: 'older', publishedAt: now - 60 * DAY },
    { id: 'undated' },
    { id: 'new', publishedAt: now - DAY },
  ];

  it('lifts what was published recently where the site asks for it, with its reason', async () => {
    const attune = await createAttune({ ...base, environment: { now: () => now }, blend: { freshness: 2 } });
    const ranked = attune.rank(news);
    expect(ids(ranked)[0]).toBe('new');
    expect(ranked[0]!.reasons.map(({ text }) => text)).toContain('New on this site');
    expect(ids(ranked).indexOf('older')).toBe(3);
  });

  it('leaves the site order alone by default', async () => {
    const attune = await createAttune({ ...base, environment: { now: () => now } });
    expect(ids(attune.rank(news))).toEqual(news.map(({ id }) => id));
  });

  it('refuses a publication time that is not a number, naming it', async () => {
    const attune = await createAttune(base);
    expect(() => attune.rank([{ id: 'x', publishedAt: Number.NaN }])).toThrow(/publishedAt of candidate 0/);
  });
});
