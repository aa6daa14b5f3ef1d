/**
 * What the demo tests share: opening the demos in examples/ as a visitor
 * would, and reading their slots.
 */
import type { Page } from 'playwright-core';
import type { Visitor } from './browser';

/** The news demo's slots: "Top stories" and "More news". */
export const TOP_STORIES = 'front-page';
export const MORE_NEWS = 'more';

export interface Story {
  id: string;
  /** From the card's class, `topic-tennis` → `tennis`. */
  topic: string;
  hidden: boolean;
  /** Its `[data-attune-reason]` line. */
  reason: string;
}

/** A slot's stories in their current order. */
export function readStories(page: Page, slot: string): Promise<Story[]> {
  return page.$$eval(`[data-attune-slot="${slot}"] > [data-attune-item]`, (items) =>
    items.map((item) => ({
      id: item.getAttribute('data-attune-item') ?? '',
      topic: /topic-(\S+)/.exec(item.className)?.[1] ?? '',
      hidden: item.hasAttribute('hidden'),
      reason: item.querySelector('[data-attune-reason]')?.textContent ?? '',
    })),
  );
}

/** The stories of a slot a visitor sees: those its limit leaves shown. */
export async function storiesInView(page: Page, slot: string): Promise<Story[]> {
  return (await readStories(page, slot)).filter(({ hidden }) => !hidden);
}

/** The slot's item ids as the site wrote them, from the page's own HTML: the site's order. */
export function siteOrderOf(page: Page, slot: string): Promise<string[]> {
  return page.evaluate(async (name) => {
    const html = await (await fetch(location.href)).text();
    const written = new DOMParser().parseFromString(html, 'text/html');
    return [...written.querySelectorAll(`[data-attune-slot="${name}"] > [data-attune-item]`)].map((item) => item.getAttribute('data-attune-item') ?? '');
  }, slot);
}

/** A slot's `data-attune-limit`. */
export async function limitOf(page: Page, slot: string): Promise<number> {
  return Number(await page.getAttribute(`[data-attune-slot="${slot}"]`, 'data-attune-limit'));
}

export async function waitForTopStories(page: Page): Promise<void> {
  await page.waitForFunction((slot) => document.querySelector(`[data-attune-slot="${slot}"][data-attune-ready]`) !== null, TOP_STORIES);
}

/** Opens the news demo's front page and waits until Top stories is ordered. */
export async function openNewsFrontPage({ page, origin }: Visitor): Promise<void> {
  await page.goto(`${origin}/examples/news/`);
  await waitForTopStories(page);
}

/**
 * Opens a story from the front page, reads it as the demo asks ("read them
 * for a few seconds": scrolled through, visible for longer than the second a
 * dwell needs), and goes back with the browser's Back.
 */
async function readStory(page: Page, slot: string, id: string): Promise<void> {
  await page.click(`[data-attune-slot="${slot}"] [data-attune-item="${id}"] h3 a`);
  await page.waitForSelector(`article[data-attune-page-item="${id}"]`);
  await page.mouse.wheel(0, 4000);
  await page.waitForTimeout(1500);
  await page.goBack();
  await waitForTopStories(page);
}

/**
 * The README's story: opens `count` tennis stories one after another, each
 * from Top stories where one not yet read is in view there, and goes back
 * after each. Where none is (the ranking took tennis out of Top stories), the
 * next is opened from More news, so the visitor still reads `count`. Returns
 * the stories read and the slot each came from.
 */
export async function readTennisStories(page: Page, count: number): Promise<{ id: string; slot: string }[]> {
  const read: { id: string; slot: string }[] = [];
  while (read.length < count) {
    const unread = (stories: Story[]) => stories.find(({ topic, id }) => topic === 'tennis' && !read.some((story) => story.id === id));
    const top = unread(await storiesInView(page, TOP_STORIES));
    const more = top ? undefined : unread(await storiesInView(page, MORE_NEWS));
    if (!top && !more) throw new Error(`no unread tennis story in view on the front page after reading ${read.length}`);
    const next = top ? { id: top.id, slot: TOP_STORIES } : { id: more!.id, slot: MORE_NEWS };
    await readStory(page, next.slot, next.id);
    read.push(next);
  }
  return read;
}

/**
 * Counts from now on the elements under `parent` (a CSS selector) that start
 * sliding to a new place (Element.animate), however short the slide: read the
 * count with {@link slides}.
 */
export function countSlides(page: Page, parent: string): Promise<void> {
  return page.evaluate((parent) => {
    const counted = window as unknown as { slides: number };
    counted.slides = 0;
    const animate = Element.prototype.animate;
    Element.prototype.animate = function (this: Element, ...args: Parameters<Element['animate']>) {
      if (this.parentElement?.matches(parent)) counted.slides++;
      return animate.apply(this, args);
    };
  }, parent);
}

export function slides(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { slides: number }).slides);
}

/** Opens the shop demo and waits for its grid. */
export async function openShop({ page, origin }: Visitor): Promise<void> {
  await page.goto(`${origin}/examples/shop/`);
  await page.waitForSelector('#grid > .tile');
}

export interface Product {
  id: string;
  /** Its reason line. */
  reason: string;
}

/** The visitor moves the pointer off the shop's grid, to the masthead: the grid takes the order their clicks asked for. */
export async function leaveGrid(page: Page): Promise<void> {
  await page.mouse.move(1, 1);
}

/** The shop's products in the grid's order. */
export function readProducts(page: Page): Promise<Product[]> {
  return page.$$eval('#grid > .tile', (tiles) =>
    tiles.map((tile) => ({ id: (tile as HTMLElement).dataset.product ?? '', reason: tile.querySelector('.reason')?.textContent ?? '' })),
  );
}
