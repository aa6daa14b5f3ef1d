import { describe, it, expect } from 'vitest';
import { useBrowser } from './browser';
import {
  PINNED_STORY,
  SITE_ORDER,
  SLOT_LIMIT,
  TENNIS_STORIES,
  clickLatestTennisStories,
  expectTennisLifted,
  readSlot,
  visitAsTennisFan,
  waitForSlotShown,
  waitForStoredInteractions,
} from './front-page';

const session = useBrowser();

describe('the front slot, for a visitor who clicks tennis stories', () => {
  it('shows the site order on the first visit', async () => {
    const { page, goto } = await session.newVisitor();
    await goto('front.html');
    await waitForSlotShown(page);

    expect((await readSlot(page)).map(({ id }) => id)).toEqual(SITE_ORDER);
  });

  it('moves the tennis stories up when the page is reloaded right after the clicks', async () => {
    const { page, goto } = await session.newVisitor();
    await goto('front.html');
    await clickLatestTennisStories(page);
    // No wait for the batched write: the clicks must be stored before the page is left.
    await page.reload();
    await waitForSlotShown(page);

    expectTennisLifted((await readSlot(page)).map(({ id }) => id));
  });

  it('moves the tennis stories up on the next visit once the batched write has landed', async () => {
    const { page, goto } = await session.newVisitor();
    await goto('front.html');
    await clickLatestTennisStories(page);
    await waitForStoredInteractions(page, 'click', 3);
    await page.reload();
    await waitForSlotShown(page);

    expectTennisLifted((await readSlot(page)).map(({ id }) => id));
  });

  it("orders the slot on the next visit before IndexedDB has opened, from the profile's copy", async () => {
    const { page, goto, context } = await session.newVisitor();
    // Before any page script: which comes first, the page's first open succeeding or the slot shown. In order of
    // events rather than by performance.now(), whose coarse ticks gave both the same time on a busy machine.
    await context.addInitScript(() => {
      const seen = ((window as { seen?: string[] }).seen = [] as string[]);
      const first = (event: string) => seen.includes(event) || seen.push(event);
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (...args: Parameters<typeof open>) {
        const request = open.apply(this, args);
        request.addEventListener('success', () => first('opened'));
        return request;
      };
      new MutationObserver(() => {
        if (document.querySelector('[data-attune-slot="front"][data-attune-ready]')) first('shown');
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-attune-ready'] });
    });
    await goto('front.html');
    await clickLatestTennisStories(page);
    await waitForStoredInteractions(page, 'click', 3);
    await page.reload();
    await waitForSlotShown(page);
    await page.waitForFunction(() => (window as { seen?: string[] }).seen?.includes('opened'));

    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['shown', 'opened']);
    expectTennisLifted((await readSlot(page)).map(({ id }) => id));
  });

  it('brings a tennis story that was past the limit into view', async () => {
    const visitor = await session.newVisitor();
    await visitAsTennisFan(visitor);

    const shown = (await readSlot(visitor.page)).filter(({ hidden }) => !hidden).map(({ id }) => id);
    expect(shown.some((id) => TENNIS_STORIES.includes(id))).toBe(true);
  });

  it('keeps the pinned story at its index', async () => {
    const visitor = await session.newVisitor();
    await visitAsTennisFan(visitor);

    const ids = (await readSlot(visitor.page)).map(({ id }) => id);
    expect(ids).not.toEqual(SITE_ORDER);
    expect(ids.indexOf(PINNED_STORY)).toBe(SITE_ORDER.indexOf(PINNED_STORY));
  });

  it('hides exactly the items past data-attune-limit', async () => {
    const visitor = await session.newVisitor();
    await visitAsTennisFan(visitor);

    const slot = await readSlot(visitor.page);
    expect(slot.map(({ hidden }) => hidden)).toEqual(SITE_ORDER.map((_, place) => place >= SLOT_LIMIT));
    // The fixture's CSS keeps `[hidden]` hidden; check the browser agrees.
    for (const { id, hidden } of slot) {
      expect(await visitor.page.locator(`[data-attune-item="${id}"]`).isVisible(), id).toBe(!hidden);
    }
  });

  it('explains a lifted tennis story by the interest in tennis', async () => {
    const visitor = await session.newVisitor();
    await visitAsTennisFan(visitor);

    const slot = await readSlot(visitor.page);
    const lifted = slot.find(({ id }, place) => TENNIS_STORIES.includes(id) && place < SITE_ORDER.indexOf(id));
    expect(lifted, 'a tennis story above its site position').toBeDefined();
    expect(lifted?.reason).toMatch(/tennis/i);
  });
});
