import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAttune, loadModel, type Attune, type RankedItem, type Rule } from 'attune';
// The builder from source, so the `unit` project needs no build; `unit:dist` reads the same bytes with the built module.
import { buildModel, type LoggedInteraction } from '../../../tools/model/build';
import { DAY, freshIndexedDB, open } from './helpers';

let attune: Attune | undefined;
let warnings: string[];

beforeEach(() => {
  document.body.replaceChildren();
  document.head.querySelectorAll('[data-attune-rules]').forEach((block) => block.remove());
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
});
afterEach(async () => {
  await attune?.close();
  attune = undefined;
  vi.restoreAllMocks();
});

const shoes = [
  { id: 'socks', features: ['category:socks'] },
  { id: 'hat', features: ['category:hats'] },
  { id: 'poles', features: ['category:poles'] },
  { id: 'gaiters', features: ['category:gaiters', 'topic:trail'] },
];
const ids = (ranking: { id: string }[]) => ranking.map(({ id }) => id);

const boughtShoes: Rule = {
  id: 'shoes-to-gaiters',
  when: { did: 'purchase', item: 'trail-shoes' },
  then: { boost: 2, items: ['gaiters'] },
  reason: 'Because you bought the trail shoes',
};

describe('stated attributes', () => {
  it('keeps what the visitor told us across page views, and export, erase and import carry it', async () => {
    const indexedDB = freshIndexedDB();
    attune = await open(indexedDB);
    await attune.set('firstName', 'Ana');
    await attune.set('shoeSize', 42);
    await attune.set('plan', 'pro', { source: 'site' });
    expect(attune.get('firstName')).toBe('Ana');
    expect(attune.get()).toEqual({ firstName: 'Ana', shoeSize: '42', plan: 'pro' });
    await attune.close();

    attune = await open(indexedDB);
    expect(attune.get('shoeSize')).toBe('42');
    const exported = await attune.export();
    expect(exported.stated?.plan).toMatchObject({ value: 'pro', source: 'site' });
    expect(exported.stated?.firstName).toMatchObject({ value: 'Ana', source: 'visitor' });
    await attune.set('shoeSize', null);
    expect(attune.get('shoeSize')).toBeUndefined();

    await attune.erase();
    expect(attune.get()).toEqual({});
    await attune.consent.grant();
    await attune.import(exported);
    expect(attune.get('firstName')).toBe('Ana');
  });

  it('refuses a bad name or value with a TypeError naming it', async () => {
    attune = await createAttune({ storage: 'memory' });
    await expect(attune.set('<b>name</b>', 'x')).rejects.toThrow(/set\(\): name must be/);
    await expect(attune.set('city', '')).rejects.toThrow(/set\(\): value must be/);
    await expect(attune.set('city', 'x'.repeat(201))).rejects.toThrow(TypeError);
    await expect(attune.set('city', 'Oslo', { source: 'server' as never })).rejects.toThrow(/source/);
    expect(attune.get()).toEqual({});
  });

  it('fills data-attune-text with the value as text, never as markup, and again when the visitor changes it', async () => {
    document.body.innerHTML = '<p>Hello, <span data-attune-text="firstName" data-attune-fallback="there">there</span>!</p>';
    const indexedDB = freshIndexedDB();
    attune = await open(indexedDB);
    await attune.set('firstName', '<img src=x onerror=alert(1)>');
    await attune.close();
    document.body.innerHTML = '<p>Hello, <span data-attune-text="firstName" data-attune-fallback="there">there</span>!</p>';
    // A budget long enough for the part's first import here, where the test runner compiles it on the way.
    attune = await open(indexedDB, { autoApply: true, renderBudget: 5000 });
    const greeting = document.querySelector('[data-attune-text]')!;
    expect(greeting.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
    await attune.set('firstName', 'Ana');
    expect(greeting.textContent).toBe('Ana');
    await attune.set('firstName', null);
    expect(greeting.textContent).toBe('there');
  });
});

describe('rules', () => {
  it('boosts what a rule names once its condition holds, with the rule’s own reason', async () => {
    attune = await createAttune({ storage: 'memory', rules: [boughtShoes] });
    await attune.audiences();
    expect(ids(attune.rank(shoes))).toEqual(['socks', 'hat', 'poles', 'gaiters']);
    attune.track('purchase', { item: 'trail-shoes', features: ['category:shoes'] });
    const ranked = attune.rank(shoes);
    expect(ranked[0]!.id).toBe('gaiters');
    expect(ranked[0]!.reasons[0]).toMatchObject({ kind: 'rule', text: 'Because you bought the trail shoes' });
    expect(await attune.explain('gaiters')).toContain('Because you bought the trail shoes');
  });

  it('pins, hides and shows only, each from a condition on context, a stated attribute or visits', async () => {
    attune = await createAttune({
      storage: 'memory',
      context: { weather: 'rain' },
      rules: [
        { id: 'rain', when: { context: 'weather', is: ['rain', 'snow'] }, then: { pin: 0, features: ['category:gaiters'] } },
        { id: 'no-hats', when: { attribute: 'style', is: 'bareheaded' }, then: { hide: true, items: ['hat'] } },
        { id: 'first-visit', when: { visits: 2 }, then: { only: true, items: ['socks'] } },
      ],
    });
    await attune.audiences();
    const first = attune.rank(shoes);
    expect(ids(first)).toEqual(['gaiters', 'socks', 'hat', 'poles']);
    expect(first[0]!.reasons[0]).toMatchObject({ kind: 'pinned', text: 'Because your weather is rain' });
    await attune.set('style', 'bareheaded');
    expect(ids(attune.rank(shoes))).toEqual(['gaiters', 'socks', 'poles']);
  });

  it('counts deeds within a window, at least N times', async () => {
    const now = Date.now();
    attune = await createAttune({
      storage: 'memory',
      environment: { now: () => now },
      rules: [{ id: 'regular', when: { did: 'click', feature: 'category:poles', atLeast: 2, withinDays: 7 }, then: { boost: 3, items: ['poles'] } }],
    });
    await attune.audiences();
    attune.track('click', { item: 'p1', features: ['category:poles'], at: now - 30 * DAY });
    attune.track('click', { item: 'p2', features: ['category:poles'], at: now - DAY });
    // One click in the window: the clicks lift poles, but the rule does not hold yet.
    const byRule = (ranking: RankedItem[]) => ranking.find(({ id }) => id === 'poles')!.reasons.some(({ text }) => text.startsWith('Because you opened'));
    expect(byRule(attune.rank(shoes))).toBe(false);
    attune.track('click', { item: 'p3', features: ['category:poles'] });
    const [top] = attune.rank(shoes);
    expect(top!.id).toBe('poles');
    expect(top!.reasons[0]!.text).toBe('Because you opened poles (category) 2 times in the last 7 days');
  });

  it('reads rules from a JSON block, leaving out a malformed rule, an oversized block and one that is not JSON, each with one warning', async () => {
    document.head.insertAdjacentHTML(
      'beforeend',
      `<script type="application/json" data-attune-rules>{"rules": [
        {"id": "ok", "when": {"context": "weather", "is": "rain"}, "then": {"boost": 2, "items": ["hat"]}},
        {"id": "bad", "when": {"did": "purchase", "atLeast": 0}, "then": {"boost": 2, "items": ["hat"]}},
        {"id": "<img>", "when": {"visits": 1}, "then": {"hide": true, "items": ["hat"]}}
      ]}</script>
      <script type="application/json" data-attune-rules>${JSON.stringify([{ id: 'huge', reason: 'x'.repeat(70_000) }])}</script>
      <script type="application/json" data-attune-rules>{"rules": [</script>`,
    );
    attune = await createAttune({ storage: 'memory', autoApply: true, context: { weather: 'rain' } });
    await attune.audiences();
    expect(attune.rank(shoes)[0]!.id).toBe('hat');
    expect(warnings.filter((line) => line.includes('rule "bad"'))).toEqual(['[attune] rule "bad": atLeast must be a whole number ≥ 1; leaving it out']);
    expect(warnings.some((line) => line.includes('rule 2: id must be'))).toBe(true);
    expect(warnings.some((line) => line.includes('more than 65536; leaving it out'))).toBe(true);
    expect(warnings.some((line) => line.includes('is not JSON'))).toBe(true);
  });

  it('sets rules aside while the visitor has paused personalization', async () => {
    attune = await createAttune({ storage: 'memory', context: { weather: 'rain' }, rules: [{ id: 'r', when: { context: 'weather', is: 'rain' }, then: { hide: true, items: ['socks'] } }] });
    await attune.audiences();
    expect(ids(attune.rank(shoes))).not.toContain('socks');
    await attune.pause();
    expect(ids(attune.rank(shoes))).toContain('socks');
  });
});

describe('audiences', () => {
  const audiences = [
    { id: 'runners', label: 'runners', when: { interest: 'topic:running', atLeast: 0.2 } },
    { id: 'loyal', when: { all: [{ audience: 'runners' }, { did: 'purchase' as const, atLeast: 1 }] } },
    { id: 'loop', when: { audience: 'loop' } },
  ];

  it('lists the audiences the visitor is in, with reasons, and decides elements before they show', async () => {
    document.body.innerHTML = `
      <aside data-attune-audience="runners">Trail week</aside>
      <aside data-attune-audience="!runners">Welcome</aside>
      <aside data-attune-audience="nobody">?</aside>`;
    const indexedDB = freshIndexedDB();
    attune = await open(indexedDB, { audiences });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `r${i}`, features: ['topic:running'] });
    attune.track('click', { item: 'c', features: ['topic:cooking'] });
    expect(await attune.audiences()).toEqual([
      { id: 'runners', label: 'runners', reasons: ['Running is 75 % of your interest in topic'] },
    ]);
    attune.track('purchase', { item: 'shoes', features: ['category:shoes'] });
    expect((await attune.audiences()).map(({ id }) => id)).toEqual(['runners', 'loyal']);
    await attune.close();

    attune = await open(indexedDB, { audiences, autoApply: true, renderBudget: 5000 });
    const [member, others, unknown] = document.querySelectorAll('aside');
    expect(member!.hasAttribute('data-attune-shown')).toBe(true);
    expect(others!.hasAttribute('data-attune-shown')).toBe(false);
    expect(unknown!.hasAttribute('data-attune-shown')).toBe(false);
    expect(warnings.some((line) => line.includes('data-attune-audience="nobody"'))).toBe(true);
  });

  it('decides elements as for a visitor in no audience when the render budget runs out first, and changes them no more', async () => {
    document.body.innerHTML = '<aside data-attune-audience="everyone">In</aside><aside data-attune-audience="!everyone">Out</aside>';
    // The budget's timer fires before the part can have loaded.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const starting = createAttune({ storage: 'memory', autoApply: true, renderBudget: 0, audiences: [{ id: 'everyone', when: { visits: 1 } }] });
    vi.advanceTimersByTime(0);
    vi.useRealTimers();
    attune = await starting;
    expect((await attune.audiences()).map(({ id }) => id)).toEqual(['everyone']);
    const [member, others] = document.querySelectorAll('aside');
    expect(member!.hasAttribute('data-attune-shown')).toBe(false);
    expect(others!.hasAttribute('data-attune-shown')).toBe(true);
  });
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
    expect(built.parts.rules).toEqual({ did: 'purchase', pairs: [['gaiters', 'trail-shoes', 2], ['trail-shoes', 'gaiters', 1.5]] });
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
