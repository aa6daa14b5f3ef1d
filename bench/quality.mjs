// Quality replay (npm run bench:quality): for each dataset, a model is built from every user's
// interactions but their last, and each user's last item is ranked among 99 they never touched by
// the SDK (with and without the model) and by reference baselines written here.
//   node bench/quality.mjs [--retail] [--users=N] [--strength=0.5] [--half-life=14d] [--blend=collaborative:1,popularity:0.3] [--sweep]
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createAttune, loadModel, DEFAULT_BLEND } from '../dist/attune.mjs';
import { accuracy, buildModel, coverage, DEFAULT_BUILD, intraListDiversity, sparseRows, trainImplicitAls } from '../dist/tools-internal.mjs';
import { DATASETS, knnScores, prepare, protocol, skipped, TOP_K } from './replay.mjs';
import { fixed, markdownTable, median, mulberry32, percentile } from './stats.mjs';

/** Seed of each user's exploration draws (plus the user's place in the evaluation), as `attune audit` seeds them. */
const VISITOR_SEED = 42;

/** The catalogue a site would give the builder: features as marked up, and the item's text for its words. */
function catalogueOf(replay) {
  const ids = [...replay.popularity.keys()];
  return ids.map((id) => ({
    id: String(id),
    // The replay's `word:` features are the text's words: the builder takes them from the text instead.
    features: (replay.features.get(id) ?? []).filter((feature) => !feature.startsWith('word:')),
    text: replay.texts.get(id) ?? '',
  }));
}

/** Everyone's training interactions, each a click's weight. */
const logOf = (replay) => replay.users.flatMap((user) => user.train.map(({ item }) => ({ user: String(user.id), item: String(item) })));

/** A user's result: the held-out item's zero-based rank and the first ten ids. */
const result = (rank, top) => ({ rank, top });

/**
 * Scored baselines: ties are counted against the held-out item (every other
 * candidate with an equal score ranks above it); the top ten keep the candidates'
 * order among ties.
 */
function byScore(user, score) {
  const target = String(user.heldOut.item);
  const scored = user.candidates.map((item, i) => ({ id: String(item), score: score(item), i }));
  // A NaN would compare false with everything and slip into first place.
  if (scored.some(({ score: s }) => Number.isNaN(s))) throw new Error(`a baseline scored NaN for user ${user.id}`);
  const mine = scored.find(({ id }) => id === target).score;
  const rank = scored.filter(({ id, score: s }) => id !== target && s >= mine).length;
  const top = [...scored].sort((a, b) => b.score - a.score || a.i - b.i).slice(0, TOP_K).map(({ id }) => id);
  return result(rank, top);
}

/** Popularity: the training count; the candidates are in that order already. */
const popularityMethod = (replay) => ({
  label: 'popularity (ties against the held-out item)',
  run: () => replay.evaluated.map((user) => byScore(user, (item) => replay.popularity.get(item) ?? 0)),
});

const knnMethod = (replay) => ({
  label: 'item-kNN (cosine, binary; reference in bench/)',
  run: () => {
    const score = knnScores(replay);
    return replay.evaluated.map((user) => byScore(user, (item) => score(user, item)));
  },
});

/** Implicit ALS scored directly: the trained user vector against the trained (unquantised) item factors. */
const alsMethod = (replay, build) => ({
  label: `implicit ALS, ${build.factors} factors, scored directly (reference in bench/)`,
  run: () => {
    const items = new Map([...replay.popularity.keys()].map((item, i) => [item, i]));
    const userRow = new Map(replay.users.map((user, u) => [user.id, u]));
    const matrix = sparseRows(
      replay.users.length,
      items.size,
      replay.users.flatMap((user, u) => user.train.map(({ item }) => [u, items.get(item), 1])),
    );
    const { users, items: factors } = trainImplicitAls(matrix, build);
    const k = build.factors;
    return replay.evaluated.map((user) =>
      byScore(user, (item) => {
        const u = userRow.get(user.id);
        const i = items.get(item);
        // A held-out item nobody had in training has no factors: it cannot be recommended.
        if (i === undefined) return -Infinity;
        let dot = 0;
        for (let a = 0; a < k; a++) dot += users[u * k + a] * factors[i * k + a];
        return dot;
      }),
    );
  },
});

