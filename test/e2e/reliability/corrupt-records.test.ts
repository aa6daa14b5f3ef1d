import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from '../browser';
import { DATABASE_NAME, readStoredInteractions, waitForScriptTagReady } from '../front-page';
import { newTab, openFront, statusOf, trackClicks } from './tab';

const session = useBrowser();

/** Each damage the issue found, written with the raw IndexedDB API over a database holding three clicks. */
const DAMAGE = {
  'an event that is null': `events.add(null)`,
  'an event without features': `events.add({ type: 'click', context: {}, at: Date.now() })`,
  'an event at NaN': `events.add({ type: 'click', features: ['topic:nan'], context: {}, at: NaN })`,
  'an event with a feature that is no string': `events.add({ type: 'click', features: [7], context: {}, at: Date.now() })`,
  'a profile whose appliedThrough is an object': `profile.get('vector').onsuccess = (e) => profile.put({ ...e.target.result, appliedThrough: {} }, 'vector')`,
  'a profile whose appliedThrough is past every event': `profile.get('vector').onsuccess = (e) => profile.put({ ...e.target.result, appliedThrough: 1e9 }, 'vector')`,
  "a consent record 'x'": `meta.put('x', 'consent')`,
} as const;

/** Runs one line of damage in a transaction over the visitor's stores (`events`, `profile`, `meta`). */
function damage(page: Page, line: string): Promise<void> {
  return page.evaluate(
    ([name, line]) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(['events', 'profile', 'meta'], 'readwrite');
          // The line names the stores it damages.
          new Function('events', 'profile', 'meta', line)(tx.objectStore('events'), tx.objectStore('profile'), tx.objectStore('meta'));
          tx.oncomplete = () => (db.close(), resolve());
          tx.onabort = () => reject(tx.error);
        };
      }),
    [DATABASE_NAME, line] as const,
  );
}

/**
 * Loads the page again, once: a second navigation could leave the first page view
 * after it repaired storage but before it said so, and the warning would be lost.
 */
async function reopen(tab: Page): Promise<void> {
  await tab.reload();
  await waitForScriptTagReady(tab);
}

describe('a corrupt stored record', () => {
  it.each(Object.entries(DAMAGE))('%s is dropped with one warning, and learning goes on from the rest', async (_, line) => {
    const { context, origin } = await session.newVisitor();
    const tab = await newTab(context);
    const warnings: string[] = [];
    const errors: string[] = [];
    tab.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
    tab.on('pageerror', (error) => errors.push(String(error)));
    await openFront(tab, origin);
    await trackClicks(tab, 3, 'tennis');
    await tab.evaluate(() => window.e2eInstance!.flush());
    await damage(tab, line);

    await reopen(tab);
    expect(await statusOf(tab)).toBe('indexeddb');
    const after = await tab.evaluate(async () => {
      const attune = window.e2eInstance!;
      attune.track('click', { item: 'golf-0', features: ['topic:golf'] });
      await attune.flush();
      const exported = await attune.export();
      return {
        items: exported.interactions.map(({ item }) => item),
        profile: attune.profile().map(({ feature, weight }) => [feature, weight] as const),
        unhandled: window.e2eUnhandled,
      };
    });
    expect(after.items).toEqual(['tennis-0', 'tennis-1', 'tennis-2', 'golf-0']);
    expect(after.profile.map(([feature]) => feature).sort()).toEqual(['topic:golf', 'topic:tennis']);
    expect(after.profile.every(([, weight]) => Number.isFinite(weight))).toBe(true);
    expect(after.unhandled).toEqual([]);
    expect(errors).toEqual([]);
    // Since writes wait until the slots are ordered, the drop can be reported after export() resolves: wait for it, then count.
    await expect.poll(() => warnings.filter((text) => text.startsWith('[attune]')).length).toBeGreaterThan(0);
    expect(warnings.filter((text) => text.startsWith('[attune]'))).toEqual([expect.stringMatching(/^\[attune\] dropped: /)]);
    // The next page view finds storage whole again: nothing more to drop.
    await reopen(tab);
    expect(await statusOf(tab)).toBe('indexeddb');
    expect((await readStoredInteractions(tab)).map(({ item }) => item)).toEqual(['tennis-0', 'tennis-1', 'tennis-2', 'golf-0']);
    await context.close();
  });
});

describe('an aborted transaction', () => {
  it('leaks no unhandled rejection into the page, and loses no interaction', async () => {
    const { context, origin } = await session.newVisitor();
    const tab = await newTab(context);
    await tab.addInitScript(() => {
      // Every write of the profile (the catch-up's) aborts its transaction, as a failing disk or quota would.
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        const request = put.apply(this, args);
        if (this.name === 'profile') this.transaction.abort();
        return request;
      };
    });
    await openFront(tab, origin);
    await trackClicks(tab, 3, 'tennis');
    await tab.evaluate(() => window.e2eInstance!.flush());
    await tab.waitForTimeout(100);
    expect(await tab.evaluate(() => window.e2eUnhandled)).toEqual([]);
    expect((await readStoredInteractions(tab)).map(({ item }) => item)).toEqual(['tennis-0', 'tennis-1', 'tennis-2']);
    expect(await statusOf(tab)).toBe('indexeddb');
  });
});
