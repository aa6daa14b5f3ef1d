/**
 * Default weight of one interaction of each type, per feature of the item.
 * Ordered by how much each says about interest: purchase > like > dwell > click > impression, and
 * dislike, hide are negative. `rate` is scaled by (stars − 3) / 2, `dwell` by
 * visible time up to 30 s, `scroll` counts a quarter per 25 % of the page.
 */
export const DEFAULT_INTERACTION_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  purchase: 5,
  like: 4,
  rate: 4,
  dwell: 2,
  click: 1,
  view: 0.5,
  scroll: 1,
  search: 0.5,
  impression: 0.05,
  prefer: 5,
  dislike: -1,
  hide: -5,
});
