/**
 * Readers for what a site feeds the model builder: its catalogue (CSV or JSON
 * lines), its interaction logs (CSV), and item factors trained by Spark MLlib.
 * Each checks its input and throws a TypeError naming the line and what is wrong,
 * so a bad export is fixed at its source instead of becoming a quietly bad model.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isText, KEY, MAX_ID_LENGTH } from '../../src/limits';
import { decodeText } from '../files';
import type { CatalogueItem, LoggedInteraction } from './build';

/** Called now and then while reading, with how far it got of how much (characters, or files for Spark's output). */
export type ReadProgress = (done: number, total: number) => void;

/** How often a reader reports progress, in records: often enough for a bar, rarely enough to cost nothing. */
const PROGRESS_EVERY = 65_536;

/** One line of JSON lines, parsed; a line that is not JSON is a TypeError that says where it is. */
export function jsonLine(source: string, where: string): unknown {
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new TypeError(`${where}: not JSON (${(error as Error).message})`);
  }
}

interface CsvRecord {
  fields: string[];
  /** The line the record starts on, from 1. */
  line: number;
  /** Where the next record starts in the text. */
  end: number;
}

/**
 * What separates the fields of a CSV file: a comma (RFC 4180), a semicolon
 * (what spreadsheets write where the decimal mark is a comma), or a tab.
 */
export type CsvDelimiter = ',' | ';' | '\t';

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];
const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

const QUOTE = 34;
const LF = 10;
const CR = 13;

const lineBreaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;

/**
 * The delimiter of CSV text, read from its first line: whichever of comma,
 * semicolon and tab it holds most of outside quotes, a comma on a tie or when
 * it holds none (a file of one column).
 *
 * @example
 * detectDelimiter('movieId;title;genres\n1;Toy Story (1995);Comedy\n') // ';'
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  for (let at = 0; at < text.length; at++) {
    const c = text[at]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return DELIMITERS.reduce((best, delimiter) => ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0) ? delimiter : best));
}

/**
 * CSV records as RFC 4180 defines them: fields separated by the delimiter
 * (a comma there), records by CRLF (or LF, or CR); a field in double quotes
 * may hold delimiters, line breaks and doubled quotes (`""` is one `"`).
 * Lenient where real exports are: a quote inside an unquoted field
 * (`5" record`) is kept as text, and blank lines are skipped.
 */
function* csvRecords(text: string, what: string, delimiter: CsvDelimiter): Generator<CsvRecord> {
  const DELIMITER = delimiter.charCodeAt(0);
  // Excel starts UTF-8 CSV with a byte-order mark; it is not part of the first column's name.
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (at < text.length) {
    const first = text.charCodeAt(at);
    if (first === LF || first === CR) {
      at += first === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(at) === QUOTE) {
        let field = '';
        for (let from = at + 1; ; ) {
          const close = text.indexOf('"', from);
          if (close < 0) throw new TypeError(`${what} line ${start}: a quoted field is never closed`);
          field += text.slice(from, close);
          at = close + 1;
          if (text.charCodeAt(at) !== QUOTE) break;
          field += '"';
          from = at + 1;
        }
        line += lineBreaks(field);
        const next = text.charCodeAt(at);
        if (at < text.length && next !== DELIMITER && next !== LF && next !== CR) {
          throw new TypeError(`${what} line ${line}: text after the closing quote of field ${fields.length + 1}`);
        }
        fields.push(field);
      } else {
        let end = at;
        for (let c = text.charCodeAt(end); end < text.length && c !== DELIMITER && c !== LF && c !== CR; c = text.charCodeAt(++end));
        fields.push(text.slice(at, end));
        at = end;
      }
      if (text.charCodeAt(at) !== DELIMITER) break;
      at++;
    }
    if (text.charCodeAt(at) === CR) at++;
    if (text.charCodeAt(at) === LF) at++;
    line++;
    yield { fields, line: start, end: at };
  }
}

/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends)
 * into rows of fields. The header, if the file has one, is the first row. Blank
 * lines are skipped and a byte-order mark at the start is dropped.
 *
 * @param delimiter separates the fields; by default the one {@link detectDelimiter} reads from the first line.
 * @throws TypeError naming the line of a quoted field that is never closed or has text after its closing quote.
 * @example
 * parseCsv('movieId,title\r\n1,"Toy Story (1995)"\r\n') // [['movieId', 'title'], ['1', 'Toy Story (1995)']]
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): string[][] {
  return Array.from(csvRecords(text, 'CSV', delimiter), (record) => record.fields);
}

