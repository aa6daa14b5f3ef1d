/**
 * Sorts `order`, candidate indexes in ascending order, by score, best first,
 * ties in the site's order (ascending index), in place: the order
 * `(a, b) => scores[b] - scores[a] || a - b` gives, without a comparison
 * function. A least-significant-digit radix sort over the bits of each score
 * (up to 8 passes of 8 bits, each stable, so ties keep the ascending order
 * they came in) costs O(n), where the comparison sort of 10,000 items was a
 * large share of ranking them. The keys move with the indexes, so each pass
 * reads them in order; every pass's digits are counted in one reading first.
 */
export function sortByScore(order: number[], scores: ArrayLike<number>): void {
  const n = order.length;
  // + 0 makes −0 into 0, which the comparison holds equal.
  const numbers = new Float64Array(n);
  for (let i = 0; i < n; i++) numbers[i] = scores[order[i]!]! + 0;
  // Each score's bits as two 32-bit words (little-endian, as every engine runs), made into keys that
  // sort ascending for descending scores: a negative score keeps its bits (larger magnitude, later),
  // any other has them inverted with the sign bit cleared.
  const bits = new Uint32Array(numbers.buffer);
  let [low, high, at] = [new Uint32Array(n), new Uint32Array(n), Int32Array.from(order)];
  // How many keys have each value of each byte, a table of 256 per pass.
  const counts = new Uint32Array(8 * 256);
  for (let i = 0; i < n; i++) {
    const negative = bits[2 * i + 1]! >>> 31;
    const lowWord = (low[i] = negative ? bits[2 * i]! : ~bits[2 * i]!);
    const highWord = (high[i] = negative ? bits[2 * i + 1]! : ~bits[2 * i + 1]! & 0x7fffffff);
    for (let byte = 0; byte < 4; byte++) {
      counts[byte * 256 + ((lowWord >>> (8 * byte)) & 255)]!++;
      counts[(4 + byte) * 256 + ((highWord >>> (8 * byte)) & 255)]!++;
    }
  }
  let [lowTo, highTo, atTo] = [new Uint32Array(n), new Uint32Array(n), new Int32Array(n)];
  for (let pass = 0; pass < 8; pass++) {
    const words = pass < 4 ? low : high;
    const shift = (pass % 4) * 8;
    const base = pass * 256;
    // A digit every key shares moves nothing.
    if (n === 0 || counts[base + ((words[0]! >>> shift) & 255)] === n) continue;
    for (let digit = 0, sum = 0; digit < 256; digit++) {
      const count = counts[base + digit]!;
      counts[base + digit] = sum;
      sum += count;
    }
    for (let i = 0; i < n; i++) {
      const to = counts[base + ((words[i]! >>> shift) & 255)]!++;
      lowTo[to] = low[i]!;
      highTo[to] = high[i]!;
      atTo[to] = at[i]!;
    }
    [low, lowTo, high, highTo, at, atTo] = [lowTo, low, highTo, high, atTo, at];
  }
  for (let i = 0; i < n; i++) order[i] = at[i]!;
}
