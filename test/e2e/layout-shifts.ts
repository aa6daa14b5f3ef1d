/** Recording layout shifts in a page (the Layout Instability API), for tests that promise none. */
import type { Page } from 'playwright-core';

/** A `layout-shift` entry (https://wicg.github.io/layout-instability/#sec-layout-shift); not in TypeScript's DOM lib. */
interface LayoutShiftEntry extends PerformanceEntry {
  value: number;
  hadRecentInput: boolean;
  sources: readonly { node: Node | null }[];
}

/** Runs in every document of the context before its own scripts: collects layout shifts from the start. */
export function recordLayoutShifts(): void {
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
export function afterNextFrames(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/** The total of the layout shifts the page recorded that no input caused, and what shifted. */
export async function unexpectedShift(page: Page): Promise<{ total: number; shifts: string }> {
  const shifts = ((await page.evaluate(() => window.e2eLayoutShifts)) ?? []).filter(({ hadRecentInput }) => !hadRecentInput);
  return { total: shifts.reduce((sum, { value }) => sum + value, 0), shifts: JSON.stringify(shifts) };
}
