/**
 * The script tag loaded with `async`, slots hidden by the site's one-line rule
 * (the README's): the page paints without waiting for the script, and the slot
 * is never shown in an order it then leaves, nor shifts anything.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, type Visitor } from './browser';
import { SITE_ORDER, expectTennisLifted, learnTennisOnFrontPage, readSlot, waitForSlotShown } from './front-page';

const session = useBrowser();

/** The rule the README gives a site to inline beside the async tag, as it is written there. */
const WAIT_RULE = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').match(/<style>\[data-attune-slot\][^\n]*<\/style>/)![0];

/**
 * Opens fixtures/front.html as a site using the async tag serves it: the rule
 * in its head, `async` on the tag, and the items past the slot's limit of 4
 * rendered hidden, as the script would hide them.
 */
async function openAsyncFrontPage(visitor: Visitor): Promise<void> {
  await visitor.page.route('**/fixtures/front.html', async (route) => {
    const response = await route.fetch();
    let items = 0;
    const body = (await response.text())
      .replace('<script src="/dist/attune.min.js"', `${WAIT_RULE}<script async src="/dist/attune.min.js"`)
      .replace(/<li data-attune-item="f-/g, (item) => (++items > 4 ? '<li hidden data-attune-hidden data-attune-item="f-' : item));
    await route.fulfill({ response, body });
  });
  await visitor.goto('front.html');
}

/**
 * Runs in the page before its own scripts: at every animation frame, the
 * order of the front slot's items in view while the slot is visible, and
 * every layout shift.
 */
function recordFrames(): void {
  const frames: string[] = [];
  const shifts: number[] = [];
  Object.assign(window, { e2eFrames: frames, e2eShifts: shifts });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
      if (!entry.hadRecentInput) shifts.push(entry.value);
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const look = () => {
    const slot = document.querySelector('[data-attune-slot="front"]');
    if (slot && getComputedStyle(slot).visibility === 'visible') {
      const inView = [...slot.children].filter((item) => item.hasAttribute('data-attune-item') && !item.hasAttribute('hidden'));
      const order = inView.map((item) => item.getAttribute('data-attune-item')).join(' ');
      if (frames[frames.length - 1] !== order) frames.push(order);
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

interface Seen {
  /** Each distinct order of the visible slot's items in view, frame by frame. */
  frames: string[];
  shifts: number[];
}

async function seenOnLoad(page: Page): Promise<Seen> {
  await waitForSlotShown(page);
  await page.waitForLoadState('load');
  // A few frames more, so a late reorder would be seen.
  await page.evaluate(() => new Promise<void>((done) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => done())), 400)));
  return page.evaluate(() => {
    const recorded = window as unknown as Seen & { e2eFrames: string[]; e2eShifts: number[] };
    return { frames: recorded.e2eFrames, shifts: recorded.e2eShifts };
  });
}

const inView = async (page: Page) => (await readSlot(page)).filter(({ hidden }) => !hidden).map(({ id }) => id);

describe('the async script tag', () => {
  it('shows a returning visitor the slot in their order only, and shifts nothing', async () => {
    const visitor = await session.newVisitor();
    await learnTennisOnFrontPage(visitor);
    await visitor.context.addInitScript(recordFrames);
    await openAsyncFrontPage(visitor);
    const { frames, shifts } = await seenOnLoad(visitor.page);

    const final = await inView(visitor.page);
    expectTennisLifted((await readSlot(visitor.page)).map(({ id }) => id));
    expect(frames, 'every order the slot was seen in').toEqual([final.join(' ')]);
    expect(shifts.reduce((sum, value) => sum + value, 0)).toBe(0);
  });

  it('shows the site order when the script comes after the render budget, and leaves it', async () => {
    const visitor = await session.newVisitor();
    await learnTennisOnFrontPage(visitor);
    await visitor.context.addInitScript(recordFrames);
    // The script arrives a second late: the site's rule has shown the slot by then.
    await visitor.page.route('**/dist/attune.min.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    await openAsyncFrontPage(visitor);
    await visitor.page.waitForFunction(() => window.attune_queue !== undefined && !Array.isArray(window.attune_queue));
    const { frames, shifts } = await seenOnLoad(visitor.page);

    const siteView = SITE_ORDER.slice(0, 4).join(' ');
    expect(frames, 'every order the slot was seen in').toEqual([siteView]);
    expect((await inView(visitor.page)).join(' ')).toBe(siteView);
    expect(shifts.reduce((sum, value) => sum + value, 0)).toBe(0);
  });

  it('shows the site order, and the page works, when the script cannot load', async () => {
    const visitor = await session.newVisitor();
    await visitor.context.addInitScript(recordFrames);
    await visitor.page.route('**/dist/attune.min.js', (route) => route.fulfill({ status: 404, body: '' }));
    await openAsyncFrontPage(visitor);
    await visitor.page.waitForFunction(() => (window as unknown as { e2eFrames: string[] }).e2eFrames.length > 0);
    const { frames } = await visitor.page.evaluate(() => ({ frames: (window as unknown as { e2eFrames: string[] }).e2eFrames }));
    expect(frames).toEqual([SITE_ORDER.slice(0, 4).join(' ')]);
    expect(visitor.pageErrors).toEqual([]);
  });
});
