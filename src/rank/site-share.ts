import type { Rerank, RerankStep } from './rerank';

/**
 * The first `places` places: the visitor's order fills `share` of them (at
 * least the first), the site's own picks the rest below, in the site's order.
 * Each item is placed once; the visitor's order fills in where the site's
 * picks run out, then goes on.
 */
function share(order: number[], { share, places, order: site, may }: NonNullable<Rerank['site']>): number[] {
  const head = Math.min(places, order.length);
  const visitors = Math.min(order.length, Math.max(1, Math.ceil(share * head)));
  // As long as the order from the start: pushed one by one, 10,000 items grew it a dozen times.
  const result: number[] = new Array(order.length);
  // Marks by candidate index: a set's lookups took a tenth of ranking 10,000 items.
  let last = 0;
  for (const index of order) last = Math.max(last, index);
  const placed = new Uint8Array(last + 1);
  let filled = 0;
  for (; filled < visitors; filled++) {
    result[filled] = order[filled]!;
    placed[order[filled]!] = 1;
  }
  for (let at = 0; at < site.length && filled < head; at++) {
    const index = site[at]!;
    if (placed[index] || !may(index)) continue;
    placed[index] = 1;
    result[filled++] = index;
  }
  for (const index of order) if (!placed[index]) result[filled++] = index;
  result.length = filled;
  return result;
}

/**
 * The site's share of the places in view: while the profile rests on little
 * evidence, the site's own picks among the items the visitor's profile
 * neither lifts nor turned away from keep part of the first places, so a few
 * reads bring their kind to the top and leave the rest of the view to the
 * rest; the share shrinks as the evidence grows.
 */
export const siteShare: RerankStep = {
  pass: (order, _features, settings) => (settings.site && settings.site.share < 1 ? share(order, settings.site) : undefined),
};
