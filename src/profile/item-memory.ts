import type { Candidate, RankedItem } from '../types';

/**
 * Items remembered: their features and vector as the page showed them, so
 * `like(id)` works without repeating them, and their latest ranked place, for `explain()`.
 */
const MAX_REMEMBERED_ITEMS = 2000;
/** How many first places of each ranking `explain()` can speak for. */
const EXPLAINED_PLACES = 100;

/** Sets `key` as the newest entry of a map that keeps the latest MAX_REMEMBERED_ITEMS. */
function keepNewest<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  if (map.set(key, value).size > MAX_REMEMBERED_ITEMS) map.delete(map.keys().next().value!);
}

/** What this page view remembers of the items it showed. Never stored. */
export class ItemMemory {
  features = new Map<string, string[]>();
  /** The vector text each item carried, where it carried one. */
  vectors = new Map<string, string>();
  /** The latest ranked place of each item a page can show; its reasons are worded only if asked for. */
  places = new Map<string, RankedItem>();

  remember = (item: string, features: string[], vector?: string): void => {
    keepNewest(this.features, item, features);
    if (vector !== undefined) keepNewest(this.vectors, item, vector);
  };

  /** Keeps the vectors rank() candidates carried, so a later track() of one keeps it with the interaction. */
  rankedVectors(candidates: readonly Candidate[]): void {
    for (const { id, vector } of candidates) if (typeof vector === 'string') keepNewest(this.vectors, id, vector);
  }

  /** What the page showed of an item: its features and vector, where it showed them. */
  known = (item: string): { features?: string[]; vector?: string | undefined } => ({ features: this.features.get(item), vector: this.vectors.get(item) });

  /** Keeps the first places of a ranking, the items a page can show. */
  ranked(ranking: readonly RankedItem[]): void {
    for (const item of ranking.slice(0, EXPLAINED_PLACES)) keepNewest(this.places, item.id, item);
  }

  clear(): void {
    this.features.clear();
    this.vectors.clear();
    this.places.clear();
  }
}
