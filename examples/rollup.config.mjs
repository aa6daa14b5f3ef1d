// Builds the React and Vue demos (examples/react, examples/vue) as a site's
// bundler would: their TypeScript and TSX, React or Vue from node_modules, and
// Attune through package.json's exports, from the built dist/ (the modules
// build first: npm start and npm test do). Nothing is fetched from elsewhere.
//   rollup -c examples/rollup.config.mjs
import commonjs from '@rollup/plugin-commonjs';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { exports } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** `attune`, `attune/react` and `attune/vue` as a site gets them: the `import` file of each in package.json's exports. */
const attuneFromExports = {
  name: 'attune-from-exports',
  resolveId(source) {
    if (source !== 'attune' && !source.startsWith('attune/')) return null;
    const entry = exports[source === 'attune' ? '.' : `./${source.slice('attune/'.length)}`];
    return entry?.import ? `${root}${entry.import.slice(2)}` : null;
  },
};

/** TypeScript and TSX to JavaScript, one file at a time, as the package's own build does (checking is tsc's job). */
const stripTypes = {
  name: 'strip-types',
  resolveId(source, importer) {
    // `../books` from a demo: the TypeScript file.
    if (importer?.startsWith(`${root}examples/`) && source.startsWith('.') && !/\.\w+$/.test(source)) return fileURLToPath(new URL(`${source}.ts`, `file://${importer}`));
    return null;
  },
  transform(code, id) {
    if (!/\.tsx?$/.test(id)) return null;
    const { outputText } = ts.transpileModule(code, {
      fileName: id,
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.ReactJSX, verbatimModuleSyntax: true },
    });
    return { code: outputText, map: null };
  },
};

const demo = (name, input) => ({
  input: `examples/${name}/${input}`,
  output: { dir: `examples/${name}/build`, format: 'es', entryFileNames: 'main.js', chunkFileNames: '[name].js' },
  plugins: [
    attuneFromExports,
    stripTypes,
    // What React and Vue read to leave out their development checks, and Vue's feature flags.
    replace({
      preventAssignment: true,
      values: {
        'process.env.NODE_ENV': JSON.stringify('production'),
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
    }),
    resolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx'] }),
    commonjs(),
  ],
});

export default [demo('react', 'main.tsx'), demo('vue', 'main.ts')];
