// Measured lift with a holdout, privately: simulated populations with a known lift, reported through the
// SDK's own randomization and decoded by attune decode-reports' estimator. The estimator's error against
// the theory, and how many visitors a site needs to detect a 5 % lift; chart to docs/holdout-power.svg
// (and .png by Chromium), tables to BENCHMARKS.md.
//   node bench/holdout.mjs [--repetitions=200] [--runs=2000]
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  BinomialSampler,
  estimateLift,
  liftFromCounts,
  liftPowerChart,
  mulberry32,
  normalQuantile,
  predictedStandardErrors,
  simulatedLiftCounts,
  simulatedLiftReports,
  splitBudget,
  visitorsNeeded,
} from '../dist/tools-internal.mjs';
import { renderPng } from './render-png.mjs';
import { CHROMIUM } from './startup.mjs';
import { fixed, markdownTable } from './stats.mjs';

const docs = new URL('../docs/', import.meta.url);
const FILE = 'holdout-power';
/** The site's question: an outcome that 10 % of the holdout's visitors reach in a period, and a 5 % relative lift to find. */
const QUESTION = { rate: 0.1, relativeLift: 0.05 };
const VISITORS = 100_000;
const EPSILONS = [0.5, 1, 2, 4, 8];
/** The holdouts compared: the README's example first. */
const HOLDOUTS = [
  { label: 'holdout 10 %, 2 outcomes', share: 0.1, outcomes: 2 },
  { label: 'holdout 10 %, 1 outcome', share: 0.1, outcomes: 1 },
  { label: 'holdout 50 %, 1 outcome', share: 0.5, outcomes: 1 },
];

const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const sd = (values) => Math.sqrt(values.reduce((sum, value) => sum + (value - mean(values)) ** 2, 0) / (values.length - 1));
const count = (value) => Math.round(value).toLocaleString('en');
const millions = (value) => (value >= 1e6 ? `${fixed(value / 1e6, 1)} M` : count(value));

/** Φ, the standard normal's distribution function (Abramowitz and Stegun 7.1.26, within 1.5e-7). */
function normalCdf(z) {
  const t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.SQRT2);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** The chance a two-sided 95 % test finds the plan's lift with `visitors`, under the normal approximation. */
function predictedPower(plan, visitors) {
  const shift = (plan.rate * plan.relativeLift) / predictedStandardErrors(plan, visitors).absolute;
  const z = normalQuantile(0.975);
  return normalCdf(shift - z) + normalCdf(-shift - z);
}

/** The first outcome's estimates over `repetitions` populations of VISITORS, each reported through the SDK's randomization. */
function errorAgainstTheory(plan, repetitions, seed) {
  const random = mulberry32(seed);
  const absolute = [];
  const relative = [];
  const reported = [];
  let inside = 0;
  const trueLift = plan.rate * plan.relativeLift;
  for (let run = 0; run < repetitions; run++) {
    const [lift] = estimateLift(simulatedLiftReports(plan, VISITORS, random));
    absolute.push(lift.absolute.estimate);
    relative.push(lift.relative.estimate);
    reported.push(lift.absolute.standardError);
    if (lift.absolute.low <= trueLift && trueLift <= lift.absolute.high) inside++;
  }
  const predicted = predictedStandardErrors(plan, VISITORS);
  return { absolute, relative: relative.filter(Number.isFinite), reported, coverage: inside / repetitions, predicted, trueLift };
}

/** The share of `runs` simulated sites of `visitors` whose 95 % interval of the absolute lift leaves out 0. */
function simulatedPower(plan, visitors, runs, binomial) {
  let found = 0;
  const epsilon = splitBudget(plan.epsilon, plan.outcomes).outcome;
  for (let run = 0; run < runs; run++) {
    const { absolute } = liftFromCounts('purchase', simulatedLiftCounts(plan, visitors, binomial), epsilon);
    if (absolute.low > 0 || absolute.high < 0) found++;
  }
  return found / runs;
}

