/**
 * One generated page as a real slot in the document: the items marked up as a
 * site would, reads recorded by clicking them (automatic tracking, as on a
 * page), the slot ordered by `apply()`, and what the visitor then sees read
 * from the DOM: which items are in view, in which order, with which reason line.
 */
import type { Attune, RankedItem } from 'attune';
import { enableWhyThis } from '../../src/ui/panel';
import type { GeneratedPage } from './generate-page';
import { dislikedOutOfView, explainAgrees, pinnedStay, topicInView, type Verdict } from './properties';
import { dislikedItem, historyOf } from './check-ranking';
import { PageVerdicts } from './verdicts';
import { newVisitor } from './visitor';

const SLOT = 'generated';

/** The page's slot, in the site's order, as markup. */
function slotMarkup(page: GeneratedPage): string {
  const items = page.items.map(
    ({ id, features, pinned }) =>
      `<li data-attune-item="${id}" data-attune-features="${features.join(' ')}"${pinned ? ' data-attune-pin' : ''}>` +
      `<a href="#${id}">Story ${id}</a><small data-attune-reason></small><button type="button" data-attune-why>Why this?</button></li>`,
  );
  return `<ul data-attune-slot="${SLOT}" data-attune-limit="${page.limit}">${items.join('')}</ul>`;
}

/** What the slot shows: its items in document order, whether each is hidden, and its reason line. */
interface Shown {
  ids: string[];
  hidden: boolean[];
  reasons: string[];
}

function readSlot(): Shown {
  const items = [...document.querySelectorAll(`[data-attune-slot="${SLOT}"] > [data-attune-item]`)];
  return {
    ids: items.map((item) => item.getAttribute('data-attune-item')!),
    hidden: items.map((item) => item.hasAttribute('hidden')),
    reasons: items.map((item) => item.querySelector('[data-attune-reason]')?.textContent ?? ''),
  };
}

/** Orders the slot for the visitor, and returns the ranking it announced and what it shows. */
function order(attune: Attune): { ranking: RankedItem[]; shown: Shown } {
  let ranking: RankedItem[] = [];
  const listen = (event: Event) => (ranking = (event as CustomEvent<{ ranking: RankedItem[] }>).detail.ranking);
  document.addEventListener('attune:ordered', listen);
  attune.apply();
  document.removeEventListener('attune:ordered', listen);
  return { ranking, shown: readSlot() };
}

/**
 * "Why this?" as the panel's script answers it, for whichever visitor is on
 * the page: the document keeps its listener from one page to the next.
 */
let asked: Attune | undefined;
let whyThisEnabled = false;
function answerWhyThis(attune: Attune): void {
  asked = attune;
  if (whyThisEnabled) return;
  const visitor: Pick<Attune, 'explain'> = { explain: (item) => asked!.explain(item) };
  enableWhyThis(document, visitor as Attune);
  whyThisEnabled = true;
}

/** Clicks an item's "Why this?" and reads the note it opens. */
async function whyThis(id: string): Promise<string[]> {
  const button = document.querySelector<HTMLElement>(`[data-attune-item="${id}"] [data-attune-why]`)!;
  button.click();
  // explain() answers asynchronously, loading the visitor-data part the first time.
  for (let tries = 0; tries < 50 && !button.hasAttribute('aria-controls'); tries++) await new Promise((resolve) => setTimeout(resolve, 0));
  const note = document.getElementById(button.getAttribute('aria-controls') ?? '');
  const lines = [...(note?.querySelectorAll('li') ?? [])].map((line) => line.textContent ?? '');
  button.click();
  return lines;
}

/** The slot as a ranking in the order it shows, for the checks of properties.ts. */
const asRanking = (shown: Shown, ranking: readonly RankedItem[]) => shown.ids.map((id) => ranking.find((item) => item.id === id)!);

/** The slot's order, its reason lines and its hidden items are those of the ranking it announced. */
function showsRanking(page: GeneratedPage, { ranking, shown }: { ranking: RankedItem[]; shown: Shown }): Verdict {
  const place = ranking.findIndex(({ id }, at) => id !== shown.ids[at]);
  if (place >= 0) return { holds: false, why: `place ${place + 1} shows ${shown.ids[place]}, the ranking put ${ranking[place]!.id} there` };
  const line = ranking.findIndex(({ reasons }, at) => (reasons[0]?.text ?? '') !== shown.reasons[at]);
  if (line >= 0) return { holds: false, why: `${shown.ids[line]} shows "${shown.reasons[line]}", its first reason reads "${ranking[line]!.reasons[0]?.text}"` };
  const hidden = shown.hidden.findIndex((isHidden, at) => isHidden !== at >= page.limit);
  return hidden < 0 ? { holds: true } : { holds: false, why: `place ${hidden + 1} is ${shown.hidden[hidden] ? 'hidden' : 'shown'} with limit ${page.limit}` };
}

export async function checkSlot(page: GeneratedPage, verdicts: PageVerdicts): Promise<void> {
  // A new visitor: the site's order, the first `limit` shown.
  document.body.innerHTML = slotMarkup(page);
  const stranger = await newVisitor(page);
  const first = order(stranger);
  const site = page.items.map(({ id }) => id);
  const unchanged = first.shown.ids.every((id, at) => id === site[at]) && first.shown.hidden.every((hidden, at) => hidden === at >= page.limit);
  verdicts.record('slot: no history: site order', 'new visitor', unchanged ? { holds: true } : { holds: false, why: `the slot shows ${first.shown.ids.slice(0, page.limit).join(' ')}` });
  await stranger.close();

  // The reader clicks the stories they read, in a fresh copy of the page.
  document.body.innerHTML = slotMarkup(page);
  const reader = await newVisitor(page);
  for (const id of page.reader.read) document.querySelector<HTMLElement>(`[data-attune-item="${id}"] a`)!.click();
  // Without this, a change to automatic tracking would leave the slot checks ranking for a visitor with no history.
  if (!reader.profile().some(({ feature }) => feature === page.reader.topic)) throw new Error(`seed ${page.seed}: the clicks were not recorded`);
  const read = order(reader);
  verdicts.record('slot: reason lines and order = rank()', 'after reads', showsRanking(page, read));
  verdicts.record('slot: read topic in view', 'after reads', topicInView({ page, touched: new Set(page.reader.read) }, asRanking(read.shown, read.ranking)));
  verdicts.record('slot: pinned items stay', 'after reads', pinnedStay(page, asRanking(read.shown, read.ranking)));
  answerWhyThis(reader);
  const history = historyOf(page);
  for (const { id, reasons } of read.ranking.slice(0, page.limit)) {
    verdicts.record('slot: "Why this?" says explain()', 'after reads', explainAgrees(id, reasons, await whyThis(id), history));
  }

  // "Not for me", as a site's button calls it: the item's id, its features read from the slot.
  const disliked = dislikedItem(page, asRanking(read.shown, read.ranking), 0);
  if (disliked) {
    reader.dislike(disliked);
    const after = order(reader);
    const shownAfter = asRanking(after.shown, after.ranking);
    verdicts.record('slot: Not for me leaves view', `after reads, turned down ${disliked}`, dislikedOutOfView(page, disliked, shownAfter));
    verdicts.record('slot: pinned items stay', `after reads, turned down ${disliked}`, pinnedStay(page, shownAfter));
    verdicts.record('slot: reason lines and order = rank()', `after reads, turned down ${disliked}`, showsRanking(page, after));
  }
  await reader.close();
  document.body.replaceChildren();
}
