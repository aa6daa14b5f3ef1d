import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import replace from '@rollup/plugin-replace';
import { chmodSync } from 'node:fs';

/**
 * Terser mangles properties that start with `_`: every internal field and
 * method is `_named`, so the script-tag bundle carries none of those names.
 */
const minify = terser({
  ecma: 2020,
  compress: { passes: 3 },
  mangle: { properties: { regex: /^_/ } },
  format: { comments: false },
});

/**
 * Build flags: `__DEV__` guards long explanations in error messages (kept in the
 * npm module, dropped from the script tags); `__MODEL__` guards support for the
 * site's model file, left out of the core script tag so sites without a model
 * do not download it.
 */
const flags = (dev, model = true) => replace({ preventAssignment: true, values: { __DEV__: String(dev), __MODEL__: String(model) } });

/** The model builder runs in Node, never in a page: Node's modules stay imports, and nothing is minified. */
const nodeTool = (input, output, plugins = []) => ({
  input,
  external: (id) => id.startsWith('node:'),
  output: { format: 'es', ...output },
  plugins: [
    flags(true),
    typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts', 'tools/**/*.ts'], noEmit: false, outDir: 'dist' }),
    ...plugins,
  ],
});

/** A module for bundlers: minified, error messages with their explanations, types in dist/types. */
const npmModule = (input, file, external = []) => ({
  input,
  external,
  output: { file, format: 'es', sourcemap: true },
  plugins: [
    flags(true),
    typescript({
      tsconfig: './tsconfig.json',
      include: ['src/**/*.ts'],
      noEmit: false,
      declaration: true,
      declarationDir: 'dist/types',
      stripInternal: true,
      outDir: 'dist',
    }),
    minify,
  ],
});

/** A script tag: one self-contained, minified file; `model` says whether it reads the site's model. */
const scriptTag = (input, file, model = true) => ({
  input,
  output: { file, format: 'iife', sourcemap: true },
  plugins: [
    resolve(),
    flags(false, model),
    typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], noEmit: false, outDir: 'dist' }),
    minify,
  ],
});

/** `attune` is run as a program (`npx attune`, `./dist/cli.mjs`), so the file is executable. */
const executable = { name: 'executable', writeBundle: ({ file }) => chmodSync(file, 0o755) };

export default [
  // The npm module: idb stays a dependency the site's bundler shares.
  npmModule('src/index.ts', 'dist/attune.mjs', ['idb']),
  // The script tags; the second also reads the site's model.
  scriptTag('src/embed.ts', 'dist/attune.min.js', false),
  scriptTag('src/embed.ts', 'dist/attune-model.min.js'),
  // The visitor panel, loaded on demand, for bundlers and as a script tag beside the core: it shares the core's types, nothing else.
  npmModule('src/ui/panel.ts', 'dist/panel.mjs'),
  scriptTag('src/ui/panel-embed.ts', 'dist/attune-panel.min.js'),
  // attune/tools: the model builder and its readers, for scripts and benchmarks.
  nodeTool('tools/index.ts', { file: 'dist/tools.mjs' }),
  // The attune command line: self-contained, so it runs without resolving anything beside it.
  nodeTool('tools/cli.ts', { file: 'dist/cli.mjs', banner: '#!/usr/bin/env node' }, [executable]),
];
