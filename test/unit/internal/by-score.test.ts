import { describe, expect, it } from 'vitest';
import { sortByScore } from '../../../src/rank/by-score';
import { mulberry32 } from '../../../tools/model/als';

/** What sortByScore must give: best score first, ties in ascending index. */
const byComparison = (order: number[], scores: Float64Array) => order.slice().sort((a, b) => scores[b]! - scores[a]! || a - b);

/** Lists whose scores share the high 32 bits of their doubles in runs short and long, or tie outright. */
const KINDS: Record<string, (random: () => number, i: number, n: number) => number> = {
  'a few values, many ties': (random) => Math.floor(random() * 5),
  'signed, spread out': (random) => (random() - 0.5) * 10,
  'within 1e-9 of each other (one run of equal high words)': (random) => 1 + random() * 1e-9,
  'steps of 1e-12 (many runs, some over 32 long)': (random) => 0.5 + Math.floor(random() * 50) * 1e-12,
  'zeros of both signs among the site order': (random, i, n) => (random() < 0.3 ? -0 : random() < 0.5 ? 0 : 1 - i / n),
};

describe('sortByScore', () => {
  for (const [kind, score] of Object.entries(KINDS)) {
    it(`orders as the comparison does: ${kind}`, () => {
      const random = mulberry32(kind.length);
      for (const n of [0, 1, 2, 31, 33, 300, 5000]) {
        const scores = Float64Array.from({ length: n }, (_, i) => score(random, i, n));
        // A subset of the indexes, ascending, as the free items of a ranking are.
        const order = Array.from({ length: n }, (_, i) => i).filter(() => random() < 0.9);
        const expected = byComparison(order, scores);
        sortByScore(order, scores);
        expect(order).toEqual(expected);
      }
    });
  }
});
