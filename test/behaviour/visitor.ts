/**
 * A visitor of a generated page, through the public API with the SDK's
 * defaults. Only the clock and exploration's random draws are given, as the
 * `environment` option allows, so each page's run is the same on every run.
 */
import { createAttune, type Attune, type Candidate, type RankedItem } from 'attune';
import { mulberry32 } from './draws';
import { candidatesOf, type GeneratedPage } from './generate-page';

/** A Tuesday at 09:00 local time: every interaction and ranking happens then. */
export const NOW = new Date(2026, 10, 24, 9, 0).getTime();

/** A new visitor, with storage in memory and every option at its default. */
export function newVisitor(page: GeneratedPage): Promise<Attune> {
  return createAttune({ storage: 'memory', environment: { now: () => NOW, random: mulberry32(page.seed) } });
}

/** Reads (clicks) the page's reader's items, as a click on them in a slot records. */
export function readItems(attune: Attune, page: GeneratedPage): void {
  for (const id of page.reader.read) attune.track('click', { item: id, features: featuresOf(page, id) });
}

export function featuresOf(page: GeneratedPage, id: string): string[] {
  return page.items.find((item) => item.id === id)!.features;
}

/** The page's slot ranked for the visitor, every item listed, the first `limit` in view. */
export function rankPage(attune: Attune, page: GeneratedPage, candidates: readonly Candidate[] = candidatesOf(page)): RankedItem[] {
  return attune.rank(candidates, { inView: page.limit });
}
