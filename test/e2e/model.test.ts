/**
 * The news demo with the site's model file (examples/news/model.bin, built by
 * examples/news/build-model.mjs before the tests): its simulated tennis readers
 * also read the bread story, a12, which shares no topic or author with tennis.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { useBrowser, type Visitor } from './browser';
import { readSlot, readStoredInteractions, waitForSlotShown } from './front-page';

const session = useBrowser();

const FRONT_PAGE = '/examples/news/';
const MODEL = '/examples/news/model.bin';
const SLOT = 'front-page';
/** The front-page slot in the editors' order (articles.js); a21 is pinned, the first 6 are shown. */
const SITE_ORDER = ['a21', 'a16', 'a06', 'a11', 'a26', 'a01', 'a22', 'a17', 'a02', 'a12', 'a07', 'a04', 'a27', 'a03'];
const SHOWN = 6;
/** "Bread without a mixer": cooking, by Luis Ortega; read by the model's tennis readers. */
const CO_READ = 'a12';
/** The tennis story on the front page the visitor has not read: the features and the model both lift it. */
const UNREAD_TENNIS = ['a04'];
/**
 * Three tennis stories, each in view when opened: a01 for a first-time visitor, then a02 and a03 as
 * the reads lift them. Until a visitor has chosen three, the site keeps half the view for its own picks.
 */
const CLICKED = ['a01', 'a02', 'a03'];
const COLLABORATIVE_TEXT = 'Chosen by people who chose what you did';

beforeAll(() => {
  if (!existsSync(new URL('../../examples/news/model.bin', import.meta.url))) {
    throw new Error('examples/news/model.bin is missing: run `npm run build:examples` (npm test runs it first)');
  }
});

async function openFrontPage(visitor: Visitor): Promise<void> {
  await visitor.page.goto(visitor.origin + FRONT_PAGE);
  await waitForSlotShown(visitor.page, SLOT);
}

/** Opens each story from the front page, as a reader would: a click, then the article page, then back. */
async function readTennisStories(visitor: Visitor): Promise<void> {
  const { page } = visitor;
  for (const [read, id] of CLICKED.entries()) {
    await openFrontPage(visitor);
    await Promise.all([page.waitForURL(`**/article.html?id=${id}`), page.locator(`[data-attune-item="${id}"] a`).click()]);
    await page.waitForSelector(`[data-attune-page-item="${id}"]`);
    await expect
      .poll(async () => (await readStoredInteractions(page, 'attune:news')).filter(({ type }) => type === 'click').length, { timeout: 5000 })
      .toBe(read + 1);
  }
  await openFrontPage(visitor);
}

const ids = async (page: Page) => (await readSlot(page, SLOT)).map(({ id }) => id);
const attuneWarnings = (warnings: readonly string[]) => warnings.filter((text) => text.startsWith('[attune]'));