/** How the SDK is fed each dataset's interactions, in the table's words. */
const FED = { click: 'ratings as clicks', rate: 'ratings as rate(1..5)', purchase: "purchases as track('purchase')" };

/** The SDK through its public API: a fresh in-memory instance per user, fed the training history in time order. */
const attuneMethod = (replay, label, { as = replay.as[0], model, ...settings } = {}) => ({
  label: `${label}, ${FED[as]}`,
  async run(times) {
    const results = [];
    for (const [index, user] of replay.evaluated.entries()) {
      // Exploration draws from a generator seeded per user, as the audit's, so a run is reproducible.
      const environment = { now: () => user.heldOut.time, random: mulberry32(VISITOR_SEED + index) };
      const options = { storage: 'memory', autoTrack: false, consent: 'granted', environment, ...settings };
      if (model) options.model = model;
      const attune = await createAttune(options);
      for (const { item, rating, time } of user.train) {
        const details = { features: replay.features.get(item) ?? [], at: time };
        if (as === 'rate') attune.rate(String(item), Math.min(5, Math.max(1, Math.round(rating))), details);
        else attune.track(as, { item: String(item), ...details });
      }
      const candidates = user.candidates.map((item) => ({ id: String(item), features: replay.features.get(item) ?? [] }));
      const start = performance.now();
      const ranking = attune.rank(candidates);
      times?.push(performance.now() - start);
      const target = String(user.heldOut.item);
      results.push(result(ranking.findIndex(({ id }) => id === target), ranking.slice(0, TOP_K).map(({ id }) => id)));
      await attune.close();
    }
    return results;
  },
});

/** HR@10, NDCG@10, catalogue coverage and intra-list diversity from each user's result. */
function measure(results, replay) {
  const lists = results.map(({ top }) => top);
  const features = (id) => replay.features.get(replay.ids.get(id)) ?? [];
  return {
    ...accuracy(results.map(({ rank }) => rank), TOP_K),
    coverage: coverage(lists, replay.items),
    diversity: lists.reduce((sum, top) => sum + intraListDiversity(top, features), 0) / lists.length,
  };
}

async function evaluate(method, replay) {
  const times = [];
  const start = performance.now();
  const results = await method.run(times);
  const seconds = (performance.now() - start) / 1000;
  return { label: method.label, users: results.length, ...measure(results, replay), seconds, rankMs: times.length ? median(times) : undefined, rankP95: times.length ? percentile(times, 95) : undefined };
}

export const QUALITY_HEADER = ['method', 'HR@10', 'NDCG@10', 'coverage', 'diversity', 'rank() per visitor (median / p95)', 'wall time'];
const row = (run) => [
  run.label,
  fixed(run.hr, 4),
  fixed(run.ndcg, 4),
  `${fixed(run.coverage * 100, 1)} %`,
  fixed(run.diversity, 3),
  run.rankMs === undefined ? '' : `${fixed(run.rankMs, 3)} / ${fixed(run.rankP95, 3)} ms`,
  `${fixed(run.seconds, 1)} s`,
];

/** Loads a dataset and builds its model from the training data. */
export async function setUp({ dataset = 'movielens', users, build = {} } = {}) {
  const replay = await prepare(users, dataset);
  if (!replay) return undefined;
  replay.ids = new Map([...replay.popularity.keys()].map((item) => [String(item), item]));
  const settings = { ...DEFAULT_BUILD, ...build };
  const { bytes, summary } = buildModel({ catalogue: catalogueOf(replay), interactions: logOf(replay) }, settings);
  return { replay, settings, bytes, summary, model: await loadModel(bytes) };
}

