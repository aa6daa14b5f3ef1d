import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/model/format';
import { attune, scratchFolder } from './run-attune';

const { folder: scratch, file } = scratchFolder('attune-rules-cli-');

const catalogue = file('items.csv', `id\n${['tent', 'stove', 'mug', 'map', 'torch'].join('\n')}\n`);
/**
 * 30 customers who each viewed three things and bought some: the first 10
 * bought the tent and the stove together, the rest a mug or a map; everyone
 * viewed the torch, which no one bought.
 */
const lines = Array.from({ length: 30 }, (_, c) => [
  `c${c},torch,view`,
  `c${c},${c % 2 ? 'mug' : 'map'},view`,
  ...(c < 10 ? [`c${c},tent,purchase`, `c${c},stove,purchase`] : [`c${c},${c % 2 ? 'mug' : 'map'},purchase`]),
]).flat();
const logs = file('logs.csv', `user,item,type\n${lines.join('\n')}\n`);
const build = (...flags: string[]) => attune('build-model', '--catalogue', catalogue, '--logs', logs, '--no-tune', '--factors', '2', '--iterations', '2', '--content-width', '0', ...flags);

describe('attune build-model, rules mined from the logs', () => {
  it('mines the purchases by default, says how many rules it found and kept, and writes them into the model and its global part', () => {
    const [out, global] = [join(scratch, 'model.bin'), join(scratch, 'global.bin')];
    const run = build('--out', out, '--global-out', global, '--vectors-json', join(scratch, 'vectors.json'));
    expect(run.stderr).not.toContain('attune:');
    expect(run.status).toBe(0);
    // Tent and stove: support 1/3, confidence 1, lift 3, both ways; mug and map are bought by others alone.
    expect(run.stdout).toMatch(/\n {2}rules {15}2 found over 30 users' purchase lines; 2 kept, median lift 3\.0, median confidence 1\.00\n/);
    const rules = { did: 'purchase', pairs: [['stove', 'tent', 2], ['tent', 'stove', 2]] };
    expect(decodeModel(readFileSync(out)).rules).toEqual(rules);
    expect(decodeModel(readFileSync(global)).rules).toEqual(rules);
  });

  it('mines the type asked for with the thresholds given, and none with --rules-max 0', () => {
    const views = join(scratch, 'views.bin');
    // Everyone viewed the torch: lift 1, kept only with a least lift of 1.
    expect(build('--rules-type', 'view', '--rules-min-lift', '1', '--rules-min-support', '0.5', '--rules-boost', '0.25', '--out', views).status).toBe(0);
    const mined = decodeModel(readFileSync(views)).rules!;
    expect(mined.did).toBe('view');
    expect(mined.pairs).toContainEqual(['map', 'torch', 0.25]);
    const strict = build('--rules-min-confidence', '1', '--rules-min-lift', '3.5', '--out', join(scratch, 'strict.bin'));
    expect(strict.stdout).toMatch(/rules {15}0 found over 30 users' purchase lines; none kept/);
    expect(decodeModel(readFileSync(join(scratch, 'strict.bin'))).rules).toBeUndefined();
    const none = build('--rules-max', '0', '--out', join(scratch, 'none.bin'));
    expect(none.stdout).not.toMatch(/\n {2}rules/);
    expect(decodeModel(readFileSync(join(scratch, 'none.bin'))).rules).toBeUndefined();
  });

  it('takes lines without a type as --interaction says the site tracks them', () => {
    const untyped = file('untyped.csv', `user,item\n${lines.filter((line) => line.endsWith('purchase')).map((line) => line.slice(0, line.lastIndexOf(','))).join('\n')}\n`);
    const out = join(scratch, 'untyped.bin');
    const run = attune('build-model', '--catalogue', catalogue, '--logs', untyped, '--no-tune', '--interaction', 'purchase', '--factors', '2', '--iterations', '2', '--out', out);
    expect(run.status).toBe(0);
    expect(decodeModel(readFileSync(out)).rules!.did).toBe('purchase');
  });

  it('exits 2 for rule flags that are out of range or would do nothing, and 1 for a line whose type is not one', () => {
    const out = ['--out', join(scratch, 'x.bin')];
    const cases: [string[], string][] = [
      [['--catalogue', catalogue, '--rules-max', '5', ...out], '--rules-max sets the rules mined from --logs, and there are no --logs'],
      [['--catalogue', catalogue, '--logs', logs, '--rules-min-support', '2', ...out], '--rules-min-support must be a number from 0 to 1, got "2"'],
      [['--catalogue', catalogue, '--logs', logs, '--rules-max', '1001', ...out], '--rules-max must be a whole number from 0 to 1000, got "1001"'],
      [['--catalogue', catalogue, '--logs', logs, '--rules-type', 'add to cart', ...out], '--rules-type must be an interaction type like purchase, got "add to cart"'],
      [['--catalogue', catalogue, '--logs', logs, '--rules-max', '0', '--rules-boost', '1', ...out], '--rules-boost sets the rules mined, and --rules-max 0 mines none'],
    ];
    for (const [args, message] of cases) {
      expect(attune('build-model', ...args)).toMatchObject({ status: 2, stderr: `attune: ${message} (see attune build-model --help)\n` });
    }
    const badType = file('bad-type.csv', 'user,item,type\nc1,tent,<b>buy</b>\n');
    const run = attune('build-model', '--catalogue', catalogue, '--logs', badType, '--no-tune', ...out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('logs line 2: type must be an interaction type like purchase');
  });
});
