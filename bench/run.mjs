// Runs every benchmark in turn, prints each table and writes BENCHMARKS.md at the repository root.
//   npm run bench           (builds dist/ first)
//   npm run bench:quality   the quality replays only (--only=quality,next-item): their sections of BENCHMARKS.md are rewritten, the rest kept
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';

/**
 * Runs one benchmark's report function in a process of its own, so what ran
 * before it (garbage, a warm JIT for other code) does not move its timings.
 */
function runAlone(module, call) {
  const url = new URL(module, import.meta.url).href;
  const script = `const m = await import(${JSON.stringify(url)}); process.stdout.write(JSON.stringify(await m.${call}));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { maxBuffer: 1 << 26 }).toString());
}

const BENCHMARKS = [
  ['size', './size.mjs', 'sizeReport()'],
  ['speed', './speed.mjs', 'speedReport()'],
  ['startup', './startup.mjs', 'startupReport()'],
  ['first paint', './paint.mjs', 'paintReport()'],
  ['quality', './quality.mjs', 'qualityReport()'],
  ['quality (online retail)', './quality.mjs', "qualityReport({ dataset: 'retail' })"],
  ['quality sweep', './quality.mjs', 'blendSweep()'],
  ['next item', './next-item.mjs', 'nextItemReport()'],
  // The first 1,500 customers evaluated (about 7,400 points; every customer's training still builds the model): all
  // 4,080 at five points each would take five times the leave-last-out replay.
  ['next item (online retail)', './next-item.mjs', "nextItemReport({ dataset: 'retail', users: 1500 })"],
  ['item vectors', './vectors.mjs', 'vectorsReport()'],
  ['sweep without a model', './replay.mjs', 'sweep()'],
  ['variants', './variants.mjs', 'variantsReport()'],
  ['behaviour', './behaviour.mjs', 'behaviourReport()'],
  ['audit', './audit.mjs', 'auditReport()'],
  ['audit (online retail)', './audit.mjs', "auditReport({ dataset: 'retail' })"],
  ['feedback loop', './feedback.mjs', 'feedbackReport()'],
  ['holdout', './holdout.mjs', 'holdoutReport()'],
];
/** `--only=quality,speed`: the benchmarks of those files, their sections of BENCHMARKS.md rewritten and the rest kept. */
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const reports = [];
for (const [name, module, call] of BENCHMARKS.filter(([, module]) => !only || only.includes(module.slice(2, -4)))) {
  console.log(`\n# ${name}`);
  const report = runAlone(module, call);
  console.log(report.skipped ?? report.table);
  reports.push(report);
}

const file = new URL('../BENCHMARKS.md', import.meta.url);
const section = ({ title, skipped, table, method }) => (skipped ? `## ${title}\n\n${skipped}.` : `## ${title}\n\n${table}\n\n${method}`);
if (only) {
  // Each section runs from its "## title" line to the next; those run now are replaced in place.
  let markdown = await readFile(file, 'utf8');
  for (const report of reports) {
    const start = markdown.indexOf(`## ${report.title}\n`);
    const end = start < 0 ? -1 : markdown.indexOf('\n## ', start + 1);
    if (start < 0) markdown = `${markdown.trimEnd()}\n\n${section(report)}\n`;
    // `end` is at the newline before the next "## ": one more keeps the blank line between sections.
    else markdown = markdown.slice(0, start) + section(report) + (end < 0 ? '\n' : `\n${markdown.slice(end)}`);
  }
  await writeFile(file, markdown);
  console.log(`\nUpdated the sections of ${only.join(', ')} in BENCHMARKS.md`);
  process.exit(0);
}

const chromium = reports.find((report) => report.browser)?.browser ?? 'not used (startup benchmark skipped)';
const cpus = os.cpus();
const sections = reports.map(section);
const markdown = `# Benchmarks

Reproduce with \`npm run bench\` (builds \`dist/\`, then runs \`bench/run.mjs\`, which rewrote this file).
\`npm run bench:quality\` reruns the quality replays alone; \`node bench/quality.mjs --help\` lists their flags.

- Date: ${new Date().toISOString().slice(0, 10)}
- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${os.platform()} ${os.release()}
- Node ${process.version}; ${chromium}

Timings come from a shared machine and vary from run to run; each figure is a median of repeated runs, and baselines are measured in the same run.

${sections.join('\n\n')}
`;
await writeFile(file, markdown);
console.log('\nWrote BENCHMARKS.md');
