import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeReports } from '../../tools/reports/decode';
import { estimateLift } from '../../tools/reports/lift';
import { simulatedLiftReports } from '../../tools/reports/simulate-lift';
import { mulberry32 } from '../../tools/model/als';
import { attune, scratchFolder } from './run-attune';
import { FEATURES, simulatedReports } from './simulated-reports';

const { folder: scratch, file } = scratchFolder('attune-decode-');

const { reports } = simulatedReports(20_000, 1, 12);
const reportsFile = file('reports.jsonl', `${reports.map((report) => JSON.stringify(report)).join('\n')}\n`);
const percent = (share: number) => (share * 100).toFixed(1);

describe('attune decode-reports', () => {
  it('prints each feature’s estimated share with its 95 % interval, none last', () => {
    const run = attune('decode-reports', reportsFile);
    expect(run.stderr).toBe(`reading reports ${reportsFile}\n`);
    expect(run.status).toBe(0);
    const [title, blank, header, rule, ...rows] = run.stdout.trimEnd().split('\n');
    expect([title, blank]).toEqual(['20,000 reports, epsilon 1', '']);
    expect(header).toMatch(/^feature +share +95 % CI$/);
    expect(rule).toMatch(/^─+ +─+ +─+$/);
    const estimates = decodeReports(reports);
    expect(rows).toHaveLength(FEATURES.length + 1);
    estimates.forEach(({ feature, share, low, high }, at) => {
      expect(rows[at]).toMatch(new RegExp(`^${feature.replace(/[()]/g, '\\$&')} +${percent(share)} % +${percent(low)} … ${percent(high)} %$`));
    });
    expect(rows.at(-1)).toMatch(/^\(none\) /);
  });

  it('writes the estimates as JSON, and unzips a file whose name ends in .gz', () => {
    const zipped = join(scratch, 'reports.jsonl.gz');
    writeFileSync(zipped, gzipSync(readFileSync(reportsFile)));
    const run = attune('decode-reports', '--json', zipped);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ reports: 20_000, epsilon: 1, estimates: decodeReports(reports) });
  });

  it('explains its input, its output and how it estimates', () => {
    const run = attune('decode-reports', '--help');
    expect(run.status).toBe(0);
    for (const flag of ['json', 'help']) expect(run.stdout).toMatch(new RegExp(`^ +(-h, )?--${flag} `, 'm'));
    expect(run.stdout).toContain('(c/n - q)/(p - q)');
    expect(run.stdout).toContain('{"version": 1, "epsilon": 1, "features": ["topic:tennis", ...], "bits": [0, 1, ...]}');
    const top = attune('--help');
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/^ {2}decode-reports {2}estimate how common each declared interest is/m);
  });

  it("prints each outcome's rate per group and the lift, absolute and relative, from a holdout's reports", () => {
    const lifted = simulatedLiftReports({ rate: 0.3, relativeLift: 0.2, epsilon: 8, share: 0.5, outcomes: 2 }, 5_000, mulberry32(4));
    const liftFile = file('lift.jsonl', `${lifted.map((report) => JSON.stringify(report)).join('\n')}\n`);
    const run = attune('decode-reports', liftFile);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const header = lines.findIndex((line) => line.startsWith('outcome '));
    expect(lines[header]).toMatch(/^outcome +holdout: rate \(95 % CI\) +personalized: rate \(95 % CI\) +absolute lift +relative lift$/);
    const [purchase, signup] = estimateLift(lifted);
    const percent = (value: number) => (value * 100).toFixed(1);
    const signed = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}`;
    expect(lines[header + 2]).toContain(`purchase`);
    expect(lines[header + 2]).toContain(`${percent(purchase!.holdout.estimate)} % (${percent(purchase!.holdout.low)} … ${percent(purchase!.holdout.high)}), ${purchase!.holdout.reports.toLocaleString('en')} reports`);
    expect(lines[header + 2]).toContain(`${signed(purchase!.absolute.estimate)} pp (${signed(purchase!.absolute.low)} … ${signed(purchase!.absolute.high)})`);
    expect(lines[header + 2]).toContain(`${signed(purchase!.relative.estimate)} % (${signed(purchase!.relative.low)} … ${signed(purchase!.relative.high)})`);
    expect(lines[header + 3]).toMatch(/^signup /);
    expect(JSON.parse(attune('decode-reports', '--json', liftFile).stdout).lift).toEqual(JSON.parse(JSON.stringify([purchase, signup])));
  });

  it('exits 2 with one line for a mistake in the command line', () => {
    const cases: [string[], string][] = [
      [[], 'give the reports file: one JSON report a line, as the SDK sends them'],
      [[reportsFile, reportsFile], 'give one reports file, got 2'],
      [[reportsFile, '--csv'], "Unknown option '--csv'"],
    ];
    for (const [args, message] of cases) {
      expect(attune('decode-reports', ...args)).toMatchObject({ status: 2, stderr: `attune: ${message} (see attune decode-reports --help)\n`, stdout: '' });
    }
  });

  it('exits 1 naming the file and line of bad input, without a stack', () => {
    const [first, second] = reports.map((report) => JSON.stringify(report));
    const cases: [string, string][] = [
      [`${first}\n${second}\nnot a report\n`, 'reports line 3: not JSON ('],
      [`${first}\n\n${JSON.stringify({ ...reports[1], epsilon: 2 })}\n`, "reports line 3: epsilon 2 differs from the first report's 1"],
      [`${first}\n${JSON.stringify({ ...reports[1], features: FEATURES.slice(1), bits: reports[1]!.bits.slice(1) })}\n`, "reports line 2: the feature list differs from the first report's"],
      [`${JSON.stringify({ ...reports[0], bits: [1] })}\n`, 'reports line 1: "bits" must be 6 0s and 1s, one per feature and one for none'],
      [`${JSON.stringify({ ...reports[0], version: 3 })}\n`, 'reports line 1: version must be 1 or 2, got 3'],
      ['\n', 'reports: nothing but blank lines'],
    ];
    cases.forEach(([text, problem], at) => {
      const bad = file(`bad-${at}.jsonl`, text);
      const run = attune('decode-reports', bad);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n').at(-1)).toContain(`attune: ${bad}: ${problem}`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
    const missing = join(scratch, 'missing.jsonl');
    expect(attune('decode-reports', missing)).toMatchObject({ status: 1, stderr: `reading reports ${missing}\nattune: ${missing}: no such file or directory\n` });
  });
});