describe('the news front page with the site model', () => {
  it('lifts the story tennis readers also read, though no feature links it to tennis, and says why', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    // A first visit: the story is past the slot's limit, and nothing is "chosen by people" yet.
    await openFrontPage(visitor);
    const first = await readSlot(page, SLOT);
    expect(first.findIndex(({ id }) => id === CO_READ)).toBeGreaterThanOrEqual(SHOWN);
    expect(first.map(({ reason }) => reason)).not.toContain(COLLABORATIVE_TEXT);

    await readTennisStories(visitor);

    const slot = await readSlot(page, SLOT);
    const order = slot.map(({ id }) => id);
    // Content cannot explain the lift: the story shares no feature with what was read.
    expect(await page.getAttribute(`[data-attune-item="${CO_READ}"]`, 'data-attune-features')).toBe('topic:cooking author:Luis-Ortega');
    expect(order.indexOf(CO_READ), order.join(' ')).toBeLessThan(SHOWN);
    expect(order.indexOf(CO_READ)).toBeLessThan(SITE_ORDER.indexOf(CO_READ));
    const coRead = slot.find(({ id }) => id === CO_READ)!;
    expect(coRead).toMatchObject({ hidden: false, reason: COLLABORATIVE_TEXT });
    expect(await page.locator(`[data-attune-item="${CO_READ}"] [data-attune-reason]`).isVisible()).toBe(true);
    // Tennis climbs too, the pinned story stays, and the page says it was ordered for this reader.
    for (const id of UNREAD_TENNIS) expect(order.indexOf(id), id).toBeLessThan(SITE_ORDER.indexOf(id));
    // What the visitor read is no news to the model: no "chosen by people" for it.
    expect(slot.find(({ id }) => id === 'a01')?.reason).not.toBe(COLLABORATIVE_TEXT);
    expect(order[0]).toBe('a21');
    expect(await page.locator('.ordered-note').isVisible()).toBe(true);
    expect(attuneWarnings(visitor.warnings)).toEqual([]);
    expect(visitor.pageErrors).toEqual([]);
  });

  it('asks for the model once per front page view: a GET without cookies, referrer or query, and nothing from elsewhere', async () => {
    const visitor = await session.newVisitor();
    const { context, page, origin } = visitor;
    // A cookie the site set, so that its absence from the model request means something.
    await context.addCookies([{ name: 'session', value: 'reader-7f3a9c', url: origin }]);
    const seen: Request[] = [];
    context.on('request', (request) => seen.push(request));
    /** Requests made by each page view, in order. */
    const views: { url: string; requests: Request[] }[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) views.push({ url: frame.url(), requests: [] });
    });
    context.on('request', (request) => views.at(-1)?.requests.push(request));

    await readTennisStories(visitor);
    await page.reload();
    await waitForSlotShown(page, SLOT);

    const isModel = (request: Request) => new URL(request.url()).pathname === MODEL;
    const frontViews = views.filter(({ url }) => new URL(url).pathname === FRONT_PAGE);
    const articleViews = views.filter(({ url }) => new URL(url).pathname.endsWith('/article.html'));
    expect(frontViews).toHaveLength(CLICKED.length + 2);
    expect(articleViews).toHaveLength(CLICKED.length);
    for (const { requests } of frontViews) expect(requests.filter(isModel)).toHaveLength(1);
    for (const { requests } of articleViews) expect(requests.filter(isModel)).toEqual([]);

    const models = seen.filter(isModel);
    expect(models).toHaveLength(frontViews.length);
    for (const request of models) {
      const headers = await request.allHeaders();
      expect(request.method()).toBe('GET');
      expect(request.url()).toBe(origin + MODEL);
      expect(headers).not.toHaveProperty('cookie');
      expect(headers).not.toHaveProperty('referer');
    }
    // The same recorder sees the cookie and referrer where the browser sends them, so their absence above is real.
    const script = seen.find((request) => request.url().endsWith('/dist/attune.min.js'))!;
    expect(await script.allHeaders()).toMatchObject({ cookie: 'session=reader-7f3a9c', referer: expect.stringContaining(origin) });

    for (const request of seen) expect(new URL(request.url()).origin, request.url()).toBe(origin);
  });
});

describe('the news front page with a model that cannot be used', () => {
  it.each<[string, (page: Page, origin: string) => Promise<unknown>]>([
    [
      'a missing file (404)',
      (page, origin) =>
        page.route(origin + FRONT_PAGE, async (route) => {
          const response = await route.fetch();
          const body = (await response.text()).replace('data-model="model.bin"', 'data-model="missing-model.bin"');
          await route.fulfill({ response, body });
        }),
    ],
    [
      'a truncated file',
      (page, origin) =>
        page.route(origin + MODEL, async (route) => {
          const bytes = await (await route.fetch()).body();
          await route.fulfill({ status: 200, contentType: 'application/octet-stream', body: bytes.subarray(0, bytes.length >> 1) });
        }),
    ],
  ])('orders by features alone and warns once per page view, for %s', async (_, breakModel) => {
    const visitor = await session.newVisitor();
    await breakModel(visitor.page, visitor.origin);
    await readTennisStories(visitor);
    const { page } = visitor;
    const before = visitor.warnings.length;
    await page.reload();
    await waitForSlotShown(page, SLOT);

    const order = await ids(page);
    // Tennis is lifted by its features; the bread story, which only the model ties to tennis, is not.
    for (const id of UNREAD_TENNIS) expect(order.indexOf(id), `${id} in ${order.join(' ')}`).toBeLessThan(SITE_ORDER.indexOf(id));
    // It moves up only as far as the read stories, lowered as seen, make room: still out of view.
    expect(order.indexOf(CO_READ)).toBeGreaterThanOrEqual(SHOWN);
    expect((await readSlot(page, SLOT)).map(({ reason }) => reason)).not.toContain(COLLABORATIVE_TEXT);
    const warnings = attuneWarnings(visitor.warnings.slice(before));
    expect(warnings, warnings.join('\n')).toHaveLength(1);
    // One line, what went wrong and why; the stack is for a page with data-debug.
    expect(warnings[0]).toMatch(/^\[attune\] model unusable: [^\n]+$/);
    expect(visitor.pageErrors).toEqual([]);
  });
});
