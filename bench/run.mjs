// Runs every benchmark in turn, prints each table and writes BENCHMARKS.md at the repository root.
//   npm run bench   (builds dist/ first)
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
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

const reports = [];
for (const [name, module, call] of [
  ['size', './size.mjs', 'sizeReport()'],
  ['speed', './speed.mjs', 'speedReport()'],
  ['startup', './startup.mjs', 'startupReport()'],
  ['replay', './replay.mjs', 'replayReport()'],
  ['replay (online retail)', './replay.mjs', "replayReport({ dataset: 'retail' })"],
  ['sweep', './replay.mjs', 'sweep()'],
]) {
  console.log(`\n# ${name}`);
  const report = runAlone(module, call);
  console.log(report.skipped ?? report.table);
  reports.push(report);
}

const chromium = reports.find((report) => report.browser)?.browser ?? 'not used (startup benchmark skipped)';
const cpus = os.cpus();
const sections = reports.map(({ title, skipped, table, method }) =>
  skipped ? `## ${title}\n\n${skipped}.` : `## ${title}\n\n${table}\n\n${method}`,
);
const markdown = `# Benchmarks

Reproduce with \`npm run bench\` (builds \`dist/\`, then runs \`bench/run.mjs\`, which rewrote this file).
\`node bench/replay.mjs --help\` lists the flags of the quality replay.

- Date: ${new Date().toISOString().slice(0, 10)}
- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${os.platform()} ${os.release()}
- Node ${process.version}; ${chromium}

Timings come from a shared machine and vary from run to run; each figure is a median of repeated runs, and baselines are measured in the same run.

${sections.join('\n\n')}
`;
await writeFile(new URL('../BENCHMARKS.md', import.meta.url), markdown);
console.log('\nWrote BENCHMARKS.md');
