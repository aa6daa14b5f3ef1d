import { describe, expect, it } from 'vitest';
import { decodeModel, MODEL_VERSION } from '../../../src/model/format';
import { buildModel, type LoggedInteraction } from '../../../tools/model/build';
import { DEFAULT_NEXT, nextPart } from '../../../tools/model/next';

/** Rows of a history at the given times, in the order given. */
const history = (...steps: [number, number][]) => steps.map(([row, time]) => ({ row, time }));
/** Successors of `row` as [row, strength] pairs, strongest first, dequantised. */
function successorsOf(part: NonNullable<ReturnType<typeof nextPart>>, row: number): [number, number][] {
  const list: [number, number][] = [];
  for (let e = part.offsets[row]!; e < part.offsets[row + 1]!; e++) list.push([part.items[e]!, part.values[e]! * part.scale[row]!]);
  return list;
}

describe('nextPart', () => {
  it('ranks what came right after an item above what came later, as a share of what followed it', () => {
    // Two users read 0, then 1, then 2: after 0, 1 came one step on and 2 two steps on.
    const part = nextPart([history([0, 1], [1, 2], [2, 3]), history([0, 5], [1, 6], [2, 7])], 3, { ...DEFAULT_NEXT, decay: 0.5 })!;
    const after0 = successorsOf(part, 0);
    expect(after0.map(([row]) => row)).toEqual([1, 2]);
    // Weights 1 and 0.5 per user: shares 2/3 and 1/3, within the 8-bit step of the row's scale.
    expect(after0[0]![1]).toBeCloseTo(2 / 3, 2);
    expect(after0[1]![1]).toBeCloseTo(1 / 3, 2);
    expect(successorsOf(part, 1).map(([row]) => row)).toEqual([2]);
    expect(successorsOf(part, 2)).toEqual([]);
  });

  it('orders a history by time, not by where a line sits in the logs', () => {
    // Read in time order, both users read 0, 1, 2; in the logs' order, 2 comes first.
    const part = nextPart([history([2, 3], [0, 1], [1, 2]), history([2, 7], [1, 6], [0, 5])], 3, { ...DEFAULT_NEXT, window: 1 })!;
    expect(successorsOf(part, 0).map(([row]) => row)).toEqual([1]);
    expect(successorsOf(part, 1).map(([row]) => row)).toEqual([2]);
    expect(successorsOf(part, 2)).toEqual([]);
  });

  it('counts items of one moment (the lines of one order) as following each other both ways', () => {
    const part = nextPart([history([0, 9], [1, 9]), history([1, 4], [0, 4])], 2)!;
    expect(successorsOf(part, 0).map(([row]) => row)).toEqual([1]);
    expect(successorsOf(part, 1).map(([row]) => row)).toEqual([0]);
  });

  it('keeps only pairs seen in several users\' histories, and at most `successors` per item', () => {
    expect(nextPart([history([0, 1], [1, 2])], 2)).toBeUndefined();
    const users = Array.from({ length: 3 }, (_, u) => history([0, u * 10], [1 + u, u * 10 + 1], [1 + ((u + 1) % 3), u * 10 + 2]));
    const part = nextPart(users, 4, { ...DEFAULT_NEXT, successors: 2 })!;
    expect(part.successors).toBe(2);
    expect(successorsOf(part, 0)).toHaveLength(2);
    for (let row = 0; row < 4; row++) expect(part.offsets[row + 1]! - part.offsets[row]!).toBeLessThanOrEqual(2);
  });

  it('counts a repeat as a return, not as what came next', () => {
    // 0, 1, then 0 again: 0 is not what came next after 1.
    const part = nextPart([history([0, 1], [1, 2], [0, 3]), history([0, 1], [1, 2], [0, 3])], 2)!;
    expect(successorsOf(part, 0).map(([row]) => row)).toEqual([1]);
    expect(successorsOf(part, 1)).toEqual([]);
  });
});

describe('buildModel with timed logs', () => {
  const catalogue = ['intro', 'setup', 'advanced', 'faq'].map((id) => ({ id }));
  const read = (user: string, items: string[]): LoggedInteraction[] => items.map((item, step) => ({ user, item, time: 1000 * step }));
  const logs = [...read('u1', ['intro', 'setup', 'advanced']), ...read('u2', ['intro', 'setup', 'faq']), ...read('u3', ['faq', 'intro', 'setup'])];
  const settings = { factors: 2, iterations: 2, contentWidth: 0 };

  it('writes what tends to come next after each item into the model', () => {
    const { bytes, summary } = buildModel({ catalogue, interactions: logs }, settings);
    const model = decodeModel(bytes);
    expect(model.version).toBe(MODEL_VERSION);
    const { next } = model;
    expect(next).toBeDefined();
    const intro = model.index.get('intro')!;
    expect(model.items[next!.items[next!.offsets[intro]!]!]).toBe('setup');
    expect(summary.nextEntries).toBe(next!.items.length);
  });

  it('leaves the part out for logs without times, or with successors 0, and refuses a count out of range', () => {
    const untimed = logs.map(({ user, item }) => ({ user, item }));
    expect(decodeModel(buildModel({ catalogue, interactions: untimed }, settings).bytes).next).toBeUndefined();
    expect(decodeModel(buildModel({ catalogue, interactions: logs }, { ...settings, successors: 0 }).bytes).next).toBeUndefined();
    expect(() => buildModel({ catalogue, interactions: logs }, { ...settings, successors: 101 })).toThrow(/successors must be 0\.\.100, got 101/);
  });
});
