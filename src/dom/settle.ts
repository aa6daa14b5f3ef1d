/**
 * How a slot's items move once the visitor has said something (a like, "Not
 * for me", More or Less): never under their pointer or keyboard focus, and
 * with a short movement that shows where each item went.
 *
 * A move asked for while the visitor points at the slot, or has moved focus
 * into it with the keyboard, waits until the pointer and that focus have left
 * it; only the latest move waits. Focus left by a mouse click (a Like button
 * keeps it in Chromium) does not hold the move back, or it would wait until
 * the visitor clicked somewhere else.
 */

import { warn } from '../errors';

/** The latest move waiting for each slot the visitor is using. */
const waiting = new WeakMap<Element, () => void>();

/** Moves shorter than a quarter second read as a jump; longer ones hold up a visitor who reads on. */
const MOVEMENT_MS = 250;

/**
 * Whether the visitor points at `slot`, or has moved keyboard focus into it.
 * `left` is the event of the pointer or focus leaving: the pointer has left
 * whatever :hover still says (a touch keeps it), and focus goes where the
 * event says, moving within the slot as a keyboard user tabs through it.
 * Browsers without `:focus-visible` count no focus.
 */
function inUse(slot: Element, left?: Event): boolean {
  try {
    const focusing = left?.type === 'focusout';
    const focused = focusing ? ((left as FocusEvent).relatedTarget as Element | null) : slot.ownerDocument.activeElement;
    return (
      (left?.type !== 'pointerleave' && slot.matches(':hover')) ||
      (!!focused && slot.contains(focused) && (focusing || focused.matches(':focus-visible')))
    );
  } catch {
    return false;
  }
}

/** Runs `move` now if the visitor is not using `slot`, else once they have left it. */
export function whenFree(slot: Element, move: () => void): void {
  if (!inUse(slot)) {
    waiting.delete(slot);
    return move();
  }
  const listening = waiting.has(slot);
  waiting.set(slot, move);
  if (listening) return;
  const leave = (event: Event) => {
    if (inUse(slot, event)) return;
    slot.removeEventListener('pointerleave', leave);
    slot.removeEventListener('focusout', leave);
    const latest = waiting.get(slot);
    waiting.delete(slot);
    // Run from an event now, not from the site's call: a failure is reported, never thrown into the page.
    try {
      latest?.();
    } catch (error) {
      warn('could not order the slot', error);
    }
  };
  slot.addEventListener('pointerleave', leave);
  slot.addEventListener('focusout', leave);
}

/**
 * Runs `move`, then slides each of the slot's items that moved from where it
 * was to its new place (FLIP: measured first and last, shown by a transform,
 * which shifts no layout). None where the visitor asks for reduced motion,
 * where that cannot be told, or without the Web Animations API.
 */
export function withMovement(slot: Element, move: () => void): void {
  const view = slot.ownerDocument.defaultView;
  if (typeof slot.animate !== 'function' || view?.matchMedia?.('(prefers-reduced-motion: reduce)').matches !== false) return move();
  const items = [...slot.children];
  const before = items.map((item) => item.getBoundingClientRect());
  move();
  items.forEach((item, at) => {
    const was = before[at]!;
    const now = item.getBoundingClientRect();
    const dx = was.left - now.left;
    const dy = was.top - now.top;
    // An item shown or hidden just now (a limit) has no place to slide from or to.
    if ((dx || dy) && was.width && now.width) {
      item.animate({ transform: [`translate(${dx}px,${dy}px)`, 'none'] }, { duration: MOVEMENT_MS, easing: 'ease-out' });
    }
  });
}
