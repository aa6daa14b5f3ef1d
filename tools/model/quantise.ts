/**
 * 8-bit quantisation with one scale per row: v ≈ q × scale, q = round(v / scale)
 * in −127..127, scale = max|v| / 127. No component is off by more than scale / 2.
 * Row r is values[offsets[r] .. offsets[r + 1]).
 */
export function quantise(values: ArrayLike<number>, offsets: ArrayLike<number>): { values: Int8Array; scale: Float32Array } {
  const rows = offsets.length - 1;
  const quantised = new Int8Array(values.length);
  const scale = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    let largest = 0;
    for (let i = offsets[row]!; i < offsets[row + 1]!; i++) largest = Math.max(largest, Math.abs(values[i]!));
    // The scale is stored as float32: quantise against the stored value, so decoding sees what encoding assumed.
    // Below the smallest normal float32 the scale loses bits and a value could round past 127: treat the row as zero.
    const s = largest / 127 < 1.1754944e-38 ? 0 : Math.fround(largest / 127);
    scale[row] = s;
    if (s > 0) for (let i = offsets[row]!; i < offsets[row + 1]!; i++) quantised[i] = Math.round(values[i]! / s);
  }
  return { values: quantised, scale };
}

/** Row offsets of a dense row-major matrix. */
export const denseOffsets = (rows: number, width: number) => Uint32Array.from({ length: rows + 1 }, (_, r) => r * width);

/** The values a device reads back from `quantise`. */
export function dequantise(values: Int8Array, scale: Float32Array, offsets: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  for (let row = 0; row < scale.length; row++) for (let i = offsets[row]!; i < offsets[row + 1]!; i++) out[i] = values[i]! * scale[row]!;
  return out;
}
