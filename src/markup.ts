import { MAX_FEATURES_PER_ITEM, MAX_FEATURE_LENGTH, MAX_ID_LENGTH, isText } from './limits';
import { describeAttribute, warn } from './errors';

/**
 * The attributes a site marks its content with, and how they are read; those
 * by which a slot sets its own re-ranking (`data-attune-diversity`) are in
 * their options' records, read by dom/slots.ts.
 */
export const SLOT = 'data-attune-slot';
export const ITEM = 'data-attune-item';
export const FEATURES = 'data-attune-features';
export const LIMIT = 'data-attune-limit';
export const PIN = 'data-attune-pin';
export const PAGE_ITEM = 'data-attune-page-item';
export const REASON = 'data-attune-reason';
export const PUBLISHED = 'data-attune-published';
/** A slot drawn from its `<template>` by a part loaded on demand: `recent` or `for-you`. */
export const STRATEGY = 'data-attune-strategy';
/** A container of alternative versions of one message (`data-attune-variants="hero"`), one of which is shown. */
export const VARIANTS = 'data-attune-variants';
/**
 * The prefix of the features that count the visitor's responses to each
 * variant (`variant:hero/sale`): bookkeeping for the choice, not an interest,
 * so the profile does not list them.
 */
export const VARIANT_TRIAL = 'variant:';
/** On an item's own page: how a list of recently viewed items shows it. */
export const TITLE = 'data-attune-title';
export const URL_ATTRIBUTE = 'data-attune-url';
export const IMAGE = 'data-attune-image';

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

/** A slot's `data-attune-limit`; a bad one is reported, and every item shown. */
export function readLimit(slot: Element): number | undefined {
  const raw = slot.getAttribute(LIMIT);
  if (raw === null) return undefined;
  if (!/^\s*\d+\s*$/.test(raw)) {
    warn(
      `${describeAttribute(LIMIT, raw)} ${
        __DEV__ ? `on slot "${slot.getAttribute(SLOT)}" is not a whole number; showing every item` : 'is not valid'
      }`,
    );
    return undefined;
  }
  return Number(raw);
}
