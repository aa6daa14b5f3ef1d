import type { Candidate } from '../types';

/** The items re-ranking may move, and the pinned ones it may not. */
export interface Free {
  /** Neither pinned nor hidden, in the site's order. */
  order: number[];
  pinned: number;
  /** Pinned items among the first `inView` places: they leave fewer for exploration to count in. */
  pinnedInView: number;
}

/** Splits the candidates into the free items and the pinned ones, leaving out `hidden` items that are not pinned. */
export function freeItems(candidates: readonly Candidate[], hidden: (index: number) => boolean, inView: number): Free {
  // As long as the list, then cut to what it holds: pushed one by one, 10,000 items grew it a dozen times, and the
  // copies left behind were a tenth of what a ranking gives the collector.
  const order: number[] = new Array(candidates.length);
  let free = 0;
  let pinned = 0;
  let pinnedInView = 0;
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i]!.pinned === true) {
      pinned++;
      if (i < inView) pinnedInView++;
    } else if (!hidden(i)) order[free++] = i;
  }
  order.length = free;
  return { order, pinned, pinnedInView };
}

/**
 * The ranking's candidate indexes, first place first: each pinned item at its
 * own index, the free items in `order` around them, at most `shown`. Hidden
 * items leave the list shorter; a pinned item whose index lies past the free
 * items left comes right after them.
 */
export function place(candidates: readonly Candidate[], order: readonly number[], pinned: number, shown: number): number[] {
  const listed = Math.min(shown, order.length + pinned);
  const placed: number[] = new Array(listed);
  for (let at = 0, next = 0, filled = 0; filled < listed; at++) {
    if (candidates[at]!.pinned === true) placed[filled++] = at;
    else if (next < order.length) placed[filled++] = order[next++]!;
  }
  return placed;
}
