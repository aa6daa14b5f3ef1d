/**
 * `attune audit --simulate`: the audit on a simulated population instead of a
 * site's logs. Visitors with known tastes are shown the SDK's front page day
 * after day and click by those tastes; the report says, per setting, how what
 * they are shown changes from the first round to the last.
 */
import { count, numberFlag, parseFlags, reading, type Command } from '../command-line';
import { readText } from '../files';
import type { Progress } from '../progress';
import { checkAuditSettings, type AuditSetting, type Comparison } from './audit';
import { textTable } from './audit-table';
import { DEFAULT_POPULATION } from './population';
import { DEFAULT_LOOP, FEEDBACK_SETTINGS, feedbackLoop, NO_CONTROLS, type FeedbackReport, type FeedbackSetting, type RoundMeasures } from './simulate';

const SIMULATE_USAGE = `Usage: attune audit --simulate [options]

Runs a simulated population through the SDK, once per re-ranking setting:
visitors with known tastes over ${DEFAULT_POPULATION.topics} topics are shown the site's front page once
a day (${DEFAULT_LOOP.published} stories published a day, each offered for ${DEFAULT_LOOP.shelfLife} days, in the order of clicks
so far), look at the first ${DEFAULT_LOOP.shown} places with a position bias, and click by taste.
The SDK learns from what it showed and what was clicked. The report shows
whether personalization narrows what visitors see, and what each control does
about it, at what cost in clicks. Every setting sees the same visitors,
stories and coin flips.

Options
  --visitors <n>      visitors (default ${DEFAULT_POPULATION.visitors})
  --rounds <n>        days (default ${DEFAULT_LOOP.rounds})
  --seed <n>          seed of the population, the stories and the clicks
                      (default ${DEFAULT_POPULATION.seed}); the same seed gives the same report
  --settings <file>   the settings to compare, JSON, as attune audit takes them:
                        [{"name": "diversity 0.3", "options": {"diversity": 0.3}}]
                      options as createAttune takes them: strength, seen, diversity,
                      exploration, calibration (by topic), caps, interactionWeights;
                      every control a setting does not name is off.
                      Default: ${FEEDBACK_SETTINGS.map(({ name }) => name).join('; ')}
  --json              the whole report, round by round, as JSON on stdout
  -h, --help          this help

What it reports per setting, in round 1 → the last round, over visitors:
  ILD                 intra-list diversity of the places shown (1 − cosine of features)
  topics              distinct topics among the places shown
  favourite share     the share of places the visitor's favourite topic takes
                      (the header gives its mean share of their taste)
  KL                  divergence of the topic mix shown from the visitor's true taste
  Gini, coverage      how evenly the stories offered were shown, and how many were
  CTR                 clicks per place shown

Example:
  attune audit --simulate
`;

const OPTIONS = {
  simulate: { type: 'boolean' },
  visitors: { type: 'string' },
  rounds: { type: 'string' },
  seed: { type: 'string' },
  settings: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The options a simulated setting may give, as createAttune takes them. */
const SIMULATED: Comparison = {
  options: ['strength', 'seen', 'diversity', 'exploration', 'calibration', 'caps', 'interactionWeights'],
  by: 'the simulation',
};

/**
 * A setting file's settings, each checked before any runs as the audit checks
 * its own, and with every control it does not name turned off, as the
 * built-in ones are.
 */
async function readSettings(path: string): Promise<FeedbackSetting[]> {
  const settings = reading(path, () => JSON.parse(readText(path)) as unknown);
  if (!Array.isArray(settings) || !settings.length) {
    throw new Error(`${path}: expected a list of settings such as [{"name": "diversity 0.3", "options": {"diversity": 0.3}}]`);
  }
  try {
    await checkAuditSettings(settings as AuditSetting[], undefined, SIMULATED);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message.replace('[attune] ', '')}`);
  }
  return (settings as FeedbackSetting[]).map(({ name, options }) => ({ name, options: { ...NO_CONTROLS, ...options } }));
}

const COLUMNS: [string, (round: RoundMeasures) => string][] = [
  ['ILD', (round) => round.diversity.toFixed(3)],
  ['topics', (round) => round.topics.toFixed(1)],
  ['favourite share', (round) => round.favouriteShare.toFixed(3)],
  ['KL', (round) => round.divergence.toFixed(2)],
  ['Gini', (round) => round.gini.toFixed(3)],
  ['coverage', (round) => `${(round.coverage * 100).toFixed(0)} %`],
  ['CTR', (round) => `${(round.clickRate * 100).toFixed(2)} %`],
];

function reportText(reports: readonly FeedbackReport[], visitors: number, rounds: number): string {
  const rows = reports.map(({ setting, rounds: measured }) => [setting, ...COLUMNS.map(([, cell]) => `${cell(measured[0]!)} → ${cell(measured.at(-1)!)}`)]);
  return [
    `${count(visitors)} simulated visitors, ${rounds} daily rounds; each cell is round 1 → round ${rounds}.`,
    `Their favourite topic is on average ${reports[0]!.favouriteTaste.toFixed(2)} of their taste.`,
    '',
    textTable({ header: ['setting', ...COLUMNS.map(([name]) => name)], rows }),
    '',
  ].join('\n');
}

export const simulateCommand: Command = {
  summary: 'the audit on a simulated population (attune audit --simulate)',
  async run(args: string[], progress: Progress): Promise<string> {
    const flags = parseFlags(args, OPTIONS);
    if (flags.help) return SIMULATE_USAGE;
    const visitors = numberFlag('visitors', flags.visitors, true, 1) ?? DEFAULT_POPULATION.visitors;
    const rounds = numberFlag('rounds', flags.rounds, true, 1) ?? DEFAULT_LOOP.rounds;
    const seed = numberFlag('seed', flags.seed, true, -(2 ** 31), 2 ** 31 - 1) ?? DEFAULT_POPULATION.seed;
    const settings = flags.settings === undefined ? FEEDBACK_SETTINGS : await readSettings(flags.settings);
    const reports: FeedbackReport[] = [];
    for (const [done, setting] of settings.entries()) {
      progress.update(`simulating ${setting.name}`, done, settings.length);
      reports.push(await feedbackLoop(setting, { visitors, rounds, seed }));
    }
    return flags.json ? `${JSON.stringify(reports, null, 2)}\n` : reportText(reports, visitors, rounds);
  },
};
