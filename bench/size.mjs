// Bundle size: raw and gzip -9 bytes of the files a page downloads, and of the npm module as a bundler minifies it.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { minify } from 'terser';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { markdownTable, mark } from './stats.mjs';

const dist = new URL('../dist/', import.meta.url);
/** The script tag's budget: the critical path (learn, store, order slots before paint), at most 10 KB gzip. */
const CRITICAL_PATH_BUDGET = 10_240;
/** The script tag's files for stated attributes, rules and audiences. */
const PERSONAL_MARKUP = ['rules/start-rules.ts', 'dom/personal-markup.ts', 'profile/stated.ts'];
const FILES = [
  { file: 'attune.min.js', what: 'script tag: the critical path (IIFE, minified)', budget: CRITICAL_PATH_BUDGET },
  { file: 'attune-visitor-data.min.js', what: 'part loaded on demand: export(), import(), forget(), explain()' },
  { file: 'attune-model-support.min.js', what: "part loaded on demand: the site's model file, the fold-in and the model's score parts" },
  { file: 'attune-report.min.js', what: "part loaded on demand: the opt-in aggregate report, with the holdout's group and outcomes" },
  { file: 'attune-rules-support.min.js', what: "part loaded on demand: the site's rules and audiences, stated text in the page" },
  { file: 'attune-strategies.min.js', what: 'part loaded on demand: slots drawn from a template, `recent` (recently viewed) and `for-you`' },
  { file: 'attune-variants.min.js', what: 'part loaded on demand: containers of variants, the choice and counting responses' },
  { file: 'attune-panel.min.js', what: 'visitor panel, script tag (loaded on demand, beside the core)' },
  { file: 'attune.mjs', what: 'npm module (readable ESM), minified here as a bundler would', minified: true },
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

/**
 * What each part of the source costs in the script tag: its minified bytes,
 * found through the source map (each generated stretch counted to the source
 * file it came from), grouped by folder of `src/`.
 */
export async function criticalPath(file = 'attune.min.js', groupOf = folderOf) {
  const code = await readFile(new URL(file, dist), 'utf8');
  const map = new TraceMap(JSON.parse(await readFile(new URL(`${file}.map`, dist), 'utf8')));
  const lines = code.split('\n');
  const bytes = new Map();
  let last;
  const count = (upTo) => {
    if (!last) return;
    const text = lines[last.line - 1] ?? '';
    const end = upTo && upTo.line === last.line ? upTo.column : text.length;
    const group = groupOf(last.source);
    bytes.set(group, (bytes.get(group) ?? 0) + Math.max(0, end - last.column));
  };
  eachMapping(map, ({ generatedLine, generatedColumn, source }) => {
    const at = { line: generatedLine, column: generatedColumn };
    count(at);
    last = { ...at, source: source ?? last?.source };
  });
  count();
  const total = [...bytes.values()].reduce((sum, value) => sum + value, 0);
  return [...bytes].sort((a, b) => b[1] - a[1]).map(([group, minified]) => ({ group, minified, share: minified / total }));
}

/** `../src/rank/parts/features.ts` → `src/rank/`. */
function folderOf(source = '') {
  const path = source.slice(source.indexOf('src/'));
  const folder = path.split('/').slice(0, 2).join('/');
  return folder.endsWith('.ts') ? 'src/ (top level: attune, core, options, errors, limits, words, parts, markup, embed)' : `${folder}/`;
}

export async function sizeReport() {
  const rows = await measureSize();
  const parts = await criticalPath();
  const whole = rows.find((r) => r.file === 'attune.min.js');
  // The files of the script tag that only notice rules, audiences and stated text and load their part.
  const noticing = (await criticalPath('attune.min.js', (source = '') => PERSONAL_MARKUP.find((file) => source.endsWith(file)) ?? 'rest')).filter(
    ({ group }) => group !== 'rest',
  );
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
    ) +
      '\n\nWhat the critical path (`attune.min.js`) carries, by folder, in minified bytes and as a share of the file; the last column scales the share to its gzip size:\n\n' +
      markdownTable(
        ['part of the source', 'minified bytes', 'share', '≈ gzip bytes'],
        parts.map((p) => [p.group, p.minified, `${(p.share * 100).toFixed(1)} %`, Math.round(p.share * whole.gzip)]),
      ) +
      '\n\nWhat the script tag carries of stated attributes, rules and audiences: the files that notice their markup and options, keep stated values and load their part (besides a few lines in files shared with the rest):\n\n' +
      markdownTable(
        ['source file', 'minified bytes', '≈ gzip bytes'],
        noticing.map((p) => [`src/${p.group}`, p.minified, Math.round(p.share * whole.gzip)]),
      ),
    method:
      'Sizes of the files `npm run build` writes, read from `dist/`: raw bytes and bytes after gzip at level 9 (node:zlib). ' +
      'The budget applies to the core script tag, which carries what a page view needs to learn, store and order its slots before first paint; the parts beside it load the first time they are used, and the bundle-size test pins each file. ' +
      'The npm module ships readable; its row is what terser (compress, 3 passes) makes of it. ' +
      'For scale, other SDKs\' script tags measured the same way (esbuild bundle, minified, gzip -9): GrowthBook 1.8.0 14.4 KB, Croct plug 24.8 KB, Segment analytics-next 43.5 KB, Ninetailed 47.4 KB, posthog-js 125.4 KB.',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await sizeReport();
  console.log(report.table);
}
