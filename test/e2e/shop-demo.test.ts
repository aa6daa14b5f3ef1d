/**
 * The shop demo (examples/shop/, the npm module with rank()) as its "Try it"
 * box tells a visitor: like two red things, or say "Not for me".
 */
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { countSlides, leaveGrid, openShop, readProducts, slides } from './demos';

const session = useBrowser();
/**
 * The shop's grid has no limit, so the places in view are those rank()
 * counts when it is given none: its `inView` default.
 */
const PLACES_IN_VIEW = 20;
const SEEN = 'You have seen this';
/** Two pairs of shoes in the shop's catalogue (examples/shop/products.js). */
const SHOES = ['p01', 'p07'];


describe('the shop demo', () => {
  it("shows a new visitor the shop's own order, each product as the site's pick", async () => {
    const visitor = await session.newVisitor();
    await openShop(visitor);

    const products = await readProducts(visitor.page);
    expect(products.map(({ id }) => id)).toEqual(products.map((_, place) => `p${String(place + 1).padStart(2, '0')}`));
    expect(products[0]!.reason).toBe('The site’s top pick');
    expect(products[4]!.reason).toBe('The site’s pick #5');
  });

  it('"Not for me" on the fifth product moves it out of the places in view, no longer as the site’s pick', async () => {
    const visitor = await session.newVisitor();
    await openShop(visitor);
    const fifth = (await readProducts(visitor.page))[4]!.id;

    await visitor.page.click(`[data-product="${fifth}"] [data-action="dislike"]`);
    await leaveGrid(visitor.page);

    const products = await readProducts(visitor.page);
    const place = products.findIndex(({ id }) => id === fifth);
    expect(place).toBeGreaterThanOrEqual(PLACES_IN_VIEW);
    expect(products[place]!.reason).not.toMatch(/^The site’s/);
  });

  it('after "Not for me", the product at the top does not read "Lower"', async () => {
    const visitor = await session.newVisitor();
    await openShop(visitor);
    await visitor.page.click('[data-product="p05"] [data-action="dislike"]');
    await leaveGrid(visitor.page);

    expect((await readProducts(visitor.page))[0]!.reason).not.toMatch(/^Lower/);
  });

  it('keeps two liked products in the top half of the grid, not lowered as seen', async () => {
    const visitor = await session.newVisitor();
    await openShop(visitor);
    const liked = ['p01', 'p04'];

    for (const id of liked) await visitor.page.click(`[data-product="${id}"] [data-action="like"]`);
    await leaveGrid(visitor.page);

    const products = await readProducts(visitor.page);
    for (const id of liked) {
      const place = products.findIndex((product) => product.id === id);
      expect(place, id).toBeLessThan(products.length / 2);
      expect(products[place]!.reason, id).not.toBe(SEEN);
    }
  });

  it('after liking shoes, shows the sale banner’s shoes version on the next visit, and says why', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openShop(visitor);
    const banner = () =>
      page.$$eval('[data-attune-variants="sale"] > [data-attune-variant]', (variants) =>
        variants.filter((variant) => getComputedStyle(variant).display !== 'none').map((variant) => variant.getAttribute('data-attune-variant')),
      );
    expect(await banner()).toHaveLength(1);
    for (const id of SHOES) await page.click(`[data-product="${id}"] [data-action="like"]`);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    await page.reload();
    await page.waitForSelector('[data-attune-variants="sale"][data-attune-chosen]');
    expect(await banner()).toEqual(['shoes']);
    await expect.poll(() => page.textContent('#sale-why')).toMatch(/“shoes”: You liked 2 items about shoes \(category\) this week/);
    expect(visitor.pageErrors).toEqual([]);
  });

  it('keeps the grid still under the pointer after a Like, and reorders it, sliding, once the pointer leaves', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openShop(visitor);
    await countSlides(page, '#grid');
    const before = (await readProducts(page)).map(({ id }) => id);
    // The ninth tile's Like: the tiles after it are those a reorder would slide under the pointer.
    const liked = before[8]!;
    const like = page.locator(`[data-product="${liked}"] [data-action="like"]`);
    await like.click();
    const box = (await like.boundingBox())!;
    const next = page.locator(`[data-product="${before[9]}"]`);
    const nextBox = await next.boundingBox();

    // Still over the grid: nothing has moved, and the pointer is still on the Like it pressed.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 1);
    await page.waitForTimeout(300);
    expect((await readProducts(page)).map(({ id }) => id)).toEqual(before);
    expect(await next.boundingBox()).toEqual(nextBox);
    const underPointer = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('.tile')?.getAttribute('data-product'), [
      box.x + box.width / 2,
      box.y + box.height / 2,
    ]);
    expect(underPointer).toBe(liked);

    await leaveGrid(page);
    await expect.poll(async () => (await readProducts(page)).map(({ id }) => id)).not.toEqual(before);
    // The tiles slid to their places.
    expect(await slides(page)).toBeGreaterThan(0);
    const after = await readProducts(page);
    expect(after.findIndex(({ id }) => id === liked)).toBeLessThan(8);
  });

  it('moves the tiles without sliding for a visitor who asks for reduced motion', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openShop(visitor);
    await countSlides(page, '#grid');
    const before = (await readProducts(page)).map(({ id }) => id);
    await page.click(`[data-product="${before[8]}"] [data-action="like"]`);
    await leaveGrid(page);
    await expect.poll(async () => (await readProducts(page)).map(({ id }) => id)).not.toEqual(before);
    expect(await slides(page)).toBe(0);
  });

  it('waits for keyboard focus to leave the grid: a Like pressed with Enter reorders once the visitor tabs out', async () => {
    const visitor = await session.newVisitor();
    const { page } = visitor;
    await openShop(visitor);
    await page.mouse.move(1, 1);
    const before = (await readProducts(page)).map(({ id }) => id);
    await page.locator(`[data-product="${before[8]}"] [data-action="like"]`).focus();
    await page.keyboard.press('Enter');
    // Tabbing within the grid keeps it still.
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    expect((await readProducts(page)).map(({ id }) => id)).toEqual(before);
    // Out of the grid, into the sidebar.
    await page.locator('attune-panel').getByRole('button', { name: 'Pause personalization' }).focus();
    await expect.poll(async () => (await readProducts(page)).map(({ id }) => id)).not.toEqual(before);
  });
});

