import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/model/format';
import { decodeItemVector } from '../../src/model/vector-text';
import { attune, scratchFolder } from './run-attune';

const { folder: scratch, file } = scratchFolder('attune-vectors-cli-');

const catalogue = file('items.csv', `id,features\n${Array.from({ length: 12 }, (_, i) => `s${i},topic:${i % 3}`).join('\n')}\n`);
const logs = file(
  'logs.csv',
  `user,item,timestamp\n${Array.from({ length: 60 }, (_, n) => `u${n % 15},s${(n * 7 + (n % 15)) % 12},${1_700_000_000 + n}`).join('\n')}\n`,
);
const build = (...flags: string[]) => attune('build-model', '--catalogue', catalogue, '--logs', logs, '--no-tune', '--factors', '4', '--iterations', '4', ...flags);

describe('attune build-model, the global part and the items vectors', () => {
  it('writes the global part, the vectors as JSON and CSV, and the whole model, and sizes each', () => {
    const [out, global, json, csv] = ['model.bin', 'global.bin', 'vectors.json', 'vectors.csv'].map((name) => join(scratch, 'a', name));
    const run = build('--out', out!, '--global-out', global!, '--vectors-json', json!, '--vectors-csv', csv!);
    expect(run.stderr).not.toContain('attune:');
    expect(run.status).toBe(0);
    const model = decodeModel(readFileSync(out!));
    const part = decodeModel(readFileSync(global!));
    expect(part.items).toEqual([]);
    expect(Array.from(part.factors!.gramian)).toEqual(Array.from(model.factors!.gramian));
    expect(part.factors).toMatchObject({ dimensions: 4, regularization: model.factors!.regularization, confidence: model.factors!.confidence });
    const vectors = JSON.parse(readFileSync(json!, 'utf8')) as Record<string, string>;
    expect(Object.keys(vectors)).toEqual(model.items);
    const row = decodeItemVector(vectors.s1!, { dimensions: 4, contentWidth: model.content!.dimensions });
    if (typeof row === 'string') throw new Error(row);
    expect(row.popularity).toBe(model.popularity[1]);
    const lines = readFileSync(csv!, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('id,vector');
    expect(lines[2]).toBe(`s1,${vectors.s1}`);
    expect(run.stdout).toMatch(/global part +\d+ bytes/);
    expect(run.stdout).toMatch(/vectors \(JSON\) +[\d,]+ bytes .*; \d+ characters per item\n/);
  });

  it('aligns a build to the previous build\'s vectors and says how far apart they were', () => {
    const previous = join(scratch, 'b', 'previous.json');
    expect(build('--seed', '1', '--global-out', join(scratch, 'b', 'old.bin'), '--vectors-json', previous).status).toBe(0);
    const run = build('--seed', '2', '--global-out', join(scratch, 'b', 'new.bin'), '--align-to', previous);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/aligned +on \d+ items both builds know; apart by \d+ % before, \d+ % after\n/);
  });

  it('checks every output before any work, and what the vectors need', () => {
    mkdirSync(join(scratch, 'folder.json'), { recursive: true });
    const run = build('--global-out', join(scratch, 'c', 'g.bin'), '--vectors-json', join(scratch, 'folder.json'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--vectors-json');
    expect(run.stderr).not.toContain('training');
    expect(existsSync(join(scratch, 'c', 'g.bin'))).toBe(false);

    expect(build('--vectors-csv', join(scratch, 'c', 'v.csv')).stderr).toMatch(/--out <file> or --global-out <file> is required/);
    const same = build('--out', join(scratch, 'c', 'x'), '--global-out', join(scratch, 'c', 'x'));
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/name the same file/);
    const noFactors = attune('build-model', '--catalogue', catalogue, '--global-out', join(scratch, 'c', 'g.bin'), '--vectors-json', join(scratch, 'c', 'v.json'));
    expect(noFactors.stderr).toMatch(/--vectors-json needs item factors/);
    expect(build('--global-out', join(scratch, 'c', 'g.bin'), '--align-to', catalogue).stderr).toMatch(/not a JSON object/);
  });
});
