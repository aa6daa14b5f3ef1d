import { describe, it, expect } from 'vitest';
import { useBrowser } from './browser';
import { clickLatestTennisStories, waitForSlotShown, waitForStoredInteractions } from './front-page';

const session = useBrowser();

describe('network use', () => {
  it("contacts no origin but the site's own across a load, clicks and a reload", async () => {
    const { page, goto, origin, requests } = await session.newVisitor();
    await goto('front.html');
    await waitForSlotShown(page);
    await clickLatestTennisStories(page);
    await waitForStoredInteractions(page, 'click', 3);
    await page.reload();
    await waitForSlotShown(page);

    // The recorder saw the page's own requests, so an empty list proves nothing by accident.
    expect(requests).toContain(`${origin}/dist/attune.min.js`);
    for (const url of requests) expect(new URL(url).origin, url).toBe(origin);
  });
});
