import { describe, expect, it } from 'vitest';
import { tuneModel, type TuneOptions, type TuneReport } from '../../../tools/model/tune';
import { tasteCatalogue, tasteLogs } from './taste-logs';

const LOGS = tasteLogs(60);
/** A small plan: a few models and about a dozen replays of 60 readers. */
const options: TuneOptions = { seconds: 0.25, seed: 1, interaction: 'click', fixed: {}, iterations: 5, contentWidth: 256 };
const tune = (logs = LOGS, more: Partial<TuneOptions> = {}) => tuneModel(tasteCatalogue, logs, { ...options, ...more }) as Promise<TuneReport>;
/** One tuning, read by several tests. */
const tuned = tune();

describe('tuneModel', () => {
  it('replays every reader from the defaults on, and reports what it tried and chose', async () => {
    const report = await tuned;
    expect(report).toMatchObject({ users: 60, eligible: 60, timed: true, planned: 0.25 });
    expect(report.start).toBe(report.trials[0]);
    expect(report.start.moved).toBeUndefined();
    expect(report.best.kept).toBe(true);
    expect(report.trials.length).toBeGreaterThan(3);
    expect(report.charged).toBeLessThanOrEqual(0.25);
    for (const { measured } of report.trials) {
      expect(measured.gains).toHaveLength(60);
      expect(measured.ndcg).toBeCloseTo(measured.gains.reduce((sum, gain) => sum + gain, 0) / 60, 12);
    }
    // Readers of one taste, and a model: the SDK finds most held-out stories in the first ten of 24.
    expect(report.start.measured.hr).toBeGreaterThan(0.5);
    expect(report.best.measured.ndcg).toBeGreaterThanOrEqual(report.start.measured.ndcg);
  });

  it('writes into the model only the ranking settings it moved', async () => {
    const report = await tuned;
    const moved = report.space.filter(({ kind, name, start }) => kind === 'ranking' && report.best.point.get(name) !== start).map(({ name }) => name);
    const written = [...Object.keys(report.tuned).filter((key) => key !== 'blend'), ...Object.keys(report.tuned.blend ?? {}).map((part) => `blend.${part}`)];
    expect(written.sort()).toEqual(moved.sort());
    expect(report.build).toEqual({
      factors: report.best.point.get('factors'),
      regularization: report.best.point.get('regularization'),
      confidence: report.best.point.get('confidence'),
    });
  });

  it('tries the same settings and measures the same on every run with the same seed', async () => {
    const [first, second] = [await tuned, await tune()];
    expect(second.trials.map(({ point, measured }) => [[...point], measured.ndcg])).toEqual(first.trials.map(({ point, measured }) => [[...point], measured.ndcg]));
    expect(second.tuned).toEqual(first.tuned);
  });

  it('leaves what the site fixed, and the half-life of logs without times, out of the search', async () => {
    const report = await tune(
      LOGS.map(({ user, item }) => ({ user, item })),
      { fixed: { factors: 8 } },
    );
    const names = report.space.map(({ name }) => name);
    expect(names).not.toContain('factors');
    expect(names).not.toContain('halfLife');
    expect(names).toEqual(expect.arrayContaining(['confidence', 'regularization', 'strength', 'blend.collaborative']));
    expect(report.build.factors).toBe(8);
    expect(report.timed).toBe(false);
  });

  it('says why it cannot tune on too few readers', async () => {
    expect(await tuneModel(tasteCatalogue, tasteLogs(12), options)).toEqual({ skipped: expect.stringMatching(/^12 users have 5 or more items/) });
  });
});
