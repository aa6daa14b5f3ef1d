/**
 * `attune audit`: replays a site's own logs through the SDK once per
 * re-ranking setting and prints what each costs in accuracy and changes in
 * what visitors are shown.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadModel, type AttuneModel } from '../../src/index';
import {
  count,
  describeFileError,
  INPUT_OPTIONS,
  INTERACTIONS,
  inputFiles,
  interactionFlag,
  numberFlag,
  parseFlags,
  readCatalogueFile,
  readLogFile,
  reading,
  stageOf,
  UsageError,
  type Command,
  type InputFiles,
  type LoggedType,
} from '../command-line';
import { prepareOutput, readText } from '../files';
import type { Progress } from '../progress';
import { AUDIT_TOP, AUDITED_OPTIONS, NDCG_LOSS_BUDGET, audit, categoryIndex, checkAuditSettings, type AuditReport, type AuditSetting } from './audit';
import { auditTable, exposureTable, textTable, WITHIN_BUDGET } from './audit-table';
import { auditChart } from './chart';
import { auditModel, type ModelUse } from './audit-model';
import { DEFAULT_LEAVE_LAST_OUT, historiesOf, leaveLastOut, withoutHeldOut } from './leave-last-out';
import { simulateCommand } from './simulate-command';
import { standardSettings } from './standard-settings';

/** A list for the help's second column: joined by commas, wrapped at 48 characters, each line indented to the column. */
const helpList = (names: readonly string[]) =>
  names
    .join(', ')
    .replace(/(.{1,47})(?:, |$)/g, '$1,\n')
    .replace(/,\n$/, '')
    .replace(/\n/g, `\n${' '.repeat(32)}`);

const AUDIT_USAGE = `Usage: attune audit --catalogue <file> --logs <file> --category <prefix> [options]
       attune audit --simulate [options]   (a simulated population; see attune audit --simulate --help)

Replays each user's history from the logs through the SDK, once per
re-ranking setting, and reports what each setting costs in accuracy and what
it changes in what visitors are shown, so a default can be chosen from numbers.

The protocol: each user's interactions are sorted by time and only the first
with each item is kept; users with fewer than ${DEFAULT_LEAVE_LAST_OUT.minInteractions} items are left out. A user's last
item is held out and ranked among --negatives items they never touched,
drawn from the items in anyone's training data, the candidates given in
popularity order (the site's order). A fresh in-memory instance per user and
setting is fed the rest of the history with track(), its clock at the
held-out moment, and ranks the candidates once.

Input
  --catalogue <file>            the items and their features, read as attune build-model
                                reads them (see attune build-model --help): CSV with a
                                header line, or JSON lines; .gz is unzipped
  --catalogue-format csv|jsonl  default: jsonl for a .jsonl or .ndjson file, otherwise csv
  --delimiter <d>               comma, semicolon or tab: what separates the fields of the CSV
                                files; default: read from each file's header line
  --catalogue-columns <map>     the catalogue's column names; keys: id, text, features,
                                e.g. id=movieId,features=genres:genre
  --logs <file>                 interaction logs, CSV with a header line: user,item,timestamp
                                (required); a timestamp is epoch seconds or milliseconds or
                                an ISO 8601 date
  --log-columns <map>           the logs' column names; keys: user, item, timestamp, weight
                                (a weight is read and checked, but each line is one
                                interaction of the --interaction type)
  --model <file>                the site's model file (attune build-model); without it the
                                SDK ranks by features and the site's order alone. A model
                                that saw the held-out interactions would inflate every
                                figure: the file is used as given only where its record of
                                the logs (build-model writes one) shows it was trained on
                                exactly the audit's training part; otherwise the audit
                                trains one on that part with the file's settings, tuning
                                it again if the file was tuned. The report says which.
  --interaction <type>          how each logged line is given to the SDK, as
                                track(<type>): ${INTERACTIONS.join(', ')} (default click)

Audit
  --category <prefix>           (required) the feature prefix whose mix and exposure are
                                measured, such as genre for genre:Drama; calibration and
                                the cap of the built-in settings act on it
  --settings <file>             the settings to compare, JSON:
                                  [{"name": "site order", "options": {"strength": 0}},
                                   {"name": "diversity 0.2", "options": {"diversity": 0.2}}]
                                options, as createAttune takes them:
                                ${helpList(AUDITED_OPTIONS)}.
                                The first setting is the reference the others are
                                compared with.
                                Default: none (every control off, seen items kept),
                                default (no option: the SDK's defaults), then each
                                control alone, seen items demoted:
                                ${helpList(standardSettings('<category>').map(({ name }) => name))}
  --users <n>                   evaluate the first n users (by id); the candidates'
                                popularity order still counts everyone
  --negatives <n>               items each held-out item is ranked among, besides
                                itself (default ${DEFAULT_LEAVE_LAST_OUT.negatives})
  --seed <n>                    seed of the negatives' draw and of each visitor's
                                exploration (default ${DEFAULT_LEAVE_LAST_OUT.seed}); the same seed gives
                                the same report

Output
  --chart <file.svg>            also write the trade-off chart: NDCG@${AUDIT_TOP} against coverage
                                and against intra-list diversity, one point per setting
  --json                        the whole report as JSON on stdout instead of tables
  -h, --help                    this help

What it reports per setting, over the first ${AUDIT_TOP} places of each ranking:
  HR@${AUDIT_TOP}, NDCG@${AUDIT_TOP}   the held-out item in the first ${AUDIT_TOP}; NDCG discounts it by 1/log2(rank + 2)
  NDCG vs <first>     NDCG@${AUDIT_TOP} relative to the first setting's
  coverage            share of the items in training that anyone was shown
  Gini                Gini index of how often each item was shown: 0 equal, near 1 one item
  ILD@${AUDIT_TOP}              intra-list diversity: mean 1 − cosine of the features of pairs
  calibration KL      Steck's KL divergence from a user's history mix of the category
                      to the mix shown (nats, smoothing 0.01); 0 is a perfect match
  exposure gap        share of exposure that would have to move between categories
                      for each to be shown as often as it is in the catalogue
  rank() median       one rank() of the candidates, the model's fold-in included
  ${WITHIN_BUDGET}                   loses at most ${NDCG_LOSS_BUDGET * 100} % of the first setting's NDCG@${AUDIT_TOP} and covers
                      more of the catalogue: a candidate default
and each category's share of exposure against its share of the catalogue.

Example:
  attune audit --catalogue items.csv --logs interactions.csv --model model.bin \\
    --category topic --chart trade-off.svg

Exit status: 0 when the report is printed; 1 when an input is unusable (the
message names the file and line) or the chart cannot be written; 2 for a
mistake in the command line.
`;

