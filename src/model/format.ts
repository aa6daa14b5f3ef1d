/**
 * The model file: what a site builds from its catalogue and logs
 * (`attune build-model`) and every visitor's browser reads, the same bytes for all.
 *
 * Layout, little-endian, version 4:
 *   "ATNM" · u32 version · u32 header length H · H bytes of JSON header · zero padding to 4
 *   f32 popularity[n]                       distinct users, as a share of the most popular item's
 *   f32 factorScale[n] · f32 gramianRoots[k]   when the header has `factors`
 *   f32 contentScale[n] · u32 contentOffsets[n + 1]   when it has `content`
 *   f32 nextScale[n] · u32 nextOffsets[n + 1]   when it has `next`, then u32 nextItems[s] if n > 65,536
 *   u16 contentBuckets[m]                   when it has `content`
 *   u16 nextItems[s]                        when it has `next` and n ≤ 65,536
 *   i8 gramianValues[k(k−1)/2]              when it has `factors`
 *   i8 factorValues[n·k] · i8 contentValues[m] · i8 nextValues[s]
 *   zero padding to 4 · u32 CRC-32 of every byte before it
 * Typed sections come widest first, so each starts aligned and is read as a view, not copied.
 * A vector is quantised as round(v / scale) in −127..127 with scale = max|v| / 127, so no
 * component is off by more than half its item's scale.
 *
 * Version 2 added two optional header entries: `tuned`, the ranking settings the builder
 * chose on the site's own logs, which the SDK uses where the site sets none; and
 * `training`, what the factors were trained on and how, which the audit reads. Version 1
 * has the same layout without them, so a version-1 file is still read: it ranks with the
 * SDK's defaults, as it always did.
 *
 * Version 3 added `next`: for each item, the items that tend to come next
 * after it in a visitor's history (at most `successors` of them, strongest
 * first, with 8-bit strengths), which the `next` score part reads. A file
 * without them has the layout of version 2, so files of versions 1 and 2 are
 * still read, and rank without that part.
 *
 * Version 4 made the global part small (a few KB whatever the catalogue, see
 * `attune build-model --global-out`): the Gramian G = YᵀY, which versions 1
 * to 3 stored as k × k floats (16 KB at 64 factors), is symmetric and stored
 * as its diagonal's square roots dᵢ (floats) and the correlations
 * Gᵢⱼ / (dᵢdⱼ) above the diagonal, 8-bit in −127..127 (a correlation is
 * within −1..1, so no scale is needed): Gᵢⱼ ≈ dᵢdⱼ·q/127, off by at most
 * dᵢdⱼ/254. It also added `rules`, the "did A → B" rules the builder mined
 * from the logs, which the SDK applies beside the site's own. Files of
 * versions 1 to 3 are still read, their Gramian as floats.
 */

import { DEFAULT_BLEND, type Blend } from '../rank/hybrid';
import { isText, KEY, MAX_ID_LENGTH } from '../limits';

const MAGIC = 0x4d4e5441; // "ATNM" read as a little-endian u32
export const MODEL_VERSION = 4;
/** The oldest version this SDK reads. */
const FIRST_VERSION = 1;
/** Largest factor count and content width a device is asked to handle. */
export const MAX_FACTORS = 256;
export const MAX_CONTENT_WIDTH = 65_536;
/** Most successors an item may list: what a device scores per recent item stays small. */
export const MAX_SUCCESSORS = 100;
/** Most mined rules a file may carry: each is a few dozen bytes of header, and each ranking holds them all against the visitor's history. */
export const MAX_MINED_RULES = 1000;
/** Largest boost of a mined rule, as for the site's own (rules/check-rules.ts). */
export const MAX_RULE_BOOST = 10;

