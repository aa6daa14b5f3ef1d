/**
 * What the model builder tunes on: each user's last few interactions held out
 * (by time where the logs have it, else by their order in the file), each
 * ranked from the history before it as the audit and the benchmarks rank the
 * last, and a seeded sample of the users to replay.
 */
import { DEFAULT_LEAVE_LAST_OUT, historiesOf, leaveLastOut, type Replay, type ReplayId, type ReplayUser, type TimedInteraction } from '../audit/leave-last-out';
import { mulberry32 } from './als';
import type { LoggedInteraction } from './build';

/** Fewer users than this say too little to choose settings by: the defaults stay. */
export const MIN_TUNING_USERS = 20;
/** Fewer candidates than a slot of ten cannot measure NDCG@10. */
const MIN_CANDIDATES = 10;
/**
 * Held-out interactions per user, at most: a site with a few hundred users
 * measures NDCG@10 too coarsely from one each to tell the settings apart (on
 * MovieLens' 610 users a step's standard error is about 0.005, as large as
 * what a good step gains), and one visitor's replay ranks at each of them
 * for little more than the cost of one, its history fed once.
 */
export const TUNING_POINTS = 3;

/** One user's held-out points, earliest first: each ranked from the history before it. */
export type TuningUser = readonly ReplayUser[];

export interface TuningSplit {
  /** Every logged interaction except each user's held-out one: what candidate models train on. */
  training: LoggedInteraction[];
  /** The users with enough items to hold one out, in id order, each with their points. */
  users: TuningUser[];
  /** Items each held-out item is ranked among, besides itself. */
  negatives: number;
  /** Whether the logs have times; without them a history is in the order of the file. */
  timed: boolean;
}

/** A seeded sample of `count` users (Fisher–Yates), in their own order. */
export function sampleUsers<U>(users: readonly U[], count: number, seed: number): U[] {
  const shuffled = users.map((_, index) => index);
  const random = mulberry32(seed);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((index) => users[index]!);
}

/**
 * Holds out each user's last TUNING_POINTS new items (leave-last-out.ts, again
 * on what is left after each: a point needs 5 items up to it), their
 * negatives drawn with the seed: 99, or fewer where the catalogue is too
 * small for every user to have that many items they never touched. An earlier
 * point's negatives leave out the user's later items.
 *
 * @returns the split, or why there is too little to tune on.
 */
export function tuningSplit(logs: readonly LoggedInteraction[], seed: number): TuningSplit | { skipped: string } {
  const timed = logs.length > 0 && logs.every(({ time }) => time !== undefined);
  const histories = historiesOf(timed ? logs : logs.map((interaction, line) => ({ ...interaction, time: line })));
  const last = roundOf(histories, seed);
  if ('skipped' in last) return last;
  const points = heldOutPoints(histories, last, seed);
  const heldOut = new Set([...points.values()].flatMap((user) => user.map((point) => key(String(point.id), String(point.heldOut.item)))));
  const training = logs.filter(({ user, item }) => !heldOut.has(key(user, item)));
  return { training, users: [...points.values()], negatives: last.negatives, timed };
}

const key = (user: string, item: string) => `${user}\u0000${item}`;

/** One round of the split: each user's last new item held out, with as many negatives as every user has items they never touched, up to 99; or why it cannot be. */
function roundOf(histories: ReadonlyMap<ReplayId, TimedInteraction[]>, seed: number): (Replay & { negatives: number }) | { skipped: string } {
  const { minInteractions } = DEFAULT_LEAVE_LAST_OUT;
  const counted = leaveLastOut(histories, { negatives: 0 });
  if (counted.users.length < MIN_TUNING_USERS) {
    return { skipped: `${counted.users.length} users have ${minInteractions} or more items, fewer than the ${MIN_TUNING_USERS} tuning needs` };
  }
  const mostTouched = counted.users.reduce((most, user) => Math.max(most, user.all.size), 0);
  const negatives = Math.min(DEFAULT_LEAVE_LAST_OUT.negatives, counted.items - mostTouched);
  if (negatives + 1 < MIN_CANDIDATES) {
    return {
      skipped: `a user touched all but ${Math.max(0, negatives)} of the ${counted.items} items in training, too few to rank a held-out item among ${MIN_CANDIDATES}`,
    };
  }
  return { ...leaveLastOut(histories, { negatives, seed }), negatives };
}

/** Each user's points, earliest first, users in id order: the last new item held out (`last`), then the last of what is left, and so on. */
function heldOutPoints(histories: ReadonlyMap<ReplayId, TimedInteraction[]>, last: Replay, seed: number): Map<ReplayId, ReplayUser[]> {
  const points = new Map<ReplayId, ReplayUser[]>();
  let left = histories;
  let replay: Replay | { skipped: string } = last;
  for (let round = 1; !('skipped' in replay); round++) {
    const rest = new Map<ReplayId, TimedInteraction[]>();
    for (const user of replay.users) {
      const later = points.get(user.id);
      // An item the user chose later is no negative of this point.
      if (later) user.candidates = user.candidates.filter((item) => item === user.heldOut.item || !later.some((point) => point.heldOut.item === item));
      points.set(user.id, [user, ...(later ?? [])]);
      rest.set(user.id, left.get(user.id)!.filter(({ item }) => item !== user.heldOut.item));
    }
    left = rest;
    replay = round < TUNING_POINTS ? roundOf(left, seed + round) : { skipped: 'enough points' };
  }
  return points;
}
