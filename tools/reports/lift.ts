/**
 * What personalization earns, from the reports of a site with a holdout:
 * each outcome's conversion rate in the holdout (the site's own order) and in
 * the personalized group, and the lift between them, from bits each visitor
 * randomized on the device.
 */
import { splitBudget, truthProbability } from '../../src/privacy/report';
import type { HoldoutGroup } from '../../src/types';
import { checkedFirst, Z_95, type AggregateReport } from './decode';

/** An estimate with its standard error and 95 % confidence interval; NaN where the reports cannot give one. */
export interface Interval {
  estimate: number;
  standardError: number;
  low: number;
  high: number;
}

/** One group's reports for one outcome: how many, and how many had the outcome's bit set. */
export interface GroupCounts {
  reports: number;
  ones: number;
}

/** One outcome's estimates. */
export interface LiftEstimate {
  /** The outcome, an interaction type (`purchase`). */
  outcome: string;
  /** The share of the holdout's visitors for whom the outcome happened in the period, and the reports behind it. */
  holdout: Interval & { reports: number };
  /** The same for the personalized group. */
  personal: Interval & { reports: number };
  /** personal − holdout, in rate (0.01 is one percentage point): unbiased. */
  absolute: Interval;
  /** personal / holdout − 1 (0.05 is 5 % more), by the delta method: NaN unless the holdout's rate is above 0. */
  relative: Interval;
}

/** The chance t that a device keeps an outcome's bit true at `epsilon`; 1 at Infinity, the baseline of bits sent as they are. */
export function keptProbability(epsilon: number): number {
  return epsilon === Infinity ? 1 : truthProbability(epsilon);
}

const interval = (estimate: number, standardError: number): Interval => ({
  estimate,
  standardError,
  low: estimate - Z_95 * standardError,
  high: estimate + Z_95 * standardError,
});

/**
 * One group's conversion rate from its counts. A bit tells the truth with
 * probability t = e^ε/(e^ε + 1), so the share y of 1s is r·t + (1 − r)(1 − t)
 * and r = (y − (1 − t)) / (2t − 1) is unbiased. Its variance is that of y over
 * (2t − 1)², and y(1 − y)/(n − 1) estimates Var y without bias.
 */
export function groupRate({ reports, ones }: GroupCounts, epsilon: number): Interval & { reports: number } {
  const t = keptProbability(epsilon);
  const y = ones / reports;
  const rate = (y - (1 - t)) / (2 * t - 1);
  const standardError = reports > 1 ? Math.sqrt((y * (1 - y)) / (reports - 1)) / (2 * t - 1) : NaN;
  return { ...interval(reports ? rate : NaN, standardError), reports };
}

/**
 * The lift of one outcome from each group's counts, its bits randomized with
 * `epsilon` each. The groups were drawn at random on the device, so the
 * difference of their rates estimates what personalization changes for
 * visitors like those who reported; the errors count both who happened to
 * convert and the device's noise. The absolute lift is a difference of two unbiased,
 * independent estimates: unbiased, its variance their sum. The relative lift
 * is their ratio less one; its standard error is the delta method's,
 * (r_P/r_H)·√(V_P/r_P² + V_H/r_H²), and its bias, of order V_H/r_H², is small
 * beside that error once the holdout's rate is measured to within a few
 * percent of itself.
 */
export function liftFromCounts(outcome: string, counts: Record<HoldoutGroup, GroupCounts>, epsilon: number): LiftEstimate {
  const holdout = groupRate(counts.holdout, epsilon);
  const personal = groupRate(counts.personal, epsilon);
  const difference = personal.estimate - holdout.estimate;
  const absolute = interval(difference, Math.hypot(personal.standardError, holdout.standardError));
  const ratio = personal.estimate / holdout.estimate;
  const relative =
    holdout.estimate > 0
      ? interval(ratio - 1, Math.abs(ratio) * Math.hypot(personal.standardError / personal.estimate, holdout.standardError / holdout.estimate))
      : interval(NaN, NaN);
  return { outcome, holdout, personal, absolute, relative };
}

/**
 * Each outcome's rates and lift, from version 2 reports that share one ε and
 * outcome list (as {@link readReports} returns them); empty for version 1
 * reports, which carry no outcomes. Decode one period's reports: a visitor
 * sends one a period, so each then stands for one visitor.
 *
 * @throws TypeError when there are no reports, or naming the first report that does not match the first one.
 */
export function estimateLift(reports: readonly AggregateReport[]): LiftEstimate[] {
  const first = checkedFirst(reports);
  if (!first.holdout) return [];
  const { outcomes } = first.holdout;
  const counts = outcomes.map(() => ({ holdout: { reports: 0, ones: 0 }, personal: { reports: 0, ones: 0 } }));
  for (const { holdout } of reports) {
    holdout!.bits.forEach((bit, at) => {
      const group = counts[at]![holdout!.group];
      group.reports++;
      group.ones += bit;
    });
  }
  const { outcome: epsilon } = splitBudget(first.epsilon, outcomes.length);
  return outcomes.map((outcome, at) => liftFromCounts(outcome, counts[at]!, epsilon));
}
