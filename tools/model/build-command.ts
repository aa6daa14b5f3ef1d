/**
 * `attune build-model`: turns a site's catalogue and logs into the model file
 * its visitors' browsers read.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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
import { textTable } from '../audit/audit-table';
import { prepareOutput, readText } from '../files';
import { globalPart, itemVectorTexts, readVectorFactors, vectorsCsv, vectorsJson } from './item-vectors';
import type { Progress } from '../progress';
import { buildModel, DEFAULT_BUILD, type BuildInput, type BuildSettings, type BuildSummary } from './build';
import { MAX_MINED_RULES, MAX_RULE_BOOST, MAX_SUCCESSORS } from '../../src/model/format';
import { KEY } from '../../src/limits';
import { DEFAULT_RULES, type RuleMiningReport } from './rules';
import { readSparkItemFactors } from './read';
import { DEFAULT_TUNE_SECONDS, tuneModel, type TuneReport } from './tune';
import { describe } from './tune-space';
import { tuningHeading, tuningSummary, tuningTable } from './tune-table';

const BUILD_USAGE = `Usage: attune build-model --catalogue <file> [options] --out <model file>
       attune build-model --catalogue <file> [options] --global-out <file> --vectors-json <file>

Builds the model file that every visitor's browser downloads (the same bytes
for all) to rank the site's items on the device.

Input
  --catalogue <file>            the site's items: CSV with a header line, or JSON lines
                                such as {"id": "a17", "features": ["topic:tennis"], "text": "..."};
                                a file whose name ends in .gz is unzipped first
  --catalogue-format csv|jsonl  default: jsonl for a .jsonl or .ndjson file, otherwise csv
  --delimiter <d>               comma, semicolon or tab: what separates the fields of the CSV
                                files; default: read from each file's header line
  --catalogue-columns <map>     the catalogue's own column names (JSON keys for jsonl), as
                                key=column pairs joined by commas; keys: id, text, features.
                                text and features may repeat; a features column may end in
                                :prefix, so features=genres:genre turns "Comedy|Drama" into
                                genre:Comedy and genre:Drama. Features in a cell are split on
                                | where it has one, otherwise on spaces.
                                Default: id=id,text=text,features=features
  --logs <file>                 interaction logs, CSV with a header line: user,item,timestamp
                                and optionally weight (unzipped first if it ends in .gz);
                                item factors are trained on them (implicit ALS). Items in
                                the logs but not in the catalogue are kept: a visitor's
                                history may hold them. Up to 512 MB of text; for more,
                                train with Spark and use --spark-item-factors.
  --log-columns <map>           the logs' own column names; keys: user, item, timestamp, weight,
                                type, e.g. user=userId,item=movieId,timestamp=timestamp,weight=rating.
                                A weight is a positive number; without a weight column each
                                interaction counts 1. A timestamp is epoch seconds or
                                milliseconds or an ISO 8601 date; with it, the model learns
                                what tends to come next after each item (see --successors).
                                A type is what the user did, as track() names it (purchase,
                                click); without a type column every line is an --interaction.
  --spark-item-factors <path>   item factors trained by Spark MLlib's ALS, instead of --logs:
                                the directory model.itemFactors.write.json() wrote, or one
                                of its part files

Item factors
  --factors <k>                 with --logs: factors per item, 1 to 256 (default ${DEFAULT_BUILD.factors})
  --iterations <n>              with --logs: ALS iterations (default ${DEFAULT_BUILD.iterations})
  --seed <n>                    with --logs: seed of the starting factors; the same seed
                                builds the same model (default ${DEFAULT_BUILD.seed})
  --regularization <λ>          the ridge of the training and of each visitor's fold-in on
                                the device (default ${DEFAULT_BUILD.regularization})
  --confidence <α>              an interaction of weight w counts with confidence 1 + αw
                                (default ${DEFAULT_BUILD.confidence})
                                With --spark-item-factors, give both as Spark trained with
                                them: α is Spark's alpha; Spark multiplies regParam by each
                                user's number of interactions, so give regParam times a
                                typical visitor's number of interactions.

Tuning (with --logs)
  --tune-time <seconds>         about how long the search of settings on the logs takes
                                (default ${DEFAULT_TUNE_SECONDS}); see "Tuning" below
  --no-tune                     train with the defaults and the flags given, untuned
  --interaction <type>          how the site tracks what the logs record, as
                                track(<type>): ${INTERACTIONS.join(', ')} (default click); the
                                tuning replays the logs this way

Content
  --content-width <n>           buckets the items' features and words are hashed to, 0 to
                                65536; 0 leaves content out (default ${DEFAULT_BUILD.contentWidth})

Rules (with --logs): "visitors who bought A often bought B", mined over each user's
set of items of one type and carried by the model (and its global part); a visitor's
device lifts B once they did that on A, with a reason that names A. The site's own
rules win where both name an item.
  --rules-type <type>           the interaction type mined on (default: the type the logs
                                weigh most, by mean weight, then by the SDK's weights:
                                purchase before click; without a type column, --interaction's)
  --rules-min-support <share>   least share of users with both items (default ${DEFAULT_RULES.minSupport})
  --rules-min-confidence <share>  least share of A's users who also have B (default ${DEFAULT_RULES.minConfidence})
  --rules-min-lift <n>          least lift: how many times likelier B is with A (default ${DEFAULT_RULES.minLift})
  --rules-max <n>               most rules kept, highest lift first, 0 to ${MAX_MINED_RULES}; 0 mines
                                none (default ${DEFAULT_RULES.max})
  --rules-boost <n>             how far a rule lifts B at confidence 1, in the units of a site
                                rule's boost (the site's order spans 1); a rule lifts by this
                                times its confidence (default ${DEFAULT_RULES.boost})

Next item (with --logs that have a timestamp)
  --successors <n>              the items kept per item as likely to come next after it,
                                0 to 100; 0 leaves the next-item part out (default ${DEFAULT_BUILD.successors})

Output (at least --out or --global-out)
  --out <file>                  where to write the model file, every item's row in it
  --global-out <file>           where to write the model's global part alone: what every
                                visitor's fold-in needs (the Gramian, λ, α, the tuned
                                settings, the rules), a few KB whatever the catalogue; the items'
                                vectors then come with the items (data-attune-vector)
  --vectors-json <file>         each item's vector as a JSON object, id to text, for
                                templates and APIs (needs item factors)
  --vectors-csv <file>          the same as CSV: id,vector
  --align-to <file>             the previous build's --vectors-json: this build's factors
                                are turned onto its space (orthogonal Procrustes over the
                                items both know), so the vectors visitors' devices kept
                                from it still mean the same; the factors per item are
                                taken from it
  -h, --help                    this help

Tuning: each user's last 3 new items (by time where the logs have a
timestamp, else by line order; each where 5 are left up to it) are held out,
and models trained on the rest are judged by ranking each held-out item with
the SDK itself among 99 items the user never touched, for a seeded sample of
users. The search tries one setting at a time: the training's α, λ and
factors (each unless its flag is given), then the blend's parts, strength,
half-life and diversity (from half its default to twice it, never off). It
keeps a change that raises each user's HR@10 + NDCG@10 by more than its
standard error (and by 0.001 at least), and prints a table of what it tried.
The model is then trained on all the logs with the settings chosen, and
carries the ranking settings that moved from the SDK's defaults:
visitors' browsers use them unless the site's own options set them. The
search is planned from the size of the logs, not timed, so the same logs and
--seed build the same file on any machine; --tune-time is how long it takes
on a 2-core machine with nothing else running.

What the model holds: the catalogue's item ids (and those of items only in the
logs); each item's popularity (how many users interacted with it, relative to
the most popular item); item factors (8-bit) with their Gramian, λ and α; each
item's features and text words as hashed bucket numbers with TF-IDF weights
(8-bit); with timed logs, the items that most often came next after each
item in users' histories (at most --successors, 8-bit strengths, counted over
all users); the rules mined (item ids and boosts); the ranking settings tuned; and, to tell what the model has seen, a
64-bit digest of the logs with the training's iterations and seed.
What it never holds: user ids, the interactions themselves, their times or
weights, or the text of features and words.

Examples (MovieLens; then a shop whose logs say what each line is):
  attune build-model --catalogue movies.csv \\
    --catalogue-columns id=movieId,text=title,features=genres:genre \\
    --logs ratings.csv --log-columns user=userId,item=movieId,weight=rating,timestamp=timestamp \\
    --out public/model.bin
  attune build-model --catalogue movies.csv \\
    --catalogue-columns id=movieId,text=title,features=genres:genre \\
    --logs ratings.csv --log-columns user=userId,item=movieId,weight=rating \\
    --global-out public/model-global.bin --vectors-json public/vectors.json
  attune build-model --catalogue products.csv \\
    --logs events.csv --log-columns user=customer,item=sku,timestamp=time,type=event \\
    --rules-type purchase --rules-min-lift 3 --out public/shop-model.bin

Exit status: 0 when the model is written; 1 when an input is unusable (the
message names the file and line) or the output cannot be written; 2 for a
mistake in the command line.
`;

const OPTIONS = {
  ...INPUT_OPTIONS,
  'spark-item-factors': { type: 'string' },
  factors: { type: 'string' },
  regularization: { type: 'string' },
  confidence: { type: 'string' },
  iterations: { type: 'string' },
  'content-width': { type: 'string' },
  successors: { type: 'string' },
  'tune-time': { type: 'string' },
  'no-tune': { type: 'boolean' },
  interaction: { type: 'string' },
  'rules-type': { type: 'string' },
  'rules-min-support': { type: 'string' },
  'rules-min-confidence': { type: 'string' },
  'rules-min-lift': { type: 'string' },
  'rules-max': { type: 'string' },
  'rules-boost': { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  'global-out': { type: 'string' },
  'vectors-json': { type: 'string' },
  'vectors-csv': { type: 'string' },
  'align-to': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseFlags<typeof OPTIONS>>;

/** The build's settings from the flags, refusing flags that would have no effect on what is built. */
function buildSettings(flags: Flags): BuildSettings {
  const fromLogs = flags.logs !== undefined;
  const fromSpark = flags['spark-item-factors'] !== undefined;
  if (fromLogs && fromSpark) throw new UsageError('give --logs or --spark-item-factors, not both');
  for (const name of ['factors', 'iterations', 'seed', 'successors'] as const) {
    if (flags[name] !== undefined && !fromLogs) throw new UsageError(`--${name} sets the training on --logs, and there are no --logs`);
  }
  for (const name of ['regularization', 'confidence'] as const) {
    if (fromSpark && flags[name] === undefined) {
      throw new UsageError(`with --spark-item-factors, give the --${name} they were trained with: visitors' browsers fold in with it`);
    }
    if (flags[name] !== undefined && !fromLogs && !fromSpark) {
      throw new UsageError(`--${name} applies to item factors, and there are no --logs or --spark-item-factors`);
    }
  }
  const settings = {
    factors: numberFlag('factors', flags['factors'], true, 1, 256),
    iterations: numberFlag('iterations', flags['iterations'], true, 1),
    seed: numberFlag('seed', flags['seed'], true, -(2 ** 31), 2 ** 31 - 1),
    regularization: numberFlag('regularization', flags['regularization'], false, 0),
    confidence: numberFlag('confidence', flags['confidence'], false, 0),
    contentWidth: numberFlag('content-width', flags['content-width'], true, 0, 65_536),
    successors: numberFlag('successors', flags['successors'], true, 0, MAX_SUCCESSORS),
  };
  // buildModel spreads these over its defaults: a flag not given must be absent, not undefined.
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

const RULE_FLAGS = ['rules-type', 'rules-min-support', 'rules-min-confidence', 'rules-min-lift', 'rules-max', 'rules-boost'] as const;

/** How to mine rules, or undefined for none: without logs there is nothing to mine. */
function ruleSettings(flags: Flags): BuildSettings['rules'] {
  const named = RULE_FLAGS.find((name) => flags[name] !== undefined);
  if (flags.logs === undefined) {
    if (named) throw new UsageError(`--${named} sets the rules mined from --logs, and there are no --logs`);
    return undefined;
  }
  const type = flags['rules-type'];
  if (type !== undefined && !KEY.test(type)) throw new UsageError(`--rules-type must be an interaction type like purchase, got "${type}"`);
  const max = numberFlag('rules-max', flags['rules-max'], true, 0, MAX_MINED_RULES) ?? DEFAULT_RULES.max;
  if (max === 0) {
    const other = RULE_FLAGS.find((name) => name !== 'rules-max' && flags[name] !== undefined);
    if (other) throw new UsageError(`--${other} sets the rules mined, and --rules-max 0 mines none`);
    return undefined;
  }
  const rules = {
    type,
    minSupport: numberFlag('rules-min-support', flags['rules-min-support'], false, 0, 1),
    minConfidence: numberFlag('rules-min-confidence', flags['rules-min-confidence'], false, 0, 1),
    minLift: numberFlag('rules-min-lift', flags['rules-min-lift'], false, 0),
    boost: numberFlag('rules-boost', flags['rules-boost'], false, 0.001, MAX_RULE_BOOST),
    max,
    untyped: interactionFlag(flags.interaction),
  };
  // buildModel spreads these over its defaults: a flag not given must be absent, not undefined.
  return Object.fromEntries(Object.entries(rules).filter(([, value]) => value !== undefined));
}

/** How to tune, or undefined for no tuning: without logs there is nothing to tune on. */
function tuneSettings(flags: Flags, mining: boolean): BuildCommand['tune'] {
  const named = (['tune-time', 'interaction'] as const).find((name) => flags[name] !== undefined);
  if (flags.logs === undefined) {
    if (named) throw new UsageError(`--${named} sets the tuning on --logs, and there are no --logs`);
    return undefined;
  }
  if (flags['no-tune']) {
    // --interaction also says what the logs' lines without a type are, for the rules mined.
    if (flags['tune-time'] !== undefined) throw new UsageError('--tune-time sets the tuning, and --no-tune turns it off');
    if (flags.interaction !== undefined && !mining) {
      throw new UsageError('--interaction sets the tuning and the lines rules are mined on, and --no-tune and --rules-max 0 turn both off');
    }
    return undefined;
  }
  return { seconds: numberFlag('tune-time', flags['tune-time'], false, 0) ?? DEFAULT_TUNE_SECONDS, interaction: interactionFlag(flags.interaction) };
}

/** What `attune build-model` was asked to do, its command line checked. */
interface BuildCommand extends InputFiles {
  sparkItemFactors?: string;
  settings: BuildSettings;
  tune: { seconds: number; interaction: LoggedType } | undefined;
  /** Where each output goes: the whole model, its global part, the items' vectors. */
  outputs: Outputs;
  alignTo?: string;
}

interface Outputs {
  out?: string | undefined;
  global?: string | undefined;
  json?: string | undefined;
  csv?: string | undefined;
}

/** The outputs asked for, each checked as writable before any work; the vectors and alignment need item factors. */
function outputsOf(flags: Flags, inputs: (string | undefined)[]): { outputs: Outputs; alignTo?: string } {
  const outputs: Outputs = { out: flags.out, global: flags['global-out'], json: flags['vectors-json'], csv: flags['vectors-csv'] };
  if (outputs.out === undefined && outputs.global === undefined) {
    throw new UsageError('--out <file> or --global-out <file> is required: where to write the model');
  }
  const factored = flags.logs !== undefined || flags['spark-item-factors'] !== undefined;
  for (const name of ['vectors-json', 'vectors-csv', 'align-to'] as const) {
    if (flags[name] !== undefined && !factored) throw new UsageError(`--${name} needs item factors, and there are no --logs or --spark-item-factors`);
  }
  const alignTo = flags['align-to'];
  const paths = Object.entries({ out: outputs.out, 'global-out': outputs.global, 'vectors-json': outputs.json, 'vectors-csv': outputs.csv });
  for (const [flag, path] of paths) {
    if (path === undefined) continue;
    // One file for two outputs would keep only the last written.
    const twice = paths.find(([other, otherPath]) => other !== flag && otherPath !== undefined && otherPath === path);
    if (twice) throw new UsageError(`--${flag} and --${twice[0]} name the same file, ${path}`);
    prepareOutput(flag, path, [...inputs, alignTo]);
  }
  return alignTo === undefined ? { outputs } : { outputs, alignTo };
}

/** The checked command, or undefined when it asks for help. */
function parseBuildCommand(args: string[]): BuildCommand | undefined {
  const flags = parseFlags(args, OPTIONS);
  if (flags.help) return undefined;
  const files = inputFiles(flags, 'the items the model ranks');
  const settings = buildSettings(flags);
  // Now, not after the training: a path that cannot be written fails at once.
  const outputs = outputsOf(flags, [files.catalogue, files.logs, flags['spark-item-factors']]);
  const rules = ruleSettings(flags);
  if (rules) settings.rules = rules;
  const command: BuildCommand = { ...files, ...outputs, settings, tune: tuneSettings(flags, rules !== undefined) };
  if (flags['spark-item-factors'] !== undefined) command.sparkItemFactors = flags['spark-item-factors'];
  return command;
}

/** The catalogue and the logs or Spark's factors, read and checked. */
function readInput(command: BuildCommand, settings: BuildSettings, progress: Progress): BuildInput {
  const { logs, sparkItemFactors } = command;
  const input: BuildInput = { catalogue: readCatalogueFile(command, progress) };
  if (logs !== undefined) input.interactions = readLogFile(logs, command.logColumns, progress, command.delimiter);
  if (sparkItemFactors !== undefined) {
    const onFactors = stageOf(progress, `reading Spark item factors ${sparkItemFactors}`);
    const itemFactors = reading(sparkItemFactors, () => readSparkItemFactors(sparkItemFactors, onFactors));
    // Spark's ids must be the catalogue's; if none is, the model would have no collaborative part.
    const ids = new Set(input.catalogue.map((item) => item.id));
    if (![...itemFactors.keys()].some((id) => ids.has(id))) {
      throw new TypeError(`${sparkItemFactors}: none of its ${count(itemFactors.size)} item ids is in the catalogue`);
    }
    input.itemFactors = itemFactors;
    settings.factors = itemFactors.values().next().value!.length;
  }
  const { alignTo } = command;
  if (alignTo !== undefined) {
    stageOf(progress, `reading the previous build's vectors ${alignTo}`);
    settings.alignTo = reading(alignTo, () => readVectorFactors(readText(alignTo), settings.factors));
    // The previous build's factor count, fixed: the tuning may not choose another, which could not be aligned.
    settings.factors ??= settings.alignTo.values().next().value!.length;
  }
  return input;
}

/** What the tuning tried and chose, why it did not run, or undefined where it was not asked for. */
type Tuning = TuneReport | { skipped: string } | undefined;

/** Tunes on the logs, when asked to, and puts the settings chosen into those to build with. */
async function tune(command: BuildCommand, input: BuildInput, settings: BuildSettings, progress: Progress): Promise<Tuning> {
  if (!command.tune || !input.interactions) return undefined;
  const { factors, regularization, confidence } = settings;
  const fixed = Object.fromEntries(Object.entries({ factors, regularization, confidence }).filter(([, value]) => value !== undefined));
  // The stage starts with the first trial: logs too small to tune on are reported in the summary instead.
  const onTuning = (done: number, total: number) => progress.update('tuning on the logs', done, total);
  const report = await tuneModel(input.catalogue, input.interactions, {
    ...command.tune,
    seed: settings.seed ?? DEFAULT_BUILD.seed,
    fixed,
    iterations: settings.iterations ?? DEFAULT_BUILD.iterations,
    contentWidth: settings.contentWidth ?? DEFAULT_BUILD.contentWidth,
    successors: settings.successors ?? DEFAULT_BUILD.successors,
    onProgress: onTuning,
  });
  if (!('skipped' in report)) Object.assign(settings, report.build, { tuned: report.tuned, tuning: { seconds: report.planned, fixed: Object.keys(fixed) } });
  return report;
}

/** Reads the inputs, tunes when asked to, builds the model and writes it, reporting each stage. */
async function runBuild(command: BuildCommand, progress: Progress): Promise<{ written: Written[]; summary: BuildSummary; tuning: Tuning }> {
  const settings = { ...command.settings };
  const input = readInput(command, settings, progress);
  const tuning = await tune(command, input, settings, progress);
  const labels: Record<string, string> = {
    factors: `training item factors (${settings.iterations ?? DEFAULT_BUILD.iterations} ALS iterations)`,
    content: 'hashing content',
  };
  // The first iteration can take a while: say that training has started.
  if (input.interactions) stageOf(progress, labels.factors!);
  const { bytes, summary, parts } = buildModel(input, {
    ...settings,
    onProgress: (name, done, total) => progress.update(labels[name] ?? name, done, total),
  });
  const { out, global, json, csv } = command.outputs;
  const texts = json !== undefined || csv !== undefined ? itemVectorTexts(parts) : undefined;
  const written: Written[] = [];
  if (out !== undefined) written.push(write(out, 'size', bytes, progress));
  if (global !== undefined) written.push(write(global, 'global part', globalPart(parts), progress));
  if (json !== undefined) written.push(write(json, 'vectors (JSON)', vectorsJson(texts!), progress, texts));
  if (csv !== undefined) written.push(write(csv, 'vectors (CSV)', vectorsCsv(texts!), progress, texts));
  return { written, summary, tuning };
}

/** A file written, for the summary: what it is, its path, its size, and for vectors the mean text per item. */
interface Written {
  what: string;
  path: string;
  bytes: number;
  gzipped: number;
  perItem?: number;
}

/** Writes one output, naming the file in any failure. */
function write(path: string, what: string, content: Uint8Array | string, progress: Progress, texts?: ReadonlyMap<string, string>): Written {
  const onWritten = stageOf(progress, `writing ${path}`);
  try {
    writeFileSync(path, content);
  } catch (error) {
    throw new Error(describeFileError(path, error));
  }
  onWritten(1, 1);
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  const written: Written = { what, path, bytes, gzipped: gzipSync(content, { level: 9 }).length };
  if (texts?.size) written.perItem = [...texts.values()].reduce((sum, text) => sum + text.length, 0) / texts.size;
  return written;
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KB`;

/** What the tuning did, in the words of the summary's "tuned" row. */
function tunedRow(command: BuildCommand, tuning: Tuning): string {
  if (tuning === undefined) return command.logs === undefined ? 'no (no --logs to tune on)' : 'no (--no-tune)';
  if ('skipped' in tuning) return `no: ${tuning.skipped}`;
  return describe(tuning.best.point, tuning.space);
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** What mining found, in the words of the summary's "rules" row. */
function rulesRow({ type, users, found, kept }: RuleMiningReport): string {
  const over = `${count(found)} found over ${count(users)} users' ${type} lines`;
  if (!kept.length) return `${over}; none kept`;
  const lift = middle(kept.map((rule) => rule.lift));
  const confidence = middle(kept.map((rule) => rule.confidence));
  return `${over}; ${count(kept.length)} kept, median lift ${lift.toFixed(1)}, median confidence ${confidence.toFixed(2)}`;
}

function summaryText(written: readonly Written[], summary: BuildSummary, tuned: string, seconds: number): string {
  // About what a visitor downloads: servers send the model compressed.
  const sizes = written.map(({ what, bytes, gzipped, perItem }): [string, string] => [
    what,
    `${count(bytes)} bytes (${kilobytes(bytes)}); gzip -9: ${count(gzipped)} bytes (${kilobytes(gzipped)})${perItem === undefined ? '' : `; ${perItem.toFixed(0)} characters per item`}`,
  ]);
  const { alignment } = summary;
  const rows: [string, string][] = [
    ['items', count(summary.items)],
    ['items with factors', count(summary.itemsWithFactors)],
    ['users', `${count(summary.users)} (grouped for training, never written)`],
    ['interactions', count(summary.interactions)],
    ['factors per item', count(summary.factors)],
    ['content entries', count(summary.contentEntries)],
    ['next-item successors', count(summary.nextEntries)],
    ...(summary.rules ? [['rules', rulesRow(summary.rules)] as [string, string]] : []),
    ['tuned', tuned],
    ...(alignment
      ? [['aligned', `on ${count(alignment.shared)} items both builds know; apart by ${(alignment.before * 100).toFixed(0)} % before, ${(alignment.after * 100).toFixed(0)} % after`] as [string, string]]
      : []),
    ...sizes,
    ['time', `${seconds.toFixed(1)} s`],
  ];
  return `Wrote ${written.map(({ path }) => path).join(', ')}\n${rows.map(([name, value]) => `  ${name.padEnd(20)}${value}\n`).join('')}`;
}

/** The tuning's table and what it chose, for above the summary. */
function tuningText(tuning: Tuning): string {
  if (tuning === undefined || 'skipped' in tuning) return '';
  return `${tuningHeading(tuning)}\n\n${textTable(tuningTable(tuning))}\n\n${tuningSummary(tuning)}\n\n`;
}

export const buildModelCommand: Command = {
  summary:
    "build the model file a site serves to its visitors' browsers, from its catalogue and, optionally, its interaction logs, " +
    'tuned on those logs',
  async run(args, progress) {
    const started = performance.now();
    const build = parseBuildCommand(args);
    if (!build) return BUILD_USAGE;
    const { written, summary, tuning } = await runBuild(build, progress);
    progress.end();
    return tuningText(tuning) + summaryText(written, summary, tunedRow(build, tuning), (performance.now() - started) / 1000);
  },
};
