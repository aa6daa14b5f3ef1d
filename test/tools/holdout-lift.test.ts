import { describe, expect, it } from 'vitest';
import { splitBudget, truthProbability } from '../../src/privacy/report';
import { readReports } from '../../tools/reports/decode';
import { estimateLift, groupRate, liftFromCounts } from '../../tools/reports/lift';
import { normalQuantile, predictedStandardErrors, varianceOfOneReport, visitorsNeeded, type LiftPlan } from '../../tools/reports/lift-power';
import { BinomialSampler, simulatedLiftCounts, simulatedLiftReports } from '../../tools/reports/simulate-lift';
import { mulberry32 } from '../../tools/model/als';

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const sd = (values: readonly number[]) => Math.sqrt(values.reduce((sum, value) => sum + (value - mean(values)) ** 2, 0) / (values.length - 1));

describe('estimateLift', () => {
  it('debiases each group’s share of 1s, worked by hand', () => {
    // ε = ln 3: t = 3/4, so r = (y − 1/4) / (1/2) = 2y − 1/2.
    const epsilon = Math.log(3);
    const counts = { holdout: { reports: 100, ones: 40 }, personal: { reports: 400, ones: 200 } };
    const { holdout, personal, absolute, relative } = liftFromCounts('purchase', counts, epsilon);
    expect(holdout.estimate).toBeCloseTo(0.3, 12);
    expect(personal.estimate).toBeCloseTo(0.5, 12);
    // Var r = y(1 − y) / (n − 1) / (2t − 1)²: 0.24/99·4 and 0.25/399·4.
    expect(holdout.standardError).toBeCloseTo(Math.sqrt((0.24 / 99) * 4), 12);
    expect(personal.standardError).toBeCloseTo(Math.sqrt((0.25 / 399) * 4), 12);
    expect(absolute.estimate).toBeCloseTo(0.2, 12);
    expect(absolute.standardError).toBeCloseTo(Math.sqrt((0.24 / 99) * 4 + (0.25 / 399) * 4), 12);
    expect(absolute.low).toBeCloseTo(0.2 - 1.96 * absolute.standardError, 12);
    // Relative: 0.5/0.3 − 1, delta method (r_P/r_H)·√(V_P/r_P² + V_H/r_H²).
    expect(relative.estimate).toBeCloseTo(2 / 3, 12);
    const deltaMethod = (0.5 / 0.3) * Math.sqrt(((0.25 / 399) * 4) / 0.25 + ((0.24 / 99) * 4) / 0.09);
    expect(relative.standardError).toBeCloseTo(deltaMethod, 12);
  });

  it('gives no relative lift where the holdout’s rate is not above 0, and no error from a single report', () => {
    const { relative } = liftFromCounts('purchase', { holdout: { reports: 50, ones: 5 }, personal: { reports: 50, ones: 30 } }, 1);
    expect(relative.estimate).toBeNaN();
    expect(groupRate({ reports: 1, ones: 1 }, 1).standardError).toBeNaN();
  });

  it('is unbiased on simulated visitors, its error as the theory predicts, its interval holding the true lift 95 % of the time', () => {
    // ε = 4 with one outcome: 2 each, t ≈ 0.88; a 20 % relative lift on a 30 % rate, a third of visitors held out.
    const plan: LiftPlan = { rate: 0.3, relativeLift: 0.2, epsilon: 4, share: 1 / 3, outcomes: 1 };
    const visitors = 6_000;
    const random = mulberry32(21);
    const absolute: number[] = [];
    let inside = 0;
    const repetitions = 300;
    for (let run = 0; run < repetitions; run++) {
      const [lift] = estimateLift(simulatedLiftReports(plan, visitors, random));
      absolute.push(lift!.absolute.estimate);
      // The interval is for the lift among visitors like these: 0.36 − 0.3, whoever happened to convert.
      if (lift!.absolute.low <= 0.06 && 0.06 <= lift!.absolute.high) inside++;
    }
    const predicted = predictedStandardErrors(plan, visitors).absolute;
    // The mean of 300 estimates has an error of predicted/√300: the bound is four of those.
    expect(Math.abs(mean(absolute) - 0.06)).toBeLessThan((4 * predicted) / Math.sqrt(repetitions));
    // The SD of 300 draws is within about 4 % of the truth (1/√(2·299)); 15 % leaves room for the group sizes' own spread.
    expect(sd(absolute) / predicted).toBeGreaterThan(0.85);
    expect(sd(absolute) / predicted).toBeLessThan(1.15);
    // 300 intervals, SD of the share 0.013; the bounds are three away.
    expect(inside / repetitions).toBeGreaterThan(0.91);
    expect(inside / repetitions).toBeLessThan(0.99);
  });

  it('reads the outcomes of version 2 reports, and leaves the other outcomes at no lift', () => {
    const plan: LiftPlan = { rate: 0.4, relativeLift: 0.5, epsilon: 8, share: 0.5, outcomes: 2 };
    const reports = simulatedLiftReports(plan, 40_000, mulberry32(5));
    const text = reports.map((report) => JSON.stringify(report)).join('\n');
    const [purchase, signup] = estimateLift(readReports(text));
    expect([purchase!.outcome, signup!.outcome]).toEqual(['purchase', 'signup']);
    const { absolute } = predictedStandardErrors(plan, 40_000);
    expect(Math.abs(purchase!.absolute.estimate - 0.2)).toBeLessThan(4 * absolute);
    expect(Math.abs(signup!.absolute.estimate)).toBeLessThan(4 * absolute);
    expect(purchase!.holdout.reports + purchase!.personal.reports).toBe(40_000);
  });

  it('refuses a file that mixes reports with and without a holdout, or outcomes lists', () => {
    const reports = simulatedLiftReports({ rate: 0.1, relativeLift: 0, epsilon: 1, share: 0.5, outcomes: 2 }, 2, mulberry32(1));
    const [first, second] = reports;
    const { holdout, ...plain } = second!;
    expect(() => readReports([first, { ...plain, version: 1 }].map((report) => JSON.stringify(report)).join('\n'))).toThrow(
      new TypeError("reports line 2: version 1 differs from the first report's 2"),
    );
    expect(() => readReports([first, { ...second, holdout: { ...holdout, outcomes: ['purchase', 'lead'] } }].map((report) => JSON.stringify(report)).join('\n'))).toThrow(
      new TypeError("reports line 2: the outcomes differ from the first report's"),
    );
    expect(() => readReports(JSON.stringify({ ...first, holdout: { ...holdout, group: 'control' } }))).toThrow(
      new TypeError('reports line 1: "holdout.group" must be "holdout" or "personal", got "control"'),
    );
    expect(() => readReports(JSON.stringify({ ...first, holdout: { ...holdout, bits: [1] } }))).toThrow(
      new TypeError('reports line 1: "holdout.bits" must be 2 0s and 1s, one per outcome'),
    );
  });
});

