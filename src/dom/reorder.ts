type MovableParent = Element & { moveBefore?: (node: Node, child: Node | null) => void };

/**
 * Moves `items` (currently in DOM order) so they appear as `ordered`, in the
 * places items held; other children keep theirs. Elements are moved, never
 * re-created. `moveBefore` (Chromium 133+) moves without the remove-and-insert
 * that resets focus, iframes and CSS animations
 * (https://dom.spec.whatwg.org/#dom-parentnode-movebefore); elsewhere focus is
 * restored by hand.
 */
export function placeInOrder(slot: Element, items: readonly Element[], ordered: readonly Element[]): void {
  const isItem = new Set(items);
  let next = 0;
  const wanted = [...slot.children].map((child) => (isItem.has(child) ? ordered[next++]! : child));
  const doc = slot.ownerDocument;
  const focused = doc.activeElement;
  const parent = slot as MovableParent;
  let reference = slot.firstElementChild;
  for (const element of wanted) {
    if (element === reference) {
      reference = reference.nextElementSibling;
      continue;
    }
    if (typeof parent.moveBefore === 'function') {
      try {
        parent.moveBefore(element, reference);
        continue;
      } catch {
        // Not an atomic-movable pair (such as across documents): fall back to insertBefore.
      }
    }
    slot.insertBefore(element, reference);
  }
  if (focused && focused !== doc.activeElement && focused.isConnected && 'focus' in focused) {
    (focused as HTMLElement).focus({ preventScroll: true });
  }
}
