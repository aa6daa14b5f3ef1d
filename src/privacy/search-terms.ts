/** Words that say nothing about what a visitor looks for. */
const STOP_WORDS = new Set(
  'the and for with how what where when who why are was you your from that this best near into about can does not buy'.split(' '),
);
const MAX_TERMS = 8;

/**
 * A site search as features: its words, lowercased, 3 to 32 letters or digits,
 * stop words dropped, at most eight (`search:tennis`). The query itself is
 * never kept: word order, names typed in full sentences, typos that identify.
 */
export function searchTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]{3,32}/gu) ?? [];
  return [...new Set(words.filter((word) => !STOP_WORDS.has(word)))].slice(0, MAX_TERMS).map((word) => `search:${word}`);
}
