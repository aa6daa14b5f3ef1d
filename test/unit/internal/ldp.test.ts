import { describe, expect, it } from 'vitest';
import { outcomesIn, reportProbabilities, reportedIndex, splitBudget, truthProbability } from '../../../src/privacy/report';

/** A small seeded generator, so the simulation is the same on every run. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FEATURES = ['topic:tennis', 'topic:golf', 'topic:cooking', 'topic:science', 'topic:travel'];

describe('local differential privacy of the aggregate report', () => {
  it('reveals no more than epsilon: any report is at most e^ε more likely under one value than another', () => {
    for (const epsilon of [0.5, 1, 2, 4]) {
      const { p, q } = reportProbabilities(epsilon);
      const likelihood = (bits: number[], index: number) =>
        bits.reduce((product, bit, at) => product * ((at === index ? p : q) ** bit * (1 - (at === index ? p : q)) ** (1 - bit)), 1);
      const random = mulberry32(epsilon * 10);
      for (let trial = 0; trial < 200; trial++) {
        const bits = Array.from({ length: 6 }, () => (random() < 0.5 ? 1 : 0));
        for (let a = 0; a < 6; a++) {
          for (let b = 0; b < 6; b++) {
            expect(likelihood(bits, a) / likelihood(bits, b)).toBeLessThanOrEqual(Math.exp(epsilon) * (1 + 1e-9));
          }
        }
      }
    }
  });

  it('reveals no more than epsilon with a holdout: every report under every two inputs, interest and outcomes together, exactly', () => {
    // Every possible report of 3 interest bits (2 features and none) and m outcome bits, under every
    // input: the interest's index and each outcome's yes or no. The group is the device's own draw,
    // the same whatever the visitor did, so it multiplies every likelihood alike and drops out of each ratio.
    for (const outcomes of [1, 2, 3]) {
      for (const epsilon of [0.5, 1, 2, 4]) {
        const budget = splitBudget(epsilon, outcomes);
        expect(budget.interest + outcomes * budget.outcome).toBeCloseTo(epsilon, 12);
        const { p, q } = reportProbabilities(budget.interest);
        const t = truthProbability(budget.outcome);
        const size = 3 + outcomes;
        const likelihood = (report: number, index: number, happened: number) => {
          let product = 1;
          for (let bit = 0; bit < size; bit++) {
            const set = (report >> bit) & 1;
            const one = bit < 3 ? (bit === index ? p : q) : ((happened >> (bit - 3)) & 1) === 1 ? t : 1 - t;
            product *= set ? one : 1 - one;
          }
          return product;
        };
        let largest = 0;
        for (let report = 0; report < 2 ** size; report++) {
          const all = [];
          for (let index = 0; index < 3; index++) for (let happened = 0; happened < 2 ** outcomes; happened++) all.push(likelihood(report, index, happened));
          largest = Math.max(largest, Math.max(...all) / Math.min(...all));
        }
        expect(largest).toBeLessThanOrEqual(Math.exp(epsilon) * (1 + 1e-9));
        // Tight: some report is e^ε times likelier under one input than another, so the split spends all of ε, no more.
        expect(largest).toBeGreaterThan(Math.exp(epsilon) * (1 - 1e-9));
      }
    }
  });

  it('counts an outcome that happened within the period before the report, and no other type', () => {
    const interactions = [
      { type: 'purchase', at: 1_000 },
      { type: 'click', at: 5_000 },
      { type: 'signup', at: 9_000 },
    ];
    expect(outcomesIn(interactions, ['purchase', 'signup'], 1_000)).toEqual([true, true]);
    expect(outcomesIn(interactions, ['purchase', 'signup'], 1_001)).toEqual([false, true]);
    expect(outcomesIn(interactions, ['like'], 0)).toEqual([false]);
  });

  it("reports the visitor's strongest declared interest among their top few, or none", () => {
    const profile = [
      { feature: 'author:jane', weight: 5, byContext: {} },
      { feature: 'topic:golf', weight: 3, byContext: {} },
      { feature: 'topic:tennis', weight: 2, byContext: {} },
    ];
    expect(reportedIndex(profile, FEATURES, 5)).toBe(1);
    expect(reportedIndex(profile, FEATURES, 1)).toBe(FEATURES.length);
    expect(reportedIndex([], FEATURES, 5)).toBe(FEATURES.length);
  });
});
