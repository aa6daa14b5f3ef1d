import { describe, expect, it } from 'vitest';
import { decodeItemVector, encodeItemVector } from '../../../../src/model/vector-text';
import { denseOffsets, dequantise, quantise } from '../../../../tools/model/quantise';
import { mulberry32 } from './two-clusters';

/** One item's factors quantised as the model file holds them. */
function quantised(k: number, seed: number) {
  const random = mulberry32(seed);
  const trained = Float64Array.from({ length: k }, () => random() - 0.5);
  const { values, scale } = quantise(trained, denseOffsets(1, k));
  return { values, scale: scale[0]!, dequantised: dequantise(values, scale, denseOffsets(1, k)) };
}

describe('the text form of an item vector', () => {
  it('round-trips the quantised factors, popularity and content entries exactly', () => {
    for (const k of [1, 8, 32, 64, 256]) {
      const factors = quantised(k, k);
      const content = { scale: 0.0123, buckets: [3, 4095, 17], values: [127, -127, 5] };
      const text = encodeItemVector(0.25, factors, content);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      const row = decodeItemVector(text, { dimensions: k, contentWidth: 4096 });
      if (typeof row === 'string') throw new Error(row);
      expect(row.popularity).toBe(0.25);
      expect(Array.from(row.factors!)).toEqual(Array.from(factors.dequantised, Math.fround));
      expect(Array.from(row.content!.buckets)).toEqual(content.buckets);
      expect(Array.from(row.content!.values)).toEqual(content.values);
      expect(row.content!.scale).toBe(Math.fround(0.0123));
    }
  });

  it('takes 56 characters for 32 factors and 99 for 64, plus 4 per content entry and about 5 for their scale', () => {
    expect(encodeItemVector(1, quantised(32, 1))).toHaveLength(56);
    expect(encodeItemVector(1, quantised(64, 1))).toHaveLength(99);
    const entries = { scale: 1, buckets: Array.from({ length: 9 }, (_, i) => i), values: Array.from({ length: 9 }, () => 1) };
    expect(encodeItemVector(1, quantised(64, 1), entries)).toHaveLength(Math.ceil(((10 + 64 + 4 + 27) * 4) / 3));
  });

  it('gives no factors for an item nobody chose (scale 0), and reads content as absent where the model has none', () => {
    const text = encodeItemVector(0, { scale: 0, values: new Int8Array(8) }, { scale: 1, buckets: [1], values: [1] });
    const row = decodeItemVector(text, { dimensions: 8, contentWidth: 0 });
    expect(row).toEqual({ popularity: 0, factors: undefined });
  });

  it('says what is wrong with text that is not a vector of this model', () => {
    const shape = { dimensions: 8, contentWidth: 16 };
    const good = encodeItemVector(0.5, quantised(8, 2), { scale: 1, buckets: [15], values: [1] });
    expect(decodeItemVector('', shape)).toMatch(/base64url/);
    expect(decodeItemVector(`${good}=`, shape)).toMatch(/base64url/);
    expect(decodeItemVector('a+b/', shape)).toMatch(/base64url/);
    expect(decodeItemVector(good.slice(0, 8), shape)).toMatch(/version 1/);
    expect(decodeItemVector(good.slice(0, -2), shape)).toMatch(/length/);
    expect(decodeItemVector(good, { dimensions: 16, contentWidth: 16 })).toBe('it has 8 factors, the model 16');
    expect(decodeItemVector(good, { dimensions: 8, contentWidth: 8 })).toMatch(/bucket/);
    expect(decodeItemVector(encodeItemVector(2, quantised(8, 2)), shape)).toMatch(/popularity/);
    expect(decodeItemVector(encodeItemVector(0.5, { scale: Number.NaN, values: new Int8Array(8) }), shape)).toMatch(/scale/);
    expect(decodeItemVector('A'.repeat(4100), shape)).toMatch(/base64url/);
  });

  it('carries successors by id with their 8-bit strengths, as version 2, and reads version 1 texts as before', () => {
    const factors = quantised(8, 3);
    const content = { scale: 0.5, buckets: [2, 9], values: [-3, 100] };
    const next = { scale: 0.0071, items: ['s2', 'film 1234', 'é'], values: [127, -4, 1] };
    const text = encodeItemVector(0.125, factors, content, next);
    const row = decodeItemVector(text, { dimensions: 8, contentWidth: 16 });
    if (typeof row === 'string') throw new Error(row);
    expect(row.next).toEqual({ scale: Math.fround(0.0071), items: next.items, values: Int8Array.from(next.values) });
    expect(Array.from(row.factors!)).toEqual(Array.from(factors.dequantised, Math.fround));
    expect(Array.from(row.content!.buckets)).toEqual(content.buckets);
    expect(Array.from(row.content!.values)).toEqual(content.values);
    expect(atob(text.slice(0, 4).replace(/-/g, '+').replace(/_/g, '/')).charCodeAt(0)).toBe(2);
    // Without successors the text is version 1, byte for byte as builds without a next-item part wrote it.
    const older = encodeItemVector(0.125, factors, content);
    expect(encodeItemVector(0.125, factors, content, { scale: 1, items: [], values: [] })).toBe(older);
    expect(atob(older.slice(0, 4).replace(/-/g, '+').replace(/_/g, '/')).charCodeAt(0)).toBe(1);
    const read = decodeItemVector(older, { dimensions: 8, contentWidth: 16 });
    expect(typeof read !== 'string' && read.next).toBeUndefined();
  });

  it('adds 1 byte for the count, 4 for the scale and 2 + the id\'s UTF-8 length per successor', () => {
    const factors = quantised(32, 1);
    const bytes = (text: string) => atob(text.replace(/-/g, '+').replace(/_/g, '/')).length;
    const ids = Array.from({ length: 10 }, (_, i) => `${1000 + i}`);
    const text = encodeItemVector(1, factors, undefined, { scale: 1, items: ids, values: ids.map(() => 9) });
    expect(bytes(text) - bytes(encodeItemVector(1, factors))).toBe(1 + 4 + 10 * (2 + 4));
    // An id too long to name in one length byte is left out, not cut.
    const long = encodeItemVector(1, factors, undefined, { scale: 1, items: ['x'.repeat(256), 'ok'], values: [5, 6] });
    const row = decodeItemVector(long, { dimensions: 32, contentWidth: 0 });
    expect(typeof row !== 'string' && row.next?.items).toEqual(['ok']);
  });

  it('says what is wrong with damaged successors', () => {
    const shape = { dimensions: 8, contentWidth: 0 };
    const text = encodeItemVector(0.5, quantised(8, 4), undefined, { scale: 1, items: ['abc', 'de'], values: [3, 2] });
    const bytes = Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const encode = (damaged: Uint8Array) => btoa(String.fromCharCode(...damaged)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(decodeItemVector(encode(bytes.subarray(0, bytes.length - 1)), shape)).toMatch(/cut short/);
    const longer = bytes.slice();
    longer[10 + 8] = 3;
    expect(decodeItemVector(encode(longer), shape)).toMatch(/cut short|length/);
    const notUtf8 = bytes.slice();
    notUtf8[10 + 8 + 5 + 1] = 0xff;
    expect(decodeItemVector(encode(notUtf8), shape)).toMatch(/UTF-8/);
    const badScale = bytes.slice();
    new DataView(badScale.buffer).setFloat32(10 + 8 + 1, Number.NaN, true);
    expect(decodeItemVector(encode(badScale), shape)).toMatch(/successors' scale/);
  });
});
