// Writes model.bin, the news site's model file, from articles.js and a
// simulated reading log: what a newsroom would build each night from its own
// logs with `attune build-model`. The log is made up, and seeded, so every
// build writes the same file.
//   npm run build && node examples/news/build-model.mjs
//
// The readers follow their topics, read stories near the top of the front page
// more often, and have one habit content cannot explain: people who read
// tennis also read "Bread without a mixer", a cooking story. So after a
// visitor reads two tennis stories, the bread story climbs the front page with
// "Chosen by people who chose what you did", though it shares no topic or
// author with them.
//
// It builds once, then again only when what the model is made from changes (the stories,
// this script, the builder in dist/): the hash of those is kept in model.bin.inputs.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import './articles.js';

const OUT = new URL('./model.bin', import.meta.url);
const STAMP = new URL('./model.bin.inputs', import.meta.url);
const INPUTS = ['./articles.js', './build-model.mjs', '../../dist/tools.mjs', '../../dist/tools-internal.mjs'];

/** The hash of the model's inputs; undefined when one is missing (dist/ not built). */
async function inputsHash() {
  const hash = createHash('sha256');
  try {
    for (const input of INPUTS) hash.update(await readFile(new URL(input, import.meta.url)));
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

const hash = await inputsHash();
if (hash !== undefined && existsSync(OUT) && (await readFile(STAMP, 'utf8').catch(() => '')) === hash) {
  console.log('examples/news/model.bin is up to date: its stories, this script and the model builder are unchanged.');
  process.exit(0);
}

let buildModel;
let mulberry32;
try {
  ({ buildModel } = await import('../../dist/tools.mjs'));
  // The made-up log uses the builder's seeded generator, which is internal: a site builds from its real logs.
  ({ mulberry32 } = await import('../../dist/tools-internal.mjs'));
} catch {
  console.error('examples/news/build-model.mjs needs dist/tools.mjs and dist/tools-internal.mjs: run `npm run build` first.');
  process.exit(1);
}

const { articles, frontPage, featuresOf } = globalThis.newsroom;

/**
 * The cross-topic habit: most readers of this topic (85 %) also read this
 * story. Tennis readers are 15 % of all, so the story stays below the most
 * read, and popularity alone does not lift it for a first-time visitor.
 */
const CO_READ = { topic: 'tennis', story: 'a12', share: 0.85 };
const READERS = 1200;
const SEED = 20_260_601;

/** Picks one of `choices` with probability proportional to its weight. */
function pick(random, choices, weightOf) {
  let left = random() * choices.reduce((sum, choice) => sum + weightOf(choice), 0);
  for (const choice of choices) if ((left -= weightOf(choice)) < 0) return choice;
  return choices[choices.length - 1];
}

/** Shares of readers by their favourite topic. */
const FAVOURITES = { football: 0.22, politics: 0.2, tennis: 0.15, cooking: 0.15, science: 0.14, travel: 0.14 };
/** Place on the front page, top slot first: a story higher up is opened more often. */
const place = new Map([...frontPage['front-page'].order, ...frontPage.more.order].map((id, at) => [id, at]));
const exposure = (article) => 1 / (1 + place.get(article.id) / 10);

/** Each reader opens 3 to 8 stories: three in four of their favourite topic, the rest anywhere. */
function readingLog() {
  const random = mulberry32(SEED);
  const log = [];
  for (let reader = 0; reader < READERS; reader++) {
    const user = `reader-${reader}`;
    const favourite = pick(random, Object.keys(FAVOURITES), (topic) => FAVOURITES[topic]);
    const read = new Set();
    const count = 3 + Math.floor(random() * 6);
    for (let tries = 0; read.size < count && tries < 50; tries++) {
      const pool = random() < 0.75 ? articles.filter(({ topic }) => topic === favourite) : articles;
      read.add(pick(random, pool, exposure).id);
    }
    if (favourite === CO_READ.topic && random() < CO_READ.share) read.add(CO_READ.story);
    for (const item of read) log.push({ user, item });
  }
  return log;
}

const catalogue = articles.map((article) => ({
  id: article.id,
  features: featuresOf(article),
  text: `${article.title} ${article.standfirst}`,
}));
const interactions = readingLog();
// Six topics and one habit across two: 8 factors hold them; more would fit noise in 30 stories
// (a football story "chosen by" tennis readers). The other settings are the builder's defaults.
const { bytes, summary } = buildModel({ catalogue, interactions }, { factors: 8, seed: 1 });
await writeFile(OUT, bytes);
await writeFile(STAMP, hash);
console.log(
  `Wrote examples/news/model.bin: ${summary.items} stories, ${summary.users} simulated readers, ` +
    `${summary.interactions} reads, ${bytes.length.toLocaleString('en-US')} bytes.`,
);
