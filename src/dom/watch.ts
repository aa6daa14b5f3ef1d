import { SLOT, VARIANTS } from '../markup';
import { warn } from '../errors';
import { findSlots } from './slots';
import { HIDDEN_BY_LIMIT, WAITING } from './shown';

/** Set on a slot once it is shown, for the site and tests to see. */
const READY = 'data-attune-ready';
/**
 * Waiting slots are hidden, keeping their space. Items past a limit get
 * `hidden`, which a site's own `display` rule would otherwise override. Of a
 * container of variants only the first takes space until one is chosen
 * (dom/variants.ts), so the others never show, even where the choice comes too late.
 */
const STYLE = `[${WAITING}]{visibility:hidden}[${HIDDEN_BY_LIMIT}]{display:none!important}[${VARIANTS}]:not([data-attune-chosen])>[data-attune-variant]~[data-attune-variant]{display:none}`;

export interface SlotWatcher {
  /** Orders the slots in or around each root (added elements, or the document), and those still waiting. */
  scan(roots: readonly ParentNode[]): void;
  /** The profile is loaded: order and show every slot that is waiting. */
  profileReady(): void;
  /** Shows every slot and stops. */
  stop(): void;
}

/**
 * Orders slots as the parser (or a single-page app) adds them, before they are
 * painted: `observeDocument` calls `scan` as they arrive. Until the profile
 * is loaded, slots are kept in their site order with limits applied and hidden
 * with `visibility: hidden`, which keeps their space, so showing them later
 * shifts nothing. A slot is shown once it is complete and ordered, or when the
 * render budget runs out, in whatever order it then has: a shown slot is never
 * reordered under the visitor's eyes.
 */
export function watchSlots(
  doc: Document,
  order: (slot: Element, personal: boolean) => Promise<void> | void,
  renderBudgetMs: number,
): SlotWatcher {
  let loaded = false;
  let budgetSpent = false;
  const waiting = new Set<Element>();
  /** Containers a part loaded on demand is drawing: they show once drawn, or when the budget runs out. */
  const drawing = new WeakSet<Element>();
  addStyle(doc, STYLE);

  const show = (slot: Element) => {
    slot.removeAttribute(WAITING);
    slot.setAttribute(READY, '');
    waiting.delete(slot);
  };
  /** True during the first scan: slots already in the page when this code started. */
  let starting = true;
  const handle = (slot: Element) => {
    if (slot.hasAttribute(READY) || drawing.has(slot)) return;
    // A slot the visitor may have seen keeps the order it was seen in: one already in the page when this code
    // started (an async tag, or one at the end of the body) that no rule hid, or one held back whose wait the
    // site's own rule ended (README, "Loading without delaying first paint").
    const held = slot.hasAttribute(WAITING);
    if ((starting || (held && loaded)) && seen(slot)) return show(slot);
    // Marked in the same microtask the slot arrived in, before any paint.
    slot.setAttribute(WAITING, '');
    waiting.add(slot);
    // Ordered for the visitor once it is whole: a template or a variant parsed later would be missed.
    const personal = loaded && isComplete(slot);
    orderThenShow(slot, personal, { order, show, drawing, mayShow: () => loaded || budgetSpent });
  };
  const scan = (roots: readonly ParentNode[]) => {
    for (const slot of touchedBy(roots, waiting)) handle(slot);
    starting = false;
  };

  const budget = setTimeout(() => {
    budgetSpent = true;
    for (const slot of [...waiting]) show(slot);
  }, renderBudgetMs);

  return {
    scan,
    profileReady() {
      loaded = true;
      scan([doc]);
    },
    // The style stays: it now hides only items past a limit.
    stop() {
      clearTimeout(budget);
      for (const slot of [...waiting]) show(slot);
    },
  };
}

/**
 * Orders one slot and shows it once that is done: at once where the order is
 * whole and showing is allowed (the profile loaded, or the budget spent), or
 * when a part loaded on demand has drawn it. A slot that cannot be ordered is
 * shown in the site's order.
 */
function orderThenShow(
  slot: Element,
  personal: boolean,
  { order, show, drawing, mayShow }: {
    order: (slot: Element, personal: boolean) => Promise<void> | void;
    show: (slot: Element) => void;
    drawing: WeakSet<Element>;
    mayShow: () => boolean;
  },
): void {
  let drawn;
  try {
    drawn = order(slot, personal);
  } catch (error) {
    warn(__DEV__ ? 'could not order a slot; showing it in the site order' : 'could not order a slot', error);
    show(slot);
    return;
  }
  if (drawn && personal) {
    drawing.add(slot);
    void drawn.then(() => show(slot));
  } else if (mayShow() && isComplete(slot)) show(slot);
}

/** The slots in or around each root, and those still waiting: a node parsed after a waiting slot may have completed it. */
function touchedBy(roots: readonly ParentNode[], waiting: ReadonlySet<Element>): Set<Element> {
  const touched = new Set(waiting);
  for (const root of roots) {
    // An item added to a slot touches the slot.
    const around = (root as Element).closest?.(`[${SLOT}],[${VARIANTS}]`);
    if (around) touched.add(around);
    for (const slot of findSlots(root)) touched.add(slot);
  }
  return touched;
}

/**
 * Whether the slot is shown now. Computed, since the site's own rule may hide
 * a slot until its wait runs out (an animation, which overrides this code's
 * rule), and ancestors' visibility is inherited.
 */
function seen(slot: Element): boolean {
  return slot.ownerDocument.defaultView?.getComputedStyle(slot).visibility !== 'hidden';
}

/**
 * A slot is complete once the parser has moved past it: the document is
 * parsed, or a node follows the slot or one of its ancestors.
 */
function isComplete(slot: Element): boolean {
  if (slot.ownerDocument.readyState !== 'loading') return true;
  for (let node: Node | null = slot; node && node.nodeType === 1; node = node.parentNode) {
    if (node.nextSibling) return true;
  }
  return false;
}

/**
 * Adds a rule through a constructed stylesheet, which a `style-src` Content
 * Security Policy does not block. Where constructed stylesheets are missing
 * (Safari before 16.4) nothing is hidden: slots may show their site order
 * for a moment, and the page still works.
 */
export function addStyle(doc: Document, rule: string): void {
  const View = doc.defaultView;
  if (!View || typeof View.CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in doc)) return;
  const sheet = new View.CSSStyleSheet();
  sheet.replaceSync(rule);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
