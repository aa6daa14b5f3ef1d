import { fail } from '../errors';
import { whenFree, withMovement } from './settle';

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

/**
 * Puts a container's elements in the order `rank()` gave, the way Attune
 * orders a slot: the elements are moved, never re-created, so focus,
 * listeners and media state survive; other children keep their places. While
 * the visitor points at the container, or has moved keyboard focus into it,
 * nothing moves: the move waits until they leave it (only the latest waits),
 * so a Like never slides the next item's button under their pointer. Then
 * each element slides to its new place in a quarter second, or jumps there
 * where the visitor asks for reduced motion.
 *
 * For elements already on screen; place them in the first order yourself,
 * before they are shown.
 *
 * @param container - the element whose children these are.
 * @param ordered - some or all of its children, in the new order.
 * @param onMoved - runs once they have moved, as when you update each element's reason line.
 * @example
 * ```ts
 * grid.addEventListener('click', () => {
 *   attune.like(product.id, { features: product.features });
 *   const ranking = attune.rank(candidates);
 *   reorder(grid, ranking.map(({ id }) => tiles.get(id)!));
 * });
 * ```
 */
export function reorder(container: Element, ordered: readonly Element[], onMoved?: () => void): void {
  if (typeof container?.children !== 'object') fail('reorder()', __DEV__ ? 'container must be an element' : 'container', container);
  const children = new Set(container.children);
  if (!Array.isArray(ordered) || !ordered.every((element) => children.has(element)) || new Set(ordered).size !== ordered.length) {
    fail('reorder()', __DEV__ ? 'ordered must list children of container, each once' : 'ordered', ordered);
  }
  if (onMoved !== undefined && typeof onMoved !== 'function') fail('reorder()', __DEV__ ? 'onMoved must be a function' : 'onMoved', onMoved);
  whenFree(container, () =>
    withMovement(container, () => {
      const listed = new Set(ordered);
      placeInOrder(container, [...container.children].filter((child) => listed.has(child)), ordered);
      onMoved?.();
    }),
  );
}