/** Collaborative part: item factors from implicit ALS, and what fold-in needs. */
export interface ModelFactors {
  /** Factors per item, k. */
  dimensions: number;
  /** λ of the training: fold-in solves with the same ridge. */
  regularization: number;
  /** α of the training: confidence is 1 + α × weight. */
  confidence: number;
  /** Per-item scale of the int8 values. */
  scale: Float32Array;
  /** n × k, row per item. */
  values: Int8Array;
  /** YᵀY over the quantised factors, k × k. */
  gramian: Float32Array;
}

/** Content part: TF-IDF weighted terms and features hashed to `dimensions` buckets, one sparse unit vector per item. */
export interface ModelContent {
  dimensions: number;
  scale: Float32Array;
  /** Item i's entries are [offsets[i], offsets[i + 1]). */
  offsets: Uint32Array;
  buckets: Uint16Array;
  values: Int8Array;
}

/**
 * Next-item part: per item, the items that followed it in the logs, as a
 * sparse row (strongest first) of 8-bit strengths with one scale per item.
 */
export interface ModelNext {
  /** Most successors per item. */
  successors: number;
  /** Per-item scale of the int8 strengths. */
  scale: Float32Array;
  /** Item i's successors are [offsets[i], offsets[i + 1]). */
  offsets: Uint32Array;
  /** Each successor's row: 16-bit where the model has at most 65,536 items. */
  items: Uint32Array | Uint16Array;
  values: Int8Array;
}

/**
 * Ranking settings chosen by `attune build-model` on the site's own logs: the
 * SDK uses each where the site's options do not set it.
 */
export interface TunedSettings {
  strength?: number;
  /** In milliseconds. */
  halfLife?: number;
  blend?: Partial<Blend>;
  diversity?: number;
}

/**
 * How the factors were trained, so the audit can tell what the model has seen
 * and train one like it. Read as written: the SDK never uses it.
 */
export interface ModelTraining {
  /** Order-independent digest of the interaction logs trained on (see tools/model/fingerprint.ts), 16 hex digits. */
  fingerprint: string;
  iterations: number;
  seed: number;
  /**
   * Where the builder tuned on the logs: the seconds of its plan, and the
   * training settings the site fixed rather than let it search.
   */
  tuning?: { seconds: number; fixed: string[] };
}

/**
 * Rules mined from the logs by `attune build-model`: a visitor who did `did`
 * on the first item of a pair gets the second lifted by the pair's boost (in
 * the score's own units, as a site's rule boost), with a reason that names
 * the first item. The SDK applies them beside the site's rules, which win
 * where both name an item.
 */
export interface ModelRules {
  /** The interaction type the rules were mined on, as `track()` records it: `purchase`. */
  did: string;
  /** [the item the visitor did it on, the item lifted, the boost]. */
  pairs: [string, string, number][];
}

export interface Model {
  version: number;
  items: string[];
  /** Item id → row. */
  index: Map<string, number>;
  popularity: Float32Array;
  factors?: ModelFactors;
  content?: ModelContent;
  next?: ModelNext;
  rules?: ModelRules;
  tuned?: TunedSettings;
  training?: ModelTraining;
}

/** What a model holds before it is written; `encodeModel` quantises and lays it out. */
export interface ModelParts {
  items: readonly string[];
  popularity: ArrayLike<number>;
  factors?: { dimensions: number; regularization: number; confidence: number; values: Int8Array; scale: Float32Array; gramian: ArrayLike<number> };
  content?: { dimensions: number; offsets: Uint32Array; buckets: Uint16Array; values: Int8Array; scale: Float32Array };
  next?: ModelNext;
  rules?: ModelRules;
  tuned?: TunedSettings;
  training?: ModelTraining;
}

interface Header {
  items: string[];
  factors?: { dimensions: number; regularization: number; confidence: number };
  content?: { dimensions: number; entries: number };
  next?: { successors: number; entries: number };
  rules?: ModelRules;
  tuned?: TunedSettings;
  training?: ModelTraining;
}

const align4 = (offset: number) => (offset + 3) & ~3;

