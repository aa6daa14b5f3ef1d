/**
 * What the model builder tunes on: each user's last interaction held out (by
 * time where the logs have it, else by their order in the file), as the audit
 * and the benchmarks hold it out, and a seeded sample of the users to replay.
 */
import { DEFAULT_LEAVE_LAST_OUT, historiesOf, leaveLastOut, withoutHeldOut, type ReplayUser } from '../audit/leave-last-out';
import { mulberry32 } from './als';
import type { LoggedInteraction } from './build';

/** Fewer users than this say too little to choose settings by: the defaults stay. */
export const MIN_TUNING_USERS = 20;
/** Fewer candidates than a slot of ten cannot measure NDCG@10. */
const MIN_CANDIDATES = 10;

export interface TuningSplit {
  /** Every logged interaction except each user's held-out one: what candidate models train on. */
  training: LoggedInteraction[];
  /** The users with enough items to hold one out, in id order. */
  users: ReplayUser[];
  /** Items each held-out item is ranked among, besides itself. */
  negatives: number;
  /** Whether the logs have times; without them a history is in the order of the file. */
  timed: boolean;
}

/** A seeded sample of `count` users (Fisher–Yates), in their own order. */
export function sampleUsers(users: readonly ReplayUser[], count: number, seed: number): ReplayUser[] {
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
 * Holds out each user's last new item (leave-last-out.ts: users with fewer
 * than 5 items are left out), their negatives drawn with the seed: 99, or
 * fewer where the catalogue is too small for every user to have that many
 * items they never touched.
 *
 * @returns the split, or why there is too little to tune on.
 */
export function tuningSplit(logs: readonly LoggedInteraction[], seed: number): TuningSplit | { skipped: string } {
  const timed = logs.length > 0 && logs.every(({ time }) => time !== undefined);
  const histories = historiesOf(timed ? logs : logs.map((interaction, line) => ({ ...interaction, time: line })));
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
  const replay = leaveLastOut(histories, { negatives, seed });
  return { training: withoutHeldOut(logs, replay), users: replay.users, negatives, timed };
}
