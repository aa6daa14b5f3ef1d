// Speed of track() and rank() in Node, on the built npm module with memory storage.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createAttune, loadModel } from '../dist/attune.mjs';
import { buildModel } from '../dist/tools.mjs';
import { cpuTimeRuns, fixed, mark, markdownTable, median, mulberry32, percentile, timeInTurn, timeRuns } from './stats.mjs';

const VOCABULARY = 300;
const TRAINING_INTERACTIONS = 500;
const FEATURES_PER_CANDIDATE = 10;
const TRACK_CALLS = 20_000;
const TRACK_ROUNDS = 9;
const RANK_RUNS = 200;
const RANK_WARMUP = 100;
/** Every re-ranking step at once, as a page with all of them turned on would rank. */
const RERANKING = { diversity: 0.2, exploration: 0.1, calibration: { by: 'topic', weight: 0.5 }, caps: { topic: 3 } };
const DAY_MS = 86_400_000;
const MODEL_ITEMS = 10_000;
const MODEL_FACTORS = 64;
/** Lists of 10,000 items read for the first time, each made before the timing: few, as each holds 100,000 references. */
const FIRST_READING_RUNS = 20;

/** A vocabulary large enough that the profile reaches its default cap (2000 keys, context buckets included). */
const LARGE_VOCABULARY = 3000;

const random = mulberry32(20240611);
/** Skewed draws, so some features are common (strong interests) and most are rare. */
const feature = (vocabulary = VOCABULARY) => `topic:t${Math.floor(vocabulary * random() ** 2)}`;
const distinctFeatures = (count, vocabulary) => {
  const set = new Set();
  while (set.size < count) set.add(feature(vocabulary));
  return [...set];
};

const fresh = () => createAttune({ storage: 'memory', autoTrack: false });

async function trackCost(vocabulary) {
  const attune = await fresh();
  const calls = Array.from({ length: TRACK_CALLS }, (_, i) => ({ item: `i${i % 1000}`, features: distinctFeatures(3, vocabulary) }));
  const round = () => {
    const start = performance.now();
    for (const details of calls) attune.track('click', details);
    return ((performance.now() - start) * 1000) / TRACK_CALLS;
  };
  round(); // warm-up: JIT and a profile that already holds the vocabulary
  const perCall = Array.from({ length: TRACK_ROUNDS }, round);
  // One more round with each call timed alone, for the slow calls a mean hides.
  const single = calls.map((details) => {
    const start = performance.now();
    attune.track('click', details);
    return (performance.now() - start) * 1000;
  });
  await attune.close();
  return { perCall, p99: percentile(single, 99) };
}

async function trainedInstance() {
  const attune = await fresh();
  const now = Date.now();
  for (let i = 0; i < TRAINING_INTERACTIONS; i++) {
    const count = 2 + Math.floor(random() * 7);
    attune.track('click', { item: `i${i}`, features: distinctFeatures(count), at: now - random() * 30 * DAY_MS });
  }
  return attune;
}

function candidates(count) {
  return Array.from({ length: count }, (_, i) => ({ id: `c${i}`, features: distinctFeatures(FEATURES_PER_CANDIDATE) }));
}

/** The bare sort: the same number of items ordered by precomputed scores, no SDK involved. */
function bareSort(list) {
  const scored = list.map((candidate) => ({ candidate, score: random() }));
  return timeRuns(() => scored.slice().sort((a, b) => b.score - a.score), { runs: RANK_RUNS, warmup: RANK_WARMUP });
}

/** A model of MODEL_ITEMS items with random 64-d factors and content from their features, as a large site's would be. */
async function syntheticModel() {
  const catalogue = Array.from({ length: MODEL_ITEMS }, (_, i) => ({ id: `m${i}`, features: distinctFeatures(FEATURES_PER_CANDIDATE) }));
  const itemFactors = new Map(catalogue.map(({ id }) => [id, Array.from({ length: MODEL_FACTORS }, () => random() - 0.5)]));
  const { bytes } = buildModel({ catalogue, itemFactors }, { factors: MODEL_FACTORS });
  return { catalogue, model: await loadModel(bytes) };
}

/**
 * The floor: a bare loop of dot products, the visitor's 64 numbers against every item's row of the
 * same factors the model holds (its int8 values as 32-bit floats, one contiguous array), timed the
 * same way in the same run (`time`: wall time, or the process's CPU time).
 */
