import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAttune, loadModel, type Attune } from 'attune';
// The builder from source, so the `unit` project needs no build; `unit:dist` reads the same bytes with the built module.
import { buildModel, type LoggedInteraction } from '../../../tools/model/build';
import { freshIndexedDB, open } from './helpers';

let attune: Attune | undefined;
let warnings: string[];

beforeEach(() => {
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
});
afterEach(async () => {
  await attune?.close();
  attune = undefined;
  vi.restoreAllMocks();
});

const catalogue = ['trail-shoes', 'gaiters', 'socks', 'hat', 'poles', 'tent'].map((id) => ({ id }));

/**
 * A shop's purchase log: 12 of 40 customers bought the trail shoes, and 9 of
 * them the gaiters too, while the others bought socks, hats and poles alike;
 * the gaiters sell to no one else. So "bought trail shoes → gaiters" has
 * support 9/40, confidence 3/4 and lift 40/12 ≈ 3.3; no other pair has a lift near 2.
 */
function purchases(): LoggedInteraction[] {
  const logs: LoggedInteraction[] = [];
  for (let customer = 0; customer < 40; customer++) {
    const user = `customer-${customer}`;
    const bought = [['socks', 'hat', 'poles'][customer % 3]!, ['tent', 'socks'][customer % 2]!];
    if (customer < 12) bought.push('trail-shoes');
    if (customer < 9) bought.push('gaiters');
    for (const item of new Set(bought)) logs.push({ user, item, type: 'purchase' });
  }
  return logs;
}

const built = buildModel({ catalogue, interactions: purchases() }, { factors: 4, iterations: 5, contentWidth: 0, successors: 0, rules: { minSupport: 0.1, minLift: 2 } });
const candidates = ['socks', 'hat', 'poles', 'gaiters'].map((id) => ({ id }));
const REASON = 'Often chosen with trail shoes, which you bought';

describe('rules mined from the logs, carried by the model', () => {
  it('the model carries "bought trail shoes → gaiters" and its converse, each boosted by its confidence', () => {
    expect(built.summary.rules).toMatchObject({ type: 'purchase', users: 40, found: 2 });
    // Lift is the same both ways; the converse (every gaiters customer bought the shoes) is the more confident.
    expect(built.parts.rules).toEqual({ did: 'purchase', pairs: [['gaiters', 'trail-shoes', 0.5], ['trail-shoes', 'gaiters', 0.375]] });
  });

  it('lifts the item once the visitor did what the rule names, with a reason that names the item they chose', async () => {
    attune = await createAttune({ storage: 'memory', model: built.bytes, strength: 0 });
    expect(attune.rank(candidates).map(({ id }) => id)).toEqual(['socks', 'hat', 'poles', 'gaiters']);
    attune.track('click', { item: 'trail-shoes' });
    expect(attune.rank(candidates).find(({ id }) => id === 'gaiters')!.reasons.some(({ kind }) => kind === 'rule')).toBe(false);
    attune.track('purchase', { item: 'trail-shoes' });
    const ranked = attune.rank(candidates);
    const gaiters = ranked.findIndex(({ id }) => id === 'gaiters');
    expect(gaiters).toBeLessThan(3);
    expect(ranked[gaiters]!.reasons.find(({ kind }) => kind === 'rule')).toMatchObject({ text: REASON });
    expect(await attune.explain('gaiters')).toContain(REASON);
    expect(warnings).toEqual([]);
  });

  it('holds against what the visitor did on an earlier page view, read from storage', async () => {
    const indexedDB = freshIndexedDB();
    attune = await open(indexedDB);
    attune.track('purchase', { item: 'trail-shoes' });
    await attune.close();
    attune = await open(indexedDB, { model: built.bytes, strength: 0 });
    expect(attune.rank(candidates).find(({ id }) => id === 'gaiters')!.reasons.find(({ kind }) => kind === 'rule')).toMatchObject({ text: REASON });
  });

  it("gives way to the site's own rule on the same item: its boost and its reason alone", async () => {
    const model = await loadModel(built.bytes);
    const siteRule = { id: 'gaiters-down', when: { did: 'purchase', item: 'trail-shoes' }, then: { boost: -0.1, items: ['gaiters'] }, reason: 'The site keeps gaiters for winter' };
    attune = await createAttune({ storage: 'memory', model, strength: 0, rules: [siteRule] });
    attune.track('purchase', { item: 'trail-shoes' });
    const [withSite] = attune.rank(candidates).filter(({ id }) => id === 'gaiters');
    const rules = withSite!.reasons.filter(({ kind }) => kind === 'rule');
    expect(rules).toEqual([expect.objectContaining({ text: 'The site keeps gaiters for winter' })]);
    expect(attune.rank(candidates).at(-1)!.id).toBe('gaiters');
  });

  it('applies rules of a model that arrives after the site rules part started', async () => {
    const model = await loadModel(built.bytes);
    const weather = { id: 'rain', when: { context: 'weather', is: 'rain' }, then: { boost: 1, items: ['hat'] } };
    attune = await createAttune({ storage: 'memory', context: { weather: 'rain' }, rules: [weather], model, strength: 0 });
    attune.track('purchase', { item: 'trail-shoes' });
    const reasons = attune.rank(candidates).flatMap(({ reasons }) => reasons.filter(({ kind }) => kind === 'rule').map(({ text }) => text));
    expect(reasons).toEqual(expect.arrayContaining([REASON, 'Because your weather is rain']));
  });
});
