/**
 * `attune decode-reports`: turns the aggregate reports a site collected into
 * estimates of how common each declared interest is among its visitors.
 */
import { textTable } from '../audit/audit-table';
import { count, parseCommandLine, reading, stageOf, UsageError, type Command } from '../command-line';
import { readText } from '../files';
import { decodeReports, NO_FEATURE, readReports, type FrequencyEstimate } from './decode';
import { estimateLift, type Interval, type LiftEstimate } from './lift';

const DECODE_USAGE = `Usage: attune decode-reports <reports file> [--json]

Turns the aggregate reports a site's endpoint received (the SDK's reporting
option) into estimates of the share of visitors whose strongest declared
interest is each feature, or none of them (the row ${NO_FEATURE}), each with its
95 % confidence interval; and, from a site with a holdout, each outcome's
conversion rate in the holdout and in the personalized group, and the lift.

Input
  <reports file>      one report a line, as the SDK posts it:
                        {"version": 1, "epsilon": 1, "features": ["topic:tennis", ...], "bits": [0, 1, ...]}
                      blank lines are skipped; a file whose name ends in .gz is
                      unzipped first. Every report must have the epsilon and the
                      feature list of the first.

                      From a site with a holdout (version 2) a report also
                      carries "holdout": {"group": "holdout", "outcomes":
                      ["purchase"], "bits": [1]}.

Output
  --json              the estimates as JSON: {"reports", "epsilon", "estimates": [{"feature",
                      "share", "low", "high", "standardError"}], "lift": [{"outcome",
                      "holdout", "personal", "absolute", "relative"}]}, each of the
                      last four {"estimate", "standardError", "low", "high"}, the
                      groups' with "reports"; null where it cannot be estimated
  -h, --help          this help

How: each report is one bit per feature and one for none, the visitor's own
set, randomized on the device with optimized unary encoding: a set bit stays 1
with probability p = 1/2, any other turns 1 with q = 1/(e^epsilon + 1). With c
of n reports having a feature's bit set, its share is estimated without bias
as (c/n - q)/(p - q). A single report says little about its visitor, so an
estimate needs many: its standard error shrinks as 1/sqrt(n), and with few
reports a share can come out below 0 % or above 100 %.

With a holdout, the interest question has half of epsilon and each of the m
outcomes epsilon/(2m). Each outcome's bit tells the truth with probability
t = e^e/(e^e + 1) (e its epsilon), so a group whose share of 1s is y has
the conversion rate (y - (1 - t))/(2t - 1), without bias. The lift is the
personalized group's rate against the holdout's: absolute (the difference,
in percentage points; unbiased, its variance the sum of the two) and
relative (the ratio less 1, its interval by the delta method). Decode one
period's reports, so each stands for one visitor.

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

const rate = ({ estimate, low, high }: Interval) =>
  Number.isNaN(estimate) ? 'n/a' : `${percent(estimate)} % (${percent(low)} … ${percent(high)})`;
const points = ({ estimate, low, high }: Interval) =>
  Number.isNaN(estimate) ? 'n/a' : `${signed(estimate * 100)} pp (${signed(low * 100)} … ${signed(high * 100)})`;
const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;

function liftText(lift: readonly LiftEstimate[]): string {
  const rows = lift.map(({ outcome, holdout, personal, absolute, relative }) => [
    outcome,
    `${rate(holdout)}, ${count(holdout.reports)} reports`,
    `${rate(personal)}, ${count(personal.reports)} reports`,
    points(absolute),
    Number.isNaN(relative.estimate) ? 'n/a' : `${signed(relative.estimate * 100)} % (${signed(relative.low * 100)} … ${signed(relative.high * 100)})`,
  ]);
  return textTable({ header: ['outcome', 'holdout: rate (95 % CI)', 'personalized: rate (95 % CI)', 'absolute lift', 'relative lift'], rows });
}

export const decodeReportsCommand: Command = {
  summary:
    "estimate how common each declared interest is among the site's visitors, and with a holdout what personalization earns, from their aggregate reports",
  async run(args, progress) {
    const { values: flags, positionals: files } = parseCommandLine(args, OPTIONS, true);
    if (flags.help) return DECODE_USAGE;
    const [file, ...more] = files;
    if (file === undefined) throw new UsageError('give the reports file: one JSON report a line, as the SDK sends them');
    if (more.length) throw new UsageError(`give one reports file, got ${files.length}`);
    stageOf(progress, `reading reports ${file}`);
    const reports = reading(file, () => readReports(readText(file)));
    const estimates = decodeReports(reports);
    const lift = estimateLift(reports);
    const { epsilon } = reports[0]!;
    if (flags.json) return `${JSON.stringify({ reports: reports.length, epsilon, estimates, ...(lift.length && { lift }) }, null, 2)}\n`;
    return estimatesText(reports.length, epsilon, estimates) + (lift.length ? `\n${liftText(lift)}\n` : '');
  },
};
