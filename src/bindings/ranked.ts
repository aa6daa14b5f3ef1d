import type { Attune, Candidate, RankOptions, Reason } from '../types';

/**
 * One of the site's items in the visitor's order, as `useRanked()` returns it
 * in the React and Vue bindings: the item the site gave, with its place's
 * score and the reasons behind it.
 *
 * @typeParam T - the site's own item type, which names its `id` and `features`.
 */
export interface Ranked<T extends Candidate> {
  /** The site's item, the same object it passed in. */
  readonly item: T;
  /** The item's id. */
  readonly id: string;
  /** Higher is better; comparable within one ranking only; 0 in the site's order. */
  readonly score: number;
  /** Why the item sits here, strongest first (see {@link Reason}); empty in the site's order. */
  readonly reasons: Reason[];
}

/**
 * The site's items in the visitor's order, or, without an instance (on the
 * server, while hydrating, before one is ready), in the site's own order, so
 * the server's markup and the client's first render agree.
 * Reasons are read from the ranking when first read, as `rank()` words them.
 */
export function rankItems<T extends Candidate>(attune: Attune | undefined, items: readonly T[], options: RankOptions | undefined): Ranked<T>[] {
  if (!attune) {
    const shown = options?.limit === undefined ? items : items.slice(0, options.limit);
    return shown.map((item) => ({ item, id: item.id, score: 0, reasons: [] }));
  }
  const byId = new Map(items.map((item) => [item.id, item]));
  return attune.rank(items, options).map((ranked) => ({
    item: byId.get(ranked.id)!,
    id: ranked.id,
    score: ranked.score,
    get reasons() {
      return ranked.reasons;
    },
  }));
}

/** A key that changes when the rank options do, so a binding ranks again only then (options are plain data). */
export function optionsKey(options: RankOptions | undefined): string {
  return options === undefined ? '' : JSON.stringify(options);
}

/** A slot's item as the markup states it: `data-attune-item`, `data-attune-features`, `data-attune-pin`. */
export interface MarkedItem {
  'data-attune-item'?: unknown;
  'data-attune-features'?: unknown;
  'data-attune-pin'?: unknown;
}

/**
 * The candidate a `<Slot>` child states in its props, as `data-attune-slot`
 * reads an item's attributes; undefined for a child that is not an item (a
 * heading, an advert), which keeps its place.
 */
export function candidateOf(props: MarkedItem | null | undefined): Candidate | undefined {
  const id = props?.['data-attune-item'];
  if (typeof id !== 'string' || id === '') return undefined;
  const features = props?.['data-attune-features'];
  const pin = props?.['data-attune-pin'];
  return {
    id,
    features: typeof features === 'string' ? features.split(/\s+/).filter(Boolean) : [],
    pinned: pin !== undefined && pin !== false,
  };
}

/**
 * The places a slot's children take: the items, in the visitor's order, fill
 * the places items held, so other children stay where they were; items past
 * `limit` are returned with `hidden` true, never dropped, as a slot hides them.
 */
export function slotPlaces<C>(children: readonly C[], candidates: readonly (Candidate | undefined)[], ranked: readonly Ranked<Candidate>[], limit: number | undefined): { child: C; hidden: boolean }[] {
  const byId = new Map<string, C>();
  candidates.forEach((candidate, index) => candidate && !byId.has(candidate.id) && byId.set(candidate.id, children[index]!));
  const order = ranked.map(({ id }) => id);
  const rankedIds = new Set(order);
  // Items the ranking left out (seen items a slot hides) go last, hidden.
  for (const id of byId.keys()) if (!rankedIds.has(id)) order.push(id);
  let next = 0;
  return children.map((child, index) => {
    const candidate = candidates[index];
    if (!candidate || byId.get(candidate.id) !== child) return { child, hidden: false };
    const place = next++;
    return { child: byId.get(order[place]!)!, hidden: place >= Math.min(limit ?? Infinity, ranked.length) };
  });
}
