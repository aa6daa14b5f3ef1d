import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser';
import { readSlot, waitForScriptTagReady, waitForSlotShown } from './front-page';
import { afterNextFrames, recordLayoutShifts, unexpectedShift } from './layout-shifts';

const session = useBrowser();

const RULES_PART = /\/dist\/attune-rules-support\.min\.js\?v=/;

/** What a visitor sees of the page: the greeting, which banners show, the slot's order and first reason. */
function seen(page: Page) {
  return page.evaluate(() => ({
    greeting: document.querySelector('h1')!.textContent,
    runners: getComputedStyle(document.getElementById('runners')!).display !== 'none',
    others: getComputedStyle(document.getElementById('others')!).display !== 'none',
  }));
}

/** Runs a call on the script tag's instance through its queue, and waits for it. */
function call(page: Page, code: string): Promise<void> {
  return page.evaluate(
    (body) =>
      new Promise<void>((done, failed) => {
        const run = new Function('attune', `return (async () => { ${body} })()`) as (attune: unknown) => Promise<void>;
        (window.attune_queue as { push(call: (attune: never) => void): void }).push((attune) => void run(attune).then(done, failed));
      }),
    code,
  );
}

describe('stated text, rules and audiences from markup, on the built script tag', () => {
  it('greets by name, applies a rule and shows the audience banner, shifting nothing where the page keeps space for the banner', async () => {
    const visitor = await session.newVisitor();
    await visitor.context.addInitScript(recordLayoutShifts);
    await visitor.goto('personal.html');
    await waitForScriptTagReady(visitor.page);
    await waitForSlotShown(visitor.page, 'shop');
    expect(await seen(visitor.page)).toEqual({ greeting: 'Welcome back, friend', runners: false, others: true });
    expect(visitor.requests.some((url) => RULES_PART.test(url))).toBe(true);

    await call(visitor.page, `
      await attune.set('firstName', 'Ana <b>');
      attune.track('purchase', { item: 'trail-shoes', features: ['topic:running'] });
      for (let i = 0; i < 3; i++) attune.track('click', { item: 'r' + i, features: ['topic:running'] });
      await attune.flush();`);
    // The visitor's own change shows at once.
    expect((await seen(visitor.page)).greeting).toBe('Welcome back, Ana <b>');

    await visitor.page.reload();
    await waitForSlotShown(visitor.page, 'shop');
    await visitor.page.waitForLoadState('load');
    await afterNextFrames(visitor.page);
    expect(await seen(visitor.page)).toEqual({ greeting: 'Welcome back, Ana <b>', runners: true, others: false });
    expect(await visitor.page.$$eval('h1 b', (bold) => bold.length)).toBe(0);
    const [first] = await readSlot(visitor.page, 'shop');
    expect(first).toEqual({ id: 'gaiters', hidden: false, reason: 'Because you bought the trail shoes' });
    const { total, shifts } = await unexpectedShift(visitor.page);
    expect(total, shifts).toBe(0);
    expect(visitor.pageErrors).toEqual([]);
    expect(visitor.requests.filter((url) => !url.startsWith(visitor.origin))).toEqual([]);
  });

  it('does not load the part on a page that uses none of it', async () => {
    const visitor = await session.newVisitor();
    await visitor.goto('front.html');
    await waitForScriptTagReady(visitor.page);
    expect(visitor.requests.filter((url) => url.includes('/dist/'))).toEqual([expect.stringMatching(/\/dist\/attune\.min\.js$/)]);
  });
});
