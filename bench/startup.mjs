// Script start → slots ordered, in real Chromium with the profile already in IndexedDB.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { fixed, mark, markdownTable, median, percentile } from './stats.mjs';
import { startServer } from '../examples/serve.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const RELOADS = 30;
const WARMUP_RELOADS = 3;
/** One frame at 60 Hz. */
const BUDGET_MS = 16;
/**
 * The seeded visitor clicked cooking stories elsewhere on the site, so a personally ordered slot
 * starts with a3 (the site's #3, cooking by chen). Stories clicked in the slot itself would be
 * demoted there as seen.
 */
const SEED_CLICKS = [['x-cooking-1', 'topic:cooking author:chen'], ['x-cooking-2', 'topic:cooking author:chen'], ['x-music', 'topic:music author:chen']];
const PERSONAL_TOP = 'a3';
/** What the page logs once its slot is shown. */
const READY_MESSAGE = 'attune-bench-ready';

/**
 * Runs in the page before any of its scripts: notes when the slot is shown and what it shows first,
 * then says so on the console (the message is READY_MESSAGE: an init script sees nothing of this file).
 */
function watchReady() {
  // Where the time goes: when the page first opened IndexedDB, when that open succeeded, and when the first record read arrived.
  const timeFirst = (prototype, method, asked, answered) => {
    const call = prototype[method];
    prototype[method] = function (...args) {
      const request = call.apply(this, args);
      if (window[asked] === undefined) {
        window[asked] = performance.now();
        request.addEventListener('success', () => (window[answered] = performance.now()));
      }
      return request;
    };
  };
  timeFirst(IDBFactory.prototype, 'open', 'benchOpenCalled', 'benchOpened');
  timeFirst(IDBObjectStore.prototype, 'get', 'benchReadAsked', 'benchRead');
  new MutationObserver((records) => {
    for (const record of records) {
      if (window.benchReady !== undefined) return;
      window.benchReady = performance.now();
      window.benchFirstItem = record.target.querySelector('[data-attune-item]')?.getAttribute('data-attune-item');
      console.debug('attune-bench-ready');
    }
  }).observe(document, { attributes: true, attributeFilter: ['data-attune-ready'], subtree: true });
}

async function visit(page, load) {
  // Waiting in the page (waitForFunction) would run Playwright's injected script there, about 10 ms of the main
  // thread here, while the SDK waits for IndexedDB: the page says on its console when it is ready instead.
  const ready = page.waitForEvent('console', { predicate: (message) => message.text() === READY_MESSAGE, timeout: 5000 });
  await load();
  await ready;
  // First contentful paint may land just after the slot is shown; wait for it briefly.
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 2000 }).catch(() => {});
  return page.evaluate(() => ({
    start: window.benchScriptStart,
    ready: window.benchReady,
    first: window.benchFirstItem,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    fetched: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/attune.min.js'))?.responseEnd,
    openCalled: window.benchOpenCalled,
    opened: window.benchOpened,
    read: window.benchRead,
  }));
}

/**
 * One page's timed reloads, one per `next(timed)`: the first call seeds the visitor, each next reloads
 * once (kept when `timed`), and `next(undefined)` returns the visits kept.
 */
async function* startupRun(browser, url) {
  const context = await browser.newContext();
  await context.addInitScript(watchReady);
  const page = await context.newPage();
  await visit(page, () => page.goto(url));
  // First visit: the visitor clicks a few stories; flush() resolves once they are in IndexedDB.
  await page.evaluate((clicks) => new Promise((resolve, reject) => {
    (window.attune_queue ||= []).push((attune) => {
      for (const [item, features] of clicks) attune.track('click', { item, features: features.split(' ') });
      return attune.flush().then(resolve, reject);
    });
  }), SEED_CLICKS);
  const visits = [];
  for (;;) {
    const timed = yield;
    if (timed === undefined) break;
    const result = await visit(page, () => page.reload());
    if (timed) visits.push(result);
  }
  visits.loadedOpens = await loadedPageOpens(page);
  await context.close();
  return visits;
}

