/**
 * The command lines the README shows are those the commands' --help shows,
 * and each runs exactly as written, from a folder holding small files of the
 * names they use (and no `public/` folder, which --out must make).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { attune, CLI, scratchFolder } from './run-attune';
import { simulatedReports } from './simulated-reports';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** A command line as one line: continuations joined, a trailing comment dropped, each run of spaces one space. */
const oneLine = (text: string) => text.replace(/\\\n/g, ' ').replace(/\s+#.*$/, '').replace(/\s+/g, ' ').trim();

/** The `npx attune …` lines of the README's sh blocks, without `npx`. */
function readmeExamples(): string[] {
  const blocks = [...README.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((match) => match[1]!.replace(/\\\n/g, ' '));
  return blocks.flatMap((block) => block.split('\n').filter((line) => line.startsWith('npx attune ')).map((line) => oneLine(line.slice(4))));
}

/** The command lines under "Example:" (or "Example (…):") in a command's help. */
function helpExamples(...command: string[]): string[] {
  const { stdout } = attune(...command, '--help');
  const section = /^Examples?(?: \([^)]*\))?:\n((?: {2}.*\n)+)/m.exec(stdout)?.[1] ?? '';
  return section.replace(/\\\n/g, ' ').split('\n').filter(Boolean).map(oneLine);
}

/** Runs a README example's words, as a shell would split them, in `folder`. */
function run(example: string, folder: string): Promise<{ status: number | null; stderr: string }> {
  const [, ...args] = example.split(' ');
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: folder });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.resume();
    child.on('close', (status) => done({ status, stderr }));
  });
}

const { folder, file } = scratchFolder('attune-readme-');

/** MovieLens' own columns, for the build-model example. */
function movieLens(): void {
  file('movies.csv', 'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n2,Jumanji (1995),Adventure|Fantasy\n47,Seven (1995),Mystery|Thriller\n');
  file('ratings.csv', 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,3.5,964981247\n2,1,5.0,964982224\n2,47,2.0,964983815\n3,47,4.5,964982931\n');
}

/**
 * A site's catalogue and logs in the default columns, for the audit example:
 * 200 items, 24 users with 8 of them each, so every user's last item has 99
 * untouched items to be ranked among; and the site's model built from them.
 */
function siteLogs(): void {
  const topics = ['tennis', 'golf', 'cooking', 'science'];
  const authors = ['jane', 'ann', 'bob'];
  const items = Array.from({ length: 200 }, (_, i) => `a${i + 1},topic:${topics[i % 4]} author:${authors[i % 3]}`);
  file('items.csv', `id,features\n${items.join('\n')}\n`);
  const lines: string[] = [];
  for (let user = 1; user <= 24; user++) {
    for (let k = 0; k < 8; k++) lines.push(`visitor-${user},a${((user * 37 + k * 53) % 200) + 1},${1_700_000_000 + (user * 8 + k) * 3600}`);
  }
  file('interactions.csv', `user,item,timestamp\n${lines.join('\n')}\n`);
  const built = attune('build-model', '--catalogue', join(folder, 'items.csv'), '--logs', join(folder, 'interactions.csv'), '--factors', '4', '--out', join(folder, 'model.bin'));
  if (built.status !== 0) throw new Error(built.stderr);
}

/** A shop's products and its event log, whose `event` column says what each line is, for the rules example. */
function shopEvents(): void {
  file('products.csv', `id,text\n${Array.from({ length: 6 }, (_, i) => `p${i},Product ${i}`).join('\n')}\n`);
  const lines: string[] = [];
  for (let customer = 0; customer < 12; customer++) {
    const bought = customer < 6 ? ['p0', 'p1'] : [`p${2 + (customer % 4)}`];
    for (const [at, sku] of ['p5', ...bought].entries()) lines.push(`c${customer},${sku},${1_700_000_000 + customer * 100 + at},${at ? 'purchase' : 'view'}`);
  }
  file('events.csv', `customer,sku,time,event\n${lines.join('\n')}\n`);
}

beforeAll(() => {
  movieLens();
  shopEvents();
  siteLogs();
  file('reports.jsonl', `${simulatedReports(500, 1, 7).reports.map((report) => JSON.stringify(report)).join('\n')}\n`);
});

describe("the README's command lines", () => {
  const examples = readmeExamples();

  it('are the examples of the commands\' --help, every one of them', () => {
    const help = [...helpExamples('build-model'), ...helpExamples('audit'), ...helpExamples('audit', '--simulate'), ...helpExamples('decode-reports')];
    expect(help.length).toBeGreaterThanOrEqual(4);
    expect([...examples].sort()).toEqual([...help].sort());
  });

  it('run as written, each writing the file it names', async () => {
    // The shell would treat quotes, globs and variables: the examples have none, so splitting on spaces is what it does.
    for (const example of examples) expect(example).toMatch(/^[\w ./=:,-]+$/);
    expect(existsSync(join(folder, 'public'))).toBe(false);
    const runs = await Promise.all(examples.map((example) => run(example, folder)));
    examples.forEach((example, index) => expect({ example, ...runs[index] }).toMatchObject({ example, status: 0 }));
    for (const written of examples.flatMap((example) => /--(?:out|chart) (\S+)/.exec(example)?.[1] ?? [])) {
      expect(existsSync(join(folder, written)), written).toBe(true);
    }
  }, 120_000);
});
