import { describe, expect, it } from 'vitest';
import { accuracy, calibrationKl, coverage, exposureShares, gini, intraListDiversity, mixOf } from '../../tools/audit/metrics';

const featuresOf = (table: Record<string, string[]>) => (id: string) => table[id] ?? [];

describe('accuracy', () => {
  it('counts held-out items in the top k, discounting each by log2(rank + 2)', () => {
    // Ranks 0 and 2 are hits worth 1 and 1/log2(4) = 0.5; rank 15 is past k; −1 was left out.
    expect(accuracy([0, 2, 15, -1])).toEqual({ hr: 0.5, ndcg: 1.5 / 4 });
  });

  it('takes k from the caller', () => {
    expect(accuracy([0, 2], 2)).toEqual({ hr: 0.5, ndcg: 0.5 });
    expect(accuracy([9, 10]).hr).toBe(0.5);
  });

  it('is 0 for no ranks', () => {
    expect(accuracy([])).toEqual({ hr: 0, ndcg: 0 });
  });
});

describe('coverage', () => {
  it('is the share of the catalogue shown to anyone, each item once', () => {
    expect(coverage([['a', 'b'], ['b', 'c'], ['a']], 10)).toBe(0.3);
    expect(coverage([], 10)).toBe(0);
  });
});

describe('gini', () => {
  const catalogue = ['a', 'b', 'c', 'd'];

  it('is 0 when every item is shown equally often', () => {
    expect(gini([['a', 'b'], ['c', 'd']], catalogue)).toBe(0);
  });

  it('is (n − 1)/n when one item gets all the exposure', () => {
    expect(gini([['d'], ['d'], ['d'], ['d']], catalogue)).toBe(0.75);
  });

  it('counts items never shown as 0', () => {
    // Counts [0, 0, 1, 1]: (−3·0 − 1·0 + 1·1 + 3·1) / (4·2) = 0.5.
    expect(gini([['a', 'b']], catalogue)).toBe(0.5);
  });

  it('ignores items outside the catalogue, and is 0 when nothing was shown', () => {
    expect(gini([['a', 'b', 'c', 'd', 'x', 'x']], catalogue)).toBe(0);
    expect(gini([], catalogue)).toBe(0);
  });
});

describe('intraListDiversity', () => {
  const features = featuresOf({ a: ['genre:drama'], b: ['genre:drama'], c: ['genre:comedy'], d: ['genre:drama', 'genre:comedy'] });

  it('is 0 for items with the same features and 1 for items with none in common', () => {
    expect(intraListDiversity(['a', 'b'], features)).toBe(0);
    expect(intraListDiversity(['a', 'c'], features)).toBe(1);
  });

  it('averages 1 − cosine over pairs', () => {
    // Pairs: a–c 1, a–d 1 − 1/√2, c–d 1 − 1/√2.
    expect(intraListDiversity(['a', 'c', 'd'], features)).toBeCloseTo((3 - 2 / Math.SQRT2) / 3, 12);
  });

  it('skips pairs where an item has no features, and is 0 without pairs', () => {
    expect(intraListDiversity(['a', 'x', 'c'], features)).toBe(1);
    expect(intraListDiversity(['a'], features)).toBe(0);
    expect(intraListDiversity(['x', 'y'], features)).toBe(0);
  });
});

describe('mixOf', () => {
  it('splits each item equally among its categories and sums to 1', () => {
    const mix = mixOf(['a', 'b'], featuresOf({ a: ['drama'], b: ['drama', 'comedy'] }));
    expect(Object.fromEntries(mix)).toEqual({ drama: 0.75, comedy: 0.25 });
  });

  it('leaves out items without a category', () => {
    expect(Object.fromEntries(mixOf(['a', 'x'], featuresOf({ a: ['drama'] })))).toEqual({ drama: 1 });
    expect(mixOf(['x'], featuresOf({})).size).toBe(0);
  });
});

describe('calibrationKl', () => {
  const mix = (entries: Record<string, number>) => new Map(Object.entries(entries));

  it('is 0 for identical mixes and for an empty target', () => {
    expect(calibrationKl(mix({ drama: 0.7, comedy: 0.3 }), mix({ drama: 0.7, comedy: 0.3 }))).toBeCloseTo(0, 15);
    expect(calibrationKl(new Map(), mix({ drama: 1 }))).toBe(0);
  });

  it("is Steck's KL against the smoothed mix", () => {
    // Target drama 0.7, comedy 0.3; shown only drama. q̃ = 0.99·q + 0.01·p.
    const expected = 0.7 * Math.log(0.7 / (0.99 + 0.007)) + 0.3 * Math.log(0.3 / 0.003);
    expect(calibrationKl(mix({ drama: 0.7, comedy: 0.3 }), mix({ drama: 1 }))).toBeCloseTo(expected, 12);
  });

  it('grows as the list strays from the target', () => {
    const target = mix({ drama: 0.7, comedy: 0.3 });
    const near = calibrationKl(target, mix({ drama: 0.6, comedy: 0.4 }));
    const far = calibrationKl(target, mix({ drama: 0.1, comedy: 0.9 }));
    expect(near).toBeGreaterThan(0);
    expect(far).toBeGreaterThan(near);
  });

  it('takes the smoothing from the caller', () => {
    // With s = 1 the smoothed mix is the target itself.
    expect(calibrationKl(mix({ drama: 1 }), mix({ comedy: 1 }), 1)).toBe(0);
  });
});

describe('exposureShares', () => {
  const categories = featuresOf({ a: ['drama'], b: ['drama'], c: ['comedy'], d: ['drama', 'horror'] });
  const catalogue = ['a', 'b', 'c', 'd', 'e'];

  it("sets each category's share of exposure against its share of the catalogue, largest catalogue share first", () => {
    // Catalogue, items with a category: drama 2.5/4, comedy 1/4, horror 0.5/4 (e has none).
    // Shown: a, a, d, c, e → drama 2.5/4, horror 0.5/4, comedy 1/4.
    expect(exposureShares([['a', 'd'], ['a', 'c', 'e']], categories, catalogue)).toEqual([
      { category: 'drama', shown: 0.625, catalogue: 0.625 },
      { category: 'comedy', shown: 0.25, catalogue: 0.25 },
      { category: 'horror', shown: 0.125, catalogue: 0.125 },
    ]);
  });

  it('gives a category never shown a share of 0', () => {
    const shares = exposureShares([['a'], ['b']], categories, catalogue);
    expect(shares.map(({ category, shown }) => [category, shown])).toEqual([
      ['drama', 1],
      ['comedy', 0],
      ['horror', 0],
    ]);
  });
});
