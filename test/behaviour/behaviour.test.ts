/**
 * Issue 14's behaviour, on 240 generated pages with fixed seeds: every page
 * through `rank()`, every fifth also as a slot in the document. Prints, per
 * property, how many pages it holds on.
 *
 * ATTUNE_BEHAVIOUR_STRICT=1 asserts every property on every page; without it,
 * the ones below hold on a share of the pages (FLOORS).
 * ATTUNE_BEHAVIOUR_SEEDS=17,42 also prints those pages' reader's ranking;
 * ATTUNE_BEHAVIOUR_WHY="c. Less" prints why each page failed the properties whose names start so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePage } from './generate-page';
import { checkRankings, readerRanking } from './check-ranking';
import { checkSlot } from './check-slot';
import { pageStory } from './story';
import { PROPERTIES, PageVerdicts, tally, tallyTable, type Property, type Tally } from './verdicts';

const SEEDS = Array.from({ length: 240 }, (_, i) => i + 1);
const inDocument = (seed: number) => seed % 5 === 0;
const STRICT = process.env.ATTUNE_BEHAVIOUR_STRICT === '1';
const SHOWN_SEEDS = (process.env.ATTUNE_BEHAVIOUR_SEEDS ?? '').split(',').filter(Boolean).map(Number);
const SHOWN_WHY = process.env.ATTUNE_BEHAVIOUR_WHY;

/**
 * The properties that do not yet hold on every page, each with the share of
 * pages it must hold on: what the ranking reaches today, less a margin, so a
 * change that loses ground fails. ATTUNE_BEHAVIOUR_STRICT=1 asserts them on
 * every page. A property leaves this list once it holds on every page.
 *
 * Where they fail: a read topic's unread items lose places to items that match
 * the reads on several lesser prefixes at once (two wallets read, both brown,
 * by one brand, lift brown items of that brand as much as wallets: the reads
 * are as consistent with the colour or the brand as with the category, and
 * nothing on the page tells which the visitor chose by), or on a value so rare
 * in the pool that one read of it lifts its items about as far as two reads
 * lift the topic's (an author with three stories on a page of 150: each value
 * is weighed against how common it is, and one read of a rare one is strong
 * evidence).
 */
const FLOORS: ReadonlyMap<Property, number> = new Map<Property, number>([
  ['a. read topic in view', 0.95],
  ['a. half the view open to the rest', 0.99],
  ['c. Less leaves view', 0.99],
  ['slot: read topic in view', 0.95],
]);

let tallies: Tally[] = [];

beforeAll(async () => {
  const pages: PageVerdicts[] = [];
  for (const seed of SEEDS) {
    const page = generatePage(seed);
    const verdicts = new PageVerdicts(seed);
    await checkRankings(page, verdicts);
    if (inDocument(seed)) await checkSlot(page, verdicts);
    pages.push(verdicts);
  }
  tallies = tally(pages);
  console.log(tallyTable(tallies, SEEDS.length));
  for (const { property, failures } of SHOWN_WHY ? tallies.filter((row) => row.property.startsWith(SHOWN_WHY)) : []) {
    console.log(`\n${property}:\n${failures.map(({ seed, why }) => `  seed ${seed}: ${why}`).join('\n')}`);
  }
  for (const seed of SHOWN_SEEDS) {
    const page = generatePage(seed);
    const { ranking, profile } = await readerRanking(page);
    const failed = pages.find((verdicts) => verdicts.seed === seed)?.failures ?? new Map();
    console.log(`\n${pageStory(page, ranking, profile)}\n${[...failed].map(([property, why]) => `✗ ${property}: ${why}`).join('\n')}`);
  }
}, 120_000);

describe(`behaviour on ${SEEDS.length} generated pages`, () => {
  for (const property of PROPERTIES) {
    const floor = STRICT ? undefined : FLOORS.get(property);
    it(floor === undefined ? property : `${property} (on at least ${floor * 100} % of pages)`, () => {
      const { checked, failures } = tallies.find((row) => row.property === property)!;
      expect(checked).toBeGreaterThan(0);
      if (floor === undefined) expect(failures.slice(0, 5)).toEqual([]);
      else expect((checked - failures.length) / checked).toBeGreaterThanOrEqual(floor);
    });
  }
});
