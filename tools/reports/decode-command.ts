/**
 * `attune decode-reports`: turns the aggregate reports a site collected into
 * estimates of how common each declared interest is among its visitors.
 */
import { textTable } from '../audit/audit-table';
import { count, parseCommandLine, reading, stageOf, UsageError, type Command } from '../command-line';
import { readText } from '../files';
import { decodeReports, NO_FEATURE, readReports, type FrequencyEstimate } from './decode';

const DECODE_USAGE = `Usage: attune decode-reports <reports file> [--json]

Turns the aggregate reports a site's endpoint received (the SDK's reporting
option) into estimates of the share of visitors whose strongest declared
interest is each feature, or none of them (the row ${NO_FEATURE}), each with its
95 % confidence interval.

Input
  <reports file>      one report a line, as the SDK posts it:
                        {"version": 1, "epsilon": 1, "features": ["topic:tennis", ...], "bits": [0, 1, ...]}
                      blank lines are skipped; a file whose name ends in .gz is
                      unzipped first. Every report must have the epsilon and the
                      feature list of the first.

Output
  --json              the estimates as JSON: {"reports", "epsilon", "estimates": [{"feature",
                      "share", "low", "high", "standardError"}]}
  -h, --help          this help

How: each report is one bit per feature and one for none, the visitor's own
set, randomized on the device with optimized unary encoding: a set bit stays 1
with probability p = 1/2, any other turns 1 with q = 1/(e^epsilon + 1). With c
of n reports having a feature's bit set, its share is estimated without bias
as (c/n - q)/(p - q). A single report says little about its visitor, so an
estimate needs many: its standard error shrinks as 1/sqrt(n), and with few
reports a share can come out below 0 % or above 100 %.

Example:
  attune decode-reports reports.jsonl

Exit status: 0 when the estimates are printed; 1 when the file is unusable
(the message names the file and line); 2 for a mistake in the command line.
`;

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const percent = (share: number) => (share * 100).toFixed(1);

function estimatesText(reports: number, epsilon: number, estimates: readonly FrequencyEstimate[]): string {
  const rows = estimates.map(({ feature, share, low, high }) => [feature, `${percent(share)} %`, `${percent(low)} … ${percent(high)} %`]);
  return [`${count(reports)} reports, epsilon ${epsilon}`, '', textTable({ header: ['feature', 'share', '95 % CI'], rows }), ''].join('\n');
}

export const decodeReportsCommand: Command = {
  summary:
    "estimate how common each declared interest is among the site's visitors from their aggregate reports",
  async run(args, progress) {
    const { values: flags, positionals: files } = parseCommandLine(args, OPTIONS, true);
    if (flags.help) return DECODE_USAGE;
    const [file, ...more] = files;
    if (file === undefined) throw new UsageError('give the reports file: one JSON report a line, as the SDK sends them');
    if (more.length) throw new UsageError(`give one reports file, got ${files.length}`);
    stageOf(progress, `reading reports ${file}`);
    const reports = reading(file, () => readReports(readText(file)));
    const estimates = decodeReports(reports);
    const { epsilon } = reports[0]!;
    return flags.json ? `${JSON.stringify({ reports: reports.length, epsilon, estimates }, null, 2)}\n` : estimatesText(reports.length, epsilon, estimates);
  },
};
