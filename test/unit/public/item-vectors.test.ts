import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttune, loadModel, type AttuneOptions, type Candidate, type RankedItem } from 'attune';
// The builder from source, so the `unit` project needs no build; `unit:dist` reads the same bytes with the built module.
import { buildModel, type LoggedInteraction } from '../../../tools/model/build';
import { globalPart, itemVectorTexts } from '../../../tools/model/item-vectors';
import { mulberry32 } from '../internal/model/two-clusters';
import { freshIndexedDB, open, storedEvents } from './helpers';

afterEach(() => vi.restoreAllMocks());

/** Two tastes of ten items each, every item with a feature of its taste and a word in its text, and 40 readers. */
const TASTES = ['a', 'b'] as const;
const catalogue = TASTES.flatMap((taste) =>
  Array.from({ length: 10 }, (_, i) => ({ id: `${taste}${i}`, features: [`topic:${taste}`], text: `${taste === 'a' ? 'river' : 'mountain'} story ${i}` })),
);

function readers(seed: number): LoggedInteraction[] {
  const random = mulberry32(seed);
  const logs: LoggedInteraction[] = [];
  for (let reader = 0; reader < 40; reader++) {
    const taste = TASTES[reader % 2]!;
    for (let i = 0; i < 10; i++) if (random() < 0.5) logs.push({ user: `r${reader}`, item: `${taste}${i}` });
    if (random() < 0.3) logs.push({ user: `r${reader}`, item: `${TASTES[(reader + 1) % 2]}${Math.floor(random() * 10)}` });
  }
  return logs;
}

const built = buildModel({ catalogue, interactions: readers(3) }, { factors: 8, iterations: 10, seed: 1, contentWidth: 256 });
const FULL = built.bytes;
const GLOBAL = globalPart(built.parts);
const VECTORS = itemVectorTexts(built.parts);

/** A fixed clock, so nothing fades between a ranking and the one it is compared with. */
const environment = { now: () => Date.UTC(2026, 11, 1) };
const base: AttuneOptions = { storage: 'memory', consent: 'granted', autoTrack: false, strength: 1, environment };
/** The site's order: tastes mixed. */
const ORDER = ['b1', 'a9', 'b2', 'a8', 'b3', 'a7', 'b4', 'a6', 'b5', 'a5'];
const candidates = (withVectors: boolean): Candidate[] =>
  ORDER.map((id) => ({ id, features: [`topic:${id[0]}`], ...(withVectors && { vector: VECTORS.get(id)! }) }));
const scores = (ranked: readonly RankedItem[]) => Object.fromEntries(ranked.map(({ id, score }) => [id, score]));
/** The same ranking: order and scores, to float rounding (a reloaded profile's sums are added up in another order). */
function expectSameRanking(ranked: readonly RankedItem[], expected: readonly RankedItem[]): void {
  expect(ranked.map(({ id }) => id)).toEqual(expected.map(({ id }) => id));
  for (const [id, score] of Object.entries(scores(expected))) expect(scores(ranked)[id]).toBeCloseTo(score, 6);
}

