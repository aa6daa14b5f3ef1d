import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser';
import { SITE_ORDER, clickLatestTennisStories, readSlot } from './front-page';

const session = useBrowser();

/** The tennis story with a focusable "Save" button; past the slot's limit in the site order. */
const STORY = 'f-tennis-1';
const storySelector = `[data-attune-slot="front"] > [data-attune-item="${STORY}"]`;

/**
 * On the npm-module fixture (no autoApply): waits for the instance, teaches it
 * tennis by clicking, marks the story element with an expando and a click
 * counter, focuses its button, then calls `apply()`.
 */
async function applyWithMarkedStory(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await window.e2eAttune;
  });
  await clickLatestTennisStories(page);
  await page.evaluate((selector) => {
    const story = document.querySelector(selector);
    if (!story) throw new Error(`no ${selector}`);
    window.e2eMarkedItem = story;
    Object.assign(story, { e2eExpando: 'set before apply()' });
    window.e2eItemClicks = 0;
    story.addEventListener('click', () => {
      window.e2eItemClicks = (window.e2eItemClicks ?? 0) + 1;
    });
  }, storySelector);
  await page.locator(`${storySelector} button`).focus();
  await page.evaluate(async () => {
    const attune = await window.e2eAttune;
    attune?.apply();
  });
  // The story did move, or there would be nothing to test.
  const place = (await readSlot(page)).findIndex(({ id }) => id === STORY);
  expect(place).toBeLessThan(SITE_ORDER.indexOf(STORY));
}

describe('apply() from the npm module', () => {
  it('moves the item element itself, with its expando intact', async () => {
    const { page, goto } = await session.newVisitor();
    await goto('module.html');
    await applyWithMarkedStory(page);

    const identity = await page.evaluate((selector) => {
      const story = document.querySelector(selector);
      return { same: story === window.e2eMarkedItem, expando: story === null ? undefined : Reflect.get(story, 'e2eExpando') };
    }, storySelector);
    expect(identity).toEqual({ same: true, expando: 'set before apply()' });
  });

  it("keeps the item's event listeners working", async () => {
    const { page, goto } = await session.newVisitor();
    await goto('module.html');
    await applyWithMarkedStory(page);

    await page.locator(storySelector).click();
    expect(await page.evaluate(() => window.e2eItemClicks)).toBe(1);
  });

  it('keeps focus on the button inside the moved item', async () => {
    const { page, goto } = await session.newVisitor();
    await goto('module.html');
    await applyWithMarkedStory(page);

    const focused = await page.evaluate((selector) => document.activeElement === document.querySelector(`${selector} button`), storySelector);
    expect(focused).toBe(true);
  });
});
