/**
 * How the SDK hides what it manages and shows it again: the marks it sets, so
 * it never shows what the site hid itself, and the rules that hide them
 * (dom/watch.ts adds those).
 */

/** Marks elements this code hid (items past a slot's limit, variants not chosen, a slot's default while items are drawn). */
export const HIDDEN_BY_LIMIT = 'data-attune-hidden';
/**
 * Set while a container waits to be ordered or drawn. Only what this code
 * marked is hidden, so a slot it never reached (an attribute added by a
 * script, a framework that morphs the page) stays visible.
 */
export const WAITING = 'data-attune-waiting';

/** Hides or shows an element; it shows again only what this code hid, never what the site hid itself. */
export function setShown(element: Element, shown: boolean): void {
  if (!shown) {
    if (!element.hasAttribute('hidden')) element.setAttribute(HIDDEN_BY_LIMIT, '');
    element.setAttribute('hidden', '');
  } else if (element.hasAttribute(HIDDEN_BY_LIMIT)) {
    element.removeAttribute(HIDDEN_BY_LIMIT);
    element.removeAttribute('hidden');
  }
}
