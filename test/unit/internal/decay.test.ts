import { describe, expect, it } from 'vitest';
import { addTo, decayFactor, valueAt } from '../../../src/profile/decay';

const DAY = 86_400_000;
const HALF_LIFE = 14 * DAY;

describe('exponential decay', () => {
  it('halves a weight every half-life', () => {
    expect(decayFactor(HALF_LIFE, HALF_LIFE)).toBe(0.5);
    expect(decayFactor(2 * HALF_LIFE, HALF_LIFE)).toBe(0.25);
    expect(decayFactor(7 * DAY, HALF_LIFE)).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('does not grow a weight read before it was last updated', () => {
    expect(valueAt({ w: 3, t: 10 * DAY }, 9 * DAY, HALF_LIFE)).toBe(3);
  });

  it('updates incrementally: w ← w·2^(−Δt/H) + Δw', () => {
    const sum = { w: 0, t: 0 };
    addTo(sum, 4, 0, HALF_LIFE);
    addTo(sum, 1, 14 * DAY, HALF_LIFE); // 4·0.5 + 1 = 3
    expect(sum).toEqual({ w: 3, t: 14 * DAY });
    addTo(sum, 2, 28 * DAY, HALF_LIFE); // 3·0.5 + 2 = 3.5
    expect(sum.w).toBeCloseTo(3.5, 12);
    expect(valueAt(sum, 42 * DAY, HALF_LIFE)).toBeCloseTo(1.75, 12);
  });

  it('gives the same value whatever order the contributions arrive in', () => {
    const inOrder = { w: 0, t: 0 };
    addTo(inOrder, 4, 0, HALF_LIFE);
    addTo(inOrder, 1, 14 * DAY, HALF_LIFE);
    const late = { w: 0, t: 0 };
    addTo(late, 1, 14 * DAY, HALF_LIFE);
    addTo(late, 4, 0, HALF_LIFE); // imported history: 4·0.5 added at t = 14 d
    expect(late.t).toBe(14 * DAY);
    expect(valueAt(late, 30 * DAY, HALF_LIFE)).toBeCloseTo(valueAt(inOrder, 30 * DAY, HALF_LIFE), 12);
  });
});
