/**
 * The behaviour a visitor should see on any page (issue 14), each as a check
 * of one ranking, or of one before and after. A check says whether the
 * behaviour holds, and if not, why in one line; `undefined` where the page
 * gives it nothing to hold on (no pinned item, no item the feature led).
 *
 * Places are zero-based indexes into a ranking; "in view" is the first
 * `limit` places, as a slot with `data-attune-limit` shows them.
 */
import type { LearnedFeature, RankedItem, Reason } from 'attune';
import {
  CALIBRATED_TEXT,
  COLLABORATIVE_TEXT,
  DIFFERENT_TEXT,
  EXPLORED_TEXT,
  FRESH_TEXT,
  NEXT_TEXT,
  PINNED_TEXT,
  POPULAR_TEXT,
  PASSED_TEXT,
  SEEN_TEXT,
  RECENT_TEXT,
  SIMILAR_CONTENT_TEXT,
  VARIANT_TRIED_TEXT,
  cappedText,
  inAudienceText,
  interestText,
  siteOrderText,
} from '../../src/words';
import type { GeneratedItem, GeneratedPage } from './generate-page';

export type Verdict = { holds: true } | { holds: false; why: string } | undefined;

const HOLDS: Verdict = { holds: true };
const fails = (why: string): Verdict => ({ holds: false, why });

/**
 * The `exploration` option's default (README): that share of the free places
 * in view is tried on items outside the visitor's interests, so the topic's
 * due is lowered by that many places.
 */
export const DEFAULT_EXPLORATION = 0.1;

const ids = (ranking: readonly RankedItem[]) => ranking.map(({ id }) => id);

/** A page, and the items its visitor chose. */
export interface Reading {
  page: GeneratedPage;
  /** Items the visitor chose (read, or turned down): the ranking may move them down. */
  touched: ReadonlySet<string>;
}

const isTopic = (item: GeneratedItem, topic: string) => item.topics.includes(topic);

/** The view's free places: the limit less the pinned items in view (pinned items never move, so their site index is their place). */
function freePlacesInView(page: GeneratedPage): number {
  return Math.min(page.limit, page.items.length) - page.items.slice(0, page.limit).filter((item) => item.pinned).length;
}

/**
 * a. After reading 2 or 3 items of one topic and nothing else, the unpinned
 * unread items of that topic in view number at least
 * `min(u, ⌈F/2⌉) − e`, where u is how many unpinned unread items the topic
 * has, F the free places in view (the limit less the pinned items in view)
 * and e = ⌊F × exploration⌋ the places exploration may take. Wherever the site
 * placed them.
 */
export function topicInView({ page }: Reading, ranking: readonly RankedItem[]): Verdict {
  const { topic, read } = page.reader;
  const free = freePlacesInView(page);
  const unread = (item: GeneratedItem) => !item.pinned && !read.includes(item.id) && isTopic(item, topic);
  const u = page.items.filter(unread).length;
  const due = Math.max(0, Math.min(u, Math.ceil(free / 2)) - Math.floor(free * DEFAULT_EXPLORATION));
  const byId = new Map(page.items.map((item) => [item.id, item]));
  const shown = ranking.slice(0, page.limit).filter(({ id }) => unread(byId.get(id)!)).length;
  return shown >= due ? HOLDS : fails(`${shown} of ${u} unread ${topic} items in view, ${due} due (limit ${page.limit}, ${free} free places)`);
}

/**
 * How many unpinned items without the read topic are in view in `ranking`,
 * and in the site's own order: personalization need not open a view the site
 * itself gave to one topic.
 */
function restOf(page: GeneratedPage, ranking: readonly RankedItem[]): { inView: number; inSiteView: number } {
  const other = (item: GeneratedItem) => !item.pinned && !isTopic(item, page.reader.topic);
  const byId = new Map(page.items.map((item) => [item.id, item]));
  return {
    inView: ranking.slice(0, page.limit).filter(({ id }) => other(byId.get(id)!)).length,
    inSiteView: page.items.slice(0, page.limit).filter(other).length,
  };
}

/** a. The view stays open to the rest: where the site's own view showed items of other topics, at least one stays in view. */
export function restInView({ page }: Reading, ranking: readonly RankedItem[]): Verdict {
  const rest = restOf(page, ranking);
  if (rest.inSiteView === 0) return undefined;
  return rest.inView > 0 ? HOLDS : fails(`every free place in view holds ${page.reader.topic}`);
}

