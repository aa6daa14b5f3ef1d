import type { RankOptions } from './types';
import { isSeen } from './options';
import { MAX_FEATURES_PER_ITEM, MAX_FEATURE_LENGTH, MAX_ID_LENGTH, isText } from './limits';
import { describeAttribute, warn } from './errors';

/** The attributes a site marks its content with. */
export const SLOT = 'data-attune-slot';
export const ITEM = 'data-attune-item';
export const FEATURES = 'data-attune-features';
export const LIMIT = 'data-attune-limit';
export const PIN = 'data-attune-pin';
export const PAGE_ITEM = 'data-attune-page-item';
export const REASON = 'data-attune-reason';
export const PUBLISHED = 'data-attune-published';
export const DIVERSITY = 'data-attune-diversity';
export const EXPLORATION = 'data-attune-exploration';
export const CAP = 'data-attune-cap';
export const SEEN = 'data-attune-seen';
export const CALIBRATION = 'data-attune-calibration';

/**
 * A slot's own handling of seen items, diversity, exploration and caps
 * (`data-attune-seen="hide"`, `data-attune-diversity="0.3"`, `data-attune-exploration="0.1"`,
 * `data-attune-cap="author:2 topic:3"`); a bad value is reported and the
 * instance's setting used.
 */
export function readRerank(slot: Element): RankOptions {
  const options: RankOptions = {};
  const seen = slot.getAttribute(SEEN);
  if (seen !== null) {
    if (isSeen(seen)) options.seen = seen;
    else warn(`${describeAttribute(SEEN, seen)} ${__DEV__ ? 'must be demote, hide or keep; ignoring it' : 'is not valid'}`);
  }
  options.diversity = readShare(slot, DIVERSITY);
  options.exploration = readShare(slot, EXPLORATION);
  const calibration = slot.getAttribute(CALIBRATION);
  if (calibration !== null) {
    const [, by, weight] = /^\s*([\w-]{1,32}):(0(?:\.\d+)?|1(?:\.0+)?)\s*$/.exec(calibration) ?? [];
    if (by) options.calibration = { by, weight: Number(weight) };
    else warn(`${describeAttribute(CALIBRATION, calibration)} ${__DEV__ ? 'must be like "topic:0.5"; ignoring it' : 'is not valid'}`);
  }
  const caps = slot.getAttribute(CAP);
  if (caps !== null) {
    const pairs = caps.split(/\s+/).filter(Boolean).map((pair) => /^([\w-]{1,32}):([1-9]\d{0,5})$/.exec(pair));
    if (pairs.length && pairs.every(Boolean)) options.caps = Object.fromEntries(pairs.map((match) => [match![1], Number(match![2])]));
    else warn(`${describeAttribute(CAP, caps)} ${__DEV__ ? 'must be like "author:2 topic:3"; ignoring it' : 'is not valid'}`);
  }
  return options;
}

/** A share from 0 to 1 (`data-attune-diversity="0.3"`); a bad one is reported and ignored. */
function readShare(slot: Element, attribute: string): number | undefined {
  const text = slot.getAttribute(attribute);
  if (text === null) return undefined;
  const value = text.trim() ? Number(text) : NaN;
  if (value >= 0 && value <= 1) return value;
  warn(`${describeAttribute(attribute, text)} ${__DEV__ ? 'must be a number from 0 to 1; ignoring it' : 'is not valid'}`);
}

/** Reads when an item was published (an ISO 8601 date, as `<time datetime>` takes); a bad one is reported and ignored. */
export function readPublished(element: Element, item: string): number | undefined {
  const text = element.getAttribute(PUBLISHED);
  if (text === null) return undefined;
  const at = Date.parse(text);
  if (Number.isFinite(at)) return at;
  warn(`${describeAttribute(PUBLISHED, text)} of item "${item}" ${__DEV__ ? 'is not a date like 2026-11-27T08:00Z; ignoring it' : 'is not valid'}`);
}

/** Reads an item id from an attribute; a bad one is reported and the element left alone. */
export function readItemId(element: Element, attribute: string): string | undefined {
  const id = element.getAttribute(attribute);
  if (id === null) return undefined;
  if (isText(id, MAX_ID_LENGTH)) return id;
  warn(`${describeAttribute(attribute, id)} ${__DEV__ ? `must be 1 to ${MAX_ID_LENGTH} printable characters; ignoring it` : 'is not valid'}`);
}

/** Reads space-separated features, skipping (and reporting) those that cannot be one. */
export function readFeatures(element: Element, item: string): string[] {
  const features = [...new Set((element.getAttribute(FEATURES) ?? '').split(/\s+/).filter(Boolean))];
  const usable = features.filter((feature) => isText(feature, MAX_FEATURE_LENGTH)).slice(0, MAX_FEATURES_PER_ITEM);
  if (usable.length < features.length) {
    warn(
      `${FEATURES} of item "${item}"${
        __DEV__
          ? `: kept ${usable.length} of ${features.length} features (at most ${MAX_FEATURES_PER_ITEM}, each up to ${MAX_FEATURE_LENGTH} characters)`
          : ' is not valid'
      }`,
    );
  }
  return usable;
}

/** Elements under root with the attribute, root itself included. */
export function findMarked(root: ParentNode, attribute: string): Element[] {
  const found = [...root.querySelectorAll(`[${attribute}]`)];
  if ((root as Node).nodeType === 1 && (root as Element).hasAttribute(attribute)) found.unshift(root as Element);
  return found;
}
