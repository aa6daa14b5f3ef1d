import { describe, expect, it } from 'vitest';
import { PreferenceVector } from '../../../src/profile/preference-vector';
import type { Interaction } from '../../../src/types';

const DAY = 86_400_000;

function click(features: string[], at: number, context: Record<string, string> = {}): Interaction {
  return { type: 'click', features, context, at };
}

describe('PreferenceVector', () => {
  it('adds an interaction weight to each of its features and decays it', () => {
    const vector = new PreferenceVector(10 * DAY, 100, []);
    vector.learn(click(['topic:tennis', 'author:jane'], 0), 2);
    vector.learn(click(['topic:tennis'], 10 * DAY), 1);
    expect(vector.reader({}, 10 * DAY).weight('topic:tennis')).toBeCloseTo(2, 12); // 2·0.5 + 1
    expect(vector.reader({}, 20 * DAY).weight('author:jane')).toBeCloseTo(0.5, 12);
    expect(vector.features(10 * DAY).map((f) => f.feature)).toEqual(['topic:tennis', 'author:jane']);
  });

  it('learns context-conditioned weights, shrunk toward the overall weight', () => {
    const vector = new PreferenceVector(14 * DAY, 100, ['daypart']);
    for (let i = 0; i < 10; i++) {
      vector.learn(click(['topic:sport'], i, { daypart: 'morning' }), 1);
      vector.learn(click(['topic:cooking'], i, { daypart: 'evening' }), 1);
    }
    const morning = { daypart: 'morning' };
    const evening = { daypart: 'evening' };
    expect(vector.reader(morning, 10).weight('topic:sport')).toBeGreaterThan(vector.reader(morning, 10).weight('topic:cooking'));
    expect(vector.reader(evening, 10).weight('topic:cooking')).toBeGreaterThan(vector.reader(evening, 10).weight('topic:sport'));
    // Shrinkage: the unseen combination keeps part of the overall weight.
    expect(vector.reader(morning, 10).weight('topic:cooking')).toBeGreaterThan(0);
    // A bucket without evidence reads the overall weight.
    expect(vector.reader({ daypart: 'night' }, 10).weight('topic:sport')).toBeCloseTo(vector.reader({}, 10).weight('topic:sport'), 12);
    expect(vector.reader(morning, 10).liftingBucket('topic:sport')).toBe('daypart=morning');
    expect(vector.reader(evening, 10).liftingBucket('topic:sport')).toBeUndefined();
  });

  it('keeps at most maxFeatures entries, dropping the weakest', () => {
    const vector = new PreferenceVector(14 * DAY, 50, []);
    for (let i = 0; i < 200; i++) vector.learn(click([`tag:${i}`], 0), i < 5 ? 100 : 1);
    expect(vector.features(0).length).toBeLessThanOrEqual(50);
    for (let i = 0; i < 5; i++) expect(vector.reader({}, 0).weight(`tag:${i}`)).toBe(100);
  });

  it('round-trips through its stored form and rejects a corrupt one', () => {
    const vector = new PreferenceVector(14 * DAY, 100, ['daypart']);
    vector.learn(click(['__proto__', 'topic:tennis'], 5, { daypart: 'morning' }), 1.5);
    const restored = PreferenceVector.fromJSON(structuredClone(vector.toJSON()), 14 * DAY, 100, ['daypart']);
    expect(restored.features(5)).toEqual(vector.features(5));
    expect(({} as Record<string, unknown>).w).toBeUndefined();
    const empty = { version: 3, features: [], mass: [], items: [], shown: [], clicked: [] };
    for (const corrupt of ['nonsense', null, { ...empty, version: 4 }, { ...empty, clicked: undefined }, { ...empty, features: [['a', 'x', 0]] }]) {
      expect(() => PreferenceVector.fromJSON(corrupt, DAY, 10, [])).toThrow('[attune] the stored profile is malformed');
    }
    // Version 1 kept no item weights: it is refused as outdated (a RangeError), for a rebuild from the log.
    expect(() => PreferenceVector.fromJSON({ version: 1, features: [], mass: [] }, DAY, 10, [])).toThrow(RangeError);
    // Version 2 kept no trials: it is read as it is, trials starting afresh.
    const older = PreferenceVector.fromJSON({ version: 2, features: [['topic:golf', 2, 5]], mass: [['', 2, 5]], items: [['g1', 1, 5]] }, DAY, 10, []);
    expect(older.reader({}, 5).weight('topic:golf')).toBe(2);
    expect(older.choices(5).chosen.get('g1')).toBe(1);
    expect(older.trials('topic:golf', 5)).toEqual({ shown: 0, clicked: 0 });
    expect(() => PreferenceVector.fromJSON({ version: 2, features: [], mass: [] }, DAY, 10, [])).toThrow('[attune] the stored profile is malformed');
  });

  it('counts what the visitor asked for more of, decayed and kept with the stored profile, and only positive statements', () => {
    const vector = new PreferenceVector(10 * DAY, 100, []);
    const prefer = (feature: string, at: number): Interaction => ({ type: 'prefer', features: [feature], context: {}, at });
    vector.learn(click(['topic:golf'], 0), 1);
    expect(vector.choices(0).stated).toBe(0);
    vector.learn(prefer('topic:golf', 0), 1);
    vector.learn(prefer('topic:chess', 0), -1);
    expect(vector.choices(0).stated).toBe(1);
    expect(vector.choices(10 * DAY).stated).toBeCloseTo(0.5, 12);
    const restored = PreferenceVector.fromJSON(JSON.parse(JSON.stringify(vector)), 10 * DAY, 100, []);
    expect(restored.choices(10 * DAY).stated).toBeCloseTo(0.5, 12);
    // A stated preference is no context bucket: the overall reading of golf is what it was.
    expect(restored.reader({}, 0).weight('topic:golf')).toBe(2);
  });

  it('keeps the stored profile bounded when a context key takes ever new values', () => {
    // A site-supplied region that varies with every interaction, weighed per bucket: each value is a bucket of its own.
    const vector = new PreferenceVector(14 * DAY, 2000, ['region']);
    for (let i = 0; i < 100_000; i++) vector.learn(click([`topic:t${i % 50}`], i * 1000, { region: `r${i}` }), 1);
    const stored = vector.toJSON();
    // At most maxFeatures rows in features and in masses (the overall mass among them).
    expect(stored.features.length).toBeLessThanOrEqual(2000);
    expect(stored.mass.length).toBeLessThanOrEqual(2000);
    expect(stored.mass.some(([key]) => key === '')).toBe(true);
    // 2,000 rows of each kind, keys of this length: about 150 KB, where it grew to megabytes.
    expect(JSON.stringify(stored).length).toBeLessThan(200_000);
  });
});
