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
});
