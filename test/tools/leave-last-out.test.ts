import { describe, expect, it } from 'vitest';
import { compareIds, historiesOf, leaveLastOut, type TimedInteraction } from '../../tools/audit/leave-last-out';

/** A history from item ids at times 1, 2, 3, … */
const history = (...items: string[]): TimedInteraction[] => items.map((item, i) => ({ item, time: i + 1 }));

describe('leaveLastOut', () => {
  it('holds out the last new item, trains on the rest in time order, and drops users with too few items', () => {
    const byUser = new Map([
      ['ann', [{ item: 'c', time: 30 }, { item: 'a', time: 10 }, { item: 'b', time: 20 }]],
      ['bob', history('a', 'b')],
      ['cat', history('b', 'd', 'a')],
    ]);
    const replay = leaveLastOut(byUser, { minInteractions: 3, negatives: 0 });
    expect(replay.users.map((user) => user.id)).toEqual(['ann', 'cat']);
    const [ann] = replay.users;
    expect(ann!.train.map(({ item }) => item)).toEqual(['a', 'b']);
    expect(ann!.heldOut.item).toBe('c');
    expect(replay.interactions).toBe(6);
  });

  it('keeps only the first interaction with each item, ties in time broken by item id', () => {
    const byUser = new Map([['ann', [{ item: 'b', time: 1 }, { item: 'a', time: 1 }, { item: 'b', time: 2 }, { item: 'c', time: 3 }, { item: 'a', time: 4 }]]]);
    const [ann] = leaveLastOut(byUser, { minInteractions: 2, negatives: 0 }).users;
    expect(ann!.train.map(({ item }) => item)).toEqual(['a', 'b']);
    expect(ann!.heldOut).toEqual({ item: 'c', time: 3 });
    expect([...ann!.all].sort()).toEqual(['a', 'b', 'c']);
  });

  it('draws negatives only from training items the user never touched, and orders candidates by training popularity', () => {
    const byUser = new Map([
      ['u1', history('a', 'b', 'c', 'x')],
      ['u2', history('a', 'b', 'd', 'y')],
      ['u3', history('a', 'e', 'f', 'z')],
    ]);
    const replay = leaveLastOut(byUser, { minInteractions: 2, negatives: 3 });
    // Training counts: a 3, b 2, c d e f 1; held-out items x, y, z are in nobody's training.
    expect([...replay.popularity]).toEqual([['a', 3], ['b', 2], ['c', 1], ['d', 1], ['e', 1], ['f', 1]]);
    expect(replay.items).toBe(6);
    const [u1, , u3] = replay.users;
    // u1 touched a, b, c and x: only d, e and f are left, so all three are drawn. x, in nobody's training, comes last.
    expect(u1!.candidates).toEqual(['d', 'e', 'f', 'x']);
    expect(u3!.candidates).toEqual(['b', 'c', 'd', 'z']);
  });

  it('draws the same negatives for the same seed, and others for another', () => {
    const items = Array.from({ length: 40 }, (_, i) => `item-${i}`);
    const byUser = new Map(Array.from({ length: 6 }, (_, u) => [`user-${u}`, history(...items.slice(u * 5, u * 5 + 6))] as const));
    const candidates = (seed: number) => leaveLastOut(byUser, { negatives: 10, seed }).users.map((user) => user.candidates);
    expect(candidates(7)).toEqual(candidates(7));
    expect(candidates(7)).not.toEqual(candidates(8));
  });

  it('says which user has too few untouched items to draw the negatives from', () => {
    const byUser = new Map([
      ['u1', history('a', 'b', 'c', 'd', 'e')],
      ['u2', history('a', 'b', 'c', 'f', 'g')],
    ]);
    expect(() => leaveLastOut(byUser, { negatives: 4 })).toThrow(
      new TypeError('user u1 touched all but 1 of the 5 items in training, too few to draw 4 negatives from'),
    );
  });
});

describe('historiesOf', () => {
  it('groups logged interactions by user, ids that are all whole numbers becoming numbers', () => {
    const logs = [
      { user: '10', item: '7', time: 2 },
      { user: '9', item: 'A1', time: 1 },
      { user: '10', item: 'B2', time: 3 },
    ];
    expect([...historiesOf(logs)]).toEqual([
      [10, [{ item: '7', time: 2 }, { item: 'B2', time: 3 }]],
      [9, [{ item: 'A1', time: 1 }]],
    ]);
  });

  it('refuses an interaction without a time', () => {
    expect(() => historiesOf([{ user: 'u', item: 'a' }])).toThrow(new TypeError('the interaction of user u with item a has no time'));
  });
});

describe('compareIds', () => {
  it('orders numbers by value and text by code unit', () => {
    expect([10, 9, 100].sort(compareIds)).toEqual([9, 10, 100]);
    expect(['10', '9', '100', 'B', 'a'].sort(compareIds)).toEqual(['10', '100', '9', 'B', 'a']);
  });
});