/** The same database opened again from the page once it has loaded, ms per open: what an open costs when nothing else is starting. */
function loadedPageOpens(page) {
  return page.evaluate(async () => {
    const name = (await indexedDB.databases()).find((info) => info.name.startsWith('attune'))?.name;
    const times = [];
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      await new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => (request.result.close(), resolve());
        request.onerror = () => reject(request.error);
      });
      times.push(performance.now() - start);
    }
    return times;
  });
}

/** Script start → slot shown over one page's visits, and how many were ordered for the visitor and shown by first paint. */
function summaryOf(visits) {
  const ready = visits.map((v) => v.ready - v.start);
  const fcp = visits.map((v) => v.fcp).filter((value) => value !== undefined);
  const fetched = visits.map((v) => v.fetched - v.start).filter(Number.isFinite);
  return {
    median: median(ready),
    p95: percentile(ready, 95),
    fcp: median(fcp),
    fcpReported: fcp.length > 0,
    fetched: median(fetched),
    shownAt: median(visits.map((v) => v.ready)),
    // Where the time went, medians: script start to the open's call, the open, the first read, and the slot shown from the read.
    parts: {
      beforeOpen: median(visits.map((v) => v.openCalled - v.start)),
      open: median(visits.map((v) => v.opened - v.openCalled)),
      read: median(visits.map((v) => v.read - v.opened)),
      // Negative where the slot was shown before the read: ordered from the profile's copy.
      afterRead: median(visits.map((v) => v.ready - v.read)),
      beforeOpened: visits.filter((v) => v.ready < v.opened).length,
      loadedOpen: median(visits.loadedOpens),
    },
    personal: visits.filter((v) => v.first === PERSONAL_TOP).length,
    beforePaint: visits.filter((v) => v.fcp !== undefined && v.ready <= v.fcp).length,
    runs: visits.length,
  };
}

function tableRow([what, row]) {
  return [
    what,
    `${fixed(row.median, 1)} ms`,
    `${fixed(row.p95, 1)} ms`,
    `≤ ${BUDGET_MS} ms median`,
    mark(row.median <= BUDGET_MS),
    `${row.runs} reloads (+${WARMUP_RELOADS} warm-up)`,
    `${row.personal}/${row.runs}`,
    `${fixed(row.shownAt, 1)} ms`,
    row.fcpReported ? `${fixed(row.fcp, 1)} ms` : 'not reported',
    `${row.beforePaint}/${row.runs}`,
  ];
}

/** The pages timed, each served fresh on every reload and from the browser's cache. */
const PAGES = [
  ['script start → slot ordered and shown', 'startup.html'],
  ['the same with a rule, an audience and a greeting (`startup-rules.html`: the rules part loads, and its rule reads the history)', 'startup-rules.html'],
];

