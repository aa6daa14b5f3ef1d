// Next-item replay (part of npm run bench:quality): each user's interactions in time order, the
// next one predicted from those before it at each of their last few points, not only the last.
// The model is built from every user's interactions before their first evaluated point; the SDK
// (one instance per user, its clock moving with the history) ranks each point's next item among
// 99 items the user never touched, with the model's next-item part and without it, beside
// popularity and item-kNN given the same history.
//   node bench/next-item.mjs [--retail] [--users=N] [--points=5]
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createAttune, loadModel } from '../dist/attune.mjs';
import { accuracy, buildModel, compareIds, DEFAULT_BUILD, DEFAULT_LEAVE_LAST_OUT } from '../dist/tools-internal.mjs';
import { catalogueOf, tunedModel } from './quality.mjs';
import { trainingText } from './references.mjs';
import { DATASETS, prepare, skipped, TOP_K } from './replay.mjs';
import { fixed, markdownTable, mulberry32 } from './stats.mjs';

/** Points per user: their last few new items, each predicted from everything before it. */
export const POINTS = 5;
/** Items a user has before their first point, at least: something to predict from. */
const MIN_BEFORE = 2;
const { minInteractions: MIN_INTERACTIONS, negatives: NEGATIVES, seed: SEED } = DEFAULT_LEAVE_LAST_OUT;
const VISITOR_SEED = 42;

/**
 * The protocol's split: per user, the first interaction with each item in time order (ties by item
 * id); the last `points` of them (leaving `MIN_BEFORE` before) are the points, the rest is training.
 * Each point gets `NEGATIVES` items drawn from the training items the user never touched, and its
 * candidates are in training-popularity order, the site's order.
 */
export function nextItemSplit(byUser, points = POINTS) {
  const users = [];
  for (const [id, history] of [...byUser].sort((a, b) => compareIds(a[0], b[0]))) {
    const seen = new Set();
    const firsts = [...history].sort((a, b) => a.time - b.time || compareIds(a.item, b.item)).filter(({ item }) => !seen.has(item) && seen.add(item));
    if (firsts.length < MIN_INTERACTIONS) continue;
    const first = Math.max(MIN_BEFORE, firsts.length - points);
    users.push({ id, history: firsts, first, all: seen });
  }
  const popularity = new Map();
  for (const user of users) for (const { item } of user.history.slice(0, user.first)) popularity.set(item, (popularity.get(item) ?? 0) + 1);
  const trainingItems = [...popularity.keys()].sort(compareIds);
  const byPopularity = (a, b) => (popularity.get(b) ?? 0) - (popularity.get(a) ?? 0) || compareIds(a, b);
  const random = mulberry32(SEED);
  for (const user of users) {
    user.points = user.history.slice(user.first).map((target, p) => {
      const drawn = new Set();
      while (drawn.size < NEGATIVES) {
        const item = trainingItems[Math.floor(random() * trainingItems.length)];
        if (!user.all.has(item)) drawn.add(item);
      }
      return { at: user.first + p, target, candidates: [target.item, ...drawn].sort(byPopularity) };
    });
  }
  return { users, popularity, items: trainingItems.length, points: users.reduce((sum, user) => sum + user.points.length, 0) };
}

/** Ties count against the target: every other candidate scored as high ranks above it. */
function rankByScore(point, score) {
  const mine = score(point.target.item);
  return point.candidates.filter((item) => item !== point.target.item && score(item) >= mine).length;
}

/** Item-kNN given the history before each point: Σ over the history of cosine similarity, binary training matrix. */
function knnRanks(split) {
  const usersOf = new Map();
  split.users.forEach((user, u) => {
    for (const { item } of user.history.slice(0, user.first)) (usersOf.get(item) ?? usersOf.set(item, []).get(item)).push(u);
  });
  const ranks = [];
  for (const user of split.users) {
    const overlap = new Float64Array(split.users.length);
    let fed = 0;
    for (const point of user.points) {
      // What the user touched up to the point: training and the earlier points alike.
      for (; fed < point.at; fed++) {
        const raters = usersOf.get(user.history[fed].item) ?? [];
        for (const v of raters) overlap[v] += 1 / Math.sqrt(raters.length);
      }
      ranks.push(
        rankByScore(point, (item) => {
          const raters = usersOf.get(item) ?? [];
          let sum = 0;
          for (const v of raters) sum += overlap[v];
          return raters.length ? sum / Math.sqrt(raters.length) : 0;
        }),
      );
    }
  }
  return ranks;
}

/** The SDK through its public API: one instance per user, fed in time order, asked at each point before it is fed the point's item. */
export async function attuneRanks(split, replay, options) {
  const ranks = [];
  const features = (item) => replay.features.get(item) ?? [];
  for (const [index, user] of split.users.entries()) {
    let now = 0;
    const attune = await createAttune({ storage: 'memory', autoTrack: false, consent: 'granted', environment: { now: () => now, random: mulberry32(VISITOR_SEED + index) }, ...options });
    let fed = 0;
    for (const point of user.points) {
      now = point.target.time;
      for (; fed < point.at; fed++) {
        const { item, time } = user.history[fed];
        attune.track(replay.as[0], { item: String(item), features: features(item), at: time });
      }
      const ranking = attune.rank(point.candidates.map((item) => ({ id: String(item), features: features(item) })));
      ranks.push(ranking.findIndex(({ id }) => id === String(point.target.item)));
    }
    await attune.close();
  }
  return ranks;
}

/** Everyone's training interactions (before their first point), with times: what the model learns from. */
export const logOf = (split) => split.users.flatMap((user) => user.history.slice(0, user.first).map(({ item, time }) => ({ user: String(user.id), item: String(item), time })));

