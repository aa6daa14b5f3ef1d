// The replay datasets (MovieLens, the UCI online retail data), split by the protocol every quality
// figure uses (leaveLastOut in tools/audit: each user's last new item is ranked among 99 items they
// never touched). Run alone, it is the strength × half-life sweep of the ranking without a model;
// bench/quality.mjs is the report. Times are epoch milliseconds, as the SDK takes them.
//   node bench/replay.mjs [--users=N]
//
// The data is not in the repository (each dataset has its own licence). The replays read it from the
// folder ATTUNE_DATA names (by default the data folder beside the repository's), which holds:
//   movielens-small/   the MovieLens small dataset (GroupLens, https://grouplens.org/datasets/movielens/:
//                      ml-latest-small.zip, unzipped): ratings.csv, movies.csv, tags.csv
//   online-retail/     the UCI Online Retail dataset (https://archive.ics.uci.edu/dataset/352/online+retail),
//                      its purchase lines with a customer id, a quantity and a unit price above 0, and an
//                      invoice that is not a cancellation (its number does not start with C), as
//                      items.csv (StockCode,Description,MedianUnitPrice,NumPurchaseLines) and
//                      interactions.csv.gz (CustomerID,StockCode,InvoiceNo,Timestamp,Quantity; the invoice
//                      time as written, read as UTC epoch seconds)
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAttune } from '../dist/attune.mjs';
import { accuracy, DEFAULT_LEAVE_LAST_OUT, leaveLastOut, parseCsv } from '../dist/tools-internal.mjs';
import { fixed, markdownTable, mulberry32 } from './stats.mjs';

// The data folder (see the top of this file): ATTUNE_DATA, or the one beside the repository's folder.
const dataRoot = process.env.ATTUNE_DATA ? pathToFileURL(`${process.env.ATTUNE_DATA.replace(/\/$/, '')}/`) : new URL('../../shared/data/', import.meta.url);
const dataUrl = new URL('movielens-small/', dataRoot);
const retailUrl = new URL('online-retail/', dataRoot);
/** Description words that say nothing about what a product is. */
const RETAIL_STOP_WORDS = new Set(['and', 'the', 'for', 'with', 'set', 'of', 'in', 'pack', 'box', 'assorted', 'design', 'colour']);
const { minInteractions: MIN_INTERACTIONS, negatives: NEGATIVES, seed: SEED } = DEFAULT_LEAVE_LAST_OUT;
export const TOP_K = 10;
const MAX_TAGS_PER_MOVIE = 20;
const MAX_TAG_LENGTH = 60;
const SWEEP = { strength: [0.1, 0.3, 0.5, 0.7, 1.0], halfLife: ['14d', '90d', '365d'] };

/** A CSV file's rows, header dropped. */
const readCsv = async (name, base = dataUrl) => parseCsv(await readFile(new URL(name, base), 'utf8')).slice(1);

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
    { item: Number(movieId), rating: Number(rating), time: Number(timestamp) * 1000 },
  ]);
  const titles = new Map(movies.map(([movieId, title]) => [Number(movieId), title]));
  return { ...leaveLastOut(byUser), byUser, features: movieFeatures(movies, tags), texts: titles, as: ['click', 'rate'] };
}

/**
 * Online retail: a customer's first purchase of each product is an interaction; items are stock codes.
 * Features: the words of the product's description (lowercased, 3 letters or more, a few generic ones
 * dropped) and a price band.
 */