export async function startupReport() {
  const title = 'Startup (real Chromium)';
  if (!existsSync(CHROMIUM)) {
    return { title, skipped: `skipped: ${CHROMIUM} not found (the startup benchmark needs a system Chromium)` };
  }
  // Two origins: one sends the script tag and its parts with no-store, the other lets the browser keep them.
  const servers = await Promise.all([startServer({ port: 0 }), startServer({ port: 0, cacheDist: true })]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const cases = servers.flatMap((server, cached) =>
      PAGES.map(([what, page]) => ({ what: cached ? `${what}; the script from the browser's cache` : what, url: `${server.url}/bench/fixtures/${page}` })),
    );
    // Reloaded in turn, page by page, so every page meets the machine's noise alike.
    const runs = await Promise.all(cases.map(({ url }) => startupRun(browser, url)).map((run) => run.next().then(() => run)));
    for (let i = 0; i < WARMUP_RELOADS + RELOADS; i++) {
      for (const run of runs) await run.next(i >= WARMUP_RELOADS);
    }
    const rows = [];
    for (const [i, run] of runs.entries()) rows.push([cases[i].what, summaryOf((await run.next(undefined)).value)]);
    const [row, ruledRow, cachedRow, cachedRuledRow] = rows.map(([, summary]) => summary);
    return {
      title,
      browser: `Chromium ${browser.version()}`,
      row,
      ruledRow,
      cachedRow,
      cachedRuledRow,
      table:
        markdownTable(
          ['what', 'median', 'p95', 'budget', 'within budget', 'runs', 'slot in personal order', 'slot shown (median, from navigation start)', 'FCP (median)', 'slot shown by FCP'],
          rows.map(tableRow),
        ) +
        '\n\nWhere the time goes, medians of the same reloads:\n\n' +
        markdownTable(
          ['what', 'script start → open called', 'IndexedDB open (call → success)', 'first read (open → first record)', 'slot shown, from the first read (negative: before it)', 'slot shown before the open succeeded', 'the same open in the loaded page'],
          rows.map(([what, { parts, runs }]) => [
            what,
            ...[parts.beforeOpen, parts.open, parts.read, parts.afterRead].map((ms) => `${fixed(ms, 1)} ms`),
            `${parts.beforeOpened}/${runs}`,
            `${fixed(parts.loadedOpen, 1)} ms`,
          ]),
        ),
      method:
        `The four pages are reloaded in turn, in one browser, so they meet the machine's noise alike. ` +
        `Headless Chromium (${browser.version()}, through playwright-core) loads \`bench/fixtures/startup.html\` from a local server: a head with an inline script that stores \`performance.now()\`, then \`<script src="/dist/attune.min.js" data-namespace="bench" data-consent="granted">\`, and a slot of 20 items. ` +
        `The first visit stores ${SEED_CLICKS.length} clicks through \`attune_queue\` and waits for \`flush()\`. ` +
        `Then the page is reloaded ${WARMUP_RELOADS} times untimed and ${RELOADS} times timed; a MutationObserver installed before any page script notes \`performance.now()\` when the slot gets \`data-attune-ready\`, and only then says so on the console, which the benchmark waits for without running anything in the page meanwhile. ` +
        'The figure is (ready − script start): parsing and running the bundle, reading the profile and ordering the slot, plus whatever of the bundle\'s fetch from localhost is left ' +
        `(the preload scanner had it fetched ${fixed(row.fetched, 1)} ms after script start, median; negative means before). ` +
        'The first two rows are served with `cache-control: no-store`, so every reload fetches and parses the script again; the last two from a second local server that lets the browser keep the files of dist/ for an hour, as a site serves its script tag, and as a returning visitor (the one with a stored profile) has it: ' +
        `fetched ${fixed(cachedRow.fetched, 1)} ms after script start, median. ` +
        `"Slot in personal order" counts reloads whose slot was shown with the seeded visitor's top story (${PERSONAL_TOP}) first, i.e. ordered from the stored profile rather than shown in the site order when the render budget ran out. ` +
        'For context, the time the slot was shown and first contentful paint are also given from navigation start (the page\'s `performance.now()` clock); "slot shown by FCP" counts reloads where the slot was shown no later than FCP. ' +
        'Until it is shown the slot is `visibility: hidden` with its space kept, so a slot shown after FCP means the rest of the page painted first, not that the site order flashed. ' +
        'The second table splits the same reloads at the page\'s first `indexedDB.open()` call, its success, and the first record read on the connection (the profile, read in one transaction with the events it lacks and the settings), hooked by the same init script; ' +
        'the last column opens the same database ten times from the page once it has loaded, for contrast: an open at page start waits for the browser\'s storage to be ready for the new document, which no script can start earlier (an open issued at document start, before any page script, completes at about the same moment). ' +
        'That wait is why the SDK keeps a copy of the profile and the visitor\'s settings in localStorage, read synchronously as the script starts: on `startup.html` the slot is ordered from it and shown before the open has succeeded, and the database, once open, replaces the copy. ' +
        'On the page with a rule on what the visitor did, the copy also carries the visitor\'s history, which the rules part holds the rule against until the database answers; that page\'s slot waits for the rules part itself, a file of its own, which the rows that fetch every file on every reload fetch too.',
    };
  } finally {
    await browser.close();
    await Promise.all(servers.map((server) => server.close()));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await startupReport();
  console.log(report.skipped ?? report.table);
}
