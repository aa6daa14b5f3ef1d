// First paint with and without Attune: Lighthouse 12 (mobile profile, simulated slow 4G) on both demos,
// served with gzip, each page as it is, without Attune, and with the script tag loaded `async`.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { fixed, markdownTable, median } from './stats.mjs';
import { contentTypes } from '../examples/serve.mjs';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const RUNS = 5;
const root = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

/** The rule a site inlines in its `<head>` beside the async tag, as the README gives it. */
const WAIT_RULE = (await readFile(new URL('../README.md', import.meta.url), 'utf8')).match(/<style>\[data-attune-slot\][^\n]*<\/style>/)[0];

const SCRIPT_TAG = /<script src="\/dist\/attune\.min\.js"/;
const PANEL_TAG = /\s*<script src="\/dist\/attune-panel\.min\.js" defer><\/script>/;

/** Items past a slot's limit rendered hidden, as the script would hide them, so the slot has its final size from the first paint. */
function hidePastLimits(html) {
  return html.replace(/(<(\w+)[^>]*data-attune-limit="(\d+)"[^>]*>)([\s\S]*?)(<\/\2>)/g, (_, open, _tag, limit, body, close) => {
    let seen = 0;
    const items = body.replace(/<li(?=[^>]*data-attune-item=)/g, (start) => (++seen > Number(limit) ? '<li hidden data-attune-hidden' : start));
    return open + items + close;
  });
}

/** Each variant of a page, made from its HTML as served. */
const VARIANTS = {
  'without Attune': (html) =>
    html.replace(PANEL_TAG, '').replace(/\s*<script src="\/dist\/attune\.min\.js"[^>]*><\/script>/, '').replace('"attune":"/dist/attune.mjs"', '"attune":"/bench/fixtures/without-attune.mjs"'),
  'as the demo has it': (html) => html,
  'async tag and the inline rule': (html) => hidePastLimits(html.replace(SCRIPT_TAG, `${WAIT_RULE}\n  <script async src="/dist/attune.min.js"`)),
};

/** Each demo and the variants that apply to it: the shop loads the npm module, which has no tag to make async. */
const DEMOS = [
  ['news (script tag, model, panel)', '/examples/news/index.html', Object.keys(VARIANTS)],
  ['shop (npm module)', '/examples/shop/index.html', ['without Attune', 'as the demo has it']],
];

/** Serves the repository root gzipped; `?variant=` rewrites an HTML page as that variant. */
function startGzipServer() {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const file = resolve(root, '.' + decodeURIComponent(url.pathname));
    const body = file.startsWith(root + sep) ? await readFile(file).catch(() => undefined) : undefined;
    if (!body) return response.writeHead(404).end();
    const variant = VARIANTS[url.searchParams.get('variant')];
    const sent = variant && file.endsWith('.html') ? Buffer.from(variant(body.toString())) : body;
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      ...(gzip && { 'content-encoding': 'gzip' }),
    });
    response.end(gzip ? gzipSync(sent, { level: 9 }) : sent);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((closed) => { server.close(closed); server.closeAllConnections(); }) })));
}

/** One Lighthouse run of `url` (its default: mobile, simulated slow 4G and a 4× slower CPU), in a fresh browser. */
async function lighthouseRun(url) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, logLevel: 'silent' });
  try {
    const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    const value = (id) => lhr.audits[id]?.numericValue;
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
    return { fcp: value('first-contentful-paint'), lcp: value('largest-contentful-paint'), tbt: value('total-blocking-time'), cls: value('cumulative-layout-shift'), version: lhr.lighthouseVersion };
  } finally {
    await chrome.kill();
  }
}

export async function paintReport() {
  const title = 'First paint (Lighthouse)';
  if (!existsSync(CHROMIUM)) return { title, skipped: `skipped: ${CHROMIUM} not found (the first-paint benchmark needs a system Chromium)` };
  if (!existsSync(new URL('../examples/news/model.bin', import.meta.url))) {
    return { title, skipped: 'skipped: examples/news/model.bin is not built (run `npm run build:examples`)' };
  }
  const server = await startGzipServer();
  const rows = [];
  let version;
  try {
    for (const [demo, path, variants] of DEMOS) {
      const medians = Object.fromEntries(variants.map((name) => [name, []]));
      // Runs alternate between variants, so a busy moment of the machine falls on each alike.
      for (let run = 0; run < RUNS; run++) {
        for (const name of variants) {
          const result = await lighthouseRun(`${server.url}${path}?variant=${encodeURIComponent(name)}`);
          version = result.version;
          medians[name].push(result);
        }
      }
      const baseline = median(medians['without Attune'].map((r) => r.fcp));
      for (const [name, results] of Object.entries(medians)) {
        const of = (key) => median(results.map((r) => r[key]));
        rows.push({ demo, variant: name, fcp: of('fcp'), lcp: of('lcp'), tbt: of('tbt'), cls: of('cls'), fcpCost: of('fcp') - baseline });
      }
    }
  } finally {
    await server.close();
  }
  return {
    title,
    rows,
    table: markdownTable(
      ['demo', 'page', 'FCP', 'FCP − without', 'LCP', 'TBT', 'CLS'],
      rows.map((r) => [r.demo, r.variant, `${fixed(r.fcp, 0)} ms`, r.variant === 'without Attune' ? '' : `${r.fcpCost >= 0 ? '+' : ''}${fixed(r.fcpCost, 0)} ms`, `${fixed(r.lcp, 0)} ms`, `${fixed(r.tbt, 0)} ms`, fixed(r.cls, 3)]),
    ),
    method:
      `Lighthouse ${version} (its default mobile profile: simulated slow 4G, 150 ms round trip, 1.6 Mbps down, and a 4× slower CPU), performance category only, driving ${CHROMIUM} in headless mode through chrome-launcher; each run starts a new browser with empty storage, so every run is a first visit (no stored profile, no cache). ` +
      'The demos are served from the repository root with gzip (level 9). Each page is measured as the demo has it, without Attune (the news page without its script and panel tags; the shop with its own code given the site\'s order by `bench/fixtures/without-attune.mjs` in Attune\'s place, so it renders the same grid), and, for the news page, with `async` on the script tag and the one-line rule of the README in `<head>`, items past a slot\'s limit rendered `hidden data-attune-hidden`. ' +
      `Medians of ${RUNS} runs per page, the variants taking turns run by run. FCP: first contentful paint; LCP: largest contentful paint; TBT: total blocking time; CLS: cumulative layout shift.`,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await paintReport();
  console.log(report.skipped ?? report.table);
}
