/**
 * The offline replay's protocol, in one place for the audit command and the
 * benchmarks: each user's last interaction is held out and ranked among items
 * they never touched.
 */
import { mulberry32 } from '../model/als';

/** Users and items are named by whole numbers (MovieLens) or by text (stock codes, page ids). */
export type ReplayId = string | number;

/** One interaction of a user's history; other fields (a rating) ride along. */
export interface TimedInteraction {
  item: ReplayId;
  /** When, in any unit that orders the history; the SDK is given epoch milliseconds. */
  time: number;
}

/** One user of a replay: their history before the held-out item, that item, and the candidates it is ranked among. */
export interface ReplayUser<I extends TimedInteraction = TimedInteraction> {
  id: ReplayId;
  /** Everything before the held-out interaction, oldest first. */
  train: I[];
  /** The user's last new item. */
  heldOut: I;
  /** Every item the user touched, held-out one included. */
  all: Set<ReplayId>;
  /** The held-out item and the negatives, in popularity order: the site's order. */
  candidates: ReplayId[];
}

/** The held-out split `leaveLastOut()` makes of the logs: its users, and the items' popularity in training. */
export interface Replay<I extends TimedInteraction = TimedInteraction> {
  /** Users with enough interactions, in id order. */
  users: ReplayUser<I>[];
  /** Item → how many users had it in training. */
  popularity: Map<ReplayId, number>;
  /** Interactions of the users kept, held-out ones included. */
  interactions: number;
  /** Items in anyone's training data: the items a candidate list can hold. */
  items: number;
}

/** How `leaveLastOut()` splits: the fewest interactions a user needs, the negatives per held-out item, the seed. */
export interface LeaveLastOutSettings {
  /** Users with fewer (distinct items) are left out. Default 5. */
  minInteractions?: number;
  /** Items each held-out item is ranked among. Default 99. */
  negatives?: number;
  /** Seed of the negatives' draw. Default 42. */
  seed?: number;
}

/** The split the benchmarks and `attune audit` use: users with 5 or more interactions, 99 negatives, seed 42. */
export const DEFAULT_LEAVE_LAST_OUT: Required<LeaveLastOutSettings> = { minInteractions: 5, negatives: 99, seed: 42 };

/** Numbers by value, text by code unit: a stable order for users, items and ties. */
export function compareIds(a: ReplayId, b: ReplayId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const p = String(a);
  const q = String(b);
  return p < q ? -1 : p > q ? 1 : 0;
}

const WHOLE_NUMBER = /^(0|[1-9]\d{0,14})$/;

/**
 * Logged interactions grouped by user, for {@link leaveLastOut}. Where every
 * user id (or every item id) is a whole number, those ids become numbers and
 * sort by value, as a benchmark that reads the same file with numeric ids
 * sorts them: the same logs then give the same split, negatives included.
 *
 * @throws TypeError when an interaction has no time.
 */
export function historiesOf(
  logs: readonly { user: string; item: string; time?: number }[],
): Map<ReplayId, TimedInteraction[]> {
  const userByValue = logs.every(({ user }) => WHOLE_NUMBER.test(user));
  const itemByValue = logs.every(({ item }) => WHOLE_NUMBER.test(item));
  const byUser = new Map<ReplayId, TimedInteraction[]>();
  for (const { user, item, time } of logs) {
    if (time === undefined) throw new TypeError(`the interaction of user ${user} with item ${item} has no time`);
    const id = userByValue ? Number(user) : user;
    const history = byUser.get(id) ?? byUser.set(id, []).get(id)!;
    history.push({ item: itemByValue ? Number(item) : item, time });
  }
  return byUser;
}

/**
 * Splits each user's history for the replay:
 * - a user's interactions are sorted by time (ties by item id) and only the first
 *   with each item is kept, so the held-out item is the last new one, as a
 *   recommender would have to find it (a repeat purchase says little about that);
 * - users with fewer than `minInteractions` are left out;
 * - the last interaction is held out and the rest is the training data;
 * - each user gets `negatives` items drawn uniformly, with one seeded mulberry32
 *   generator in user id order, from the items in anyone's training data that
 *   the user never touched;
 * - the candidates (held-out item and negatives) are in popularity order,
 *   training count descending, ties by item id: the site's order, and the SDK's prior.
 *
 * @throws TypeError when a user touched so many items that fewer than `negatives` are left to draw.
 */
export function leaveLastOut<I extends TimedInteraction>(byUser: ReadonlyMap<ReplayId, readonly I[]>, settings: LeaveLastOutSettings = {}): Replay<I> {
  const { minInteractions, negatives, seed } = { ...DEFAULT_LEAVE_LAST_OUT, ...settings };
  const users: ReplayUser<I>[] = [];
  for (const [id, history] of [...byUser].sort((a, b) => compareIds(a[0], b[0]))) {
    const seen = new Set<ReplayId>();
    const firsts = [...history]
      .sort((a, b) => a.time - b.time || compareIds(a.item, b.item))
      .filter(({ item }) => !seen.has(item) && Boolean(seen.add(item)));
    if (firsts.length < minInteractions) continue;
    users.push({ id, train: firsts.slice(0, -1), heldOut: firsts.at(-1)!, all: seen, candidates: [] });
  }
  const popularity = new Map<ReplayId, number>();
  for (const user of users) for (const { item } of user.train) popularity.set(item, (popularity.get(item) ?? 0) + 1);
  const trainingItems = [...popularity.keys()].sort(compareIds);
  const byPopularity = (a: ReplayId, b: ReplayId) => (popularity.get(b) ?? 0) - (popularity.get(a) ?? 0) || compareIds(a, b);
  const random = mulberry32(seed);
  for (const user of users) {
    const untouched = trainingItems.length - trainingItems.filter((item) => user.all.has(item)).length;
    if (untouched < negatives) {
      throw new TypeError(
        `user ${user.id} touched all but ${untouched} of the ${trainingItems.length} items in training, too few to draw ${negatives} negative${negatives === 1 ? '' : 's'} from`,
      );
    }
    const drawn = new Set<ReplayId>();
    while (drawn.size < negatives) {
      const item = trainingItems[Math.floor(random() * trainingItems.length)]!;
      if (!user.all.has(item)) drawn.add(item);
    }
    user.candidates = [user.heldOut.item, ...drawn].sort(byPopularity);
  }
  const interactions = users.reduce((sum, user) => sum + user.train.length + 1, 0);
  return { users, popularity, interactions, items: trainingItems.length };
}

/**
 * The logged lines a model may train on for a replay: every line but those of
 * a user with their held-out item. Ids are matched as the logs wrote them
 * ({@link historiesOf} reads whole numbers as numbers, and writes them back the same).
 */
export function withoutHeldOut<L extends { user: string; item: string }>(logs: readonly L[], replay: Replay): L[] {
  const key = (user: string, item: string) => `${user}\u0000${item}`;
  const heldOut = new Set(replay.users.map((user) => key(String(user.id), String(user.heldOut.item))));
  return logs.filter(({ user, item }) => !heldOut.has(key(user, item)));
}
