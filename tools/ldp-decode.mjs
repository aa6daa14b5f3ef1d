#!/usr/bin/env node
// Turns many Attune aggregate reports into population frequency estimates with 95 % confidence
// intervals. Each report is a JSON line { "version": 1, "epsilon": ε, "features": [...], "bits": [...] }
// as the SDK sends it; the estimate for a feature is unbiased: (count/n − q) / (p − q).
//   node tools/ldp-decode.mjs reports.jsonl
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

/** Estimates, for each declared feature and "none", the share of visitors whose value it is. */
export function decodeReports(reports) {
  if (reports.length === 0) throw new Error('no reports to decode');
  const [{ epsilon, features }] = reports;
  const size = features.length + 1;
  const counts = new Array(size).fill(0);
  for (const [line, report] of reports.entries()) {
    if (report.version !== 1 || report.epsilon !== epsilon || report.bits?.length !== size) {
      throw new Error(`report ${line + 1} does not match the first one's version, epsilon or feature list`);
    }
    report.bits.forEach((bit, at) => (counts[at] += bit === 1 ? 1 : 0));
  }
  const n = reports.length;
  const p = 0.5;
  const q = 1 / (Math.exp(epsilon) + 1);
  return [...features, '(none)'].map((feature, at) => {
    const share = (counts[at] / n - q) / (p - q);
    // Var[count/n] = (f·p(1−p) + (1−f)·q(1−q)) / n, with f the true share (its estimate here).
    const f = Math.min(1, Math.max(0, share));
    const standardError = Math.sqrt((f * p * (1 - p) + (1 - f) * q * (1 - q)) / n) / (p - q);
    return { feature, share, low: share - 1.96 * standardError, high: share + 1.96 * standardError, standardError };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file || file === '--help') {
    console.log('node tools/ldp-decode.mjs reports.jsonl   (one JSON report a line, as Attune sends them)');
    process.exit(file ? 0 : 1);
  }
  const reports = (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line));
  console.log(`${reports.length} reports, epsilon ${reports[0]?.epsilon}`);
  for (const { feature, share, low, high } of decodeReports(reports)) {
    console.log(`${feature.padEnd(32)} ${(share * 100).toFixed(1).padStart(6)} %   95 % CI ${(low * 100).toFixed(1)} … ${(high * 100).toFixed(1)} %`);
  }
}
