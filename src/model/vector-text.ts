/**
 * The text form of one item's row of the model, as a page carries it in
 * `data-attune-vector` and a site's JSON in a candidate's `vector`: base64url
 * (RFC 4648 §5, no padding) of these bytes, little-endian:
 *
 *   u8 version (1) · u8 k − 1 · f32 popularity · f32 factorScale · i8 factors[k]
 *   then, where the model has content: f32 contentScale · (u16 bucket · i8 value) per entry
 *
 * The factors are quantised as in the model file (q = round(v / scale) in
 * −127..127), so an item ranks the same from its text as from the file's
 * table. Without content that is 10 + k bytes: 56 characters for 32 factors,
 * 99 for 64; each content entry adds 4 characters (3 bytes), its scale 5 or 6.
 */

import { MAX_VECTOR_TEXT } from '../limits';

const VERSION = 1;
const HEAD = 10;

/** One item as the model sees it, however it arrived: its popularity, factors and content. */
export interface ItemRow {
  /** Its row in the model file's table, where the file lists the item; parts indexed by row (the next part) need it. */
  row?: number;
  popularity: number;
  /** Dequantised factors; undefined for an item nobody chose in the logs (its factors are all zero). */
  factors: Float32Array | undefined;
  /** Its hashed content entries: value × scale at each bucket. */
  content?: { scale: number; buckets: ArrayLike<number>; values: ArrayLike<number> } | undefined;
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
  if (bytes.length < HEAD || bytes[0] !== VERSION) return 'not an item vector of version 1';
  if (bytes[1]! + 1 !== k) return `it has ${bytes[1]! + 1} factors, the model ${k}`;
  const popularity = view.getFloat32(2, true);
  const scale = view.getFloat32(6, true);
  const rest = bytes.length - HEAD - k;
  if (!(popularity >= 0 && popularity <= 1 && scale >= 0 && Number.isFinite(scale))) return 'its popularity or scale is out of range';
  if (rest !== 0 && (rest < 4 || (rest - 4) % 3 !== 0)) return 'its length fits no item vector';
  const values = new Int8Array(bytes.buffer, HEAD, k);
  const row: ItemRow = { popularity, factors: scale > 0 ? Float32Array.from(values, (q) => q * scale) : undefined };
  if (rest && contentWidth) {
    const entries = (rest - 4) / 3;
    const contentScale = view.getFloat32(HEAD + k, true);
    const buckets = new Uint16Array(entries);
    const contentValues = new Int8Array(entries);
    for (let e = 0, at = HEAD + k + 4; e < entries; e++, at += 3) {
      buckets[e] = view.getUint16(at, true);
      contentValues[e] = view.getInt8(at + 2);
      if (buckets[e]! >= contentWidth) return 'a content bucket is beyond the model';
    }
    if (!(contentScale >= 0 && Number.isFinite(contentScale))) return 'its content scale is out of range';
    row.content = { scale: contentScale, buckets, values: contentValues };
  }
  return row;
}

/**
 * The text form of one item, from its quantised parts as the model file holds
 * them: its factors (k values and their scale), popularity, and content entries.
 */
export function encodeItemVector(
  popularity: number,
  factors: { scale: number; values: ArrayLike<number> },
  content?: { scale: number; buckets: ArrayLike<number>; values: ArrayLike<number> },
): string {
  const k = factors.values.length;
  const entries = content?.buckets.length ?? 0;
  const bytes = new Uint8Array(HEAD + k + (content ? 4 + 3 * entries : 0));
  const view = new DataView(bytes.buffer);
  bytes[0] = VERSION;
  bytes[1] = k - 1;
  view.setFloat32(2, popularity, true);
  view.setFloat32(6, factors.scale, true);
  new Int8Array(bytes.buffer, HEAD, k).set(Array.from(factors.values));
  if (content) {
    view.setFloat32(HEAD + k, content.scale, true);
    for (let e = 0, at = HEAD + k + 4; e < entries; e++, at += 3) {
      view.setUint16(at, content.buckets[e]!, true);
      view.setInt8(at + 2, content.values[e]!);
    }
  }
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
