import { describe, expect, it } from 'vitest';
import { Explorer, sampleBeta } from '../../../src/rank/explore';
import { mulberry32 } from '../../../tools/model/als';

describe('Thompson sampling', () => {
  it('draws Beta variates with the right mean and spread', () => {
    const random = mulberry32(7);
    for (const [a, b] of [[1, 1], [2, 8], [30, 10]] as const) {
      const draws = Array.from({ length: 20_000 }, () => sampleBeta(a, b, random));
      const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
      const variance = draws.reduce((sum, x) => sum + (x - mean) ** 2, 0) / draws.length;
      expect(draws.every((x) => x > 0 && x < 1)).toBe(true);
      expect(mean).toBeCloseTo(a / (a + b), 2);
      expect(variance).toBeCloseTo((a * b) / ((a + b) ** 2 * (a + b + 1)), 2);
    }
  });

  it('is reproducible for a seed, and keeps a draw while its evidence holds', () => {
    const draws = (seed: number) => {
      const explorer = new Explorer(mulberry32(seed));
      return ['a', 'b', 'c'].map((item) => explorer.sample(item, { shown: 3, clicked: 1 }));
    };
    expect(draws(1)).toEqual(draws(1));
    expect(draws(1)).not.toEqual(draws(2));
    const explorer = new Explorer(mulberry32(3));
    const first = explorer.sample('a', { shown: 3, clicked: 1 });
    // The trials fade a little between two rankings of one page view: the same draw.
    expect(explorer.sample('a', { shown: 2.99, clicked: 0.999 })).toBe(first);
    // A new impression is new evidence: a new draw.
    expect(explorer.sample('a', { shown: 4, clicked: 1 })).not.toBe(first);
  });

  it('stops trying what the visitor keeps passing over', () => {
    const explorer = new Explorer(mulberry32(11));
    let ignoredWins = 0;
    for (let round = 0; round < 1000; round++) {
      const ignored = explorer.sample(`ignored${round}`, { shown: 20, clicked: 0 });
      const untried = explorer.sample(`untried${round}`, { shown: 0, clicked: 0 });
      if (ignored > untried) ignoredWins++;
    }
    // P(Beta(1, 21) > Beta(1, 1)) = 1/22.
    expect(ignoredWins / 1000).toBeLessThan(0.08);
  });
});
