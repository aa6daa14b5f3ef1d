import type { ScorePart } from '../blend';
import { FRESH_TEXT } from '../../words';

/**
 * How recently the item was published, 2^(−age / half-life), NaN where it
 * has no publication time: a prior, like the site's order, the same for
 * every visitor. Only where the site weighs it in its blend.
 */
export const freshness: ScorePart = {
  kind: 'fresh',
  score: ({ candidates }, { blend, now, halfLife = 1 }) =>
    blend?.freshness
      ? Float64Array.from(candidates, ({ publishedAt }) =>
          typeof publishedAt === 'number' && Number.isFinite(publishedAt) ? 2 ** (-Math.max(0, now - publishedAt) / halfLife) : NaN,
        )
      : undefined,
  weight: (blend, strength) => strength * blend.freshness,
  reason: () => FRESH_TEXT,
};
