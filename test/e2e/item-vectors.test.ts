/**
 * A page whose items carry their vectors (data-attune-vector) and whose model
 * is the global part alone, inlined as a data: URL: the site sends no table of
 * every item, and the page asks for no model at all. The visitor's history
 * keeps the vectors of what they chose, so it still folds in after a reload,
 * and after the site rebuilds its model (aligned to the previous build).
 */
import { describe, expect, it } from 'vitest';
import { buildModel, type LoggedInteraction } from '../../tools/model/build';
import { globalPart, itemVectorTexts, readVectorFactors, vectorsJson } from '../../tools/model/item-vectors';
import { mulberry32 } from '../../tools/model/als';
import { recordViolations, STRICT_POLICY, useBrowser, violations } from './browser';
import { readSlot, readStoredInteractions, waitForSlotShown } from './front-page';

const session = useBrowser();

/** Two tastes of ten stories each, no features: only what readers chose together ties a story to another. */
const ITEMS = ['a', 'b'].flatMap((taste) => Array.from({ length: 10 }, (_, i) => `${taste}${i}`));
function readers(seed: number): LoggedInteraction[] {
  const random = mulberry32(seed);
  const logs: LoggedInteraction[] = [];
  for (let reader = 0; reader < 60; reader++) {
    const taste = reader % 2 ? 'b' : 'a';
    for (let i = 0; i < 10; i++) if (random() < 0.6) logs.push({ user: `r${reader}`, item: `${taste}${i}` });
  }
  return logs;
}
const catalogue = ITEMS.map((id) => ({ id }));
const SETTINGS = { factors: 8, iterations: 10, contentWidth: 0 };
const lastWeek = buildModel({ catalogue, interactions: readers(1) }, { ...SETTINGS, seed: 1 });
const lastWeekVectors = itemVectorTexts(lastWeek.parts);
// This week: new logs, another seed, turned onto last week's space.
const thisWeek = buildModel({ catalogue, interactions: readers(2) }, { ...SETTINGS, seed: 2, alignTo: readVectorFactors(vectorsJson(lastWeekVectors)) });

/** The site's order: b stories first, the a stories below them. */
const SITE_ORDER = [...ITEMS.filter((id) => id[0] === 'b'), ...ITEMS.filter((id) => id[0] === 'a')];
const CHOSEN = ['a0', 'a1'];
const COLLABORATIVE_TEXT = 'Chosen by people who chose what you did';

/** The front page of one build: its global part inlined, each story with its vector. */
function frontPage(build: ReturnType<typeof buildModel>): string {
  const model = `data:application/octet-stream;base64,${Buffer.from(globalPart(build.parts)).toString('base64')}`;
  const vectors = itemVectorTexts(build.parts);
  const items = SITE_ORDER.map(
    (id) => `<li data-attune-item="${id}" data-attune-vector="${vectors.get(id)}"><strong>Story ${id}</strong> <small data-attune-reason></small></li>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vectors</title>
<script src="/dist/attune.min.js" data-namespace="vectors" data-consent="granted" data-strength="1" data-model="${model}"></script>
</head><body><ul data-attune-slot="front">${items.join('')}</ul></body></html>`;
}

describe('a page whose items carry their vectors', () => {
  it('makes no model request at all, and ranks with the model from what the visitor chose', async () => {
    const visitor = await session.newVisitor();
    const { page, context, origin, requests, warnings } = visitor;
    let html = frontPage(lastWeek);
    // Under a policy that forbids every connection: the inlined global part needs none.
    await context.route('**/vectors/front.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: html, headers: { 'content-security-policy': STRICT_POLICY } }),
    );
    await page.addInitScript(recordViolations);
    await page.goto(`${origin}/vectors/front.html`);
    await waitForSlotShown(page);
    expect((await readSlot(page)).map(({ id }) => id)).toEqual(SITE_ORDER);
    for (const id of CHOSEN) await page.locator(`[data-attune-item="${id}"]`).click();
    await expect.poll(async () => (await readStoredInteractions(page, 'attune:vectors')).filter(({ type }) => type === 'click').length).toBe(2);
    // The vector went to the device with the click.
    const stored = await readStoredInteractions(page, 'attune:vectors');
    expect(stored.filter(({ type }) => type === 'click').map(({ vector }) => vector)).toEqual(CHOSEN.map((id) => lastWeekVectors.get(id)));

    const liftedWithReason = async () => {
      await page.reload();
      await waitForSlotShown(page);
      const slot = await readSlot(page);
      const order = slot.map(({ id }) => id);
      // The a stories not yet read rise above every b story, chosen by people who chose what the visitor did.
      const unreadA = order.filter((id) => id[0] === 'a' && !CHOSEN.includes(id));
      expect(Math.max(...unreadA.slice(0, 4).map((id) => order.indexOf(id))), order.join(' ')).toBeLessThan(order.indexOf('b0'));
      expect(slot.find(({ id }) => id === unreadA[0])!.reason).toBe(COLLABORATIVE_TEXT);
    };
    await liftedWithReason();
    // The site rebuilds its model: new vectors on the page, the visitor's stored ones from last week's build.
    html = frontPage(thisWeek);
    await liftedWithReason();

    // Documents and the SDK's own code only: no model file, no vectors fetched, nothing elsewhere.
    const paths = requests.map((url) => new URL(url).pathname);
    expect([...new Set(paths)].sort()).toEqual(['/dist/attune-model-support.min.js', '/dist/attune.min.js', '/vectors/front.html']);
    expect(requests.every((url) => url.startsWith(origin))).toBe(true);
    expect(warnings.filter((text) => text.startsWith('[attune]'))).toEqual([]);
    expect(await violations(page)).toEqual([]);
  });
});