let crcTable: Uint32Array | undefined;
/** CRC-32 (IEEE 802.3, as zip and PNG use it). */
export function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    for (let bit = 0; bit < 8; bit++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n;
  });
  let crc = ~0;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** Sections in file order, as [name, element size, element count]; both encode and decode walk this list. */
function sections(header: Header, version: number): [string, 1 | 2 | 4, number][] {
  const n = header.items.length;
  const k = header.factors?.dimensions ?? 0;
  const m = header.content?.entries ?? 0;
  const s = header.next?.entries ?? 0;
  // Versions 1 to 3 kept the whole Gramian as floats; version 4 its diagonal's roots, and 8-bit correlations above it.
  const packed = version >= 4;
  const list: [string, 1 | 2 | 4, number][] = [['popularity', 4, n]];
  if (header.factors) list.push(['factorScale', 4, n], packed ? ['gramianRoots', 4, k] : ['gramian', 4, k * k]);
  if (header.content) list.push(['contentScale', 4, n], ['contentOffsets', 4, n + 1]);
  // A successor is a row: two bytes hold it for any catalogue of up to 65,536 items.
  const narrow = n <= 65_536;
  if (header.next) list.push(['nextScale', 4, n], ['nextOffsets', 4, n + 1]);
  if (header.next && !narrow) list.push(['nextItems', 4, s]);
  if (header.content) list.push(['contentBuckets', 2, m]);
  if (header.next && narrow) list.push(['nextItems', 2, s]);
  if (header.factors && packed) list.push(['gramianValues', 1, (k * (k - 1)) / 2]);
  if (header.factors) list.push(['factorValues', 1, n * k]);
  if (header.content) list.push(['contentValues', 1, m]);
  if (header.next) list.push(['nextValues', 1, s]);
  return list;
}

/** The sections read as unsigned 32-bit integers; other 4-byte sections are floats. */
const WHOLE_NUMBERS = new Set(['contentOffsets', 'nextOffsets', 'nextItems']);

/** A section's typed view over the file's bytes. */
function sectionView(name: string, width: 1 | 2 | 4, buffer: ArrayBuffer, start: number, count: number) {
  if (width === 1) return new Int8Array(buffer, start, count);
  if (width === 2) return new Uint16Array(buffer, start, count);
  return WHOLE_NUMBERS.has(name) ? new Uint32Array(buffer, start, count) : new Float32Array(buffer, start, count);
}

/** The length of a file of this version with this header, checksum included. */
function fileLength(header: Header, headerLength: number, version: number): number {
  let length = align4(12 + headerLength);
  for (const [, width, count] of sections(header, version)) length += width * count;
  return align4(length) + 4;
}

/** Lays out a model as the bytes of a file of the current version. */
export function encodeModel(parts: ModelParts): Uint8Array {
  const header: Header = { items: [...parts.items] };
  if (parts.rules) header.rules = parts.rules;
  if (parts.tuned) header.tuned = parts.tuned;
  if (parts.training) header.training = parts.training;
  const data: Record<string, ArrayLike<number>> = { popularity: parts.popularity };
  if (parts.factors) {
    const { dimensions, regularization, confidence, values, scale, gramian } = parts.factors;
    header.factors = { dimensions, regularization, confidence };
    Object.assign(data, { factorScale: scale, factorValues: values }, packGramian(gramian, dimensions));
  }
  if (parts.content) {
    const { dimensions, offsets, buckets, values, scale } = parts.content;
    header.content = { dimensions, entries: buckets.length };
    Object.assign(data, { contentScale: scale, contentOffsets: offsets, contentBuckets: buckets, contentValues: values });
  }
  if (parts.next) {
    const { successors, scale, offsets, items, values } = parts.next;
    header.next = { successors, entries: items.length };
    Object.assign(data, { nextScale: scale, nextOffsets: offsets, nextItems: items, nextValues: values });
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const layout = sections(header, MODEL_VERSION);
  const size = fileLength(header, json.length, MODEL_VERSION);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, MODEL_VERSION, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, 12);
  let offset = align4(12 + json.length);
  for (const [name, width, count] of layout) {
    const values = data[name]!;
    if (values.length !== count) throw new RangeError(`model section ${name} has ${values.length} values, expected ${count}`);
    sectionView(name, width, bytes.buffer, offset, count).set(values);
    offset += width * count;
  }
  view.setUint32(size - 4, crc32(bytes.subarray(0, size - 4)), true);
  return bytes;
}

