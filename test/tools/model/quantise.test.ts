import { describe, expect, it } from 'vitest';
import { denseOffsets, dequantise, quantise } from '../../../tools/model/quantise';
import { mulberry32 } from '../../unit/internal/model/two-clusters';

describe('int8 quantisation', () => {
  it('rounds a hand-made row to the nearest multiple of max|v| / 127', () => {
    // scale = 2.54 / 127 = 0.02: 2.54 → 127, −1.3 → −65, 0.013 → 0.65 → 1, −0.009 → −0.45 → 0.
    const { values, scale } = quantise([2.54, -1.3, 0.013, -0.009], [0, 4]);
    expect(scale[0]).toBe(Math.fround(0.02));
    expect(Array.from(values)).toEqual([127, -65, 1, 0]);
  });

  it('keeps every component within half its row scale, and maps the largest to ±127', () => {
    const random = mulberry32(5);
    // Rows of different lengths and magnitudes, one all zero, one of a single negative value.
    const lengths = [8, 1, 0, 64, 5, 8, 3, 17, 8, 2];
    const offsets = [0];
    for (const length of lengths) offsets.push(offsets.at(-1)! + length);
    const magnitudes = [1, 1e-3, 1, 50, 0, 1e6, 1, 3, 1e-6, 1];
    const original: number[] = [];
    lengths.forEach((length, row) => {
      for (let i = 0; i < length; i++) original.push((random() * 2 - 1) * magnitudes[row]!);
    });
    original[offsets[1]!] = -0.25; // the single-value row
    const { values, scale } = quantise(original, offsets);
    const restored = dequantise(values, scale, offsets);
    expect(scale.length).toBe(lengths.length);
    lengths.forEach((length, row) => {
      const start = offsets[row]!;
      const s = scale[row]!;
      let largest = start;
      for (let i = start; i < start + length; i++) {
        expect(Math.abs(original[i]! - restored[i]!)).toBeLessThanOrEqual(s / 2 + 1e-12 * Math.abs(original[i]!));
        expect(Math.abs(values[i]!)).toBeLessThanOrEqual(127);
        expect(restored[i]).toBe(values[i]! * s);
        if (Math.abs(original[i]!) > Math.abs(original[largest]!)) largest = i;
      }
      if (length === 0 || magnitudes[row] === 0) {
        expect(s).toBe(0);
      } else {
        expect(s).toBe(Math.fround(Math.abs(original[largest]!) / 127));
        expect(values[largest]).toBe(Math.sign(original[largest]!) * 127);
      }
    });
    expect(values[offsets[1]!]).toBe(-127);
  });

  it('leaves a zero row zero, with scale 0', () => {
    const { values, scale } = quantise([0, 0, 0, 1, -0, 0], denseOffsets(2, 3));
    expect(Array.from(scale)).toEqual([0, Math.fround(1 / 127)]);
    expect(Array.from(values)).toEqual([0, 0, 0, 127, 0, 0]);
    expect(Array.from(dequantise(values, scale, denseOffsets(2, 3)))).toEqual([0, 0, 0, 127 * Math.fround(1 / 127), 0, 0]);
  });

  it('gives the row offsets of a dense matrix', () => {
    expect(Array.from(denseOffsets(3, 4))).toEqual([0, 4, 8, 12]);
    expect(Array.from(denseOffsets(0, 4))).toEqual([0]);
  });
});
