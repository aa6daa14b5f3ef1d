/**
 * "Quick start: script tag" in the README, run as a reader would paste it:
 * its script tag in a page's `<head>`, its slot in the `<body>`, and the
 * built `dist/attune*.min.js` served from the site's root, as the README says
 * to copy them. A new visitor gets the slot ordered with its reasons, and,
 * with the site's consent, a database of their own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { blockOf } from '../readme/quick-starts';

const session = useBrowser();
const dist = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url));

/** The README's block as a page: each script tag into the head, the rest into the body. */
function quickStartPage(): string {
  const block = blockOf('Quick start: script tag', 'html');
  const lines = block.split('\n');
  const head = lines.filter((line) => line.startsWith('<script'));
  const body = lines.filter((line) => !line.startsWith('<script'));
  expect(head).toHaveLength(1);
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Quick start</title>\n${head.join('\n')}\n</head>\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}

describe("the README's script-tag quick start", () => {
  it('orders the slot for a new visitor with its reason lines, keeps the pinned item, stores with consent, and warns of nothing', async () => {
    const visitor = await session.newVisitor();
    const { page, origin } = visitor;
    // The site's root: the page, and the script tag with its parts copied beside it.
    await page.route(`${origin}/quick-start/`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: quickStartPage() }));
    await page.route(new RegExp(`^${origin}/(attune[\\w-]*\\.min\\.js)(\\?.*)?$`), (route) => {
      const file = new URL(route.request().url()).pathname.slice(1);
      return route.fulfill({ contentType: 'text/javascript', body: dist(file) });
    });

    await page.goto(`${origin}/quick-start/`);
    await page.waitForSelector('[data-attune-slot="front-page"][data-attune-ready]');

    const items = await page.$$eval('[data-attune-slot="front-page"] > [data-attune-item]', (elements) =>
      elements.map((element) => ({ id: element.getAttribute('data-attune-item'), hidden: element.hasAttribute('hidden') })),
    );
    expect(items).toEqual([
      { id: 'a17', hidden: false },
      { id: 'a18', hidden: false },
    ]);
    expect(await page.textContent('[data-attune-item="a17"] [data-attune-reason]')).toBe('The site’s top pick');
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map(({ name }) => name));
    expect(databases).toContain('attune:news');
    expect(visitor.warnings).toEqual([]);
    expect(visitor.pageErrors).toEqual([]);
    expect(visitor.requests.filter((url) => !url.startsWith(origin))).toEqual([]);
  });
});
