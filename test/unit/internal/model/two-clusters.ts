import { mulberry32, sparseRows, type SparseRows } from '../../../../tools/model/als';

export { mulberry32 };

export const USERS = 40;
export const ITEMS = 30;
/** Items 0..14 are one taste, 15..29 the other; users 0..19 have the first, 20..39 the second. */
export const clusterOfItem = (item: number) => (item < ITEMS / 2 ? 0 : 1);
export const clusterOfUser = (user: number) => (user < USERS / 2 ? 0 : 1);

export interface TwoClusters {
  matrix: SparseRows;
  /** Each user's training items, in the order they were drawn. */
  seen: number[][];
  /** Two in-cluster items per user that training never saw. */
  heldOut: number[][];
}

/**
 * Each user clicks 7 items of their own cluster and, with probability 0.3, one
 * of the other: an implicit dataset with a clear two-taste structure and a little noise.
 */
export function twoClusters(seed = 11): TwoClusters {
  const random = mulberry32(seed);
  const seen: number[][] = [];
  const heldOut: number[][] = [];
  const triples: [number, number, number][] = [];
  for (let user = 0; user < USERS; user++) {
    const first = clusterOfUser(user) * (ITEMS / 2);
    const own = Array.from({ length: ITEMS / 2 }, (_, i) => first + i);
    // Fisher–Yates, so the split of the user's cluster into seen and held out is random.
    for (let i = own.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [own[i], own[j]] = [own[j]!, own[i]!];
    }
    const items = own.slice(0, 7);
    if (random() < 0.3) items.push((ITEMS / 2 - first + Math.floor(random() * (ITEMS / 2))) % ITEMS);
    seen.push(items);
    heldOut.push(own.slice(7, 9));
    for (const item of items) triples.push([user, item, 1]);
  }
  return { matrix: sparseRows(USERS, ITEMS, triples), seen, heldOut };
}