function bareDotProducts(model, time = timeRuns) {
  const { dimensions: k, values } = model.factors;
  const rows = Float32Array.from(values);
  const x = Float64Array.from({ length: k }, () => random() - 0.5);
  const out = new Float64Array(rows.length / k);
  return time(
    () => {
      for (let i = 0; i < out.length; i++) {
        let dot = 0;
        for (let a = 0, at = i * k; a < k; a++, at++) dot += rows[at] * x[a];
        out[i] = dot;
      }
    },
    { runs: RANK_RUNS / 4, warmup: RANK_WARMUP / 4 },
  );
}

/** rank() of the whole catalogue and track() for a visitor with 500 clicks, with the model or (baseline) without. */
async function modelCost(catalogue, model) {
  const attune = await createAttune({ storage: 'memory', autoTrack: false, ...(model && { model }) });
  const now = Date.now();
  for (let i = 0; i < TRAINING_INTERACTIONS; i++) {
    const { id, features } = catalogue[Math.floor(random() * MODEL_ITEMS)];
    attune.track('click', { item: id, features, at: now - random() * 30 * DAY_MS });
  }
  // The same items with their features arrays frozen (as Immer leaves them): a ranking of the list again compares none
  // of them. Timed in turn with the list as given.
  const frozenCatalogue = catalogue.map(({ id, features }) => ({ id, features: Object.freeze([...features]) }));
  const [rank, frozen] = timeInTurn([() => attune.rank(catalogue), () => attune.rank(frozenCatalogue)], { runs: RANK_RUNS / 4, warmup: RANK_WARMUP / 4 });
  const rankCpu = cpuTimeRuns(() => attune.rank(catalogue), { runs: RANK_RUNS / 4, warmup: 0 });
  // A new array of the same items each call, as a framework rendering again gives: found among the lists read last.
  const copied = timeRuns(() => attune.rank(catalogue.slice()), { runs: RANK_RUNS / 4, warmup: RANK_WARMUP / 4 });
  // Items with new features arrays each call, made before the timing: every ranking reads its list for the first time.
  const firstReadings = Array.from({ length: FIRST_READING_RUNS + 2 }, () => catalogue.map(({ id, features }) => ({ id, features: [...features] })));
  const fresh = timeRuns(() => attune.rank(firstReadings.pop()), { runs: FIRST_READING_RUNS, warmup: 2 });
  const clicks = catalogue.slice(0, TRACK_CALLS / 10);
  const start = performance.now();
  for (const { id, features } of clicks) attune.track('click', { item: id, features });
  const track = ((performance.now() - start) * 1000) / clicks.length;
  // The fold-in's O(k²) share of those calls waits for the next ranking, which adds it to its sums: timed apart.
  const after = performance.now();
  attune.rank(catalogue);
  const rankAfterTracks = performance.now() - after;
  await attune.close();
  return { rank, rankCpu, copied, fresh, frozen, track, rankAfterTracks };
}

