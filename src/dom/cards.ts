/**
 * Items drawn from a slot's `<template>`: for each item, a copy of the
 * template's first element, its fields filled from the item. Values come from
 * storage or the page, so they never become markup: a title is set as text,
 * addresses as `href` and `src` only, and only where they resolve to http(s).
 */
import { FEATURES, ITEM } from '../markup';
import { MAX_FEATURES_PER_ITEM, MAX_FEATURE_LENGTH, MAX_ID_LENGTH, isText } from '../limits';

/** An item as a list of them shows it. */
export interface Card {
  id: string;
  title: string;
  /** An http(s) address, or a path on the site. */
  url: string;
  image?: string;
  features: readonly string[];
}

/** Marks the elements a template fills: `title` (its text), `url` (its `href`), `image` (its `src`). */
const FIELD = 'data-attune-field';
/** Set on each element drawn, so a drawing can take back the last one's. */
export const DRAWN = 'data-attune-drawn';
const MAX_TITLE_LENGTH = 300;

/** `address` resolved against the page, if it is http(s); `javascript:` or `data:` never is. */
function linkable(address: unknown, base: string): string | undefined {
  if (typeof address !== 'string') return undefined;
  try {
    const url = new URL(address, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The card's values as they may be shown, or undefined where one of them may
 * not be (a title that is not text, an address that is not http(s)); an
 * image that may not be shown is left out.
 */
export function safeCard(card: { [field in keyof Card]?: unknown }, base: string): Card | undefined {
  const url = linkable(card.url, base);
  const { features = [] } = card;
  const featuresOk = Array.isArray(features) && features.length <= MAX_FEATURES_PER_ITEM && features.every((feature) => isText(feature, MAX_FEATURE_LENGTH));
  if (!isText(card.id, MAX_ID_LENGTH) || !isText(card.title, MAX_TITLE_LENGTH) || !url || !featuresOk) return undefined;
  const image = linkable(card.image, base);
  return { id: card.id as string, title: card.title as string, url, features: features as string[], ...(image && { image }) };
}

/**
 * One item drawn from the template: the copy is an item of the slot
 * (`data-attune-item`, with its features), so clicks on it are recorded and
 * "Why this?" explains it.
 */
export function drawCard(template: HTMLTemplateElement, card: Card): Element | undefined {
  const copy = template.content.firstElementChild?.cloneNode(true) as Element | undefined;
  if (!copy) return undefined;
  copy.setAttribute(ITEM, card.id);
  if (card.features.length) copy.setAttribute(FEATURES, card.features.join(' '));
  copy.setAttribute(DRAWN, '');
  for (const field of [copy, ...copy.querySelectorAll(`[${FIELD}]`)]) {
    const name = field.getAttribute(FIELD);
    if (name === 'title') field.textContent = card.title;
    else if (name === 'url') field.setAttribute('href', card.url);
    else if (name === 'image') {
      if (card.image) field.setAttribute('src', card.image);
      else field.remove();
    }
  }
  return copy;
}
