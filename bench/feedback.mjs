// The simulated feedback loop: visitors with known tastes shown the SDK's front page day after day,
// clicking by taste, for each setting of the re-ranking controls; what they are shown, round by round.
// Chart to docs/feedback-loop.svg (and .png by Chromium), table to BENCHMARKS.md.
//   node bench/feedback.mjs [--seeds=4] [--visitors=200] [--rounds=40]
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LOOP, DEFAULT_POPULATION, FEEDBACK_SETTINGS, feedbackChart, feedbackLoop, meanReport } from '../dist/tools.mjs';
import { renderPng } from './render-png.mjs';
import { CHROMIUM } from './startup.mjs';
import { fixed, markdownTable } from './stats.mjs';

const docs = new URL('../docs/', import.meta.url);
const FILE = 'feedback-loop';
/** Rounds averaged for the middle and last columns: one round's front page is one draw of stories, five are a working week. */
const WINDOW = 5;

/** Each measure in the table: its column, and how a window's mean of it is written. */
const COLUMNS = [
  ['ILD', (round) => fixed(round.diversity, 3)],
  ['topics shown', (round) => fixed(round.topics, 1)],
  ["favourite topic's share", (round) => fixed(round.favouriteShare, 3)],
  ['KL(taste ‖ shown)', (round) => fixed(round.divergence, 2)],
  ['Gini of exposure', (round) => fixed(round.gini, 3)],
  ['coverage', (round) => `${fixed(round.coverage * 100, 0)} %`],
  ['CTR', (round) => `${fixed(round.clickRate * 100, 2)} %`],
];

/** The measures compared seed by seed: column, measure, scale (to points for rates) and digits. */
const PAIRED = [
  ['topics', 'topics', 1, 1],
  ["favourite topic's share", 'favouriteShare', 1, 3],
  ['KL', 'divergence', 1, 2],
  ['coverage (points)', 'coverage', 100, 0],
  ['CTR (points)', 'clickRate', 100, 2],
];

/** A difference with its sign, a true minus for negatives. */
const signed = (value, digits) => {
  const text = fixed(Math.abs(value), digits);
  return Number(text) === 0 ? text : `${value < 0 ? '−' : '+'}${text}`;
};