export async function speedReport() {
  const rows = [];
  for (const vocabulary of [VOCABULARY, LARGE_VOCABULARY]) {
    const { perCall, p99 } = await trackCost(vocabulary);
    rows.push({
      what: `\`track('click')\`, 3 features of ${vocabulary.toLocaleString('en')}`,
      unit: 'µs/call',
      median: median(perCall),
      runs: `${TRACK_ROUNDS} rounds × ${TRACK_CALLS.toLocaleString('en')} calls`,
      budget: 20,
      note:
        (vocabulary === VOCABULARY ? '' : 'the profile sits at its `maxFeatures` cap, so pruning runs every few dozen calls; ') +
        `single calls: p99 ${fixed(p99, 1)} µs`,
    });
  }
  const attune = await trainedInstance();
  for (const count of [1000, 10_000]) {
    const list = candidates(count);
    const rank = timeRuns(() => attune.rank(list), { runs: RANK_RUNS, warmup: RANK_WARMUP });
    // Reasons are worded when first read: this reads every item's, as a page showing them all would.
    const withReasons = timeRuns(() => attune.rank(list).forEach((item) => item.reasons), { runs: RANK_RUNS, warmup: RANK_WARMUP });
    const ranked10 = timeRuns(() => attune.rank(list, { limit: 10 }), { runs: RANK_RUNS, warmup: RANK_WARMUP });
    const reranked = timeRuns(() => attune.rank(list, RERANKING), { runs: RANK_RUNS, warmup: RANK_WARMUP });
    const sort = bareSort(list);
    const n = count.toLocaleString('en');
    rows.push(
      {
        what: `\`rank()\`, ${n} items × 10 features`,
        unit: 'ms',
        median: median(rank),
        p95: percentile(rank, 95),
        runs: `${RANK_RUNS} (+${RANK_WARMUP} warm-up)`,
        budget: count === 1000 ? 1 : undefined,
        note:
          (count === 1000 ? '' : 'no budget of its own: the 10,000-item budget is for 64-d factors (below); ') +
          'reasons are worded when first read, and not read here',
      },
      {
        what: `\`rank()\`, ${n} items, every item's reasons read`,
        unit: 'ms',
        median: median(withReasons),
        p95: percentile(withReasons, 95),
        runs: `${RANK_RUNS} (+${RANK_WARMUP} warm-up)`,
        note: 'as a page that shows every item\'s reason',
      },
      {
        what: `\`rank(…, { limit: 10 })\`, ${n} items`,
        unit: 'ms',
        median: median(ranked10),
        p95: percentile(ranked10, 95),
        runs: `${RANK_RUNS} (+${RANK_WARMUP} warm-up)`,
        note: 'same scoring, the first 10 returned',
      },
      {
        what: `\`rank()\`, ${n} items, every re-ranking step on`,
        unit: 'ms',
        median: median(reranked),
        p95: percentile(reranked, 95),
        runs: `${RANK_RUNS} (+${RANK_WARMUP} warm-up)`,
        note: `\`${JSON.stringify(RERANKING).replaceAll('"', '')}\`: ${fixed(median(reranked) - median(rank), 2)} ms more than with the SDK's default re-ranking, the row above`,
      },
      {
        what: `baseline: bare \`slice().sort()\` of ${n} precomputed scores`,
        unit: 'ms',
        median: median(sort),
        p95: percentile(sort, 95),
        runs: `${RANK_RUNS} (+${RANK_WARMUP} warm-up)`,
        note: `\`rank()\` takes ${fixed(median(rank) / median(sort), 1)}× the bare sort`,
      },
    );
  }
  await attune.close();
  const { catalogue, model } = await syntheticModel();
  const withoutModel = await modelCost(catalogue);
  const withModel = await modelCost(catalogue, model);
  const dots = bareDotProducts(model);
  const dotsCpu = bareDotProducts(model, cpuTimeRuns);
  const m = MODEL_ITEMS.toLocaleString('en');
  rows.push(
    {
      what: `\`rank()\`, ${m} items with a ${MODEL_FACTORS}-factor model`,
      unit: 'ms',
      median: median(withModel.rank),
      p95: percentile(withModel.rank, 95),
      runs: `${RANK_RUNS / 4} (+${RANK_WARMUP / 4} warm-up)`,
      budget: 3,
      note:
        `collaborative, content, feature and popularity scores and the fold-in solve: ${fixed(median(withModel.rank) / median(dots), 1)}× the bare dot products below; the same list without the model: ${fixed(median(withoutModel.rank), 1)} ms; ` +
        `in the process's CPU time (all its threads, the collector's included), which leaves out time spent waiting for a core on a busy machine: ${fixed(median(withModel.rankCpu), 3)} ms against ${fixed(median(dotsCpu), 3)} ms for the bare dot products, ${fixed(median(withModel.rankCpu) / median(dotsCpu), 1)}× (medians of ${RANK_RUNS / 4} each)`,
    },
    {
      what: `\`rank()\`, ${m} items with the model, each item's features array frozen`,
      unit: 'ms',
      median: median(withModel.frozen),
      p95: percentile(withModel.frozen, 95),
      runs: `${RANK_RUNS / 4} (+${RANK_WARMUP / 4} warm-up)`,
      budget: 3,
      note: `the row above with \`Object.freeze()\` on each candidate's features: a list ranked again is then checked by its arrays, not feature by feature (a frozen array cannot have changed): ${fixed(median(withModel.frozen) / median(dots), 1)}× the bare dot products, ${fixed((1 - median(withModel.frozen) / median(withModel.rank)) * 100, 0)} % less than the row above`,
    },
    {
      what: `\`rank()\`, ${m} items with the model, a new array of the same items each call`,
      unit: 'ms',
      median: median(withModel.copied),
      p95: percentile(withModel.copied, 95),
      runs: `${RANK_RUNS / 4} (+${RANK_WARMUP / 4} warm-up)`,
      note: `\`rank(catalogue.slice())\`, as a framework rendering a list again gives: the same candidates with the same features arrays are found among the last lists read, checked as the array ranked again is: ${fixed(median(withModel.copied) / median(dots), 1)}× the bare dot products`,
    },
    {
      what: `\`rank()\`, ${m} items with the model, a list read for the first time`,
      unit: 'ms',
      median: median(withModel.fresh),
      p95: percentile(withModel.fresh, 95),
      runs: `${FIRST_READING_RUNS} (+2 warm-up)`,
      note: `every call a list of new features arrays, made before the timing: ids checked, 100,000 feature names looked up, the model's rows found and gathered: ${fixed(median(withModel.fresh) / median(dots), 1)}× the bare dot products; the rows above rank a list read before, as a site re-ranking its catalogue after each interaction does`,
    },
    {
      what: `baseline: bare dot products, ${m} rows × ${MODEL_FACTORS} factors`,
      unit: 'ms',
      median: median(dots),
      p95: percentile(dots, 95),
      runs: `${RANK_RUNS / 4} (+${RANK_WARMUP / 4} warm-up)`,
      note: `${(MODEL_ITEMS * MODEL_FACTORS).toLocaleString('en')} multiply-adds over the model's own factors in one contiguous Float32Array: the floor of scoring with the model`,
    },
    {
      what: `\`track('click')\` with the model, ${FEATURES_PER_CANDIDATE} features`,
      unit: 'µs/call',
      median: withModel.track,
      runs: `${(TRACK_CALLS / 10).toLocaleString('en')} calls`,
      budget: 20,
      note: `the same calls without the model: ${fixed(withoutModel.track, 1)} µs; each call's O(k²) share of the fold-in (k = ${MODEL_FACTORS}) waits for the next ranking, which took ${fixed(withModel.rankAfterTracks, 1)} ms after these calls (once), against ${fixed(median(withModel.rank), 1)} ms (median) before them`,
    },
  );
  return {
    title: 'Speed (Node)',
    rows,
    table: markdownTable(
      ['what', 'median', 'p95', 'runs', 'budget', 'within budget', 'note'],
      rows.map((r) => [
        r.what,
        `${fixed(r.median, 3)} ${r.unit}`,
        r.p95 === undefined ? '' : `${fixed(r.p95, 3)} ${r.unit}`,
        r.runs,
        r.budget === undefined ? '' : `≤ ${r.budget} ${r.unit}`,
        mark(r.budget === undefined ? undefined : r.median <= r.budget),
        r.note,
      ]),
    ),
    method:
      `\`createAttune({ storage: 'memory', autoTrack: false })\` on the built \`dist/attune.mjs\`, with synthetic, seeded data over a vocabulary of ${VOCABULARY} features drawn with a skew (some common, most rare). ` +
      `**track()**: ${TRACK_CALLS.toLocaleString('en')} calls of \`track('click', { item, features: [3 features] })\` per round, timed as a whole and divided by the count; one untimed round first, then the median of ${TRACK_ROUNDS} rounds; a last round times each call alone for the 99th percentile of single calls. ` +
      `The second row draws from ${LARGE_VOCABULARY.toLocaleString('en')} features, as a site with many tags or authors would, which fills the profile to its default cap. ` +
      `**rank()**: on a profile trained with ${TRAINING_INTERACTIONS} clicks (2 to 8 features each, spread over 30 days), each timed call ranks the whole list; ${RANK_WARMUP} untimed calls, then median and 95th percentile of ${RANK_RUNS}. ` +
      `**With a model**: ${MODEL_ITEMS.toLocaleString('en')} items with random ${MODEL_FACTORS}-factor vectors and content from ${FEATURES_PER_CANDIDATE} features each, built by \`buildModel\`; a visitor with ${TRAINING_INTERACTIONS} clicks on its items ranks the whole catalogue. ` +
      'The baseline sorts an array of the same length by precomputed scores (`slice().sort()`), timed the same way in the same run, to show what ranking costs beyond the sort itself. ' +
      'The 64-factor row and the same list with its features arrays frozen are timed in turn, call by call, so their ratio meets the machine\'s load alike. ' +
      'The 64-factor row also gives the process\'s CPU time per call (`process.cpuUsage()`, 50 more calls) beside the bare loop\'s, a ratio that the other work on a shared machine moves less than the wall time\'s; it counts the garbage collector\'s helper threads too, which is why the bare loop can take more CPU time than wall time.',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await speedReport()).table);
}
