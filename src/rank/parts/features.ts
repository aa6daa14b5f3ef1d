import type { ScorePart } from '../blend';

/**
 * The visitor's learned features against the item's: the lift of its
 * features (see pool.ts) summed over √(feature count), a cosine against a
 * binary item vector; it lies within about ±1. Scoring by lift rather than
 * raw weight keeps what is common to the whole pool (a genre every visitor
 * watches) from pushing the site's order around (BENCHMARKS.md, "How strength
 * and half-life were chosen"). Its reasons are the item's strongest features
 * (reasons.ts).
 */
export const features: ScorePart = {
  kind: 'interest',
  score({ candidates, lift, offsets, itemFeatures }) {
    const personal = new Float64Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) {
      let sum = 0;
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) sum += lift[itemFeatures[k]!]!;
      const size = offsets[i + 1]! - offsets[i]!;
      if (size) personal[i] = sum / Math.sqrt(size);
    }
    return personal;
  },
  mass: ({ reader }) => reader.mass,
  weight: (blend, _strength, confident) => confident * blend.features,
};
