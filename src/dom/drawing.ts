/** What the parts that draw containers (strategies, variants) share: when a drawing may still change its container. */
import { WAITING } from './shown';

const drawings = new WeakMap<Element, number>();

/**
 * Starts drawing `container`, and returns whether that drawing may still
 * change it: not once a later drawing has started, nor where it started while
 * the container waited hidden and the container has been shown since (the
 * render budget ran out: a shown container never changes under the visitor's eyes).
 * Undefined where there is nothing to draw: the site's default (`personal`
 * false) is what the page shows of a container never drawn for the visitor,
 * or one still waiting to be (its drawing for the visitor may be under way).
 */
export function startDrawing(container: Element, personal: boolean): (() => boolean) | undefined {
  if (!personal && (!drawings.has(container) || container.hasAttribute(WAITING))) return undefined;
  const drawing = (drawings.get(container) ?? 0) + 1;
  drawings.set(container, drawing);
  const waited = container.hasAttribute(WAITING);
  return () => drawings.get(container) === drawing && (!waited || container.hasAttribute(WAITING));
}
