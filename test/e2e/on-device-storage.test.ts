import { describe, it, expect } from 'vitest';
import { useBrowser } from './browser';
import {
  LATEST_TENNIS_STORIES,
  SITE_ORDER,
  callInstance,
  clickLatestTennisStories,
  learnTennisOnFrontPage,
  readSlot,
  readStoredInteractions,
  waitForScriptTagReady,
  waitForSlotShown,
  waitForStoredInteractions,
} from './front-page';

const session = useBrowser();

describe('what the script tag keeps in IndexedDB attune:e2e', () => {
  it('stores each click with the clicked item and its features', async () => {
    const { page, goto } = await session.newVisitor();
    await goto('front.html');
    await clickLatestTennisStories(page);
    await waitForStoredInteractions(page, 'click', 3);

    const clicks = (await readStoredInteractions(page)).filter(({ type }) => type === 'click');
    expect(clicks.map(({ item }) => item)).toEqual(LATEST_TENNIS_STORIES);
    for (const click of clicks) expect(click.features, click.item).toContain('topic:tennis');
  });

  it('keeps only coarse context buckets with a click', async () => {
    const { page, goto } = await session.newVisitor();
    await goto('front.html');
    await clickLatestTennisStories(page);
    await waitForStoredInteractions(page, 'click', 3);

    const [click] = (await readStoredInteractions(page)).filter(({ type }) => type === 'click');
    expect(click?.context).toMatchObject({
      daypart: expect.stringMatching(/^(night|morning|afternoon|evening)$/),
      week: expect.stringMatching(/^(weekday|weekend)$/),
      device: 'desktop',
      referrer: 'direct',
    });
  });

  it('records a view of an article page', async () => {
    const { page, goto } = await session.newVisitor();
    await goto('article.html');
    await waitForScriptTagReady(page);
    await waitForStoredInteractions(page, 'view', 1);

    const [view] = (await readStoredInteractions(page)).filter(({ type }) => type === 'view');
    expect(view).toMatchObject({ item: 'f-tennis-1', features: ['topic:tennis', 'author:jane'] });
  });

  it('stores the visible time on an article page when the visitor leaves it', async () => {
    const { page, goto } = await session.newVisitor();
    await goto('article.html');
    await waitForStoredInteractions(page, 'view', 1);
    // Dwell counts from a second of visible time.
    await page.waitForFunction(() => performance.now() > 1500);
    // The dwell is recorded at pagehide, so only that page's last write can store it.
    await page.reload();

    await waitForStoredInteractions(page, 'dwell', 1);
    const [dwell] = (await readStoredInteractions(page)).filter(({ type }) => type === 'dwell');
    expect(dwell).toMatchObject({ item: 'f-tennis-1', value: expect.any(Number) });
    expect(dwell?.value).toBeGreaterThanOrEqual(1000);
  });
});

describe('erase()', () => {
  it('leaves no Attune database behind, and the next page view starts in the site order', async () => {
    const visitor = await session.newVisitor();
    await learnTennisOnFrontPage(visitor);
    const { page } = visitor;
    await callInstance(page, 'erase');
    const names = await page.evaluate(async () => (await indexedDB.databases()).map(({ name }) => name));
    expect(names).not.toContain('attune:e2e');

    // The fixture asserts consent (data-consent="granted"), so the reload opens an empty database.
    await page.reload();
    await waitForSlotShown(page);
    expect((await readSlot(page)).map(({ id }) => id)).toEqual(SITE_ORDER);
  });
});
