import { describe, expect, it, vi } from 'vitest';
import { createAttune, type Attune } from 'attune';
import { inPage } from './helpers';

function slotMarkup(attributes = 'data-attune-limit="3"'): string {
  return `
    <ul data-attune-slot="front" ${attributes}>
      <li data-attune-item="golf" data-attune-features="topic:golf"><a href="#g">Golf</a><small data-attune-reason></small></li>
      <li data-attune-item="pick" data-attune-features="topic:politics" data-attune-pin>Editor's pick</li>
      <li class="ad">An advert that stays where it is</li>
      <li data-attune-item="tennis" data-attune-features="topic:tennis author:jane"><button>Save</button><small data-attune-reason></small></li>
      <li data-attune-item="cake" data-attune-features="topic:cooking">Cake</li>
    </ul>`;
}

const order = (slot: Element) => [...slot.children].map((li) => li.getAttribute('data-attune-item') ?? 'ad');
let attune: Attune | undefined;
inPage(() => attune);

async function tennisFan(options = {}): Promise<Attune> {
  attune = await createAttune({ storage: 'memory', strength: 1, ...options });
  for (let i = 0; i < 6; i++) attune.track('click', { item: `t${i}`, features: ['topic:tennis', 'author:jane'] });
  return attune;
}

describe('ordering slots in the page', () => {
  it('moves the same elements, so listeners, state and focus survive', async () => {
    document.body.innerHTML = slotMarkup();
    const slot = document.querySelector('[data-attune-slot]')!;
    const tennis = slot.querySelector('[data-attune-item="tennis"]')!;
    const button = tennis.querySelector('button')!;
    const onClick = vi.fn();
    button.addEventListener('click', onClick);
    (tennis as HTMLElement & { marker?: number }).marker = 42;
    button.focus();

    (await tennisFan()).apply();

    expect(order(slot)[0]).toBe('tennis');
    const moved = slot.querySelector('[data-attune-item="tennis"]') as HTMLElement & { marker?: number };
    expect(moved).toBe(tennis);
    expect(moved.marker).toBe(42);
    expect(document.activeElement).toBe(button);
    button.click();
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('keeps pinned items and non-item children in their places', async () => {
    document.body.innerHTML = slotMarkup();
    const slot = document.querySelector('[data-attune-slot]')!;
    (await tennisFan()).apply();
    expect(order(slot)).toEqual(['tennis', 'pick', 'ad', 'golf', 'cake']);
  });

  it('hides items past the limit without removing them, and shows them again when they rise', async () => {
    document.body.innerHTML = slotMarkup('data-attune-limit="2"');
    const slot = document.querySelector('[data-attune-slot]')!;
    attune = await createAttune({ storage: 'memory', strength: 1 });
    attune.apply();
    const hidden = () => [...slot.querySelectorAll('[hidden]')].map((li) => li.getAttribute('data-attune-item'));
    expect(hidden()).toEqual(['tennis', 'cake']);
    for (let i = 0; i < 6; i++) attune.track('click', { features: ['topic:tennis', 'author:jane'] });
    attune.apply();
    expect(hidden()).toEqual(['golf', 'cake']);
    expect(slot.querySelectorAll('[data-attune-item]')).toHaveLength(4);
  });

  it('moves focus to the slot when the item holding it falls past the limit', async () => {
    document.body.innerHTML = slotMarkup('data-attune-limit="2"');
    const slot = document.querySelector<HTMLElement>('[data-attune-slot]')!;
    const golfLink = slot.querySelector<HTMLElement>('[data-attune-item="golf"] a')!;
    golfLink.focus();
    expect(document.activeElement).toBe(golfLink);
    (await tennisFan()).apply();
    expect(slot.querySelector('[data-attune-item="golf"]')!.hasAttribute('hidden')).toBe(true);
    expect(document.activeElement).toBe(slot);
    expect(slot.getAttribute('tabindex')).toBe('-1');
  });

  it('orders a slot again from the site’s order, not from its own, until the site changes it', async () => {
    document.body.innerHTML = slotMarkup('');
    const slot = document.querySelector('[data-attune-slot]')!;
    const fan = await tennisFan();
    fan.apply();
    const personal = order(slot);
    const reasons = [...slot.querySelectorAll('[data-attune-reason]')].map((line) => line.textContent);
    fan.apply();
    expect(order(slot)).toEqual(personal);
    expect([...slot.querySelectorAll('[data-attune-reason]')].map((line) => line.textContent)).toEqual(reasons);
    // Paused, the site's own order comes back.
    await fan.pause();
    fan.apply();
    expect(order(slot)).toEqual(['golf', 'pick', 'ad', 'tennis', 'cake']);
    await fan.resume();
    fan.apply();
    expect(order(slot)).toEqual(personal);
    // The site adds a story at the top ("load more" would add it below): it joins the site's order where it was put.
    const added = document.createElement('li');
    added.setAttribute('data-attune-item', 'news');
    added.setAttribute('data-attune-features', 'topic:news');
    slot.prepend(added);
    await fan.pause();
    fan.apply();
    expect(order(slot)).toEqual(['news', 'golf', 'pick', 'ad', 'tennis', 'cake']);
    // The site moves cake to the top: the slot as it now reads is the site's order.
    slot.prepend(slot.querySelector('[data-attune-item="cake"]')!);
    fan.apply();
    expect(order(slot)).toEqual(['cake', 'news', 'golf', 'pick', 'ad', 'tennis']);
  });

  it('never unhides an item the site hid itself', async () => {
    document.body.innerHTML = slotMarkup('');
    document.querySelector('[data-attune-item="tennis"]')!.setAttribute('hidden', '');
    (await tennisFan()).apply();
    expect(document.querySelector('[data-attune-item="tennis"]')!.hasAttribute('hidden')).toBe(true);
  });

  it('writes the top reason into [data-attune-reason] and announces the order', async () => {
    document.body.innerHTML = slotMarkup();
    const ordered = vi.fn();
    document.addEventListener('attune:ordered', (event) => ordered((event as CustomEvent).detail));
    (await tennisFan()).apply();
    expect(document.querySelector('[data-attune-item="tennis"] [data-attune-reason]')!.textContent).toBe(
      'Your interest in tennis',
    );
    expect(ordered).toHaveBeenCalledWith(expect.objectContaining({ slot: 'front', ranking: expect.any(Array) }));
  });

  it('orders slots added to the page later (single-page apps) and shows them', async () => {
    await tennisFan({ autoApply: true });
    const container = document.createElement('div');
    container.innerHTML = slotMarkup();
    document.body.append(container);
    const slot = container.querySelector('[data-attune-slot]')!;
    await vi.waitFor(() => expect(slot.hasAttribute('data-attune-ready')).toBe(true));
    expect(order(slot)[0]).toBe('tennis');
  });

  it('never hides a slot it has not reached, such as one a script marks later', async () => {
    document.body.innerHTML = '<ul id="later"><li data-attune-item="a">A</li></ul>';
    attune = await createAttune({ storage: 'memory', autoApply: true });
    const slot = document.getElementById('later')!;
    slot.setAttribute('data-attune-slot', 'later');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(slot.hasAttribute('data-attune-waiting')).toBe(false);
    expect(getComputedStyle(slot).visibility).not.toBe('hidden');
  });

  it('warns about malformed markup, names the attribute, and still orders the rest', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = slotMarkup('data-attune-limit="lots"');
    const slot = document.querySelector('[data-attune-slot]')!;
    const golf = slot.querySelector('[data-attune-item="golf"]')!;
    golf.setAttribute('data-attune-features', `topic:golf ${'y'.repeat(500)}`);
    const duplicate = document.createElement('li');
    duplicate.setAttribute('data-attune-item', 'cake');
    slot.append(duplicate);
    const nameless = document.createElement('li');
    nameless.setAttribute('data-attune-item', '');
    slot.append(nameless);

    (await tennisFan()).apply();

    const messages = warn.mock.calls.map(([message]) => String(message));
    expect(messages).toContain(
      '[attune] data-attune-limit="lots" on slot "front" is not a whole number; showing every item',
    );
    expect(messages).toContain(
      '[attune] data-attune-features of item "golf": kept 1 of 2 features (at most 64, each up to 128 characters)',
    );
    expect(messages).toContain('[attune] data-attune-item="cake" appears twice in slot "front"; leaving the second in place');
    expect(messages).toContain('[attune] data-attune-item="" must be 1 to 256 printable characters; ignoring it');
    expect(order(slot).slice(0, 1)).toEqual(['tennis']);
    expect(slot.lastElementChild).toBe(nameless);
    expect(slot.querySelectorAll('[hidden]')).toHaveLength(0);
  });
});

describe('automatic tracking', () => {
  it('records a click on an item with the features of its markup', async () => {
    document.body.innerHTML = slotMarkup();
    attune = await createAttune({ storage: 'memory' });
    (document.querySelector('[data-attune-item="tennis"] button') as HTMLElement).click();
    expect(attune.profile().map((f) => f.feature)).toEqual(['topic:tennis', 'author:jane']);
  });

  it('records a view of an item page, and the visible time when the page is hidden', async () => {
    let now = 1_000_000;
    document.body.innerHTML = '<article data-attune-page-item="a17" data-attune-features="topic:tennis">Text</article>';
    attune = await createAttune({ storage: 'memory', environment: { now: () => now } });
    expect(attune.profile()[0]).toMatchObject({ feature: 'topic:tennis', weight: 0.5 });
    now += 15_000;
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    // view 0.5 + dwell 2 × 15 s / 30 s
    expect(attune.profile()[0]!.weight).toBeCloseTo(1.5, 4);
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });

  it('records the visible time on an item page when closed', async () => {
    let now = 1_000_000;
    document.body.innerHTML = '<article data-attune-page-item="a17" data-attune-features="topic:tennis">Text</article>';
    const closing = await createAttune({ storage: 'memory', environment: { now: () => now } });
    now += 15_000;
    await closing.close();
    // view 0.5 + dwell 2 × 15 s / 30 s
    expect(closing.profile()[0]!.weight).toBeCloseTo(1.5, 4);
  });

  it('lets like() use the features the page showed for an item', async () => {
    document.body.innerHTML = slotMarkup();
    attune = await createAttune({ storage: 'memory' });
    attune.apply();
    attune.like('cake');
    expect(attune.profile()[0]).toMatchObject({ feature: 'topic:cooking' });
  });
});

describe('publication times in the markup', () => {
  it('reads data-attune-published for freshness, and reports a date it cannot read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = `
      <ul data-attune-slot="news">
        <li data-attune-item="monday" data-attune-published="2026-11-23T08:00Z">Monday</li>
        <li data-attune-item="someday" data-attune-published="soon">Someday</li>
        <li data-attune-item="friday" data-attune-published="2026-11-27T07:00Z">Friday</li>
      </ul>`;
    attune = await createAttune({ storage: 'memory', autoTrack: false, blend: { freshness: 3 }, environment: { now: () => Date.parse('2026-11-27T09:00Z') } });
    attune.apply();
    expect(order(document.querySelector('[data-attune-slot]')!)[0]).toBe('friday');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('data-attune-published="soon" of item "someday"'));
  });
});
