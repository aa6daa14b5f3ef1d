/**
 * The generated pages cover what issue 14 asks of them, and the same seed
 * gives the same page: otherwise a pass count would measure the generator.
 */
import { describe, expect, it } from 'vitest';
import { SITE_ORDERS, generatePage } from './generate-page';

const pages = Array.from({ length: 240 }, (_, i) => generatePage(i + 1));

describe('generatePage()', () => {
  it('gives the same page for the same seed', () => {
    expect(generatePage(17)).toEqual(generatePage(17));
    expect(generatePage(17)).not.toEqual(generatePage(18));
  });

  it('spans 10 to 200 items, 3 to 20 topics and limits of 4 to 20, below the item count', () => {
    const sizes = pages.map((page) => page.items.length);
    const topics = pages.map((page) => page.topics.length);
    const limits = pages.map((page) => page.limit);
    expect(Math.min(...sizes)).toBeLessThan(20);
    expect(Math.max(...sizes)).toBeGreaterThan(180);
    expect(sizes.every((n) => n >= 10 && n <= 200)).toBe(true);
    expect(Math.min(...topics)).toBe(3);
    expect(Math.max(...topics)).toBe(20);
    expect(Math.min(...limits)).toBe(4);
    expect(Math.max(...limits)).toBe(20);
    expect(pages.every((page) => page.limit < page.items.length)).toBe(true);
  });

  it('uses every site order, news and shop pages, pinned items, common features and items with two topics', () => {
    expect(new Set(pages.map((page) => page.siteOrder))).toEqual(new Set(SITE_ORDERS));
    expect(new Set(pages.map((page) => page.kind))).toEqual(new Set(['news', 'shop']));
    expect(pages.filter((page) => page.items.some((item) => item.pinned)).length).toBeGreaterThan(50);
    expect(pages.filter((page) => page.commonFeatures.length > 0).length).toBeGreaterThan(100);
    expect(pages.filter((page) => page.items.some((item) => item.topics.length > 1)).length).toBeGreaterThan(50);
  });

  it('has authors who write in several topics, every topic an item, and unique ids', () => {
    for (const page of pages) {
      const topicsOf = new Map<string, Set<string>>();
      for (const item of page.items) for (const topic of item.topics) (topicsOf.get(item.maker) ?? topicsOf.set(item.maker, new Set()).get(item.maker)!).add(topic);
      expect([...topicsOf.values()].some((topics) => topics.size > 1), `seed ${page.seed}`).toBe(true);
      expect(new Set(page.items.map((item) => item.topics[0])).size, `seed ${page.seed}`).toBe(page.topics.length);
      expect(new Set(page.items.map((item) => item.id)).size).toBe(page.items.length);
    }
  });

  it('gives each page a reader of two or three unpinned items of one topic', () => {
    for (const { reader, items, seed } of pages) {
      const read = items.filter((item) => reader.read.includes(item.id));
      expect(read.length, `seed ${seed}`).toBeGreaterThanOrEqual(2);
      expect(read.length, `seed ${seed}`).toBeLessThanOrEqual(3);
      expect(read.every((item) => item.topics.includes(reader.topic) && !item.pinned), `seed ${seed}`).toBe(true);
    }
  });
});
