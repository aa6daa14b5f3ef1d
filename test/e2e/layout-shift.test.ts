import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser';
import { SITE_ORDER, learnTennisOnFrontPage, readSlot, waitForSlotShown } from './front-page';

const session = useBrowser();

/** A `layout-shift` entry (https://wicg.github.io/layout-instability/#sec-layout-shift); not in TypeScript's DOM lib. */
interface LayoutShiftEntry extends PerformanceEntry {
  value: number;
  hadRecentInput: boolean;
  sources: readonly { node: Node | null }[];
}

/** Runs in every document of the context before its own scripts: collects layout shifts from the start. */
function recordLayoutShifts(): void {
  const shifts: NonNullable<Window['e2eLayoutShifts']> = [];
  window.e2eLayoutShifts = shifts;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as LayoutShiftEntry[]) {
      shifts.push({
        value: entry.value,
        hadRecentInput: entry.hadRecentInput,
        sources: entry.sources.map(({ node }) =>
          node instanceof Element ? `${node.nodeName} ${node.getAttribute('data-attune-item') ?? ''}`.trim() : String(node?.nodeName),
        ),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** Waits two frames, so shifts from the last rendering step have been reported. */
function afterNextFrames(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

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
