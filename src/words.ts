/**
 * Every sentence a visitor reads about why an item sits where it does, with
 * one wording for each reason: `rank()` words its reasons with these, a slot's
 * reason line shows the first of them, and `explain()` says them alike.
 * Each sentence is an export of its own, so a build leaves out the words of
 * the parts it does not have.
 */
import { featurePrefix } from './limits';

/** `-` and `_` read as spaces: `jane-doe` → `jane doe`. */
const spaced = (text: string): string => text.replace(/[-_]+/g, ' ');

/**
 * What kind of value a feature names: its prefix, `topic` of `topic:tennis`,
 * so a site names a kind by the prefix it chooses (`price-band:budget` reads
 * "price band"); a feature without one is a `tag`.
 */
export function featureKind(feature: string): string {
  return spaced(featurePrefix(feature)) || 'tag';
}

/** The value a feature names: `author:jane-doe` → `jane doe`. */
export function featureValue(feature: string): string {
  return spaced(feature.slice(feature.indexOf(':') + 1) || feature);
}

/**
 * A feature as a visitor reads it, its kind before its value, so a value
 * such as "bob" or "budget" never stands alone: `topic:tennis` → `topic
 * tennis`, `author:jane-doe` → `author jane doe`.
 */
export function featureLabel(feature: string): string {
  return `${featureKind(feature)} ${featureValue(feature)}`;
}

/**
 * A feature within a sentence, its value first so the sentence reads as
 * speech and its kind after it: "Your interest in tennis (topic)".
 */
export function featurePhrase(feature: string): string {
  return `${featureValue(feature)} (${featureKind(feature)})`;
}

const BUCKET_PHRASES: Record<string, string> = {
  'daypart=morning': 'in the morning',
  'daypart=afternoon': 'in the afternoon',
  'daypart=evening': 'in the evening',
  'daypart=night': 'at night',
  'week=weekend': 'at weekends',
  'week=weekday': 'on weekdays',
};

/** `daypart=morning` → `in the morning`. */
export function bucketPhrase(context: string): string {
  return BUCKET_PHRASES[context] ?? `when ${context.replace('=', ' is ')}`;
}

/** An interest that lifted the item, or one the visitor passed on; `context` is the bucket whose weight counted. */
export function interestText(feature: string, lifted: boolean, context: string | undefined): string {
  const label = featurePhrase(feature);
  const when = context === undefined ? '' : ` ${bucketPhrase(context)}`;
  return lifted ? `Your interest in ${label}${when}` : `Lower: you passed on ${label}${when}`;
}

/** `position` is zero-based. */
export function siteOrderText(position: number): string {
  return position === 0 ? 'The site’s top pick' : `The site’s pick #${position + 1}`;
}

export const PINNED_TEXT = 'Pinned by the site';
/** "Why this?" for an item no ranking of this page view placed: it sits where the site put it. */
export const SITE_ORDER_TEXT = 'In the site’s own order';

/** `explain()` and the panel, for a visitor in the site's holdout. */
export const HOLDOUT_TEXT = 'You are in the group that sees the site’s own order';

export const COLLABORATIVE_TEXT = 'Chosen by people who chose what you did';
export const SIMILAR_CONTENT_TEXT = 'Like what you chose before';
export const POPULAR_TEXT = 'Popular on this site';
export const FRESH_TEXT = 'New on this site';
export const NEXT_TEXT = 'Often next after what you just read';

export const SEEN_TEXT = 'You have seen this';
export const PASSED_TEXT = 'You passed on this';
export const DIFFERENT_TEXT = 'Something different';
export const CALIBRATED_TEXT = 'Keeps the mix you read';
export const EXPLORED_TEXT = 'Something new to try';
export const RECENT_TEXT = 'You viewed this recently';
/** A variant the visitor's own responses are still being learned for. */
export const VARIANT_TRIED_TEXT = 'One of several versions, tried to learn which suits you';

