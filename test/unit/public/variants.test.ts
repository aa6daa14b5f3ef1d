import { describe, expect, it, vi } from 'vitest';
import { createAttune, type Attune } from 'attune';
import { inPage } from './helpers';

let attune: Attune | undefined;
inPage(() => attune);

function banner(): Element {
  document.body.innerHTML = `
    <div data-attune-variants="sale">
      <p data-attune-variant="all">Winter sale: 30 % off everything</p>
      <p data-attune-variant="shoes" data-attune-features="category:shoes">Shoes on sale</p>
      <p data-attune-variant="bags" data-attune-features="category:bags">Bags on sale</p>
      <p data-attune-variant="members" data-attune-audience="members">Members: an extra 10 %</p>
    </div>`;
  return document.querySelector('[data-attune-variants]')!;
}

const visible = (container: Element) => [...container.children].filter((child) => !child.hasAttribute('hidden')).map((child) => child.getAttribute('data-attune-variant'));

async function chosen(container: Element): Promise<{ variant: string; reason: { kind: string; text: string } }> {
  const done = new Promise<CustomEvent>((resolve) => container.addEventListener('attune:variant', (event) => resolve(event as CustomEvent), { once: true }));
  attune!.apply();
  return (await done).detail;
}

describe('variants (data-attune-variants)', () => {
  it('shows exactly one variant, the one whose features the visitor’s interests match, and says why', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `s${i}`, features: ['category:shoes'] });
    const container = banner();
    const { variant, reason } = await chosen(container);
    expect(variant).toBe('shoes');
    expect(visible(container)).toEqual(['shoes']);
    expect(container.getAttribute('data-attune-chosen')).toBe('shoes');
    expect(reason).toMatchObject({ kind: 'interest', feature: 'category:shoes', text: 'Your interest in shoes' });
    expect(await attune.explain('sale')).toEqual(['You opened 3 items about shoes this week']);
  });

  it('never shows a variant for an audience whose membership is not known, without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    attune = await createAttune({ storage: 'memory', autoTrack: false, environment: { random: () => 0.999 } });
    const container = banner();
    for (let view = 0; view < 5; view++) {
      const { variant } = await chosen(container);
      expect(variant).not.toBe('members');
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it('tries the variants by Thompson sampling on the visitor’s own responses, and keeps one choice for the page view', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    // "all" was seen 20 times and never clicked; "bags" was clicked on 15 of 20 views; "shoes" never shown.
    for (let i = 0; i < 20; i++) attune.track('impression', { features: ['variant:sale/all'] });
    for (let i = 0; i < 20; i++) attune.track('impression', { features: ['variant:sale/bags'] });
    for (let i = 0; i < 15; i++) attune.track('click', { features: ['variant:sale/bags'] });
    for (let i = 0; i < 12; i++) attune.track('impression', { features: ['variant:sale/shoes'] });
    const container = banner();
    const first = await chosen(container);
    expect(first).toMatchObject({ variant: 'bags', reason: { kind: 'variant-tried', text: 'One of several versions, tried to learn which suits you' } });
    // Drawn again in the same page view, after more responses: the same variant.
    for (let i = 0; i < 30; i++) attune.track('impression', { features: ['variant:sale/bags'] });
    expect((await chosen(container)).variant).toBe('bags');
    expect(visible(container)).toEqual(['bags']);
  });

  it('counts a click on the variant shown, with the impression before it, and teaches its features', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `s${i}`, features: ['category:shoes'] });
    const container = banner();
    await chosen(container);
    (container.querySelector('[data-attune-variant="shoes"]') as HTMLElement).click();
    (container.querySelector('[data-attune-variant="shoes"]') as HTMLElement).click();
    const responses = (await attune.export()).interactions.filter(({ features }) => features.includes('variant:sale/shoes'));
    expect(responses.map(({ type, features }) => [type, features])).toEqual([
      ['impression', ['variant:sale/shoes']],
      ['click', ['variant:sale/shoes', 'category:shoes']],
    ]);
    // The count behind the choice is no interest of the visitor's: the profile and the panel leave it out.
    expect(attune.profile().map(({ feature }) => feature)).toEqual(['category:shoes']);
  });

  it('shows the site’s first variant and learns nothing while paused, and chooses anew after an erase', async () => {
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    for (let i = 0; i < 3; i++) attune.track('click', { item: `s${i}`, features: ['category:shoes'] });
    const before = (await attune.export()).interactions.length;
    await attune.pause();
    const container = banner();
    expect(await chosen(container)).toMatchObject({ variant: 'all', reason: { kind: 'site-order' } });
    (container.querySelector('[data-attune-variant="all"]') as HTMLElement).click();
    expect((await attune.export()).interactions).toHaveLength(before);
    expect(await attune.explain('sale')).toEqual([]);

    await attune.resume();
    expect((await chosen(container)).variant).toBe('shoes');
    // Erased: chosen again, from nothing learned.
    await attune.erase();
    expect((await chosen(container)).reason.kind).toBe('variant-tried');
    expect(await attune.explain('sale')).toEqual(['One of several versions, tried to learn which suits you']);
  });

  it('warns about a bad variant id and a container without valid variants, and leaves it as it is', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    attune = await createAttune({ storage: 'memory', autoTrack: false });
    document.body.innerHTML = `<div data-attune-variants="empty"><p>Only text</p><p data-attune-variant="">Empty id</p></div>`;
    attune.apply();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(2));
    expect(String(warn.mock.calls[1]![0])).toMatch(/data-attune-variants="empty"/);
    expect(document.querySelectorAll('[hidden]')).toHaveLength(0);
  });
});
