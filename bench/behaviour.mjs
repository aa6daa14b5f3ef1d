// The behaviour suite's table (test/behaviour/): on how many generated pages each property of a first
// session holds, with the SDK's defaults. Run by npm run bench, which writes it to BENCHMARKS.md.
//   node bench/behaviour.mjs
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** The suite's own pages, and pages the defaults were not chosen on: seeds past those. */
const SUITE = { first: 1, pages: 240 };
const UNSEEN = { first: 241, pages: 760 };

/**
 * Runs the suite over `pages` pages from seed `first` and returns, per property, on how many pages it was
 * checked and held, and the first seeds it fails on. The suite fails where a property does not hold on every
 * page; its table is read all the same.
 */
function behaviourTable({ first, pages }) {
  const { stdout } = spawnSync('npx', ['vitest', 'run', '--project', 'behaviour', 'test/behaviour/behaviour.test.ts'], {
    cwd: new URL('..', import.meta.url),
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ATTUNE_BEHAVIOUR_FIRST_SEED: String(first), ATTUNE_BEHAVIOUR_PAGES: String(pages) },
    maxBuffer: 1 << 24,
  });
  const rows = stdout
    .toString()
    .split('\n')
    .map((line) => /^(\S.*?)\s{2,}(\d+) \/ (\d+)\s+(\d+) %(?:\s+fails on seeds (.*))?/.exec(line))
    .filter(Boolean);
  if (!rows.length) throw new Error(`the behaviour suite printed no table for seeds ${first} to ${first + pages - 1}`);
  return new Map(rows.map(([, property, held, checked, , seeds]) => [property, { held: Number(held), checked: Number(checked), seeds }]));
}

const cell = ({ held, checked }) => `${held} / ${checked} (${((100 * held) / checked).toFixed(checked - held ? 1 : 0)} %)`;

/** The suite's pages, on each of which `npm test` holds every property, and pages the defaults were not chosen on. */
export function behaviourReport() {
  const title = 'Behaviour on generated pages (first sessions)';
  const suite = behaviourTable(SUITE);
  const unseen = behaviourTable(UNSEEN);
  const rows = [...suite].map(([property, tested]) => {
    const other = unseen.get(property);
    return `| ${property} | ${cell(tested)} | ${other ? cell(other) : ''} | ${other?.seeds ?? ''} |`;
  });
  return {
    title,
    table: [
      `| property | the suite's ${SUITE.pages} pages (seeds ${SUITE.first} to ${SUITE.first + SUITE.pages - 1}) | ${UNSEEN.pages} other pages (seeds ${UNSEEN.first} to ${UNSEEN.first + UNSEEN.pages - 1}) | where it fails on those |`,
      '| --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
    method:
      'The behaviour suite (`npm run test:behaviour`, part of `npm test`): generated pages of 10 to 200 items in 3 to 20 topics, authors or brands writing across topics, common features, four kinds of site order, limits from 4 to 20 and pinned items; every page through `rank()`, every fifth also as a slot in the document, with the SDK\'s defaults. ' +
      `A reader reads 2 or 3 items of one topic; the properties are stated in \`test/behaviour/properties.ts\`, and \`npm test\` asserts each on every one of the suite's ${SUITE.pages} pages. ` +
      `The ranking's defaults were chosen on those pages and the replays; the ${UNSEEN.pages} others (\`ATTUNE_BEHAVIOUR_FIRST_SEED=${UNSEEN.first} ATTUNE_BEHAVIOUR_PAGES=${UNSEEN.pages}\`) show how far they carry to pages they were not chosen on.`,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = behaviourReport();
  console.log(`${report.table}\n\n${report.method}`);
}
