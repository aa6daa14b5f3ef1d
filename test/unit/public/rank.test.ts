import { describe, expect, it } from 'vitest';
import { createAttune, type Candidate } from 'attune';
import { DAY, MONDAY_MORNING } from './helpers';

const FRONT_PAGE: Candidate[] = [
  { id: 'golf', features: ['topic:golf'] },
  { id: 'recipe', features: ['topic:cooking', 'author:sam'] },
  { id: 'football', features: ['topic:football'] },
  { id: 'science', features: ['topic:science'] },
  { id: 'tennis', features: ['topic:tennis', 'author:jane'] },
  { id: 'travel', features: ['topic:travel'] },
];
const ids = (ranked: { id: string }[]) => ranked.map((r) => r.id);

describe('rank()', () => {
  it("gives a visitor with no history exactly the site's order", async () => {
    const attune = await createAttune({ storage: 'memory' });
    const ranked = attune.rank(FRONT_PAGE);
    expect(ids(ranked)).toEqual(ids(FRONT_PAGE));
    expect(ranked[0]!.reasons).toEqual([{ kind: 'site-order', position: 0, text: 'The site’s top pick' }]);
  });

  it('ranks a list again by what it holds now: a features array changed in place is read again', async () => {
    const attune = await createAttune({ storage: 'memory' });
    for (let i = 0; i < 4; i++) attune.track('click', { item: `t${i}`, features: ['topic:tennis'] });
    const arrays = FRONT_PAGE.map(({ features }) => [...features!]);
    const list: Candidate[] = FRONT_PAGE.map(({ id }, i) => ({ id, features: arrays[i] }));
    expect(ids(attune.rank(list))[0]).toBe('tennis');
    arrays[4]![0] = 'topic:golf';
    arrays[0]![0] = 'topic:tennis';
    expect(ids(attune.rank(list))[0]).toBe('golf');
  });

  it('ranks a new array of the same candidates as the list it copies, and by what it holds now', async () => {
    const attune = await createAttune({ storage: 'memory' });
    for (let i = 0; i < 4; i++) attune.track('click', { item: `t${i}`, features: ['topic:tennis'] });
    const arrays = FRONT_PAGE.map(({ features }) => [...features!]);
    const list: Candidate[] = FRONT_PAGE.map(({ id }, i) => ({ id, features: arrays[i] }));
    expect(ids(attune.rank(list.slice()))).toEqual(ids(attune.rank(list)));
    arrays[4]![0] = 'topic:golf';
    arrays[0]![0] = 'topic:tennis';
    expect(ids(attune.rank(list.slice()))[0]).toBe('golf');
    // The same candidates in another order are another list.
    expect(ids(attune.rank([...list].reverse()))[0]).toBe('golf');
  });

  it('reads what a reading does not keep from the array given, even where it is a copy of a list read before', async () => {
    const attune = await createAttune({ storage: 'memory' });
    for (let i = 0; i < 4; i++) attune.track('click', { item: `t${i}`, features: ['topic:tennis'] });
    attune.rank(FRONT_PAGE);
    const pinned = FRONT_PAGE.map((candidate) => ({ ...candidate, pinned: candidate.id === 'golf' }));
    expect(ids(attune.rank(pinned))[0]).toBe('golf');
    const broken = FRONT_PAGE.map((candidate, i) => (i === 2 ? { ...candidate, publishedAt: Number.NaN } : candidate));
    expect(() => attune.rank(broken)).toThrow(/candidate 2/);
  });

  it('takes a features array frozen when first read as it was, and one frozen after a change as it is now', async () => {
    const attune = await createAttune({ storage: 'memory' });
    for (let i = 0; i < 4; i++) attune.track('click', { item: `t${i}`, features: ['topic:tennis'] });
    const frozen: Candidate[] = FRONT_PAGE.map(({ id, features }) => ({ id, features: Object.freeze([...features!]) }));
    expect(ids(attune.rank(frozen))).toEqual(ids(attune.rank(FRONT_PAGE)));
    expect(ids(attune.rank(frozen))).toEqual(ids(attune.rank(FRONT_PAGE)));
    // Read while it could still change, changed, then frozen: the freeze comes too late to vouch for it.
    const arrays = FRONT_PAGE.map(({ features }) => [...features!]);
    const list: Candidate[] = FRONT_PAGE.map(({ id }, i) => ({ id, features: arrays[i] }));
    expect(ids(attune.rank(list))[0]).toBe('tennis');
    arrays[4]![0] = 'topic:golf';
    arrays[0]![0] = 'topic:tennis';
    arrays.forEach((features) => Object.freeze(features));
    expect(ids(attune.rank(list))[0]).toBe('golf');
  });

  it('moves items that match learned interests up, with the reason', async () => {
    const attune = await createAttune({ storage: 'memory' });
    for (let i = 0; i < 4; i++) attune.track('click', { item: `t${i}`, features: ['topic:tennis'] });
    const ranked = attune.rank(FRONT_PAGE);
    expect(ids(ranked).indexOf('tennis')).toBeLessThan(4);
    const tennis = ranked.find((r) => r.id === 'tennis')!;
    expect(tennis.reasons[0]).toMatchObject({ kind: 'interest', feature: 'topic:tennis', text: 'Your interest in tennis (topic)' });
    expect(tennis.reasons[0]!.kind === 'interest' && tennis.reasons[0]!.contribution).toBeGreaterThan(0);
  });

  it('leaves no preference behind when a like is undone by a dislike', async () => {
    const attune = await createAttune({ storage: 'memory', strength: 1, environment: { now: () => 1000 } });
    attune.like('p1', { features: ['topic:golf', 'author:sam'], at: 999 });
    attune.dislike('p1', { features: ['topic:golf', 'author:sam'], at: 1000 });
    expect(attune.profile()).toEqual([]);
    const ranked = attune.rank(FRONT_PAGE);
    expect(ids(ranked)).toEqual(ids(FRONT_PAGE));
    expect(ranked.every(({ reasons }) => reasons.every(({ kind }) => kind !== 'interest'))).toBe(true);
  });

  it('gives no "passed on" reason for a feature the visitor never pushed down', async () => {
    const attune = await createAttune({ storage: 'memory' });
    for (let i = 0; i < 5; i++) attune.track('click', { features: ['topic:tennis'] });
    const reasons = attune.rank(FRONT_PAGE).flatMap((item) => item.reasons);
    expect(reasons.filter(({ text }) => text.startsWith('Lower'))).toEqual([]);
  });

  it('names no interest that being shown taught a crumb of, after Less on the one the visitor read', async () => {
    const attune = await createAttune({ storage: 'memory' });
    // The front page shown five times: every story's topic gets what an impression teaches, a twentieth of a click.
    for (let view = 0; view < 5; view++) for (const { id, features } of FRONT_PAGE) attune.track('impression', { item: id, features });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `t${i}`, features: ['topic:tennis'] });
    attune.prefer('topic:tennis', -1);
    const lifting = attune.rank(FRONT_PAGE).flatMap(({ reasons }) => reasons.filter((reason) => reason.kind === 'interest' && reason.contribution > 0));
    expect(lifting).toEqual([]);
  });

  it('moves disliked features down', async () => {
    const attune = await createAttune({ storage: 'memory' });
    attune.dislike('g', { features: ['topic:golf'] });
    expect(ids(attune.rank(FRONT_PAGE))[0]).not.toBe('golf');
  });

  it('lets strength bound how far personalization moves items', async () => {
    const still = await createAttune({ storage: 'memory', strength: 0 });
    const free = await createAttune({ storage: 'memory', strength: 1 });
    for (const attune of [still, free]) {
      for (let i = 0; i < 20; i++) attune.track('purchase', { features: ['topic:travel'] });
    }
    expect(ids(still.rank(FRONT_PAGE))).toEqual(ids(FRONT_PAGE));
    expect(ids(free.rank(FRONT_PAGE))[0]).toBe('travel');
  });

  it('keeps pinned items in their place', async () => {
    const attune = await createAttune({ storage: 'memory', strength: 1 });
    for (let i = 0; i < 10; i++) attune.track('like', { features: ['topic:tennis', 'author:jane'] });
    const candidates = FRONT_PAGE.map((c) => (c.id === 'recipe' ? { ...c, pinned: true } : c));
    const ranked = attune.rank(candidates);
    expect(ids(ranked)[1]).toBe('recipe');
    expect(ids(ranked).indexOf('tennis')).toBeLessThan(4);
    expect(ids(ranked).indexOf('tennis')).not.toBe(1);
    expect(ranked[1]!.reasons[0]!.kind).toBe('pinned');
  });

  it('returns at most limit items, and every item when the limit is larger', async () => {
    const attune = await createAttune({ storage: 'memory' });
    expect(attune.rank(FRONT_PAGE, { limit: 2 })).toHaveLength(2);
    expect(ids(attune.rank(FRONT_PAGE, { limit: 12 }))).toEqual(ids(FRONT_PAGE));
    expect(attune.rank([], { limit: 3 })).toEqual([]);
  });

  it('ranks for the time of day: sport in the morning, recipes in the evening', async () => {
    let now = MONDAY_MORNING;
    const attune = await createAttune({ storage: 'memory', strength: 1, environment: { now: () => now } });
    for (let day = 0; day < 5; day++) {
      const morning = MONDAY_MORNING - day * DAY;
      for (let i = 0; i < 3; i++) {
        attune.track('click', { features: ['topic:football'], at: morning + i * 60_000 });
        attune.track('click', { features: ['topic:cooking'], at: morning + 11 * 3_600_000 + i * 60_000 });
      }
    }
    const candidates = [
      { id: 'other', features: ['topic:science'] },
      { id: 'sport', features: ['topic:football'] },
      { id: 'recipe', features: ['topic:cooking'] },
    ];
    const before = (first: string, second: string) => ids(attune.rank(candidates)).indexOf(first) < ids(attune.rank(candidates)).indexOf(second);
    expect(before('sport', 'recipe')).toBe(true);
    const sport = attune.rank(candidates).find((r) => r.id === 'sport')!;
    expect(sport.reasons[0]).toMatchObject({ context: 'daypart=morning', text: 'Your interest in football (topic) in the morning' });

    now = MONDAY_MORNING + 11 * 3_600_000; // 20:00 the same day
    expect(before('recipe', 'sport')).toBe(true);
  });

  it('forgets with time: an old interest weighs less than a recent one', async () => {
    const now = 1000 * DAY;
    const attune = await createAttune({ storage: 'memory', halfLife: '7d', strength: 1, environment: { now: () => now } });
    for (let i = 0; i < 8; i++) {
      attune.track('click', { features: ['topic:golf'], at: now - 60 * DAY });
      attune.track('click', { features: ['topic:tennis'], at: now - DAY });
    }
    expect(ids(attune.rank([{ id: 'g', features: ['topic:golf'] }, { id: 't', features: ['topic:tennis'] }]))).toEqual(['t', 'g']);
  });
});

