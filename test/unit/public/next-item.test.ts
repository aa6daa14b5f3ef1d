import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());
import { createAttune, type AttuneOptions } from 'attune';
// The builder from source, so the `unit` project needs no build; `unit:dist` reads the same bytes with the built module.
import { buildModel, type LoggedInteraction } from '../../../tools/model/build';
import { globalPart, itemVectorTexts } from '../../../tools/model/item-vectors';
import { freshIndexedDB, open } from './helpers';

/**
 * Two series of four parts each (s1..s4, t1..t4). Each of 40 readers read
 * both series in order, half of them s first, so the two series are read by
 * the same people and only the order tells what comes next.
 */
const SERIES = ['s', 't'] as const;
const PARTS = 4;
const catalogue = SERIES.flatMap((series) => Array.from({ length: PARTS }, (_, i) => ({ id: `${series}${i + 1}` })));

function readers(): LoggedInteraction[] {
  const logs: LoggedInteraction[] = [];
  for (let reader = 0; reader < 40; reader++) {
    const order = reader % 2 ? ['t', 's'] : ['s', 't'];
    order.forEach((series, s) => {
      for (let part = 1; part <= PARTS; part++) logs.push({ user: `reader-${reader}`, item: `${series}${part}`, time: 1_000_000 * reader + 60_000 * (s * PARTS + part) });
    });
  }
  return logs;
}

const build = { factors: 4, iterations: 8, seed: 1, contentWidth: 0 };
const BUILT = buildModel({ catalogue, interactions: readers() }, build);
const WITH_NEXT = BUILT.bytes;
/** The same model split: the global part (no table, so no next-item part) and each item's text with its successors. */
const GLOBAL = globalPart(BUILT.parts);
const VECTORS = itemVectorTexts(BUILT.parts);
const WITHOUT_NEXT = buildModel({ catalogue, interactions: readers() }, { ...build, successors: 0 }).bytes;
/** The site's order puts the later parts first, so lifting the right next part is the model's doing. */
const FRONT_PAGE = ['s4', 't4', 's3', 't3', 't2', 's2', 't1', 's1'].map((id) => ({ id }));
const ids = (ranked: readonly { id: string }[]) => ranked.map(({ id }) => id);
const HOUR = 3_600_000;

/** A visitor who read `items` a minute apart, an hour ago. */
async function reader(items: string[], options: AttuneOptions) {
  let now = 10 * HOUR;
  // A long render budget: the model is in use before the first ranking, however slowly its support loads here.
  const attune = await createAttune({ storage: 'memory', consent: 'granted', autoTrack: false, strength: 1, renderBudget: 10_000, environment: { now: () => now }, ...options });
  items.forEach((item, at) => attune.track('click', { item, at: 9 * HOUR + at * 60_000 }));
  return { attune, later: (ms: number) => (now += ms) };
}

