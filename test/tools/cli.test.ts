import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/model/format';
import { attune, scratchFolder } from './run-attune';

const SPARK_FIXTURE = new URL('../fixtures/spark-item-factors/', import.meta.url).pathname;

const { folder: scratch, file } = scratchFolder('attune-cli-');

const movies = file(
  'movies.csv',
  'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children\n2,Jumanji (1995),Adventure|Children|Fantasy\n' +
    '11,"American President, The (1995)",Comedy|Drama|Romance\n47,Seven (a.k.a. Se7en) (1995),Mystery|Thriller\n',
);
const ratings = file(
  'ratings.csv',
  'userId,movieId,rating,timestamp\n' +
    'visitor-7f3a9c,1,4.0,964982703\nvisitor-7f3a9c,2,3.5,964981247\nvisitor-51e0d2,1,5.0,964982224\n' +
    'visitor-51e0d2,47,2.0,964983815\nvisitor-c4b8e1,11,4.5,964982931\nvisitor-c4b8e1,2,1.0,964982400\n',
);
const MOVIE_COLUMNS = ['--catalogue-columns', 'id=movieId,text=title,features=genres:genre'];
const RATING_COLUMNS = ['--log-columns', 'user=userId,item=movieId,timestamp=timestamp,weight=rating'];
const SPARK_TRAINING = ['--regularization', '0.1', '--confidence', '1'];

/** `attune build-model` on the movies and the given logs, with more flags. */
function buildFromLogs(logs: string, out: string, ...flags: string[]) {
  return attune('build-model', '--catalogue', movies, ...MOVIE_COLUMNS, '--logs', logs, ...RATING_COLUMNS, ...flags, '--out', out);
}

