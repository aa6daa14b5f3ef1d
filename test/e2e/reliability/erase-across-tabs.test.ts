import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from '../browser';
import { SITE_ORDER, readSlot, readStoredInteractions, waitForStoredInteractions } from '../front-page';
import { hasDatabase, newTab, openFront, statusOf, trackClicks, waitForStatus } from './tab';

const session = useBrowser();

/** Waits until no open is under way in the tab, so what it did with storage is settled. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => statusOf(page), { timeout: 5000, interval: 10 }).not.toBe('opening');
  await page.evaluate(() => window.e2eInstance!.flush());
}

describe('an erase in one tab, while another tab is loading', () => {
  /** Stores a click in the erasing tab, on the visitor's own grant. */
  async function storeOneClick(erasing: Page): Promise<void> {
    await erasing.evaluate(async () => {
      const attune = window.e2eInstance!;
      await attune.consent.grant();
      attune.track('click', { item: 'before', features: ['topic:tennis'] });
      await attune.flush();
    });
  }

  it('is never undone on a site that asks for consent (20 trials, databases() 5 or 100 ms late)', async () => {
    const { context, origin } = await session.newVisitor();
    const erasing = await newTab(context, { consentRequired: true });
    await openFront(erasing, origin);
    const undone: string[] = [];
    for (let trial = 0; trial < 20; trial++) {
      await storeOneClick(erasing);
      const databasesDelay = trial % 2 ? 100 : 5;
      const loading = await newTab(context, { consentRequired: true, databasesDelay });
      const opened = openFront(loading, origin);
      // The erase lands at a different moment of the other tab's start in each trial.
      await erasing.waitForTimeout(trial % 5);
      await erasing.evaluate(() => window.e2eInstance!.erase());
      await opened;
      await settled(loading);
      await trackClicks(loading, 1, 'after');
      await loading.evaluate(() => window.e2eInstance!.flush());
      const status = await statusOf(loading);
      if ((await hasDatabase(loading)) || status === 'indexeddb') undone.push(`trial ${trial} (${databasesDelay} ms): ${status}`);
      await loading.close();
    }
    expect(undone).toEqual([]);
  });

  it("is not undone by the site's own 'granted' in a tab that heard it (10 trials)", async () => {
    const { context, origin } = await session.newVisitor();
    const erasing = await newTab(context);
    await openFront(erasing, origin);
    const undone: string[] = [];
    for (let trial = 0; trial < 10; trial++) {
      await storeOneClick(erasing);
      const loading = await newTab(context, { databasesDelay: 100 });
      const opened = openFront(loading, origin);
      // Once the tab's script runs, it listens for erases; its open races the deletion.
      await loading.waitForSelector('[data-attune-slot]', { state: 'attached' });
      await loading.waitForTimeout(trial % 5);
      await erasing.evaluate(() => window.e2eInstance!.erase());
      await opened;
      await settled(loading);
      await expect.poll(() => hasDatabase(loading), { timeout: 2000, interval: 20 }).toBe(false);
      // The tab's next page view keeps the erase: the site's word opens nothing in it this session.
      await loading.reload();
      await settled(loading);
      await trackClicks(loading, 1, 'next');
      await loading.evaluate(() => window.e2eInstance!.flush());
      const status = await statusOf(loading);
      if ((await hasDatabase(loading)) || status !== 'awaiting-consent') undone.push(`trial ${trial}: ${status}`);
      await loading.close();
    }
    expect(undone).toEqual([]);
  });
});

