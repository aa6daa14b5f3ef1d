/**
 * A page and its reader's ranking in words, for whoever fixes a failing seed:
 * the page, what was read, the profile learned, and the places in view with
 * each item's site place, score and reasons.
 */
import type { LearnedFeature, RankedItem } from 'attune';
import { describePage, type GeneratedPage } from './generate-page';

export function pageStory(page: GeneratedPage, ranking: readonly RankedItem[], profile: readonly LearnedFeature[]): string {
  const site = new Map(page.items.map((item, index) => [item.id, index]));
  const byId = new Map(page.items.map((item) => [item.id, item]));
  const { topic, read } = page.reader;
  const topicItems = page.items.flatMap((item, index) => (item.topics.includes(topic) ? [`${item.id}@${index + 1}${read.includes(item.id) ? ' (read)' : ''}${item.pinned ? ' (pinned)' : ''}`] : []));
  const line = ({ id, score, reasons }: RankedItem, place: number) => {
    const item = byId.get(id)!;
    const marks = `${item.pinned ? ' pinned' : ''}${read.includes(id) ? ' read' : ''}${item.topics.includes(topic) ? ' *' : ''}`;
    return `  ${String(place + 1).padStart(2)}. ${id} site #${site.get(id)! + 1}${marks}  [${item.features.join(' ')}]  score ${score.toFixed(3)}  ${reasons.map(({ text }) => `"${text}"`).join(', ')}`;
  };
  return [
    describePage(page),
    `read: ${read.map((id) => `${id} [${byId.get(id)!.features.join(' ')}] at site #${site.get(id)! + 1}`).join('; ')}`,
    `${topic} items (id@site place): ${topicItems.join(', ')}`,
    `profile: ${profile.map(({ feature, weight }) => `${feature} ${weight.toFixed(2)}`).join(', ')}`,
    `in view (limit ${page.limit}; * = ${topic}):`,
    ...ranking.slice(0, page.limit).map(line),
    `site's first ${page.limit}: ${page.items.slice(0, page.limit).map(({ id }) => id).join(' ')}`,
  ].join('\n');
}
