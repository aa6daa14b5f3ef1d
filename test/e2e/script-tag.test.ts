import { describe, it, expect } from 'vitest';
import type { Attune } from '../../src/types';
import { serveFixture, useBrowser } from './browser';
import {
  SITE_ORDER,
  SLOT_LIMIT,
  clickLatestTennisStories,
  expectTennisLifted,
  learnTennisOnFrontPage,
  readSlot,
  waitForScriptTagReady,
  waitForSlotShown,
} from './front-page';

const session = useBrowser();

describe('the command queue', () => {
  it('calls a function queued before the script loaded with the ready instance', async () => {
    const { page, goto } = await session.newVisitor();
    await goto('queue.html');
    await waitForScriptTagReady(page);

    const seen = await page.evaluate(() => ({ calls: window.e2eQueueCalls, status: window.e2eQueuedInstance?.status }));
    expect(seen).toEqual({ calls: ['queued before load'], status: 'indexeddb' });
  });

  it('runs a function pushed after load at once, with the same instance', async () => {
    const { page, goto } = await session.newVisitor();
    await goto('queue.html');
    await waitForScriptTagReady(page);

    const pushed = await page.evaluate(() => {
      const seen: { instance?: Attune } = {};
      window.attune_queue?.push((attune) => {
        seen.instance = attune;
      });
      return { ranAtOnce: seen.instance !== undefined, sameInstance: seen.instance === window.e2eQueuedInstance };
    });
    expect(pushed).toEqual({ ranAtOnce: true, sameInstance: true });
  });
});

describe('a slot that a single-page app adds after load', () => {
  it('is ordered for the visitor', async () => {
    const visitor = await session.newVisitor();
    await learnTennisOnFrontPage(visitor);
    await visitor.goto('spa.html');
    await waitForScriptTagReady(visitor.page);
    await visitor.page.evaluate(() => window.renderFrontPage?.());
    await waitForSlotShown(visitor.page);

    const slot = await readSlot(visitor.page);
    expectTennisLifted(slot.map(({ id }) => id));
    expect(slot.map(({ hidden }) => hidden)).toEqual(SITE_ORDER.map((_, place) => place >= SLOT_LIMIT));
  });
});

describe('a well-formed page', () => {
  it('gets no warning and no uncaught error across a load, clicks and a reload', async () => {
    const { page, goto, warnings, pageErrors } = await session.newVisitor();
    await goto('front.html');
    await clickLatestTennisStories(page);
    await page.reload();
    await waitForSlotShown(page);
    await waitForScriptTagReady(page);

    expect({ warnings, pageErrors }).toEqual({ warnings: [], pageErrors: [] });
  });
});

/** The front page whose script tag has data-half-life="soon": no duration, so one warning and the default. */
const withBadHalfLife = (html: string) => html.replace('data-consent="granted"', 'data-consent="granted" data-half-life="soon"');

describe('a script tag with a bad data attribute (data-half-life="soon")', () => {
  it('prints exactly one [attune] warning, naming data-half-life', async () => {
    const { page, goto, warnings } = await session.newVisitor();
    await serveFixture(page, 'front.html', { markup: withBadHalfLife });
    await goto('front.html');
    await waitForScriptTagReady(page);
    await waitForSlotShown(page);

    const attuneWarnings = warnings.filter((text) => text.startsWith('[attune]'));
    expect(attuneWarnings).toHaveLength(1);
    expect(attuneWarnings[0]).toContain('data-half-life');
  });

  it('still orders its slots', async () => {
    const visitor = await session.newVisitor();
    await learnTennisOnFrontPage(visitor);
    await serveFixture(visitor.page, 'front.html', { markup: withBadHalfLife });
    await visitor.goto('front.html');
    await waitForSlotShown(visitor.page);

    const ids = (await readSlot(visitor.page)).map(({ id }) => id);
    expectTennisLifted(ids);
  });
});