export async function loadRetail() {
  if (!existsSync(fileURLToPath(retailUrl))) return undefined;
  const lines = parseCsv(gunzipSync(await readFile(new URL('interactions.csv.gz', retailUrl))).toString('utf8')).slice(1);
  // The protocol keeps a customer's first purchase of each product: the held-out item is the last new product they bought.
  const byUser = byUserOf(lines, ([customer, stockCode, , timestamp]) => [Number(customer), { item: stockCode, time: Number(timestamp) * 1000 }]);
  const features = new Map();
  const texts = new Map();
  for (const [stockCode, description, price] of await readCsv('items.csv', retailUrl)) {
    texts.set(stockCode, description);
    const words = (description.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((word) => !RETAIL_STOP_WORDS.has(word));
    const band = Number(price) < 1 ? 'under-1' : Number(price) < 3 ? '1-3' : Number(price) < 10 ? '3-10' : '10-plus';
    features.set(stockCode, [...new Set(words)].map((word) => `word:${word}`).concat(`price:${band}`));
  }
  // textInFeatures: a description's words are the item's `word:` features already.
  return { ...leaveLastOut(byUser), byUser, features, texts, textInFeatures: true, as: ['purchase'] };
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
  return { label, users: ranks.length, ...accuracy(ranks, TOP_K), seconds: (performance.now() - start) / 1000 };
}

function popularityRun(replay) {
  return timed('popularity order (the site\'s order)', () => replay.evaluated.map((user) => user.candidates.indexOf(user.heldOut.item)));
}

/**
 * Item-kNN over the binary user × item training matrix: a scorer of
 * (user, item) = Σ_{j ∈ user's items} cos(item, j).
 */
export function knnScores(replay) {
  const usersOf = new Map();
  replay.users.forEach((user, u) => {
    for (const { item } of user.train) (usersOf.get(item) ?? usersOf.set(item, []).get(item)).push(u);
  });
  let scoring;
  let overlap;
  return (user, item) => {
    if (scoring !== user) {
      // overlap[v] = Σ over items j that both user and v rated of 1/√n_j; then
      // Σ_j cos(c, j) = Σ_{v rated c} overlap[v] / √n_c.
      scoring = user;
      overlap = new Float64Array(replay.users.length);
      for (const { item: j } of user.train) {
        const raters = usersOf.get(j);
        const weight = 1 / Math.sqrt(raters.length);
        for (const v of raters) overlap[v] += weight;
      }
    }
    const raters = usersOf.get(item) ?? [];
    let sum = 0;
    for (const v of raters) sum += overlap[v];
    return raters.length ? sum / Math.sqrt(raters.length) : 0;
  };
}

/** The SDK, through its public API only: a fresh instance per user, fed the training history in time order. */
function attuneRun(replay, { strength, halfLife, as }) {
  const settings = `strength ${strength ?? 'default'}, half-life ${halfLife ?? 'default'}`;
  const fed = { rate: 'ratings as rate(1..5)', click: 'ratings as clicks', purchase: 'purchases as track(\'purchase\')' }[as];
  return timed(`Attune, ${fed}; ${settings}`, async () => {
    const ranks = [];
    for (const [index, user] of replay.evaluated.entries()) {
      // Exploration draws from a generator seeded per user, so a run is reproducible.
      const environment = { now: () => user.heldOut.time, random: mulberry32(SEED + index) };
      const options = { storage: 'memory', autoTrack: false, consent: 'granted', environment };
      if (strength !== undefined) options.strength = strength;
      if (halfLife !== undefined) options.halfLife = halfLife;
      const attune = await createAttune(options);
      for (const { item, rating, time } of user.train) {
        const details = { features: replay.features.get(item) ?? [], at: time };
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

/** The datasets the replay runs on, each with how it reads and how its runs are described. */
export const DATASETS = {
  movielens: {
    title: 'Quality (offline replay, MovieLens small)',
    name: 'the MovieLens small dataset (movielens-small/)',
    load: loadMovieLens,
    // EASE's λ: the best of 10, 50, 100, 200, 300, 500, 700 and 1000 on this replay (`node bench/quality.mjs --ease-lambda=…`).
    easeLambda: 300,
    describe: (replay) =>
      `The MovieLens small dataset (ml-latest-small, GroupLens; ${replay.interactions.toLocaleString('en')} ratings; ${replay.users.length} users with ≥ ${MIN_INTERACTIONS}; ${replay.items.toLocaleString('en')} items in training data). ` +
      'Each rating is an interaction; ties in time are broken by movieId. Attune gets them as `track(\'click\', …)` or as `rate(item, round(rating) clamped to 1..5, …)`. ' +
      `Item features: \`genre:<Genre>\` per genre in movies.csv (the literal "(no genres listed)" included), and \`tag:<tag>\` for tags any user gave the movie in tags.csv, trimmed and lowercased, tags over ${MAX_TAG_LENGTH} characters skipped, at most ${MAX_TAGS_PER_MOVIE} per movie (most-given first). ` +
      'Tags are item metadata taken from the whole file, so they include tags written after a user\'s held-out moment. ',
  },
  retail: {
    title: 'Quality (offline replay, online retail)',
    name: 'the Online Retail dataset (online-retail/)',
    load: loadRetail,
    // EASE's λ: the best of 100, 250, 500, 1000 and 2000 on this replay.
    easeLambda: 500,
    describe: (replay) =>
      `The UCI Online Retail dataset's purchases (Chen, Sain and Guo 2012; ${replay.interactions.toLocaleString('en')} first purchases; ${replay.users.length.toLocaleString('en')} customers with ≥ ${MIN_INTERACTIONS}; ${replay.items.toLocaleString('en')} items in training data). ` +
      'A customer\'s first purchase of each product is an interaction (implicit feedback is binary: repeat purchases are dropped, so the held-out item is the last new product bought); ties in time (lines of one invoice) are broken by stock code. Attune gets them as `track(\'purchase\', …)`. ' +
      'Item features: `word:<word>` for each word of the product description (lowercased, 3 letters or more, a few generic words such as "set" and "pack" dropped) and `price:<band>` for its median unit price (under £1, £1–3, £3–10, £10 or more). ',
  },
};

/** Loads a dataset; `users` limits the evaluation (not the training data) to the first N users by id. */
export async function prepare(users, dataset = 'movielens') {
  // Time buckets (daypart, weekday) follow the process's time zone; UTC makes runs comparable across machines.
  process.env.TZ = 'UTC';
  const replay = await DATASETS[dataset].load();
  return replay && { ...replay, evaluated: users === undefined ? replay.users : replay.users.slice(0, users) };
}

/** What a report says where its data is missing: which dataset, and where to put it (see the top of this file for how to obtain it). */
export const skipped = (dataset) => `skipped: ${DATASETS[dataset].name} is not in the data folder (see bench/replay.mjs for how to obtain it, and ATTUNE_DATA to point at it)`;

/**
 * `setUp(dataset)` for each dataset in turn: `{ byDataset }`, what each gave, or `{ skipped }`, the
 * message for the first one whose data is missing (for which `setUp` gives nothing).
 */
export async function forEachDataset(setUp) {
  const byDataset = {};
  for (const dataset of Object.keys(DATASETS)) {
    byDataset[dataset] = await setUp(dataset);
    if (!byDataset[dataset]) return { skipped: skipped(dataset) };
  }
  return { byDataset };
}

/** How a dataset was read and the protocol, in words, for BENCHMARKS.md. */
export function protocol(replay, dataset) {
  return (
    DATASETS[dataset].describe(replay) +
    'Per user, interactions are sorted by time; the last is held out and the rest, for all users, is the training data. ' +
    `Each user's held-out item is ranked among ${NEGATIVES} negatives drawn uniformly (mulberry32, seed ${SEED}, users in id order) from training items the user never touched; the candidates are given in popularity order (training count descending, ties by item id), which is the site's order and the SDK's prior. ` +
    `HR@${TOP_K} counts held-out items in the top ${TOP_K}; NDCG@${TOP_K} adds 1/log2(rank+2) for zero-based ranks below ${TOP_K}; both are averaged over users. ` +
    'Time buckets (daypart, weekday) are computed in UTC. '
  );
}

/** Strength × half-life grid with clicks, as a table of HR@10 / NDCG@10. */
export async function sweep({ users, onRow = () => {} } = {}) {
  const title = 'How strength and half-life were chosen (replay without a model)';
  const replay = await prepare(users);
  if (!replay) return { title, skipped: skipped('movielens') };
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [, users] = /^--users=([1-9]\d*)$/.exec(process.argv[2] ?? '') ?? [];
  if (process.argv.length > 2 && !users) {
    console.log('node bench/replay.mjs [--users=N]   the strength × half-life sweep without a model');
    process.exit(1);
  }
  const result = await sweep({ users: users && Number(users), onRow: (cells) => console.log(`| ${cells.join(' | ')} |`) });
  if (result.skipped) console.log(result.skipped);
  else console.log(`\n${result.users} users; popularity alone: HR@10 ${fixed(result.popularity.hr, 4)} / NDCG@10 ${fixed(result.popularity.ndcg, 4)}\n\n${result.table}`);
}
