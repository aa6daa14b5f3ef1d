import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, it, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { AttuneExport } from '../../src/types';
import { STRICT_POLICY, recordViolations, serveFixture, useBrowser, violations, type Visitor } from './browser';
import { DATABASE_NAME, SITE_ORDER, TENNIS_STORIES, clickLatestTennisStories, readSlot, waitForScriptTagReady, waitForSlotShown } from './front-page';

const session = useBrowser();
const require = createRequire(import.meta.url);

/** The panel's row for an interest; Playwright's locators pierce its open shadow root. */
function interestRow(page: Page, label: string): Locator {
  return page.locator('attune-panel li').filter({ has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) });
}

async function readWeight(page: Page, label: string): Promise<number> {
  return Number.parseFloat(await interestRow(page, label).locator('.weight').innerText());
}

/** Opens the fixture and clicks three tennis stories; the panel shows what they taught. */
async function openAsTennisReader(visitor: Visitor): Promise<void> {
  await visitor.goto('panel.html');
  await waitForScriptTagReady(visitor.page);
  await clickLatestTennisStories(visitor.page);
  await expect.poll(() => interestRow(visitor.page, 'topic tennis').count()).toBe(1);
}

/** The front slot's stories a visitor sees (not past its limit), in order, with their reasons. */
async function shownStories(page: Page): Promise<{ id: string; reason: string }[]> {
  return (await readSlot(page)).filter(({ hidden }) => !hidden).map(({ id, reason }) => ({ id, reason }));
}

/** Runs axe-core on the panel and lists its violations by rule, with how many nodes break each. */
async function panelViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Element): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document.querySelector('attune-panel')!);
    return result.violations.map(({ id, nodes }) => `${id} (${nodes.length})`);
  });
}

