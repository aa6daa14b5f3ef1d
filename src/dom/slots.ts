import type { Candidate, RankOptions, RankedItem } from '../types';
import { ITEM, PIN, REASON, SLOT, VARIANTS, findMarked, readFeatures, readItemId, readLimit, readPublished } from '../markup';
import { RERANK_OPTIONS, fromAttribute } from '../options';
import { describeAttribute, warn } from '../errors';
import { placeInOrder } from './reorder';
import { setShown } from './shown';


/**
 * Each ordered slot's items in the site's order and in the order they were
 * last given. Ordering a slot again (the visitor turned a dial, paused, or the
 * site called apply()) ranks from the site's order, not from the personal
 * order already applied, which would compound. Items the site added since
 * join it where the site put them; a slot the site reordered is its new order.
 */
const orders = new WeakMap<Element, { site: Element[]; applied: Element[] }>();

const sameOrder = (a: readonly Element[], b: readonly Element[]) => a.length === b.length && a.every((element, i) => element === b[i]);

/**
 * The slot's items in the site's order: as remembered while the slot reads as
 * it was left; where the site has added or removed items since, the remembered
 * order of those still there, each new item at the place it was given.
 */
function siteOrder(before: { site: Element[]; applied: Element[] } | undefined, current: Element[]): Element[] {
  if (!before) return current;
  if (sameOrder(before.applied, current)) return before.site;
  const known = new Set(before.applied);
  const present = new Set(current);
  // The site reordered what was there: its order now.
  const kept = current.filter((element) => known.has(element));
  if (!sameOrder(kept, before.applied.filter((element) => present.has(element)))) return current;
  const site = before.site.filter((element) => present.has(element));
  current.forEach((element, at) => {
    if (!known.has(element)) site.splice(at, 0, element);
  });
  return site;
}

/** The slots under root, root itself included, and the containers of variants, which wait and show like slots. */
export function findSlots(root: ParentNode): Element[] {
  return [...findMarked(root, SLOT), ...findMarked(root, VARIANTS)];
}

/**
 * Focus inside an item the limit now hides would be lost to the page: it goes
 * to the slot itself, so a keyboard user stays where they were.
 */
function keepFocus(slot: Element): void {
  const focused = slot.ownerDocument.activeElement;
  if (focused && focused !== slot && slot.contains(focused) && focused.closest('[hidden]')) {
    if (!slot.hasAttribute('tabindex')) slot.setAttribute('tabindex', '-1');
    (slot as HTMLElement).focus();
  }
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
  const current = [...slot.children].filter((child) => child.hasAttribute(ITEM));
  const site = siteOrder(orders.get(slot), current);
  const { elements, candidates } = readCandidates(slot, site, remember);
  // Every item is ranked, so a site that later shows the hidden ones shows them in the visitor's order; exploration tries items in view.
  const limit = readLimit(slot);
  const ranking = rank(candidates, { ...readRerank(slot), ...(limit !== undefined && { inView: limit }) });
  // Items the ranking left out (seen items a slot hides) go last, hidden like items past the limit.
  const ranked = new Set(ranking.map(({ id }) => id));
  const left = [...elements.keys()].filter((id) => !ranked.has(id));
  const ordered = [...ranking.map(({ id }) => id), ...left].map((id) => elements.get(id)!);
  const placed = new Set(ordered);
  placeInOrder(slot, current.filter((child) => placed.has(child)), ordered);
  // As the slot now reads: items that were not ranked (a repeated id) keep their places among them.
  orders.set(slot, { site, applied: [...slot.children].filter((child) => child.hasAttribute(ITEM)) });

  [...ranking, ...left.map((id) => ({ id, reasons: [] }))].forEach(({ id, reasons }, place) => {
    const element = elements.get(id)!;
    setShown(element, place < Math.min(limit ?? Infinity, ranking.length));
    const reasonLine = element.querySelector(`[${REASON}]`);
    if (reasonLine && reasons[0]) reasonLine.textContent = reasons[0].text;
  });
  keepFocus(slot);

  const View = slot.ownerDocument.defaultView;
  if (View) {
    slot.dispatchEvent(
      new View.CustomEvent('attune:ordered', { bubbles: true, detail: { slot: slot.getAttribute(SLOT), ranking } }),
    );
  }
  return ranking;
}

/** The slot's items as candidates, in the site's order, each remembered with its features; a repeated id is reported and left in place. */
function readCandidates(slot: Element, site: readonly Element[], remember: (item: string, features: string[]) => void) {
  const elements = new Map<string, Element>();
  const candidates: Candidate[] = [];
  for (const child of site) {
    const id = readItemId(child, ITEM);
    if (id === undefined) continue;
    if (elements.has(id)) {
      warn(`${describeAttribute(ITEM, id)} appears twice${__DEV__ ? ` in slot "${slot.getAttribute(SLOT)}"; leaving the second in place` : ''}`);
      continue;
    }
    const features = readFeatures(child, id);
    remember(id, features);
    elements.set(id, child);
    const candidate: Candidate = { id, features, pinned: child.hasAttribute(PIN) };
    const publishedAt = readPublished(child, id);
    if (publishedAt !== undefined) candidate.publishedAt = publishedAt;
    candidates.push(candidate);
  }
  return { elements, candidates };
}

/**
 * A slot's own re-ranking options, read from the attributes their records name
 * (`data-attune-seen="hide"`, `data-attune-diversity="0.3"`,
 * `data-attune-cap="author:2 topic:3"`); a bad value is reported and the
 * instance's setting used.
 */
export function readRerank(slot: Element): RankOptions {
  const options: Record<string, unknown> = {};
  for (const [name, option] of RERANK_OPTIONS) {
    const text = slot.getAttribute(option._slotAttribute);
    if (text === null) continue;
    const value = fromAttribute(option, text);
    if (option._check(value)) options[name] = value;
    else warn(`${describeAttribute(option._slotAttribute, text)} ${__DEV__ ? `must be ${option._textRule ?? option._rule}; ignoring it` : 'is not valid'}`);
  }
  return options;
}
