/**
 * What the `attune` commands share: reading their flags, the catalogue and log
 * flags with their files, and errors that name what to fix.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readText } from './files';
import type { CatalogueItem, LoggedInteraction } from './model/build';
import { readCatalogue, readInteractions, type CatalogueColumns, type CsvDelimiter, type InteractionColumns } from './model/read';
import type { Progress } from './progress';

/** A mistake in the command line, as opposed to in the files it names: exit status 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The flags of a command line, strictly: an unknown flag, a missing value or anything but a flag is a UsageError. */
export function parseFlags<T extends Options>(args: string[], options: T) {
  return parseCommandLine(args, options, false).values;
}

/** The flags and, where `operands` allows them, the operands (such as the file a command reads) of a command line, as strictly. */
export function parseCommandLine<T extends Options>(args: string[], options: T, operands: boolean) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: operands });
  } catch (error) {
    // Node's message goes on with advice about arguments that start with "-", which does not apply here.
    throw new UsageError((error as Error).message.split('. ')[0]!);
  }
}

/** A number flag, checked against the range its use needs; undefined when not given. */
export function numberFlag(name: string, text: unknown, whole: boolean, min: number, max = Infinity): number | undefined {
  if (typeof text !== 'string') return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (whole && !Number.isInteger(value)) || value < min || value > max) {
    const range = max === Infinity ? `${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be a ${whole ? 'whole number' : 'number'} ${range}, got "${text}"`);
  }
  return value;
}

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

export function describeFileError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${path}: no such file or directory`;
  if (code === 'EISDIR') return `${path} is a directory`;
  if (code === 'EACCES') return `${path}: permission denied`;
  if (code === 'ENOTDIR') return `${path}: a part of the path is a file, not a folder`;
  // V8 caps a string at 2^29 − 24 characters, about 512 MB of text.
  if (code === 'ERR_STRING_TOO_LONG') return `${path} is too large to read (over 512 MB of text)`;
  return `${path}: ${(error as Error).message}`;
}

/** Runs a reader on a file; what goes wrong becomes one line that names the file. */
export function reading<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(error instanceof TypeError ? `${path}: ${error.message}` : describeFileError(path, error));
  }
}

/** The flags that name a catalogue and logs, the same for every command. */
export const INPUT_OPTIONS = {
  catalogue: { type: 'string' },
  'catalogue-format': { type: 'string' },
  'catalogue-columns': { type: 'string' },
  logs: { type: 'string' },
  'log-columns': { type: 'string' },
  delimiter: { type: 'string' },
} as const;

/** What `--delimiter` takes: a name, or the character itself where a shell passes it plainly. */
const DELIMITER_FLAG: Record<string, CsvDelimiter> = { comma: ',', ',': ',', semicolon: ';', ';': ';', tab: '\t' };

/** The catalogue and logs a command reads, their flags checked. */
export interface InputFiles {
  catalogue: string;
  format: 'csv' | 'jsonl';
  catalogueColumns?: CatalogueColumns;
  logs?: string;
  logColumns?: InteractionColumns;
  /** Of the CSV files; each file's own is detected from its header when not given. */
  delimiter?: CsvDelimiter;
}

/** The input flags checked; `--catalogue` is required, with `why` saying what the command needs it for. */
export function inputFiles(
  flags: { [K in keyof typeof INPUT_OPTIONS]?: string | undefined },
  why: string,
): InputFiles {
  const { catalogue } = flags;
  if (catalogue === undefined) throw new UsageError(`--catalogue <file> is required: ${why}`);
  const format = flags['catalogue-format'] ?? (/\.(jsonl|ndjson)(\.gz)?$/i.test(catalogue) ? 'jsonl' : 'csv');
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--catalogue-format must be csv or jsonl, got "${format}"`);
  const files: InputFiles = { catalogue, format };
  if (flags['catalogue-columns'] !== undefined) {
    const map = columnMap('catalogue-columns', flags['catalogue-columns'], ['id', 'text', 'features'], ['text', 'features']);
    files.catalogueColumns = { id: map.get('id')?.[0], text: map.get('text'), features: map.get('features') };
  }
  if (flags['log-columns'] !== undefined) {
    const map = columnMap('log-columns', flags['log-columns'], ['user', 'item', 'timestamp', 'weight', 'type'], []);
    files.logColumns = Object.fromEntries([...map].map(([key, [column]]) => [key, column]));
  }
  if (flags.logs !== undefined) files.logs = flags.logs;
  if (flags.delimiter !== undefined) files.delimiter = delimiterFlag(flags.delimiter, format === 'csv' || files.logs !== undefined);
  return files;
}

function delimiterFlag(text: string, csv: boolean): CsvDelimiter {
  const delimiter = Object.prototype.hasOwnProperty.call(DELIMITER_FLAG, text) ? DELIMITER_FLAG[text] : undefined;
  if (delimiter === undefined) throw new UsageError(`--delimiter must be comma, semicolon or tab, got "${text}"`);
  if (!csv) throw new UsageError('--delimiter applies to CSV files, and neither the catalogue nor logs is one');
  return delimiter;
}

/** Starts a stage of the progress report and returns its updater. */
export function stageOf(progress: Progress, label: string): (done: number, total: number) => void {
  progress.update(label, 0, 1);
  return (done, total) => progress.update(label, done, total);
}

export function readCatalogueFile({ catalogue, format, catalogueColumns, delimiter }: InputFiles, progress: Progress): CatalogueItem[] {
  const onCatalogue = stageOf(progress, `reading catalogue ${catalogue}`);
  return reading(catalogue, () => readCatalogue(readText(catalogue), format, catalogueColumns, onCatalogue, delimiter));
}

export function readLogFile(logs: string, columns: InteractionColumns | undefined, progress: Progress, delimiter?: CsvDelimiter): LoggedInteraction[] {
  const onLogs = stageOf(progress, `reading logs ${logs}`);
  return reading(logs, () => readInteractions(readText(logs), columns, onLogs, delimiter));
}

export const count = (n: number) => n.toLocaleString('en-US');

/** Interaction types that a logged line can stand for without a value of its own (a rating needs its stars). */
export const INTERACTIONS = ['click', 'view', 'like', 'purchase'] as const;
export type LoggedType = (typeof INTERACTIONS)[number];

/** The `--interaction` flag: how each logged line is given to the SDK, `click` when not given. */
export function interactionFlag(text: string | undefined): LoggedType {
  const interaction = text ?? 'click';
  if (!(INTERACTIONS as readonly string[]).includes(interaction)) {
    throw new UsageError(`--interaction must be one of ${INTERACTIONS.join(', ')}, got "${interaction}"`);
  }
  return interaction as LoggedType;
}

/** One `attune` command. */
export interface Command {
  /** What `attune --help` says it does; the help wraps it to its width. */
  summary: string;
  /** Runs it, progress on stderr; resolves to what it prints on stdout (its help, when asked). */
  run(args: string[], progress: Progress): Promise<string>;
}
