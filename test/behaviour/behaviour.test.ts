/**
 * Issue 14's behaviour, on 240 generated pages with fixed seeds: every page
 * through `rank()`, every fifth also as a slot in the document. Prints, per
 * property, how many pages it holds on.
 *
 * ATTUNE_BEHAVIOUR_STRICT=1 asserts every property; without it, the pending
 * ones (below) are counted and printed but not asserted.
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
 * What the ranking does not do yet (issue 14, items 1 and 2): counted on every
 * run, asserted only with ATTUNE_BEHAVIOUR_STRICT=1. A property leaves this
 * list once it holds on every page.
 */
const PENDING: ReadonlySet<Property> = new Set<Property>([
  'a. read topic in view',
  'a. half the view open to the rest',
  'b. dislike leaves view (new visitor)',
  'b. dislike leaves view (after reads)',
  'c. Less moves down',
  'c. Less leaves view',
  'c. More moves up',
  'e. pushed down: not a site pick',
  'e. above site place: not "Lower"',
  'slot: read topic in view',
  'slot: Not for me leaves view',
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
    it.runIf(STRICT || !PENDING.has(property))(property, () => {
      const { checked, failures } = tallies.find((row) => row.property === property)!;
      expect(checked).toBeGreaterThan(0);
      expect(failures.slice(0, 5)).toEqual([]);
    });
  }
});
