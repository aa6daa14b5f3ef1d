/**
 * Sorts `order`, candidate indexes in ascending order, by score, best first,
 * ties in the site's order (ascending index), in place: the order
 * `(a, b) => scores[b] - scores[a] || a - b` gives, without a comparison
 * function. A least-significant-digit radix sort over the bits of each score
 * (up to 8 passes of 8 bits, each stable, so ties keep the ascending order
 * they came in) costs O(n), where the comparison sort of 10,000 items was a
 * large share of ranking them.
 */
export function sortByScore(order: number[], scores: ArrayLike<number>): void {
  const n = order.length;
  // Each score's bits as two 32-bit words (little-endian, as every engine runs), made into keys that
  // sort ascending for descending scores: a negative score keeps its bits (larger magnitude, later),
  // any other has them inverted with the sign bit cleared.
  const number = new Float64Array(1);
  const bits = new Uint32Array(number.buffer);
  const low = new Uint32Array(n);
  const high = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    // + 0 makes −0 into 0, which the comparison holds equal.
    number[0] = scores[order[i]!]! + 0;
    const negative = bits[1]! >>> 31;
    low[i] = negative ? bits[0]! : ~bits[0]!;
    high[i] = negative ? bits[1]! : ~bits[1]! & 0x7fffffff;
  }
  // Positions into `order` as it came, sorted pass by pass.
  let from = new Int32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  let to = new Int32Array(n);
  const counts = new Uint32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const words = pass < 4 ? low : high;
    const shift = (pass % 4) * 8;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(words[from[i]!]! >>> shift) & 255]!++;
    // A digit every key shares moves nothing.
    if (n === 0 || counts[(words[from[0]!]! >>> shift) & 255] === n) continue;
    for (let digit = 0, sum = 0; digit < 256; digit++) {
      const count = counts[digit]!;
      counts[digit] = sum;
      sum += count;
    }
    for (let i = 0; i < n; i++) to[counts[(words[from[i]!]! >>> shift) & 255]!++] = from[i]!;
    [from, to] = [to, from];
  }
  const given = order.slice();
  for (let i = 0; i < n; i++) order[i] = given[from[i]!]!;
}
