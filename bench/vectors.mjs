// Item vectors carried by the items (npm run bench; alone: node bench/vectors.mjs [--users=N]): on
// both replay datasets, the SDK ranks with the whole model file, and with the model's global part
// while every training interaction and candidate carries its item's vector (data-attune-vector, a
// candidate's `vector`), as a site with a large catalogue would serve it. Then a rebuild: the
// previous build (an older snapshot of the logs, another seed) wrote the vectors the older half of
// each visitor's history kept on their device, and this build is aligned to it (--align-to), or not.
// Also what the model part costs a page view in bytes, against today's whole file.
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { loadModel } from '../dist/attune.mjs';
import { buildModel, DEFAULT_BUILD, globalPart, itemVectorTexts, readVectorFactors, vectorsJson } from '../dist/tools-internal.mjs';
import { attuneMethod, catalogueOf, evaluate, logOf } from './quality.mjs';
import { forEachDataset, prepare } from './replay.mjs';
import { fixed, markdownTable, mulberry32 } from './stats.mjs';

/** The share of the training logs, newest by time, that the previous build had not seen yet. */
const NEWER_SHARE = 0.1;
const PREVIOUS_SEED = DEFAULT_BUILD.seed + 1;
/** Items on a page view, for the bytes per page: a front page, and the replay's 100 candidates. */
const PAGE_SIZES = [20, 100];
/** Markup around each vector on the page: ` data-attune-vector=""`. */
const ATTRIBUTE = ' data-attune-vector=""'.length;

/** This build and the previous one of a dataset, each with its global part and vectors. */
async function builds(replay) {
  const catalogue = catalogueOf(replay);
  const log = logOf(replay);
  // This build mines rules as `attune build-model` does by default: they are in its global part.
  const settings = { ...DEFAULT_BUILD, rules: { untyped: replay.as[0] } };
  const older = [...log].sort((a, b) => a.time - b.time).slice(0, Math.floor(log.length * (1 - NEWER_SHARE)));
  const previous = buildModel({ catalogue, interactions: older }, { ...DEFAULT_BUILD, seed: PREVIOUS_SEED });
  const previousVectors = itemVectorTexts(previous.parts);
  const current = buildModel({ catalogue, interactions: log }, settings);
  const aligned = buildModel({ catalogue, interactions: log }, { ...settings, alignTo: readVectorFactors(vectorsJson(previousVectors)) });
  const split = async (build) => ({ build, model: await loadModel(build.bytes), global: await loadModel(globalPart(build.parts)), vectors: itemVectorTexts(build.parts) });
  return { current: await split(current), aligned: await split(aligned), previousVectors };
}

/**
 * The same decoded model with the Gramian of its 8-bit factors in floats, as files before version 4
 * stored it (version 4 stores its diagonal's roots and 8-bit correlations): what the packing costs.
 */
async function withFloatGramian(bytes) {
  const model = await loadModel(bytes);
  const { dimensions: k, values, scale, gramian } = model.factors;
  const sums = new Float64Array(k * k);
  const row = new Float64Array(k);
  for (let item = 0; item < scale.length; item++) {
    for (let a = 0; a < k; a++) row[a] = values[item * k + a] * scale[item];
    for (let a = 0; a < k; a++) for (let b = a; b < k; b++) sums[a * k + b] += row[a] * row[b];
  }
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) gramian[a * k + b] = gramian[b * k + a] = sums[a * k + b];
  return model;
}

/** Vectors for the replay: every one from `build`, or the older half of each history from the previous build's. */
function vectorsOf(build, previousVectors) {
  const current = (item) => build.vectors.get(String(item));
  return {
    candidate: current,
    history: (item, at, count) => (previousVectors && at < count / 2 ? (previousVectors.get(String(item)) ?? current(item)) : current(item)),
  };
}

/** Bytes a page view of `items` items costs for the model part: their vectors' markup, gzip -9. */
function pageBytes(vectors, items, random) {
  const texts = [...vectors.values()];
  const page = Array.from({ length: items }, () => ` data-attune-vector="${texts[Math.floor(random() * texts.length)]}"`).join('\n');
  return gzipSync(page, { level: 9 }).length;
}

/** One dataset's quality rows and byte figures. */
async function datasetReport(dataset, users) {
  const replay = await prepare(users, dataset);
  if (!replay) return undefined;
  replay.ids = new Map([...replay.popularity.keys()].map((item) => [String(item), item]));
  const { current, aligned, previousVectors } = await builds(replay);
  const runs = {
    floatGramian: await evaluate(attuneMethod(replay, 'the whole model file, float Gramian', { model: await withFloatGramian(current.build.bytes) }), replay),
    file: await evaluate(attuneMethod(replay, 'the whole model file', { model: current.model }), replay),
    vectors: await evaluate(attuneMethod(replay, 'global part, vectors carried', { model: current.global, vectors: vectorsOf(current) }), replay),
    aligned: await evaluate(attuneMethod(replay, 'half previous, aligned', { model: aligned.global, vectors: vectorsOf(aligned, previousVectors) }), replay),
    unaligned: await evaluate(attuneMethod(replay, 'half previous, not aligned', { model: current.global, vectors: vectorsOf(current, previousVectors) }), replay),
  };
  const whole = current.build.bytes;
  const global = globalPart(current.build.parts);
  const texts = [...current.vectors.values()];
  // The same texts without the successors (version 1), for what carrying the next-item part adds.
  const withoutNext = [...itemVectorTexts({ ...current.build.parts, next: undefined }).values()];
  const mean = (list) => list.reduce((sum, text) => sum + text.length, 0) / list.length;
  const random = mulberry32(DEFAULT_BUILD.seed);
  return {
    dataset,
    items: current.build.summary.items,
    runs,
    alignment: aligned.build.summary.alignment,
    rules: current.build.summary.rules?.kept.length ?? 0,
    bytes: {
      file: whole.length,
      fileGzip: gzipSync(whole, { level: 9 }).length,
      global: global.length,
      globalGzip: gzipSync(global, { level: 9 }).length,
      perItem: mean(texts) + ATTRIBUTE,
      successors: mean(texts) - mean(withoutNext),
      pages: PAGE_SIZES.map((items) => pageBytes(current.vectors, items, random)),
    },
  };
}

