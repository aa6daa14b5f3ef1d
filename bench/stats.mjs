// Small helpers shared by the benchmarks: order statistics, a seeded PRNG, timing and Markdown tables.
import { performance } from 'node:perf_hooks';

/** The p-th percentile (0..100) by nearest rank on a sorted copy. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall time in milliseconds since a start it gave. */
const WALL = { start: () => performance.now(), elapsed: (start) => performance.now() - start };
/**
 * The process's CPU time in milliseconds since a start it gave. On a shared machine, wall time also
 * counts the time the process waited for a core, which grows with the other work on it and with how
 * long a call runs; CPU time leaves that out.
 */
const CPU = {
  start: () => process.cpuUsage(),
  elapsed: (start) => {
    const { user, system } = process.cpuUsage(start);
    return (user + system) / 1000;
  },
};

/**
 * Milliseconds one call of each of `fns` takes on `clock` (wall time unless
 * told), once per run, after `warmup` untimed calls: each run times them in
 * turn, so a drift of the machine's load meets them alike.
 */
export function timeInTurn(fns, { runs, warmup, clock = WALL }) {
  for (let i = 0; i < warmup; i++) fns.forEach((fn) => fn());
  const times = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, f) => {
      const start = clock.start();
      fn();
      times[f].push(clock.elapsed(start));
    });
  }
  return times;
}

/** Milliseconds one call of fn takes, as timeInTurn times each of several. */
export const timeRuns = (fn, options) => timeInTurn([fn], options)[0];

/** As timeRuns, in the process's CPU time. */
export const cpuTimeRuns = (fn, options) => timeRuns(fn, { ...options, clock: CPU });

/** mulberry32, the model builder's seeded generator, so every run sees the same synthetic data and samples. */
export { mulberry32 } from '../dist/tools-internal.mjs';

/** Formats a number with a fixed count of decimals. */
export const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** A budget cell: ✅ within it, ❌ over it, blank where there is none. */
export const mark = (within) => (within === undefined ? '' : within ? '✅' : '❌');

/** Renders rows (arrays of cells) under a header as a Markdown table. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
