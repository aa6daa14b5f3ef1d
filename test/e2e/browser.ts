/**
 * What every e2e test file shares: the system Chromium (Debian's package,
 * installed by ensure-chromium.mjs; playwright-core never downloads one), the
 * examples' static server on a free loopback port, and a fresh browser context
 * per test, so each visitor starts with empty IndexedDB.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { startServer, type StaticServer } from '../../examples/serve.mjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that keep Chromium from contacting anything on its own, so every request seen is the page's. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Starts examples/serve.mjs, which serves the repository root, so `/dist/`, `/node_modules/idb/` and `/test/e2e/fixtures/` all resolve. */
export function startStaticServer(): Promise<StaticServer> {
  return startServer({ port: 0, host: '127.0.0.1' });
}

/** One visitor: a fresh browser context (empty storage) with one page, and what that page did. */
export interface Visitor {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The static server's origin: the only one the page may contact. */
  readonly origin: string;
  /** Every URL the browser requested in this context (documents, scripts, fetches, beacons, web sockets), in order. */
  readonly requests: string[];
  /** The text of every `console.warn` the page printed. */
  readonly warnings: string[];
  /** Uncaught exceptions in the page. */
  readonly pageErrors: string[];
  /** Navigates to a file under test/e2e/fixtures/ and waits for its load event. */
  goto(fixture: string): Promise<void>;
}

/**
 * Registers the file's browser and server (started once per file) and returns
 * a factory of visitors. Each visitor's context closes when its test finishes.
 */
export function useBrowser(): { newVisitor(): Promise<Visitor> } {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startStaticServer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    async newVisitor(): Promise<Visitor> {
      if (!browser || !server) throw new Error('useBrowser(): the browser is not started; call newVisitor() inside a test');
      const context = await browser.newContext();
      onTestFinished(() => context.close());
      // Well inside the 30 s test timeout, so a failed wait names its condition instead of timing the test out.
      context.setDefaultTimeout(10_000);
      const requests = recordRequests(context);
      const page = await context.newPage();
      page.on('websocket', (socket) => requests.push(socket.url()));
      const warnings: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'warning') warnings.push(message.text());
      });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      const origin = server.url;
      return {
        context,
        page,
        origin,
        requests,
        warnings,
        pageErrors,
        async goto(fixture) {
          await page.goto(`${origin}/test/e2e/fixtures/${fixture}`);
        },
      };
    },
  };
}

/**
 * Records the URL of every request made in a context, from any of its pages
 * or workers, so a test can assert where the browser went.
 */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** A Content Security Policy that forbids every connection and inline code. */
export const STRICT_POLICY = "default-src 'self'; connect-src 'none'; style-src 'self'; script-src 'self'";

/** Runs in the page before its own scripts (page.addInitScript): collects Content Security Policy violations. */
export function recordViolations(): void {
  const seen: string[] = [];
  Object.assign(window, { e2eViolations: seen });
  document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
}

/** The violations {@link recordViolations} collected. */
export function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { e2eViolations: string[] }).e2eViolations);
}

/**
 * Serves a fixture as a site would with a different response: a header added
 * or its markup changed. Variants of one page, without more copies of it.
 */
export async function serveFixture(
  page: Page,
  fixture: string,
  change: { headers?: Record<string, string>; markup?: (html: string) => string },
): Promise<void> {
  await page.route(`**/fixtures/${fixture}`, async (route) => {
    const response = await route.fetch();
    const body = change.markup ? change.markup(await response.text()) : await response.text();
    await route.fulfill({ response, body, headers: { ...response.headers(), ...change.headers } });
  });
}
