import type { Core } from '../core';
import type { Candidate, InteractionType, RankedItem, TrackDetails } from '../types';
import { STRATEGY, VARIANTS } from '../markup';
import { strategies, variants } from '../parts';
import { warn } from '../errors';

/** What the instance lends a part that draws containers: recording as the page does, ranking as a slot does. */
export interface DrawingTools {
  /** Records what the page reports; bad values are a warning, never an exception. */
  record(type: InteractionType, details: TrackDetails): void;
  /** Ranks candidates for the visitor with the slot's own re-ranking attributes, `limit` places in view. */
  rank(slot: Element, candidates: Candidate[], limit: number): RankedItem[];
}

/** A part that draws containers: dom/strategies.ts and dom/variants.ts. */
interface DrawingPart {
  draw(core: Core, container: Element, personal: boolean, tools: DrawingTools): Promise<void> | void;
}

/**
 * The part that draws `container`, for containers a page rarely has: a slot
 * with the `recent` or `for-you` strategy, or a container of variants. The
 * script tag only notices them; the code that draws them loads on demand.
 */
export function drawingPart(container: Element): (() => Promise<DrawingPart>) | undefined {
  if (container.hasAttribute(VARIANTS)) return variants;
  const strategy = container.getAttribute(STRATEGY);
  return strategy === 'recent' || strategy === 'for-you' ? strategies : undefined;
}

/** The latest call to draw each container: calls made while its part loads may resume in any order, and only the latest draws. */
const latest = new WeakMap<Element, unknown>();

/**
 * Draws a container with its part, loaded on demand: for this visitor, or
 * (`personal` false) as the site wrote it. Resolves once drawn; a part that
 * cannot load leaves the site's default in place, with a warning.
 */
export function drawLater(core: Core, container: Element, part: () => Promise<DrawingPart>, personal: boolean, tools: DrawingTools): Promise<void> {
  const call = {};
  latest.set(container, call);
  return part().then(
    (loaded) => {
      if (latest.get(container) === call) return loaded.draw(core, container, personal, tools);
    },
    (error: unknown) => warn(__DEV__ ? 'could not load the part that draws a container; showing the site default' : 'part unavailable', error),
  );
}
