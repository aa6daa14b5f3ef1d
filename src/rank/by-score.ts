/**
 * Sorts `order`, candidate indexes in ascending order, by score, best first,
 * ties in the site's order (ascending index), in place: the order
 * `(a, b) => scores[b] - scores[a] || a - b` gives, without a comparison
 * function. Each score's 64 bits become two 32-bit keys; a least-significant-
 * digit radix sort (passes of 8 bits, each stable, so ties keep the ascending
 * order they came in) orders by the high key, which holds the sign, the
 * exponent and the first 20 bits of the fraction and so tells almost every
 * two scores apart, and then only the runs that share a high key are ordered
 * by the low one. It costs O(n), where the comparison sort of 10,000 items was
 * a large share of ranking them, and half the passes of sorting by all 64 bits.
 */
export function sortByScore(order: number[], scores: ArrayLike<number>): void {
  const n = order.length;
  const { numbers, bits, low, high, at, spare } = scratchFor(n);
  // + 0 makes −0 into 0, which the comparison holds equal.
  for (let i = 0; i < n; i++) numbers[i] = scores[order[i]!]! + 0;
  // Each score's bits as two 32-bit words (little-endian, as every engine runs), made into keys that
  // sort ascending for descending scores: a negative score keeps its bits (larger magnitude, later),
  // any other has them inverted with the sign bit cleared.
  for (let i = 0; i < n; i++) {
    const negative = bits[2 * i + 1]! >>> 31;
    low[i] = negative ? bits[2 * i]! : ~bits[2 * i]!;
    high[i] = negative ? bits[2 * i + 1]! : ~bits[2 * i + 1]! & 0x7fffffff;
    at[i] = order[i]!;
  }
  radixSort(high, low, at, 0, n, spare);
  for (let from = 0; from < n; ) {
    let to = from + 1;
    while (to < n && high[to] === high[from]) to++;
    if (to - from > INSERTION_RUN) radixSort(low, high, at, from, to, spare);
    else if (to - from > 1) insertionSort(low, at, from, to);
    from = to;
  }
  for (let i = 0; i < n; i++) order[i] = at[i]!;
}

interface Scratch {
  numbers: Float64Array;
  /** `numbers` as 32-bit words. */
  bits: Uint32Array;
  low: Uint32Array;
  high: Uint32Array;
  at: Int32Array;
  spare: { keys: Uint32Array; carried: Uint32Array; at: Int32Array };
}

/**
 * The arrays a sort works in, kept from one sort to the next (they are the
 * sort's alone: nothing it returns refers to them), so ranking a list again
 * allocates none of them: seven arrays as long as the list, allocated and
 * zeroed for every ranking, took about a twentieth of ranking 10,000 items
 * with a model. Grown to the longest list sorted.
 */
let scratch: Scratch | undefined;

function scratchFor(n: number): Scratch {
  if (!scratch || scratch.at.length < n) {
    const numbers = new Float64Array(n);
    scratch = {
      numbers,
      bits: new Uint32Array(numbers.buffer),
      low: new Uint32Array(n),
      high: new Uint32Array(n),
      at: new Int32Array(n),
      spare: { keys: new Uint32Array(n), carried: new Uint32Array(n), at: new Int32Array(n) },
    };
  }
  return scratch;
}

/** Runs of equal high keys up to this long are ordered by insertion, which beats four radix passes on a few items. */
const INSERTION_RUN = 32;

/**
 * Sorts `keys[from .. to)` ascending, stably, moving `carried` and `at` with them:
 * four passes of 8 bits, each counted in one reading first; a digit every key
 * shares moves nothing. `spare` holds scratch arrays as long as the whole list.
 */
function radixSort(
  keys: Uint32Array,
  carried: Uint32Array,
  at: Int32Array,
  from: number,
  to: number,
  spare: { keys: Uint32Array; carried: Uint32Array; at: Int32Array },
): void {
  const n = to - from;
  const counts = new Uint32Array(4 * 256);
  for (let i = from; i < to; i++) {
    const key = keys[i]!;
    for (let byte = 0; byte < 4; byte++) counts[byte * 256 + ((key >>> (8 * byte)) & 255)]!++;
  }
  // Reads from one set of arrays, writes to the other; views of the range, so indexes start at 0.
  let [k, c, a] = [keys.subarray(from, to), carried.subarray(from, to), at.subarray(from, to)];
  let [kTo, cTo, aTo] = [spare.keys.subarray(0, n), spare.carried.subarray(0, n), spare.at.subarray(0, n)];
  for (let byte = 0; byte < 4; byte++) {
    const base = byte * 256;
    const shift = 8 * byte;
    if (counts[base + ((k[0]! >>> shift) & 255)] === n) continue;
    for (let digit = 0, sum = 0; digit < 256; digit++) {
      const count = counts[base + digit]!;
      counts[base + digit] = sum;
      sum += count;
    }
    for (let i = 0; i < n; i++) {
      const to = counts[base + ((k[i]! >>> shift) & 255)]!++;
      kTo[to] = k[i]!;
      cTo[to] = c[i]!;
      aTo[to] = a[i]!;
    }
    [k, kTo, c, cTo, a, aTo] = [kTo, k, cTo, c, aTo, a];
  }
  // After an odd number of moves the sorted range sits in the spare arrays.
  if (k.buffer !== keys.buffer) {
    keys.set(k, from);
    carried.set(c, from);
    at.set(a, from);
  }
}

/** Sorts `keys[from .. to)` ascending, stably, moving `at` with them. */
function insertionSort(keys: Uint32Array, at: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const key = keys[i]!;
    const index = at[i]!;
    let j = i - 1;
    for (; j >= from && keys[j]! > key; j--) (keys[j + 1] = keys[j]!), (at[j + 1] = at[j]!);
    keys[j + 1] = key;
    at[j + 1] = index;
  }
}