/**
 * a. The other half of the view stays open to the rest: items without the
 * topic hold at least `min(s, ⌊F/2⌋)` of the free places in view, s being
 * how many the site's own order had in view.
 */
export function halfOpen({ page }: Reading, ranking: readonly RankedItem[]): Verdict {
  const rest = restOf(page, ranking);
  const due = Math.min(rest.inSiteView, Math.floor(freePlacesInView(page) / 2));
  if (due === 0) return undefined;
  return rest.inView >= due ? HOLDS : fails(`${rest.inView} items of other topics in view, ${due} due`);
}

/** b. A disliked item leaves the places in view. */
export function dislikedOutOfView(page: GeneratedPage, disliked: string, ranking: readonly RankedItem[]): Verdict {
  // Where pinned items hold every place past the view, nothing can leave it.
  if (!page.items.slice(page.limit).some((item) => !item.pinned)) return undefined;
  const place = ids(ranking).indexOf(disliked);
  return place >= page.limit || place < 0 ? HOLDS : fails(`${disliked} still at place ${place + 1} of ${page.limit} in view`);
}

/** The items whose first reason was the visitor's interest in `feature`, with their places. */
function ledBy(feature: string, ranking: readonly RankedItem[]): Map<string, number> {
  const led = new Map<string, number>();
  ranking.forEach(({ id, reasons }, place) => {
    const first = reasons[0];
    if (first?.kind === 'interest' && first.feature === feature && first.contribution > 0) led.set(id, place);
  });
  return led;
}

/**
 * For each item, how many unpinned items without `feature` sit above it: what
 * Less and More change. Items with the feature move together, and pinned
 * items stay put, so neither says whether an item moved for the visitor.
 */
function aboveWithout(page: GeneratedPage, feature: string, ranking: readonly RankedItem[]): Map<string, number> {
  const without = new Set(page.items.filter((item) => !item.pinned && !item.features.includes(feature)).map((item) => item.id));
  const above = new Map<string, number>();
  let count = 0;
  for (const { id } of ranking) {
    above.set(id, count);
    if (without.has(id)) count++;
  }
  return above;
}

const moves = (items: [string, number, number][]) => items.map(([id, before, after]) => `${id} below ${before}→${after}`).join(', ');

/**
 * c. After Less on `feature`, every item whose first reason was that interest
 * sinks below at least one more unpinned item without the feature, where one
 * was below it.
 */
export function lessMovesDown(page: GeneratedPage, feature: string, before: readonly RankedItem[], after: readonly RankedItem[]): Verdict {
  const led = ledBy(feature, before);
  if (led.size === 0) return undefined;
  const [was, now] = [aboveWithout(page, feature, before), aboveWithout(page, feature, after)];
  const without = page.items.filter((item) => !item.pinned && !item.features.includes(feature)).length;
  const stayed = [...led.keys()].filter((id) => was.get(id)! < without && now.get(id)! <= was.get(id)!).map((id): [string, number, number] => [id, was.get(id)!, now.get(id)!]);
  return stayed.length === 0 ? HOLDS : fails(`after Less on ${feature}, items without it above each led item: ${moves(stayed)}`);
}

/**
 * c. Visibly: after Less on `feature`, the items that interest had lifted
 * into view from below it (their site place past the limit) leave the view,
 * unless every item without the feature is above them already: where too few
 * lack it to fill the view, some with it must stay.
 */
