import { describe, expect, it } from 'vitest';
import { reportProbabilities } from '../../src/privacy/report';
import { decodeReports, NO_FEATURE, readReports, type AggregateReport } from '../../tools/reports/decode';
import { FEATURES, simulatedReports, TRUTH } from './simulated-reports';

/** The reports as JSON lines, as a site's endpoint would keep them. */
const jsonLines = (reports: readonly unknown[]) => reports.map((report) => JSON.stringify(report)).join('\n');

describe('decodeReports', () => {
  it('gives 100,000 simulated visitors estimates within the theoretical error', () => {
    const epsilon = 1;
    const estimates = decodeReports(simulatedReports(100_000, epsilon, 7).reports);
    const { p, q } = reportProbabilities(epsilon);
    estimates.forEach(({ share, low, high, standardError }, at) => {
      // Var of the estimate = (f·p(1−p) + (1−f)·q(1−q)) / (n (p − q)²), from the true share f.
      const f = TRUTH[at]!;
      const theoretical = Math.sqrt((f * p * (1 - p) + (1 - f) * q * (1 - q)) / 100_000) / (p - q);
      expect(Math.abs(share - f)).toBeLessThan(4 * theoretical);
      expect(standardError).toBeCloseTo(theoretical, 3);
      expect(low).toBeLessThan(f + 4 * theoretical);
      expect(high).toBeGreaterThan(f - 4 * theoretical);
    });
  });

  it("puts the reporting visitors' true share inside the 95 % interval about 95 % of the time", () => {
    let inside = 0;
    let intervals = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { reports, shares } = simulatedReports(2_000, 1, seed);
      decodeReports(reports).forEach(({ low, high }, at) => {
        intervals++;
        if (low <= shares[at]! && shares[at]! <= high) inside++;
      });
    }
    // 1,200 intervals: if each holds the truth with probability 0.95, the share inside has a standard deviation of 0.006; the bounds are three away.
    expect(inside / intervals).toBeGreaterThan(0.93);
    expect(inside / intervals).toBeLessThan(0.97);
  });

  it('estimates (count/n − q) / (p − q) per feature, then none, worked by hand', () => {
    // ε = ln 3: q = 1/(3 + 1) = 1/4 and p = 1/2, so a share is (count/n − 1/4) / (1/4) = 4·count/n − 1.
    const epsilon = Math.log(3);
    const bits = [
      [1, 0, 0],
      [1, 1, 0],
      [1, 0, 1],
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ];
    const reports: AggregateReport[] = bits.map((row) => ({ version: 1, epsilon, features: ['a', 'b'], bits: row }));
    const estimates = decodeReports(reports);
    expect(estimates.map(({ feature }) => feature)).toEqual(['a', 'b', NO_FEATURE]);
    // a: 4 of 8 → 1; b: 2 of 8 → 0; none: 3 of 8 → 0.5.
    [1, 0, 0.5].forEach((share, at) => expect(estimates[at]!.share).toBeCloseTo(share, 12));
    // none: (0.5 · 1/2 · 1/2 + 0.5 · 1/4 · 3/4) / 8 = 0.02734375, its root over p − q = 1/4.
    const none = estimates[2]!;
    expect(none.standardError).toBeCloseTo(Math.sqrt(0.02734375) * 4, 12);
    expect(none.low).toBeCloseTo(0.5 - 1.96 * none.standardError, 12);
    expect(none.high).toBeCloseTo(0.5 + 1.96 * none.standardError, 12);
  });

  it('refuses no reports, and names the first report unlike the first', () => {
    expect(() => decodeReports([])).toThrow(new TypeError('no reports to decode'));
    const [first, second] = simulatedReports(2, 1, 3).reports;
    expect(() => decodeReports([first!, { ...second!, epsilon: 2 }])).toThrow(new TypeError("report 2: epsilon 2 differs from the first report's 1"));
  });
});

describe('readReports', () => {
  it('reads one report a line, skipping blank lines', () => {
    const { reports } = simulatedReports(3, 1, 5);
    const text = `${JSON.stringify(reports[0])}\r\n\n  \n${jsonLines(reports.slice(1))}\n`;
    expect(readReports(text)).toEqual(reports);
  });

  it('names the line and what is wrong', () => {
    const [first, second] = simulatedReports(2, 1, 9).reports;
    const bits = first!.bits;
    const cases: [unknown, string][] = [
      [[bits], 'expected a report such as {"version": 1, "epsilon": 1, "features": ["topic:tennis"], "bits": [0, 1]}'],
      [{ ...second, version: 3 }, 'version must be 1 or 2, got 3'],
      [{ ...second, epsilon: 0 }, 'epsilon must be a positive number, got 0'],
      [{ ...second, epsilon: '1' }, 'epsilon must be a positive number, got "1"'],
      [{ ...second, features: 'topic:tennis' }, '"features" must be a list of strings'],
      [{ ...second, bits: bits.slice(1) }, '"bits" must be 6 0s and 1s, one per feature and one for none'],
      [{ ...second, bits: bits.map(() => true) }, '"bits" must be 6 0s and 1s, one per feature and one for none'],
      [{ ...second, epsilon: 2 }, "epsilon 2 differs from the first report's 1"],
      [{ ...second, features: [...FEATURES].reverse() }, "the feature list differs from the first report's"],
      [{ ...second, features: [...FEATURES, 'topic:golf'], bits: [...bits, 0] }, "the feature list differs from the first report's"],
    ];
    for (const [report, problem] of cases) {
      // Line 3: the second report comes after a blank line.
      expect(() => readReports(`${JSON.stringify(first)}\n\n${JSON.stringify(report)}\n`)).toThrow(new TypeError(`reports line 3: ${problem}`));
    }
    expect(() => readReports(`${JSON.stringify(first)}\n{"version": 1,`)).toThrow(/^reports line 2: not JSON \(/);
    expect(() => readReports('\n \n')).toThrow(new TypeError('reports: nothing but blank lines'));
  });
});
