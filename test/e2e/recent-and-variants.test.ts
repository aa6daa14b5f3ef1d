import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serveFixture, useBrowser, type Visitor } from './browser';
import { readStoredInteractions, waitForSlotShown, waitForScriptTagReady } from './front-page';

const session = useBrowser();

/** Serves story.html as the page of one story, and opens it. */
async function readStory(visitor: Visitor, id: string, topic: string, title = `Story ${id}`): Promise<void> {
  await visitor.page.unroute('**/fixtures/story.html*');
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  await serveFixture(visitor.page, 'story.html*', { markup: (html) => html.replaceAll('STORY', id).replaceAll('TOPIC', topic).replaceAll('TITLE', escaped) });
  await visitor.goto(`story.html?id=${id}`);
  await waitForScriptTagReady(visitor.page);
  await waitForSlotShown(visitor.page, 'recent');
}

/** Waits until the views of `count` stories are stored, as the page view that recorded them ends. */
async function storedViews(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await readStoredInteractions(page)).filter(({ type }) => type === 'view').length, { timeout: 5000 }).toBe(count);
}

const strip = (page: Page) =>
  page.$$eval('[data-attune-slot="recent"] > [data-attune-drawn]', (cards) =>
    cards.map((card) => ({ id: card.getAttribute('data-attune-item'), title: card.querySelector('span')!.textContent, href: card.querySelector('a')!.getAttribute('href') })),
  );

const shownVariants = (page: Page) =>
  page.$$eval('[data-attune-variants="cta"] > [data-attune-variant]', (variants) =>
    variants.filter((variant) => getComputedStyle(variant).display !== 'none').map((variant) => variant.getAttribute('data-attune-variant')),
  );

describe('recently viewed and a variant call to action, with the script tag', () => {
  it('lists the stories read, newest first, without this one, and shows the call to action for the topic read', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await readStory(visitor, 's1', 'tennis');
    // A first visit: nothing viewed yet, so the site's default; one call to action.
    expect(await strip(page)).toEqual([]);
    expect(await page.isVisible('[data-attune-slot="recent"] .empty')).toBe(true);
    expect(await shownVariants(page)).toHaveLength(1);
    await storedViews(page, 1);
    await readStory(visitor, 's2', 'cooking', 'Tomato sauce <img src=x onerror="window.e2eHacked = true">');
    await storedViews(page, 2);
    await readStory(visitor, 's3', 'tennis');
    await storedViews(page, 3);
    await readStory(visitor, 's4', 'tennis');

    const origin = new URL(page.url()).origin;
    expect(await strip(page)).toEqual([
      { id: 's3', title: 'Story s3', href: `${origin}/test/e2e/fixtures/story.html?id=s3` },
      { id: 's2', title: 'Tomato sauce <img src=x onerror="window.e2eHacked = true">', href: `${origin}/test/e2e/fixtures/story.html?id=s2` },
      { id: 's1', title: 'Story s1', href: `${origin}/test/e2e/fixtures/story.html?id=s1` },
    ]);
    expect(await page.evaluate(() => (window as { e2eHacked?: boolean }).e2eHacked)).toBeUndefined();
    expect(await page.isVisible('[data-attune-slot="recent"] .empty')).toBe(false);

    // Three tennis stories read: the tennis call to action, hidden until chosen, one variant taking space all along.
    await page.waitForSelector('[data-attune-variants="cta"][data-attune-ready]');
    expect(await shownVariants(page)).toEqual(['tennis']);
    expect(await page.evaluate(() => (window as { e2eBeforePaint?: unknown }).e2eBeforePaint)).toEqual({ visibility: 'hidden', shown: 1 });
    const why = await page.evaluate(() => new Promise((resolve) => window.attune_queue!.push((attune) => attune.explain('cta').then(resolve))));
    expect(why).toEqual([expect.stringMatching(/^You read 3 items about tennis this week$/)]);

    // The parts load from beside the script tag, only on pages that use them.
    expect(visitor.requests.filter((url) => /attune-(strategies|variants)\.min\.js/.test(url)).length).toBeGreaterThan(0);
    expect(visitor.warnings).toEqual([]);
  });

  it('loads neither part on a page without their markup', async () => {
    const visitor = await session.newVisitor();
    await visitor.goto('front.html');
    await waitForScriptTagReady(visitor.page);
    await waitForSlotShown(visitor.page);
    expect(visitor.requests.filter((url) => /attune-(strategies|variants)/.test(url))).toEqual([]);
  });

  it('shows the site’s default when the part cannot load within the render budget', async () => {
    const visitor = await session.newVisitor();
    await visitor.page.route('**/attune-{strategies,variants}.min.js*', (route) => route.abort());
    await readStory(visitor, 's1', 'tennis');
    expect(await page(visitor).isVisible('[data-attune-slot="recent"] .empty')).toBe(true);
    expect(await shownVariants(visitor.page)).toEqual(['all']);
    expect(visitor.warnings.filter((text) => text.includes('[attune]'))).toHaveLength(2);
  });
});

const page = (visitor: Visitor) => visitor.page;
