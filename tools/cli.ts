/**
 * The `attune` command line. One command so far: `attune build-model`, which
 * turns a site's catalogue and logs into the model file its visitors' browsers read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildModel, DEFAULT_BUILD, type BuildInput, type BuildSettings, type BuildSummary } from './model/build';
import { readCatalogue, readInteractions, readSparkItemFactors, type CatalogueColumns, type InteractionColumns } from './model/read';
import { progressOn, type Progress } from './progress';

const USAGE = `Usage: attune <command> [options]

Commands:
  build-model   build the model file a site serves to its visitors' browsers,
                from its catalogue and, optionally, its interaction logs

Run "attune build-model --help" for its options.
`;

const BUILD_USAGE = `Usage: attune build-model --catalogue <file> [options] --out <model file>

Builds the model file that every visitor's browser downloads (the same bytes
for all) to rank the site's items on the device.

Input
  --catalogue <file>            the site's items: CSV with a header line, or JSON lines
                                such as {"id": "a17", "features": ["topic:tennis"], "text": "..."};
                                a file whose name ends in .gz is unzipped first
  --catalogue-format csv|jsonl  default: jsonl for a .jsonl or .ndjson file, otherwise csv
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
                                e.g. user=userId,item=movieId,timestamp=timestamp,weight=rating.
                                A weight is a positive number; without a weight column each
                                interaction counts 1. The model does not use time.
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

Content
  --content-width <n>           buckets the items' features and words are hashed to, 0 to
                                65536; 0 leaves content out (default ${DEFAULT_BUILD.contentWidth})

Output
  --out <file>                  where to write the model file
  -h, --help                    this help

What the model holds: the catalogue's item ids (and those of items only in the
logs); each item's popularity (how many users interacted with it, relative to
the most popular item); item factors (8-bit) with their Gramian, λ and α; and
each item's features and text words as hashed bucket numbers with TF-IDF
weights (8-bit).
What it never holds: user ids, the interactions themselves, their times or
weights, or the text of features and words.

Example (MovieLens):
  attune build-model --catalogue movies.csv \\
    --catalogue-columns id=movieId,text=title,features=genres:genre \\
    --logs ratings.csv --log-columns user=userId,item=movieId,weight=rating \\
    --out model.bin

Exit status: 0 when the model is written; 1 when an input is unusable (the
message names the file and line); 2 for a mistake in the command line.
`;

/** A mistake in the command line, as opposed to in the files it names: exit status 2. */
class UsageError extends Error {}

const OPTIONS = {
  catalogue: { type: 'string' },
  'catalogue-format': { type: 'string' },
  'catalogue-columns': { type: 'string' },
  logs: { type: 'string' },
  'log-columns': { type: 'string' },
  'spark-item-factors': { type: 'string' },
  factors: { type: 'string' },
  regularization: { type: 'string' },
  confidence: { type: 'string' },
  iterations: { type: 'string' },
  'content-width': { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/**
 * A column map, `key=column` pairs joined by commas, as lists per key: only
 * `repeatable` keys may name more than one column.
 */
function columnMap(flag: string, spec: string, keys: readonly string[], repeatable: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const pair of spec.split(',')) {
    const equals = pair.indexOf('=');
    const key = pair.slice(0, equals).trim();
    const column = pair.slice(equals + 1).trim();
    if (equals < 0 || !column) throw new UsageError(`--${flag}: "${pair}" is not key=column`);
    if (!keys.includes(key)) throw new UsageError(`--${flag}: "${key}" is not one of ${keys.join(', ')}`);
    if (map.has(key) && !repeatable.includes(key)) throw new UsageError(`--${flag}: ${key} is given twice`);
    map.set(key, [...(map.get(key) ?? []), column]);
  }
  return map;
}

/** A number flag, checked the way buildModel and the model file need it. */
function numberFlag(flags: Flags, name: keyof Flags, whole: boolean, min: number, max = Infinity): number | undefined {
  const text = flags[name];
  if (typeof text !== 'string') return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (whole && !Number.isInteger(value)) || value < min || value > max) {
    const range = max === Infinity ? `${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be a ${whole ? 'whole number' : 'number'} ${range}, got "${text}"`);
  }
  return value;
}

