/**
 * Populations with a known lift, for checking the decoder against the
 * theory: visitor by visitor through the SDK's own randomization, or, for the
 * millions of visitors a power check needs, as the counts those visitors
 * would add up to, drawn exactly.
 */
import { encodeReport, randomizedBit, splitBudget } from '../../src/privacy/report';
import type { HoldoutGroup } from '../../src/types';
import type { AggregateReport } from './decode';
import { keptProbability, type GroupCounts } from './lift';
import { planRates, type LiftPlan } from './lift-power';

/** The outcomes a simulated site declares; the first has the plan's lift, the others none. */
const OUTCOMES = ['purchase', 'signup', 'subscribe', 'share', 'download', 'review', 'enquiry', 'booking'];
const FEATURES = ['topic:tennis', 'topic:golf'];

/**
 * `visitors` reports as the SDK sends them (version 2, randomized with
 * encodeReport and randomizedBit), each visitor drawn into the holdout with
 * the plan's share; their first outcome happens with their group's rate
 * (planRates), every other outcome with the holdout's rate in both groups.
 */
export function simulatedLiftReports(plan: LiftPlan, visitors: number, random: () => number): AggregateReport[] {
  const outcomes = OUTCOMES.slice(0, plan.outcomes);
  const budget = splitBudget(plan.epsilon, outcomes.length);
  const rates = planRates(plan);
  const reports: AggregateReport[] = [];
  for (let visitor = 0; visitor < visitors; visitor++) {
    const group: HoldoutGroup = random() < plan.share ? 'holdout' : 'personal';
    const happened = outcomes.map((_, at) => random() < (at === 0 ? rates[group] : rates.holdout));
    const bits = encodeReport(Math.floor(random() * (FEATURES.length + 1)), FEATURES.length + 1, budget.interest, random);
    reports.push({ version: 2, epsilon: plan.epsilon, features: FEATURES, bits, holdout: { group, outcomes, bits: happened.map((outcome) => randomizedBit(outcome, budget.outcome, random)) } });
  }
  return reports;
}

/** Binomial(n, p) draws, exact: the sum of draws over blocks of BLOCK trials, each by inverting the block's distribution. */
export class BinomialSampler {
  static readonly BLOCK = 2048;
  readonly _tables = new Map<number, Float64Array>();

  constructor(readonly _random: () => number) {}

  /** The block's cumulative distribution for `p`, from its log-probabilities so no term underflows early. */
  _table(p: number): Float64Array {
    let table = this._tables.get(p);
    if (table) return table;
    const size = BinomialSampler.BLOCK;
    const logs = new Float64Array(size + 1);
    logs[0] = size * Math.log1p(-p);
    for (let k = 0; k < size; k++) logs[k + 1] = logs[k]! + Math.log((size - k) / (k + 1)) + Math.log(p / (1 - p));
    const top = Math.max(...logs);
    table = new Float64Array(size + 1);
    let sum = 0;
    for (let k = 0; k <= size; k++) table[k] = sum += Math.exp(logs[k]! - top);
    for (let k = 0; k <= size; k++) table[k]! /= sum;
    this._tables.set(p, table);
    return table;
  }

  /** The number of successes in `n` trials of chance `p`. */
  draw(n: number, p: number): number {
    if (p <= 0 || n === 0) return 0;
    if (p >= 1) return n;
    let successes = 0;
    let left = n;
    for (; left >= BinomialSampler.BLOCK; left -= BinomialSampler.BLOCK) successes += this._invert(this._table(p));
    for (; left > 0; left--) if (this._random() < p) successes++;
    return successes;
  }

  /** The first k whose cumulative probability reaches a uniform draw. */
  _invert(table: Float64Array): number {
    const u = this._random();
    let low = 0;
    let high = table.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (table[middle]! < u) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/**
 * The counts the first outcome's reports of `visitors` visitors add up to,
 * drawn exactly as simulatedLiftReports would make them, without making them:
 * the group sizes, then who converted in each, then whose bit the device
 * turned to 1 among those who did (truth kept) and those who did not (flipped).
 */
export function simulatedLiftCounts(plan: LiftPlan, visitors: number, binomial: BinomialSampler): Record<HoldoutGroup, GroupCounts> {
  const rates = planRates(plan);
  const t = keptProbability(splitBudget(plan.epsilon, plan.outcomes).outcome);
  const holdout = binomial.draw(visitors, plan.share);
  const counts = (reports: number, rate: number): GroupCounts => {
    const converted = binomial.draw(reports, rate);
    return { reports, ones: binomial.draw(converted, t) + binomial.draw(reports - converted, 1 - t) };
  };
  return { holdout: counts(holdout, rates.holdout), personal: counts(visitors - holdout, rates.personal) };
}
