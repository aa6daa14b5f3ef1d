import type { HoldoutGroup, LearnedFeature } from '../types';
import type { Core } from '../core';
import type { IndexedDBStore } from '../store/indexeddb';
import { result } from '../store/idb-requests';
import { timeOf } from '../store/stored-records';
import { readHistory } from '../store/stored-history';
import { printStacks, warn } from '../errors';
import { holdoutGroup, uniformRandom } from './holdout';

/** A report names one of the visitor's few strongest interests, if the site declared it. */
const REPORTED_INTERESTS = 5;

/**
 * The opt-in aggregate report, at most once a period, and only with storage
 * open, so only with consent: sent when storage opens, if one is due.
 */
export async function reportIfDue(core: Core, store: IndexedDBStore): Promise<void> {
  const { config } = core;
  const reporting = config.reporting!;
  // Beside the script tag this is a file of its own, with its own warn(): tell it too.
  if (config.debug) printStacks();
  try {
    const at = config.now();
    const last = timeOf(await result(store._tx('meta').objectStore('meta').get('report')));
    if (last !== undefined && at - last < reporting.periodMs) return;
    const report = await composeReport(core, store, at);
    // Recorded first: a failed send still spends the period, so ε is spent at most once in it.
    await store.keep('report', { at });
    await sendReport(reporting.endpoint, report);
  } catch (error) {
    warn('could not send the aggregate report', error);
  }
}

/** This period's report: the interest question, and on a site with a holdout the group and the outcomes of the period before `at`. */
async function composeReport(core: Core, store: IndexedDBStore, at: number): Promise<AggregateReportBody> {
  const { epsilon, features, periodMs } = core.config.reporting!;
  const outcomes = core.config.holdout?.outcomes ?? [];
  const budget = splitBudget(epsilon, outcomes.length);
  const index = reportedIndex(core.learner.vector.features(at), features, REPORTED_INTERESTS);
  // Drawn first, if no ranking has drawn it yet: the noise below has draws of its own.
  const group = holdoutGroup(core);
  const report: AggregateReportBody = { version: 1, epsilon, features, bits: encodeReport(index, features.length + 1, budget.interest, uniformRandom) };
  if (group) {
    // Those not stored yet count too: a purchase just made is in the period.
    const { events } = await readHistory(store);
    const happened = outcomesIn([...events, ...core.batcher.pending], outcomes, at - periodMs);
    report.version = 2;
    report.holdout = { group, outcomes, bits: happened.map((outcome) => randomizedBit(outcome, budget.outcome, uniformRandom)) };
  }
  return report;
}

/**
 * What a report carries. Version 1: the interest question alone, `bits` with
 * all of ε. Version 2, on a site with a holdout: the same question with half
 * of ε, and the visitor's group with one randomized bit per outcome, each with
 * an equal share of the other half.
 */
export interface AggregateReportBody {
  version: 1 | 2;
  epsilon: number;
  features: readonly string[];
  bits: number[];
  holdout?: { group: HoldoutGroup; outcomes: readonly string[]; bits: number[] };
}

/**
 * How a report's ε is spent: all on the interest question without outcomes;
 * with them, half on the interest question and half shared equally by the
 * outcome bits. Both answers come from the same visitor, so their ε add up
 * (sequential composition): ε/2 + m · ε/(2m) = ε. Half and half because
 * neither question may starve the other: the interest shares keep the
 * precision of a report at ε/2, and the lift, which compares two groups one
 * of them small, gets as much again. The group itself spends nothing: it is
 * the device's own coin, drawn with the site's share whatever the visitor did,
 * so it says nothing about them.
 */
export function splitBudget(epsilon: number, outcomes: number): { interest: number; outcome: number } {
  return outcomes ? { interest: epsilon / 2, outcome: epsilon / (2 * outcomes) } : { interest: epsilon, outcome: 0 };
}

/** Whether each outcome, an interaction type, happened at or after `since`. */
export function outcomesIn(interactions: readonly { type: string; at: number }[], outcomes: readonly string[], since: number): boolean[] {
  return outcomes.map((outcome) => interactions.some(({ type, at }) => type === outcome && at >= since));
}

/**
 * Randomized response (Warner, 1965) for one yes-or-no answer: the truth with
 * probability e^ε/(e^ε + 1), else its opposite. Either report is at most e^ε
 * more likely under one answer than the other: ε-local differential privacy.
 */
export function truthProbability(epsilon: number): number {
  return Math.exp(epsilon) / (Math.exp(epsilon) + 1);
}

/** One outcome as its randomized bit. */
export function randomizedBit(happened: boolean, epsilon: number, random: () => number): number {
  return (random() < truthProbability(epsilon)) === happened ? 1 : 0;
}

/**
 * Optimized unary encoding (Wang et al., "Locally Differentially Private
 * Protocols for Frequency Estimation", USENIX Security 2017): a one-hot vector
 * over the site's declared features plus "none", each bit kept as 1 with
 * probability 1/2 if set and turned on with probability 1/(e^ε + 1) if not.
 * Any two inputs differ in two bits, so the odds of any report under one input
 * against another are at most ((1 − q)/q) = e^ε: ε-local differential privacy.
 */
export function reportProbabilities(epsilon: number): { p: number; q: number } {
  return { p: 0.5, q: 1 / (Math.exp(epsilon) + 1) };
}

/** The visitor's one reported value: the strongest declared interest among their top few, or none. */
export function reportedIndex(profile: readonly LearnedFeature[], declared: readonly string[], top: number): number {
  for (const { feature, weight } of profile.slice(0, top)) {
    const at = declared.indexOf(feature);
    if (at >= 0 && weight > 0) return at;
  }
  return declared.length;
}

/** Randomizes a one-hot vector of `size` bits with its 1 at `index`. */
export function encodeReport(index: number, size: number, epsilon: number, random: () => number): number[] {
  const { p, q } = reportProbabilities(epsilon);
  return Array.from({ length: size }, (_, bit) => (random() < (bit === index ? p : q) ? 1 : 0));
}

/**
 * Posts one report to the site's endpoint: the randomized bits, ε, the
 * site's own feature list and outcomes, the holdout group, nothing else. No
 * cookies, no identifier.
 */
export async function sendReport(endpoint: string, report: AggregateReportBody): Promise<void> {
  await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(report),
    credentials: 'omit',
    keepalive: true,
  });
}