/** The build's settings from the flags, refusing flags that would have no effect on what is built. */
function buildSettings(flags: Flags): BuildSettings {
  const fromLogs = flags.logs !== undefined;
  const fromSpark = flags['spark-item-factors'] !== undefined;
  if (fromLogs && fromSpark) throw new UsageError('give --logs or --spark-item-factors, not both');
  for (const name of ['factors', 'iterations', 'seed'] as const) {
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
    factors: numberFlag(flags, 'factors', true, 1, 256),
    iterations: numberFlag(flags, 'iterations', true, 1),
    seed: numberFlag(flags, 'seed', true, -(2 ** 31), 2 ** 31 - 1),
    regularization: numberFlag(flags, 'regularization', false, 0),
    confidence: numberFlag(flags, 'confidence', false, 0),
    contentWidth: numberFlag(flags, 'content-width', true, 0, 65_536),
  };
  // buildModel spreads these over its defaults: a flag not given must be absent, not undefined.
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

function describeFileError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${path}: no such file or directory`;
  if (code === 'EISDIR') return `${path} is a directory`;
  if (code === 'EACCES') return `${path}: permission denied`;
  // V8 caps a string at 2^29 − 24 characters, about 512 MB of text.
  if (code === 'ERR_STRING_TOO_LONG') return `${path} is too large to read (over 512 MB of text)`;
  return `${path}: ${(error as Error).message}`;
}

/** A file's text; logs are often kept gzipped, so a name ending in .gz is unzipped. */
const readText = (path: string) => (path.endsWith('.gz') ? gunzipSync(readFileSync(path)) : readFileSync(path)).toString('utf8');

/** Runs a reader on a file; what goes wrong becomes one line that names the file. */
function reading<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(error instanceof TypeError ? `${path}: ${error.message}` : describeFileError(path, error));
  }
}

/** What `attune build-model` was asked to do, its command line checked. */
interface BuildCommand {
  catalogue: string;
  format: 'csv' | 'jsonl';
  catalogueColumns?: CatalogueColumns;
  logs?: string;
  logColumns?: InteractionColumns;
  sparkItemFactors?: string;
  settings: BuildSettings;
  out: string;
}

/** The checked command, or undefined when it asks for help. */
function parseBuildCommand(args: string[]): BuildCommand | undefined {
  let flags: Flags;
  try {
    ({ values: flags } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    // Node's message goes on with advice about arguments that start with "-", which does not apply here.
    throw new UsageError((error as Error).message.split('. ')[0]!);
  }
  if (flags.help) return undefined;
  const { catalogue, out } = flags;
  if (catalogue === undefined) throw new UsageError('--catalogue <file> is required: the items the model ranks');
  if (out === undefined) throw new UsageError('--out <file> is required: where to write the model');
  const format = flags['catalogue-format'] ?? (/\.(jsonl|ndjson)(\.gz)?$/i.test(catalogue) ? 'jsonl' : 'csv');
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--catalogue-format must be csv or jsonl, got "${format}"`);
  const command: BuildCommand = { catalogue, format, out, settings: buildSettings(flags) };
  if (flags['catalogue-columns'] !== undefined) {
    const map = columnMap('catalogue-columns', flags['catalogue-columns'], ['id', 'text', 'features'], ['text', 'features']);
    command.catalogueColumns = { id: map.get('id')?.[0], text: map.get('text'), features: map.get('features') };
  }
  if (flags['log-columns'] !== undefined) {
    const map = columnMap('log-columns', flags['log-columns'], ['user', 'item', 'timestamp', 'weight'], []);
    command.logColumns = Object.fromEntries([...map].map(([key, [column]]) => [key, column]));
  }
  if (flags.logs !== undefined) command.logs = flags.logs;
  if (flags['spark-item-factors'] !== undefined) command.sparkItemFactors = flags['spark-item-factors'];
  return command;
}