describe('attune build-model', () => {
  it('writes a model from a catalogue and logs, and summarises it', () => {
    const out = join(scratch, 'movies.model');
    const run = buildFromLogs(ratings, out, '--factors', '2', '--iterations', '3');
    expect(run.stderr).not.toContain('attune:');
    expect(run.status).toBe(0);
    const bytes = readFileSync(out);
    const model = decodeModel(bytes);
    expect(model.items).toEqual(['1', '2', '11', '47']);
    expect(model.factors).toMatchObject({ dimensions: 2, regularization: 10, confidence: 2 });
    expect(model.content!.dimensions).toBe(4096);
    expect(bytes.includes('visitor-')).toBe(false);

    expect(run.stdout).toContain(`Wrote ${out}\n`);
    expect(run.stdout).toMatch(/items +4\n/);
    expect(run.stdout).toMatch(/items with factors +4\n/);
    expect(run.stdout).toMatch(/users +3 \(grouped for training, never written\)\n/);
    expect(run.stdout).toMatch(/interactions +6\n/);
    expect(run.stdout).toMatch(/factors per item +2\n/);
    const size = bytes.length.toLocaleString('en-US');
    expect(run.stdout).toMatch(new RegExp(`size +${size} bytes \\(\\d+\\.\\d KB\\); gzip -9: [\\d,]+ bytes \\(\\d+\\.\\d KB\\)\\n`));
    expect(run.stdout).toMatch(/time +\d+\.\d s\n/);
    // Not a terminal: one plain line per stage, no bar redrawn with \r.
    expect(run.stderr.split('\n')).toEqual([
      `reading catalogue ${movies}`,
      `reading logs ${ratings}`,
      'training item factors (3 ALS iterations)',
      'hashing content',
      `writing ${out}`,
      '',
    ]);
  });

  it('writes a model from Spark item factors and a JSON lines catalogue', () => {
    const ids = [1, 6, 47, 50, 110, 296, 999];
    const catalogue = file('items.jsonl', ids.map((id) => JSON.stringify({ id })).join('\n'));
    const out = join(scratch, 'spark.model');
    const run = attune('build-model', '--catalogue', catalogue, '--spark-item-factors', SPARK_FIXTURE, ...SPARK_TRAINING, '--out', out);
    expect(run.status).toBe(0);
    const model = decodeModel(readFileSync(out));
    expect(model.factors).toMatchObject({ dimensions: 4, regularization: 0.1, confidence: 1 });
    expect(run.stdout).toMatch(/items with factors +6\n/);
  });

  it('unzips logs whose name ends in .gz', () => {
    const zipped = join(scratch, 'ratings.csv.gz');
    writeFileSync(zipped, gzipSync(readFileSync(ratings)));
    const run = buildFromLogs(zipped, join(scratch, 'zipped.model'), '--factors', '2');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/interactions +6\n/);
  });

  it('explains every flag, and what the model holds and never holds', () => {
    const run = attune('build-model', '--help');
    expect(run.status).toBe(0);
    const flags = ['catalogue', 'catalogue-format', 'catalogue-columns', 'logs', 'log-columns', 'spark-item-factors'];
    flags.push('factors', 'iterations', 'seed', 'regularization', 'confidence', 'tune-time', 'no-tune', 'interaction', 'content-width', 'out', 'help');
    for (const flag of flags) expect(run.stdout).toMatch(new RegExp(`^ +(-h, )?--${flag} `, 'm'));
    expect(run.stdout).toContain('What it never holds: user ids');
    const top = attune('--help');
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('build-model');
  });

  it('exits 2 with one line for a mistake in the command line', () => {
    const build = ['build-model', '--catalogue', movies, '--out', join(scratch, 'x.model')];
    const cases: [string[], string][] = [
      [['build-model', '--out', 'x.model'], '--catalogue <file> is required: the items the model ranks'],
      [[...build, '--colour'], "Unknown option '--colour'"],
      [[...build, '--logs', ratings, '--factors', 'many'], '--factors must be a whole number from 1 to 256, got "many"'],
      [
        [...build, '--spark-item-factors', SPARK_FIXTURE, '--confidence', '1'],
        "with --spark-item-factors, give the --regularization they were trained with: visitors' browsers fold in with it",
      ],
      [[...build, '--catalogue-columns', 'title=name'], '--catalogue-columns: "title" is not one of id, text, features'],
    ];
    for (const [args, message] of cases) {
      expect(attune(...args)).toMatchObject({ status: 2, stderr: `attune: ${message} (see attune build-model --help)\n`, stdout: '' });
    }
    expect(attune('train')).toMatchObject({ status: 2, stderr: 'attune: unknown command "train" (see attune --help)\n' });
  });

  it('exits 1 naming the file and line of bad input, without a stack, and writes nothing', () => {
    const logs = file('bad-ratings.csv', 'userId,movieId,rating,timestamp\nvisitor-1,1,4.0,964982703\nvisitor-1,2,lots,964982704\n');
    const out = join(scratch, 'bad.model');
    const run = buildFromLogs(logs, out);
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(`attune: ${logs}: logs line 3: weight must be a positive number, got "lots"`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);

    const unrelated = file('unrelated.jsonl', '{"id": "sku-1"}\n{"id": "sku-2"}\n');
    const spark = attune('build-model', '--catalogue', unrelated, '--spark-item-factors', SPARK_FIXTURE, ...SPARK_TRAINING, '--out', out);
    expect(spark.status).toBe(1);
    expect(spark.stderr).toContain(`attune: ${SPARK_FIXTURE}: none of its 6 item ids is in the catalogue\n`);

    const missing = join(scratch, 'missing.csv');
    expect(attune('build-model', '--catalogue', missing, '--out', out).stderr).toContain(`attune: ${missing}: no such file or directory\n`);
  });
});

describe('attune --help', () => {
  it('lists each command with its summary, in one column two spaces past the longest name, in 80 characters a line', () => {
    const top = attune('--help');
    expect(top.status).toBe(0);
    const [title, ...lines] = top.stdout.split('\n\n')[1]!.split('\n');
    expect(title).toBe('Commands:');
    const names = lines.flatMap((line) => /^ {2}(\S+)/.exec(line)?.[1] ?? []);
    expect(names).toEqual(expect.arrayContaining(['build-model', 'audit']));
    const column = 2 + Math.max(...names.map((name) => name.length)) + 2;
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(80);
      expect(line.slice(0, column)).toMatch(/^ {2}\S* +$/);
      expect(line[column]).toMatch(/\S/);
    }
  });
});
