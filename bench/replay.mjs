// Quality replay on MovieLens and the UCI online retail data: each user's last interaction is ranked among
// 99 items they never touched, by the SDK fed their earlier history, beside popularity and item-kNN
// baselines computed here.
//   node bench/replay.mjs [--strength=0.7] [--half-life=30d] [--users=N] [--sweep]
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAttune } from '../dist/attune.mjs';
import { fixed, markdownTable, mulberry32 } from './stats.mjs';

const DATA_DIR = '../shared/data/movielens-small';
const dataUrl = new URL(`../${DATA_DIR}/`, import.meta.url);
const RETAIL_DIR = '../shared/data/online-retail';
const retailUrl = new URL(`../${RETAIL_DIR}/`, import.meta.url);
/** Description words that say nothing about what a product is. */
const RETAIL_STOP_WORDS = new Set(['and', 'the', 'for', 'with', 'set', 'of', 'in', 'pack', 'box', 'assorted', 'design', 'colour']);
const MIN_INTERACTIONS = 5;
const NEGATIVES = 99;
const TOP_K = 10;
const SEED = 42;
const MAX_TAGS_PER_MOVIE = 20;
const MAX_TAG_LENGTH = 60;
const SWEEP = { strength: [0.1, 0.3, 0.5, 0.7, 1.0], halfLife: ['14d', '90d', '365d'] };

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of strings, header dropped. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(field), (field = '');
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += char;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows.slice(1);
}

const readCsv = async (name, base = dataUrl) => parseCsv(await readFile(new URL(name, base), 'utf8'));

