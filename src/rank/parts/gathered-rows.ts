import type { ItemRow } from '../../model/vector-text';

/**
 * A list's rows of the model, and what the parts read of them gathered once
 * per list (while its candidates carry the same vectors) into typed arrays
 * indexed by candidate: the factors the scoring kernel reads, and each row's
 * popularity prior. A ranking then scores in flat loops, with no function
 * called and nothing allocated per candidate.
 */
export interface GatheredRows {
  readonly rows: readonly (ItemRow | undefined)[];
  _factors?: Factors;
  _content?: Content;
  _popularity?: Float64Array;
}

/** Candidate i's factors are `values[at[i] .. at[i] + k)`; `at[i]` is −1 for an item without factors. */
export interface Factors {
  values: Float32Array;
  at: Int32Array;
}

/**
 * The factors of each row, where they lie. Rows of the model file's table are
 * views into one contiguous array of the whole table, read in place; rows
 * decoded from the text items carried each have their own, so the list's are
 * then copied into one array of its own, row i at i × k.
 */
export function factorsOf(gathered: GatheredRows, k: number): Factors {
  if (gathered._factors) return gathered._factors;
  const { rows } = gathered;
  const at = new Int32Array(rows.length).fill(-1);
  // The buffer the rows' factors lie in, and whether it is the only one.
  let shared: ArrayBufferLike | undefined;
  let one = true;
  for (const row of rows) {
    const buffer = row?.factors?.buffer;
    if (buffer && shared && buffer !== shared) one = false;
    shared ??= buffer;
  }
  const values = one ? new Float32Array(shared ?? new ArrayBuffer(0)) : new Float32Array(rows.length * k);
  for (let i = 0; i < rows.length; i++) {
    const factors = rows[i]?.factors;
    if (!factors) continue;
    if (one) at[i] = factors.byteOffset / Float32Array.BYTES_PER_ELEMENT;
    else values.set(factors, (at[i] = i * k));
  }
  return (gathered._factors = { values, at });
}

/** Candidate i's content entries are `buckets[at[i] .. at[i + 1])` with their `values`, each times `scale[i]`. */
export interface Content {
  at: Int32Array;
  buckets: Uint16Array;
  values: Int8Array;
  scale: Float64Array;
}

/**
 * The content entries of each row in three arrays, so the content part scores
 * in one flat loop rather than through each row's objects, whose arrays come
 * in more than one kind (views into the model's, or the few a vector's text carried).
 */
export function contentOf(gathered: GatheredRows): Content {
  if (gathered._content) return gathered._content;
  const { rows } = gathered;
  const at = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) at[i + 1] = at[i]! + (rows[i]?.content?.buckets.length ?? 0);
  const buckets = new Uint16Array(at[rows.length]!);
  const values = new Int8Array(at[rows.length]!);
  const scale = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const entries = rows[i]?.content;
    if (!entries) continue;
    scale[i] = entries.scale;
    for (let e = 0; e < entries.buckets.length; e++) (buckets[at[i]! + e] = entries.buckets[e]!), (values[at[i]! + e] = entries.values[e]!);
  }
  return (gathered._content = { at, buckets, values, scale });
}

/** Each row's popularity by its order of magnitude, NaN for an item nobody has chosen yet: the same for every ranking of the list. */
export function popularityOf(gathered: GatheredRows): Float64Array {
  if (gathered._popularity) return gathered._popularity;
  // Loops rather than a typed array's from() with a mapping function, which costs several times as much.
  const { rows } = gathered;
  const popularity = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) popularity[i] = rows[i] && rows[i]!.popularity > 0 ? Math.log(rows[i]!.popularity) : NaN;
  return (gathered._popularity = popularity);
}

