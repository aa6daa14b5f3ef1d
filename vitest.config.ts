import { defineConfig } from 'vitest/config';

const unit = {
  environment: 'happy-dom',
  setupFiles: ['fake-indexeddb/auto'],
} as const;
// The source reads __DEV__, which the build replaces; tests run it as the npm module does.
const define = { __DEV__: 'true' };
/**
 * `attune`, `attune/react` and `attune/vue` from the source. Matched whole: an
 * alias keyed by name alone would also take `attune/react` for a file under
 * src/index.ts.
 */
const source = (file: string) => new URL(`./src/${file}`, import.meta.url).pathname;
const fromSource = [
  { find: /^attune$/, replacement: source('index.ts') },
  { find: /^attune\/react$/, replacement: source('bindings/react.ts') },
  { find: /^attune\/vue$/, replacement: source('bindings/vue.ts') },
];

export default defineConfig({
  test: {
    projects: [
      {
        // Public-API tests import the package by its own name; here it resolves to the source.
        define,
        resolve: { alias: fromSource },
        test: { ...unit, name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        // Issue 14's behaviour on generated pages, through the public API; prints how many pages each property holds on.
        define: { ...define },
        resolve: { alias: fromSource },
        test: { ...unit, name: 'behaviour', include: ['test/behaviour/**/*.test.ts'] },
      },
      {
        // The same public-API tests against the built module, through package.json's exports map.
        test: { ...unit, name: 'unit:dist', include: ['test/unit/public/**/*.test.ts'] },
      },
      {
        // attune/tools and the attune command run in Node, never in a page: their tests have no DOM.
        // A copy: Vitest moves the entries out of the define object it is given, so two projects cannot share one.
        define: { ...define },
        test: { name: 'tools', include: ['test/tools/**/*.test.ts'], environment: 'node' },
      },
      {
        test: { name: 'bundle', include: ['test/bundle/**/*.test.ts'], environment: 'node' },
      },
      {
        // The packed tarball, checked as a site installs it: attw, publint, and tsc under each module resolution.
        test: { name: 'package', include: ['test/package/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // One Chromium at a time: these machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
