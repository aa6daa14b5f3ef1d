import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../tools/audit/audit';
import type { ModelUse } from '../../tools/audit/audit-model';
import { standardSettings } from '../../tools/audit/standard-settings';
import { mulberry32 } from '../../tools/model/als';
import { attune, scratchFolder } from './run-attune';

const { folder: scratch, file } = scratchFolder('attune-audit-');

const GENRES = ['Drama', 'Comedy', 'Horror', 'Sci-Fi'];

/** 60 films, a genre each (some two), and 12 viewers who each watch mostly one genre, 10 films each, a day apart. */
const movies = file(
  'movies.csv',
  'movieId,title,genres\n' +
    Array.from({ length: 60 }, (_, i) => `${i + 1},Film ${i + 1},${GENRES[i % 4]}${i % 7 === 0 ? `|${GENRES[(i + 1) % 4]}` : ''}`).join('\n') +
    '\n',
);
const random = mulberry32(11);
const ratingLines: string[] = [];
for (let user = 1; user <= 12; user++) {
  for (let k = 0; k < 10; k++) {
    const genre = (user + (random() < 0.8 ? 0 : 1)) % 4;
    const movie = genre + 4 * Math.floor(random() * 15) + 1;
    ratingLines.push(`${user},${movie},${1 + Math.floor(random() * 5)},${1_600_000_000 + (user * 10 + k) * 86_400}`);
  }
}
const ratings = file('ratings.csv', `userId,movieId,rating,timestamp\n${ratingLines.join('\n')}\n`);
const INPUT = [
  '--catalogue', movies, '--catalogue-columns', 'id=movieId,text=title,features=genres:genre',
  '--logs', ratings, '--log-columns', 'user=userId,item=movieId,timestamp=timestamp',
  '--negatives', '20',
];

