import type { LearnedFeature } from '../types';
import type { Core } from '../core';
import type { IndexedDBStore } from '../store/indexeddb';
import { result } from '../store/idb-requests';
import { timeOf } from '../store/stored-records';
import { printStacks, warn } from '../errors';

/** A report names one of the visitor's few strongest interests, if the site declared it. */
const REPORTED_INTERESTS = 5;

/** A uniform number in [0, 1), from the platform's cryptographic generator where there is one: privacy noise must not be predictable. */
function uniformRandom(): number {
  return globalThis.crypto?.getRandomValues ? globalThis.crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32 : Math.random();
}

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
    const { endpoint, epsilon, features } = reporting;
    const index = reportedIndex(core.learner.vector.features(at), features, REPORTED_INTERESTS);
    const bits = encodeReport(index, features.length + 1, epsilon, uniformRandom);
    // Recorded first: a failed send still spends the period, so ε is spent at most once in it.
    await store.keep('report', { at });
    await sendReport(endpoint, epsilon, features, bits);
  } catch (error) {
    warn('could not send the aggregate report', error);
  }
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
 * Posts one report to the site's endpoint: the randomized bits, ε and the
 * site's own feature list, nothing else. No cookies, no identifier.
 */
export async function sendReport(endpoint: string, epsilon: number, features: readonly string[], bits: number[]): Promise<void> {
  await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ version: 1, epsilon, features, bits }),
    credentials: 'omit',
    keepalive: true,
  });
}