describe('planning a holdout', () => {
  it('spends half of ε on the interest question and shares the rest among the outcomes', () => {
    expect(splitBudget(1, 0)).toEqual({ interest: 1, outcome: 0 });
    expect(splitBudget(1, 2)).toEqual({ interest: 0.5, outcome: 0.25 });
  });

  it('gives the normal quantiles a 95 % interval and 80 % power use', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
  });

  it('predicts one report’s variance from the randomization, and r(1 − r) without it', () => {
    expect(varianceOfOneReport(0.1, Infinity)).toBeCloseTo(0.09, 12);
    const t = truthProbability(0.5);
    const y = 0.1 * t + 0.9 * (1 - t);
    expect(varianceOfOneReport(0.1, 0.5)).toBeCloseTo((y * (1 - y)) / (2 * t - 1) ** 2, 12);
  });

  it('finds 80 % of true lifts with the visitors it says are needed, and fewer with half as many', () => {
    const plan: LiftPlan = { rate: 0.2, relativeLift: 0.1, epsilon: 8, share: 0.5, outcomes: 1 };
    const needed = visitorsNeeded(plan);
    const binomial = new BinomialSampler(mulberry32(3));
    const detected = (visitors: number) => {
      let found = 0;
      for (let run = 0; run < 1_500; run++) {
        const { absolute } = liftFromCounts('purchase', simulatedLiftCounts(plan, visitors, binomial), splitBudget(plan.epsilon, 1).outcome);
        if (absolute.low > 0 || absolute.high < 0) found++;
      }
      return found / 1_500;
    };
    // 1,500 runs: the share's SD is 0.010 at 80 %; the bounds are three away.
    expect(detected(needed)).toBeGreaterThan(0.77);
    expect(detected(needed)).toBeLessThan(0.83);
    expect(detected(Math.round(needed / 2))).toBeLessThan(0.6);
  });

  it('draws binomial counts with their mean and variance', () => {
    const binomial = new BinomialSampler(mulberry32(8));
    const draws = Array.from({ length: 4_000 }, () => binomial.draw(10_000, 0.3));
    // Mean 3,000 with an error of √(2,100/4,000) ≈ 0.72; variance 2,100 within about 2.2 % (√(2/3,999)).
    expect(Math.abs(mean(draws) - 3_000)).toBeLessThan(3);
    expect(sd(draws) ** 2 / 2_100).toBeGreaterThan(0.93);
    expect(sd(draws) ** 2 / 2_100).toBeLessThan(1.07);
    expect(binomial.draw(5, 0)).toBe(0);
    expect(binomial.draw(5, 1)).toBe(5);
  });
});
