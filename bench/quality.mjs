// Quality replay (npm run bench:quality): for each dataset, a model is built from every user's
// interactions but their last, untuned and tuned on those interactions as `attune build-model`
// tunes, and each user's last item is ranked among 99 they never touched by the SDK (with and
// without a model) and by reference baselines written here (references.mjs).
//   node bench/quality.mjs [--retail] [--users=N] [--strength=0.5] [--half-life=14d] [--blend=collaborative:1,popularity:0.3] [--ease-lambda=300] [--sweep]
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createAttune, loadModel, DEFAULT_BLEND } from '../dist/attune.mjs';
import { accuracy, buildModel, coverage, DEFAULT_BUILD, DEFAULT_TUNE_SECONDS, intraListDiversity, tuneModel, tuningHeading, tuningSummary, tuningTable } from '../dist/tools-internal.mjs';
import { alsMethod, easeMethod, knnMethod, popularityMethod, result } from './references.mjs';
import { DATASETS, forEachDataset, prepare, protocol, skipped, TOP_K } from './replay.mjs';
import { fixed, markdownTable, median, mulberry32, percentile } from './stats.mjs';

/** Seed of each user's exploration draws (plus the user's place in the evaluation), as `attune audit` seeds them. */
const VISITOR_SEED = 42;

/**
 * The catalogue a site would give the builder: features as its pages mark them up (what the SDK
 * ranks by, and what tuning replays with), and the item's text for the words that are not
 * features already (the retail data's description words are).
 */
export function catalogueOf(replay) {
  const ids = [...replay.popularity.keys()];
  return ids.map((id) => ({ id: String(id), features: replay.features.get(id) ?? [], text: replay.textInFeatures ? '' : (replay.texts.get(id) ?? '') }));
}

/** Everyone's training interactions, each a click's weight, with their times for tuning's held-out split. */
export const logOf = (replay) => replay.users.flatMap((user) => user.train.map(({ item, time }) => ({ user: String(user.id), item: String(item), time })));

/**
 * The tuned model: tuned on the training interactions as `attune build-model` tunes (their last
 * interactions held out again, inside the training data), then trained on all of them.
 */
export async function tunedModel(replay, catalogue, log, settings) {
  const report = await tuneModel(catalogue, log, {
    seconds: DEFAULT_TUNE_SECONDS,
    seed: settings.seed,
    interaction: replay.as[0],
    fixed: {},
    iterations: settings.iterations,
    contentWidth: settings.contentWidth,
  });
  if ('skipped' in report) throw new Error(`tuning skipped: ${report.skipped}`);
  const build = { ...settings, ...report.build, tuned: report.tuned, tuning: { seconds: report.planned, fixed: [] } };
  const { bytes, summary } = buildModel({ catalogue, interactions: log }, build);
  return { report, build, bytes, summary, model: await loadModel(bytes), withoutRules: await withoutRules(bytes) };
}

/** The same model without the rules mined from the logs (as `--rules-max 0` builds it): what the rules change. */
async function withoutRules(bytes) {
  const model = await loadModel(bytes);
  delete model.rules;
  return model;
}

/** How the SDK is fed each dataset's interactions, in the table's words. */
const FED = { click: 'ratings as clicks', rate: 'ratings as rate(1..5)', purchase: "purchases as track('purchase')" };

/** The SDK through its public API: a fresh in-memory instance per user, fed the training history in time order. */
/**
 * `keep` filters the items' features and `last` keeps each user's last few training interactions only,
 * for the variants of bench/variants.mjs; `vectors` gives the vector each training interaction
 * (`history(item, index, count)`) and each candidate (`candidate(item)`) carries, for bench/vectors.mjs;
 * the rest are createAttune's options.
 */
