import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttune, type AttuneOptions } from 'attune';
import { freshIndexedDB, open, storedEvents } from './helpers';

afterEach(() => vi.restoreAllMocks());
const MEGABYTE = 'x'.repeat(1 << 20);

describe('bad input', () => {
  it.each<[string, AttuneOptions, RegExp]>([
    ['halfLife', { halfLife: 'soon' }, /option halfLife must be a duration like '14d' or ms, got "soon"/],
    ['strength', { strength: 2 }, /option strength must be a number from 0 to 1, got 2/],
    ['strength NaN', { strength: NaN }, /option strength .* got NaN/],
    ['consent', { consent: 'maybe' as 'granted' }, /option consent must be 'required' or 'granted', got "maybe"/],
    ['storage', { storage: 'cookies' as 'memory' }, /option storage/],
    ['namespace', { namespace: 'a b/c' }, /option namespace/],
    ['weights', { interactionWeights: { share: Infinity } }, /option interactionWeights must be an object of type: weight from -100 to 100, got object/],
    ['maxEvents', { maxEvents: -1 }, /option maxEvents/],
  ])('rejects a bad option (%s) with an error naming it', async (_, options, message) => {
    await expect(createAttune(options)).rejects.toThrow(message);
  });

  it('rejects bad track() calls with an error naming the bad value, and records nothing', async () => {
    const attune = await createAttune({ storage: 'memory' });
    const cases: [() => void, RegExp][] = [
      [() => attune.track('teleport'), /^\[attune\] track\("teleport"\): unknown interaction type; give it a weight in interactionWeights, got "teleport"$/],
      [() => attune.track('dwell', { item: 'a', value: NaN }), /track\("dwell"\): value must be a number from 0 to Infinity, got NaN/],
      [() => attune.track('dwell', { item: 'a', value: Infinity }), /value must be a number from 0 to Infinity, got Infinity/],
      [() => attune.rate('a', 7), /track\("rate"\): value must be a whole number from 1 to 5, got 7/],
      [() => attune.rate('a', 2.5), /value must be a whole number from 1 to 5, got 2.5/],
      [() => attune.track('click', { item: MEGABYTE }), /item must be 1 to 256 printable characters, got "x{40}…" \(1048576 characters\)/],
      [() => attune.track('click', { features: [MEGABYTE] }), /a feature must be 1 to 128 printable characters, got .* \(1048576 characters\)/],
      [() => attune.track('click', { features: 'topic:tennis' as unknown as string[] }), /features must be an array of at most 64 strings, got "topic:tennis"/],
      [() => attune.track('click', { at: Date.now() + 10 * 86_400_000 }), /at must be epoch milliseconds no later than tomorrow/],
      [() => attune.track('click', { context: { region: MEGABYTE } }), /context.region must be 1 to 64 printable characters/],
      [() => attune.prefer('topic:tennis', 5), /track\("prefer"\): value must be a number from -1 to 1, got 5/],
      [() => attune.rank([{ id: 'a' }, { id: 'a' }]), /rank\(\): candidate 1 must be an object with an id of its own, got "a"/],
      [() => attune.rank([{ id: 7 as unknown as string }]), /rank\(\): candidate 0 must be an object with an id of its own, got 7/],
      [() => attune.rank([{ id: 'a', features: [3 as unknown as string] }]), /rank\(\): features of candidate 0, got 3/],
    ];
    for (const [call, message] of cases) expect(call).toThrow(message);
    expect(attune.profile()).toEqual([]);
  });

  it('accepts custom interaction types that have a weight', async () => {
    const attune = await createAttune({ storage: 'memory', interactionWeights: { share: 3 }, environment: { now: () => 0 } });
    attune.track('share', { features: ['topic:tennis'] });
    expect(attune.profile()[0]).toMatchObject({ feature: 'topic:tennis', weight: 3 });
  });

  it('treats __proto__ as an ordinary item id and feature, in memory and in storage', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB, { strength: 1 });
    for (let i = 0; i < 5; i++) attune.track('click', { item: '__proto__', features: ['__proto__'] });
    attune.track('click', { item: 'constructor', features: ['constructor'] });
    // Another story with the feature climbs; the __proto__ item itself, already read, is demoted as seen.
    const page = [{ id: 'x', features: ['toString'] }, { id: 'w', features: ['valueOf'] }, { id: 'y', features: ['__proto__'] }];
    expect(attune.rank(page)[0]!.id).toBe('y');
    const list = [{ id: '__proto__', features: ['__proto__'] }, { id: 'x', features: ['topic:golf'] }];
    const ranked = attune.rank(list);
    expect(ranked.map(({ id }) => id)).toEqual(['x', '__proto__']);
    expect(ranked[1]!.reasons[0]!.kind).toBe('seen');
    expect(attune.rank(list, { seen: 'hide' }).map(({ id }) => id)).toEqual(['x']);
    await attune.close();
    expect(({} as Record<string, unknown>).w).toBeUndefined();
    const reloaded = await open(indexedDB);
    expect(reloaded.profile().map((f) => f.feature).sort()).toEqual(['__proto__', 'constructor']);
    await reloaded.close();
  });

  it('loses nothing already stored when a bad call is made', async () => {
    const indexedDB = freshIndexedDB();
    const attune = await open(indexedDB);
    attune.track('click', { item: 'a1', features: ['topic:tennis'] });
    await attune.flush();
    expect(() => attune.track('click', { item: 'a2', value: NaN })).toThrow();
    await attune.flush();
    await attune.close();
    expect(await storedEvents(indexedDB)).toHaveLength(1);
  });
});
