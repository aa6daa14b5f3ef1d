import { describe, expect, it } from 'vitest';
import { createAttune, type Attune, type Rule, type Variant } from 'attune';
import { inPage } from './helpers';

let attune: Attune | undefined;
inPage(() => attune);

const CTA: Variant[] = [
  { id: 'subscribe' },
  { id: 'shoes-sale', features: ['category:shoes'] },
  { id: 'bags-sale', features: ['category:bags'] },
  { id: 'welcome-back', audience: 'regulars' },
];

const responses = async (name: string) =>
  (await attune!.export()).interactions.filter(({ features }) => features.some((feature) => feature.startsWith(`variant:${name}/`))).map(({ type, features }) => [type, features]);

describe('attune.variant(): variants from the site’s code', () => {
  it('chooses the variant whose features the visitor’s interests match, says why, and keeps it for the page view', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `s${i}`, features: ['category:shoes'] });
    const cta = await attune.variant('cta', CTA);
    expect(cta).toMatchObject({ id: 'shoes-sale', reason: { kind: 'interest', feature: 'category:shoes', text: 'Your interest in shoes (category)' } });
    expect(await attune.explain('cta')).toEqual(['You opened 3 items about shoes (category) this week']);
    // Later interests do not change what this page view shows.
    for (let i = 0; i < 9; i++) attune.track('purchase', { item: `b${i}`, features: ['category:bags'] });
    expect((await attune.variant('cta', CTA)).id).toBe('shoes-sale');
  });

  it('shows the same variant as a container of the same name in the page: one choice, made once', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    document.body.innerHTML = `<div data-attune-variants="cta">${CTA.map(({ id, features }) => `<p data-attune-variant="${id}" data-attune-features="${features?.join(' ') ?? ''}">${id}</p>`).join('')}</div>`;
    const fromCode = await attune.variant('cta', CTA);
    const container = document.querySelector('[data-attune-variants]')!;
    const drawn = new Promise<CustomEvent>((resolve) => container.addEventListener('attune:variant', (event) => resolve(event as CustomEvent), { once: true }));
    attune.apply();
    expect((await drawn).detail.variant).toBe(fromCode.id);
  });

  it('puts a variant for an audience the visitor is in first, and "!" for the others', async () => {
    const audiences = [{ id: 'regulars', when: { visits: 1 } }];
    attune = await createAttune({ storage: 'memory', autoTrack: false, audiences });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `s${i}`, features: ['category:shoes'] });
    expect(await attune.variant('cta', CTA)).toMatchObject({ id: 'welcome-back', reason: { kind: 'in-audience', audience: 'regulars' } });
    expect(await attune.variant('hello', [{ id: 'new', audience: '!regulars' }, { id: 'known', audience: 'regulars' }])).toMatchObject({ id: 'known' });
  });

  it('never shows a variant for an audience whose membership is not known', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false, environment: { random: () => 0.999 } });
    const offered: Variant[] = [{ id: 'members', audience: 'members' }, { id: 'everyone' }];
    expect(await attune.variant('join', offered)).toMatchObject({ id: 'everyone', reason: { kind: 'site-order', position: 1 } });
  });

  it('lets the site’s rules pin a variant over the visitor’s interests, and hide one from every step after', async () => {
    const rules: Rule[] = [
      { id: 'north-bags', when: { context: 'region', is: 'north' }, then: { pin: 0, items: ['bags-sale'] }, reason: 'Rain is due in the north' },
      { id: 'no-shoes', when: { context: 'region', is: 'south' }, then: { hide: true, features: ['category:shoes'] } },
    ];
    attune = await createAttune({ storage: 'memory', autoTrack: false, rules, context: { region: 'north' } });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `s${i}`, features: ['category:shoes'] });
    expect(await attune.variant('cta', CTA)).toMatchObject({ id: 'bags-sale', reason: { kind: 'rule', text: 'Rain is due in the north' } });
    await attune.close();

    attune = await createAttune({ storage: 'memory', autoTrack: false, rules, context: { region: 'south' }, environment: { random: () => 0.5 } });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `s${i}`, features: ['category:shoes'] });
    const chosen = await attune.variant('cta', CTA);
    expect(chosen.id).not.toBe('shoes-sale');
    expect(chosen.reason.kind).toBe('variant-tried');
  });

  it('tries the variants by Thompson sampling on the visitor’s own responses', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    for (let i = 0; i < 20; i++) attune.track('impression', { features: ['variant:cta/subscribe'] });
    for (let i = 0; i < 20; i++) attune.track('impression', { features: ['variant:cta/bags-sale'] });
    for (let i = 0; i < 15; i++) attune.track('click', { features: ['variant:cta/bags-sale'] });
    for (let i = 0; i < 12; i++) attune.track('impression', { features: ['variant:cta/shoes-sale'] });
    expect(await attune.variant('cta', CTA)).toMatchObject({ id: 'bags-sale', reason: { kind: 'variant-tried', text: 'One of several versions, tried to learn which suits you' } });
  });

  it('counts seen() and clicked() once each per page view, as the markup counts, and keeps them out of the profile', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `s${i}`, features: ['category:shoes'] });
    const cta = await attune.variant('cta', CTA);
    cta.clicked();
    cta.seen();
    cta.clicked();
    // A second call on the page view counts nothing twice.
    (await attune.variant('cta', CTA)).clicked();
    expect(await responses('cta')).toEqual([
      ['impression', ['variant:cta/shoes-sale']],
      ['click', ['variant:cta/shoes-sale', 'category:shoes']],
    ]);
    expect(attune.profile().map(({ feature }) => feature)).toEqual(['category:shoes']);
  });

  it('watch(element) counts a click in the element that shows it; a "Why this?" button inside is no response', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    document.body.innerHTML = `<a id="cta" href="#">Subscribe <button type="button" data-attune-why>Why this?</button></a>`;
    const element = document.getElementById('cta')!;
    const cta = await attune.variant('cta', [{ id: 'subscribe' }, { id: 'signup' }]);
    cta.watch(element);
    cta.watch(element);
    element.querySelector('button')!.click();
    expect(await responses('cta')).toEqual([]);
    element.click();
    element.click();
    expect(await responses('cta')).toEqual([
      ['impression', [`variant:cta/${cta.id}`]],
      ['click', [`variant:cta/${cta.id}`]],
    ]);
  });

  it('shows the site’s first and counts nothing while paused; chooses anew after an erase, and export() and erase() carry the responses', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `s${i}`, features: ['category:shoes'] });
    await attune.pause();
    const paused = await attune.variant('cta', CTA);
    expect(paused).toMatchObject({ id: 'subscribe', reason: { kind: 'site-order', position: 0 } });
    paused.clicked();
    expect(await responses('cta')).toEqual([]);
    expect(await attune.explain('cta')).toEqual([]);

    await attune.resume();
    const shown = await attune.variant('cta', CTA);
    expect(shown.id).toBe('shoes-sale');
    shown.seen();
    expect(await responses('cta')).toHaveLength(1);
    await attune.erase();
    expect(await responses('cta')).toEqual([]);
    expect((await attune.variant('cta', CTA)).reason.kind).toBe('variant-tried');
  });

  it('rejects bad arguments with a TypeError that names them', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    const bad: [unknown, unknown, RegExp][] = [
      ['', CTA, /variant\(\).*name/],
      ['cta', 'subscribe', /variants must be an array/],
      ['cta', [], /variants must be an array of 1 to 20/],
      ['cta', Array.from({ length: 21 }, (_, i) => ({ id: `v${i}` })), /1 to 20/],
      ['cta', [null], /each variant must be an object/],
      ['cta', [{ id: 'a' }, { id: 'a' }], /ids must differ.*"a"/],
      ['cta', [{ id: 7 }], /variant’s id/],
      ['cta', [{ id: 'a', features: 'category:shoes' }], /features must be an array/],
      ['cta', [{ id: 'a', features: ['bad\u202efeature'] }], /a feature/],
      ['cta', [{ id: 'a', audience: '' }], /audience/],
      ['x'.repeat(120), [{ id: 'a' }], /at most 128 characters/],
    ];
    for (const [name, variants, message] of bad) {
      await expect(attune.variant(name as string, variants as Variant[])).rejects.toThrow(TypeError);
      await expect(attune.variant(name as string, variants as Variant[])).rejects.toThrow(message);
    }
    const cta = await attune.variant('cta', CTA);
    expect(() => cta.watch({} as Element)).toThrow(/watch\(\) takes the element/);
  });
});
