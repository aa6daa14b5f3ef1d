// Bundle size: raw and gzip -9 bytes of the built files, as DESIGN.md's budget table measures them.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { markdownTable, mark } from './stats.mjs';

const dist = new URL('../dist/', import.meta.url);
/** DESIGN.md: the script-tag bundle, idb included, at most 8 KB gzip. */
const FILES = [
  { file: 'attune.min.js', what: 'script tag (IIFE, minified, idb included)', budget: 8192 },
  { file: 'attune-model.min.js', what: 'script tag with model support (the core plus reading the site\'s model file)' },
  { file: 'attune.mjs', what: 'npm module (ESM, idb external)' },
  { file: 'attune-panel.min.js', what: 'visitor panel, script tag (loaded on demand, beside the core)' },
  { file: 'panel.mjs', what: 'visitor panel, npm module (attune/panel)' },
];

/** One row per file: { file, what, raw, gzip, budget? }. */
export async function measureSize() {
  const rows = [];
  for (const { file, what, budget } of FILES) {
    const bytes = await readFile(new URL(file, dist));
    rows.push({ file, what, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, budget });
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
        r.budget ? `≤ ${r.budget} (8 KB)` : '',
        mark(r.budget && r.gzip <= r.budget),
      ]),
    ),
    method:
      'Sizes of the files `npm run build` writes, read from `dist/`: raw bytes and bytes after gzip at level 9 (node:zlib). ' +
      'The budget applies to the core script-tag bundle, which carries idb; `attune-model.min.js` is the same tag with support for the site\'s model file, for sites that serve one; the npm module leaves idb to the site\'s bundler, which also minifies and tree-shakes it, so it has no budget of its own. ' +
      'For scale, DESIGN.md lists other SDKs\' script tags measured the same way: GrowthBook 1.8.0 14.4 KB, Croct plug 24.8 KB, Segment analytics-next 43.5 KB.',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await sizeReport();
  console.log(report.table);
}
