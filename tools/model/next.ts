/**
 * What tends to come next after what: item-to-item transitions counted in
 * each user's history, in time order, with a decay by how many steps apart
 * two items are, kept as the strongest few successors per item (the model
 * file's `next` part, read by the SDK's `next` score part).
 *
 * Interactions logged at the same moment (the lines of one order, a batch of
 * ratings) have no order among them: they form one step, and count as
 * following each other both ways, as adjacent steps do.
 */
import type { ModelNext } from '../../src/model/format';
import { quantise } from './quantise';

export interface NextSettings {
  /** Most successors kept per item. Default 10. */
  successors: number;
  /** Steps ahead a successor is counted from. Default 5. */
  window: number;
  /** Weight of a successor one step further away, relative to the one before it. Default 0.5. */
  decay: number;
  /** Pairs seen in fewer distinct users' histories than this are noise, not a habit. Default 2. */
  minUsers: number;
}

export const DEFAULT_NEXT: NextSettings = { successors: 10, window: 5, decay: 0.5, minUsers: 2 };

/** One user's interactions as model rows, in time order, grouped into steps of one moment each. */
function stepsOf(history: { row: number; time: number }[]): number[][] {
  history.sort((a, b) => a.time - b.time);
  const steps: number[][] = [];
  let last = NaN;
  const seen = new Set<number>();
  for (const { row, time } of history) {
    // A repeat says the visitor came back to an item, not that it came next after the one before.
    if (seen.has(row)) continue;
    seen.add(row);
    if (time !== last) steps.push([]);
    steps.at(-1)!.push(row);
    last = time;
  }
  return steps;
}

/** Pair counts: weight and distinct users per (from, to), keyed by from × n + to. */
class PairCounts {
  readonly weight = new Map<number, number>();
  readonly users = new Map<number, number>();
  private readonly counted = new Set<number>();

  constructor(private readonly n: number) {}

  /** Starts a new user's history: each pair counts once per user towards `users`. */
  nextUser(): void {
    this.counted.clear();
  }

  add(from: number, to: number, weight: number): void {
    const key = from * this.n + to;
    this.weight.set(key, (this.weight.get(key) ?? 0) + weight);
    if (this.counted.has(key)) return;
    this.counted.add(key);
    this.users.set(key, (this.users.get(key) ?? 0) + 1);
  }
}

/** Counts each user's steps: a step's items follow those of the `window` steps before it, and each other. */
function countPairs(histories: Iterable<{ row: number; time: number }[]>, n: number, settings: NextSettings): PairCounts {
  const counts = new PairCounts(n);
  for (const history of histories) {
    counts.nextUser();
    const steps = stepsOf(history);
    steps.forEach((step, q) => {
      for (const to of step) for (const from of step) if (from !== to) counts.add(from, to, 1);
      for (let p = q - 1, weight = 1; p >= 0 && q - p <= settings.window; p--, weight *= settings.decay) {
        for (const to of step) for (const from of steps[p]!) counts.add(from, to, weight);
      }
    });
  }
  return counts;
}

/**
 * The next-item part of a model of `n` items from the logs, grouped by user
 * (user ids only group them), or undefined where no pair is seen often
 * enough. An item's successors are scored by the share of what followed it
 * that they are, P(next = j | i), strongest first; 8-bit with a scale per item.
 */
export function nextPart(
  histories: Iterable<{ row: number; time: number }[]>,
  n: number,
  settings: NextSettings = DEFAULT_NEXT,
): ModelNext | undefined {
  const counts = countPairs(histories, n, settings);
  const outgoing = new Float64Array(n);
  const rows: [number, number][][] = Array.from({ length: n }, () => []);
  for (const [key, weight] of counts.weight) {
    const from = Math.floor(key / n);
    outgoing[from] += weight;
    if (counts.users.get(key)! >= settings.minUsers) rows[from]!.push([key - from * n, weight]);
  }
  const offsets = new Uint32Array(n + 1);
  const kept: [number, number][] = [];
  rows.forEach((successors, from) => {
    // Strongest first, ties by row, so the same logs give the same file.
    successors.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [to, weight] of successors.slice(0, settings.successors)) kept.push([to, weight / outgoing[from]!]);
    offsets[from + 1] = kept.length;
  });
  if (!kept.length) return undefined;
  const { values, scale } = quantise(
    kept.map(([, share]) => share),
    offsets,
  );
  return { successors: settings.successors, scale, offsets, items: Uint32Array.from(kept, ([to]) => to), values };
}