describe('explain()', () => {
  it("puts an item's reasons in a visitor's words, with this week's interactions behind them", async () => {
    const now = MONDAY_MORNING;
    const attune = await createAttune({ storage: 'memory', strength: 1, environment: { now: () => now } });
    for (let i = 0; i < 4; i++) {
      attune.track('view', { item: `t${i}`, features: ['topic:tennis'], at: now - i * 3_600_000 });
      attune.track('dwell', { item: `t${i}`, features: ['topic:tennis'], value: 20_000, at: now - i * 3_600_000 + 20_000 });
    }
    attune.track('click', { item: 'old', features: ['topic:tennis'], at: now - 30 * DAY });
    const candidates = [{ id: 'pick', pinned: true }, ...FRONT_PAGE];
    attune.rank(candidates);
    expect(await attune.explain('tennis')).toEqual(['You read 4 items about tennis (topic) this week', 'The site’s pick #6']);
    expect(await attune.explain('pick')).toEqual(['Pinned by the site']);
    expect(await attune.explain('golf')).toEqual(['The site’s pick #2']);
    expect(await attune.explain('never-ranked')).toEqual([]);
  });

  it('explains every reason but a lifting interest in the words rank() gave it', async () => {
    const attune = await createAttune({ storage: 'memory', environment: { now: () => MONDAY_MORNING } });
    attune.dislike('g', { features: ['topic:golf'] });
    const candidates = [{ id: 'pick', pinned: true }, ...FRONT_PAGE];
    const ranked = attune.rank(candidates);
    const golf = ranked.find(({ id }) => id === 'golf')!;
    expect(golf.reasons.map(({ text }) => text)).toContain('Lower: you passed on golf (topic)');
    for (const { id, reasons } of ranked) expect(await attune.explain(id)).toEqual(reasons.map(({ text }) => text));
  });
});
