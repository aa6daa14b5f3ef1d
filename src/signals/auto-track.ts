import type { InteractionType, TrackDetails } from '../types';
import { ITEM, PAGE_ITEM, findMarked, readFeatures, readItemId } from '../markup';

/** An item counts as seen when at least half of it is visible for a second. */
const IMPRESSION_RATIO = 0.5;
const IMPRESSION_MS = 1000;
/** Shorter visible stretches on an item page are not reading. */
const MIN_DWELL_MS = 1000;
const SCROLL_STEP = 0.25;

export interface AutoTracker {
  /** Starts tracking the marked-up elements in each root (added elements, or the document). */
  scan(roots: readonly ParentNode[]): void;
  /** Records the visible time so far and stops. */
  stop(): void;
}

interface PageItem {
  element: Element;
  details: { item: string; features: string[] };
  visibleSince: number | undefined;
  depth: number;
}

/**
 * Records interactions with marked-up elements: clicks on items, impressions,
 * and on an item's own page (`data-attune-page-item`) a view, the visible
 * time (dwell) and scroll depth in quarters. Every browser API is feature-
 * detected; a missing one means that signal is not collected. `onHidden` runs
 * when the page is hidden or left, after the visible time is recorded, so
 * what the visit taught can be stored before the page may be discarded.
 */
export function startAutoTrack(
  doc: Document,
  record: (type: InteractionType, details: TrackDetails) => void,
  now: () => number,
  onHidden: () => void,
): AutoTracker {
  const View = doc.defaultView;
  const pageItems: PageItem[] = [];
  const known = new WeakSet<Element>();
  const impressionTimers = new Map<Element, ReturnType<typeof setTimeout>>();
  const visible = () => doc.visibilityState !== 'hidden';

  const describeItem = (element: Element, attribute: string) => {
    const item = readItemId(element, attribute);
    return item === undefined ? undefined : { item, features: readFeatures(element, item) };
  };

  const onClick = (event: Event) => {
    const target = event.target as Element | null;
    // Asking why an item is shown is not interest in it.
    if (target?.closest?.('[data-attune-why]')) return;
    const element = target?.closest?.(`[${ITEM}]`);
    const described = element && describeItem(element, ITEM);
    if (described) record('click', described);
  };
  doc.addEventListener('click', onClick, true);

  const impressions =
    View && typeof View.IntersectionObserver === 'function'
      ? new View.IntersectionObserver(
          (entries) => {
            for (const { target, isIntersecting, intersectionRatio } of entries) {
              clearTimeout(impressionTimers.get(target));
              impressionTimers.delete(target);
              if (!isIntersecting || intersectionRatio < IMPRESSION_RATIO) continue;
              impressionTimers.set(
                target,
                setTimeout(() => {
                  impressionTimers.delete(target);
                  const described = describeItem(target, ITEM);
                  if (!visible() || !described) return;
                  impressions?.unobserve(target);
                  record('impression', described);
                }, IMPRESSION_MS),
              );
            }
          },
          { threshold: IMPRESSION_RATIO },
        )
      : undefined;

  // Passive, and one layout read per event: cheap enough not to need throttling.
  const onScroll = () => {
    const viewportHeight = View?.innerHeight ?? 0;
    for (const page of pageItems) {
      const { top, height } = page.element.getBoundingClientRect();
      if (height <= 0) continue;
      const depth = Math.min(1, Math.max(0, (viewportHeight - top) / height));
      while (page.depth + SCROLL_STEP <= depth + 1e-9) {
        page.depth += SCROLL_STEP;
        record('scroll', { ...page.details, value: page.depth });
      }
    }
  };
  const discover = (root: ParentNode) => {
    // Each element once: our own reordering adds items again.
    for (const element of findMarked(root, ITEM)) {
      if (known.has(element)) continue;
      known.add(element);
      impressions?.observe(element);
    }
    for (const element of findMarked(root, PAGE_ITEM)) {
      if (known.has(element)) continue;
      known.add(element);
      const details = describeItem(element, PAGE_ITEM);
      if (!details) continue;
      pageItems.push({ element, details, visibleSince: visible() ? now() : undefined, depth: 0 });
      record('view', details);
      if (pageItems.length === 1) View?.addEventListener('scroll', onScroll, { passive: true });
    }
  };

  /** Records the visible time since the page was last shown. */
  const recordDwell = () => {
    const at = now();
    for (const page of pageItems) {
      if (page.visibleSince === undefined) continue;
      const visibleMs = at - page.visibleSince;
      page.visibleSince = undefined;
      if (visibleMs >= MIN_DWELL_MS) record('dwell', { ...page.details, value: visibleMs });
    }
  };
  const onPageHide = () => {
    recordDwell();
    onHidden();
  };
  const onVisibility = () => {
    if (visible()) {
      const at = now();
      for (const page of pageItems) page.visibleSince ??= at;
    } else {
      onPageHide();
    }
  };
  doc.addEventListener('visibilitychange', onVisibility);
  View?.addEventListener('pagehide', onPageHide);

  return {
    scan(roots) {
      for (const root of roots) discover(root);
    },
    stop() {
      recordDwell();
      doc.removeEventListener('click', onClick, true);
      doc.removeEventListener('visibilitychange', onVisibility);
      View?.removeEventListener('pagehide', onPageHide);
      View?.removeEventListener('scroll', onScroll);
      impressions?.disconnect();
      for (const timer of impressionTimers.values()) clearTimeout(timer);
    },
  };
}