export const attuneMethod = (replay, label, { as = replay.as[0], model, keep = () => true, last, vectors, ...settings } = {}) => ({
  label: `${label}, ${FED[as]}`,
  async run(times) {
    const results = [];
    for (const [index, user] of replay.evaluated.entries()) {
      // Exploration draws from a generator seeded per user, as the audit's, so a run is reproducible.
      const environment = { now: () => user.heldOut.time, random: mulberry32(VISITOR_SEED + index) };
      const options = { storage: 'memory', autoTrack: false, consent: 'granted', environment, ...settings };
      if (model) options.model = model;
      const attune = await createAttune(options);
      const features = (item) => (replay.features.get(item) ?? []).filter(keep);
      const history = last ? user.train.slice(-last) : user.train;
      for (const [at, { item, rating, time }] of history.entries()) {
        const vector = vectors?.history(item, at, history.length);
        const details = { features: features(item), at: time, ...(vector && { vector }) };
        if (as === 'rate') attune.rate(String(item), Math.min(5, Math.max(1, Math.round(rating))), details);
        else attune.track(as, { item: String(item), ...details });
      }
      const candidates = user.candidates.map((item) => {
        const vector = vectors?.candidate(item);
        return { id: String(item), features: features(item), ...(vector && { vector }) };
      });
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

export async function evaluate(method, replay) {
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

/** Loads a dataset and builds its model from the training data, and with `tune` its tuned model too. */
export async function setUp({ dataset = 'movielens', users, build = {}, tune = false } = {}) {
  const replay = await prepare(users, dataset);
  if (!replay) return undefined;
  replay.ids = new Map([...replay.popularity.keys()].map((item) => [String(item), item]));
  // Rules mined from the logs as `attune build-model` mines them by default, each logged line the type the SDK is fed.
  const settings = { ...DEFAULT_BUILD, rules: { untyped: replay.as[0] }, ...build };
  const catalogue = catalogueOf(replay);
  const log = logOf(replay);
  const { bytes, summary } = buildModel({ catalogue, interactions: log }, settings);
  const tuned = tune ? await tunedModel(replay, catalogue, log, settings) : undefined;
  return { replay, settings, bytes, summary, model: await loadModel(bytes), withoutRules: await withoutRules(bytes), tuned };
}

/** The methods of a dataset's quality table, in order: the references, then the SDK without a model, with it, and with the tuned one. */
function methodsOf({ replay, settings, model, withoutRules: bare, tuned }, easeLambda, options) {
  const { build } = tuned;
  const tunedTraining = ['factors', 'regularization', 'confidence'].some((name) => build[name] !== settings[name]);
  return [
    popularityMethod(replay),
    knnMethod(replay),
    alsMethod(replay, settings),
    // The same reference with the training the tuning chose, so the tuned model is not compared with a weaker ALS than its own.
    ...(tunedTraining ? [alsMethod(replay, build, 'tuned training')] : []),
    easeMethod(replay, easeLambda),
    ...replay.as.map((as) => attuneMethod(replay, 'Attune without a model', { ...options, as })),
    // The re-ranking defaults trade a little accuracy for coverage (see the audit): the same run without them shows how much.
    attuneMethod(replay, 'Attune with the untuned model, no re-ranking (diversity 0, exploration 0)', { ...options, model, diversity: 0, exploration: 0 }),
    attuneMethod(replay, '**Attune with the untuned model**, default re-ranking', { ...options, model }),
    attuneMethod(replay, 'Attune with the untuned model without its mined rules, default re-ranking', { ...options, model: bare }),
    attuneMethod(replay, 'Attune with the tuned model, no re-ranking (diversity 0, exploration 0)', { ...options, model: tuned.model, diversity: 0, exploration: 0 }),
    attuneMethod(replay, '**Attune with the tuned model**, default re-ranking', { ...options, model: tuned.model }),
    attuneMethod(replay, 'Attune with the tuned model without its mined rules, default re-ranking', { ...options, model: tuned.withoutRules }),
  ];
}

/** How the untuned and the tuned models were built, in words. */
function modelsText({ settings, summary, bytes, tuned }) {
  const kilobytes = (value) => `${(value / 1024).toFixed(0)} KB`;
  const { report, build } = tuned;
  const training = (of) => `${of.factors} factors (implicit ALS, λ ${of.regularization}, α ${of.confidence}, ${of.iterations} iterations)`;
  return (
    `The untuned model is built by \`buildModel\` (what \`attune build-model --no-tune\` runs) from the training interactions of all ${summary.users.toLocaleString('en')} users, each a click's weight, and the catalogue (features as above; MovieLens titles as text, whose words the content part hashes, while the retail descriptions' words are features already): ` +
    `${summary.items.toLocaleString('en')} items, ${training(settings)}, ${summary.contentEntries.toLocaleString('en')} content entries in ${settings.contentWidth} buckets, ` +
    `${summary.rules.kept.length} rules mined from the ${summary.rules.type} lines as \`attune build-model\` mines them by default (${summary.rules.found.toLocaleString('en')} passed its thresholds; see "Rules mined from the logs"), whose rows "without its mined rules" are the same decoded file without them; ` +
    `**${kilobytes(summary.bytes)}, ${kilobytes(gzipSync(bytes, { level: 9 }).length)} gzip -9, built in ${fixed(summary.seconds, 1)} s**. ` +
    `The tuned model is what \`attune build-model\` builds by default from the same training interactions: it tunes on them (below: each user's last three new training items held out again, so the replay's held-out items are never seen), with the default plan of ${DEFAULT_TUNE_SECONDS} s and seed ${settings.seed}, ` +
    `then trains on all of them with ${training(build)} and writes the ranking settings it moved (${Object.keys(report.tuned).length ? JSON.stringify(report.tuned) : 'none'}) into the file; ` +
    `**${kilobytes(tuned.summary.bytes)}, ${kilobytes(gzipSync(tuned.bytes, { level: 9 }).length)} gzip -9, tuned in ${fixed(report.seconds, 0)} s and built in ${fixed(tuned.summary.seconds, 1)} s**. `
  );
}

/** The table \`attune build-model\` printed while tuning, as a subsection. */
function tuningSection({ tuned: { report } }) {
  const { header, rows } = tuningTable(report);
  return `\n\n### How the tuned model was tuned\n\n${tuningHeading(report)}\n\n${markdownTable(header, rows)}\n\n${tuningSummary(report)} The same table, as \`attune build-model\` prints it on a site's own logs.`;
}

export async function qualityReport({ dataset = 'movielens', users, strength, halfLife, blend, easeLambda = DATASETS[dataset].easeLambda, onRow = () => {} } = {}) {
  const { title } = DATASETS[dataset];
  const setup = await setUp({ dataset, users, tune: true });
  if (!setup) return { title, skipped: skipped(dataset) };
  const options = { ...(strength !== undefined && { strength }), ...(halfLife !== undefined && { halfLife }), ...(blend && { blend }) };
  const runs = [];
  for (const method of methodsOf(setup, easeLambda, options)) {
    runs.push(await evaluate(method, setup.replay));
    onRow(row(runs.at(-1)));
  }
  return {
    title,
    runs,
    tuning: setup.tuned.report,
    table: markdownTable(QUALITY_HEADER, runs.map(row)),
    method:
      protocol(setup.replay, dataset) +
      '\n\n' +
      modelsText(setup) +
      'Attune runs through its public API only: a fresh `createAttune({ storage: \'memory\', autoTrack: false, consent: \'granted\', model, environment: { now, random } })` per user (`random` a mulberry32 seeded 42 plus the user\'s place, for exploration\'s draws) (the model decoded once by `loadModel()` and shared), its clock at the held-out moment, `track()` per training interaction in time order, then one `rank()` of the 100 candidates, timed (that call includes the fold-in solve). ' +
      'Popularity, item-kNN (cosine over the binary user × item matrix, a candidate scored by the sum of its similarities to the user\'s items), implicit ALS (the trained user vector against the unquantised item factors, the same training as the model\'s) and EASE (Steck 2019: B = I − P·diagMat(1 ⊘ diag(P)), P = (XᵀX + λI)⁻¹, over the binary training matrix of every item, the inverse taken of the smaller of the items\' and the users\' Gram matrices, by Cholesky in Float64Array; λ the best of a grid on these held-out items, in its favour) are references written in `bench/`; they count ties against the held-out item, and an item nobody had in training scores lowest. The SDK is scored by the order it returns. ' +
      'Coverage is the share of training items in anyone\'s top 10; diversity is the mean over top-10 pairs of 1 − cosine of their feature sets. Wall time is for the whole run, training or feeding included.' +
      tuningSection(setup),
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
  const { byDataset: setups, skipped: missing } = await forEachDataset((dataset) => setUp({ dataset, users }));
  if (missing) return { title, skipped: missing };
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
  --ease-lambda=300        EASE's λ (default: the one chosen for the dataset, bench/replay.mjs)
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
    else if (name === 'ease-lambda' && value) parsed.easeLambda = Number(value);
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