/** Reads the inputs, builds the model and writes it, reporting each stage. */
function runBuild(command: BuildCommand, progress: Progress): { bytes: Uint8Array; summary: BuildSummary } {
  const { catalogue, logs, sparkItemFactors, out } = command;
  const settings = { ...command.settings };
  const stage = (label: string) => {
    progress.update(label, 0, 1);
    return (done: number, total: number) => progress.update(label, done, total);
  };
  const onCatalogue = stage(`reading catalogue ${catalogue}`);
  const input: BuildInput = {
    catalogue: reading(catalogue, () => readCatalogue(readText(catalogue), command.format, command.catalogueColumns, onCatalogue)),
  };
  if (logs !== undefined) {
    const onLogs = stage(`reading logs ${logs}`);
    input.interactions = reading(logs, () => readInteractions(readText(logs), command.logColumns, onLogs));
  }
  if (sparkItemFactors !== undefined) {
    const onFactors = stage(`reading Spark item factors ${sparkItemFactors}`);
    const itemFactors = reading(sparkItemFactors, () => readSparkItemFactors(sparkItemFactors, onFactors));
    // Spark's ids must be the catalogue's; if none is, the model would have no collaborative part.
    const ids = new Set(input.catalogue.map((item) => item.id));
    if (![...itemFactors.keys()].some((id) => ids.has(id))) {
      throw new TypeError(`${sparkItemFactors}: none of its ${count(itemFactors.size)} item ids is in the catalogue`);
    }
    input.itemFactors = itemFactors;
    settings.factors = itemFactors.values().next().value!.length;
  }
  const labels: Record<string, string> = {
    factors: `training item factors (${settings.iterations ?? DEFAULT_BUILD.iterations} ALS iterations)`,
    content: 'hashing content',
  };
  // The first iteration can take a while: say that training has started.
  if (input.interactions) stage(labels.factors!);
  const { bytes, summary } = buildModel(input, {
    ...settings,
    onProgress: (name, done, total) => progress.update(labels[name] ?? name, done, total),
  });
  const onWritten = stage(`writing ${out}`);
  try {
    writeFileSync(out, bytes);
  } catch (error) {
    throw new Error(describeFileError(out, error));
  }
  onWritten(1, 1);
  return { bytes, summary };
}

const count = (n: number) => n.toLocaleString('en-US');
const kilobytes = (bytes: number) => `${(bytes / 1024).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KB`;

function summaryText(out: string, summary: BuildSummary, gzipped: number, seconds: number): string {
  const rows: [string, string][] = [
    ['items', count(summary.items)],
    ['items with factors', count(summary.itemsWithFactors)],
    ['users', `${count(summary.users)} (grouped for training, never written)`],
    ['interactions', count(summary.interactions)],
    ['factors per item', count(summary.factors)],
    ['content entries', count(summary.contentEntries)],
    ['size', `${count(summary.bytes)} bytes (${kilobytes(summary.bytes)}); gzip -9: ${count(gzipped)} bytes (${kilobytes(gzipped)})`],
    ['time', `${seconds.toFixed(1)} s`],
  ];
  return `Wrote ${out}\n${rows.map(([name, value]) => `  ${name.padEnd(20)}${value}\n`).join('')}`;
}

function main(argv: string[]): number {
  const started = performance.now();
  const [command, ...args] = argv;
  const progress = progressOn(process.stderr);
  try {
    if (command === '-h' || command === '--help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (command !== 'build-model') throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
    const build = parseBuildCommand(args);
    if (!build) {
      process.stdout.write(BUILD_USAGE);
      return 0;
    }
    const { bytes, summary } = runBuild(build, progress);
    progress.end();
    // About what a visitor downloads: servers send the model compressed.
    const gzipped = gzipSync(bytes, { level: 9 }).length;
    process.stdout.write(summaryText(build.out, summary, gzipped, (performance.now() - started) / 1000));
    return 0;
  } catch (error) {
    progress.end();
    const usage = error instanceof UsageError;
    const help = command === 'build-model' ? 'attune build-model --help' : 'attune --help';
    // One line and no stack: the message says what to fix.
    process.stderr.write(`attune: ${(error as Error).message}${usage ? ` (see ${help})` : ''}\n`);
    return usage ? 2 : 1;
  }
}

process.exitCode = main(process.argv.slice(2));
