/**
 * One generated page through `rank()`: a new visitor, the page's reader, and
 * the reader after "Not for me", Less and More, each checked against the
 * behaviour in properties.ts.
 */
import type { Attune, RankedItem } from 'attune';
import { interestHistoryText } from '../../src/words';
import type { GeneratedPage } from './generate-page';
import {
  dislikedOutOfView,
  explainAgrees,
  halfOpen,
  lessLeavesView,
  lessMovesDown,
  moreMovesUp,
  oneWording,
  pinnedStay,
  reasonDirections,
  restInView,
  siteOrderUnchanged,
  topicInView,
  type Reading,
} from './properties';
import { PageVerdicts } from './verdicts';
import { featuresOf, newVisitor, rankPage, readItems } from './visitor';

/** What every ranking made for a visitor with history is checked for. */
function checkAny(verdicts: PageVerdicts, scenario: string, reading: Reading, attune: Attune, ranking: readonly RankedItem[]): void {
  verdicts.record('d. pinned items stay', scenario, pinnedStay(reading.page, ranking));
  const directions = reasonDirections(reading, ranking, attune.profile());
  verdicts.record('e. pushed down: not a site pick', scenario, directions.pushedDownNotSitePick);
  verdicts.record('e. below site place: not lifted', scenario, directions.belowNotLifted);
  verdicts.record('e. above site place: not "Lower"', scenario, directions.aboveNotLowered);
  verdicts.record('e. interest reason true to profile', scenario, directions.interestTrue);
  verdicts.record('e. one wording per kind', scenario, oneWording(reading.page, ranking));
}

/** The unpinned item in view that "Not for me" is tried on: the first one an interest of the visitor led there, else the one at `fallback`. */
export function dislikedItem(page: GeneratedPage, ranking: readonly RankedItem[], fallback: number): string | undefined {
  const pinned = new Set(page.items.filter((item) => item.pinned).map((item) => item.id));
  const free = ranking.slice(0, page.limit).filter(({ id }) => !pinned.has(id) && !page.reader.read.includes(id));
  return (free.find(({ reasons }) => reasons[0]?.kind === 'interest') ?? free[Math.min(fallback, free.length - 1)])?.id;
}

/** What explain() should say of an interest that lifted an item, for a visitor who only clicked the page's reads. */
export function historyOf(page: GeneratedPage) {
  return (feature: string, context: string | undefined) => {
    const opened = page.reader.read.filter((id) => featuresOf(page, id).includes(feature)).length;
    return interestHistoryText(feature, opened ? 'opened' : undefined, opened, context);
  };
}

export async function checkRankings(page: GeneratedPage, verdicts: PageVerdicts): Promise<void> {
  const topic = page.reader.topic;
  const reading: Reading = { page, touched: new Set(page.reader.read) };

  // d. A new visitor gets the site's order; b. "Not for me" on the fifth item in view (the shop demo's story).
  const stranger = await newVisitor(page);
  const first = rankPage(stranger, page);
  verdicts.record('d. no history: site order', 'new visitor', siteOrderUnchanged(page, first));
  // A page whose every unpinned item in view is one the reader reads has none to try it on.
  const turnedDown = dislikedItem(page, first, 4);
  if (turnedDown) {
    stranger.dislike(turnedDown, { features: featuresOf(page, turnedDown) });
    const afterDislike = rankPage(stranger, page);
    verdicts.record('b. dislike leaves view (new visitor)', `new visitor turned down ${turnedDown}`, dislikedOutOfView(page, turnedDown, afterDislike));
    checkAny(verdicts, `new visitor turned down ${turnedDown}`, { page, touched: new Set([turnedDown]) }, stranger, afterDislike);
  }
  await stranger.close();

  // a. The reader; e. explain() of each item in view, right after the ranking that placed it.
  const reader = await newVisitor(page);
  readItems(reader, page);
  const read = rankPage(reader, page);
  verdicts.record('a. read topic in view', 'after reads', topicInView(reading, read));
  verdicts.record('a. rest in view', 'after reads', restInView(reading, read));
  verdicts.record('a. half the view open to the rest', 'after reads', halfOpen(reading, read));
  checkAny(verdicts, 'after reads', reading, reader, read);
  const history = historyOf(page);
  for (const { id, reasons } of read.slice(0, page.limit)) {
    verdicts.record('e. explain() agrees with rank()', 'after reads', explainAgrees(id, reasons, await reader.explain(id), history));
  }
  // b. "Not for me" on an item the reads lifted into view.
  const disliked = dislikedItem(page, read, 0);
  if (disliked) {
    reader.dislike(disliked, { features: featuresOf(page, disliked) });
    const after = rankPage(reader, page);
    verdicts.record('b. dislike leaves view (after reads)', `after reads, turned down ${disliked}`, dislikedOutOfView(page, disliked, after));
    checkAny(verdicts, `after reads, turned down ${disliked}`, { page, touched: new Set([...page.reader.read, disliked]) }, reader, after);
  }
  await reader.close();

  // c. Less, then More, on the read topic, each for a reader of their own.
  for (const [weight, scenario] of [[-1, 'Less'], [1, 'More']] as const) {
    const asker = await newVisitor(page);
    readItems(asker, page);
    const before = rankPage(asker, page);
    asker.prefer(topic, weight);
    const after = rankPage(asker, page);
    if (weight < 0) {
      verdicts.record('c. Less moves down', `after reads, Less on ${topic}`, lessMovesDown(page, topic, before, after));
      verdicts.record('c. Less leaves view', `after reads, Less on ${topic}`, lessLeavesView(page, topic, before, after));
    } else {
      verdicts.record('c. More moves up', `after reads, More on ${topic}`, moreMovesUp(page, topic, before, after));
    }
    checkAny(verdicts, `after reads, ${scenario} on ${topic}`, reading, asker, after);
    await asker.close();
  }
}

/** Runs `rank()` for a page's reader and returns the ranking, for describing a failure. */
export async function readerRanking(page: GeneratedPage): Promise<{ ranking: RankedItem[]; profile: ReturnType<Attune['profile']> }> {
  const reader = await newVisitor(page);
  readItems(reader, page);
  const ranking = rankPage(reader, page);
  const profile = reader.profile();
  await reader.close();
  return { ranking, profile };
}
