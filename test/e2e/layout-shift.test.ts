import { describe, it, expect } from 'vitest';
import { useBrowser } from './browser';
import { afterNextFrames, recordLayoutShifts } from './layout-shifts';
import { SITE_ORDER, learnTennisOnFrontPage, readSlot, waitForSlotShown } from './front-page';

const session = useBrowser();

describe('layout stability', () => {
  it('shifts nothing when a stored profile reorders the front page on load', async () => {
    const visitor = await session.newVisitor();
    await visitor.context.addInitScript(recordLayoutShifts);
    await learnTennisOnFrontPage(visitor);
    await visitor.page.reload();
    await waitForSlotShown(visitor.page);
    await visitor.page.waitForLoadState('load');
    await afterNextFrames(visitor.page);

    // The order did change, so there was something that could have shifted.
    expect((await readSlot(visitor.page)).map(({ id }) => id)).not.toEqual(SITE_ORDER);
    const supported = await visitor.page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('layout-shift'));
    expect(supported, 'Chromium reports layout-shift entries').toBe(true);
    const shifts = (await visitor.page.evaluate(() => window.e2eLayoutShifts)) ?? [];
    const unexpected = shifts.filter(({ hadRecentInput }) => !hadRecentInput);
    const total = unexpected.reduce((sum, { value }) => sum + value, 0);
    expect(total, JSON.stringify(unexpected)).toBe(0);
  });
});
