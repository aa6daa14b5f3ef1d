/**
 * Slots drawn from their `<template>`, loaded on demand where a page has one
 * (dom/drawn-later.ts): `data-attune-strategy="recent"` shows the items the
 * visitor viewed most recently, newest first, the page's own item left out;
 * `for-you` shows the best of the candidates the page embeds as JSON, ranked
 * for the visitor. Drawn items go where the template is; the slot's other
 * children are the site's default, shown while nothing is drawn: before the
 * profile is loaded, for a visitor with nothing to show, or where this part
 * could not load in time.
 */
import type { Core } from '../core';
import type { RankedItem } from '../types';
import type { DrawingTools } from './drawn-later';
import { DRAWN, drawCard, safeCard, type Card } from './cards';
import { recentlyViewed, MAX_RECENT } from './recent';
import { readCandidates } from './for-you';
import { startDrawing } from './drawing';
import { setShown } from './shown';
import { PAGE_ITEM, REASON, SLOT, STRATEGY, findMarked, readLimit } from '../markup';
import { RECENT_TEXT } from '../words';
import { printStacks, warn } from '../errors';

/** Items a slot shows where it sets no `data-attune-limit`: a row. */
const DEFAULT_LIMIT = 6;

/** Draws the slot: for this visitor, or (`personal` false) as the site wrote it. */
export async function draw(core: Core, slot: Element, personal: boolean, tools: DrawingTools): Promise<void> {
  // Beside the script tag this is a file of its own, with its own warn(): tell it too.
  if (core.config.debug) printStacks();
  const mayChange = startDrawing(slot, personal);
  if (!mayChange) return;
  const name = slot.getAttribute(SLOT);
  const template = [...slot.children].find((child) => child.localName === 'template') as HTMLTemplateElement | undefined;
  if (!template) return warn(`slot "${name}" ${__DEV__ ? `with ${STRATEGY} needs a <template> child to draw its items from; showing the site default` : 'has no template'}`);
  const limit = Math.min(readLimit(slot) ?? DEFAULT_LIMIT, MAX_RECENT);
  const ranking = personal ? await rankingOf(core, slot, limit, tools, name) : [];
  if (!mayChange()) return;
  fill(slot, template, ranking);
  const View = slot.ownerDocument.defaultView;
  if (View) slot.dispatchEvent(new View.CustomEvent('attune:ordered', { bubbles: true, detail: { slot: name, ranking } }));
}

/** The items to draw, in order, each with its reasons; any that may not be shown are reported once and left out. */
async function rankingOf(core: Core, slot: Element, limit: number, tools: DrawingTools, name: string | null): Promise<(RankedItem & Card)[]> {
  const base = slot.ownerDocument.baseURI;
  let given: { [field in keyof Card]?: unknown }[] | string;
  if (slot.getAttribute(STRATEGY) === 'recent') {
    // Paused, nothing personal is shown.
    if (core.settings.values.paused) return [];
    const here = new Set(findMarked(slot.ownerDocument, PAGE_ITEM).map((element) => element.getAttribute(PAGE_ITEM)!));
    given = (await recentlyViewed(core, limit, here)).map(({ item, page, features }) => ({ id: item, ...page, features }));
  } else {
    given = readCandidates(slot);
  }
  if (typeof given === 'string') {
    warn(`slot "${name}" ${__DEV__ ? `${given}; showing the site default` : 'candidates not valid'}`);
    return [];
  }
  const cards = given.map((card) => safeCard(card, base));
  const unsafe = cards.filter((card) => !card).length;
  if (unsafe) warn(`slot "${name}": ${unsafe} ${__DEV__ ? 'item(s) left out: each needs an id, a title of printable text, an http(s) address or a path on the site, and valid features' : 'items not valid'}`);
  const shown = new Map(cards.filter((card) => card !== undefined).map((card) => [card.id, card]));
  if (slot.getAttribute(STRATEGY) === 'recent') {
    const recent = [...shown.values()].map((card) => ({ ...card, score: 0, reasons: [{ kind: 'recent' as const, text: RECENT_TEXT }] }));
    core.items.ranked(recent);
    return recent;
  }
  return tools.rank(slot, [...shown.values()], limit).map((ranked) => Object.assign(ranked, shown.get(ranked.id)));
}

/**
 * Puts the items where the template is, in place of those drawn before, each
 * with its first reason in its `[data-attune-reason]`; the site's default
 * shows only while there are none.
 */
function fill(slot: Element, template: HTMLTemplateElement, ranking: readonly (RankedItem & Card)[]): void {
  for (const drawn of slot.querySelectorAll(`[${DRAWN}]`)) drawn.remove();
  const drawn = ranking.flatMap((card) => {
    const element = drawCard(template, card);
    const reasonLine = element?.querySelector(`[${REASON}]`);
    if (reasonLine && card.reasons[0]) reasonLine.textContent = card.reasons[0].text;
    return element ? [element] : [];
  });
  template.before(...drawn);
  for (const child of slot.children) if (child !== template && !child.hasAttribute(DRAWN)) setShown(child, !drawn.length);
}
