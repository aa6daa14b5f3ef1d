import type { ScorePart } from '../blend';
import { SIMILAR_CONTENT_TEXT } from '../../words';
import { modelRows, noEvidence } from './model-rows';
import { contentOf } from './gathered-rows';

/**
 * The visitor's history against the item's hashed TF-IDF content in the
 * site's model: like what they chose. What they chose already is no news.
 * An item's entries are gathered once per list (gathered-rows.ts).
 */
export const content: ScorePart = {
  kind: 'similar-content',
  score: (pool, settings) => {
    const known = modelRows(pool, settings);
    if (!known) return undefined;
    const scores = noEvidence(known);
    const u = settings.dense?.content();
    if (!u) return scores;
    const { at, buckets, values, scale } = contentOf(known.list);
    for (let i = 0; i < scores.length; i++) {
      // An item without content entries (or unknown to the model) has no evidence.
      if (known.chosen[i] || at[i] === at[i + 1]) continue;
      let dot = 0;
      for (let e = at[i]!; e < at[i + 1]!; e++) dot += values[e]! * u[buckets[e]!]!;
      scores[i] = dot * scale[i]!;
    }
    return scores;
  },
  mass: (_pool, { dense, now }) => dense?.mass(now) ?? 0,
  weight: (blend, _strength, confident) => confident * blend.content,
  // "Like what you chose before" needs a visitor who chose something.
  reason: ({ dense, now }) => (dense?.chose(now) ? SIMILAR_CONTENT_TEXT : undefined),
};
