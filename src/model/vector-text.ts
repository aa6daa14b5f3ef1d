/**
 * The text form of one item's row of the model, as a page carries it in
 * `data-attune-vector` and a site's JSON in a candidate's `vector`: base64url
 * (RFC 4648 §5, no padding) of these bytes, little-endian:
 *
 *   u8 version (1 or 2) · u8 k − 1 · f32 popularity · f32 factorScale · i8 factors[k]
 *   version 2 only: u8 count of successors · where count > 0, f32 nextScale and per
 *     successor (u8 id length · its id in UTF-8 · i8 value), strongest first
 *   then, where the model has content: f32 contentScale · (u16 bucket · i8 value) per entry
 *
 * Version 2 carries the item's successors from the model's next-item part by
 * item id, not by row: a site serving only the global part has no table whose
 * rows they could name. An item without successors is written as version 1,
 * so texts of builds without a next-item part read as before.
 *
 * The factors are quantised as in the model file (q = round(v / scale) in
 * −127..127), so an item ranks the same from its text as from the file's
 * table. Without content that is 10 + k bytes: 56 characters for 32 factors,
 * 99 for 64; each content entry adds 4 characters (3 bytes), its scale 5 or 6.
 */

import { MAX_VECTOR_TEXT } from '../limits';

const VERSION = 1;
const WITH_SUCCESSORS = 2;
const HEAD = 10;
/** Longest successor id a text names: its length is one byte. */
const MAX_SUCCESSOR_ID = 255;

/** One item as the model sees it, however it arrived: its popularity, factors and content. */
export interface ItemRow {
  /** Its row in the model file's table, where the file lists the item; parts indexed by row (the next part) need it. */
  row?: number;
  popularity: number;
  /** Dequantised factors; undefined for an item nobody chose in the logs (its factors are all zero). */
  factors: Float32Array | undefined;
  /** Its hashed content entries: value × scale at each bucket. */
  content?: { scale: number; buckets: ArrayLike<number>; values: ArrayLike<number> } | undefined;
  /** What followed the item in the site's logs, by id, strongest first: value × scale each; only from a text (a table row's are in the model's next-item part). */
  next?: CarriedSuccessors | undefined;
}

/** An item's successors as its text carries them: the model's 8-bit strengths and their scale. */
export interface CarriedSuccessors {
  scale: number;
  items: readonly string[];
  values: ArrayLike<number>;
}

