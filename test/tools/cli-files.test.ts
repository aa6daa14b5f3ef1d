/**
 * What `attune` does with the files it is given: it says which version it is,
 * checks where it will write before any work, names a binary or non-UTF-8
 * input in one line, and reads CSV separated by commas, semicolons or tabs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/model/format';
import { attune, scratchFolder } from './run-attune';

const { folder: scratch, file } = scratchFolder('attune-cli-files-');

const MOVIES = 'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n2,Jumanji (1995),Adventure|Fantasy\n';
const RATINGS = 'userId,movieId,rating\nvisitor-1,1,4.0\nvisitor-1,2,3.5\nvisitor-2,1,5.0\n';
const COLUMNS = ['--catalogue-columns', 'id=movieId,text=title,features=genres:genre', '--log-columns', 'user=userId,item=movieId,weight=rating'];

/** The same CSV with another delimiter; no field here holds a comma. */
const separatedBy = (csv: string, delimiter: string) => csv.replaceAll(',', delimiter);

describe('attune --version', () => {
  it("prints the package's version", () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(attune('--version')).toMatchObject({ status: 0, stdout: `attune ${version}\n`, stderr: '' });
  });
});

describe('where attune writes', () => {
  const movies = file('movies.csv', MOVIES);

  it('makes the folder of --out', () => {
    const out = join(scratch, 'public', 'models', 'model.bin');
    const run = attune('build-model', '--catalogue', movies, ...COLUMNS.slice(0, 2), '--out', out);
    expect(run.status).toBe(0);
    expect(decodeModel(readFileSync(out)).items).toEqual(['1', '2']);
  });

  it('refuses an --out it cannot write before reading anything, with exit status 1', () => {
    const cases: [string, string][] = [
      [scratch, `--out ${scratch} is a folder; give the file's name`],
      [join(movies, 'model.bin'), `--out ${join(movies, 'model.bin')}: a part of the path is a file, not a folder`],
      [movies, `--out ${movies} is also an input: writing there would destroy it`],
    ];
    for (const [out, message] of cases) {
      expect(attune('build-model', '--catalogue', movies, '--out', out)).toMatchObject({ status: 1, stderr: `attune: ${message}\n` });
    }
  });

  it('refuses an audit --chart it cannot write before replaying anything', () => {
    const run = attune('audit', '--catalogue', movies, '--logs', movies, '--category', 'genre', '--chart', scratch);
    expect(run).toMatchObject({ status: 1, stderr: `attune: --chart ${scratch} is a folder; give the file's name\n` });
  });
});

describe('what attune reads', () => {
  it('names a binary file, UTF-16 and text that is not UTF-8 in one line, without their bytes', () => {
    const model = join(scratch, 'model-as-catalogue.bin');
    writeFileSync(model, Buffer.concat([Buffer.from('ATNM\x01\x00\x00\x00'), Buffer.alloc(1300, 7)]));
    const latin1 = join(scratch, 'latin1.csv');
    writeFileSync(latin1, Buffer.concat([Buffer.from('id,text\n1,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const utf16 = join(scratch, 'utf16.csv');
    writeFileSync(utf16, Buffer.from('\ufeffid,text\n', 'utf16le'));
    const cases: [string, string][] = [
      [model, 'the file is not text (byte 5 is zero): is it a binary file, such as a spreadsheet or a model?'],
      [latin1, 'line 2 is not UTF-8 (byte 0xE9; Latin-1 or Windows-1252 text?): save the file as UTF-8'],
      [utf16, 'the file is UTF-16 text; save it as UTF-8'],
    ];
    for (const [catalogue, message] of cases) {
      const run = attune('build-model', '--catalogue', catalogue, '--out', join(scratch, 'x.bin'));
      expect(run).toMatchObject({ status: 1, stderr: `reading catalogue ${catalogue}\nattune: ${catalogue}: ${message}\n` });
    }
  });

  it('reads semicolon- and tab-separated catalogues and logs as comma-separated ones', () => {
    const built = (name: string, delimiter: string, ...flags: string[]) => {
      const catalogue = file(`movies-${name}.csv`, separatedBy(MOVIES, delimiter));
      const logs = file(`ratings-${name}.csv`, separatedBy(RATINGS, delimiter));
      const out = join(scratch, `${name}.bin`);
      const run = attune('build-model', '--catalogue', catalogue, '--logs', logs, ...COLUMNS, '--factors', '2', '--seed', '1', ...flags, '--out', out);
      expect(run.stderr).not.toContain('attune:');
      return readFileSync(out);
    };
    const comma = built('comma', ',');
    expect(built('semicolon', ';')).toEqual(comma);
    expect(built('tab', '\t', '--delimiter', 'tab')).toEqual(comma);
  });

  it('takes --delimiter comma, semicolon or tab, and says how it read a header that lacks a column', () => {
    const catalogue = file('movies-semicolon.csv', separatedBy(MOVIES, ';'));
    const out = join(scratch, 'y.bin');
    expect(attune('build-model', '--catalogue', catalogue, '--delimiter', 'pipe', '--out', out)).toMatchObject({
      status: 2,
      stderr: 'attune: --delimiter must be comma, semicolon or tab, got "pipe" (see attune build-model --help)\n',
    });
    const forced = attune('build-model', '--catalogue', catalogue, ...COLUMNS.slice(0, 2), '--delimiter', 'comma', '--out', out);
    expect(forced.status).toBe(1);
    expect(forced.stderr).toContain(
      `attune: ${catalogue}: catalogue line 1: no column "movieId" in the header (movieId;title;genres; read as one column, with no commas in it)\n`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