export function lessLeavesView(page: GeneratedPage, feature: string, before: readonly RankedItem[], after: readonly RankedItem[]): Verdict {
  const site = new Map(page.items.map((item, index) => [item.id, index]));
  const lifted = [...ledBy(feature, before)].filter(([id, place]) => place < page.limit && site.get(id)! >= page.limit);
  if (lifted.length === 0) return undefined;
  const places = ids(after);
  const lacking = page.items.filter((item) => !item.pinned && !item.features.includes(feature)).map(({ id }) => places.indexOf(id));
  const still = lifted.filter(([id]) => places.indexOf(id) < page.limit && lacking.some((place) => place > places.indexOf(id)));
  return still.length === 0
    ? HOLDS
    : fails(`still in view after Less on ${feature}: ${still.map(([id, place]) => `${id} site #${site.get(id)! + 1}, ${place + 1}→${places.indexOf(id) + 1}`).join(', ')}`);
}

/**
 * c. After More on `feature`, no item whose first reason was that interest
 * has more unpinned items without the feature above it than before, and one
 * of them has fewer, where one had any.
 */
export function moreMovesUp(page: GeneratedPage, feature: string, before: readonly RankedItem[], after: readonly RankedItem[]): Verdict {
  const led = ledBy(feature, before);
  if (led.size === 0) return undefined;
  const [was, now] = [aboveWithout(page, feature, before), aboveWithout(page, feature, after)];
  const changes = [...led.keys()].map((id): [string, number, number] => [id, was.get(id)!, now.get(id)!]);
  const lower = changes.filter(([, then, later]) => later > then);
  if (lower.length) return fails(`after More on ${feature}, more items without it above: ${moves(lower)}`);
  const couldRise = changes.some(([, then]) => then > 0);
  const rose = changes.some(([, then, later]) => later < then);
  return !couldRise || rose ? HOLDS : fails(`after More on ${feature}, none of ${led.size} items it led rose past an item without it: ${moves(changes.slice(0, 3))}`);
}

/** d. Every pinned item sits at its index in the site's order. */
export function pinnedStay(page: GeneratedPage, ranking: readonly RankedItem[]): Verdict {
  const places = ids(ranking);
  const moved = page.items.flatMap((item, index) => (item.pinned && places.indexOf(item.id) !== index ? [`${item.id} ${index + 1}→${places.indexOf(item.id) + 1}`] : []));
  if (!page.items.some((item) => item.pinned)) return undefined;
  return moved.length === 0 ? HOLDS : fails(`pinned items moved: ${moved.join(', ')}`);
}

/** d. With no history, the site's order comes back unchanged, each item's first reason its place in it (or its pin). */
export function siteOrderUnchanged(page: GeneratedPage, ranking: readonly RankedItem[]): Verdict {
  const site = page.items.map(({ id }) => id);
  const places = ids(ranking);
  const first = places.findIndex((id, place) => id !== site[place]);
  if (first >= 0 || places.length !== site.length) return fails(`place ${first + 1} holds ${places[first]}, the site put ${site[first]} there`);
  const wrong = ranking.findIndex(({ reasons }, place) => {
    const reason = reasons[0];
    return !(reason && (reason.kind === 'site-order' || reason.kind === 'pinned') && reason.position === place);
  });
  return wrong < 0 ? HOLDS : fails(`${ranking[wrong]!.id} at place ${wrong + 1} reads "${ranking[wrong]!.reasons[0]?.text}"`);
}

/** A reason that says the visitor's profile or the site's model lifted the item above where the site put it. */
const liftsFromSiteOrder = (reason: Reason) =>
  (reason.kind === 'interest' && reason.contribution > 0) || ['collaborative', 'similar-content', 'popular', 'fresh'].includes(reason.kind);
/** A reason that says the item was put lower. */
const lowers = (reason: Reason) => (reason.kind === 'interest' && reason.contribution < 0) || reason.kind === 'seen' || reason.kind === 'passed' || reason.kind === 'capped';

/** What the first reasons of a ranking say against where the items moved, one verdict per rule. */
export interface ReasonDirections {
  /** An item the visitor pushed down (below its site place, and chosen or turned down by them, or with a feature their profile weighs below zero) does not read as a site pick. */
  pushedDownNotSitePick: Verdict;
  /** An item below its site place does not read as lifted by an interest or the model (re-ranking's reasons, which are about the score order, aside). */
  belowNotLifted: Verdict;
  /** An item above its site place, or at the top, does not read "Lower", seen or capped. */
  aboveNotLowered: Verdict;
  /** An interest reason names a feature of the item that the profile weighs the same way (lifted: above zero; lowered: below). */
  interestTrue: Verdict;
}

/** e. The first reason's direction matches the move, against the site's order (pinned items aside). */
export function reasonDirections({ page, touched }: Reading, ranking: readonly RankedItem[], profile: readonly LearnedFeature[]): ReasonDirections {
  const site = new Map(page.items.map((item, index) => [item.id, index]));
  const weights = new Map(profile.map(({ feature, weight }) => [feature, weight]));
  const byId = new Map(page.items.map((item) => [item.id, item]));
  const wrong = { pushedDownNotSitePick: [] as string[], belowNotLifted: [] as string[], aboveNotLowered: [] as string[], interestTrue: [] as string[] };
  ranking.forEach(({ id, reasons }, place) => {
    const first = reasons[0];
    const item = byId.get(id)!;
    if (!first || item.pinned) return;
    const from = site.get(id)!;
    const said = `${id} ${from + 1}→${place + 1} reads "${first.text}"`;
    const pushed = touched.has(id) || item.features.some((feature) => (weights.get(feature) ?? 0) < 0);
    if (place > from && pushed && first.kind === 'site-order') wrong.pushedDownNotSitePick.push(said);
    if (place > from && liftsFromSiteOrder(first)) wrong.belowNotLifted.push(said);
    if ((place < from || place === 0) && lowers(first)) wrong.aboveNotLowered.push(said);
    if (first.kind === 'interest') {
      const weight = weights.get(first.feature) ?? 0;
      if (!item.features.includes(first.feature) || (first.contribution > 0 ? weight <= 0 : weight >= 0)) {
        wrong.interestTrue.push(`${said}, but the profile weighs ${first.feature} ${weight.toFixed(2)}`);
      }
    }
  });
  const verdict = (list: string[]): Verdict => (list.length === 0 ? HOLDS : fails(`${list.length} items: ${list.slice(0, 3).join('; ')}`));
  return {
    pushedDownNotSitePick: verdict(wrong.pushedDownNotSitePick),
    belowNotLifted: verdict(wrong.belowNotLifted),
    aboveNotLowered: verdict(wrong.aboveNotLowered),
    interestTrue: verdict(wrong.interestTrue),
  };
}

/** The one wording of a reason of each kind (src/words.ts), from its fields. */
export function wordingOf(reason: Reason): string {
  switch (reason.kind) {
    case 'interest':
      return interestText(reason.feature, reason.contribution > 0, reason.context);
    case 'site-order':
      return siteOrderText(reason.position);
    case 'pinned':
      return PINNED_TEXT;
    // The site's rule is worded by the site (or from its condition); the generated pages declare none.
    case 'rule':
      return reason.text;
    case 'seen':
      return SEEN_TEXT;
    case 'passed':
      return PASSED_TEXT;
    case 'different':
      return DIFFERENT_TEXT;
    case 'calibrated':
      return CALIBRATED_TEXT;
    case 'explored':
      return EXPLORED_TEXT;
    case 'collaborative':
      return COLLABORATIVE_TEXT;
    case 'similar-content':
      return SIMILAR_CONTENT_TEXT;
    case 'popular':
      return POPULAR_TEXT;
    case 'fresh':
      return FRESH_TEXT;
    case 'next':
      return NEXT_TEXT;
    case 'capped':
      // The cap's number is not a field of the reason: the one its words give is taken.
      return cappedText(reason.prefix, Number(/\d+/.exec(reason.text)?.[0]));
    case 'recent':
      return RECENT_TEXT;
    case 'in-audience':
      return inAudienceText(reason.audience.replace(/^!/, ''));
    case 'variant-tried':
      return VARIANT_TRIED_TEXT;
  }
}

/**
 * e. One wording per reason kind: every reason reads as its kind's wording
 * says, and a site-order or pinned reason names the item's own place in the
 * site's order.
 */
export function oneWording(page: GeneratedPage, ranking: readonly RankedItem[]): Verdict {
  const site = new Map(page.items.map((item, index) => [item.id, index]));
  for (const { id, reasons } of ranking) {
    for (const reason of reasons) {
      const expected = wordingOf(reason);
      if (reason.text !== expected) return fails(`${id}: "${reason.text}" where the ${reason.kind} wording is "${expected}"`);
      if ((reason.kind === 'site-order' || reason.kind === 'pinned') && reason.position !== site.get(id)) {
        return fails(`${id}: "${reason.text}", but the site put it at #${site.get(id)! + 1}`);
      }
    }
  }
  return HOLDS;
}

/**
 * e. `explain()` says an item's reasons in the words `rank()` gave them, one
 * line each, but for an interest that lifted the item, which says what the
 * visitor did: `history(feature, context)` is that sentence.
 */
export function explainAgrees(id: string, reasons: readonly Reason[], lines: readonly string[], history: (feature: string, context: string | undefined) => string): Verdict {
  const expected = reasons.map((reason) => (reason.kind === 'interest' && reason.contribution >= 0 ? history(reason.feature, reason.context) : reason.text));
  const differs = expected.findIndex((line, at) => line !== lines[at]);
  if (differs < 0 && lines.length === expected.length) return HOLDS;
  return fails(`explain(${id}) says ${JSON.stringify(lines)}, rank() gave ${JSON.stringify(expected)}`);
}