/** Options as they would be written in code: `{ diversity: 0.3, calibration: { by: 'topic', weight: 0.5 } }`. */
const optionsText = (value) => {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value !== 'object') return String(value);
  const entries = Object.entries(value).map(([key, inner]) => `${key}: ${optionsText(inner)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
};

/** The mean of each measure over rounds `from`..`to` (1-based, inclusive). */
function windowOf(report, from, to) {
  const rounds = report.rounds.slice(from - 1, to);
  return Object.fromEntries(Object.keys(rounds[0]).map((measure) => [measure, rounds.reduce((sum, round) => sum + round[measure], 0) / rounds.length]));
}

/**
 * Runs every setting of FEEDBACK_SETTINGS on `seeds` populations (seeds 1, 2, …), averages them
 * round by round, and reports round 1, the middle window and the last window of each.
 */
export async function feedbackReport({ seeds = 4, visitors = DEFAULT_POPULATION.visitors, rounds = DEFAULT_LOOP.rounds, onSetting = () => {} } = {}) {
  const title = 'Filter bubble: the simulated feedback loop';
  const started = performance.now();
  const runs = [];
  for (const setting of FEEDBACK_SETTINGS) {
    const bySeed = [];
    for (let seed = 1; seed <= seeds; seed++) bySeed.push(await feedbackLoop(setting, { visitors, rounds, seed }));
    runs.push(bySeed);
    onSetting(setting.name);
  }
  const seconds = (performance.now() - started) / 1000;
  const reports = runs.map(meanReport);

  const middle = Math.max(1, Math.ceil(rounds / 2) - WINDOW + 1);
  const last = Math.max(1, rounds - WINDOW + 1);
  const spans = [[1, 1], [middle, Math.ceil(rounds / 2)], [last, rounds]];
  const rows = reports.map((report) => {
    const [first, mid, end] = spans.map(([from, to]) => windowOf(report, from, to));
    return [report.setting, ...COLUMNS.map(([, cell]) => `${cell(first)} → ${cell(mid)} → ${cell(end)}`)];
  });
  const taste = reports[0].favouriteTaste;

  // Seed by seed, each setting's last window against the reference, on the same visitors and stories.
  const reference = FEEDBACK_SETTINGS.findIndex((setting) => setting.reference);
  const lastBySeed = runs.map((bySeed) => bySeed.map((report) => windowOf(report, last, rounds)));
  const difference = (i, measure, scale, digits) => {
    const differences = lastBySeed[i].map((window, seed) => (window[measure] - lastBySeed[reference][seed][measure]) * scale);
    const mean = differences.reduce((sum, value) => sum + value, 0) / differences.length;
    return `${signed(mean, digits)} [${signed(Math.min(...differences), digits)}, ${signed(Math.max(...differences), digits)}]`;
  };
  // What the reference rows did from round 1 to the last window, for the summary under the tables.
  const change = (i, measure, write) => `${write(reports[i].rounds[0][measure])} → ${write(windowOf(reports[i], last, rounds)[measure])}`;
  const siteOrder = FEEDBACK_SETTINGS.findIndex(({ options }) => options.strength === 0);
  const paired = reports
    .map((report, i) => [report.setting, ...PAIRED.map(([, ...measure]) => difference(i, ...measure))])
    .filter((_, i) => i !== reference);

  const population = { ...DEFAULT_POPULATION, visitors };
  const loop = { ...DEFAULT_LOOP, rounds };
  const front = loop.published * loop.shelfLife;
  const svg = feedbackChart(
    reports,
    `${visitors} simulated visitors × ${seeds} seeds, ${rounds} daily rounds, ${front} stories on the front page, the top ${loop.shown} shown; one line per setting, the mean over seeds`,
  );
  await mkdir(docs, { recursive: true });
  await writeFile(new URL(`${FILE}.svg`, docs), svg);
  const png = existsSync(CHROMIUM) ? await renderPng(svg) : undefined;
  if (png) await writeFile(new URL(`${FILE}.png`, docs), png);
  const chart = png
    ? `![Intra-list diversity and click-through rate per round, one line per setting](docs/${FILE}.png)\n\n([SVG](docs/${FILE}.svg))`
    : `[Chart (SVG)](docs/${FILE}.svg)`;
  const [liked, most] = population.otherLikedTopics;

  return {
    title,
    reports,
    table:
      `${chart}\n\nEach cell: round 1 → rounds ${middle}–${Math.ceil(rounds / 2)} → rounds ${last}–${rounds} (means over those rounds, then over the ${seeds} seeds). ` +
      `The visitors' favourite topic is on average ${fixed(taste, 2)} of their taste.\n\n${markdownTable(['setting', ...COLUMNS.map(([name]) => name)], rows)}\n\n` +
      `Rounds ${last}–${rounds}, each setting minus *${reports[reference].setting}* on the same seed: the mean over the ${seeds} seeds [the lowest, the highest]. A range that does not cross 0 is a difference every seed agrees on.\n\n` +
      `${markdownTable(['setting', ...PAIRED.map(([name]) => name)], paired)}\n\n` +
      `From round 1 to rounds ${last}–${rounds}, *${reports[reference].setting}*: topics in the top ${loop.shown} ${change(reference, 'topics', (value) => fixed(value, 1))}, ` +
      `favourite-topic share ${change(reference, 'favouriteShare', (value) => fixed(value, 3))} (taste ${fixed(taste, 2)}), KL ${change(reference, 'divergence', (value) => fixed(value, 2))}, CTR ${change(reference, 'clickRate', (value) => `${fixed(value * 100, 2)} %`)}; ` +
      `*${reports[siteOrder].setting}*: topics ${change(siteOrder, 'topics', (value) => fixed(value, 1))}, CTR ${change(siteOrder, 'clickRate', (value) => `${fixed(value * 100, 2)} %`)}.`,
    method:
      `A simulated population (\`tools/audit/simulate.ts\`, \`population.ts\`), ${seeds} seeds, ${visitors} visitors each, ${fixed(seconds, 0)} s for the ${FEEDBACK_SETTINGS.length} settings. ` +
      `**Visitors** have known tastes over ${population.topics} topics: a favourite (drawn with probability ∝ 1/rank, so a few topics are mainstream) weighing 1, ${liked} to ${most} other liked topics weighing 0.15–0.6 each, every other topic ${population.background}, normalised to sum to 1; ` +
      `the favourite's mean share of taste is ${fixed(taste, 2)}. **Stories**: ${loop.published} are published a day, each with a uniformly drawn topic, one of its topic's ${population.authorsPerTopic} authors (\`topic:… author:…\`) and an appeal drawn uniformly from 0.2–1; ` +
      `each stays on the front page for ${loop.shelfLife} days, so every round offers ${front} candidates. **The site's order** is popularity: the stories clicked most by the whole population up to the previous round first, the rest newest first. ` +
      `**Each round** (a simulated day, the clock moving 24 h), every visitor's own SDK instance — \`createAttune({ storage: 'memory', autoTrack: false, consent: 'granted', environment: { now, random } })\` with the setting's options, kept for all ${rounds} rounds, \`random\` a seeded mulberry32 stream per visitor — ranks the front page; ` +
      `the visitor looks at place p (0-based) of the top ${loop.shown} with probability 1/log2(p + 2) and clicks a story they have not read with probability (their taste for its topic) × (its appeal). ` +
      `Every place shown is tracked as \`track('impression', { item, features })\`, every click as \`track('click', …)\`. Every setting sees the same visitors, stories and coin flips (separate seeded streams), so the rows differ by their rankings alone. ` +
      `**Measured** each round over the top ${loop.shown}, averaged over visitors and then seeds: ILD, the mean over pairs of 1 − cosine of their feature sets; topics, the distinct topics shown; the favourite topic's share of the places; ` +
      `KL, Steck's divergence (nats, smoothing 0.01) of the topic mix shown from the visitor's true taste; Gini of how often each story on that day's front page was shown across all visitors (0 equal, ${fixed(1 - loop.shown / front, 3)} when everyone sees the same ${loop.shown}); ` +
      `coverage, the share of the front page anyone was shown; CTR, clicks per place shown. Round 1 is before any profile. ` +
      `**Settings**, each over the SDK's other defaults: ${FEEDBACK_SETTINGS.map(({ name, options }) => `*${name}* \`${optionsText(options)}\``).join('; ')}. ` +
      'Each control is added to personalization with no controls, so its row shows that control alone, whatever the SDK turns on by default. ' +
      '*Personalization, impressions not learned* is not a control but a diagnosis: how much the profile learns from what it showed rather than from what was clicked. ' +
      'Each seed is a different world (the popularity order lets different stories win in each), so the second table compares settings on the same seed, where they share visitors, stories and coin flips. ' +
      'The chart draws ILD and CTR for every round. Reproduce with `npm run build && node bench/feedback.mjs`.',
  };
}

function flags(argv) {
  const parsed = {};
  for (const arg of argv) {
    const [, name, value] = /^--(seeds|visitors|rounds)=([1-9]\d*)$/.exec(arg) ?? [];
    if (!name) {
      console.log('node bench/feedback.mjs [--seeds=4] [--visitors=200] [--rounds=40]');
      process.exit(arg === '--help' ? 0 : 1);
    }
    parsed[name] = Number(value);
  }
  return parsed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await feedbackReport({ ...flags(process.argv.slice(2)), onSetting: (name) => console.error(`${name}: done`) });
  console.log(`${report.table}\n\n${report.method}`);
}