describe('the next part', () => {
  it('lifts what usually comes next after what the visitor just read, and says so', async () => {
    const { attune } = await reader(['s1', 's2'], { model: WITH_NEXT });
    const ranked = attune.rank(FRONT_PAGE);
    expect(ranked[0]!.id).toBe('s3');
    expect(ranked[0]!.reasons[0]).toMatchObject({ kind: 'next', text: 'Often next after what you just read' });
    expect(ids(ranked).indexOf('s3')).toBeLessThan(ids(ranked).indexOf('s4'));
    await attune.close();
  });

  it('counts the latest choice most, and follows the visitor within the session', async () => {
    const { attune, later } = await reader(['s1', 's2'], { model: WITH_NEXT });
    expect(attune.rank(FRONT_PAGE)[0]!.id).toBe('s3');
    later(60_000);
    attune.track('click', { item: 't1' });
    const ranked = ids(attune.rank(FRONT_PAGE));
    expect(ranked[0]).toBe('t2');
    expect(ranked.indexOf('s3')).toBeLessThan(ranked.indexOf('s4'));
    await attune.close();
  });

  it('does nothing without the model\'s next-item part, or at blend weight 0', async () => {
    for (const options of [{ model: WITHOUT_NEXT }, { model: WITH_NEXT, blend: { next: 0 } }]) {
      const { attune } = await reader(['s1', 's2'], options);
      const ranked = attune.rank(FRONT_PAGE);
      expect(ranked.flatMap(({ reasons }) => reasons).some(({ kind }) => kind === 'next')).toBe(false);
      await attune.close();
    }
  });

  it('reads only what the profile keeps: an erased visitor has nothing to follow', async () => {
    const { attune } = await reader(['s1', 's2'], { model: WITH_NEXT });
    await attune.erase();
    expect(ids(attune.rank(FRONT_PAGE))).toEqual(ids(FRONT_PAGE));
    await attune.close();
  });

  it('scores from the successors the visitor\'s items carried, as the whole file does, without any table', async () => {
    const whole = await reader(['s1', 's2'], { model: WITH_NEXT });
    const carried = await reader([], { model: GLOBAL });
    ['s1', 's2'].forEach((item, at) => carried.attune.track('click', { item, at: 9 * HOUR + at * 60_000, vector: VECTORS.get(item)! }));
    const withVectors = FRONT_PAGE.map(({ id }) => ({ id, vector: VECTORS.get(id)! }));
    const expected = whole.attune.rank(FRONT_PAGE);
    const ranked = carried.attune.rank(withVectors);
    expect(ids(ranked)).toEqual(ids(expected));
    expect(ranked[0]!.id).toBe('s3');
    expect(ranked[0]!.reasons[0]).toMatchObject({ kind: 'next' });
    for (const [i, { score }] of expected.entries()) expect(ranked[i]!.score).toBeCloseTo(score, 9);
    await Promise.all([whole.attune.close(), carried.attune.close()]);
  });

  it('keeps the carried successors with the interaction: they survive a reload and go with the item when forgotten', async () => {
    const indexedDB = freshIndexedDB();
    const environment = { indexedDB, now: () => 10 * HOUR };
    const first = await open(indexedDB, { model: GLOBAL, strength: 1, environment });
    first.track('click', { item: 's1', at: 9 * HOUR, features: ['series:s'], vector: VECTORS.get('s1')! });
    first.track('click', { item: 's2', at: 9 * HOUR + 60_000, features: ['series:s'], vector: VECTORS.get('s2')! });
    const withVectors = FRONT_PAGE.map(({ id }) => ({ id, vector: VECTORS.get(id)! }));
    const before = first.rank(withVectors);
    await first.close();
    const again = await open(indexedDB, { model: GLOBAL, strength: 1, environment });
    const after = again.rank(withVectors);
    expect(after[0]!.id).toBe('s3');
    expect(after[0]!.reasons[0]).toMatchObject({ kind: 'next' });
    expect(ids(after)).toEqual(ids(before));
    await again.forget('series:s');
    expect(again.rank(withVectors).flatMap(({ reasons }) => reasons).some(({ kind }) => kind === 'next')).toBe(false);
    await again.close();
  });

  it('ignores a carried text whose successors are damaged, with one warning, and ranks the rest', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { attune } = await reader([], { model: GLOBAL });
    // s2's text cut inside its successors: no whole item vector of version 2.
    const damaged = VECTORS.get('s2')!.slice(0, -6);
    attune.track('click', { item: 's1', at: 9 * HOUR, vector: VECTORS.get('s1')! });
    attune.track('click', { item: 's2', at: 9 * HOUR + 60_000, vector: damaged });
    const withVectors = FRONT_PAGE.map(({ id }) => ({ id, vector: VECTORS.get(id)! }));
    const ranked = attune.rank(withVectors);
    attune.rank(withVectors);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[attune\] the vector of item "s2"/);
    // What s1 carried still counts: s3, which follows it, leads (s2 the visitor chose already).
    expect(ranked[0]!.id).toBe('s3');
    expect(ranked[0]!.reasons[0]).toMatchObject({ kind: 'next' });
    await attune.close();
  });
});