/** A CSV file with a header: where each column is, and its records, each with as many fields as the header. */
interface CsvTable {
  /** Looks a column up by name; a column that must be there and is not is an error naming the header's columns. */
  column(name: string, required: boolean): number | undefined;
  records: Iterable<CsvRecord>;
}

/**
 * A header's columns for an error message: the first ten, each cut at 40
 * characters, and how they were told apart where that may be the mistake
 * (one column, or a delimiter other than a comma).
 */
function headerText(fields: readonly string[], delimiter: CsvDelimiter): string {
  const shown = fields.slice(0, 10).map((field) => (field.length > 40 ? `${field.slice(0, 40)}…` : field));
  const more = fields.length > shown.length ? ` and ${fields.length - shown.length} more` : '';
  const name = DELIMITER_NAMES[delimiter];
  const read = fields.length === 1 ? `; read as one column, with no ${name} in it` : delimiter === ',' ? '' : `; read as separated by ${name}`;
  return `${shown.join(', ')}${more}${read}`;
}

function csvTable(text: string, what: string, onProgress?: ReadProgress, delimiter = detectDelimiter(text)): CsvTable {
  const records = csvRecords(text, what, delimiter);
  const header = records.next().value;
  if (!header) throw new TypeError(`${what}: the file is empty; it must start with a header line naming its columns`);
  const width = header.fields.length;
  return {
    column(name, required) {
      // A repeated column name means its first column.
      const index = header.fields.indexOf(name);
      if (index < 0 && required) {
        throw new TypeError(`${what} line ${header.line}: no column "${name}" in the header (${headerText(header.fields, delimiter)})`);
      }
      return index < 0 ? undefined : index;
    },
    records: (function* () {
      let count = 0;
      for (const record of records) {
        const { length } = record.fields;
        if (length !== width) {
          throw new TypeError(`${what} line ${record.line}: ${length} field${length === 1 ? '' : 's'}, the header has ${width}`);
        }
        if (++count % PROGRESS_EVERY === 0) onProgress?.(record.end, text.length);
        yield record;
      }
      if (count === 0) throw new TypeError(`${what}: nothing after the header line`);
      onProgress?.(text.length, text.length);
    })(),
  };
}

/** The SDK's rule for an item id, so the model holds no item a page could not name. */
function checkItemId(id: string, where: string): string {
  if (id === '') throw new TypeError(`${where}: no item id`);
  if (!isText(id, MAX_ID_LENGTH)) {
    throw new TypeError(`${where}: an item id must be 1 to ${MAX_ID_LENGTH} printable characters, got ${JSON.stringify(id.slice(0, 40))}`);
  }
  return id;
}

/**
 * Which columns of a CSV catalogue (or keys of a JSON line) hold what.
 * A features column may carry a prefix after a colon: `genres:genre` reads the
 * column `genres` and turns `Comedy|Drama` into `genre:Comedy` and `genre:Drama`.
 */
export interface CatalogueColumns {
  /** The item id. Default `id`. */
  id?: string;
  /** Columns of free text (title, description), joined with spaces. Default `text`, where the file has it. */
  text?: string | readonly string[];
  /** Columns of features, each `column` or `column:prefix`. Default `features`, where the file has it. */
  features?: string | readonly string[];
}

interface CatalogueKeys {
  id: string;
  text: string[];
  features: { name: string; prefix: string }[];
  /** Named by the site, so a file without them is a mistake; the defaults are optional. */
  required: { text: boolean; features: boolean };
}

function catalogueKeys(columns: CatalogueColumns = {}): CatalogueKeys {
  const list = (value: string | readonly string[] | undefined, fallback: string) =>
    value === undefined ? [fallback] : typeof value === 'string' ? [value] : [...value];
  return {
    id: columns.id ?? 'id',
    text: list(columns.text, 'text'),
    features: list(columns.features, 'features').map((spec) => {
      const colon = spec.indexOf(':');
      return colon < 0 ? { name: spec, prefix: '' } : { name: spec.slice(0, colon), prefix: `${spec.slice(colon + 1)}:` };
    }),
    required: { text: columns.text !== undefined, features: columns.features !== undefined },
  };
}

