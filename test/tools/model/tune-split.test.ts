import { describe, expect, it } from 'vitest';
import { MIN_TUNING_USERS, TUNING_POINTS, sampleUsers, tuningSplit, type TuningSplit } from '../../../tools/model/tune-split';
import { tasteLogs } from './taste-logs';

const split = (logs: Parameters<typeof tuningSplit>[0]) => tuningSplit(logs, 1) as TuningSplit;

describe('tuningSplit', () => {
  it("holds out each reader's last items by time, each ranked from the history before it, and trains on every other line", () => {
    const logs = tasteLogs(30);
    const { users, training, negatives, timed } = split([...logs].reverse());
    expect(timed).toBe(true);
    expect(users).toHaveLength(30);
    let points = 0;
    for (const user of users) {
      const own = logs.filter((line) => line.user === user[0]!.id).map(({ item }) => item);
      // At most TUNING_POINTS, each with 5 items up to it (fewer where too few readers have that many): the last items, earliest first.
      expect(user.length).toBeGreaterThanOrEqual(1);
      expect(user.length).toBeLessThanOrEqual(Math.min(TUNING_POINTS, own.length - 4));
      expect(user.map((point) => point.heldOut.item)).toEqual(own.slice(-user.length));
      user.forEach((point, at) => {
        expect(point.train.map(({ item }) => item)).toEqual(own.slice(0, own.length - user.length + at));
        // A later choice is no negative of an earlier point.
        expect(point.candidates.filter((item) => own.includes(String(item)))).toEqual([point.heldOut.item]);
      });
      points += user.length;
    }
    expect(points).toBeGreaterThan(30);
    expect(training).toHaveLength(logs.length - points);
    expect(training.some((line) => users.some((user) => user.some((point) => point.id === line.user && point.heldOut.item === line.item)))).toBe(false);
    // 30 items, and no reader touched more than 7: 23 negatives each.
    expect(negatives).toBe(30 - Math.max(...users.map((user) => user.at(-1)!.all.size)));
    expect(users.every((user) => user.at(-1)!.candidates.length === negatives + 1)).toBe(true);
  });

  it('takes the order of the file where the logs have no times', () => {
    const logs = tasteLogs(30).map(({ user, item }) => ({ user, item }));
    const { users, timed } = split(logs);
    expect(timed).toBe(false);
    expect(users[0]!.at(-1)!.heldOut.item).toBe(logs.filter((line) => line.user === users[0]![0]!.id).at(-1)!.item);
  });

  it('says why there is too little to tune on', () => {
    expect(tuningSplit(tasteLogs(MIN_TUNING_USERS - 1), 1)).toEqual({ skipped: `19 users have 5 or more items, fewer than the ${MIN_TUNING_USERS} tuning needs` });
    // Eight items, and every reader read them all: no item is left to rank a held-out one among.
    const small = Array.from({ length: 25 }, (_, reader) => Array.from({ length: 8 }, (_, i) => ({ user: `r${reader}`, item: `i${i}`, time: i }))).flat();
    expect(tuningSplit(small, 1)).toEqual({ skipped: 'a user touched all but 0 of the 7 items in training, too few to rank a held-out item among 10' });
  });
});

describe('sampleUsers', () => {
  it('draws the same users for the same seed, in their own order', () => {
    const { users } = split(tasteLogs(60));
    const sample = sampleUsers(users, 20, 5);
    expect(sample).toHaveLength(20);
    expect(sampleUsers(users, 20, 5)).toEqual(sample);
    expect(sampleUsers(users, 20, 6)).not.toEqual(sample);
    expect(sample.map((user) => users.indexOf(user))).toEqual([...sample.map((user) => users.indexOf(user))].sort((a, b) => a - b));
    expect(sampleUsers(users, 100, 5)).toEqual(users);
  });
});
