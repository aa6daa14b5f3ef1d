import type { Candidate, RankOptions, RankedItem } from '../types';
import { ITEM, LIMIT, PIN, REASON, SLOT, findMarked, readFeatures, readItemId, readPublished, readRerank } from '../markup';
import { describeAttribute, warn } from '../warn';
import { placeInOrder } from './reorder';

/** Marks items this code hid for the slot's limit, so it never unhides what the site hid itself. */
export const HIDDEN_BY_LIMIT = 'data-attune-hidden';

export function findSlots(root: ParentNode): Element[] {
  return findMarked(root, SLOT);
}

function readLimit(slot: Element): number | undefined {
  const raw = slot.getAttribute(LIMIT);
  if (raw === null) return undefined;
  if (!/^\s*\d+\s*$/.test(raw)) {
    warn(
      `${describeAttribute(LIMIT, raw)} ${
        __DEV__ ? `on slot "${slot.getAttribute(SLOT)}" is not a whole number; showing every item` : 'is not valid'
      }`,
    );
    return undefined;
  }
  return Number(raw);
}

/**
 * Orders one slot's items (its direct children with `data-attune-item`) by
 * `rank`, moving the elements themselves into the places items held, so other
 * children (headings, ads) stay put. Items past `data-attune-limit` are hidden,
 * not removed. Each item's `[data-attune-reason]` gets its top reason.
 * Returns the ranking, and dispatches it as a bubbling `attune:ordered` event.
 */
export function orderSlot(
  slot: Element,
  rank: (candidates: Candidate[], options: RankOptions) => RankedItem[],
  remember: (item: string, features: string[]) => void,
): RankedItem[] {
  const elements = new Map<string, Element>();
  const candidates: Candidate[] = [];
  for (const child of slot.children) {
    if (!child.hasAttribute(ITEM)) continue;
    const id = readItemId(child, ITEM);
    if (id === undefined) continue;
    if (elements.has(id)) {
      warn(
        `${describeAttribute(ITEM, id)} appears twice${
          __DEV__ ? ` in slot "${slot.getAttribute(SLOT)}"; leaving the second in place` : ''
        }`,
      );
      continue;
    }
    const features = readFeatures(child, id);
    remember(id, features);
    elements.set(id, child);
    const candidate: Candidate = { id, features, pinned: child.hasAttribute(PIN) };
    // Freshness is a part of the blend, which the core script tag leaves out.
    const publishedAt = __MODEL__ ? readPublished(child, id) : undefined;
    if (publishedAt !== undefined) candidate.publishedAt = publishedAt;
    candidates.push(candidate);
  }
  const ranking = rank(candidates, readRerank(slot));
  // Items the ranking left out (seen items a slot hides) go last, hidden like items past the limit.
  const ranked = new Set(ranking.map(({ id }) => id));
  const left = [...elements.keys()].filter((id) => !ranked.has(id));
  placeInOrder(slot, [...elements.values()], [...ranking.map(({ id }) => id), ...left].map((id) => elements.get(id)!));

  const limit = Math.min(readLimit(slot) ?? Infinity, ranking.length);
  [...ranking, ...left.map((id) => ({ id, reasons: [] }))].forEach(({ id, reasons }, place) => {
    const element = elements.get(id)!;
    if (place >= limit) {
      if (!element.hasAttribute('hidden')) element.setAttribute(HIDDEN_BY_LIMIT, '');
      element.setAttribute('hidden', '');
    } else if (element.hasAttribute(HIDDEN_BY_LIMIT)) {
      element.removeAttribute(HIDDEN_BY_LIMIT);
      element.removeAttribute('hidden');
    }
    const reasonLine = element.querySelector(`[${REASON}]`);
    if (reasonLine && reasons[0]) reasonLine.textContent = reasons[0].text;
  });

  const View = slot.ownerDocument.defaultView;
  if (View) {
    slot.dispatchEvent(
      new View.CustomEvent('attune:ordered', { bubbles: true, detail: { slot: slot.getAttribute(SLOT), ranking } }),
    );
  }
  return ranking;
}