/** What a model's items must agree with: the factors per item, and the content's width (0 for none). */
export interface RowShape {
  dimensions: number;
  contentWidth: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Reads an item's text form against the model's shape. Returns the row, or a
 * sentence saying why the text is not one (the caller warns once with it).
 */
export function decodeItemVector(text: string, { dimensions: k, contentWidth }: RowShape): ItemRow | string {
  if (text.length > MAX_VECTOR_TEXT || text.length % 4 === 1 || !BASE64URL.test(text)) return 'not base64url text of an item vector';
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  if (bytes.length < HEAD || (bytes[0] !== VERSION && bytes[0] !== WITH_SUCCESSORS)) return 'not an item vector of version 1 or 2';
  if (bytes[1]! + 1 !== k) return `it has ${bytes[1]! + 1} factors, the model ${k}`;
  const popularity = view.getFloat32(2, true);
  const scale = view.getFloat32(6, true);
  if (!(popularity >= 0 && popularity <= 1 && scale >= 0 && Number.isFinite(scale))) return 'its popularity or scale is out of range';
  if (bytes.length < HEAD + k) return 'its length fits no item vector';
  const values = new Int8Array(bytes.buffer, HEAD, k);
  const row: ItemRow = { popularity, factors: scale > 0 ? Float32Array.from(values, (q) => q * scale) : undefined };
  let at = HEAD + k;
  if (bytes[0] === WITH_SUCCESSORS) {
    const successors = readSuccessors(bytes, at);
    if (typeof successors === 'string') return successors;
    [row.next, at] = successors;
  }
  const content = readContent(view, at, contentWidth);
  if (typeof content === 'string') return content;
  row.content = content;
  return row;
}

/** The successors a version 2 text carries from byte `at`, and where they end. */
function readSuccessors(bytes: Uint8Array, at: number): [CarriedSuccessors | undefined, number] | string {
  const count = bytes[at++];
  if (count === undefined) return 'its length fits no item vector';
  if (count === 0) return [undefined, at];
  if (at + 4 > bytes.length) return 'its successors are cut short';
  const scale = new DataView(bytes.buffer).getFloat32(at, true);
  if (!(scale >= 0 && Number.isFinite(scale))) return 'its successors\' scale is out of range';
  at += 4;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const items: string[] = [];
  const values = new Int8Array(count);
  for (let s = 0; s < count; s++) {
    const length = bytes[at]!;
    if (!length || at + 2 + length > bytes.length) return 'its successors are cut short';
    try {
      items.push(utf8.decode(bytes.subarray(at + 1, at + 1 + length)));
    } catch {
      return 'a successor id is not UTF-8';
    }
    values[s] = (bytes[at + 1 + length]! << 24) >> 24;
    at += 2 + length;
  }
  return [{ scale, items, values }, at];
}

/** The content entries from byte `at` to the end: none, or a scale and whole entries within the model's width. */
function readContent(view: DataView, at: number, contentWidth: number): ItemRow['content'] | string {
  const rest = view.byteLength - at;
  if (rest !== 0 && (rest < 4 || (rest - 4) % 3 !== 0)) return 'its length fits no item vector';
  if (!rest || !contentWidth) return undefined;
  const entries = (rest - 4) / 3;
  const contentScale = view.getFloat32(at, true);
  const buckets = new Uint16Array(entries);
  const contentValues = new Int8Array(entries);
  for (let e = 0, from = at + 4; e < entries; e++, from += 3) {
    buckets[e] = view.getUint16(from, true);
    contentValues[e] = view.getInt8(from + 2);
    if (buckets[e]! >= contentWidth) return 'a content bucket is beyond the model';
  }
  if (!(contentScale >= 0 && Number.isFinite(contentScale))) return 'its content scale is out of range';
  return { scale: contentScale, buckets, values: contentValues };
}

/**
 * The text form of one item, from its quantised parts as the model file holds
 * them: its factors (k values and their scale), popularity, content entries,
 * and successors by id (a successor whose id is longer than 255 bytes in UTF-8
 * is left out: the text names it in one length byte).
 */
export function encodeItemVector(
  popularity: number,
  factors: { scale: number; values: ArrayLike<number> },
  content?: { scale: number; buckets: ArrayLike<number>; values: ArrayLike<number> },
  next?: CarriedSuccessors,
): string {
  const k = factors.values.length;
  const entries = content?.buckets.length ?? 0;
  const successors = successorBytes(next);
  const bytes = new Uint8Array(HEAD + k + successors.length + (content ? 4 + 3 * entries : 0));
  const view = new DataView(bytes.buffer);
  bytes[0] = successors.length ? WITH_SUCCESSORS : VERSION;
  bytes[1] = k - 1;
  view.setFloat32(2, popularity, true);
  view.setFloat32(6, factors.scale, true);
  new Int8Array(bytes.buffer, HEAD, k).set(Array.from(factors.values));
  bytes.set(successors, HEAD + k);
  const at = HEAD + k + successors.length;
  if (content) {
    view.setFloat32(at, content.scale, true);
    for (let e = 0, to = at + 4; e < entries; e++, to += 3) {
      view.setUint16(to, content.buckets[e]!, true);
      view.setInt8(to + 2, content.values[e]!);
    }
  }
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The successors' section of a version 2 text: empty where there are none to write. */
function successorBytes(next: CarriedSuccessors | undefined): Uint8Array {
  const utf8 = new TextEncoder();
  const kept = (next?.items ?? []).map((id, s) => [utf8.encode(id), next!.values[s]!] as const).filter(([id]) => id.length && id.length <= MAX_SUCCESSOR_ID).slice(0, 255);
  if (!kept.length) return new Uint8Array(0);
  const bytes = new Uint8Array(5 + kept.reduce((sum, [id]) => sum + 2 + id.length, 0));
  bytes[0] = kept.length;
  new DataView(bytes.buffer).setFloat32(1, next!.scale, true);
  let at = 5;
  for (const [id, value] of kept) {
    bytes[at] = id.length;
    bytes.set(id, at + 1);
    bytes[at + 1 + id.length] = value & 0xff;
    at += 2 + id.length;
  }
  return bytes;
}
