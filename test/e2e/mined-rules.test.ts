/**
 * A rule the site's model mined from its logs ("readers who opened the tent
 * also opened the stove"), carried by the model's global part inlined in the
 * page: once the visitor opens the tent, the stove rises in the slot with a
 * reason that names the tent, read from the built script tag and its rules part.
 */
import { describe, expect, it } from 'vitest';
import { buildModel, type LoggedInteraction } from '../../tools/model/build';
import { globalPart, itemVectorTexts } from '../../tools/model/item-vectors';
import { useBrowser } from './browser';
import { readSlot, readStoredInteractions, waitForSlotShown } from './front-page';

const session = useBrowser();

const ITEMS = ['mug', 'map', 'torch', 'tent', 'stove'];
/** 30 readers: the first 10 opened the tent and the stove, the others a mug or a map, and everyone the torch. */
const logs: LoggedInteraction[] = Array.from({ length: 30 }, (_, reader) => [
  ...(reader < 10 ? ['tent', 'stove'] : [reader % 2 ? 'mug' : 'map']),
  'torch',
]).flatMap((items, reader) => items.map((item) => ({ user: `r${reader}`, item })));
// A strong boost, so the rule's reason is the stove's first and shows on its line.
const model = buildModel({ catalogue: ITEMS.map((id) => ({ id })), interactions: logs }, { factors: 2, iterations: 3, contentWidth: 0, successors: 0, rules: { untyped: 'click', boost: 5 } });
const REASON = 'Often chosen with tent, which you opened';

function page(): string {
  const inlined = `data:application/octet-stream;base64,${Buffer.from(globalPart(model.parts)).toString('base64')}`;
  const vectors = itemVectorTexts(model.parts);
  const items = ITEMS.map((id) => `<li data-attune-item="${id}" data-attune-vector="${vectors.get(id)}"><strong>${id}</strong> <small data-attune-reason></small></li>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mined rules</title>
<script src="/dist/attune.min.js" data-namespace="mined" data-consent="granted" data-model="${inlined}"></script>
</head><body><ul data-attune-slot="front">${items.join('')}</ul></body></html>`;
}

describe('a rule mined from the logs, in the built script tag', () => {
  it('lifts the stove once the visitor opened the tent, and its reason names the tent', async () => {
    expect(model.parts.rules?.pairs).toContainEqual(['tent', 'stove', 5]);
    const visitor = await session.newVisitor();
    const { page: tab, context, origin, requests, warnings } = visitor;
    await context.route('**/mined/front.html', (route) => route.fulfill({ contentType: 'text/html', body: page() }));
    await tab.goto(`${origin}/mined/front.html`);
    await waitForSlotShown(tab);
    expect((await readSlot(tab)).find(({ id }) => id === 'stove')!.reason).not.toBe(REASON);
    await tab.locator('[data-attune-item="tent"]').click();
    await expect.poll(async () => (await readStoredInteractions(tab, 'attune:mined')).filter(({ type }) => type === 'click').length).toBe(1);

    await tab.reload();
    await waitForSlotShown(tab);
    const slot = await readSlot(tab);
    expect(slot.find(({ id }) => id === 'stove')).toMatchObject({ reason: REASON, hidden: false });
    expect(slot[0]!.id).toBe('stove');
    expect(await tab.locator('[data-attune-item="stove"] [data-attune-reason]').textContent()).toBe(REASON);
    // The rules came with the model: its rules part loaded beside the script tag, and no model was fetched.
    expect([...new Set(requests.map((url) => new URL(url).pathname))].sort()).toEqual([
      '/dist/attune-model-support.min.js',
      '/dist/attune-rules-support.min.js',
      '/dist/attune.min.js',
      '/mined/front.html',
    ]);
    expect(warnings.filter((text) => text.startsWith('[attune]'))).toEqual([]);
  });
});
