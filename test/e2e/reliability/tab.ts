/**
 * What the reliability tests share: tabs of one visitor (pages of one browser
 * context) on the front page, each keeping the script tag's instance where a
 * test can reach it, and raw looks at the visitor's IndexedDB.
 */
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { StorageStatus } from '../../../src/types';
import { DATABASE_NAME, waitForScriptTagReady } from '../front-page';

/** Runs in each tab before its scripts: keeps the instance once ready, and counts unhandled rejections. */
function keepInstance(): void {
  window.attune_queue = [(attune) => void (window.e2eInstance = attune)];
  window.e2eUnhandled = [];
  window.addEventListener('unhandledrejection', (event) => window.e2eUnhandled!.push(String(event.reason)));
}

export interface TabOptions {
  /** The site asks for consent (`data-consent="required"`) instead of asserting it. */
  consentRequired?: boolean;
  /** Milliseconds `indexedDB.databases()` answers late, as a busy browser's may. */
  databasesDelay?: number;
}

/** A new tab of the visitor, not yet navigated. */
export async function newTab(context: BrowserContext, { consentRequired, databasesDelay }: TabOptions = {}): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(keepInstance);
  if (databasesDelay !== undefined) {
    await page.addInitScript((delay) => {
      const databases = IDBFactory.prototype.databases;
      IDBFactory.prototype.databases = function (this: IDBFactory) {
        return new Promise((resolve) => setTimeout(resolve, delay)).then(() => databases.call(this));
      };
    }, databasesDelay);
  }
  if (consentRequired) {
    await page.route('**/fixtures/front.html', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: (await response.text()).replace('data-consent="granted"', 'data-consent="required"') });
    });
  }
  return page;
}

/** Opens the front page in a tab and waits for the script tag's instance. */
export async function openFront(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/test/e2e/fixtures/front.html`);
  await waitForScriptTagReady(page);
}

export function statusOf(page: Page): Promise<StorageStatus> {
  return page.evaluate(() => window.e2eInstance!.status);
}

export async function waitForStatus(page: Page, status: StorageStatus): Promise<void> {
  await expect.poll(() => statusOf(page), { timeout: 5000, interval: 20 }).toBe(status);
}

/** Whether the visitor's browser holds Attune's database, asked without opening it. */
export function hasDatabase(page: Page): Promise<boolean> {
  return page.evaluate(async (name) => (await indexedDB.databases()).some((info) => info.name === name), DATABASE_NAME);
}

/** Tracks `count` clicks on made-up items in a tab, without storing them yet. */
export function trackClicks(page: Page, count: number, prefix: string): Promise<void> {
  return page.evaluate(
    ([count, prefix]) => {
      for (let i = 0; i < count; i++) window.e2eInstance!.track('click', { item: `${prefix}-${i}`, features: ['topic:tennis'] });
    },
    [count, prefix] as const,
  );
}
