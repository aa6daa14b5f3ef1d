import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import replace from '@rollup/plugin-replace';
import { dts } from 'rollup-plugin-dts';
import ts from 'typescript';
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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
const PARTS = ['src/privacy/visitor-data.ts', 'src/privacy/report.ts', 'src/model/model-support.ts', 'src/dom/strategies.ts', 'src/dom/variants.ts', 'src/rules/rules-support.ts'];

/**
 * TypeScript to JavaScript, one file at a time: the build only strips types.
 * Checking them is tsc's job (`npm run typecheck`, the first step of
 * `npm test`), once for the whole project, where a checking plugin would
 * check it again for every bundle and take five times as long.
 * `isolatedModules` and `verbatimModuleSyntax` in tsconfig.json are what make
 * a file's JavaScript knowable without reading the files it imports.
 */
const { options: compilerOptions } = ts.convertCompilerOptionsFromJson(ts.readConfigFile('tsconfig.json', ts.sys.readFile).config.compilerOptions, '.');
const stripTypes = {
  name: 'strip-types',
  // The source imports `./options`, as tsconfig's moduleResolution "Bundler" allows: find options.ts.
  resolveId(source, importer) {
    if (!importer?.endsWith('.ts') || !source.startsWith('.')) return null;
    const base = join(dirname(importer), source);
    return [`${base}.ts`, join(base, 'index.ts')].find((file) => existsSync(file)) ?? null;
  },
  transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const { outputText, sourceMapText } = ts.transpileModule(code, {
      fileName: id,
      // tsconfig.json's target and module; source maps with the source in them, as rollup chains them into each bundle's.
      compilerOptions: { ...compilerOptions, sourceMap: true, inlineSources: true },
    });
    return { code: outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map: sourceMapText };
  },
};

/** The model builder runs in Node, never in a page: Node's modules stay imports, and nothing is minified. */
const nodeTool = (input, output, plugins = []) => ({
  input,
  external: (id) => id.startsWith('node:'),
  // The SDK's parts loaded on demand in a page are plain modules here.
  output: { format: 'es', inlineDynamicImports: true, ...output },
  plugins: [flags(true), stripTypes, ...plugins],
});

/**
 * The npm module, for bundlers: readable ES modules with source maps (the
 * site's bundler minifies), error messages with their explanations. The parts
 * loaded on demand are chunks in dist/parts/. The package has no runtime
 * dependency: storage speaks to IndexedDB directly (src/store/idb-requests.ts).
 */
const npmModule = (input, external = []) => ({
  input,
  external,
  // The parts import what they share with the core from attune.mjs itself, rather than from a third chunk.
  preserveEntrySignatures: 'allow-extension',
  output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].mjs', chunkFileNames: 'parts/[name].mjs' },
  plugins: [flags(true), stripTypes],
});

/**
 * `attune/react` and `attune/vue`: each one file of its own for bundlers, with
 * the framework left to the site (an optional peer dependency) and the SDK
 * taken from the package itself, `import { createAttune } from 'attune'`, so
 * a site that imports both shares one core, never a copy of it.
 */
const coreFromPackage = {
  name: 'core-from-package',
  resolveId: (source, importer) => (importer?.includes('/src/bindings/') && source === '../attune' ? { id: 'attune', external: true } : null),
};
const binding = (name, framework) => ({
  input: { [name]: `src/bindings/${name}.ts` },
  external: [framework],
  output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].mjs' },
  plugins: [coreFromPackage, flags(true), stripTypes],
});

/** A script tag: one minified classic script. */
const scriptTag = (input, file) => ({
  input,
  output: { file, format: 'iife', sourcemap: true },
  plugins: [partsBesideTheScript, stripTypes, resolve(), flags(false), minify],
});

/** A part of the script tag, loaded on demand: a minified ES module beside it. */
const scriptPart = (input) => ({
  input,
  output: { file: `dist/${partFile(input)}`, format: 'es', sourcemap: true },
  plugins: [stripTypes, resolve(), flags(false), minify],
});

/**
 * The types of the entry points in package.json's exports, each bundled into
 * one file beside its JavaScript (`dist/attune.d.mts` for `dist/attune.mjs`),
 * what they share in `dist/types/`. So every import in a declaration file
 * names a file that exists, with its extension, as Node's resolution
 * (`moduleResolution` node16 and nodenext) requires; declarations that
 * mirrored the source file by file would import `./options`, which only a
 * bundler resolves, and leave the source's internal modules open to import.
 */
const declarations = (input) => ({
  input,
  output: { dir: 'dist', entryFileNames: '[name].d.mts', chunkFileNames: 'types/[name].d.mts' },
  plugins: [dts({ tsconfig: './tsconfig.json', compilerOptions: { stripInternal: true } })],
});

/** `attune` is run as a program (`npx attune`, `./dist/cli.mjs`), so the file is executable. */
const executable = { name: 'executable', writeBundle: ({ file }) => chmodSync(file, 0o755) };

/** The script tag and the parts beside it, minified in one run: they share one name cache, the core's first. */
const scriptTags = [
  scriptTag('src/embed.ts', 'dist/attune.min.js'),
  ...PARTS.map(scriptPart),
  // The visitor panel, loaded on demand beside the core: it uses the public API only.
  scriptTag('src/ui/panel-embed.ts', 'dist/attune-panel.min.js'),
];

/** The modules the demos load besides: the npm module and the model builder the news demo runs. */
const modules = [
  npmModule({ attune: 'src/index.ts' }),
  // The panel for bundlers: it shares the core's types, nothing else.
  npmModule({ panel: 'src/ui/panel.ts' }),
  // attune/react and attune/vue, which the React and Vue demos bundle.
  binding('react', 'react'),
  binding('vue', 'vue'),
  // attune/tools: the model builder, its readers, the audit and the report decoder, for a site's scripts.
  nodeTool('tools/index.ts', { file: 'dist/tools.mjs' }),
  // attune/tools with the internals the benchmarks and demos use; not in package.json's exports.
  nodeTool('tools/internal.ts', { file: 'dist/tools-internal.mjs' }),
];

/** What only the package needs besides: no demo loads it. */
const packageOnly = [
  // The attune command line: self-contained, so it runs without resolving anything beside it.
  nodeTool('tools/cli.ts', { file: 'dist/cli.mjs', banner: '#!/usr/bin/env node' }, [executable]),
  declarations({ attune: 'src/index.ts', panel: 'src/ui/panel.ts', tools: 'tools/index.ts', react: 'src/bindings/react.ts', vue: 'src/bindings/vue.ts' }),
];

/** A whole build starts from an empty dist/, so nothing an earlier build left there is packed. */
const emptyDist = { name: 'empty-dist', buildStart: () => rmSync('dist', { recursive: true, force: true }) };

/**
 * `rollup -c` builds everything (`npm run build`). `npm start` builds only what
 * the demos load, in two processes side by side (examples/start.mjs):
 * `rollup -c --configDemos=script-tags` and `rollup -c --configDemos=modules`.
 */
export default ({ configDemos }) => {
  if (configDemos === 'script-tags') return scriptTags;
  if (configDemos === 'modules') return modules;
  const [first, ...rest] = [...modules, ...scriptTags, ...packageOnly];
  return [{ ...first, plugins: [emptyDist, ...first.plugins] }, ...rest];
};