/** 1. The estimator's error against the theory, at 100,000 visitors: one row per scenario. */
function errorRows(repetitions) {
  const scenarios = [
    { ...HOLDOUTS[0], epsilon: 1 },
    { ...HOLDOUTS[1], epsilon: 1 },
    { ...HOLDOUTS[2], epsilon: 4 },
  ];
  return scenarios.map((scenario, index) => {
    const plan = { ...QUESTION, ...scenario };
    const { absolute, relative, reported, coverage, predicted, trueLift } = errorAgainstTheory(plan, repetitions, 100 + index);
    const bias = mean(absolute) - trueLift;
    return [
      `${scenario.label}, ε = ${scenario.epsilon}`,
      `${fixed(bias * 100, 3)} pp (± ${fixed((sd(absolute) / Math.sqrt(repetitions)) * 100, 3)})`,
      `${fixed(sd(absolute) * 100, 3)} pp`,
      `${fixed(predicted.absolute * 100, 3)} pp`,
      fixed(sd(absolute) / predicted.absolute, 3),
      `${fixed(mean(reported) * 100, 3)} pp`,
      `${fixed(coverage * 100, 1)} %`,
      `${fixed(sd(relative) * 100, 1)} % / ${fixed(predicted.relative * 100, 1)} %`,
    ];
  });
}

/** The visitors a holdout needs for the question with outcome bits sent as they are: the baseline. */
const baseline = (holdout) => visitorsNeeded({ ...QUESTION, ...holdout, epsilon: Infinity });

/** 2. Visitors needed for a 5 % relative lift, 80 % power, α = 0.05, by ε, beside the baseline. */
function neededRows() {
  return HOLDOUTS.map((holdout) => [
    holdout.label,
    ...EPSILONS.map((epsilon) => millions(visitorsNeeded({ ...QUESTION, ...holdout, epsilon }))),
    millions(baseline(holdout)),
    `${fixed(visitorsNeeded({ ...QUESTION, ...holdout, epsilon: 1 }) / baseline(holdout), 0)}×`,
  ]);
}

/** 3. Checked by simulation at ε = 1: the share of simulated sites that find the lift at the visitors needed, and at half. */
function powerChecks(runs) {
  const binomial = new BinomialSampler(mulberry32(7));
  return HOLDOUTS.map((holdout) => {
    const plan = { ...QUESTION, ...holdout, epsilon: 1 };
    const needed = visitorsNeeded(plan);
    const half = Math.round(needed / 2);
    return { holdout, plan, needed, atNeeded: simulatedPower(plan, needed, runs, binomial), half, atHalf: simulatedPower(plan, half, runs, binomial) };
  });
}

function checkRows(checks, runs) {
  const powerSe = (p) => Math.sqrt((p * (1 - p)) / runs) * 100;
  return checks.map(({ holdout, plan, needed, atNeeded, half, atHalf }) => [
    holdout.label,
    count(needed),
    `${fixed(atNeeded * 100, 1)} % (± ${fixed(powerSe(atNeeded), 1)})`,
    count(half),
    `${fixed(atHalf * 100, 1)} % (± ${fixed(powerSe(atHalf), 1)}); predicted ${fixed(predictedPower(plan, half) * 100, 1)} %`,
  ]);
}

/** Draws the chart into docs/ (the PNG where Chromium is) and returns the Markdown that shows it. */
async function writeChart(checks, runs) {
  const svg = liftPowerChart(
    [
      ...HOLDOUTS.map((holdout) => ({ label: holdout.label, points: EPSILONS.map((epsilon) => ({ epsilon, visitors: visitorsNeeded({ ...QUESTION, ...holdout, epsilon }) })) })),
      { label: `${HOLDOUTS[1].label}, bits sent as they are`, reference: true, points: EPSILONS.map((epsilon) => ({ epsilon, visitors: baseline(HOLDOUTS[1]) })) },
    ],
    checks.map(({ needed, atNeeded }) => ({ epsilon: 1, visitors: needed, label: `simulated: ${fixed(atNeeded * 100, 1)} % found` })),
    'Visitors a site needs to detect a 5 % lift, privately',
    `outcome rate 10 % in the holdout, 5 % relative lift, 80 % power, α = 0.05; rings: ${runs} simulated sites each at ε = 1`,
  );
  await mkdir(docs, { recursive: true });
  await writeFile(new URL(`${FILE}.svg`, docs), svg);
  const png = existsSync(CHROMIUM) ? await renderPng(svg) : undefined;
  if (png) await writeFile(new URL(`${FILE}.png`, docs), png);
  return png
    ? `![Visitors needed to detect a 5 % lift against ε, one line per holdout](docs/${FILE}.png)\n\n([SVG](docs/${FILE}.svg))`
    : `[Chart (SVG)](docs/${FILE}.svg)`;
}