describe('attune audit', () => {
  it('prints a table per setting, the exposure by category, and which settings meet the bar for a default', () => {
    const run = attune('audit', ...INPUT, '--category', 'genre');
    expect(run.stderr).not.toContain('attune:');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Audit of \d+ users \(of \d+ with 5 or more items\), \d+ items in training, category genre\.\n/);
    expect(run.stdout).toContain("Each user's last item is ranked among 21 candidates; the first 10 places are measured.");
    const lines = run.stdout.split('\n');
    const header = lines.find((line) => line.startsWith('setting '))!;
    for (const column of ['HR@10', 'NDCG@10', 'NDCG vs none', 'coverage', 'Gini', 'ILD@10', 'calibration KL', 'exposure gap', 'rank() median']) {
      expect(header).toContain(column);
    }
    for (const { name } of standardSettings('genre')) expect(lines.some((line) => line.startsWith(`${name}  `))).toBe(true);
    expect(lines.find((line) => line.startsWith('none  '))).toMatch(/—.*reference$/);
    // The exposure table: a column per genre, largest share of the catalogue first.
    const exposure = lines[lines.findIndex((line) => line.startsWith('Share of the first 10 places by genre')) + 2]!;
    const shares = [...exposure.matchAll(/([\w-]+) \((\d+\.\d) %\)/g)];
    expect(shares.map(([, genre]) => genre).sort()).toEqual([...GENRES].sort());
    expect(shares.map(([, , share]) => Number(share))).toEqual(shares.map(([, , share]) => Number(share)).sort((a, b) => b - a));
    expect(run.stdout).toMatch(/\n✓: loses at most 2 % of none's NDCG@10 and covers more of the catalogue: .+\.\n$/);
    // Not a terminal: one plain line per stage.
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([`reading catalogue ${movies}`, `reading logs ${ratings}`, "holding out each user's last item"]);
    expect(run.stderr).toContain('auditing diversity 0.2 + exploration 0.1\n');
  });

  it('writes the report as JSON, with a model, for the first users only', () => {
    const model = join(scratch, 'films.model');
    const build = attune('build-model', '--catalogue', movies, '--catalogue-columns', 'id=movieId,text=title,features=genres:genre',
      '--logs', ratings, '--log-columns', 'user=userId,item=movieId,timestamp=timestamp', '--factors', '4', '--iterations', '2', '--out', model);
    expect(build.status).toBe(0);
    const run = attune('audit', ...INPUT, '--category', 'genre', '--model', model, '--users', '5', '--json');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as AuditReport & { model: ModelUse };
    expect(report).toMatchObject({ users: 5, category: 'genre', candidates: 21 });
    // Built from all the logs, the file has seen every held-out item: the audit trains its own on the rest, and says so.
    expect(report.model).toEqual({ use: 'rebuilt', why: expect.stringContaining(`since it was trained on all these logs, held-out interactions included`) });
    expect(run.stderr).toContain("rebuilding the model from the audit's training part\n");
    expect(report.settings.map((setting) => setting.name)).toEqual(standardSettings('genre').map((setting) => setting.name));
    expect(report.settings[0]).toMatchObject({ name: 'none', options: { seen: 'keep' }, ndcgChange: 0, withinBudget: false });
    expect(report.settings[1]!.exposure.map(({ category }) => category).sort()).toEqual([...GENRES].sort());
  });

  it('gives the same report for the same seed', () => {
    const report = (seed: string) => {
      const run = attune('audit', ...INPUT, '--category', 'genre', '--seed', seed, '--json');
      return (JSON.parse(run.stdout) as AuditReport).settings.map(({ rankMs, ...rest }) => rest);
    };
    expect(report('3')).toEqual(report('3'));
  });

  it('audits the settings of a file, and draws the chart', () => {
    const settings = file(
      'settings.json',
      JSON.stringify([
        { name: 'as the site orders', options: { seen: 'keep', strength: 0 } },
        { name: 'a little variety', options: { diversity: 0.3 } },
      ]),
    );
    const chart = join(scratch, 'trade-off.svg');
    const run = attune('audit', ...INPUT, '--category', 'genre', '--settings', settings, '--chart', chart);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\nsetting +HR@10 +NDCG@10 +NDCG vs as the site orders /);
    expect(run.stdout).toMatch(/\nas the site orders .*reference\n/);
    expect(run.stdout).toMatch(/\na little variety /);
    const svg = readFileSync(chart, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>Re-ranking trade-offs: movies.csv, by genre</title>');
    expect(svg).toContain('>a little variety</tspan>');
  });

  it('explains every flag, what it reports, and the built-in settings', () => {
    const run = attune('audit', '--help');
    expect(run.status).toBe(0);
    const flags = ['catalogue', 'catalogue-format', 'catalogue-columns', 'logs', 'log-columns', 'model', 'interaction', 'category', 'settings'];
    flags.push('users', 'negatives', 'seed', 'chart', 'json', 'help');
    for (const flag of flags) expect(run.stdout).toMatch(new RegExp(`^ +(-h, )?--${flag} `, 'm'));
    for (const { name } of standardSettings('<category>')) expect(run.stdout.replace(/\s+/g, ' ')).toContain(name);
    expect(run.stdout).toContain('Exit status: 0 when the report is printed');
    const top = attune('--help');
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/^ {2}audit +measure what each re-ranking setting/m);
    expect(top.stdout).toMatch(/^ {2}build-model +build the model file/m);
  });

  it('exits 2 with one line for a mistake in the command line', () => {
    const cases: [string[], string][] = [
      [['audit', ...INPUT], '--category <prefix> is required: the feature prefix whose mix and exposure are measured, such as genre'],
      [['audit', '--catalogue', movies, '--category', 'genre'], "--logs <file> is required: the histories to replay, each user's last item held out"],
      [['audit', ...INPUT, '--category', 'genre:'], '--category is a feature prefix without the colon, such as genre, got "genre:"'],
      [['audit', ...INPUT, '--category', 'genre', '--interaction', 'rate'], '--interaction must be one of click, view, like, purchase, got "rate"'],
      [['audit', ...INPUT, '--category', 'genre', '--users', '0'], '--users must be a whole number 1 or more, got "0"'],
      [['audit', ...INPUT, '--category', 'genre', '--out', 'x'], "Unknown option '--out'"],
    ];
    for (const [args, message] of cases) {
      expect(attune(...args)).toMatchObject({ status: 2, stderr: `attune: ${message} (see attune audit --help)\n`, stdout: '' });
    }
  });

  it('exits 1 naming the file, and the line or setting, of bad input', () => {
    const last = (run: { stderr: string }) => run.stderr.trimEnd().split('\n').at(-1);
    const audit = (...args: string[]) => attune('audit', ...INPUT, '--category', 'genre', ...args);

    const broken = file('broken.json', '[\n  {"name": "a", "options": {}},\n  {"name": "b" "options": {}}\n]\n');
    const notJson = audit('--settings', broken);
    expect(notJson.status).toBe(1);
    expect(last(notJson)).toMatch(new RegExp(`^attune: ${broken}: not JSON: .*line 3 column 16`));

    const typo = file('typo.json', JSON.stringify([{ name: 'none', options: {} }, { name: 'varied', options: { diversty: 0.2 } }]));
    expect(last(audit('--settings', typo))).toMatch(
      new RegExp(`^attune: ${typo}: setting 2 \\("varied"\\): "diversty" is not an option the audit compares \\(seen, diversity, `),
    );
    const tooMuch = file('too-much.json', JSON.stringify([{ name: 'all of it', options: { diversity: 3 } }]));
    expect(last(audit('--settings', tooMuch))).toMatch(new RegExp(`^attune: ${tooMuch}: setting 1 \\("all of it"\\): .*diversity must be a number from 0 to 1`));

    expect(last(attune('audit', ...INPUT, '--category', 'topic'))).toBe(
      `attune: ${movies}: no item has a "topic:…" feature, so there is no topic mix to measure; the items' feature prefixes are genre`,
    );

    const untimed = file('untimed.csv', 'userId,movieId\n1,1\n');
    const noTime = attune('audit', '--catalogue', movies, '--catalogue-columns', 'id=movieId,features=genres:genre', '--logs', untimed,
      '--log-columns', 'user=userId,item=movieId', '--category', 'genre');
    expect(noTime.status).toBe(1);
    expect(last(noTime)).toBe(`attune: ${untimed}: logs line 1: no column "timestamp" in the header (userId, movieId)`);

    const badTime = file('bad-time.csv', 'userId,movieId,timestamp\n1,1,1600000000\n1,2,12/1/2010\n');
    const run = attune('audit', '--catalogue', movies, '--catalogue-columns', 'id=movieId,features=genres:genre', '--logs', badTime,
      '--log-columns', 'user=userId,item=movieId', '--category', 'genre');
    expect(last(run)).toBe(`attune: ${badTime}: logs line 3: timestamp must be epoch seconds, epoch milliseconds or an ISO 8601 date, got "12/1/2010"`);

    expect(last(audit('--negatives', '58'))).toMatch(new RegExp(`^attune: ${ratings}: user \\d+ touched all but \\d+ of the \\d+ items in training, too few to draw 58 negatives from$`));

    const missing = join(scratch, 'missing.model');
    expect(last(audit('--model', missing))).toBe(`attune: ${missing}: no such file or directory`);
    const notModel = file('not.model', 'hello');
    const corrupt = audit('--model', notModel);
    expect(corrupt.status).toBe(1);
    expect(last(corrupt)).toMatch(new RegExp(`^attune: ${notModel}: `));
    expect(corrupt.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('attune audit --simulate', () => {
  it('runs a simulated population per setting, the same for the same seed, and shows what each does to what is shown', () => {
    const settings = file('simulated.json', JSON.stringify([
      { name: 'no controls', options: {} },
      { name: 'diversity 0.5', options: { diversity: 0.5 } },
    ]));
    // Enough visitors that a few visitors' draws do not decide which setting shows more kinds.
    const args = ['audit', '--simulate', '--visitors', '60', '--rounds', '12', '--seed', '3', '--settings', settings];
    const run = attune(...args, '--json');
    expect(run.status, run.stderr).toBe(0);
    const reports = JSON.parse(run.stdout) as { setting: string; rounds: { diversity: number; topics: number }[] }[];
    expect(reports.map(({ setting }) => setting)).toEqual(['no controls', 'diversity 0.5']);
    expect(reports.every(({ rounds }) => rounds.length === 12)).toBe(true);
    // Diversity widens what is shown, over the rounds.
    const meanDiversity = ({ rounds }: (typeof reports)[number]) => rounds.reduce((sum, { diversity }) => sum + diversity, 0) / rounds.length;
    expect(meanDiversity(reports[1]!)).toBeGreaterThan(meanDiversity(reports[0]!));
    expect(attune(...args, '--json').stdout).toBe(run.stdout);
    const text = attune(...args);
    expect(text.stdout).toMatch(/^60 simulated visitors, 12 daily rounds/);
    expect(text.stdout).toMatch(/diversity 0\.5 +\d\.\d{3} → \d\.\d{3}/);
  });

  it('explains itself, and refuses a bad number or settings file, naming it', () => {
    expect(attune('audit', '--simulate', '--help').stdout).toMatch(/^Usage: attune audit --simulate/);
    const bad = attune('audit', '--simulate', '--visitors', 'many');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--visitors must be a whole number/);
    const notSettings = file('not-settings.json', '{"diversity": 0.2}');
    const refused = attune('audit', '--simulate', '--settings', notSettings);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${notSettings}: expected a list of settings`);
    const badValue = file('bad-value.json', JSON.stringify([{ name: 'fine', options: {} }, { name: 'too much', options: { diversity: 3 } }]));
    const named = attune('audit', '--simulate', '--visitors', '2', '--rounds', '1', '--settings', badValue);
    expect(named.status).toBe(1);
    expect(named.stderr).toContain(`${badValue}: setting 2 ("too much"): createAttune(): option diversity`);
    // Checked before anything runs: no progress for the first setting.
    expect(named.stderr).not.toContain('simulating fine');
    const misspelt = file('misspelt.json', JSON.stringify([{ name: 'typo', options: { diversty: 0.3 } }]));
    expect(attune('audit', '--simulate', '--settings', misspelt).stderr).toContain('"diversty" is not an option the simulation compares');
  });
});