/**
 * The Gramian as version 4 stores it: the square roots of its diagonal, and
 * the correlations above the diagonal, 8-bit. A row of zero factors (d = 0)
 * correlates with nothing.
 */
function packGramian(gramian: ArrayLike<number>, k: number): { gramianRoots: Float32Array; gramianValues: Int8Array } {
  if (gramian.length !== k * k) throw new RangeError(`model section gramian has ${gramian.length} values, expected ${k * k}`);
  const roots = Float32Array.from({ length: k }, (_, i) => Math.sqrt(Math.max(0, gramian[i * k + i]!)));
  const values = new Int8Array((k * (k - 1)) / 2);
  for (let i = 0, at = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++, at++) {
      const scale = roots[i]! * roots[j]!;
      values[at] = scale > 0 ? Math.max(-127, Math.min(127, Math.round((127 * gramian[i * k + j]!) / scale))) : 0;
    }
  }
  return { gramianRoots: roots, gramianValues: values };
}

/** The k × k Gramian a device folds in with, from version 4's roots and correlations. */
function unpackGramian(roots: Float32Array, values: Int8Array, k: number): Float32Array {
  const gramian = new Float32Array(k * k);
  for (let i = 0, at = 0; i < k; i++) {
    gramian[i * k + i] = roots[i]! * roots[i]!;
    for (let j = i + 1; j < k; j++, at++) {
      if (values[at] === -128) invalid(`gramianValues[${at}] is -128, outside -127..127`);
      gramian[i * k + j] = gramian[j * k + i] = (roots[i]! * roots[j]! * values[at]!) / 127;
    }
  }
  return gramian;
}

function invalid(why: string): never {
  throw new TypeError(`[attune] the model file is not usable: ${why}`);
}

const isCount = (value: unknown, max: number) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;
const isPositive = (value: unknown) => typeof value === 'number' && value >= 0 && Number.isFinite(value);

/** Every model decodeModel() returned: only these are taken as models, never a look-alike object. */
const decoded = new WeakSet<Model>();
export const isModel = (value: unknown): value is Model => decoded.has(value as Model);

/**
 * Reads and checks a model file. Throws a TypeError that says what is wrong
 * (not a model, another version, truncated, corrupt, a bad shape or a value
 * that is not a finite number) rather than ranking by half a model.
 */
export function decodeModel(source: ArrayBuffer | ArrayBufferView): Model {
  const bytes =
    source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  // Views need 4-byte alignment: copy a file that does not start on it.
  const file = bytes.byteOffset % 4 ? bytes.slice() : bytes;
  const { version, header, headerLength } = readHeader(file);
  const read: Record<string, ArrayLike<number>> = {};
  let offset = align4(12 + headerLength);
  for (const [name, width, count] of sections(header, version)) {
    read[name] = sectionView(name, width, file.buffer as ArrayBuffer, file.byteOffset + offset, count);
    offset += width * count;
  }
  for (const name of ['popularity', 'factorScale', 'gramian', 'gramianRoots', 'contentScale', 'nextScale']) {
    const values = read[name];
    if (!values) continue;
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) invalid(`${name}[${i}] is not a finite number`);
  }
  // A root of the diagonal is at least 0: a negative one was not written by Attune.
  const roots = read.gramianRoots;
  if (roots) for (let i = 0; i < roots.length; i++) if (roots[i]! < 0) invalid(`gramianRoots[${i}] is negative`);
  const model = modelOf(version, header, read);
  decoded.add(model);
  return model;
}