/**
 * A cell of features: split on `|` where it has one (MovieLens genres,
 * `Comedy|Drama`, where a feature may hold a space), otherwise on whitespace
 * (`topic:tennis author:jane`, as pages mark features up).
 */
function splitFeatures(cell: string, prefix: string): string[] {
  const values = cell.includes('|') ? cell.split('|') : cell.split(/\s+/);
  return values.map((value) => value.trim()).filter(Boolean).map((value) => prefix + value);
}

/** One catalogue item from its id, text parts and feature lists; empty parts are left out. */
function catalogueItem(id: string, text: string[], features: string[]): CatalogueItem {
  const item: CatalogueItem = { id };
  // The SDK keeps an item's features once each; so does the model.
  if (features.length) item.features = [...new Set(features)];
  const joined = text.map((part) => part.trim()).filter(Boolean).join(' ');
  if (joined) item.text = joined;
  return item;
}

/** Remembers the line of each item, so a repeated id says where it first was. */
function firstLines(): (id: string, line: number) => void {
  const lineOf = new Map<string, number>();
  return (id, line) => {
    const first = lineOf.get(id);
    if (first !== undefined) throw new TypeError(`catalogue line ${line}: item ${JSON.stringify(id)} again (first on line ${first})`);
    lineOf.set(id, line);
  };
}

function readCatalogueCsv(text: string, keys: CatalogueKeys, onProgress?: ReadProgress, delimiter?: CsvDelimiter): CatalogueItem[] {
  const table = csvTable(text, 'catalogue', onProgress, delimiter);
  const idColumn = table.column(keys.id, true)!;
  const textColumns = keys.text.flatMap((name) => table.column(name, keys.required.text) ?? []);
  const featureColumns = keys.features.flatMap(({ name, prefix }) => {
    const index = table.column(name, keys.required.features);
    return index === undefined ? [] : [{ index, prefix }];
  });
  const items: CatalogueItem[] = [];
  const once = firstLines();
  for (const { fields, line } of table.records) {
    const id = checkItemId(fields[idColumn]!, `catalogue line ${line}`);
    once(id, line);
    const features = featureColumns.flatMap(({ index, prefix }) => splitFeatures(fields[index]!, prefix));
    items.push(catalogueItem(id, textColumns.map((index) => fields[index]!), features));
  }
  return items;
}

function readCatalogueJsonLines(text: string, keys: CatalogueKeys, onProgress?: ReadProgress): CatalogueItem[] {
  const items: CatalogueItem[] = [];
  const once = firstLines();
  const lines = text.split(/\r?\n/);
  lines.forEach((source, index) => {
    const line = index + 1;
    if (line % PROGRESS_EVERY === 0) onProgress?.(line, lines.length);
    if (!source.trim()) return;
    const where = `catalogue line ${line}`;
    const entry = jsonLine(source, where);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new TypeError(`${where}: expected an object such as {"id": "a17", "features": ["topic:tennis"], "text": "…"}`);
    }
    const record = entry as Record<string, unknown>;
    const rawId = record[keys.id] ?? '';
    // Databases often write integer ids as JSON numbers; pages name every item with text.
    if (typeof rawId !== 'string' && !Number.isSafeInteger(rawId)) {
      throw new TypeError(`${where}: "${keys.id}" must be a string or a whole number, got ${JSON.stringify(rawId)}`);
    }
    const id = checkItemId(String(rawId), where);
    once(id, line);
    const texts = keys.text.map((key) => {
      const value = record[key] ?? '';
      if (typeof value !== 'string') throw new TypeError(`${where}: "${key}" must be a string`);
      return value;
    });
    const features = keys.features.flatMap(({ name, prefix }) => {
      const value = record[name] ?? [];
      if (typeof value === 'string') return splitFeatures(value, prefix);
      if (!Array.isArray(value) || !value.every((feature) => typeof feature === 'string')) {
        throw new TypeError(`${where}: "${name}" must be a list of strings`);
      }
      return value.map((feature: string) => feature.trim()).filter(Boolean).map((feature: string) => prefix + feature);
    });
    items.push(catalogueItem(id, texts, features));
  });
  if (!items.length) throw new TypeError('catalogue: no items');
  onProgress?.(lines.length, lines.length);
  return items;
}

