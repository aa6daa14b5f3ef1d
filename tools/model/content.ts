/**
 * Content vectors: each item's features (`genre:Comedy`) and the words of its
 * text, weighted by TF-IDF and hashed to a fixed number of buckets (the hashing
 * trick, Weinberger et al. 2009), so the model needs no vocabulary and its size
 * does not grow with it. Each vector has unit length, so a dot product is a cosine.
 */

/** Words that say nothing about what an item is. */
const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or set the this to with pack box'.split(' '),
);

/** The terms of one item: its features as given, and `word:<w>` for each word of its text (lowercased, 3 letters or more). */
export function itemTerms(features: readonly string[], text = ''): string[] {
  const words = (text.toLowerCase().match(/\p{L}[\p{L}\p{N}]{2,}/gu) ?? []).filter((word) => !STOP_WORDS.has(word));
  return [...features, ...words.map((word) => `word:${word}`)];
}

/** FNV-1a, 32 bits, over UTF-16 code units: stable across runs and platforms. */
export function hashTerm(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export interface SparseVectors {
  offsets: Uint32Array;
  buckets: Uint16Array;
  values: Float64Array;
}

/**
 * TF-IDF over the items' terms: tf = count in the item, idf = ln(n / df) + 1;
 * terms that collide in a bucket add up; each item's vector is normalised.
 */
export function contentVectors(terms: readonly (readonly string[])[], width: number): SparseVectors {
  const documents = new Map<string, number>();
  for (const list of terms) for (const term of new Set(list)) documents.set(term, (documents.get(term) ?? 0) + 1);
  const rows = terms.map((list) => {
    const counts = new Map<string, number>();
    for (const term of list) counts.set(term, (counts.get(term) ?? 0) + 1);
    const byBucket = new Map<number, number>();
    for (const [term, count] of counts) {
      const bucket = hashTerm(term) % width;
      byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + count * (Math.log(terms.length / documents.get(term)!) + 1));
    }
    let norm = 0;
    for (const value of byBucket.values()) norm += value * value;
    return [...byBucket].sort((a, b) => a[0] - b[0]).map(([bucket, value]) => [bucket, value / Math.sqrt(norm)] as const);
  });
  const offsets = new Uint32Array(terms.length + 1);
  rows.forEach((row, i) => (offsets[i + 1] = offsets[i]! + row.length));
  const buckets = new Uint16Array(offsets[terms.length]!);
  const values = new Float64Array(offsets[terms.length]!);
  let at = 0;
  for (const row of rows) for (const [bucket, value] of row) (buckets[at] = bucket), (values[at++] = value);
  return { offsets, buckets, values };
}
