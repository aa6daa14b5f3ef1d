import type { ItemRow } from '../../model/vector-text';

/**
 * What the model's parts read of a list's rows, each gathered once per list
 * (while its candidates carry the same vectors) into contiguous typed arrays
 * indexed by candidate, so a ranking scores in flat loops: no object read,
 * and no function called, per candidate.
 */
export interface GatheredRows {
  readonly rows: readonly (ItemRow | undefined)[];
  _factors?: Factors;
  _content?: Content;
  _popularity?: Float64Array;
  _tableRows?: Int32Array;
}

/** Candidate i's factors are `values[at[i] .. at[i] + k)`; `at[i]` is −1 for an item without factors. */
export interface Factors {
  values: Float32Array;
  at: Int32Array;
}

/** Candidate i's content entries are `buckets` and `values` at `offsets[i] .. offsets[i + 1]`, times `scale[i]`. */
export interface Content {
  offsets: Uint32Array;
  buckets: Uint16Array;
  values: Int8Array;
  scale: Float64Array;
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

/** Each row's content entries, copied into one array of each. */
export function contentOf(gathered: GatheredRows): Content {
  if (gathered._content) return gathered._content;
  const { rows } = gathered;
  const offsets = new Uint32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) offsets[i + 1] = offsets[i]! + (rows[i]?.content?.buckets.length ?? 0);
  const buckets = new Uint16Array(offsets[rows.length]!);
  const values = new Int8Array(offsets[rows.length]!);
  const scale = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const content = rows[i]?.content;
    if (!content) continue;
    // Element by element: a typed array's set() costs more per call than a few entries take to copy.
    for (let e = 0, to = offsets[i]!; e < content.buckets.length; e++, to++) {
      buckets[to] = content.buckets[e]!;
      values[to] = content.values[e]!;
    }
    scale[i] = content.scale;
  }
  return (gathered._content = { offsets, buckets, values, scale });
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

/** Each row's place in the model file's table, −1 for a candidate the table does not list. */
export function tableRowsOf(gathered: GatheredRows): Int32Array {
  if (gathered._tableRows) return gathered._tableRows;
  const { rows } = gathered;
  const tableRows = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) tableRows[i] = rows[i]?.row ?? -1;
  return (gathered._tableRows = tableRows);
}
