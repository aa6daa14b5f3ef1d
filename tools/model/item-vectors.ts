/**
 * The model split for sites whose catalogue is too large to send whole: the
 * global part every fold-in needs (the Gramian, λ, α, the content's width,
 * the rules mined and the tuned settings; a model file with no items, the same format, version and
 * checksum), and each item's row as text (src/model/vector-text.ts) for the
 * page or the site's API to carry with the item.
 */
import { encodeModel, type ModelParts } from '../../src/model/format';
import { decodeItemVector, encodeItemVector, type CarriedSuccessors } from '../../src/model/vector-text';
import { MAX_VECTOR_TEXT } from '../../src/limits';

/** The global part: the model without its item table, a few KB whatever the catalogue. */
export function globalPart(parts: ModelParts): Uint8Array {
  const global: ModelParts = { items: [], popularity: [] };
  if (parts.rules) global.rules = parts.rules;
  if (parts.tuned) global.tuned = parts.tuned;
  if (parts.training) global.training = parts.training;
  if (parts.factors) global.factors = { ...parts.factors, values: new Int8Array(0), scale: new Float32Array(0) };
  if (parts.content) {
    global.content = { dimensions: parts.content.dimensions, offsets: new Uint32Array(1), buckets: new Uint16Array(0), values: new Int8Array(0), scale: new Float32Array(0) };
  }
  return encodeModel(global);
}

/** Each item's row as the text `data-attune-vector` carries, in the model's order; only a model with factors has them. */
export function itemVectorTexts(parts: ModelParts): Map<string, string> {
  const texts = new Map<string, string>();
  const { factors, content } = parts;
  if (!factors) return texts;
  const k = factors.dimensions;
  parts.items.forEach((id, row) => {
    // An item with no content entries carries none, nor their scale.
    const entries = content && content.offsets[row + 1]! > content.offsets[row]! && {
      scale: content.scale[row]!,
      buckets: content.buckets.subarray(content.offsets[row]!, content.offsets[row + 1]!),
      values: content.values.subarray(content.offsets[row]!, content.offsets[row + 1]!),
    };
    const factorsOfRow = { scale: factors.scale[row]!, values: factors.values.subarray(row * k, row * k + k) };
    const successors = successorsOf(parts, row);
    let text = encodeItemVector(parts.popularity[row]!, factorsOfRow, entries || undefined, successors);
    // Long ids could pass the length the SDK reads: the weakest successors give way first.
    for (let kept = successors?.items.length ?? 0; text.length > MAX_VECTOR_TEXT && kept > 0; kept--) {
      const fewer = { ...successors!, items: successors!.items.slice(0, kept - 1), values: Array.from(successors!.values).slice(0, kept - 1) };
      text = encodeItemVector(parts.popularity[row]!, factorsOfRow, entries || undefined, fewer);
    }
    texts.set(id, text);
  });
  return texts;
}

/**
 * An item's successors from the model's next-item part, by id as its text
 * carries them (the global part has no table for rows to name); undefined for
 * none. Weakest dropped first where the text would pass the length the SDK reads.
 */
function successorsOf({ next, items }: ModelParts, row: number): CarriedSuccessors | undefined {
  if (!next || next.offsets[row + 1]! <= next.offsets[row]!) return undefined;
  const [start, end] = [next.offsets[row]!, next.offsets[row + 1]!];
  return { scale: next.scale[row]!, items: Array.from(next.items.subarray(start, end), (to) => items[to]!), values: next.values.subarray(start, end) };
}

/** The vectors as a JSON map from item id to text, for templates and APIs. */
export const vectorsJson = (texts: ReadonlyMap<string, string>): string => `${JSON.stringify(Object.fromEntries(texts), null, 0)}\n`;

/** The vectors as CSV, `id,vector`; an id with a comma, a quote or a line break is quoted (RFC 4180). */
export function vectorsCsv(texts: ReadonlyMap<string, string>): string {
  const quoted = (id: string) => (/[",\r\n]/.test(id) ? `"${id.replace(/"/g, '""')}"` : id);
  return `id,vector\n${[...texts].map(([id, text]) => `${quoted(id)},${text}\n`).join('')}`;
}

/**
 * The factors of a previous build's vectors (its `--vectors-json` file's
 * text), for aligning a new build to it. Throws a TypeError naming the first
 * entry that is not a vector of `k` factors.
 */
export function readVectorFactors(json: string, factors?: number): Map<string, Float32Array> {
  let entries: [string, unknown][];
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError('not an object');
    entries = Object.entries(parsed);
  } catch {
    throw new TypeError('it is not a JSON object of item ids and vectors, as --vectors-json writes');
  }
  // Without a count to check against, the first vector's own says it (its second byte is k − 1).
  const first = entries[0]?.[1];
  const k = factors ?? (typeof first === 'string' ? (atob(first.slice(0, 4).replace(/-/g, '+').replace(/_/g, '/')).charCodeAt(1) || 0) + 1 : 1);
  const read = new Map<string, Float32Array>();
  for (const [id, text] of entries) {
    const row = typeof text === 'string' && text.length <= MAX_VECTOR_TEXT ? decodeItemVector(text, { dimensions: k, contentWidth: 0 }) : 'not text';
    if (typeof row === 'string') throw new TypeError(`item ${JSON.stringify(id)}: ${row}`);
    read.set(id, row.factors ?? new Float32Array(k));
  }
  if (!read.size) throw new TypeError('it holds no vectors');
  return read;
}
