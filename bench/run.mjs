// Runs every benchmark in turn, prints each table and writes BENCHMARKS.md at the repository root.
//   npm run bench   (builds dist/ first)
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { sizeReport } from './size.mjs';
import { speedReport } from './speed.mjs';
import { startupReport } from './startup.mjs';
import { replayReport, sweep } from './replay.mjs';

const reports = [];
for (const [name, run] of [
  ['size', sizeReport],
  ['speed', speedReport],
  ['startup', startupReport],
  ['replay', replayReport],
  ['replay (online retail)', () => replayReport({ dataset: 'retail' })],
  ['sweep', sweep],
]) {
  console.log(`\n# ${name}`);
  const report = await run();
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
