/**
 * The site's side of the opt-in aggregate reports (the SDK's `reporting`
 * option): many randomized reports become estimates of how common each
 * declared interest is, while no single report says much about its visitor.
 */
import { reportProbabilities, splitBudget } from '../../src/privacy/report';
import type { HoldoutGroup } from '../../src/types';
import { jsonLine } from '../model/read';

/**
 * One report as the SDK posts it: a one-hot vector over the features and
 * "none", randomized on the device; from a site with a holdout (version 2)
 * also the visitor's group and one randomized bit per outcome.
 */
export interface AggregateReport {
  version: 1 | 2;
  /** ε of the local differential privacy the whole report was randomized with. */
  epsilon: number;
  /** The site's declared features, the same list for every visitor. */
  features: readonly string[];
  /** One 0 or 1 per feature, then one for "none". */
  bits: readonly number[];
  /** Version 2: the group, the site's outcomes (the same for every visitor) and one randomized bit for each. */
  holdout?: { group: HoldoutGroup; outcomes: readonly string[]; bits: readonly number[] };
}

/**
 * How common one value is among the visitors who reported. The error is the
 * randomization's on the device: it is about these visitors, not about a
 * wider audience they may be taken to stand for.
 */
export interface FrequencyEstimate {
  /** A declared feature, or {@link NO_FEATURE} for visitors whose strongest interest is none of them. */
  feature: string;
  /** Unbiased estimate of the share of the visitors whose value this is; with few reports it may fall outside 0 to 1. */
  share: number;
  /** The 95 % confidence interval of the share, from `low` to `high`. */
  low: number;
  high: number;
  standardError: number;
}

/** The feature name of the last estimate: visitors none of whose strongest interests is declared. */
export const NO_FEATURE = '(none)';

/** z of a two-sided 95 % interval under the normal approximation, which holds for the hundreds of reports an estimate needs. */
export const Z_95 = 1.96;