/** Checks a file's magic number, version, checksum and header, and returns the header. */
function readHeader(file: Uint8Array): { version: number; header: Header; headerLength: number } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.length < 4 || view.getUint32(0, true) !== MAGIC) invalid('it does not start with "ATNM" (is it the model file?)');
  if (file.length < 16) invalid(`it is truncated: ${file.length} bytes`);
  const version = view.getUint32(4, true);
  if (version < FIRST_VERSION || version > MODEL_VERSION) {
    invalid(`it is version ${version}; this Attune reads versions ${FIRST_VERSION} to ${MODEL_VERSION}`);
  }
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > file.length) invalid(`it is truncated: ${file.length} bytes, header alone needs ${12 + headerLength}`);
  let header: Header | undefined;
  try {
    header = JSON.parse(new TextDecoder().decode(file.subarray(12, 12 + headerLength)));
  } catch {
    // Reported below: as damage if the checksum fails, as a bad header if it holds.
  }
  const expected = Array.isArray(header?.items) ? fileLength(header!, headerLength, version) : NaN;
  // The checksum covers every byte but its own, header included: a damaged file is refused
  // as truncated (or too long) where its header still says how long it should be, else as corrupt.
  if (view.getUint32(file.length - 4, true) !== crc32(file.subarray(0, file.length - 4))) {
    invalid(
      expected === expected && expected !== file.length
        ? `it is ${file.length < expected ? 'truncated' : 'too long'}: ${file.length} bytes, its header says ${expected}`
        : 'it is corrupt (checksum mismatch)',
    );
  }
  if (!header) invalid('its header is not JSON');
  const { items, factors, content, next } = header;
  if (!Array.isArray(items) || !items.every((id) => typeof id === 'string')) invalid('header.items must be a list of item ids');
  if (factors && !(isCount(factors.dimensions, MAX_FACTORS) && isPositive(factors.regularization) && isPositive(factors.confidence))) {
    invalid(`header.factors must give dimensions 1..${MAX_FACTORS}, regularization and confidence ≥ 0`);
  }
  if (content && !(isCount(content.dimensions, MAX_CONTENT_WIDTH) && Number.isInteger(content.entries) && content.entries >= 0)) {
    invalid(`header.content must give dimensions 1..${MAX_CONTENT_WIDTH} and entries ≥ 0`);
  }
  // Versions 1 and 2 had no next-item part: a file of theirs that claims one was not written by Attune.
  if (next && !(version >= 3 && isCount(next.successors, MAX_SUCCESSORS) && Number.isInteger(next.entries) && next.entries >= 0)) {
    invalid(`header.next must give successors 1..${MAX_SUCCESSORS} and entries ≥ 0, in a file of version 3 or later`);
  }
  checkRules(header, version);
  checkTuned(header);
  if (file.length !== expected) invalid(`its length, ${file.length} bytes, is not the ${expected} its header says`);
  return { version, header, headerLength };
}

const isAtMost = (value: unknown, max: number) => isPositive(value) && (value as number) <= max;

const isItemId = (value: unknown) => isText(value, MAX_ID_LENGTH);

/**
 * Mined rules name items by id (a global part has no item table) with a
 * boost the site's own rules could have, on an interaction type `track()`
 * takes; only version 4 and later carry them.
 */
function checkRules({ rules }: Header, version: number): void {
  if (rules === undefined) return;
  if (version < 4 || typeof rules !== 'object' || rules === null || !KEY.test(rules.did) || !Array.isArray(rules.pairs) || rules.pairs.length > MAX_MINED_RULES) {
    invalid(`header.rules must give did (an interaction type) and at most ${MAX_MINED_RULES} pairs, in a file of version 4 or later`);
  }
  rules.pairs.forEach((pair, at) => {
    if (!(Array.isArray(pair) && pair.length === 3 && isItemId(pair[0]) && isItemId(pair[1]) && pair[2] > 0 && isAtMost(pair[2], MAX_RULE_BOOST))) {
      invalid(`header.rules.pairs[${at}] must be [item id, item id, boost above 0 and at most ${MAX_RULE_BOOST}]`);
    }
  });
}