describe('item vectors carried by the items', () => {
  it('rank as the full model file does: the same order and scores from the global part and the vectors', async () => {
    const full = await createAttune({ ...base, model: FULL });
    const carried = await createAttune({ ...base, model: GLOBAL });
    for (const item of ['a0', 'a1', 'a2']) {
      full.track('click', { item, features: ['topic:a'] });
      carried.track('click', { item, features: ['topic:a'], vector: VECTORS.get(item)! });
    }
    const fromFile = full.rank(candidates(false));
    const fromVectors = carried.rank(candidates(true));
    expectSameRanking(fromVectors, fromFile);
    // The model's parts counted: an a item rose with the reasons of a model.
    expect(fromVectors[0]!.id[0]).toBe('a');
    expect(fromVectors[0]!.reasons.map(({ kind }) => kind)).toContain('collaborative');
  });

  it('keeps a global part small whatever the catalogue, and refuses one that is damaged', async () => {
    // 8 × 8 Gramian in float32, the header and the checksum.
    expect(GLOBAL.length).toBeLessThan(1024);
    const damaged = GLOBAL.slice();
    damaged[damaged.length - 10]! ^= 0xff;
    await expect(loadModel(damaged)).rejects.toThrow(/corrupt/);
    await expect(loadModel(GLOBAL.subarray(0, GLOBAL.length - 8))).rejects.toThrow(/truncated|corrupt/);
  });

  it('ranks an item whose vector is malformed without it, with one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const attune = await createAttune({ ...base, model: GLOBAL });
    attune.track('click', { item: 'a0', features: ['topic:a'], vector: VECTORS.get('a0')! });
    const bad = candidates(true).map((candidate) => (candidate.id === 'a9' ? { ...candidate, vector: 'AQc!!' } : candidate));
    const ranked = attune.rank(bad);
    attune.rank(bad);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[attune\] the vector of item "a9"/);
    // Without its vector a9 has no model row: no collaborative reason, and the others still have one.
    expect(ranked.find(({ id }) => id === 'a9')!.reasons.map(({ kind }) => kind)).not.toContain('collaborative');
    expect(() => attune.rank([{ id: 'x', vector: 7 as unknown as string }])).toThrow(TypeError);
  });

  it('ranks one array again by the vectors its items carry now, not those it carried when first ranked', async () => {
    const carried = await createAttune({ ...base, model: GLOBAL });
    for (const item of ['a0', 'a1', 'a2']) carried.track('click', { item, features: ['topic:a'], vector: VECTORS.get(item)! });
    const list = candidates(true);
    const withVectors = carried.rank(list);
    // The same array, its ids and features as they were: only the vectors go.
    for (const candidate of list) delete candidate.vector;
    const without = carried.rank(list);
    expectSameRanking(without, carried.rank(candidates(false)));
    expect(without.map(({ score }) => score)).not.toEqual(withVectors.map(({ score }) => score));
    // And a vector of the wrong kind is the caller's mistake, caught on an array ranked before too.
    (list[0] as { vector?: unknown }).vector = 42;
    expect(() => carried.rank(list)).toThrow(TypeError);
  });

  it("keeps the vector with the visitor's interaction, so the history folds in after a reload without any table", async () => {
    const indexedDB = freshIndexedDB();
    const first = await open(indexedDB, { model: GLOBAL, strength: 1, environment: { indexedDB, ...environment } });
    // The vector comes from the ranked candidate: the site's track() does not repeat it.
    first.rank(candidates(true).concat([{ id: 'a0', features: ['topic:a'], vector: VECTORS.get('a0')! }]));
    first.track('click', { item: 'a0', features: ['topic:a'] });
    first.track('like', { item: 'a1', features: ['topic:a'], vector: VECTORS.get('a1')! });
    const before = first.rank(candidates(true));
    await first.close();
    const events = (await storedEvents(indexedDB)) as { item?: string; vector?: string }[];
    expect(events.map(({ vector }) => vector)).toEqual([VECTORS.get('a0'), VECTORS.get('a1')]);

    const again = await open(indexedDB, { model: GLOBAL, strength: 1, environment: { indexedDB, ...environment } });
    expectSameRanking(again.rank(candidates(true)), before);
    // Exported, forgotten and erased with the interaction.
    const exported = await again.export();
    expect(exported.interactions.map(({ vector }) => vector)).toEqual([VECTORS.get('a0'), VECTORS.get('a1')]);
    await again.forget('topic:a');
    expect((await again.export()).interactions.some(({ vector }) => vector !== undefined)).toBe(false);
    await again.erase();
    await again.close();

    // Imported with it: a new device ranks as the first did.
    const other = await createAttune({ ...base, model: GLOBAL });
    await other.import(exported);
    expectSameRanking(other.rank(candidates(true)), before);
  });
});