/**
 * Reads a site's catalogue: one item per CSV record (after a header line naming
 * the columns) or per JSON line (`{"id": "a17", "features": ["topic:tennis"], "text": "…"}`).
 * `columns` names the site's own columns or keys; a features column may give a
 * prefix (`genres:genre`). A CSV cell or JSON string of features is split on `|`
 * where it has one, otherwise on whitespace.
 *
 * @param onProgress reports characters (CSV) or lines (JSON lines) read, for a progress bar.
 * @param delimiter separates a CSV file's fields; by default the one {@link detectDelimiter} reads from its header.
 * @throws TypeError naming the line and what is wrong: `catalogue line 7: no item id`.
 * @example
 * // MovieLens movies.csv: movieId,title,genres
 * readCatalogue(text, 'csv', { id: 'movieId', text: 'title', features: 'genres:genre' })
 * // [{ id: '1', text: 'Toy Story (1995)', features: ['genre:Adventure', 'genre:Animation', …] }, …]
 */
export function readCatalogue(
  text: string,
  format: 'csv' | 'jsonl',
  columns?: CatalogueColumns,
  onProgress?: ReadProgress,
  delimiter?: CsvDelimiter,
): CatalogueItem[] {
  const keys = catalogueKeys(columns);
  return format === 'csv' ? readCatalogueCsv(text, keys, onProgress, delimiter) : readCatalogueJsonLines(text, keys, onProgress);
}

/** The columns of interaction logs. */
export interface InteractionColumns {
  /** Who: grouped to train on, never written to the model. Default `user`. */
  user?: string;
  /** Default `item`. */
  item?: string;
  /**
   * When: epoch seconds, epoch milliseconds or an ISO 8601 date. The model does
   * not use time, the audit orders each user's history by it; a column named
   * here must exist, so a column map that describes the logs in full is checked
   * against them. Default `timestamp`.
   */
  timestamp?: string;
  /** How much the interaction counts (a rating, a quantity), a positive number; 1 where the logs have no such column. Default `weight`. */
  weight?: string;
  /**
   * What the user did, as `track()` names it (`purchase`, `click`): rules are
   * mined on the lines of one type. Default `type`, where the logs have it.
   */
  type?: string;
}

/**
 * Epoch seconds and epoch milliseconds are told apart by size: 10^11 seconds is
 * in the year 5138, 10^11 milliseconds in 1973, so no log of a web site holds
 * a time that could be either.
 */
const LARGEST_EPOCH_SECONDS = 1e11;
/** An ISO 8601 date, with a time of day and a zone or offset if any: the one text form whose parsing JavaScript defines. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A logged time in epoch milliseconds; ISO dates without a zone are UTC, as times in logs are by convention. */
function epochMilliseconds(text: string, where: string): number {
  const trimmed = text.trim();
  const number = Number(trimmed);
  if (trimmed !== '' && Number.isFinite(number)) return Math.abs(number) < LARGEST_EPOCH_SECONDS ? number * 1000 : number;
  const iso = ISO_DATE.exec(trimmed);
  // Date.parse reads a date-time without a zone as local time, and a date alone as UTC.
  const time = iso ? Date.parse(iso[1] === undefined && trimmed.length > 10 ? `${trimmed.replace(' ', 'T')}Z` : trimmed.replace(' ', 'T')) : NaN;
  if (!Number.isFinite(time)) {
    throw new TypeError(`${where}: timestamp must be epoch seconds, epoch milliseconds or an ISO 8601 date, got ${JSON.stringify(text)}`);
  }
  return time;
}

/**
 * Reads interaction logs: CSV with a header line, one interaction per record,
 * by default `user,item,timestamp[,weight][,type]`; `columns` names the site's own.
 * Where the logs have a timestamp column, each interaction's `time` is in epoch
 * milliseconds: numbers below 10^11 are read as seconds, larger ones as
 * milliseconds, and ISO 8601 dates without a zone as UTC.
 *
 * @param onProgress reports characters read, for a progress bar.
 * @param delimiter separates the fields; by default the one {@link detectDelimiter} reads from the header.
 * @throws TypeError naming the line and what is wrong: `logs line 12: weight must be a positive number, got "-1"`.
 * @example
 * // MovieLens ratings.csv: userId,movieId,rating,timestamp
 * readInteractions(text, { user: 'userId', item: 'movieId', weight: 'rating' })
 */