const pair = (run) => `${fixed(run.hr, 4)} / ${fixed(run.ndcg, 4)}`;
const signed = (value) => `${value >= 0 ? '+' : '−'}${fixed(Math.abs(value), 4)}`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export async function vectorsReport({ users } = {}) {
  const title = 'Item vectors carried by the items';
  const { byDataset, skipped: missing } = await forEachDataset((dataset) => datasetReport(dataset, users));
  if (missing) return { title, skipped: missing };
  const reports = Object.values(byDataset);
  const name = (dataset) => (dataset === 'movielens' ? 'MovieLens' : 'online retail');
  const quality = markdownTable(
    [
      'dataset',
      'whole model file, Gramian in floats (as before version 4)',
      'whole model file, Gramian packed (version 4)',
      'difference (HR / NDCG)',
      'global part, vectors carried',
      'difference (HR / NDCG)',
      'half of each history from the previous build, aligned',
      'the same, not aligned',
    ],
    reports.map(({ dataset, runs: { floatGramian, file, vectors, aligned, unaligned } }) => [
      name(dataset),
      pair(floatGramian),
      pair(file),
      `${signed(file.hr - floatGramian.hr)} / ${signed(file.ndcg - floatGramian.ndcg)}`,
      pair(vectors),
      `${signed(vectors.hr - file.hr)} / ${signed(vectors.ndcg - file.ndcg)}`,
      pair(aligned),
      pair(unaligned),
    ]),
  );
  const bytes = markdownTable(
    ['dataset', 'items', "today's whole file (raw / gzip)", 'global part (raw / gzip)', 'per item on the page (raw)', 'of which successors', ...PAGE_SIZES.map((n) => `a page of ${n} items: global part + vectors, gzip`), ...PAGE_SIZES.map((n) => `against the whole file, ${n} items`)],
    reports.map(({ dataset, items, bytes: b }) => [
      name(dataset),
      items.toLocaleString('en'),
      `${kb(b.file)} / ${kb(b.fileGzip)}`,
      `${kb(b.global)} / ${kb(b.globalGzip)}`,
      `${fixed(b.perItem, 0)} B`,
      `${fixed(b.successors, 0)} B`,
      ...b.pages.map((page) => kb(b.globalGzip + page)),
      ...b.pages.map((page) => `${fixed((100 * (b.globalGzip + page)) / b.fileGzip, 1)} %`),
    ]),
  );
  const alignment = reports.map(({ dataset, alignment: a }) => `${name(dataset)}: on ${a.shared.toLocaleString('en')} items, apart by ${fixed(a.before * 100, 0)} % before and ${fixed(a.after * 100, 0)} % after`).join('; ');
  return {
    title,
    reports,
    table: `${quality}\n\n${bytes}`,
    method:
      `Both replays as in the quality sections (${reports[0].runs.file.users} and ${reports[1].runs.file.users} users), the model untuned (\`buildModel\` with the defaults: ${DEFAULT_BUILD.factors} factors, content in ${DEFAULT_BUILD.contentWidth} buckets, and the rules \`attune build-model\` mines by default, ${reports.map(({ rules }) => rules).join(' and ')} of them, which the global part carries), default re-ranking. ` +
      '"Whole model file": `model` is the file with every item\'s row, as before; "Gramian in floats" the same decoded file with its Gramian replaced by YᵀY of its 8-bit factors in floats, as files before version 4 stored it, while version 4 stores the Gramian\'s diagonal as the roots dᵢ and the correlations Gᵢⱼ/(dᵢdⱼ) above it in 8 bits. "Global part, vectors carried": `model` is the global part alone (`--global-out`: no item table), and every training interaction (`track(…, { vector })`) and every candidate (`rank([{ id, features, vector }])`) carries its item\'s vector text (`--vectors-json`), as a page\'s `data-attune-vector` does; each text carries the item\'s successors from the next-item part by id (version 2 of the text), which the global part cannot hold because they name rows of the item table it leaves out. ' +
      `A rebuild: the previous build is trained on the oldest ${100 - NEWER_SHARE * 100} % of the training interactions by time with seed ${PREVIOUS_SEED}; the older half of each visitor's history carries its vectors (kept on the device when they chose those items; an item the previous build lacks carries this build's), the newer half and the candidates carry this build's. "Aligned": this build turned onto the previous one's space (\`--align-to\`, orthogonal Procrustes; ${alignment}). ` +
      `Bytes: per item, the vector text (factors, popularity, successors and content entries) and its attribute, and of that what the successors add against the same text without them; a page of N items costs the global part (gzip -9; fetched once and cached, or inlined as a \`data:\` URL, which makes no request) plus N vectors drawn at random, gzip -9 as a server sends the page. Today's file is what every visitor downloads once per cache period whatever the page shows.`,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [, users] = /^--users=([1-9]\d*)$/.exec(process.argv[2] ?? '') ?? [];
  const report = await vectorsReport({ users: users && Number(users) });
  console.log(report.skipped ?? `${report.table}\n\n${report.method}`);
}
