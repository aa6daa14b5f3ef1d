import { describe, expect, it } from 'vitest';
import type { LoggedInteraction } from '../../../tools/model/build';
import { DEFAULT_RULES, mineRules, weighedMost } from '../../../tools/model/rules';

/** Each user's items, as lines of one type. */
const lines = (baskets: string[][], type?: string): LoggedInteraction[] =>
  baskets.flatMap((items, user) => items.map((item) => ({ user: `u${user}`, item, ...(type && { type }) })));

/**
 * 20 users: 8 have a and b, 2 have a alone, 4 have c and d, 6 have c alone.
 * a → b: support 0.4, confidence 0.8, lift 0.8 / 0.4 = 2; b → a: confidence 1, lift 2.
 * c → d: support 0.2, confidence 0.4, lift 0.4 / 0.2 = 2; d → c: confidence 1, lift 2.
 */
const baskets = [
  ...Array.from({ length: 8 }, () => ['a', 'b']),
  ...Array.from({ length: 2 }, () => ['a']),
  ...Array.from({ length: 4 }, () => ['c', 'd']),
  ...Array.from({ length: 6 }, () => ['c']),
];
const settings = { ...DEFAULT_RULES, minSupport: 0.1, minConfidence: 0, minLift: 1.5, boost: 1 };

describe('mineRules', () => {
  it('measures support, confidence and lift over users, keeping the strongest first', () => {
    const report = mineRules(lines(baskets), settings, 'purchase');
    expect(report).toMatchObject({ type: 'purchase', users: 20, found: 4 });
    expect(report.kept).toEqual([
      { from: 'b', to: 'a', support: 0.4, confidence: 1, lift: 2 },
      { from: 'd', to: 'c', support: 0.2, confidence: 1, lift: 2 },
      { from: 'a', to: 'b', support: 0.4, confidence: 0.8, lift: 2 },
      { from: 'c', to: 'd', support: 0.2, confidence: 0.4, lift: 2 },
    ]);
    // The boost is the setting × the confidence.
    expect(report.rules).toEqual({ did: 'purchase', pairs: [['b', 'a', 1], ['d', 'c', 1], ['a', 'b', 0.8], ['c', 'd', 0.4]] });
  });

  it('leaves out what falls below a threshold, keeps at most max, and mines none at max 0', () => {
    expect(mineRules(lines(baskets), { ...settings, minSupport: 0.3 }, 'click').kept.map(({ from }) => from)).toEqual(['b', 'a']);
    expect(mineRules(lines(baskets), { ...settings, minConfidence: 0.5 }, 'click').found).toBe(3);
    expect(mineRules(lines(baskets), { ...settings, minLift: 2.5 }, 'click')).toMatchObject({ found: 0, kept: [] });
    expect(mineRules(lines(baskets), { ...settings, minLift: 2.5 }, 'click').rules).toBeUndefined();
    const capped = mineRules(lines(baskets), { ...settings, max: 1 }, 'click');
    expect(capped).toMatchObject({ found: 4, kept: [{ from: 'b', to: 'a' }] });
    expect(mineRules(lines(baskets), { ...settings, max: 0 }, 'click').rules).toBeUndefined();
  });

  it('counts a pair two users share at least, whatever the least support', () => {
    const once = [['x', 'y'], ['z'], ['z'], ['z']];
    expect(mineRules(lines(once), { ...settings, minSupport: 0 }, 'click').found).toBe(0);
    expect(mineRules(lines([...once, ['x', 'y']]), { ...settings, minSupport: 0 }, 'click').found).toBe(2);
  });

  it('mines the lines of one type, repeated lines counting once per user', () => {
    const mixed = [...lines(baskets, 'view'), ...lines([['a', 'c'], ['a', 'c'], ['a', 'c'], ['b']], 'purchase'), ...lines([['a', 'c']], 'purchase')];
    const report = mineRules(mixed, { ...settings, type: 'purchase', minSupport: 0, minLift: 1 }, 'click');
    expect(report).toMatchObject({ type: 'purchase', users: 4 });
    expect(report.kept.map(({ from, to }) => `${from}→${to}`)).toEqual(['a→c', 'c→a']);
  });
});

describe('weighedMost', () => {
  it('takes the type of the highest mean weight, then the one the SDK weighs more, then the one with more lines', () => {
    const logged = (type: string | undefined, weight: number | undefined, count: number): LoggedInteraction[] =>
      Array.from({ length: count }, (_, i) => ({ user: `u${i}`, item: 'a', ...(type && { type }), ...(weight && { weight }) }));
    expect(weighedMost([...logged('view', 1, 50), ...logged('purchase', 3, 2)], 'click')).toBe('purchase');
    expect(weighedMost([...logged('view', undefined, 50), ...logged('purchase', undefined, 2), ...logged('click', undefined, 9)], 'click')).toBe('purchase');
    expect(weighedMost([...logged('signup', undefined, 5), ...logged('newsletter', undefined, 9)], 'click')).toBe('newsletter');
    expect(weighedMost(logged(undefined, undefined, 3), 'like')).toBe('like');
  });
});