describe('<attune-panel>', () => {
  it('shows tennis with a bar after tennis clicks, and "More tennis" raises its weight', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openAsTennisReader(visitor);
    const row = interestRow(page, 'topic tennis');
    // Polled: each click on the page renders the panel again, replacing the bar.
    await expect.poll(() => row.locator('.fill').evaluate((fill) => fill.getBoundingClientRect().width)).toBeGreaterThan(0);
    const before = await readWeight(page, 'topic tennis');

    await page.getByRole('button', { name: 'More topic tennis' }).click();
    await expect.poll(() => readWeight(page, 'topic tennis')).toBeGreaterThan(before);
    // Focus stays on the button the visitor pressed, though the panel rendered again.
    expect(await page.evaluate(() => document.querySelector('attune-panel')?.shadowRoot?.activeElement?.textContent)).toBe('More topic tennis');
    expect(visitor.pageErrors).toEqual([]);
  });

  it('"Remove tennis" forgets the interest, and "Pause personalization" is a toggle that lasts across page views', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openAsTennisReader(visitor);
    await page.getByRole('button', { name: 'Remove topic tennis' }).click();
    await expect.poll(() => interestRow(page, 'topic tennis').count()).toBe(0);
    const stored = await page.evaluate(async () =>
      new Promise<string[]>((resolve) =>
        window.attune_queue?.push(async (attune) => resolve((await attune.export()).interactions.flatMap(({ features }) => features))),
      ),
    );
    expect(stored).not.toContain('topic:tennis');

    const pause = page.getByRole('button', { name: 'Pause personalization' });
    expect(await pause.getAttribute('aria-pressed')).toBe('false');
    await pause.click();
    await expect.poll(() => pause.getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await waitForScriptTagReady(page);
    await expect.poll(() => page.getByRole('button', { name: 'Pause personalization' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('"Why this?" on a slot item shows why it is there, in words, and counts as no interest', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openAsTennisReader(visitor);
    await page.reload();
    await waitForScriptTagReady(page);
    const clicksBefore = await page.evaluate(
      () => new Promise<number>((resolve) => window.attune_queue?.push(async (attune) => resolve((await attune.export()).interactions.filter(({ type }) => type === 'click').length))),
    );
    const why = page.locator('[data-attune-item="f-tennis-1"] [data-attune-why]');
    await why.click();
    const note = page.locator('[data-attune-item="f-tennis-1"] .attune-why');
    await expect.poll(() => note.innerText()).toMatch(/You opened \d+ items? about (tennis \(topic\)|jane \(author\)) this week/);
    expect(await why.getAttribute('aria-expanded')).toBe('true');
    expect(await why.getAttribute('aria-controls')).toBe(await note.getAttribute('id'));
    const clicksAfter = await page.evaluate(
      () => new Promise<number>((resolve) => window.attune_queue?.push(async (attune) => resolve((await attune.export()).interactions.filter(({ type }) => type === 'click').length))),
    );
    expect(clicksAfter).toBe(clicksBefore);
    await why.click();
    expect(await note.count()).toBe(0);
    expect(await why.getAttribute('aria-expanded')).toBe('false');
  });

  it('says what aggregate reports may reveal and when the last one was sent, where the site turned them on', async () => {
    const visitor = await session.newVisitor();
    const { page, origin, requests } = visitor;
    const reporting = { endpoint: '/attune-reports', epsilon: 1, features: ['topic:tennis', 'topic:golf'], period: '7d' };
    const config = `<script>window.attune_config = { reporting: ${JSON.stringify(reporting)} };</script>`;
    await serveFixture(page, 'panel.html', { markup: (html) => html.replace('<script src="/dist/attune.min.js"', `${config}<script src="/dist/attune.min.js"`) });
    await page.route('**/attune-reports', (route) => route.fulfill({ status: 204 }));
    await openAsTennisReader(visitor);
    await expect.poll(() => requests.filter((url) => url === `${origin}/attune-reports`).length).toBe(1);
    await page.reload();
    await waitForScriptTagReady(page);
    await expect
      .poll(async () => (await page.locator('attune-panel p').allInnerTexts()).join(' '))
      .toMatch(/one anonymous report at most every 7 days.*ε = 1 per report; the last on /s);
    expect(requests.filter((url) => url === `${origin}/attune-reports`)).toHaveLength(1);
  });

  it('"Download my data" saves the export as a JSON file', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openAsTennisReader(visitor);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toBe('attune-e2e.json');
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as AttuneExport;
    expect(exported.format).toBe('attune-export');
    expect(exported.interactions.filter(({ type }) => type === 'click')).toHaveLength(3);
  });

  it('"Delete everything" asks inside the panel, then deletes the database and empties the list', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openAsTennisReader(visitor);
    await page.getByRole('button', { name: 'Delete everything' }).click();
    // Nothing is deleted until the visitor confirms; Cancel has focus, the safe choice.
    expect(await page.evaluate(() => document.querySelector('attune-panel')?.shadowRoot?.activeElement?.textContent)).toBe('Cancel');
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();

    await expect.poll(() => page.locator('attune-panel li').count()).toBe(0);
    await expect.poll(() => page.locator('attune-panel').getByText('Nothing learned yet.').count()).toBe(1);
    const names = await page.evaluate(async () => (await indexedDB.databases()).map(({ name }) => name));
    expect(names).not.toContain(DATABASE_NAME);

    // The fixture's site asserts consent itself: the panel says what the next page views do.
    const panelText = () => page.locator('attune-panel section').innerText();
    await expect.poll(panelText).toContain('Deleted from this device. Nothing more is kept in this tab unless you agree to storage.');
    expect(await panelText()).toContain('in a new tab or window, or once you close this tab, it starts keeping it again');
    await page.reload();
    await waitForScriptTagReady(page);
    await expect.poll(panelText).toContain('Not kept: you deleted everything earlier in this tab');
    expect(await page.evaluate(async () => (await indexedDB.databases()).map(({ name }) => name))).not.toContain(DATABASE_NAME);
  });

  it('lists the interests that matter with their kind, the weaker under "and N more", and none that reads 0.0', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await visitor.goto('panel.html');
    await waitForScriptTagReady(page);
    await page.evaluate(() =>
      window.attune_queue!.push((attune) => {
        attune.prefer('topic:tennis', 1);
        attune.prefer('author:jane-doe', 1);
        // Each under a twentieth of the profile's total weight.
        for (const feature of ['topic:golf', 'topic:rowing', 'price:budget']) attune.prefer(feature, 0.05);
        // Too faint to show a weight.
        for (const feature of ['topic:chess', 'bob']) attune.prefer(feature, 0.001);
      }),
    );
    // The panel shows what the page taught after the visitor's next click on it.
    await page.mouse.click(1, 1);
    const labels = (list: Locator) => list.locator(':scope > li .label').allInnerTexts();
    const upFront = page.locator('attune-panel .interests > ul');
    await expect.poll(() => labels(upFront)).toEqual(expect.arrayContaining(['topic tennis', 'author jane doe']));
    const upFrontLabels = await labels(upFront);
    for (const weak of ['topic golf', 'topic rowing', 'price budget', 'topic chess', 'tag bob']) expect(upFrontLabels).not.toContain(weak);

    const more = page.locator('attune-panel details');
    expect(await more.locator('summary').innerText()).toMatch(/^and \d+ more$/);
    await more.locator('summary').click();
    const weaker = await labels(more.locator('ul'));
    expect(weaker).toEqual(expect.arrayContaining(['topic golf', 'topic rowing', 'price budget']));
    expect(await more.locator('summary').innerText()).toBe(`and ${weaker.length} more`);
    expect(weaker).not.toContain('topic chess');
    await expect.poll(() => page.locator('attune-panel section').innerText()).toMatch(/\d+ more are too faint to list/);

    // Every row names its kind, and no weight reads 0.0.
    for (const weight of await page.locator('attune-panel li .weight').allInnerTexts()) expect(Number.parseFloat(weight)).not.toBe(0);
    for (const kind of await page.locator('attune-panel li .kind').allInnerTexts()) expect(kind).not.toBe('');
    // "and N more" stays open as the panel renders again after a click inside it.
    await page.getByRole('button', { name: 'More topic golf' }).click();
    await expect.poll(() => more.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
  });

  it('works under a strict Content Security Policy, panel and "Why this?" included, with no violation', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await page.addInitScript(recordViolations);
    await serveFixture(page, 'panel.html', { headers: { 'content-security-policy': STRICT_POLICY } });
    await openAsTennisReader(visitor);
    await page.getByRole('button', { name: 'More topic tennis' }).click();
    await page.reload();
    await waitForScriptTagReady(page);
    await page.locator('[data-attune-item="f-tennis-1"] [data-attune-why]').click();
    await expect.poll(() => page.locator('.attune-why').count()).toBe(1);
    expect(await violations(page)).toEqual([]);
  });

  it('makes no request except to its own origin', async () => {
    const visitor = await session.newVisitor();
    const { page, requests, origin } = visitor;
    await openAsTennisReader(visitor);
    await page.getByRole('button', { name: 'More topic tennis' }).click();
    await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
    expect(requests).toContain(`${origin}/dist/attune-panel.min.js`);
    // A blob: URL's origin is the page's.
    for (const url of requests) expect(new URL(url).origin, url).toBe(origin);
  });

  it('has no accessibility violations (axe-core), in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const visitor = await session.newVisitor();
      const { page } = visitor;
      await page.emulateMedia({ colorScheme });
      await openAsTennisReader(visitor);
      for (const confirming of [false, true]) {
        if (confirming) await page.getByRole('button', { name: 'Delete everything' }).click();
        expect(await panelViolations(page), `${colorScheme}${confirming ? ', confirming' : ''}`).toEqual([]);
      }
    }
  });

  it('"What you see" turns from "More of what I like" to "Surprise me" by keyboard, reorders the slot at once, and keeps its place', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    // Every story in view, so each place the dial changes is seen.
    await serveFixture(page, 'panel.html', { markup: (html) => html.replace(' data-attune-limit="4"', '') });
    await openAsTennisReader(visitor);
    // A returning tennis reader: the slot is ordered for them when the page loads.
    await page.reload();
    await waitForScriptTagReady(page);
    const dial = page.getByRole('slider', { name: 'What you see' });
    // The site's defaults put the dial at a sixth of its range.
    expect(await dial.getAttribute('aria-valuetext')).toBe('Mostly what I like');
    await dial.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => dial.getAttribute('aria-valuetext')).toBe('More of what I like');
    // Read through locators, which find the panel's nodes anew should it render again meanwhile (its export arriving, storage settling).
    const description = await page.locator(`attune-panel #${await dial.getAttribute('aria-describedby')}`).textContent();
    expect(description).toMatch(/Surprise me.*not tried/);
    // Stories from outside tennis that the dial brought in, by their reason.
    const surprises = async () =>
      (await shownStories(page)).filter(({ id, reason }) => !TENNIS_STORIES.includes(id) && /^(Something new to try|Something different)$/.test(reason));
    await expect.poll(surprises).toEqual([]);

    await page.keyboard.press('End');
    await expect.poll(() => dial.getAttribute('aria-valuetext')).toBe('Surprise me');
    // Reordered without a reload.
    await expect.poll(async () => (await surprises()).length).toBeGreaterThan(0);
    const [surprise] = await surprises();
    const explained = await page.evaluate(
      (id) => new Promise<string[]>((resolve) => window.attune_queue?.push(async (attune) => resolve(await attune.explain(id)))),
      surprise!.id,
    );
    expect(explained).toContain(surprise!.reason);
    expect(await page.evaluate(() => document.querySelector('attune-panel')?.shadowRoot?.activeElement?.id)).toBe('attune-dial');
    expect(await panelViolations(page)).toEqual([]);

    await page.reload();
    await waitForScriptTagReady(page);
    await expect.poll(() => page.getByRole('slider', { name: 'What you see' }).getAttribute('aria-valuetext')).toBe('Surprise me');
    expect(await page.getByRole('slider', { name: 'What you see' }).inputValue()).toBe('1');
    expect((await surprises()).length).toBeGreaterThan(0);
    expect(visitor.pageErrors).toEqual([]);
  });

  it('disables "What you see" while personalization is paused', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openAsTennisReader(visitor);
    const dial = page.getByRole('slider', { name: 'What you see' });
    expect(await dial.isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Pause personalization' }).click();
    await expect.poll(() => dial.isDisabled()).toBe(true);
    expect(await panelViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Pause personalization' }).click();
    await expect.poll(() => dial.isEnabled()).toBe(true);
  });

  it('is a named region, and Tab reaches its controls in reading order', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openAsTennisReader(visitor);
    expect(await page.getByRole('region', { name: 'Your interests' }).count()).toBe(1);
    expect(await page.locator('attune-panel').getByRole('list').count()).toBe(1);

    // A control's name: a button's text, the dial's label. The panel renders again as storage settles, so it is read once it has.
    const names = () =>
      page
        .locator('attune-panel :is(button, input)')
        .evaluateAll((controls) => controls.map((control) => (control as HTMLInputElement).labels?.[0]?.textContent ?? control.textContent));
    await expect.poll(async () => (await names()).slice(-4)).toEqual(['What you see', 'Pause personalization', 'Download my data', 'Delete everything']);
    const expected = await names();
    expect(expected.slice(0, 3)).toEqual(['More topic tennis', 'Less topic tennis', 'Remove topic tennis']);
    // From the top of the page: the page's own tab stops (the slot's Save button, if shown) come first.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const reached: string[] = [];
    for (let presses = 0; presses < expected.length + 3 && reached.length < expected.length; presses++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const control = document.querySelector('attune-panel')?.shadowRoot?.activeElement as HTMLInputElement | null | undefined;
        return control?.labels?.[0]?.textContent ?? control?.textContent;
      });
      if (focused) reached.push(focused);
    }
    expect(reached).toEqual(expected);
  });

  it("keeps a visitor drawn into the holdout in the site's order across reloads, learning, and says so in the panel", async () => {
    const visitor = await session.newVisitor();
    const { page, context } = visitor;
    // The site's holdout; on the first page view the device's draw puts the visitor in it, on the next
    // it would put them in the personalized group, were they drawn again.
    await context.addInitScript(() => {
      Object.assign(window, { attune_config: { holdout: { share: 0.1, outcomes: ['purchase'] } } });
      const first = !sessionStorage.getItem('drawn');
      sessionStorage.setItem('drawn', 'yes');
      const draw = crypto.getRandomValues.bind(crypto);
      crypto.getRandomValues = ((array: Uint32Array) => {
        draw(array);
        if (array instanceof Uint32Array && array.length === 1) array[0] = first ? 0 : 2 ** 32 - 1;
        return array;
      }) as typeof crypto.getRandomValues;
    });
    await openAsTennisReader(visitor);
    // Reloaded: the stored group holds, and the slot keeps the site's order.
    await page.reload();
    await waitForSlotShown(page);
    await waitForScriptTagReady(page);
    expect((await readSlot(page)).map(({ id }) => id)).toEqual(SITE_ORDER);
    await expect.poll(() => page.locator('attune-panel p').filter({ hasText: 'You are in the group that sees the site’s own order' }).count()).toBe(1);
    const exported = await page.evaluate(
      () => new Promise<AttuneExport>((resolve) => (window.attune_queue as unknown as unknown[]).push((attune: { export(): Promise<AttuneExport> }) => attune.export().then(resolve))),
    );
    expect(exported.holdout?.group).toBe('holdout');
    expect(exported.profile[0]?.feature).toBe('topic:tennis');
    expect(visitor.pageErrors).toEqual([]);
  });

  it('takes screenshots in light and dark for a person to look at', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const visitor = await session.newVisitor();
      const { page } = visitor;
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await openAsTennisReader(visitor);
      await page.locator('attune-panel').screenshot({ path: `/tmp/attune-panel-${colorScheme}.png` });
    }
    // The dial turned and focused, on a phone and on a desktop.
    for (const width of [375, 1280]) {
      const visitor = await session.newVisitor();
      const { page } = visitor;
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await openAsTennisReader(visitor);
      await page.getByRole('slider', { name: 'What you see' }).focus();
      await page.keyboard.press('ArrowRight');
      await page.locator('attune-panel').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/panel-dial-${width}.png` });
    }
  });
});
