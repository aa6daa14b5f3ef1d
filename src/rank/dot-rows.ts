/**
 * The scoring kernel of the collaborative part: for each candidate i with a
 * row (`rows[i] ≥ 0`), `out[i] = Σₐ values[rows[i]·k + a] · x[a]`, the visitor's
 * folded-in vector `x` (k numbers) against the item's row of `values`, one
 * contiguous array of k numbers per item. Candidates without a row are left
 * as they are. One flat loop over typed arrays, no call or allocation per
 * item: it runs at about the speed of a bare dot-product loop over the same
 * data (BENCHMARKS.md, "Speed (Node)"). The terms are added in order, one
 * accumulator, so every score is what a plain loop gives, to the bit.
 */
export function dotRows(x: Float64Array, values: Float32Array, k: number, rows: Int32Array, out: Float64Array): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row < 0) continue;
    let dot = 0;
    for (let a = 0, at = row * k; a < k; a++, at++) dot += values[at]! * x[a]!;
    out[i] = dot;
  }
}
