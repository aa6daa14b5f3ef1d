import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import replace from '@rollup/plugin-replace';
import { chmodSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * The script tag and the parts it loads on demand are minified with one shared
 * name cache: terser mangles properties that start with `_` (every internal
 * field and method is `_named`), and a part reads the core's objects, so each
 * internal name must be mangled alike in every file.
 */
const nameCache = {};
const minify = terser({
  ecma: 2020,
  compress: { passes: 3 },
  mangle: { properties: { regex: /^_/ } },
  // ASCII only: a page served without a charset would show "’" as "â€™".
  format: { comments: false, ascii_only: true },
  nameCache,
});

/**
 * `__DEV__` guards long explanations in error messages: kept in the npm
 * module, dropped from the script tags.
 */
const flags = (dev) => replace({ preventAssignment: true, values: { __DEV__: String(dev) } });

/** The file a part of the script tag loads from, beside it: `./privacy/visitor-data` → `attune-visitor-data.min.js`. */
const partFile = (module) => `attune-${basename(module).replace(/\.ts$/, '')}.min.js`;

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * In a page, a part loads from the file beside the script tag: a dynamic
 * import in a classic script resolves against the script's own URL. The
 * version in the address keeps a browser from pairing a new script tag with
 * an old part from its cache, whose internal names were shortened otherwise.
 */
const partsBesideTheScript = {
  name: 'parts-beside-the-script',
  resolveDynamicImport: (specifier) => (typeof specifier === 'string' ? { id: `./${partFile(specifier)}?v=${version}`, external: true } : null),
};

/** The parts `src/parts.ts` loads on demand: each is a file of its own beside the script tag. */
const PARTS = ['src/privacy/visitor-data.ts', 'src/privacy/report.ts', 'src/model/model-support.ts'];

const browserTypescript = (options = {}) => typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], noEmit: false, outDir: 'dist', ...options });

/** The model builder runs in Node, never in a page: Node's modules stay imports, and nothing is minified. */
const nodeTool = (input, output, plugins = [], declarations = {}) => ({
  input,
  external: (id) => id.startsWith('node:'),
  // The SDK's parts loaded on demand in a page are plain modules here.
  output: { format: 'es', inlineDynamicImports: true, ...output },
  plugins: [
    flags(true),
    typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts', 'tools/**/*.ts'], noEmit: false, outDir: 'dist', ...declarations }),
    ...plugins,
  ],
});

/**
 * The npm module, for bundlers: readable ES modules with source maps (the
 * site's bundler minifies), error messages with their explanations, types in
 * dist/types. The parts loaded on demand are chunks in dist/parts/. idb stays
 * a dependency the site's bundler shares.
 */
const npmModule = (input, external = []) => ({
  input,
  external,
  // The parts import what they share with the core from attune.mjs itself, rather than from a third chunk.
  preserveEntrySignatures: 'allow-extension',
  output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].mjs', chunkFileNames: 'parts/[name].mjs' },
  plugins: [flags(true), browserTypescript({ declaration: true, declarationDir: 'dist/types', stripInternal: true })],
});

/** A script tag: one minified classic script. */
const scriptTag = (input, file) => ({
  input,
  output: { file, format: 'iife', sourcemap: true },
  plugins: [partsBesideTheScript, resolve(), flags(false), browserTypescript(), minify],
});

/** A part of the script tag, loaded on demand: a minified ES module beside it. */
const scriptPart = (input) => ({
  input,
  output: { file: `dist/${partFile(input)}`, format: 'es', sourcemap: true },
  plugins: [resolve(), flags(false), browserTypescript(), minify],
});

/** `attune` is run as a program (`npx attune`, `./dist/cli.mjs`), so the file is executable. */
const executable = { name: 'executable', writeBundle: ({ file }) => chmodSync(file, 0o755) };

export default [
  npmModule({ attune: 'src/index.ts' }, ['idb']),
  // The panel for bundlers: it shares the core's types, nothing else.
  npmModule({ panel: 'src/ui/panel.ts' }),
  // The script tag first, so the parts' internal names are mangled as the core's were.
  scriptTag('src/embed.ts', 'dist/attune.min.js'),
  ...PARTS.map(scriptPart),
  // The visitor panel, loaded on demand beside the core: it uses the public API only.
  scriptTag('src/ui/panel-embed.ts', 'dist/attune-panel.min.js'),
  // attune/tools: the model builder, its readers, the audit and the report decoder, for a site's scripts;
  // its types land in dist/types/tools/, beside those of the SDK's source that they refer to (dist/types/src/).
  nodeTool('tools/index.ts', { file: 'dist/tools.mjs' }, [], { declaration: true, declarationDir: 'dist/types', stripInternal: true }),
  // attune/tools with the internals the benchmarks and demos use; not in package.json's exports.
  nodeTool('tools/internal.ts', { file: 'dist/tools-internal.mjs' }),
  // The attune command line: self-contained, so it runs without resolving anything beside it.
  nodeTool('tools/cli.ts', { file: 'dist/cli.mjs', banner: '#!/usr/bin/env node' }, [executable]),
];
