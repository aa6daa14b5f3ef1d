import { describe, expect, it } from 'vitest';
import { rerank as rerankWith, type FeaturesOf, type Rerank } from '../../../src/rank/rerank';
import { diversity } from '../../../src/rank/diversity';
import { exploration } from '../../../src/rank/explore';
import { calibration } from '../../../src/rank/calibration';
import { caps } from '../../../src/rank/caps';

/** Every step, in the order a ranking runs them. */
const rerank = (order: number[], scores: number[], features: FeaturesOf, settings: Rerank) =>
  rerankWith(order, scores, features, settings, [diversity, exploration, calibration, caps]);

const FEATURES: Record<number, string[]> = {
  0: ['topic:tennis', 'author:jane'],
  1: ['topic:tennis', 'author:jane'],
  2: ['topic:cooking', 'author:luis'],
  3: ['topic:tennis', 'author:jane'],
  4: ['topic:science', 'author:ann'],
};
const featuresOf = (index: number) => FEATURES[index] ?? [];
/** Scores already in order: 0 best. */
const SCORES = [1, 0.9, 0.8, 0.7, 0.6];
const ORDER = [0, 1, 2, 3, 4];

describe('diversity (maximal marginal relevance)', () => {
  it('keeps the score order at 0', () => {
    expect(rerank(ORDER, SCORES, featuresOf, { diversity: 0, caps: {} }).order).toEqual(ORDER);
  });

  it('puts the different item second, by hand: value = (1 − d)·relevance − d·closest similarity', () => {
    // d = 0.5. After item 0: item 1 is identical (similarity 1): 0.5 × 0.75 − 0.5 × 1 = −0.125;
    // item 2 shares nothing: 0.5 × 0.5 − 0 = 0.25, so it goes second, lifted for being different.
    const { order, moved } = rerank(ORDER, SCORES, featuresOf, { diversity: 0.5, caps: {} });
    expect(order.slice(0, 3)).toEqual([0, 2, 4]);
    expect([...moved.different].sort()).toEqual([2, 4]);
  });

  it('orders by difference alone at 1, after the best item', () => {
    const { order } = rerank(ORDER, SCORES, featuresOf, { diversity: 1, caps: {} });
    expect(order[0]).toBe(0);
    expect(order.slice(1, 3).sort()).toEqual([2, 4]);
  });
});

describe('exposure caps', () => {
  it('never lets an author have more than its cap before every other item has had a place', () => {
    const { order, moved } = rerank(ORDER, SCORES, featuresOf, { diversity: 0, caps: { author: 2 } });
    expect(order).toEqual([0, 1, 2, 4, 3]);
    expect(moved.capped.get(3)).toBe('author');
    for (let place = 1; place <= 4; place++) {
      expect(order.slice(0, place).filter((index) => featuresOf(index).includes('author:jane')).length).toBeLessThanOrEqual(2);
    }
  });

  it('caps one value, not the prefix: two authors each keep their own two', () => {
    const { order } = rerank([0, 1, 3, 2], SCORES, featuresOf, { diversity: 0, caps: { author: 2 } });
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('applies after diversity, so a cap holds whatever diversity placed', () => {
    const { order } = rerank(ORDER, SCORES, featuresOf, { diversity: 0.2, caps: { topic: 1 } });
    expect(order.slice(0, 3).map((index) => featuresOf(index)[0])).toEqual(['topic:tennis', 'topic:cooking', 'topic:science']);
  });
});

describe('exploration places', () => {
  const twenty = Array.from({ length: 20 }, (_, i) => i);
  const scores = twenty.map((i) => 1 - i / 20);
  // Items 12, 15 and 18 are outside the profile, sampled at 0.2, 0.9 and 0.5; the others are inside.
  const rates: Record<number, number> = { 12: 0.2, 15: 0.9, 18: 0.5 };
  const sample = (index: number) => rates[index];

  it('gives every 1/share-th of the first places to the best-sampled items beyond them, the rest in order', () => {
    const { order, moved } = rerank(twenty, scores, () => [], { diversity: 0, caps: {}, exploration: { share: 0.2, places: 10, sample } });
    // Share 0.2 of 10 places: places 4 and 9 (zero-based), for 15 (0.9) then 18 (0.5).
    expect(order.slice(0, 10)).toEqual([0, 1, 2, 3, 15, 4, 5, 6, 7, 18]);
    expect(order).toHaveLength(20);
    expect(new Set(order).size).toBe(20);
    expect([...moved.explored].sort((a, b) => a - b)).toEqual([15, 18]);
  });

  it('never takes the first place, and tries nothing where no place is due or nothing is outside', () => {
    expect(rerank(twenty, scores, () => [], { diversity: 0, caps: {}, exploration: { share: 0.05, places: 10, sample } }).order).toEqual(twenty);
    expect(rerank(twenty, scores, () => [], { diversity: 0, caps: {}, exploration: { share: 0.5, places: 10, sample: () => undefined } }).order).toEqual(twenty);
    const all = rerank(twenty, scores, () => [], { diversity: 0, caps: {}, exploration: { share: 1, places: 4, sample } }).order;
    expect(all.slice(0, 4)).toEqual([0, 15, 18, 12]);
  });

  it('yields to caps, which no step may break', () => {
    const features = (index: number) => (index === 15 || index === 18 ? ['author:jane'] : [`author:${index}`]);
    const { order } = rerank(twenty, scores, features, { diversity: 0, caps: { author: 1 }, exploration: { share: 0.2, places: 10, sample } });
    expect(order.slice(0, 10)).toEqual([0, 1, 2, 3, 15, 4, 5, 6, 7, 8]);
  });
});

describe('calibration with diversity', () => {
  // Ten politics stories score above ten science stories; each by an author of its own.
  const news = Array.from({ length: 20 }, (_, i) => i);
  const scores = news.map((i) => 1 - i / 20);
  const features = (i: number) => [i < 10 ? 'topic:politics' : 'topic:science', `author:${i}`];
  const science = (order: number[]) => order.slice(0, 10).filter((i) => i >= 10).length;
  const target = new Map([['topic:politics', 0.7], ['topic:science', 0.3]]);

  it('keeps its pull toward the visitor’s mix, as strong as without diversity', () => {
    const diverse = rerank(news, scores, features, { diversity: 0.2, caps: {} }).order;
    const alone = rerank(news, scores, features, { diversity: 0, caps: {}, calibration: { target, weight: 0.9 } }).order;
    const both = rerank(news, scores, features, { diversity: 0.2, caps: {}, calibration: { target, weight: 0.9 } });
    // Diversity alone leaves politics on top; calibration brings science toward 3 in 10, with diversity or without.
    expect(science(diverse)).toBeLessThan(2);
    expect(science(both.order)).toBeGreaterThanOrEqual(2);
    expect(science(both.order)).toBeLessThanOrEqual(4);
    expect(Math.abs(science(both.order) - science(alone))).toBeLessThanOrEqual(1);
    expect(both.moved.calibrated.size).toBeGreaterThan(0);
  });
});
