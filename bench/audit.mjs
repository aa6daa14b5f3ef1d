// The re-ranking audit on the replay datasets: every setting of the standard grid, the SDK with the
// model, what each costs in NDCG@10 and changes in what is shown; charts to docs/ (SVG, and PNG by
// Chromium), tables to BENCHMARKS.md.
//   node bench/audit.mjs [--retail] [--users=N]
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { audit, AUDIT_TOP, auditChart, auditTable, exposureTable, NDCG_LOSS_BUDGET, standardSettings, WITHIN_BUDGET } from '../dist/tools-internal.mjs';
import { setUp } from './quality.mjs';
import { protocol, skipped } from './replay.mjs';
import { fixed, markdownTable } from './stats.mjs';
import { renderPng } from './render-png.mjs';
import { CHROMIUM } from './startup.mjs';

/** Per dataset: the feature prefix measured (and calibrated, and capped), the cap, and names for the chart and section. */
const AUDITS = {
  movielens: { category: 'genre', cap: 3, name: 'MovieLens small', file: 'audit-movielens' },
  // Four price bands: a cap of 4 keeps any one band to at most 4 of the first 10 places.
  retail: { category: 'price', cap: 4, name: 'online retail', file: 'audit-retail' },
};

const docs = new URL('../docs/', import.meta.url);
/** Seed of each visitor's generator (plus the visitor's place), for exploration's draws. */
const SEED = 42;

/** What a setting showed, without its timing: two settings that rank alike have the same. */
const outcome = (setting) => JSON.stringify(['hr', 'ndcg', 'coverage', 'gini', 'diversity', 'calibration', 'exposure'].map((key) => setting[key]));

/** The other settings that rank exactly as the SDK's defaults, named for the method text. */
function sameAsDefault(report) {
  const byDefault = report.settings.find((setting) => !Object.keys(setting.options).length);
  return report.settings.filter((setting) => setting !== byDefault && outcome(setting) === outcome(byDefault)).map((setting) => `*${setting.name}*`);
}

export async function auditReport({ dataset = 'movielens', users, onProgress } = {}) {
  const { category, cap, name, file } = AUDITS[dataset];
  const title = `Re-ranking trade-offs (audit, ${name})`;
  const setup = await setUp({ dataset, users });
  if (!setup) return { title, skipped: skipped(dataset) };
  const { replay, bytes, summary, settings: build } = setup;
  const started = performance.now();
  const report = await audit(
    { replay, features: replay.features, category, model: bytes, interaction: replay.as[0], seed: SEED, ...(users !== undefined && { users }), onProgress },
    standardSettings(category, cap),
  );
  const seconds = (performance.now() - started) / 1000;

  const svg = auditChart(report, `Re-ranking trade-offs: ${name}, Attune with the model`);
  await mkdir(docs, { recursive: true });
  await writeFile(new URL(`${file}.svg`, docs), svg);
  const png = existsSync(CHROMIUM) ? await renderPng(svg) : undefined;
  if (png) await writeFile(new URL(`${file}.png`, docs), png);

  const [reference] = report.settings;
  const same = sameAsDefault(report);
  const chosen = report.settings.filter((setting) => setting.withinBudget).map((setting) => `*${setting.name}*`);
  const main = auditTable(report);
  const exposure = exposureTable(report);
  const chart = png ? `![NDCG@10 against coverage and intra-list diversity, ${name}](docs/${file}.png)\n\n([SVG](docs/${file}.svg))` : `[Chart (SVG)](docs/${file}.svg)`;
  return {
    title,
    report,
    table:
      `${chart}\n\n${markdownTable(main.header, main.rows)}\n\n` +
      `Share of the first ${AUDIT_TOP} places by ${category} (in the header, its share of the items in training):\n\n${markdownTable(exposure.header, exposure.rows)}`,
    method:
      protocol(replay, dataset) +
      `\n\nEvery setting runs Attune with the model (built as in the quality replay: ${summary.factors} factors, ${build.iterations} ALS iterations, content in ${build.contentWidth} buckets), through the public API: ` +
      `a fresh in-memory \`createAttune\` per user and setting, with the setting's options, its clock at the held-out moment and \`environment.random\` a mulberry32 generator seeded with ${SEED} plus the user's place, ` +
      `fed the training history with \`track('${replay.as[0]}', …)\`, then one \`rank()\` of the ${report.candidates} candidates (${report.users.toLocaleString('en')} users, ${fixed(seconds, 0)} s for the ${report.settings.length} settings). ` +
      `Settings: *${reference.name}* turns every control off (\`seen: 'keep'\`, \`diversity: 0\`, \`exploration: 0\`, no caps, no calibration), the reference; ` +
      `*default* gives no option, so it is the SDK's defaults as built${same.length ? ` (it ranks exactly as ${same.join(' and ')})` : ''}; ` +
      `every other setting turns on only the controls it names, seen items demoted; calibration is by \`${category}\`, and the cap is \`caps: { ${category}: ${cap} }\`. ` +
      'No candidate was ever seen by its user (the negatives are items the user never touched and the held-out item is new), so `seen` moves nothing in this replay; seen items are covered by the unit tests instead. ' +
      `Measured over each user's first ${AUDIT_TOP} places: HR@${AUDIT_TOP} and NDCG@${AUDIT_TOP}; *NDCG vs ${reference.name}*, the relative change; coverage, the share of the ${report.items.toLocaleString('en')} items in training that anyone was shown; ` +
      'Gini, the Gini index of how often each of those items was shown (never-shown items count 0; 0 is equal exposure, (n − 1)/n one item shown to all); ' +
      'ILD, intra-list diversity, the mean over pairs of 1 − cosine of their feature sets; ' +
      `calibration KL, Steck's KL divergence (nats, smoothing 0.01) from the user's training mix of \`${category}\` values to the mix shown, averaged over users with a \`${category}\` in their history; ` +
      `exposure gap, ½ Σ |shown − catalogue share| over the ${category} values (an item's exposure split among its values): how much exposure would have to move for each value to be shown as often as it is among the items; rank() median, one call with the model's fold-in. ` +
      `${WITHIN_BUDGET} marks the settings that lose at most ${NDCG_LOSS_BUDGET * 100} % of *${reference.name}*'s NDCG@${AUDIT_TOP} (relative) while raising coverage, the bar for a default: ` +
      `${chosen.length ? chosen.join(', ') : 'none of them'}. ` +
      `The chart puts each setting at its NDCG@${AUDIT_TOP} against coverage and against ILD; the dashed line is the ${NDCG_LOSS_BUDGET * 100} % bar, *${reference.name}* the square, the default ringed. ` +
      'Reproduce with `npm run build && node bench/run.mjs --only=audit`, or on any site\'s own files with `attune audit` (see `attune audit --help`).',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const users = args.find((arg) => arg.startsWith('--users='))?.slice('--users='.length);
  const onProgress = (setting, done, total) => done === total && console.error(`${setting}: ${total} users`);
  const report = await auditReport({ dataset: args.includes('--retail') ? 'retail' : 'movielens', users: users && Number(users), onProgress });
  console.log(report.skipped ?? `${report.table}\n\n${report.method}`);
}