/**
 * Tuned settings keep the ranges the site's own options keep (options.ts), so
 * a model sets nothing a site could not. The training record is for the
 * tools, which check it where they read it (tools/audit/audit-model.ts).
 */
function checkTuned({ tuned }: Header): void {
  const blend = tuned?.blend;
  if (
    tuned &&
    !(
      (tuned.strength === undefined || isAtMost(tuned.strength, 1)) &&
      (tuned.halfLife === undefined || (isPositive(tuned.halfLife) && tuned.halfLife > 0)) &&
      (tuned.diversity === undefined || isAtMost(tuned.diversity, 1)) &&
      (blend === undefined ||
        (typeof blend === 'object' && blend !== null && Object.entries(blend).every(([part, weight]) => Object.prototype.hasOwnProperty.call(DEFAULT_BLEND, part) && isAtMost(weight, 10))))
    )
  ) {
    invalid(__DEV__ ? `header.tuned must give a strength and a diversity from 0 to 1, a half-life in ms above 0, and blend weights from 0 to 10 for ${Object.keys(DEFAULT_BLEND).join(', ')}` : 'header.tuned');
  }
}

/** The model from a checked header and its sections, with the content's offsets and buckets checked. */
function modelOf(version: number, { items, factors, content, next, rules, tuned, training }: Header, read: Record<string, ArrayLike<number>>): Model {
  const index = new Map<string, number>();
  items.forEach((id, row) => index.set(id, row));
  if (index.size !== items.length) invalid('header.items repeats an id');
  const model: Model = { version, items, index, popularity: read.popularity as Float32Array };
  if (rules) model.rules = rules;
  if (tuned) model.tuned = tuned;
  if (training) model.training = training;
  if (factors) {
    const { gramian, gramianRoots, gramianValues } = read as Record<string, Float32Array & Int8Array>;
    model.factors = {
      ...factors,
      scale: read.factorScale as Float32Array,
      values: read.factorValues as Int8Array,
      gramian: gramian ?? unpackGramian(gramianRoots!, gramianValues!, factors.dimensions),
    };
  }
  if (content) {
    const offsets = read.contentOffsets as Uint32Array;
    const buckets = read.contentBuckets as Uint16Array;
    for (let i = 0; i < items.length; i++) if (offsets[i]! > offsets[i + 1]!) invalid(`contentOffsets[${i + 1}] goes backwards`);
    if (offsets[0] !== 0 || offsets[items.length] !== content.entries) invalid('contentOffsets do not span the content entries');
    for (let e = 0; e < buckets.length; e++) if (buckets[e]! >= content.dimensions) invalid(`contentBuckets[${e}] is beyond the width`);
    model.content = { dimensions: content.dimensions, scale: read.contentScale as Float32Array, offsets, buckets, values: read.contentValues as Int8Array };
  }
  if (next) model.next = nextOf(items.length, next, read);
  return model;
}

/** The next-item part, with its offsets, its rows and each item's count of successors checked. */
function nextOf(n: number, { successors, entries }: NonNullable<Header['next']>, read: Record<string, ArrayLike<number>>): ModelNext {
  const offsets = read.nextOffsets as Uint32Array;
  const items = read.nextItems as Uint32Array | Uint16Array;
  for (let i = 0; i < n; i++) {
    if (offsets[i]! > offsets[i + 1]! || offsets[i + 1]! - offsets[i]! > successors) invalid(`nextOffsets[${i + 1}] goes backwards or past ${successors} successors`);
  }
  if (offsets[0] !== 0 || offsets[n] !== entries) invalid('nextOffsets do not span the next entries');
  for (let e = 0; e < items.length; e++) if (items[e]! >= n) invalid(`nextItems[${e}] is not an item`);
  return { successors, scale: read.nextScale as Float32Array, offsets, items, values: read.nextValues as Int8Array };
}
