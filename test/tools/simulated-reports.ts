/** Reports as the SDK would send them from a simulated population whose true shares are known. */
import { encodeReport } from '../../src/privacy/report';
import { mulberry32 } from '../../tools/model/als';
import type { AggregateReport } from '../../tools/reports/decode';

export const FEATURES = ['topic:tennis', 'topic:golf', 'topic:cooking', 'topic:science', 'topic:travel'];
/** The chance of each feature, then of none, being a visitor's value; they add up to 1. */
export const TRUTH = [0.3, 0.2, 0.15, 0.1, 0.05, 0.2];

/**
 * `visitors` reports, each visitor's value drawn from TRUTH and randomized
 * with `epsilon`, the same for the same seed; with the share of the visitors
 * whose value each is, in TRUTH's order.
 */
export function simulatedReports(visitors: number, epsilon: number, seed: number): { reports: AggregateReport[]; shares: number[] } {
  const random = mulberry32(seed);
  const reports: AggregateReport[] = [];
  const counts = TRUTH.map(() => 0);
  for (let visitor = 0; visitor < visitors; visitor++) {
    let pick = random();
    let index = 0;
    while (pick >= TRUTH[index]! && index < TRUTH.length - 1) pick -= TRUTH[index++]!;
    counts[index]!++;
    reports.push({ version: 1, epsilon, features: FEATURES, bits: encodeReport(index, FEATURES.length + 1, epsilon, random) });
  }
  return { reports, shares: counts.map((count) => count / visitors) };
}
