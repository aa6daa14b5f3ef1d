import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/model/format';
import { attune, scratchFolder } from './run-attune';
import { tasteCatalogue, tasteLogs } from './model/taste-logs';

const { folder: scratch, file } = scratchFolder('attune-tuning-');

const catalogue = file('stories.jsonl', tasteCatalogue.map((item) => JSON.stringify(item)).join('\n'));
const logs = file('reads.csv', `user,item,timestamp\n${tasteLogs(60).map(({ user, item, time }) => `${user},${item},${new Date(time!).toISOString()}`).join('\n')}\n`);
/** A small model and a small plan, so a build takes a second or two. */
const SMALL = ['--factors', '4', '--iterations', '5', '--content-width', '256'];

const build = (out: string, ...flags: string[]) => attune('build-model', '--catalogue', catalogue, '--logs', logs, ...SMALL, ...flags, '--out', join(scratch, out));

describe('attune build-model, tuning on the logs', () => {
  it('prints what it tried, writes what it chose, and builds the same file from the same seed', () => {
    const run = build('tuned.model', '--tune-time', '0.25');
    expect(run.stderr).not.toContain('attune:');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Tuned on all 60 users with 5 or more items: each user's last 3 items held out \(each where they have 5 items up to it\), \d+ points in all, each ranked by the SDK from the history before it among \d+ items the user never touched/,
    );
    expect(run.stdout).toMatch(/\nsettings tried, in order +HR@10 +NDCG@10 +NDCG gain ± s\.e\. +HR gain ± s\.e\. +HR \+ NDCG gain ± s\.e\. +kept +est\. s +s\n/);
    expect(run.stdout).toMatch(/\nthe defaults +\d\.\d{4} +\d\.\d{4} +✓ +\d+\.\d +\d+\.\d\n/);
    expect(run.stdout).toMatch(/\nChose .+: HR@10 \d\.\d{4} → \d\.\d{4}( \([+−]\d+\.\d %\))?, NDCG@10 \d\.\d{4} → \d\.\d{4} \([+−]\d+\.\d %\) on these users\. \d+ trials, \d+(\.\d)? s estimated of the 0\.3 s planned, \d+(\.\d)? s taken\.\n/);
    expect(run.stdout).toMatch(/\n {2}tuned {15}\S.*\n/);
    expect(run.stderr.split('\n')).toContain('tuning on the logs');
    const bytes = readFileSync(join(scratch, 'tuned.model'));
    expect(decodeModel(bytes).training).toMatchObject({ iterations: 5, seed: 1 });

    expect(build('again.model', '--tune-time', '0.25').status).toBe(0);
    expect(readFileSync(join(scratch, 'again.model'))).toEqual(bytes);
  });

  it('builds untuned with --no-tune, and says why it did not tune logs too small to tune on', () => {
    const run = build('untuned.model', '--no-tune');
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('Tuned on');
    expect(run.stdout).toMatch(/\n {2}tuned {15}no \(--no-tune\)\n/);
    expect(decodeModel(readFileSync(join(scratch, 'untuned.model'))).tuned).toBeUndefined();

    const few = file('few.csv', `user,item,timestamp\n${tasteLogs(9).map(({ user, item, time }) => `${user},${item},${time}`).join('\n')}\n`);
    const small = attune('build-model', '--catalogue', catalogue, '--logs', few, ...SMALL, '--out', join(scratch, 'few.model'));
    expect(small.status).toBe(0);
    expect(small.stdout).toMatch(/\n {2}tuned {15}no: 9 users have 5 or more items, fewer than the 20 tuning needs\n/);
    expect(small.stderr).not.toContain('tuning on the logs');
  });

  it('exits 2 for tuning flags that would do nothing', () => {
    const out = ['--out', join(scratch, 'x.model')];
    const cases: [string[], string][] = [
      [['--catalogue', catalogue, '--tune-time', '5', ...out], '--tune-time sets the tuning on --logs, and there are no --logs'],
      [
        ['--catalogue', catalogue, '--logs', logs, '--no-tune', '--rules-max', '0', '--interaction', 'purchase', ...out],
        '--interaction sets the tuning and the lines rules are mined on, and --no-tune and --rules-max 0 turn both off',
      ],
      [['--catalogue', catalogue, '--logs', logs, '--no-tune', '--tune-time', '5', ...out], '--tune-time sets the tuning, and --no-tune turns it off'],
      [['--catalogue', catalogue, '--logs', logs, '--interaction', 'rate', ...out], '--interaction must be one of click, view, like, purchase, got "rate"'],
      [['--catalogue', catalogue, '--logs', logs, '--tune-time', 'soon', ...out], '--tune-time must be a number 0 or more, got "soon"'],
    ];
    for (const [args, message] of cases) {
      expect(attune('build-model', ...args)).toMatchObject({ status: 2, stderr: `attune: ${message} (see attune build-model --help)\n` });
    }
  });
});
