// Rules mined from the logs (npm run bench; alone: node bench/rules.mjs [--users=N]): on both replay
// datasets, what `attune build-model`'s rule mining yields at its default thresholds and at other
// least supports (rules found, kept, their median lift and confidence, what they add to the model's
// global part), and how the replay's figures move with the rules in the model at several boosts,
// against the same model without them, so the default boost is chosen on both datasets at once.
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { loadModel } from '../dist/attune.mjs';
import { buildModel, DEFAULT_BUILD, DEFAULT_RULES, encodeModel, globalPart, mineRules, modelRules } from '../dist/tools-internal.mjs';
import { attuneMethod, catalogueOf, evaluate, logOf } from './quality.mjs';
import { forEachDataset, prepare } from './replay.mjs';
import { fixed, markdownTable, median } from './stats.mjs';

/** Least supports tried beside the default, as shares of users. */
const SUPPORTS = [0.005, 0.01, 0.02, 0.05];
/** Boosts of a rule of confidence 1 tried, in the units of a site rule's boost. */
const BOOSTS = [0.25, 0.5, 1, 2];

const name = (dataset) => (dataset === 'movielens' ? 'MovieLens' : 'online retail');
const signed = (value) => `${value >= 0 ? '+' : '−'}${fixed(Math.abs(value), 4)}`;

/** What mining yields at one least support (the other thresholds the defaults), and what the rules add to the global part. */
function yieldRow(dataset, log, as, parts, minSupport) {
  const started = performance.now();
  const report = mineRules(log, { ...DEFAULT_RULES, minSupport }, as);
  const seconds = (performance.now() - started) / 1000;
  const without = gzipSync(globalPart(parts), { level: 9 }).length;
  const withRules = gzipSync(globalPart({ ...parts, ...(report.rules && { rules: report.rules }) }), { level: 9 }).length;
  return [
    name(dataset),
    `${fixed(minSupport * 100, 1)} %${minSupport === DEFAULT_RULES.minSupport ? ' (default)' : ''}`,
    report.found.toLocaleString('en'),
    report.kept.length.toLocaleString('en'),
    fixed(median(report.kept.map((rule) => rule.lift)), 1),
    fixed(median(report.kept.map((rule) => rule.confidence)), 2),
    new Set(report.kept.map((rule) => rule.from)).size.toLocaleString('en'),
    `${fixed(without / 1024, 1)} → ${fixed(withRules / 1024, 1)} KB`,
    `${fixed(seconds, 1)} s`,
  ];
}

/** One dataset: the yields, and the replay without rules and with them at each boost. */
async function datasetReport(dataset, users) {
  const replay = await prepare(users, dataset);
  if (!replay) return undefined;
  replay.ids = new Map([...replay.popularity.keys()].map((item) => [String(item), item]));
  const catalogue = catalogueOf(replay);
  const log = logOf(replay);
  const as = replay.as[0];
  const base = buildModel({ catalogue, interactions: log }, DEFAULT_BUILD);
  const yields = SUPPORTS.map((minSupport) => yieldRow(dataset, log, as, base.parts, minSupport));
  const without = await evaluate(attuneMethod(replay, 'without rules', { model: await loadModel(base.bytes) }), replay);
  const { type, kept } = mineRules(log, DEFAULT_RULES, as);
  const boosts = [];
  for (const boost of BOOSTS) {
    // The same model and the same rules: only the boost each rule carries changes.
    const bytes = encodeModel({ ...base.parts, rules: modelRules(type, kept, boost) });
    boosts.push({ boost, run: await evaluate(attuneMethod(replay, `rules at boost ${boost}`, { model: await loadModel(bytes) }), replay) });
  }
  return { dataset, yields, without, boosts };
}

/** The figures the quality tables report, at the precision they report them. */
const reported = (run) => [fixed(run.hr, 4), fixed(run.ndcg, 4), fixed(run.coverage * 100, 1), fixed(run.diversity, 3)].map(Number);
/** Whether a run is no worse than the baseline on any figure the quality tables report, as they report it. */
const noWorse = (run, baseline) => reported(run).every((figure, at) => figure >= reported(baseline)[at]);

export async function rulesReport({ users } = {}) {
  const title = 'Rules mined from the logs';
  const { byDataset, skipped: missing } = await forEachDataset((dataset) => datasetReport(dataset, users));
  if (missing) return { title, skipped: missing };
  const reports = Object.values(byDataset);
  const yields = markdownTable(
    ['dataset', 'least support', 'rules found', 'kept', 'median lift', 'median confidence', 'items they start from', 'global part, gzip -9', 'mining time'],
    reports.flatMap((report) => report.yields),
  );
  const figures = (run) => `${fixed(run.hr, 4)} / ${fixed(run.ndcg, 4)} / ${fixed(run.coverage * 100, 1)} % / ${fixed(run.diversity, 3)}`;
  const replays = markdownTable(
    ['dataset', 'rules', 'HR@10 / NDCG@10 / coverage / diversity', 'against no rules (HR / NDCG)', 'no figure worse'],
    reports.flatMap(({ dataset, without, boosts }) => [
      [name(dataset), 'none', figures(without), '', ''],
      ...boosts.map(({ boost, run }) => [
        name(dataset),
        `boost ${boost} × confidence${boost === DEFAULT_RULES.boost ? ' (default)' : ''}`,
        figures(run),
        `${signed(run.hr - without.hr)} / ${signed(run.ndcg - without.ndcg)}`,
        noWorse(run, without) ? 'yes' : 'no',
      ]),
    ]),
  );
  const safe = BOOSTS.filter((boost) => reports.every(({ without, boosts }) => noWorse(boosts.find((entry) => entry.boost === boost).run, without)));
  return {
    title,
    reports: reports.map(({ dataset, without, boosts }) => ({ dataset, without, boosts: boosts.map(({ boost, run }) => ({ boost, run })) })),
    table: `${yields}\n\n${replays}`,
    method:
      `Both replays as in the quality sections (${reports[0].without.users} and ${reports[1].without.users} users); the rules are mined from the training interactions, MovieLens' ratings as clicks and the retail purchases as purchases, by \`mineRules\` (what \`attune build-model\` runs): over each user's set of items, every ordered pair A → B with support (users with both, as a share of all) at least the least support and never under 2 users, confidence (the share of A's users who have B) at least ${DEFAULT_RULES.minConfidence} and lift (confidence over B's share of users) at least ${DEFAULT_RULES.minLift}; the ${DEFAULT_RULES.max} of highest lift are kept. ` +
      'Kept by lift, the rules lean to the rarest pairs the least support allows: a lower one keeps pairs few users share, a higher one only pairs of widely seen items, whose lift is smaller. ' +
      `The replay: the untuned model (\`buildModel\` with the defaults) without rules, and with the rules of the default thresholds, each lifting B by the boost × its confidence where the visitor did A (the site rule part's units: the site's order spans 1), default re-ranking. Boosts that make no figure worse on both datasets (HR@10 and NDCG@10 to 4 decimals, coverage to 0.1 %, diversity to 3, as reported): ${safe.length ? safe.join(', ') : 'none'}; the default, ${DEFAULT_RULES.boost}, is ${safe.includes(DEFAULT_RULES.boost) ? 'among them' : 'not among them'}.`,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [, users] = /^--users=([1-9]\d*)$/.exec(process.argv[2] ?? '') ?? [];
  const report = await rulesReport({ users: users && Number(users) });
  console.log(report.skipped ?? `${report.table}\n\n${report.method}`);
}
