/**
 * What the SDK accepts as text from a site or a page, and how much of it: the
 * limits on ids, features and context, and the checks that apply them. Longer
 * input is a mistake, not data.
 */
import type { Context, ItemPage } from './types';
import { fail } from './errors';

export const MAX_ID_LENGTH = 256;
export const MAX_FEATURE_LENGTH = 128;
export const MAX_FEATURES_PER_ITEM = 64;
/** Longest item vector text read (model/vector-text.ts): 256 factors and a few hundred content entries, with room to spare. */
export const MAX_VECTOR_TEXT = 4096;
const MAX_CONTEXT_KEYS = 16;
/**
 * Most rules, and most audiences, a site declares: each is held against the
 * visitor on every ranking, so they are a handful, not a catalogue.
 */
export const MAX_RULES = 200;
const MAX_TITLE_LENGTH = 300;
const MAX_URL_LENGTH = 2048;
/**
 * An address a page may link to: http(s), or one without a scheme, which
 * resolves against the page's own (a path on the site). `javascript:` and
 * `data:` never qualify.
 */
const LINKABLE = /^(?!\s*(?!https?:)[a-z][a-z\d+.-]*:)/i;
export const MAX_CONTEXT_VALUE_LENGTH = 64;

// Control characters are reserved: the profile joins context and feature with \u001f. Bidirectional
// controls (marks, embeddings, overrides, isolates) would let a feature or id shown in the panel read
// as something else (CVE-2021-42574, "Trojan Source").
const CONTROL = /[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** A context key, feature prefix or interaction type name. */
export const KEY = /^[\w-]{1,32}$/;

/** A feature's prefix: what comes before its first colon (`topic` of `topic:tennis`), or '' for none. */
export function featurePrefix(feature: string): string {
  const colon = feature.indexOf(':');
  return colon < 0 ? '' : feature.slice(0, colon);
}

/** A non-empty string of at most `max` printable characters. */
export function isText(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= max && !CONTROL.test(value);
}

export function checkText(value: unknown, max: number, where: string, name: string): string {
  if (!isText(value, max)) fail(where, __DEV__ ? `${name} must be 1 to ${max} printable characters` : name, value);
  return value as string;
}

export function checkFeatures(features: unknown, where: string): string[] {
  if (!Array.isArray(features) || features.length > MAX_FEATURES_PER_ITEM) {
    fail(where, __DEV__ ? `features must be an array of at most ${MAX_FEATURES_PER_ITEM} strings` : 'features', features);
  }
  // Array.from visits holes (`['a:b', , 'c:d']`) as undefined, where map() would pass them over.
  return [...new Set(Array.from(features, (feature) => checkText(feature, MAX_FEATURE_LENGTH, where, 'a feature')))];
}

export function checkContext(context: unknown, where: string): Context {
  const entries =
    typeof context === 'object' && context !== null && !Array.isArray(context) ? Object.entries(context) : undefined;
  if (!entries || entries.length > MAX_CONTEXT_KEYS || !entries.every(([key]) => KEY.test(key))) {
    fail(where, __DEV__ ? `context must be an object of at most ${MAX_CONTEXT_KEYS} keys like "region"` : 'context', context);
  }
  for (const [key, value] of entries) checkText(value, MAX_CONTEXT_VALUE_LENGTH, where, `context.${key}`);
  return Object.fromEntries(entries);
}

/** How an item's page presents it (`track('view', { page })`): a title, and addresses that are http(s) or paths on the site. */
export function checkPage(page: unknown, where: string): ItemPage {
  const { title, url, image } = (page ?? {}) as Partial<ItemPage>;
  checkText(title, MAX_TITLE_LENGTH, where, 'page.title');
  const checked: ItemPage = { title: title!, url: checkAddress(url, where, 'page.url') };
  if (image !== undefined) checked.image = checkAddress(image, where, 'page.image');
  return checked;
}

function checkAddress(address: unknown, where: string, name: string): string {
  if (!(isText(address, MAX_URL_LENGTH) && LINKABLE.test(address as string))) {
    fail(where, __DEV__ ? `${name} must be an http(s) address or a path on the site, up to ${MAX_URL_LENGTH} characters` : name, address);
  }
  return address as string;
}