export async function holdoutReport({ repetitions = 200, runs = 2_000 } = {}) {
  const title = 'Measured lift with a holdout: error against the theory, and visitors needed';
  const started = performance.now();
  const errors = errorRows(repetitions);
  const needed = neededRows();
  const checks = powerChecks(runs);
  const seconds = (performance.now() - started) / 1000;
  const chart = await writeChart(checks, runs);

  return {
    title,
    table:
      `${chart}\n\n**The estimator against the theory**: ${count(VISITORS)} visitors, ${repetitions} simulated populations per row, the first outcome's absolute lift (true: +${fixed(QUESTION.rate * QUESTION.relativeLift * 100, 1)} pp on a ${fixed(QUESTION.rate * 100, 0)} % rate).\n\n` +
      markdownTable(
        ['holdout', 'bias (± its SE)', 'empirical SD', 'predicted SE', 'SD / SE', 'mean reported SE', '95 % CI coverage', 'relative lift: empirical SD / predicted SE'],
        errors,
      ) +
      `\n\n**Visitors needed** (reports of one period) to detect a 5 % relative lift on a 10 % rate, 80 % power, two-sided α = 0.05, by the report's ε; *as they are* is the same holdout with outcome bits not randomized.\n\n` +
      markdownTable(['holdout', ...EPSILONS.map((epsilon) => `ε = ${epsilon}`), 'as they are', 'ε = 1 against as they are'], needed) +
      `\n\n**Checked by simulation** at ε = 1: the share of ${runs} simulated sites whose 95 % interval of the absolute lift leaves out 0 (80 % expected at the visitors needed).\n\n` +
      markdownTable(['holdout', 'visitors needed', 'found', 'half as many', 'found at half'], checkRows(checks, runs)),
    method:
      `The error rows run visitor by visitor through the SDK's own randomization (\`encodeReport\` and \`randomizedBit\` in \`src/privacy/report.ts\`, ε split by \`splitBudget\`: half to the interest question, the other half shared by the outcomes), then \`estimateLift\` (\`tools/reports/lift.ts\`), the estimator of \`attune decode-reports\`; ` +
      'each visitor is drawn into the holdout with its share, their first outcome happens with their group\'s rate (10 % in the holdout, 10.5 % personalized), any other with 10 % in both. ' +
      'The predicted SE is √(v_H/n_H + v_P/n_P) with v = y(1 − y)/(2t − 1)², y = r·t + (1 − r)(1 − t) the chance of a 1 and t = e^ε/(e^ε + 1) at the outcome\'s ε (`tools/reports/lift-power.ts`); the relative lift\'s is the delta method\'s. ' +
      `At ${count(VISITORS)} visitors and ε = 1 the holdout's rate is itself uncertain by a fifth or more, so the ratio of rates is skewed and the delta method understates its spread; the absolute lift is unbiased at any size. ` +
      'Visitors needed: n = (z₀.₉₇₅ + z₀.₈)² (v_H/s + v_P/(1 − s)) / (r_H · 0.05)² (`visitorsNeeded`). ' +
      `The check draws each simulated site's counts exactly (group sizes, converters, then the bits kept and flipped, as binomial draws, \`simulatedLiftCounts\`) rather than visitor by visitor, which at tens of millions of visitors would take hours, and decodes them with the same \`liftFromCounts\`. ${fixed(seconds, 0)} s in all. ` +
      'Reproduce with `npm run build && node bench/holdout.mjs`.',
  };
}

function flags(argv) {
  const parsed = {};
  for (const arg of argv) {
    const [, name, value] = /^--(repetitions|runs)=([1-9]\d*)$/.exec(arg) ?? [];
    if (!name) {
      console.log('node bench/holdout.mjs [--repetitions=200] [--runs=2000]');
      process.exit(arg === '--help' ? 0 : 1);
    }
    parsed[name] = Number(value);
  }
  return parsed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await holdoutReport(flags(process.argv.slice(2)));
  console.log(`${report.table}\n\n${report.method}`);
}