export function readInteractions(
  text: string,
  columns: InteractionColumns = {},
  onProgress?: ReadProgress,
  delimiter?: CsvDelimiter,
): LoggedInteraction[] {
  const table = csvTable(text, 'logs', onProgress, delimiter);
  const user = table.column(columns.user ?? 'user', true)!;
  const item = table.column(columns.item ?? 'item', true)!;
  const timestamp = table.column(columns.timestamp ?? 'timestamp', columns.timestamp !== undefined);
  const weight = table.column(columns.weight ?? 'weight', columns.weight !== undefined);
  const type = table.column(columns.type ?? 'type', columns.type !== undefined);
  const interactions: LoggedInteraction[] = [];
  for (const { fields, line } of table.records) {
    const where = `logs line ${line}`;
    if (fields[user] === '') throw new TypeError(`${where}: no user id`);
    const interaction: LoggedInteraction = { user: fields[user]!, item: checkItemId(fields[item]!, where) };
    if (weight !== undefined) {
      const value = Number(fields[weight]);
      if (!(Number.isFinite(value) && value > 0)) {
        throw new TypeError(`${where}: weight must be a positive number, got ${JSON.stringify(fields[weight])}`);
      }
      interaction.weight = value;
    }
    if (timestamp !== undefined) interaction.time = epochMilliseconds(fields[timestamp]!, where);
    if (type !== undefined) {
      if (!KEY.test(fields[type]!)) throw new TypeError(`${where}: type must be an interaction type like purchase (letters, digits, - or _), got ${JSON.stringify(fields[type]!.slice(0, 40))}`);
      interaction.type = fields[type];
    }
    interactions.push(interaction);
  }
  return interactions;
}

/** A part file's text; one that is not UTF-8 text is named, as its lines are. */
function sparkPartText(file: string): string {
  try {
    return decodeText(readFileSync(file));
  } catch (error) {
    throw error instanceof TypeError ? new TypeError(`${file}: ${error.message}`) : error;
  }
}

/** Spark's data files; `_SUCCESS`, `.crc` checksums and other bookkeeping are not. */
const SPARK_PART = /^part-.*\.json$/;

/**
 * Reads item factors that Spark MLlib's ALS wrote with
 * `model.itemFactors.write.json(dir)`: a directory of `part-*.json` files, each
 * JSON lines `{"id":123,"features":[0.1,-0.2,…]}` (or one such file). Ids become
 * strings, as pages name items. Every vector must have the same length and hold
 * finite numbers; no id may repeat.
 *
 * @param onProgress reports files read of all.
 * @throws TypeError naming the file and line: `factors/part-00001-….json line 3: 3 factors, expected 4 as in …`.
 */
export function readSparkItemFactors(path: string, onProgress?: ReadProgress): Map<string, number[]> {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => SPARK_PART.test(name))
        .sort()
        .map((name) => join(path, name))
    : [path];
  if (!files.length) throw new TypeError(`${path}: no part-*.json files; is it the directory Spark's itemFactors.write.json() wrote?`);
  const factors = new Map<string, number[]>();
  const seen = new Map<string, string>();
  let first: { length: number; where: string } | undefined;
  files.forEach((file, done) => {
    sparkPartText(file)
      .split('\n')
      .forEach((source, index) => {
        if (!source.trim()) return;
        const where = `${file} line ${index + 1}`;
        const row = jsonLine(source, where) as { id?: unknown; features?: unknown } | null;
        const { id, features } = row ?? {};
        if (!(Number.isSafeInteger(id) || (typeof id === 'string' && id !== ''))) {
          throw new TypeError(`${where}: "id" must be a whole number or a string, got ${JSON.stringify(id)}`);
        }
        const key = String(id);
        if (seen.has(key)) throw new TypeError(`${where}: item ${key} again (first in ${seen.get(key)})`);
        seen.set(key, where);
        if (!Array.isArray(features) || !features.length) throw new TypeError(`${where}: "features" must be a list of numbers`);
        const bad = features.findIndex((value) => typeof value !== 'number' || !Number.isFinite(value));
        if (bad >= 0) throw new TypeError(`${where}: features[${bad}] is ${JSON.stringify(features[bad])}, not a finite number`);
        first ??= { length: features.length, where };
        if (features.length !== first.length) {
          throw new TypeError(`${where}: ${features.length} factors, expected ${first.length} as in ${first.where}`);
        }
        factors.set(key, features);
      });
    onProgress?.(done + 1, files.length);
  });
  if (!factors.size) throw new TypeError(`${path}: no item factors`);
  return factors;
}
