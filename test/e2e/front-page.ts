/**
 * What the tests know about the front page fixture (fixtures/front.html and
 * its copies), and how they read its slot and the visitor's IndexedDB.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Interaction } from '../../src/types';
import type { Visitor } from './browser';

/** The front slot's stories in the site's own order. */
export const SITE_ORDER = [
  'f-politics',
  'f-editor',
  'f-cooking',
  'f-golf',
  'f-tennis-1',
  'f-economy',
  'f-tennis-2',
  'f-tennis-3',
];
export const TENNIS_STORIES = ['f-tennis-1', 'f-tennis-2', 'f-tennis-3'];
/**
 * The first tennis story by jane: the closest to the clicks (two of the three
 * clicked stories are hers). Her second is a near-copy of it, which the
 * default diversity holds back behind something different.
 */
const CLOSEST_MATCHES = ['f-tennis-1'];

/**
 * What the tennis fan should see in the front slot: no tennis story lower than
 * in the site's order, and the closest matches higher. How far each moves is
 * the ranking's business (personalization nudges the site's order).
 */
export function expectTennisLifted(ids: readonly string[]): void {
  for (const id of TENNIS_STORIES) expect(ids.indexOf(id), id).toBeLessThanOrEqual(SITE_ORDER.indexOf(id));
  for (const id of CLOSEST_MATCHES) expect(ids.indexOf(id), id).toBeLessThan(SITE_ORDER.indexOf(id));
}
/** Has `data-attune-pin`. */
export const PINNED_STORY = 'f-editor';
/** The slot's `data-attune-limit`. */
export const SLOT_LIMIT = 4;
/**
 * Tennis stories in the "Latest" list. It is not a slot, so on a first visit,
 * when every tennis story of the front slot is past its limit, these are the
 * tennis stories a visitor can click.
 */
export const LATEST_TENNIS_STORIES = ['l-tennis-a', 'l-tennis-b', 'l-tennis-c'];

export const DATABASE_NAME = 'attune:e2e';

export async function clickLatestTennisStories(page: Page): Promise<void> {
  for (const id of LATEST_TENNIS_STORIES) await page.locator(`[data-attune-item="${id}"]`).click();
}

/** Waits until the slot is shown: ordered, or left in the site order once the render budget ran out. */
export async function waitForSlotShown(page: Page, slot = 'front'): Promise<void> {
  await page.waitForFunction((name) => document.querySelector(`[data-attune-slot="${name}"][data-attune-ready]`) !== null, slot);
}

/** Waits until the script tag's instance is ready, which is when it replaces `window.attune_queue`. */
export async function waitForScriptTagReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.attune_queue !== undefined && !Array.isArray(window.attune_queue));
}

export interface SlotEntry {
  id: string;
  hidden: boolean;
  /** The text of its `[data-attune-reason]`. */
  reason: string;
}

/** The slot's items in their current DOM order. */
export function readSlot(page: Page, slot = 'front'): Promise<SlotEntry[]> {
  return page.$$eval(`[data-attune-slot="${slot}"] > [data-attune-item]`, (items) =>
    items.map((item) => ({
      id: item.getAttribute('data-attune-item') ?? '',
      hidden: item.hasAttribute('hidden'),
      reason: item.querySelector('[data-attune-reason]')?.textContent ?? '',
    })),
  );
}

/**
 * Every interaction stored in the visitor's database, read with the raw
 * IndexedDB API. Never creates the database: opening a missing one would
 * create it empty, at version 1, without the SDK's stores.
 */
export function readStoredInteractions(page: Page, databaseName = DATABASE_NAME): Promise<Interaction[]> {
  return page.evaluate(async (name) => {
    const databases = await indexedDB.databases();
    if (!databases.some((info) => info.name === name)) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('events')) return [];
      return await new Promise<Interaction[]>((resolve, reject) => {
        const request = db.transaction('events').objectStore('events').getAll();
        request.onsuccess = () => resolve(request.result as Interaction[]);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, databaseName);
}

/** Waits until IndexedDB holds `count` interactions of `type` (the SDK writes in batches about a second apart). */
export async function waitForStoredInteractions(page: Page, type: string, count: number): Promise<void> {
  await expect
    .poll(async () => (await readStoredInteractions(page)).filter((interaction) => interaction.type === type).length, {
      timeout: 5000,
      interval: 100,
    })
    .toBe(count);
}

/** Calls the script tag's instance through the command queue, as a consent banner would, and waits for it. */
export function callInstance(page: Page, call: 'grant' | 'deny' | 'erase'): Promise<void> {
  return page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        window.attune_queue?.push((attune) => (name === 'erase' ? attune.erase() : attune.consent[name]()).then(resolve, reject));
      }),
    call,
  );
}

/** A first visit to the front page that clicks three tennis stories and waits until they are stored. */
export async function learnTennisOnFrontPage(visitor: Visitor): Promise<void> {
  await visitor.goto('front.html');
  await clickLatestTennisStories(visitor.page);
  await waitForStoredInteractions(visitor.page, 'click', 3);
}

/** The front page as a returning tennis fan sees it: {@link learnTennisOnFrontPage}, then a reload. */
export async function visitAsTennisFan(visitor: Visitor): Promise<void> {
  await learnTennisOnFrontPage(visitor);
  await visitor.page.reload();
  await waitForSlotShown(visitor.page);
}