/** A variant shown to an audience the visitor is in: `runners` → "For visitors in “runners”". */
export function inAudienceText(audience: string): string {
  return `For visitors in “${featureValue(audience)}”`;
}

/** `author`, 2 → "Lower: at most 2 from one author come first". */
export function cappedText(prefix: string, most: number): string {
  return `Lower: at most ${most} from one ${spaced(prefix)} come first`;
}

/** What the visitor did, in words. Impressions are left out: seeing is not choosing. */
export const DEEDS: ReadonlyMap<string, string> = new Map([
  ['click', 'opened'],
  ['view', 'read'],
  ['dwell', 'read'],
  ['scroll', 'read'],
  ['like', 'liked'],
  ['rate', 'rated'],
  ['purchase', 'bought'],
  ['search', 'searched for'],
  ['prefer', 'asked for'],
]);

/**
 * An interest with the visitor's own history behind it: "You read 4 items
 * about tennis (topic) this week", or without a deed this week "You showed
 * interest in tennis (topic) before"; `context` is the bucket whose weight counted.
 */
export function interestHistoryText(feature: string, deed: string | undefined, items: number, context: string | undefined): string {
  const label = featurePhrase(feature);
  const when = context === undefined ? '' : `, mostly ${bucketPhrase(context)}`;
  return deed === undefined
    ? `You showed interest in ${label} before${when}`
    : `You ${deed} ${items} ${items === 1 ? 'item' : 'items'} about ${label} this week${when}`;
}

// Why a condition of the site’s rules or audiences holds, in words (rules/conditions.ts).

/** `purchase`, `trail-shoes`, 2, 30 → "You bought trail shoes 2 times in the last 30 days". */
export function didText(type: string, thing: string | undefined, times: number, withinDays: number | undefined): string {
  const deed = type === 'any' ? 'chose' : DEEDS.get(type) ?? `did "${type}" on`;
  // An item is named by its id, a feature by its value and kind.
  const what = thing === undefined ? 'something' : thing.includes(':') ? featurePhrase(thing) : featureValue(thing);
  const count = times === 1 ? '' : ` ${times} times`;
  const when = withinDays === undefined ? '' : ` in the last ${withinDays} ${withinDays === 1 ? 'day' : 'days'}`;
  return `You ${deed} ${what}${count}${when}`;
}

/** `topic:running`, 0.35 → "Running is 35 % of what you read about topics". */
export function interestShareText(feature: string, share: number): string {
  // The sentence names the kind at its end: the value stands alone before it.
  const label = featureValue(feature);
  const prefix = spaced(featurePrefix(feature)) || 'things';
  return `${label[0]!.toUpperCase()}${label.slice(1)} is ${Math.round(share * 100)} % of your interest in ${prefix}`;
}

/** A stated attribute's name as a visitor reads it: `firstName` → "first name", `shoe-size` → "shoe size". */
export const attributeName = (name: string): string => spaced(name.replace(/([a-z])([A-Z])/g, '$1 $2')).toLowerCase();

/** "You told us your diet is vegan": the visitor's own words, shown back to them as text. */
export function statedConditionText(name: string, value: string): string {
  return `You told us your ${attributeName(name)} is ${value}`;
}

/** `device`, `mobile` → "Your device is mobile"; a daypart in its phrase. */
export function contextConditionText(key: string, value: string): string {
  const bucket = `${key}=${value}`;
  return BUCKET_PHRASES[bucket] ? `You are here ${bucketPhrase(bucket)}` : `Your ${spaced(key)} is ${value}`;
}

export function audienceConditionText(label: string): string {
  return `You are among ${label}`;
}

export function visitsText(visits: number): string {
  return `You have visited ${visits} times`;
}

/** A rule's reason worded from its condition's first reason: "Because you bought trail shoes". */
export function becauseText(reason: string | undefined): string {
  return reason ? `Because ${reason[0]!.toLowerCase()}${reason.slice(1)}` : 'Picked for you by the site';
}