/** The next-item report of one dataset: HR@10 and NDCG@10 over every point of every user. */
export async function nextItemReport({ dataset = 'movielens', users, points = POINTS, tune = true, onRow = () => {} } = {}) {
  const title = `Next-item quality (offline replay, ${dataset === 'retail' ? 'online retail' : 'MovieLens small'})`;
  const replay = await prepare(undefined, dataset);
  if (!replay) return { title, skipped: skipped(dataset) };
  const split = nextItemSplit(replay.byUser, points);
  // The catalogue of the items in training, as bench/quality.mjs gives it to the builder; every user's training is logged.
  const catalogue = catalogueOf({ ...replay, popularity: split.popularity });
  const log = logOf(split);
  // `users` limits the evaluation (not the training data) to the first N users by id.
  const trained = split.users.length;
  if (users) split.users = split.users.slice(0, users);
  const plain = buildModel({ catalogue, interactions: log }, DEFAULT_BUILD);
  const without = buildModel({ catalogue, interactions: log }, { ...DEFAULT_BUILD, successors: 0 });
  const tuned = tune ? await tunedModel(replay, catalogue, log, DEFAULT_BUILD) : undefined;
  const model = await loadModel(plain.bytes);
  const runs = [];
  const run = async (label, ranks) => {
    const ranked = await ranks;
    runs.push({ label, ...accuracy(ranked, TOP_K), points: ranked.length });
    onRow(runs.at(-1));
  };
  await run('popularity order (the site\'s order)', split.users.flatMap((user) => user.points.map((point) => point.candidates.indexOf(point.target.item))));
  await run('item-kNN (cosine, binary; reference in bench/)', knnRanks(split));
  await run('Attune with the model, without the next part (blend next 0)', attuneRanks(split, replay, { model, blend: { next: 0 } }));
  await run('**Attune with the model, with the next part** (default blend)', attuneRanks(split, replay, { model }));
  if (tuned) {
    await run('Attune with the tuned model, without the next part (blend next 0)', attuneRanks(split, replay, { model: tuned.model, blend: { next: 0 } }));
    await run(`**Attune with the tuned model, with the next part** (next ${tuned.report.tuned.blend?.next ?? 'at its default'})`, attuneRanks(split, replay, { model: tuned.model }));
  }
  const header = ['method', `HR@${TOP_K}`, `NDCG@${TOP_K}`];
  const kilobytes = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
  const added = plain.summary.bytes - without.summary.bytes;
  const addedGzip = gzipSync(plain.bytes, { level: 9 }).length - gzipSync(without.bytes, { level: 9 }).length;
  return {
    title,
    runs,
    table: markdownTable(header, runs.map(({ label, hr, ndcg }) => [label, fixed(hr, 4), fixed(ndcg, 4)])),
    method:
      `${DATASETS[dataset].name}: ${trained.toLocaleString('en')} users with ≥ ${MIN_INTERACTIONS} distinct items, ` +
      `${users ? `the first ${split.users.length.toLocaleString('en')} by id evaluated` : 'all evaluated'}, ${split.users.reduce((sum, user) => sum + user.points.length, 0).toLocaleString('en')} points. ` +
      `Per user, the first interaction with each item in time order (ties by item id); the last ${points} (leaving at least ${MIN_BEFORE} before) are the points, each predicted from every interaction before it. ` +
      'The model is built from every user\'s interactions before their first point (so no point is in it), by `buildModel` with the defaults' +
      (tuned ? ', and for the tuned rows as `attune build-model` builds it by default (tuned on those logs, each user\'s last three new training items held out, then trained on all of them). ' : '. ') +
      `Each point's item is ranked among ${NEGATIVES} items drawn uniformly (mulberry32, seed ${SEED}) from the training items the user never touched, given in training-popularity order (the site's order). ` +
      'The SDK runs through its public API: one in-memory instance per user, fed the history in time order with `track()`, its clock at each point\'s moment, asked once per point before it is fed the point\'s item. ' +
      'Item-kNN scores a candidate by the sum of its cosine similarities to every item before the point, on the training matrix. ' +
      `HR@${TOP_K} and NDCG@${TOP_K} are averaged over points. ` +
      `The next-item part (${plain.summary.nextEntries.toLocaleString('en')} successors, at most ${DEFAULT_BUILD.successors} per item) adds ${kilobytes(added)} to the model file (${kilobytes(addedGzip)} gzip -9): ${kilobytes(without.summary.bytes)} without it, ${kilobytes(plain.summary.bytes)} with it.` +
      (tuned ? ` Tuning chose the training ${trainingText(tuned.report.build)} and moved ${Object.keys(tuned.report.tuned).length ? JSON.stringify(tuned.report.tuned) : 'no ranking setting'}.` : ''),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = { dataset: 'movielens', tune: false };
  for (const arg of process.argv.slice(2)) {
    const [, name, value] = /^--([\w-]+)(?:=(.*))?$/.exec(arg) ?? [];
    if (name === 'retail') options.dataset = 'retail';
    else if (name === 'users' && /^[1-9]\d*$/.test(value)) options.users = Number(value);
    else if (name === 'points' && /^[1-9]\d*$/.test(value)) options.points = Number(value);
    else if (name === 'tune') options.tune = true;
    else {
      console.log('node bench/next-item.mjs [--retail] [--users=N] [--points=5] [--tune]');
      process.exit(name === 'help' ? 0 : 1);
    }
  }
  const report = await nextItemReport({ ...options, onRow: ({ label, hr, ndcg }) => console.log(`${label}: ${fixed(hr, 4)} / ${fixed(ndcg, 4)}`) });
  console.log(report.skipped ?? `\n${report.table}\n\n${report.method}`);
}