export async function qualityReport({ dataset = 'movielens', users, strength, halfLife, blend, onRow = () => {} } = {}) {
  const { title, dir } = DATASETS[dataset];
  const setup = await setUp({ dataset, users });
  if (!setup) return { title, skipped: skipped(dir) };
  const { replay, settings, bytes, summary, model } = setup;
  const tuned = { ...(strength !== undefined && { strength }), ...(halfLife !== undefined && { halfLife }), ...(blend && { blend }) };
  const runs = [];
  for (const method of [
    popularityMethod(replay),
    knnMethod(replay),
    alsMethod(replay, settings),
    ...replay.as.map((as) => attuneMethod(replay, 'Attune without a model', { ...tuned, as })),
    // The re-ranking defaults trade a little accuracy for coverage (see the audit): the same run without them shows how much.
    attuneMethod(replay, 'Attune with the model, no re-ranking (diversity 0, exploration 0)', { ...tuned, model, diversity: 0, exploration: 0 }),
    attuneMethod(replay, '**Attune with the model**, default re-ranking', { ...tuned, model }),
  ]) {
    runs.push(await evaluate(method, replay));
    onRow(row(runs.at(-1)));
  }
  const gzip = gzipSync(bytes, { level: 9 }).length;
  return {
    title,
    runs,
    model: { ...summary, gzip },
    table: markdownTable(QUALITY_HEADER, runs.map(row)),
    method:
      protocol(replay, dataset) +
      `\n\nThe model is built by \`buildModel\` (what \`attune build-model\` runs) from the training interactions of all ${summary.users.toLocaleString('en')} users, each a click's weight, and the catalogue (features as above, the title or description as text): ` +
      `${summary.items.toLocaleString('en')} items, ${summary.factors} factors (implicit ALS, λ ${settings.regularization}, α ${settings.confidence}, ${settings.iterations} iterations), ${summary.contentEntries.toLocaleString('en')} content entries in ${settings.contentWidth} buckets; ` +
      `**${(summary.bytes / 1024).toFixed(0)} KB, ${(gzip / 1024).toFixed(0)} KB gzip -9, built in ${fixed(summary.seconds, 1)} s**. ` +
      'Attune runs through its public API only: a fresh `createAttune({ storage: \'memory\', autoTrack: false, consent: \'granted\', model, environment: { now, random } })` per user (`random` a mulberry32 seeded 42 plus the user\'s place, for exploration\'s draws) (the model decoded once by `loadModel()` and shared), its clock at the held-out moment, `track()` per training interaction in time order, then one `rank()` of the 100 candidates, timed (that call includes the fold-in solve). ' +
      'Popularity, item-kNN (cosine over the binary user × item matrix, a candidate scored by the sum of its similarities to the user\'s items) and implicit ALS (the trained user vector against the unquantised item factors, the same training as the model\'s) are references written in `bench/`; they count ties against the held-out item, and an item nobody had in training scores lowest. The SDK is scored by the order it returns. ' +
      'Coverage is the share of training items in anyone\'s top 10; diversity is the mean over top-10 pairs of 1 − cosine of their feature sets. Wall time is for the whole run, training or feeding included.',
  };
}

/**
 * The blend, one part at a time: each row changes one weight from the defaults.
 * Freshness is left out: neither dataset has publication times.
 */
const SWEPT_PARTS = Object.keys(DEFAULT_BLEND).filter((part) => part !== 'freshness');
const BLEND_VARIANTS = [
  ['the defaults', {}],
  ...SWEPT_PARTS.flatMap((part) => [
    [`${part} 0`, { [part]: 0 }],
    [`${part} × 2`, { [part]: DEFAULT_BLEND[part] * 2 }],
  ]),
  ['strength 0.3', {}, 0.3],
  ['strength 0.7', {}, 0.7],
];

