import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { STRICT_POLICY, recordViolations, serveFixture, useBrowser, violations } from './browser';
import {
  SITE_ORDER,
  callInstance,
  clickLatestTennisStories,
  expectTennisLifted,
  readSlot,
  readStoredInteractions,
  waitForScriptTagReady,
  visitAsTennisFan,
  waitForSlotShown,
} from './front-page';

const session = useBrowser();

const asked = (html: string) => html.replace('data-consent="granted"', 'data-consent="required"');

async function attuneDatabases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map(({ name }) => name ?? '').filter((name) => name.startsWith('attune:')));
}

describe('under a strict Content Security Policy (connect-src none)', () => {
  it('works, reorders and causes no violation', async () => {
    const visitor = await session.newVisitor();
    const { page, origin, requests } = visitor;
    await page.addInitScript(recordViolations);
    await serveFixture(page, 'front.html', { headers: { 'content-security-policy': STRICT_POLICY } });
    await visitAsTennisFan(visitor);

    expectTennisLifted((await readSlot(page)).map(({ id }) => id));
    expect(await violations(page)).toEqual([]);
    for (const url of requests) expect(new URL(url).origin, url).toBe(origin);
  });
});

describe("with consent: 'required'", () => {
  it('creates no database before consent, even after clicks and a reload', async () => {
    const { page, goto } = await session.newVisitor();
    await serveFixture(page, 'front.html', { markup: asked });
    await goto('front.html');
    await waitForScriptTagReady(page);
    await clickLatestTennisStories(page);
    await page.reload();
    await waitForScriptTagReady(page);
    expect(await attuneDatabases(page)).toEqual([]);
    // Without storage the reload knows nothing: the site's order.
    expect((await readSlot(page)).map(({ id }) => id)).toEqual(SITE_ORDER);
  });

  it("stores the page view's clicks once consent is granted, and the next page view is personal", async () => {
    const { page, goto } = await session.newVisitor();
    await serveFixture(page, 'front.html', { markup: asked });
    await goto('front.html');
    await waitForScriptTagReady(page);
    await clickLatestTennisStories(page);
    expect(await attuneDatabases(page)).toEqual([]);

    await callInstance(page, 'grant');
    expect((await readStoredInteractions(page)).filter(({ type }) => type === 'click')).toHaveLength(3);
    await page.reload();
    await waitForSlotShown(page);
    expectTennisLifted((await readSlot(page)).map(({ id }) => id));
  });

  it('leaves nothing behind after deny()', async () => {
    const { page, goto } = await session.newVisitor();
    await serveFixture(page, 'front.html', { markup: asked });
    await goto('front.html');
    await waitForScriptTagReady(page);
    await clickLatestTennisStories(page);
    await callInstance(page, 'grant');
    await callInstance(page, 'deny');
    expect(await attuneDatabases(page)).toEqual([]);
    await page.reload();
    await waitForScriptTagReady(page);
    expect(await attuneDatabases(page)).toEqual([]);
  });
});