const OPTIONS = {
  ...INPUT_OPTIONS,
  model: { type: 'string' },
  interaction: { type: 'string' },
  category: { type: 'string' },
  settings: { type: 'string' },
  users: { type: 'string' },
  negatives: { type: 'string' },
  seed: { type: 'string' },
  chart: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What `attune audit` was asked to do, its command line checked. */
interface AuditCommand extends InputFiles {
  logs: string;
  category: string;
  interaction: LoggedType;
  model?: string;
  settings?: string;
  users?: number;
  negatives: number;
  seed: number;
  chart?: string;
  json: boolean;
}

/** The checked command, or undefined when it asks for help. */
function parseAuditCommand(args: string[]): AuditCommand | undefined {
  const flags = parseFlags(args, OPTIONS);
  if (flags.help) return undefined;
  const files = inputFiles(flags, 'the items, with the features the SDK ranks by');
  if (files.logs === undefined) throw new UsageError("--logs <file> is required: the histories to replay, each user's last item held out");
  const { category } = flags;
  if (category === undefined) throw new UsageError('--category <prefix> is required: the feature prefix whose mix and exposure are measured, such as genre');
  if (!/^[^\s:]+$/.test(category)) throw new UsageError(`--category is a feature prefix without the colon, such as genre, got "${category}"`);
  const command: AuditCommand = {
    ...files,
    logs: files.logs,
    // The audit orders histories by time: the logs must have it.
    logColumns: { timestamp: 'timestamp', ...files.logColumns },
    category,
    interaction: interactionFlag(flags.interaction),
    negatives: numberFlag('negatives', flags.negatives, true, 1) ?? DEFAULT_LEAVE_LAST_OUT.negatives,
    seed: numberFlag('seed', flags.seed, true, -(2 ** 31), 2 ** 31 - 1) ?? DEFAULT_LEAVE_LAST_OUT.seed,
    json: flags.json ?? false,
  };
  const users = numberFlag('users', flags.users, true, 1);
  if (users !== undefined) command.users = users;
  for (const name of ['model', 'settings', 'chart'] as const) if (flags[name] !== undefined) command[name] = flags[name];
  // Now, not after the replay: a chart that cannot be written fails at once.
  if (command.chart !== undefined) prepareOutput('chart', command.chart, [command.catalogue, command.logs, command.model, command.settings]);
  return command;
}

/** The line and column of a character offset, for JSON errors that give only the offset. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length} column ${before.at(-1)!.length + 1}`;
}

/** A settings file: a JSON list of {"name", "options"}; the options' values are checked with the SDK's own rules later. */
function readSettingsFile(path: string): AuditSetting[] {
  const text = readText(path);
  let settings: unknown;
  try {
    settings = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = /at position (\d+)/.exec(message);
    // Newer Node versions name the line themselves.
    throw new TypeError(`not JSON: ${message}${offset && !/line \d+/.test(message) ? ` (${lineAndColumn(text, Number(offset[1]))})` : ''}`);
  }
  if (!Array.isArray(settings) || !settings.length) {
    throw new TypeError('expected a list of settings such as [{"name": "diversity 0.2", "options": {"diversity": 0.2}}]');
  }
  return settings as AuditSetting[];
}

function readModel(path: string, progress: Progress): Promise<AttuneModel> {
  stageOf(progress, `reading model ${path}`);
  return loadModel(reading(path, () => readFileSync(path))).catch((error: Error) => {
    throw new Error(`${path}: ${error.message.replace(/^\[attune\] /, '')}`);
  });
}

/** The report's line about the model: which one ranked, and why that one. */
const modelLine = (used: ModelUse | undefined) =>
  used ? `Model: ${used.why}.` : "Model: none (no --model): the SDK ranks by features and the site's order alone.";

function reportText(report: AuditReport, usersWithHistory: number, used: ModelUse | undefined): string {
  const [reference] = report.settings;
  const candidates = report.settings.filter((setting) => setting.withinBudget).map((setting) => setting.name);
  return [
    `Audit of ${count(report.users)} users (of ${count(usersWithHistory)} with ${DEFAULT_LEAVE_LAST_OUT.minInteractions} or more items), ${count(report.items)} items in training, category ${report.category}.`,
    `Each user's last item is ranked among ${report.candidates} candidates; the first ${AUDIT_TOP} places are measured.`,
    modelLine(used),
    '',
    textTable(auditTable(report)),
    '',
    `Share of the first ${AUDIT_TOP} places by ${report.category} (in the header, its share of the catalogue):`,
    '',
    textTable(exposureTable(report)),
    '',
    `${WITHIN_BUDGET}: loses at most ${NDCG_LOSS_BUDGET * 100} % of ${reference!.name}'s NDCG@${AUDIT_TOP} and covers more of the catalogue: ` +
      (candidates.length ? candidates.join(', ') : 'no setting') +
      '.',
    '',
  ].join('\n');
}

async function runAudit(command: AuditCommand, progress: Progress): Promise<string> {
  const settings = command.settings ? reading(command.settings, () => readSettingsFile(command.settings!)) : standardSettings(command.category);
  const catalogue = readCatalogueFile(command, progress);
  const features = new Map(catalogue.map((item) => [item.id, item.features ?? []] as const));
  reading(command.catalogue, () => categoryIndex(features, command.category));
  const logs = readLogFile(command.logs, command.logColumns, progress, command.delimiter);
  stageOf(progress, "holding out each user's last item");
  const replay = reading(command.logs, () => {
    const split = leaveLastOut(historiesOf(logs), { negatives: command.negatives, seed: command.seed });
    if (!split.users.length) throw new TypeError(`no user has ${DEFAULT_LEAVE_LAST_OUT.minInteractions} or more distinct items: there is nothing to hold out`);
    return split;
  });
  const given = command.model === undefined ? undefined : await readModel(command.model, progress);
  try {
    // Before a model is rebuilt: a mistake in the settings shows at once.
    await checkAuditSettings(settings, given);
  } catch (error) {
    throw new Error(command.settings ? `${command.settings}: ${(error as Error).message}` : (error as Error).message);
  }
  let model: AttuneModel | undefined;
  let used: ModelUse | undefined;
  if (given) {
    const input = { name: command.model!, catalogue, logs, training: withoutHeldOut(logs, replay), interaction: command.interaction };
    ({ model, used } = await auditModel(given, { ...input, onStage: (stage) => stageOf(progress, stage) }));
  }
  const report = await audit(
    {
      replay,
      features,
      category: command.category,
      interaction: command.interaction,
      seed: command.seed,
      ...(model && { model }),
      ...(command.users !== undefined && { users: command.users }),
      onProgress: (setting, done, total) => progress.update(`auditing ${setting}`, done, total),
    },
    settings,
  );
  if (command.chart !== undefined) {
    stageOf(progress, `writing ${command.chart}`);
    try {
      writeFileSync(command.chart, auditChart(report, `Re-ranking trade-offs: ${basename(command.catalogue)}, by ${command.category}`));
    } catch (error) {
      throw new Error(describeFileError(command.chart, error));
    }
  }
  return command.json ? `${JSON.stringify({ ...report, model: used ?? null }, null, 2)}\n` : reportText(report, replay.users.length, used);
}

export const auditCommand: Command = {
  summary:
    'measure what each re-ranking setting (diversity, calibration, caps, exploration) costs in accuracy and changes in what ' +
    "visitors are shown, by replaying the site's logs or, with --simulate, a simulated population over many days",
  async run(args, progress) {
    if (args.includes('--simulate')) return simulateCommand.run(args, progress);
    const command = parseAuditCommand(args);
    return command ? runAudit(command, progress) : AUDIT_USAGE;
  },
};