/** How the blend defaults were chosen: HR@10 / NDCG@10 on both datasets as each weight moves. */
export async function blendSweep({ users, onRow = () => {} } = {}) {
  const title = 'How the blend defaults were chosen (quality sweep)';
  const setups = {};
  for (const dataset of Object.keys(DATASETS)) {
    const setup = await setUp({ dataset, users });
    if (!setup) return { title, skipped: skipped(DATASETS[dataset].dir) };
    setups[dataset] = setup;
  }
  const rows = [];
  /** NDCG@10 per setting and dataset, for the summary below the table. */
  const ndcg = new Map();
  for (const [label, change, strength] of BLEND_VARIANTS) {
    const cells = [];
    for (const [dataset, { replay, model }] of Object.entries(setups)) {
      const run = await evaluate(attuneMethod(replay, label, { model, blend: { ...DEFAULT_BLEND, ...change }, ...(strength && { strength }) }), replay);
      cells.push(`${fixed(run.hr, 4)} / ${fixed(run.ndcg, 4)}`, `${fixed(run.coverage * 100, 1)} %`);
      ndcg.set(`${label} ${dataset}`, run.ndcg);
    }
    rows.push([label, ...cells]);
    onRow(rows.at(-1));
  }
  // What each part adds: NDCG@10 with the defaults minus NDCG@10 with the part at 0, per dataset.
  const adds = SWEPT_PARTS.map((part) => {
    const gains = Object.keys(setups).map((dataset) => ndcg.get(`the defaults ${dataset}`) - ndcg.get(`${part} 0 ${dataset}`));
    return `${part} ${gains.map((gain) => `${gain >= 0 ? '+' : '−'}${fixed(Math.abs(gain), 4)}`).join(' / ')}`;
  });
  return {
    title,
    table: markdownTable(['setting', 'MovieLens HR@10 / NDCG@10', 'coverage', 'online retail HR@10 / NDCG@10', 'coverage'], rows),
    method:
      `Attune with the model on both replays, the defaults (${Object.entries(DEFAULT_BLEND).map(([part, weight]) => `${part} ${weight}`).join(', ')}; strength 0.5) and each weight set to 0 or doubled. ` +
      'The weights are in standard deviations of each part over the candidates. ' +
      `What each part adds to NDCG@10 at the defaults (MovieLens / retail), against the same blend with it at 0: ${adds.join('; ')}. ` +
      'Freshness is not swept: neither dataset has publication times.',
  };
}

const USAGE = `node bench/quality.mjs [flags]
  --retail                 the online retail data instead of MovieLens
  --users=N                evaluate the first N users only
  --strength=0.5           createAttune's strength
  --half-life=14d          createAttune's halfLife
  --blend=collaborative:1,popularity:0.3   createAttune's blend (parts: ${Object.keys(DEFAULT_BLEND).join(', ')})
  --sweep                  the blend sweep on both datasets instead`;

function flags(argv) {
  const parsed = {};
  for (const arg of argv) {
    const [, name, value] = /^--([\w-]+)(?:=(.*))?$/.exec(arg) ?? [];
    if (name === 'retail') parsed.dataset = 'retail';
    else if (name === 'users' && /^[1-9]\d*$/.test(value)) parsed.users = Number(value);
    else if (name === 'strength' && value) parsed.strength = Number(value);
    else if (name === 'half-life' && value) parsed.halfLife = value;
    else if (name === 'sweep') parsed.sweep = true;
    else if (name === 'blend' && value) parsed.blend = Object.fromEntries(value.split(',').map((pair) => pair.split(':')).map(([part, weight]) => [part, Number(weight)]));
    else {
      console.log(USAGE);
      process.exit(name === 'help' ? 0 : 1);
    }
  }
  return parsed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { sweep, ...options } = flags(process.argv.slice(2));
  let rows = 0;
  const header = sweep ? ['setting', 'MovieLens', 'coverage', 'retail', 'coverage'] : QUALITY_HEADER;
  const print = (cells) => console.log(rows++ ? `| ${cells.join(' | ')} |` : markdownTable(header, [cells]));
  const report = sweep ? await blendSweep({ users: options.users, onRow: print }) : await qualityReport({ ...options, onRow: print });
  console.log(report.skipped ?? `\n${report.method}`);
}
