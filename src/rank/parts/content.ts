import type { ScorePart } from '../blend';
import { SIMILAR_CONTENT_TEXT } from '../../words';
import { scoreRows } from './model-rows';

/**
 * The visitor's history against the item's hashed TF-IDF content in the
 * site's model: like what they chose. What they chose already is no news.
 */
export const content: ScorePart = {
  kind: 'similar-content',
  score: (pool, settings) => {
    const u = settings.dense?.content();
    return scoreRows(
      pool,
      settings,
      u &&
        (({ content: entries }) => {
          if (!entries?.buckets.length) return NaN;
          let dot = 0;
          for (let e = 0; e < entries.buckets.length; e++) dot += entries.values[e]! * u[entries.buckets[e]!]!;
          return dot * entries.scale;
        }),
    );
  },
  mass: (_pool, { dense, now }) => dense?.mass(now) ?? 0,
  weight: (blend, _strength, confident) => confident * blend.content,
  // "Like what you chose before" needs a visitor who chose something.
  reason: ({ dense, now }) => (dense?.chose(now) ? SIMILAR_CONTENT_TEXT : undefined),
};
