/**
 * The news demo (examples/news/, the script tag with the site's model) as its
 * README and the page's own "This page learns" box tell a visitor to try it.
 */
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { MORE_NEWS, TOP_STORIES, countSlides, limitOf, openNewsFrontPage, readStories, readTennisStories, siteOrderOf, slides, storiesInView, waitForTopStories } from './demos';

const session = useBrowser();
/** The editor's pick, `data-attune-pin` in Top stories. */
const PINNED = 'a21';
const INTEREST_IN_TENNIS = 'Your interest in tennis (topic)';

describe('the news demo', () => {
  it("shows a new visitor Top stories in the site's order", async () => {
    const visitor = await session.newVisitor();
    await openNewsFrontPage(visitor);

    const shown = (await readStories(visitor.page, TOP_STORIES)).map(({ id }) => id);
    expect(shown).toEqual(await siteOrderOf(visitor.page, TOP_STORIES));
  });

  it('after three tennis stories opened from Top stories, shows tennis there, "Your interest in tennis (topic)"', async () => {
    const visitor = await session.newVisitor();
    await openNewsFrontPage(visitor);

    const read = await readTennisStories(visitor.page, 3);
    // Each story was in view in Top stories when the visitor opened it.
    expect(read.map(({ slot }) => slot)).toEqual([TOP_STORIES, TOP_STORIES, TOP_STORIES]);
    const shown = await storiesInView(visitor.page, TOP_STORIES);
    const tennis = shown.filter(({ topic }) => topic === 'tennis');
    const story = `Top stories: ${shown.map(({ id, topic, reason }) => `${id} ${topic} "${reason}"`).join(', ')}`;
    expect(tennis, story).not.toEqual([]);
    // The line names what lifted it most: the interest, or the site's model (tennis readers chose it); "Why this?" names the interest either way.
    for (const { id, reason } of tennis) {
      expect([INTEREST_IN_TENNIS, 'Chosen by people who chose what you did'], story).toContain(reason);
      const why = await visitor.page.evaluate((item) => new Promise<string[]>((resolve) => window.attune_queue?.push(async (attune) => resolve(await attune.explain(item)))), id);
      expect(why.join(' '), `${id}: "Why this?"`).toMatch(/tennis/);
    }
    expect(visitor.pageErrors).toEqual([]);
  });

  it('shows one audience banner, never an empty box: "New here?" to a new visitor, the tennis final once tennis is read', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openNewsFrontPage(visitor);
    const banners = () =>
      page.$$eval('.audience-banner', (boxes) => boxes.filter((box) => box.getBoundingClientRect().height > 0).map((box) => (box as HTMLElement).innerText.split(/[:?]/)[0]));
    await expect.poll(banners).toEqual(['New here']);
    await readTennisStories(page, 3);
    await page.reload();
    await waitForTopStories(page);
    await expect.poll(banners).toEqual(['For tennis readers']);
    // The panel says why, the group's name on one line of its own above its reason (not squeezed to a letter a line).
    const group = page.locator('attune-panel').locator('.audiences li');
    await expect.poll(() => group.innerText()).toMatch(/^tennis readers\nTennis is \d+ % of your interest in topic$/);
    // Measured once laid out: the panel draws its list again as the profile changes, and a list just drawn measures 0.
    const onOneLine = () =>
      group.locator('.label').evaluate((name) => {
        const height = name.getBoundingClientRect().height;
        return height > 0 && height < parseFloat(getComputedStyle(name).lineHeight) * 1.5;
      });
    await expect.poll(onOneLine).toBe(true);
    expect(visitor.pageErrors).toEqual([]);
  });

  it('after Less on tennis in the panel, moves each story tennis lifted down, out of view where tennis brought it into view', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openNewsFrontPage(visitor);
    await readTennisStories(page, 3);
    const slots = [TOP_STORIES, MORE_NEWS];
    const before = await Promise.all(slots.map((slot) => readStories(page, slot)));
    const tennisWeight = () => page.locator('attune-panel li').filter({ hasText: /^topic tennis/ }).locator('.weight').innerText();
    const weightBefore = await tennisWeight();

    await page.getByRole('button', { name: 'Less topic tennis' }).click();
    // The panel orders the slots again as it shows the new weight.
    await expect.poll(tennisWeight).not.toBe(weightBefore);

    for (const [s, slot] of slots.entries()) {
      // The tennis stories the visitor's reads lifted: by the interest, or by the model's tennis readers.
      const liftedBy = [INTEREST_IN_TENNIS, 'Chosen by people who chose what you did'];
      const lifted = before[s]!.flatMap(({ id, topic, reason }, place) => (topic === 'tennis' && liftedBy.includes(reason) ? [{ id, place }] : []));
      if (slot === TOP_STORIES) expect(lifted, 'stories tennis lifted in Top stories').not.toEqual([]);
      const [site, limit] = [await siteOrderOf(page, slot), await limitOf(page, slot)];
      const after = (await readStories(page, slot)).map(({ id }) => id);
      for (const { id, place } of lifted) {
        expect(after.indexOf(id), `${id} in ${slot}, at ${place + 1} before`).toBeGreaterThan(place);
        if (place < limit && site.indexOf(id) >= limit) expect(after.indexOf(id), `${id} in ${slot}, brought into view by tennis`).toBeGreaterThanOrEqual(limit);
      }
    }
  });

  it('keeps the editor’s pick first in Top stories while tennis stories are read', async () => {
    const visitor = await session.newVisitor();
    await openNewsFrontPage(visitor);
    expect((await readStories(visitor.page, TOP_STORIES))[0]!.id).toBe(PINNED);

    await readTennisStories(visitor.page, 3);
    expect((await readStories(visitor.page, TOP_STORIES))[0]!.id).toBe(PINNED);
  });

  it('lists the stories read under "Recently viewed", newest first, as their pages titled them', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openNewsFrontPage(visitor);
    // The slot is drawn by a part loaded beside the script: its empty note shows once the part has drawn it.
    await page.waitForSelector('[data-attune-slot="recent"][data-attune-ready]');
    expect(await page.isVisible('[data-attune-slot="recent"] .empty')).toBe(true);

    const read = await readTennisStories(page, 3);
    await page.reload();
    await page.waitForSelector('[data-attune-slot="recent"][data-attune-ready]');
    const strip = await page.$$eval('[data-attune-slot="recent"] > [data-attune-drawn]', (cards) =>
      cards.map((card) => ({ id: card.getAttribute('data-attune-item'), title: card.textContent, href: card.querySelector('a')?.getAttribute('href') })),
    );
    const titles = await page.$$eval('[data-attune-item]', (items) => Object.fromEntries(items.filter((item) => item.querySelector('h3')).map((item) => [item.getAttribute('data-attune-item'), item.querySelector('h3')!.textContent])));
    expect(strip).toEqual(
      read.reverse().map(({ id }) => ({ id, title: titles[id], href: new URL(`/examples/news/article.html?id=${id}`, page.url()).href })),
    );
    expect(await page.isVisible('[data-attune-slot="recent"] .empty')).toBe(false);
    expect(visitor.pageErrors).toEqual([]);
  });

  it('holds a slot still while the pointer rests on it, then orders it once the pointer leaves', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openNewsFrontPage(visitor);
    const before = (await readStories(page, MORE_NEWS)).map(({ id }) => id);
    const first = page.locator(`[data-attune-slot="${MORE_NEWS}"] > li:not([hidden])`).first();
    await first.hover();

    // What a site's own Like button does: feedback, then apply().
    await page.evaluate(() =>
      window.attune_queue!.push((attune) => {
        attune.prefer('topic:tennis', 1);
        attune.apply();
      }),
    );
    await page.waitForTimeout(300);
    expect((await readStories(page, MORE_NEWS)).map(({ id }) => id)).toEqual(before);

    await page.mouse.move(1, 1);
    await expect.poll(async () => (await readStories(page, MORE_NEWS)).map(({ id }) => id)).not.toEqual(before);
    expect((await storiesInView(page, MORE_NEWS))[0]!.topic).toBe('tennis');
  });

  it('orders a slot at once after "More" in the panel, the pointer being on the panel, its stories sliding to their places', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openNewsFrontPage(visitor);
    await readTennisStories(page, 1);
    await countSlides(page, `[data-attune-slot="${MORE_NEWS}"]`);
    const before = (await readStories(page, MORE_NEWS)).map(({ id }) => id);
    await page.locator('attune-panel').getByRole('button', { name: 'More topic tennis' }).click();
    await expect.poll(async () => (await readStories(page, MORE_NEWS)).map(({ id }) => id)).not.toEqual(before);
    expect(await slides(page)).toBeGreaterThan(0);
  });
});

describe('the news demo greets the reader and shows what they told it', () => {
  it('greets by the name given in the form, shows it under "What you told us" in the panel, and forgets it on Remove', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openNewsFrontPage(visitor);
    const greeting = page.locator('.tagline [data-attune-text]');
    await expect.poll(() => greeting.innerText()).toBe('reader');
    await page.getByLabel('First name').fill('Ana');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => greeting.innerText()).toBe('Ana');

    await page.reload();
    await waitForTopStories(page);
    expect(await greeting.innerText()).toBe('Ana');
    const told = page.locator('attune-panel').getByRole('textbox', { name: 'first name' });
    await expect.poll(() => told.inputValue()).toBe('Ana');
    await page.locator('attune-panel').getByRole('button', { name: 'Remove first name' }).click();
    await expect.poll(() => greeting.innerText()).toBe('reader');
    expect(visitor.pageErrors).toEqual([]);
  });
});
