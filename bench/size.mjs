// Bundle size: raw and gzip -9 bytes of the files a page downloads, and of the npm module as a bundler minifies it.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { minify } from 'terser';
import { markdownTable, mark } from './stats.mjs';

const dist = new URL('../dist/', import.meta.url);
/** The script tag's budget: the critical path (learn, store, order slots before paint), idb included, at most 10 KB gzip. */
const CRITICAL_PATH_BUDGET = 10_240;
const FILES = [
  { file: 'attune.min.js', what: 'script tag: the critical path (IIFE, minified, idb included)', budget: CRITICAL_PATH_BUDGET },
  { file: 'attune-visitor-data.min.js', what: 'part loaded on demand: export(), import(), forget(), explain()' },
  { file: 'attune-model-support.min.js', what: "part loaded on demand: the site's model file, the fold-in and the model's score parts" },
  { file: 'attune-report.min.js', what: 'part loaded on demand: the opt-in aggregate report' },
  { file: 'attune-panel.min.js', what: 'visitor panel, script tag (loaded on demand, beside the core)' },
  { file: 'attune.mjs', what: 'npm module (readable ESM, idb external), minified here as a bundler would', minified: true },
];

/** One row per file: { file, what, raw, gzip, budget? }. */
export async function measureSize() {
  const rows = [];
  for (const { file, what, budget, minified } of FILES) {
    let code = await readFile(new URL(file, dist), 'utf8');
    if (minified) code = (await minify(code, { module: true, compress: { passes: 3 }, format: { comments: false } })).code;
    rows.push({ file, what, raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, budget });
  }
  return rows;
}

export async function sizeReport() {
  const rows = await measureSize();
  return {
    title: 'Bundle size',
    table: markdownTable(
      ['file', 'what', 'raw bytes', 'gzip -9 bytes', 'budget (gzip)', 'within budget'],
      rows.map((r) => [
        `\`dist/${r.file}\``,
        r.what,
        r.raw,
        `${r.gzip} (${(r.gzip / 1024).toFixed(1)} KB)`,
        r.budget ? `≤ ${r.budget} (10 KB)` : '',
        mark(r.budget && r.gzip <= r.budget),
      ]),
    ),
    method:
      'Sizes of the files `npm run build` writes, read from `dist/`: raw bytes and bytes after gzip at level 9 (node:zlib). ' +
      'The budget applies to the core script tag, which carries idb and what a page view needs to learn, store and order its slots before first paint; the parts beside it load the first time they are used, and the bundle-size test pins each file. ' +
      'The npm module ships readable and leaves idb to the site\'s bundler; its row is what terser (compress, 3 passes) makes of it. ' +
      'For scale, other SDKs\' script tags measured the same way (esbuild bundle, minified, gzip -9): GrowthBook 1.8.0 14.4 KB, Croct plug 24.8 KB, Segment analytics-next 43.5 KB, Ninetailed 47.4 KB, posthog-js 125.4 KB.',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await sizeReport();
  console.log(report.table);
}
