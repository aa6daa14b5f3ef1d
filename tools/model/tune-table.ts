/**
 * What `attune build-model` tried while tuning, as a table of text cells for
 * the terminal and for BENCHMARKS.md alike, and the line that sums it up.
 */
import type { Table } from '../audit/audit-table';
import { TUNING_TOP, type TuneReport } from './tune';
import type { Trial } from './tune-search';
import { describe } from './tune-space';
import { TUNING_POINTS } from './tune-split';

/** Signed, with a real minus sign, so a loss is not read as a hyphen. */
const signed = (value: number, digits: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;

/** Seconds to a tenth under ten, whole above. */
const seconds = (value: number) => value.toFixed(value < 10 ? 1 : 0);

/** The mark of the trials the search moved to. */
const KEPT = '✓';

/**
 * One row per trial, in the order tried: the settings that differ from the
 * defaults, HR@10 and NDCG@10 on the replayed users, the NDCG@10, HR@10 and
 * their sum (what the search judges by) gained over the point it was compared
 * with (mean of the users' differences ± its standard error), whether the
 * search moved there, and its seconds, estimated and taken.
 */
export function tuningTable(report: TuneReport): Table {
  return {
    header: ['settings tried, in order', `HR@${TUNING_TOP}`, `NDCG@${TUNING_TOP}`, 'NDCG gain ± s.e.', 'HR gain ± s.e.', 'HR + NDCG gain ± s.e.', 'kept', 'est. s', 's'],
    rows: report.trials.map((trial) => [
      describe(trial.point, report.space),
      trial.measured.hr.toFixed(4),
      trial.measured.ndcg.toFixed(4),
      gainText(trial.gain),
      gainText(trial.hitGain),
      gainText(trial.judged),
      trial.kept ? KEPT : '',
      trial.estimate.toFixed(1),
      trial.seconds.toFixed(1),
    ]),
  };
}

/** A paired gain as `+0.0018 ± 0.0017`, or nothing for the start. */
const gainText = (gain: Trial['gain']) => (gain ? `${signed(gain.mean, 4)} ± ${gain.error.toFixed(4)}` : '');

/** How the tuning was done, in a sentence, for above the table. */
export function tuningHeading(report: TuneReport): string {
  const [users, eligible] = [report.users, report.eligible].map((n) => n.toLocaleString('en-US'));
  const sample = report.users === report.eligible ? `all ${users}` : `${users} (a seeded sample of the ${eligible})`;
  const points = report.points.toLocaleString('en-US');
  return (
    `Tuned on ${sample} users with 5 or more items: each user's last ${TUNING_POINTS} items${report.timed ? '' : ' (in the order of the logs: they have no times)'} held out ` +
    `(each where they have 5 items up to it), ${points} points in all, each ranked by the SDK from the history before it among ${report.negatives} items the user never touched, ` +
    `the model trained on the rest; a user's HR@${TUNING_TOP} and NDCG@${TUNING_TOP} are means over their points.`
  );
}

/** What the search chose and gained, in a sentence, for below the table. */
export function tuningSummary(report: TuneReport): string {
  const { start, best } = report;
  const change = (from: number, to: number) => `${from.toFixed(4)} → ${to.toFixed(4)}${from > 0 ? ` (${signed((to / from - 1) * 100, 1)} %)` : ''}`;
  return (
    `Chose ${describe(best.point, report.space)}: HR@${TUNING_TOP} ${change(start.measured.hr, best.measured.hr)}, ` +
    `NDCG@${TUNING_TOP} ${change(start.measured.ndcg, best.measured.ndcg)} on these users. ` +
    `${report.trials.length} trials, ${seconds(report.charged)} s estimated of the ${seconds(report.planned)} s planned, ${seconds(report.seconds)} s taken.`
  );
}