/** What makes `report` unusable, or unusable beside `first` (whose ε and features it must share); undefined when nothing does. */
function reportProblem(report: unknown, first: AggregateReport | undefined): string | undefined {
  if (typeof report !== 'object' || report === null || Array.isArray(report)) {
    return 'expected a report such as {"version": 1, "epsilon": 1, "features": ["topic:tennis"], "bits": [0, 1]}';
  }
  const { version, epsilon, features, bits, holdout } = report as Record<string, unknown>;
  if (version !== 1 && version !== 2) return `version must be 1 or 2, got ${JSON.stringify(version)}`;
  if (typeof epsilon !== 'number' || !(epsilon > 0) || !Number.isFinite(epsilon)) return `epsilon must be a positive number, got ${JSON.stringify(epsilon)}`;
  if (!Array.isArray(features) || !features.every((feature) => typeof feature === 'string')) return '"features" must be a list of strings';
  const size = features.length + 1;
  if (!Array.isArray(bits) || bits.length !== size || !bits.every((bit) => bit === 0 || bit === 1)) {
    return `"bits" must be ${size} 0s and 1s, one per feature and one for none`;
  }
  const holdoutProblem = version === 2 ? outcomesProblem(holdout) : holdout === undefined ? undefined : 'a version 1 report has no "holdout"';
  if (holdoutProblem || !first) return holdoutProblem;
  // Pooled, reports of another ε or list would be counted with the wrong p and q, or under the wrong feature.
  if (epsilon !== first.epsilon) return `epsilon ${epsilon} differs from the first report's ${first.epsilon}`;
  if (!sameList(features, first.features)) return "the feature list differs from the first report's";
  if (version !== first.version) return `version ${version} differs from the first report's ${first.version}`;
  if (version === 2 && !sameList((holdout as AggregateReport['holdout'])!.outcomes, first.holdout!.outcomes)) return "the outcomes differ from the first report's";
  return undefined;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((entry, at) => entry === b[at]);

/** What makes a version 2 report's holdout unusable; undefined when nothing does. */
function outcomesProblem(holdout: unknown): string | undefined {
  const { group, outcomes, bits } = (typeof holdout === 'object' && holdout !== null ? holdout : {}) as Record<string, unknown>;
  if (group !== 'holdout' && group !== 'personal') return `"holdout.group" must be "holdout" or "personal", got ${JSON.stringify(group)}`;
  if (!Array.isArray(outcomes) || !outcomes.length || !outcomes.every((outcome) => typeof outcome === 'string')) {
    return '"holdout.outcomes" must be a list of interaction types';
  }
  if (!Array.isArray(bits) || bits.length !== outcomes.length || !bits.every((bit) => bit === 0 || bit === 1)) {
    return `"holdout.bits" must be ${outcomes.length} 0s and 1s, one per outcome`;
  }
  return undefined;
}

/**
 * Reads reports kept one JSON a line, as the site's endpoint received them;
 * blank lines are skipped. Every report must have the ε and feature list of
 * the first.
 *
 * @throws TypeError naming the line and what is wrong: `reports line 7: epsilon 2 differs from the first report's 1`.
 * @example
 * decodeReports(readReports(readFileSync('reports.jsonl', 'utf8')))
 */
export function readReports(text: string): AggregateReport[] {
  const reports: AggregateReport[] = [];
  text.split(/\r?\n/).forEach((source, index) => {
    if (!source.trim()) return;
    const where = `reports line ${index + 1}`;
    const report = jsonLine(source, where);
    const problem = reportProblem(report, reports[0]);
    if (problem) throw new TypeError(`${where}: ${problem}`);
    reports.push(report as AggregateReport);
  });
  if (!reports.length) throw new TypeError('reports: nothing but blank lines');
  return reports;
}

/**
 * The first of `reports`, once every report is checked beside it.
 *
 * @throws TypeError when there are no reports, or naming the first report that does not match the first one.
 */
export function checkedFirst(reports: readonly AggregateReport[]): AggregateReport {
  const [first] = reports;
  if (!first) throw new TypeError('no reports to decode');
  reports.forEach((report, at) => {
    const problem = reportProblem(report, first);
    if (problem) throw new TypeError(`report ${at + 1}: ${problem}`);
  });
  return first;
}

/**
 * Estimates, for each declared feature and for none, the share of visitors
 * whose value it is. The SDK reports with optimized unary encoding (Wang et
 * al., "Locally Differentially Private Protocols for Frequency Estimation",
 * USENIX Security 2017): a bit is 1 with probability p if it is the visitor's
 * value and q otherwise, so the share of 1s in a feature's bit is
 * f·p + (1 − f)·q and f = (count/n − q) / (p − q) is unbiased. In a
 * version 2 report the question was asked with half of ε, and p and q follow.
 *
 * @param reports - reports that share one ε and feature list, as {@link readReports} returns them.
 * @returns one estimate per feature, in the reports' order, then one for {@link NO_FEATURE}.
 * @throws TypeError when there are no reports, or naming the first report that does not match the first one.
 */
export function decodeReports(reports: readonly AggregateReport[]): FrequencyEstimate[] {
  const first = checkedFirst(reports);
  const counts = new Array<number>(first.features.length + 1).fill(0);
  for (const report of reports) report.bits.forEach((bit, index) => (counts[index] += bit));
  const n = reports.length;
  // With outcomes, the interest question was asked with its share of ε (splitBudget in the SDK).
  const { p, q } = reportProbabilities(splitBudget(first.epsilon, first.holdout?.outcomes.length ?? 0).interest);
  return [...first.features, NO_FEATURE].map((feature, index) => {
    const share = (counts[index]! / n - q) / (p - q);
    // Var[count/n] = (f·p(1 − p) + (1 − f)·q(1 − q)) / n, with the estimate, held to a share, standing in for the true f.
    const f = Math.min(1, Math.max(0, share));
    const standardError = Math.sqrt((f * p * (1 - p) + (1 - f) * q * (1 - q)) / n) / (p - q);
    return { feature, share, low: share - Z_95 * standardError, high: share + Z_95 * standardError, standardError };
  });
}
