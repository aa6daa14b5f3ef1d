import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser';
import { clickLatestTennisStories, readStoredInteractions, waitForScriptTagReady } from './front-page';

const session = useBrowser();

/** The versions of the call to action the tests offer, in the site's order. */
const CTA = [
  { id: 'subscribe' },
  { id: 'tennis-club', features: ['topic:tennis'] },
  { id: 'cooking-club', features: ['topic:cooking'] },
];

/**
 * Asks the page's instance (the script tag's, through its queue, or the npm
 * module's) for the call to action, puts its id into a link that waited
 * hidden, and watches the link; returns the choice and the instance's
 * explanation, as plain data.
 */
function chooseInPage(page: Page, from: 'script tag' | 'npm module') {
  return page.evaluate(
    async ({ offered, from }) => {
      const attune = from === 'npm module' ? (await window.e2eAttune)! : await new Promise<NonNullable<Window['e2eInstance']>>((resolve) => window.attune_queue!.push(resolve));
      const link = document.createElement('a');
      link.href = '#club';
      link.id = 'cta';
      link.style.visibility = 'hidden';
      document.body.prepend(link);
      const cta = await attune.variant('cta', offered);
      link.textContent = cta.id;
      link.style.visibility = 'visible';
      cta.watch(link);
      const again = await attune.variant('cta', offered);
      const bad = await attune.variant('cta', []).then(
        () => 'resolved',
        (error: unknown) => `${(error as Error).name}: ${(error as Error).message}`,
      );
      return { id: cta.id, reason: cta.reason, again: again.id, why: await attune.explain('cta'), bad };
    },
    { offered: CTA, from },
  );
}

describe('attune.variant() on the built bundles, in Chromium', () => {
  it('with the script tag: loads the variants part beside it, chooses by the visitor’s interests, and counts the impression and the click', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await visitor.goto('front.html');
    await waitForScriptTagReady(page);
    await clickLatestTennisStories(page);
    expect(visitor.requests.some((url) => url.includes('attune-variants.min.js'))).toBe(false);

    const chosen = await chooseInPage(page, 'script tag');
    expect(chosen).toMatchObject({ id: 'tennis-club', reason: { kind: 'interest', feature: 'topic:tennis' }, again: 'tennis-club' });
    expect(chosen.why).toEqual([expect.stringMatching(/^You opened 3 items about tennis \(topic\)/)]);
    // The minified part keeps the name of what was wrong and the value, as every API error does.
    expect(chosen.bad).toMatch(/^TypeError: \[attune\] variant\(\): variants, got object/);
    expect(visitor.requests.filter((url) => url.includes('attune-variants.min.js'))).toHaveLength(1);

    // Half visible for a second: the impression; then a click in the link.
    await page.waitForTimeout(1300);
    await page.locator('#cta').click();
    const responses = async () =>
      (await readStoredInteractions(page)).filter(({ features }) => features.some((feature) => feature.startsWith('variant:cta/'))).map(({ type, features }) => [type, features]);
    await expect.poll(responses, { timeout: 5000, interval: 100 }).toEqual([
      ['impression', ['variant:cta/tennis-club']],
      ['click', ['variant:cta/tennis-club', 'topic:tennis']],
    ]);
    expect(visitor.warnings).toEqual([]);
    expect(visitor.pageErrors).toEqual([]);
  });

  it('with the npm module: the same choice, made by the module’s chunk', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await visitor.goto('module.html');
    await page.evaluate(async () => void (await window.e2eAttune));
    await clickLatestTennisStories(page);
    const chosen = await chooseInPage(page, 'npm module');
    expect(chosen).toMatchObject({ id: 'tennis-club', reason: { kind: 'interest', feature: 'topic:tennis' }, again: 'tennis-club' });
    expect(chosen.bad).toMatch(/^TypeError: \[attune\] variant\(\): variants must be an array of 1 to 20/);
    expect(visitor.requests.some((url) => /\/dist\/parts\/.*\.mjs/.test(url))).toBe(true);
    expect(visitor.pageErrors).toEqual([]);
  });
});
