/**
 * Planning a holdout: how precise the lift's estimate is for a number of
 * visitors, and how many visitors a site needs to detect a lift, under the
 * report's randomization (lift.ts says how the estimate is made).
 */
import { splitBudget } from '../../src/privacy/report';
import { keptProbability } from './lift';

/** A site's holdout and what it expects, for planning. */
export interface LiftPlan {
  /** The outcome's rate in the holdout: the share of visitors for whom it happens in a period (0.05). */
  rate: number;
  /** The relative lift to detect: 0.05 for 5 % more in the personalized group. */
  relativeLift: number;
  /** The report's whole ε, as in the `reporting` option. */
  epsilon: number;
  /** The holdout's share, as in the `holdout` option. */
  share: number;
  /** How many outcomes the holdout declares: ε is split among them. */
  outcomes: number;
}

/**
 * z of the standard normal at probability `p`: Acklam's rational
 * approximation, within 1.2e-9 of the exact value, far closer than any
 * planning needs.
 */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * What one visitor's report adds to the variance of their group's estimated
 * rate `rate`, with the outcome bit randomized at `epsilon`: y(1 − y)/(2t − 1)²,
 * y = r·t + (1 − r)(1 − t) the chance of a 1. `epsilon` Infinity is the
 * baseline of bits sent as they are, r(1 − r).
 */
export function varianceOfOneReport(rate: number, epsilon: number): number {
  const t = keptProbability(epsilon);
  const y = rate * t + (1 - rate) * (1 - t);
  return (y * (1 - y)) / (2 * t - 1) ** 2;
}

/** The outcome's rate in each group under the plan: the holdout's, and the personalized group's `rate · (1 + relativeLift)`. */
export function planRates({ rate, relativeLift }: LiftPlan): { holdout: number; personal: number } {
  return { holdout: rate, personal: rate * (1 + relativeLift) };
}

/**
 * The standard errors of the estimated absolute lift (personal − holdout) and
 * relative lift with `visitors` reports in all, each group as large as its
 * expected share: the sum of the groups' variances, and the delta method's for the ratio.
 */
export function predictedStandardErrors(plan: LiftPlan, visitors: number): { absolute: number; relative: number } {
  const rates = planRates(plan);
  const { outcome } = splitBudget(plan.epsilon, plan.outcomes);
  const holdout = varianceOfOneReport(rates.holdout, outcome) / (visitors * plan.share);
  const personal = varianceOfOneReport(rates.personal, outcome) / (visitors * (1 - plan.share));
  const ratio = rates.personal / rates.holdout;
  return { absolute: Math.sqrt(holdout + personal), relative: ratio * Math.sqrt(personal / rates.personal ** 2 + holdout / rates.holdout ** 2) };
}

/**
 * Visitors (reports of one period) a site needs so that a two-sided test of
 * "no lift" at level `alpha` finds the plan's lift with probability `power`:
 * n = (z₁₋α/₂ + z_power)² · (v_H/s + v_P/(1 − s)) / (r_H · lift)², with v the
 * variance of one report (varianceOfOneReport) and s the holdout's share.
 */
export function visitorsNeeded(plan: LiftPlan, { alpha = 0.05, power = 0.8 } = {}): number {
  const { absolute } = predictedStandardErrors(plan, 1);
  const difference = plan.rate * plan.relativeLift;
  return Math.ceil(((normalQuantile(1 - alpha / 2) + normalQuantile(power)) * absolute / difference) ** 2);
}
