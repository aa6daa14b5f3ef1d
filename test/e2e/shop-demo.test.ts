/**
 * The shop demo (examples/shop/, the npm module with rank()) as its "Try it"
 * box tells a visitor: like two red things, or say "Not for me".
 */
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { openShop, readProducts } from './demos';

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

    const products = await readProducts(visitor.page);
    const place = products.findIndex(({ id }) => id === fifth);
    expect(place).toBeGreaterThanOrEqual(PLACES_IN_VIEW);
    expect(products[place]!.reason).not.toMatch(/^The site’s/);
  });

  it('after "Not for me", the product at the top does not read "Lower"', async () => {
    const visitor = await session.newVisitor();
    await openShop(visitor);
    await visitor.page.click('[data-product="p05"] [data-action="dislike"]');

    expect((await readProducts(visitor.page))[0]!.reason).not.toMatch(/^Lower/);
  });

  it('keeps two liked products in the top half of the grid, not lowered as seen', async () => {
    const visitor = await session.newVisitor();
    await openShop(visitor);
    const liked = ['p01', 'p04'];

    for (const id of liked) await visitor.page.click(`[data-product="${id}"] [data-action="like"]`);

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
    await expect.poll(() => page.textContent('#sale-why')).toMatch(/“shoes”: You liked 2 items about shoes this week/);
    expect(visitor.pageErrors).toEqual([]);
  });
});