/** Item features: `genre:<Genre>` per genre, and `tag:<tag>` for the movie's most-given tags (by anyone). */
function movieFeatures(movies, tags) {
  const tagCounts = new Map(); // movieId → Map(tag → count), in first-seen order
  for (const [, movieId, rawTag] of tags) {
    const tag = rawTag.trim().toLowerCase();
    if (!tag || tag.length > MAX_TAG_LENGTH) continue;
    const counts = tagCounts.get(movieId) ?? new Map();
    counts.set(tag, (counts.get(tag) ?? 0) + 1);
    tagCounts.set(movieId, counts);
  }
  const features = new Map();
  for (const [movieId, , genres] of movies) {
    const list = genres.split('|').filter(Boolean).map((genre) => `genre:${genre}`);
    // Stable sort: most-given first, ties in first-seen order.
    const top = [...(tagCounts.get(movieId) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, MAX_TAGS_PER_MOVIE);
    features.set(Number(movieId), [...list, ...top.map(([tag]) => `tag:${tag}`)]);
  }
  return features;
}

/**
 * The protocol: users with ≥ 5 interactions, each sorted by time (ties by item id); the last is held out,
 * the rest is training data. 99 negatives per user, uniform over training items the user never touched,
 * from one seeded PRNG in user order; candidates in popularity order (training count desc, item id asc).
 */
function buildReplay(byUser, features) {
  const compare = (a, b) => (typeof a === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0);
  const users = [];
  for (const [id, interactions] of [...byUser].sort((a, b) => compare(a[0], b[0]))) {
    if (interactions.length < MIN_INTERACTIONS) continue;
    interactions.sort((a, b) => a.time - b.time || compare(a.item, b.item));
    users.push({ id, train: interactions.slice(0, -1), heldOut: interactions.at(-1), all: new Set(interactions.map((i) => i.item)) });
  }
  const popularity = new Map();
  for (const user of users) for (const { item } of user.train) popularity.set(item, (popularity.get(item) ?? 0) + 1);
  const trainingItems = [...popularity.keys()].sort(compare);
  const byPopularity = (a, b) => (popularity.get(b) ?? 0) - (popularity.get(a) ?? 0) || compare(a, b);
  const random = mulberry32(SEED);
  for (const user of users) {
    const negatives = new Set();
    while (negatives.size < NEGATIVES) {
      const item = trainingItems[Math.floor(random() * trainingItems.length)];
      if (!user.all.has(item)) negatives.add(item);
    }
    user.candidates = [user.heldOut.item, ...negatives].sort(byPopularity);
  }
  const interactions = users.reduce((sum, user) => sum + user.train.length + 1, 0);
  return { users, popularity, features, interactions, items: trainingItems.length };
}

/** Groups interactions by user. */
function byUserOf(rows, toInteraction) {
  const byUser = new Map();
  for (const row of rows) {
    const [user, interaction] = toInteraction(row);
    (byUser.get(user) ?? byUser.set(user, []).get(user)).push(interaction);
  }
  return byUser;
}

/** MovieLens: each rating is an interaction; items are movie ids (numbers). */
export async function loadMovieLens() {
  if (!existsSync(fileURLToPath(dataUrl))) return undefined;
  const [ratings, movies, tags] = await Promise.all(['ratings.csv', 'movies.csv', 'tags.csv'].map((name) => readCsv(name)));
  const byUser = byUserOf(ratings, ([userId, movieId, rating, timestamp]) => [
    Number(userId),
    { item: Number(movieId), rating: Number(rating), time: Number(timestamp) },
  ]);
  return { ...buildReplay(byUser, movieFeatures(movies, tags)), as: ['click', 'rate'] };
}

/**
 * Online retail: a customer's first purchase of each product is an interaction; items are stock codes.
 * Features: the words of the product's description (lowercased, 3 letters or more, a few generic ones
 * dropped) and a price band.
 */
export async function loadRetail() {
  if (!existsSync(fileURLToPath(retailUrl))) return undefined;
  const lines = parseCsv(gunzipSync(await readFile(new URL('interactions.csv.gz', retailUrl))).toString('utf8'));
  const byUser = byUserOf(lines, ([customer, stockCode, , timestamp]) => [Number(customer), { item: stockCode, time: Number(timestamp) }]);
  // Implicit feedback is binary: a customer's first purchase of each product, so the held-out
  // item is the last new product they bought and "never touched" means never bought.
  for (const [customer, purchases] of byUser) {
    purchases.sort((a, b) => a.time - b.time || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
    const bought = new Set();
    byUser.set(customer, purchases.filter(({ item }) => !bought.has(item) && bought.add(item)));
  }
  const features = new Map();
  for (const [stockCode, description, price] of await readCsv('items.csv', retailUrl)) {
    const words = (description.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((word) => !RETAIL_STOP_WORDS.has(word));
    const band = Number(price) < 1 ? 'under-1' : Number(price) < 3 ? '1-3' : Number(price) < 10 ? '3-10' : '10-plus';
    features.set(stockCode, [...new Set(words)].map((word) => `word:${word}`).concat(`price:${band}`));
  }
  return { ...buildReplay(byUser, features), as: ['purchase'] };
}

/** HR@10 and NDCG@10 from each user's zero-based rank of the held-out item. */
function metrics(ranks) {
  let hits = 0;
  let gain = 0;
  for (const rank of ranks) {
    if (rank < TOP_K) (hits += 1), (gain += 1 / Math.log2(rank + 2));
  }
  return { hr: hits / ranks.length, ndcg: gain / ranks.length };
}

/** Zero-based place of `target` when candidates are sorted by score, descending, ties kept in list order. */
function placeOf(target, candidates, score) {
  const mine = score(target);
  const at = candidates.indexOf(target);
  return candidates.filter((candidate, i) => (i < at ? score(candidate) >= mine : score(candidate) > mine)).length;
}

async function timed(label, run) {
  const start = performance.now();
  const ranks = await run();
  return { label, users: ranks.length, ...metrics(ranks), seconds: (performance.now() - start) / 1000 };
}

function popularityRun(replay) {
  return timed('popularity order (the site\'s order)', () => replay.evaluated.map((user) => user.candidates.indexOf(user.heldOut.item)));
}

/** Item-kNN over the binary user × item training matrix: score(c) = Σ_{j ∈ user's items} cos(c, j). */
function knnRun(replay) {
  return timed('item-kNN (cosine, binary; reference in bench/)', () => {
    const usersOf = new Map();
    replay.users.forEach((user, u) => {
      for (const { item } of user.train) (usersOf.get(item) ?? usersOf.set(item, []).get(item)).push(u);
    });
    return replay.evaluated.map((user) => {
      // overlap[v] = Σ over items j that both user and v rated of 1/√n_j; then
      // Σ_j cos(c, j) = Σ_{v rated c} overlap[v] / √n_c.
      const overlap = new Float64Array(replay.users.length);
      for (const { item } of user.train) {
        const raters = usersOf.get(item);
        const weight = 1 / Math.sqrt(raters.length);
        for (const v of raters) overlap[v] += weight;
      }
      const scores = new Map();
      for (const item of user.candidates) {
        const raters = usersOf.get(item) ?? [];
        let sum = 0;
        for (const v of raters) sum += overlap[v];
        scores.set(item, raters.length ? sum / Math.sqrt(raters.length) : 0);
      }
      return placeOf(user.heldOut.item, user.candidates, (item) => scores.get(item));
    });
  });
}

/** The SDK, through its public API only: a fresh instance per user, fed the training history in time order. */
function attuneRun(replay, { strength, halfLife, as }) {
  const settings = `strength ${strength ?? 'default'}, half-life ${halfLife ?? 'default'}`;
  const fed = { rate: 'ratings as rate(1..5)', click: 'ratings as clicks', purchase: 'purchases as track(\'purchase\')' }[as];
  return timed(`Attune, ${fed}; ${settings}`, async () => {
    const ranks = [];
    for (const user of replay.evaluated) {
      const options = { storage: 'memory', autoTrack: false, consent: 'granted', environment: { now: () => user.heldOut.time * 1000 } };
      if (strength !== undefined) options.strength = strength;
      if (halfLife !== undefined) options.halfLife = halfLife;
      const attune = await createAttune(options);
      for (const { item, rating, time } of user.train) {
        const details = { features: replay.features.get(item) ?? [], at: time * 1000 };
        if (as === 'rate') attune.rate(String(item), Math.min(5, Math.max(1, Math.round(rating))), details);
        else attune.track(as, { item: String(item), ...details });
      }
      const ranking = attune.rank(user.candidates.map((item) => ({ id: String(item), features: replay.features.get(item) ?? [] })));
      ranks.push(ranking.findIndex(({ id }) => id === String(user.heldOut.item)));
      await attune.close();
    }
    return ranks;
  });
}

const ROW_HEADER = ['method', 'users', 'HR@10', 'NDCG@10', 'wall time'];
const row = (run) => [run.label, run.users, fixed(run.hr, 4), fixed(run.ndcg, 4), `${fixed(run.seconds, 1)} s`];

/** The datasets the replay runs on, each with how it reads and how its runs are described. */
const DATASETS = {
  movielens: {
    title: 'Quality (offline replay, MovieLens small)',
    dir: DATA_DIR,
    load: loadMovieLens,
    describe: (replay) =>
      `MovieLens ml-latest-small from \`${DATA_DIR}\` (${replay.interactions.toLocaleString('en')} ratings; ${replay.users.length} users with ≥ ${MIN_INTERACTIONS}; ${replay.items.toLocaleString('en')} items in training data). ` +
      'Each rating is an interaction; ties in time are broken by movieId. Attune gets them as `track(\'click\', …)` or as `rate(item, round(rating) clamped to 1..5, …)`. ' +
      `Item features: \`genre:<Genre>\` per genre in movies.csv (the literal "(no genres listed)" included), and \`tag:<tag>\` for tags any user gave the movie in tags.csv, trimmed and lowercased, tags over ${MAX_TAG_LENGTH} characters skipped, at most ${MAX_TAGS_PER_MOVIE} per movie (most-given first). ` +
      'Tags are item metadata taken from the whole file, so they include tags written after a user\'s held-out moment. ',
  },
  retail: {
    title: 'Quality (offline replay, online retail)',
    dir: RETAIL_DIR,
    load: loadRetail,
    describe: (replay) =>
      `The UCI online retail purchases from \`${RETAIL_DIR}\` (${replay.interactions.toLocaleString('en')} first purchases; ${replay.users.length} customers with ≥ ${MIN_INTERACTIONS}; ${replay.items.toLocaleString('en')} items in training data). ` +
      'A customer\'s first purchase of each product is an interaction (implicit feedback is binary: repeat purchases are dropped, so the held-out item is the last new product bought); ties in time (lines of one invoice) are broken by stock code. Attune gets them as `track(\'purchase\', …)`. ' +
      'Item features: `word:<word>` for each word of the product description (lowercased, 3 letters or more, a few generic words such as "set" and "pack" dropped) and `price:<band>` for its median unit price (under £1, £1–3, £3–10, £10 or more). ',
  },
};

/** Loads a dataset; `users` limits the evaluation (not the training data) to the first N users by id. */
async function prepare(users, dataset = 'movielens') {
  // Time buckets (daypart, weekday) follow the process's time zone; UTC makes runs comparable across machines.
  process.env.TZ = 'UTC';
  const replay = await DATASETS[dataset].load();
  return replay && { ...replay, evaluated: users === undefined ? replay.users : replay.users.slice(0, users) };
}

const skipped = (dir) => `skipped: ${dir} not found (the replay needs the shared data folder beside the repo)`;

export async function replayReport({ strength, halfLife, users, dataset = 'movielens', onRow = () => {} } = {}) {
  const { title, dir, describe } = DATASETS[dataset];
  const replay = await prepare(users, dataset);
  if (!replay) return { title, skipped: skipped(dir) };
  const runs = [];
  for (const run of [
    () => popularityRun(replay),
    () => knnRun(replay),
    ...replay.as.map((as) => () => attuneRun(replay, { strength, halfLife, as })),
  ]) {
    runs.push(await run());
    onRow(row(runs.at(-1)));
  }
  return {
    title,
    runs,
    table: markdownTable(ROW_HEADER, runs.map(row)),
    method:
      describe(replay) +
      'Per user, interactions are sorted by time; the last is held out and the rest, for all users, is the training data. ' +
      `Each user's held-out item is ranked among ${NEGATIVES} negatives drawn uniformly (mulberry32, seed ${SEED}, users in id order) from training items the user never touched; the candidates are given in popularity order (training count descending, ties by item id), which is the site's order and the SDK's prior. ` +
      `HR@${TOP_K} counts held-out items in the top ${TOP_K}; NDCG@${TOP_K} adds 1/log2(rank+2) for zero-based ranks below ${TOP_K}; both are averaged over users. ` +
      'Attune gets a fresh `createAttune({ storage: \'memory\', autoTrack: false, consent: \'granted\' })` per user, with its clock set to the held-out moment, and the user\'s training interactions through the public API in time order; it then ranks the candidates with `rank()`. ' +
      'Item-kNN is a reference written in `bench/`, not part of the SDK: cosine similarity between items over the binary user × item training matrix, a candidate scored by the sum of its similarities to the user\'s training items (ties keep popularity order). ' +
      'Time buckets (daypart, weekday) are computed in UTC. Wall time is for the whole run, feeding included.',
  };
}

/** Strength × half-life grid with clicks, as a table of HR@10 / NDCG@10. */
export async function sweep({ users, onRow = () => {} } = {}) {
  const title = 'How the defaults were chosen (replay sweep)';
  const replay = await prepare(users);
  if (!replay) return { title, skipped: skipped(DATA_DIR) };
  const header = ['strength', ...SWEEP.halfLife.map((h) => `half-life ${h}: HR@10 / NDCG@10`), 'wall time (s)'];
  const popularity = await popularityRun(replay);
  const rows = [];
  for (const strength of SWEEP.strength) {
    const cells = [];
    let seconds = 0;
    for (const halfLife of SWEEP.halfLife) {
      const run = await attuneRun(replay, { strength, halfLife, as: 'click' });
      cells.push(`${fixed(run.hr, 4)} / ${fixed(run.ndcg, 4)}`);
      seconds += run.seconds;
    }
    rows.push([strength, ...cells, fixed(seconds, 1)]);
    onRow(rows.at(-1));
  }
  return {
    title,
    users: replay.evaluated.length,
    popularity,
    table: markdownTable(header, rows),
    method:
      `The MovieLens replay, with clicks, for each strength × half-life (${replay.evaluated.length} users). ` +
      `The popularity order alone scores ${fixed(popularity.hr, 4)} / ${fixed(popularity.ndcg, 4)}. ` +
      'The default strength, 0.5, is the middle of the range that beats it on both measures; half-life changes little here because most MovieLens users rate in bursts of a few days.',
  };
}

const USAGE = `node bench/replay.mjs [flags]
  --strength=0.7     createAttune's strength (default: the SDK's)
  --half-life=30d    createAttune's halfLife (default: the SDK's)
  --users=N          evaluate the first N users only, for quick runs
  --retail           the online retail data instead of MovieLens
  --sweep            strength {${SWEEP.strength}} × half-life {${SWEEP.halfLife}}, clicks only`;

function flags(argv) {
  const parsed = {};
  for (const arg of argv) {
    const [, name, value] = /^--([\w-]+)(?:=(.*))?$/.exec(arg) ?? [];
    if (name === 'strength' && value) parsed.strength = Number(value);
    else if (name === 'half-life' && value) parsed.halfLife = /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    else if (name === 'users' && /^[1-9]\d*$/.test(value)) parsed.users = Number(value);
    else if (name === 'sweep') parsed.sweep = true;
    else if (name === 'retail') parsed.dataset = 'retail';
    else {
      console.log(USAGE);
      process.exit(name === 'help' ? 0 : 1);
    }
  }
  return parsed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = flags(process.argv.slice(2));
  const print = (cells) => console.log(`| ${cells.join(' | ')} |`);
  if (options.sweep) {
    const result = await sweep({ users: options.users, onRow: print });
    if (result.skipped) console.log(result.skipped);
    else console.log(`\n${result.users} users; popularity alone: HR@10 ${fixed(result.popularity.hr, 4)} / NDCG@10 ${fixed(result.popularity.ndcg, 4)}\n\n${result.table}`);
  } else {
    let rows = 0;
    const printWithHeader = (cells) => (rows++ ? print(cells) : console.log(markdownTable(ROW_HEADER, [cells])));
    const report = await replayReport({ ...options, onRow: printWithHeader });
    if (report.skipped) console.log(report.skipped);
  }
}
