import type { ScorePart } from '../blend';
import { SIMILAR_CONTENT_TEXT } from '../../words';
import { scoreRows } from './model-rows';

/**
 * The visitor's history against the item's hashed TF-IDF content in the
 * site's model: like what they chose. What they chose already is no news.
 */
export const content: ScorePart = {
  kind: 'similar-content',
  score: (pool, settings) =>
    scoreRows(pool, settings, ({ content }, rows, scores) => {
      const u = settings.dense?.content();
      if (!u || !content) return;
      const { offsets, buckets, values, scale } = content;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        if (row < 0) continue;
        if (offsets[row + 1]! <= offsets[row]!) continue;
        let dot = 0;
        for (let e = offsets[row]!; e < offsets[row + 1]!; e++) dot += values[e]! * u[buckets[e]!]!;
        scores[i] = dot * scale[row]!;
      }
    }),
  mass: (_pool, { dense, now }) => dense?.mass(now) ?? 0,
  weight: (blend, _strength, confident) => confident * blend.content,
  // "Like what you chose before" needs a visitor who chose something.
  reason: ({ dense, now }) => (dense?.chose(now) ? SIMILAR_CONTENT_TEXT : undefined),
};
