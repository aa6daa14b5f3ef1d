import type { InteractionType, TrackDetails } from '../types';
import { IMAGE, ITEM, PAGE_ITEM, TITLE, URL_ATTRIBUTE, findMarked, readFeatures, readItemId } from '../markup';

/** An item counts as seen when at least half of it is visible for a second. */
const IMPRESSION_RATIO = 0.5;
const IMPRESSION_MS = 1000;
/** Shorter visible stretches on an item page are not reading. */
const MIN_DWELL_MS = 1000;
const SCROLL_STEP = 0.25;

type Record = (type: InteractionType, details: TrackDetails) => void;

export interface AutoTracker {
  /** Starts tracking the marked-up elements in each root (added elements, or the document). */
  scan(roots: readonly ParentNode[]): void;
  /** Records the visible time so far and stops. */
  stop(): void;
}

/** An element's item id and features, or undefined (with a warning) where its markup is bad. */
function describeItem(element: Element, attribute: string): { item: string; features: string[] } | undefined {
  const item = readItemId(element, attribute);
  return item === undefined ? undefined : { item, features: readFeatures(element, item) };
}

/**
 * Records interactions with marked-up elements: clicks on items, impressions,
 * and on an item's own page (`data-attune-page-item`) a view, the visible
 * time (dwell) and scroll depth in quarters. Every browser API is feature-
 * detected; a missing one means that signal is not collected. `onHidden` runs
 * when the page is hidden or left, after the visible time is recorded, so
 * what the visit taught can be stored before the page may be discarded.
 */
export function startAutoTrack(doc: Document, record: Record, now: () => number, onHidden: () => void): AutoTracker {
  const known = new WeakSet<Element>();
  const trackers = [trackClicks(doc, record), trackImpressions(doc, record), trackPageItems(doc, record, now, onHidden)];
  return {
    scan(roots) {
      for (const root of roots) for (const tracker of trackers) tracker.scan(root, known);
    },
    stop() {
      for (const tracker of trackers) tracker.stop();
    },
  };
}

interface Tracker {
  /** Starts tracking the new elements under root; `known` holds every element already tracked, since reordering adds items again. */
  scan(root: ParentNode, known: WeakSet<Element>): void;
  stop(): void;
}

/** Clicks on items, in the capture phase so a site's own handler cannot hide them. */
function trackClicks(doc: Document, record: Record): Tracker {
  const onClick = (event: Event) => {
    const target = event.target as Element | null;
    // Asking why an item is shown is not interest in it.
    if (target?.closest?.('[data-attune-why]')) return;
    const element = target?.closest?.(`[${ITEM}]`);
    const described = element && describeItem(element, ITEM);
    if (described) record('click', described);
  };
  doc.addEventListener('click', onClick, true);
  return { scan() {}, stop: () => doc.removeEventListener('click', onClick, true) };
}

/** An impression: an item at least half visible for a second, while the page is visible. */
function trackImpressions(doc: Document, record: Record): Tracker {
  const impressions = watchImpressions(doc, (target) => {
    const described = describeItem(target, ITEM);
    if (described) record('impression', described);
    return described !== undefined;
  });
  return {
    scan(root, known) {
      for (const element of findMarked(root, ITEM)) {
        if (known.has(element)) continue;
        known.add(element);
        impressions.watch(element);
      }
    },
    stop: impressions.stop,
  };
}

/**
 * Calls `seen` when a watched element has been at least half visible for a
 * second while the page is visible; an element `seen` accepts (returns true
 * for) is then no longer watched. Where IntersectionObserver is missing,
 * nothing is seen.
 */
export function watchImpressions(doc: Document, seen: (target: Element) => boolean): { watch(element: Element): void; stop(): void } {
  const View = doc.defaultView;
  if (!View || typeof View.IntersectionObserver !== 'function') return { watch() {}, stop() {} };
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  const onTime = (target: Element) => {
    timers.delete(target);
    if (doc.visibilityState !== 'hidden' && seen(target)) observer.unobserve(target);
  };
  const observer = new View.IntersectionObserver(
    (entries) => {
      for (const { target, isIntersecting, intersectionRatio } of entries) {
        clearTimeout(timers.get(target));
        timers.delete(target);
        if (isIntersecting && intersectionRatio >= IMPRESSION_RATIO) timers.set(target, setTimeout(() => onTime(target), IMPRESSION_MS));
      }
    },
    { threshold: IMPRESSION_RATIO },
  );
  return {
    watch: (element) => observer.observe(element),
    stop() {
      observer.disconnect();
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
}

/**
 * How an item's page presents it, from `data-attune-title` (without one, it
 * is not listed among recently viewed items), `data-attune-url` (by default
 * the page's address) and `data-attune-image`: checked where it is recorded.
 */
function pageOf(element: Element): TrackDetails['page'] {
  const title = element.getAttribute(TITLE);
  if (title === null) return undefined;
  const image = element.getAttribute(IMAGE);
  return { title, url: element.getAttribute(URL_ATTRIBUTE) ?? element.ownerDocument.URL.split('#')[0]!, ...(image !== null && { image }) };
}

interface PageItem {
  element: Element;
  details: { item: string; features: string[] };
  visibleSince: number | undefined;
  depth: number;
}

/** On an item's own page: a view, the visible time (dwell) and scroll depth in quarters. */
function trackPageItems(doc: Document, record: Record, now: () => number, onHidden: () => void): Tracker {
  const View = doc.defaultView;
  const pageItems: PageItem[] = [];
  const visible = () => doc.visibilityState !== 'hidden';
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
    if (!visible()) return onPageHide();
    const at = now();
    for (const page of pageItems) page.visibleSince ??= at;
  };
  doc.addEventListener('visibilitychange', onVisibility);
  View?.addEventListener('pagehide', onPageHide);
  return {
    scan(root, known) {
      for (const element of findMarked(root, PAGE_ITEM)) {
        if (known.has(element)) continue;
        known.add(element);
        const details = describeItem(element, PAGE_ITEM);
        if (!details) continue;
        pageItems.push({ element, details, visibleSince: visible() ? now() : undefined, depth: 0 });
        record('view', { ...details, page: pageOf(element) });
        if (pageItems.length === 1) View?.addEventListener('scroll', onScroll, { passive: true });
      }
    },
    stop() {
      recordDwell();
      doc.removeEventListener('visibilitychange', onVisibility);
      View?.removeEventListener('pagehide', onPageHide);
      View?.removeEventListener('scroll', onScroll);
    },
  };
}
