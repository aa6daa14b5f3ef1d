import { describe, expect, it } from 'vitest';
import { contentVectors, hashTerm, itemTerms } from '../../../tools/model/content';

/** Item `item`'s entries as bucket → value. */
function entries(vectors: ReturnType<typeof contentVectors>, item: number): Map<number, number> {
  const map = new Map<number, number>();
  for (let e = vectors.offsets[item]!; e < vectors.offsets[item + 1]!; e++) map.set(vectors.buckets[e]!, vectors.values[e]!);
  return map;
}

describe('content terms', () => {
  it('keeps features as given and adds the lowercased words of 3 letters or more that say something', () => {
    expect(itemTerms(['genre:Comedy'], 'The Big BOX of Fun at Sea, 2024 édition')).toEqual([
      'genre:Comedy',
      'word:big',
      'word:fun',
      'word:sea',
      'word:édition',
    ]);
    expect(itemTerms([])).toEqual([]);
  });
});

describe('term hashing', () => {
  it('is FNV-1a 32 over UTF-16 code units, so buckets are the same on every build', () => {
    // Reference values of FNV-1a 32 (offset basis 0x811c9dc5, prime 0x01000193) for ASCII strings.
    expect(hashTerm('')).toBe(0x811c9dc5);
    expect(hashTerm('a')).toBe(0xe40c292c);
    expect(hashTerm('foobar')).toBe(0xbf9cf968);
    // One step by hand for a code unit above 0xff: (0x811c9dc5 ^ 0xe9) × 0x01000193 mod 2³².
    expect(hashTerm('é')).toBe(Number((BigInt((0x811c9dc5 ^ 0xe9) >>> 0) * 0x01000193n) % 2n ** 32n));
  });
});

describe('content vectors', () => {
  const terms = [
    ['genre:drama', 'author:ann', 'word:storm'],
    ['genre:drama', 'author:bob', 'word:storm', 'word:storm'],
    ['genre:drama', 'author:cy'],
    [],
  ];
  const width = 4096;
  const vectors = contentVectors(terms, width);
  const bucket = (term: string) => hashTerm(term) % width;

  it('hashes each distinct term to its own bucket here (no collisions in this example)', () => {
    const all = new Set(terms.flat());
    expect(new Set([...all].map(bucket)).size).toBe(all.size);
  });

  it('gives each item with terms a unit-length vector, sorted by bucket', () => {
    for (let item = 0; item < 3; item++) {
      const values = [...entries(vectors, item).values()];
      expect(Math.hypot(...values)).toBeCloseTo(1, 12);
      const buckets = [...entries(vectors, item).keys()];
      expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    }
    expect(vectors.offsets[4]! - vectors.offsets[3]!).toBe(0);
    expect(vectors.offsets.length).toBe(5);
  });

  it('weighs a term by tf × (ln(n / df) + 1), so a term every item shares counts least', () => {
    // n = 4. Item 0: drama df 3, ann df 1, storm df 2, each once.
    const idf = (df: number) => Math.log(4 / df) + 1;
    const raw = [idf(3), idf(1), idf(2)];
    const length = Math.hypot(...raw);
    const item0 = entries(vectors, 0);
    expect(item0.get(bucket('genre:drama'))).toBeCloseTo(raw[0]! / length, 12);
    expect(item0.get(bucket('author:ann'))).toBeCloseTo(raw[1]! / length, 12);
    expect(item0.get(bucket('word:storm'))).toBeCloseTo(raw[2]! / length, 12);
    expect(item0.get(bucket('genre:drama'))!).toBeLessThan(item0.get(bucket('author:ann'))!);

    // Item 1 has storm twice: tf 2.
    const item1 = entries(vectors, 1);
    expect(item1.get(bucket('word:storm'))! / item1.get(bucket('genre:drama'))!).toBeCloseTo((2 * idf(2)) / idf(3), 12);
  });

  it('adds up terms that share a bucket', () => {
    const one = contentVectors([['x', 'y'], ['x']], 1);
    expect(Array.from(one.buckets)).toEqual([0, 0]);
    expect(Array.from(one.values)).toEqual([1, 1]);
  });
});
