import { describe, expect, it } from 'vitest';
import { reportProbabilities, reportedIndex } from '../../../src/privacy/report';

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
