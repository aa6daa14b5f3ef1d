import { describe, expect, it } from 'vitest';
import { alignFactors, procrustes, symmetricEigen } from '../../../tools/model/align';
import { buildModel } from '../../../tools/model/build';
import { globalPart, itemVectorTexts, readVectorFactors } from '../../../tools/model/item-vectors';
import { decodeModel } from '../../../src/model/format';
import { mulberry32 } from '../../../tools/model/als';
import { tasteCatalogue, tasteLogs } from './taste-logs';

/** A random orthogonal k × k matrix: Gram–Schmidt on random columns. */
function randomRotation(k: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const q = Float64Array.from({ length: k * k }, () => random() - 0.5);
  for (let j = 0; j < k; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < k; i++) dot += q[i * k + j]! * q[i * k + p]!;
      for (let i = 0; i < k; i++) q[i * k + j] -= dot * q[i * k + p]!;
    }
    let norm = 0;
    for (let i = 0; i < k; i++) norm += q[i * k + j]! ** 2;
    for (let i = 0; i < k; i++) q[i * k + j] /= Math.sqrt(norm);
  }
  return q;
}

describe('aligning a build to the previous one', () => {
  it('finds eigenvalues of a symmetric matrix', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 10), expect.closeTo(3, 10)]);
    // Columns are unit eigenvectors: A v = λ v.
    for (let e = 0; e < 2; e++) {
      const [v0, v1] = [vectors[e]!, vectors[2 + e]!];
      expect(2 * v0 + v1).toBeCloseTo(values[e]! * v0, 10);
    }
  });

  it('recovers a rotation exactly: factors turned by R are turned back onto the originals', () => {
    const k = 6;
    const random = mulberry32(5);
    const before = Array.from({ length: 40 }, () => Float64Array.from({ length: k }, () => random() - 0.5));
    const r = randomRotation(k, 9);
    const turned = before.map((row) => Float64Array.from({ length: k }, (_, j) => row.reduce((sum, value, i) => sum + value * r[i * k + j]!, 0)));
    const factors = new Float64Array(40 * k);
    turned.forEach((row, i) => factors.set(row, i * k));
    const ids = before.map((_, i) => `i${i}`);
    const alignment = alignFactors(factors, ids, k, new Map(ids.map((id, i) => [id, before[i]!])));
    expect(alignment.shared).toBe(40);
    expect(alignment.before).toBeGreaterThan(0.5);
    expect(alignment.after).toBeLessThan(1e-9);
    expect(factors[7]).toBeCloseTo(before[1]![1]!, 9);
    // The rotation found is orthogonal: RᵀR = I.
    const found = procrustes(turned.map((row, i) => [row, before[i]!]), k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        let dot = 0;
        for (let e = 0; e < k; e++) dot += found[e * k + i]! * found[e * k + j]!;
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 9);
      }
    }
  });

  it("brings a retrained build's vectors close to last week's, and changes no score within the build", () => {
    const catalogue = tasteCatalogue;
    const logs = tasteLogs(90);
    const settings = { factors: 8, iterations: 8, contentWidth: 0 };
    const lastWeek = buildModel({ catalogue, interactions: logs }, { ...settings, seed: 1 });
    const previous = readVectorFactors(JSON.stringify(Object.fromEntries(itemVectorTexts(lastWeek.parts))));
    const unaligned = buildModel({ catalogue, interactions: logs }, { ...settings, seed: 2 });
    const aligned = buildModel({ catalogue, interactions: logs }, { ...settings, seed: 2, alignTo: previous });
    expect(aligned.summary.alignment!.after).toBeLessThan(aligned.summary.alignment!.before / 2);
    // Item-item scores are a rotation's invariants: the Gramian's trace, for one.
    const trace = (bytes: Uint8Array) => {
      const { gramian, dimensions: k } = decodeModel(bytes).factors!;
      let sum = 0;
      for (let i = 0; i < k; i++) sum += gramian[i * k + i]!;
      return sum;
    };
    expect(trace(aligned.bytes)).toBeCloseTo(trace(unaligned.bytes), 0);
    expect(decodeModel(globalPart(aligned.parts)).items).toEqual([]);
  });

  it('refuses to align on fewer shared items than factors', () => {
    const factors = new Float64Array(8).fill(1);
    expect(() => alignFactors(factors, ['a', 'b'], 4, new Map([['a', [1, 1, 1, 1]]]))).toThrow(/only 1 items/);
  });
});
