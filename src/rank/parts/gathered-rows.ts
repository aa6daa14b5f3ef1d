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
  const buffers = new Set(rows.map((row) => row?.factors?.buffer).filter(Boolean));
  const shared = buffers.size <= 1;
  const [buffer] = buffers;
  const values = shared ? new Float32Array(buffer ?? new ArrayBuffer(0)) : new Float32Array(rows.length * k);
  for (let i = 0; i < rows.length; i++) {
    const factors = rows[i]?.factors;
    if (!factors) continue;
    if (shared) at[i] = factors.byteOffset / Float32Array.BYTES_PER_ELEMENT;
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
    buckets.set(content.buckets, offsets[i]!);
    values.set(content.values, offsets[i]!);
    scale[i] = content.scale;
  }
  return (gathered._content = { offsets, buckets, values, scale });
}

/** Each row's popularity by its order of magnitude, NaN for an item nobody has chosen yet: the same for every ranking of the list. */
export function popularityOf(gathered: GatheredRows): Float64Array {
  return (gathered._popularity ??= Float64Array.from(gathered.rows, (row) => (row && row.popularity > 0 ? Math.log(row.popularity) : NaN)));
}

/** Each row's place in the model file's table, −1 for a candidate the table does not list. */
export function tableRowsOf(gathered: GatheredRows): Int32Array {
  return (gathered._tableRows ??= Int32Array.from(gathered.rows, (row) => row?.row ?? -1));
}
