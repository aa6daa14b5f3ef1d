/**
 * How much each part of the hybrid score counts, in standard deviations of that
 * part over the candidates, before `strength` scales them all. The defaults
 * come from the quality replay on MovieLens and the online retail data
 * (`npm run bench:quality`; BENCHMARKS.md, "How the blend defaults were chosen").
 */
export interface Blend {
  /** The visitor's folded-in factors against the item's: people with their taste chose it. */
  collaborative: number;
  /** The visitor's history against the item's hashed TF-IDF content in the model. */
  content: number;
  /** The visitor's learned features against the item's features on the page (the score used without a model). */
  features: number;
  /** How many people chose the item, from the model: the prior of a visitor with little or no history, fading as theirs grows. */
  popularity: number;
  /**
   * How recently the item was published (`publishedAt`, `data-attune-published`),
   * its value halving every `halfLife`. Default 0: no replay dataset here has
   * publication times to choose a weight by, so it is the site's to set.
   */
  freshness: number;
  /**
   * What tends to come next after the visitor's last few choices, the last
   * counting most, from the model's next-item part (`attune build-model`
   * learns it from timed logs).
   */
  next: number;
}

/** How much each part of a model's score counts unless the site or its tuned model says otherwise (see `AttuneOptions.blend`). */
export const DEFAULT_BLEND: Blend = { collaborative: 1, content: 0.2, features: 0.2, popularity: 0.3, freshness: 0, next: 0.5 };