describe('a tab whose connection is closed under it', () => {
  /** Every public method resolves in the tab, and nothing it learns is stored. */
  async function expectEveryMethodWorks(page: Page): Promise<void> {
    const results = await page.evaluate(async () => {
      const attune = window.e2eInstance!;
      attune.track('click', { item: 'later', features: ['topic:golf'] });
      const calls: [string, () => Promise<unknown>][] = [
        ['flush', () => attune.flush()],
        ['export', () => attune.export()],
        ['pause', () => attune.pause()],
        ['resume', () => attune.resume()],
        ['setSurprise', () => attune.setSurprise(0.5)],
        ['forget', () => attune.forget('topic:golf')],
        ['explain', () => attune.explain('f-golf')],
      ];
      const failed: string[] = [];
      for (const [name, call] of calls) await call().catch((error: Error) => failed.push(`${name}: ${error.name} ${error.message}`));
      return failed;
    });
    expect(results).toEqual([]);
  }

  it('after an erase in another tab: forgets, stores nothing, shows the site order, until a grant there', async () => {
    const { context, origin } = await session.newVisitor();
    const other = await newTab(context);
    const tab = await newTab(context);
    await openFront(tab, origin);
    await openFront(other, origin);
    await trackClicks(tab, 5, 'tennis');
    await tab.evaluate(() => window.e2eInstance!.flush());

    await other.evaluate(() => window.e2eInstance!.erase());
    await waitForStatus(tab, 'erased');
    expect(await tab.evaluate(() => window.e2eInstance!.profile())).toEqual([]);
    expect((await readSlot(tab)).map(({ id }) => id)).toEqual(SITE_ORDER);
    await expectEveryMethodWorks(tab);
    expect(await hasDatabase(tab)).toBe(false);

    await tab.evaluate(() => window.e2eInstance!.consent.grant());
    expect(await statusOf(tab)).toBe('indexeddb');
    expect(await hasDatabase(tab)).toBe(true);
    expect(await tab.evaluate(() => window.e2eUnhandled)).toEqual([]);
  });

  it('after a newer version upgraded the schema: keeps learning in memory, and says so', async () => {
    const { context, origin } = await session.newVisitor();
    const tab = await newTab(context);
    await openFront(tab, origin);
    await trackClicks(tab, 2, 'stored');
    await tab.evaluate(() => window.e2eInstance!.flush());
    await trackClicks(tab, 2, 'pending');
    const newer = await newTab(context);
    await newer.goto(`${origin}/test/e2e/fixtures/site.css`);
    await newer.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('attune:e2e', 2);
          request.onupgradeneeded = () => request.result.createObjectStore('newer');
          request.onsuccess = () => (request.result.close(), resolve());
          request.onerror = () => reject(request.error);
        }),
    );
    await waitForStatus(tab, 'closed');
    await expectEveryMethodWorks(tab);
    const kept = await tab.evaluate(async () => (await window.e2eInstance!.export()).interactions.map(({ item }) => item));
    expect(kept).toEqual(expect.arrayContaining(['pending-0', 'pending-1']));
    expect(await tab.evaluate(() => window.e2eUnhandled)).toEqual([]);
  });

  it("after the site's data is cleared (DevTools protocol): forgets, and creates nothing again", async () => {
    const { context, origin } = await session.newVisitor();
    const tab = await newTab(context);
    await openFront(tab, origin);
    await trackClicks(tab, 3, 'tennis');
    await waitForStoredInteractions(tab, 'click', 3);
    const devtools = await context.newCDPSession(tab);
    await devtools.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    await waitForStatus(tab, 'erased');
    expect(await tab.evaluate(() => window.e2eInstance!.profile())).toEqual([]);
    await expectEveryMethodWorks(tab);
    expect(await hasDatabase(tab)).toBe(false);
    expect(await readStoredInteractions(tab)).toEqual([]);
    expect(await tab.evaluate(() => window.e2eUnhandled)).toEqual([]);
  });
});

describe('consent given and withdrawn in one tick', () => {
  it('ends denied and erased, with no database, and a later grant opens storage', async () => {
    const { context, origin } = await session.newVisitor();
    const tab = await newTab(context, { consentRequired: true });
    await openFront(tab, origin);
    const after = await tab.evaluate(async () => {
      const attune = window.e2eInstance!;
      attune.track('click', { item: 'x', features: ['topic:tennis'] });
      await Promise.all([attune.consent.grant(), attune.consent.deny()]);
      return [attune.status, attune.consent.state];
    });
    expect(after).toEqual(['erased', 'denied']);
    expect(await hasDatabase(tab)).toBe(false);
    await tab.evaluate(() => window.e2eInstance!.consent.grant());
    expect(await statusOf(tab)).toBe('indexeddb');
    expect(await hasDatabase(tab)).toBe(true);
  });
});
