import { describe, expect, it } from 'vitest';
import { coordinateSearch, pairedGain, type Evaluator, type Plan } from '../../../tools/model/tune-search';
import type { Dimension, Point } from '../../../tools/model/tune-space';

const dimension = (name: string, kind: Dimension['kind'], values: number[], start: number): Dimension => ({ name, kind, values, start, format: (v) => `${name} ${v}` });

/**
 * 50 users whose NDCG is a bowl around (x 3, y 20), each user off by a little
 * of their own, so differences are clear but not exact. A new x costs a new
 * model, as a training setting does; y costs a replay.
 */
function bowl(costs: { model: number; ranking: number }): Evaluator {
  const trained = new Set<number>();
  return {
    estimate: (point) => (trained.has(point.get('x')!) ? 0 : costs.model) + costs.ranking,
    async evaluate(point) {
      trained.add(point.get('x')!);
      const quality = 0.5 - 0.01 * (point.get('x')! - 3) ** 2 - 0.0001 * (point.get('y')! - 20) ** 2;
      const gains = Float64Array.from({ length: 50 }, (_, user) => quality + ((user * 7) % 5) * 0.001);
      return { hr: quality, ndcg: quality, gains, hits: gains };
    },
  };
}

const space = [dimension('x', 'model', [1, 2, 3, 4, 5], 1), dimension('y', 'ranking', [0, 10, 20, 30], 0)];
const start: Point = new Map([
  ['x', 1],
  ['y', 0],
]);
const plan: Plan = { budget: 100, modelShare: 0.6, passes: 3, minGain: 0.001 };

describe('pairedGain', () => {
  it('is the mean difference, user by user, and its standard error', () => {
    expect(pairedGain(Float64Array.of(0, 0, 0, 0), Float64Array.of(1, 1, 1, 1))).toEqual({ mean: 1, error: 0 });
    const { mean, error } = pairedGain(Float64Array.of(0, 0, 0, 0), Float64Array.of(1, 0, 1, 0));
    expect(mean).toBe(0.5);
    // Sample deviation √(1/3), over √4.
    expect(error).toBeCloseTo(Math.sqrt(1 / 3) / 2, 12);
  });
});

describe('coordinateSearch', () => {
  it('steps along each dimension while a step gains, and ends where nothing does', async () => {
    const { trials, best } = await coordinateSearch(space, start, bowl({ model: 1, ranking: 1 }), plan);
    expect([...best.point]).toEqual([
      ['x', 3],
      ['y', 20],
    ]);
    expect(trials[0]!.kept).toBe(true);
    expect(trials.filter(({ kept }) => kept).map(({ point }) => `${point.get('x')},${point.get('y')}`)).toEqual(['1,0', '2,0', '3,0', '3,10', '3,20']);
    // Each point is measured once, however often the search passes it.
    expect(new Set(trials.map(({ point }) => JSON.stringify([...point]))).size).toBe(trials.length);
  });

  it('keeps a step only when it gains more than its standard error, and at least the least gain', async () => {
    const noisy: Evaluator = {
      estimate: () => 1,
      // The same mean for every point, but each user moves at random: no step may be taken for a gain.
      evaluate: async (point) => {
        const gains = Float64Array.from({ length: 40 }, (_, user) => ((user * 13 + point.get('y')! * 3) % 7) / 7);
        const mean = gains.reduce((sum, gain) => sum + gain, 0) / gains.length;
        return { hr: mean, ndcg: mean, gains: gains.map((gain) => gain - mean + 0.3), hits: new Float64Array(40).fill(0.5) };
      },
    };
    const { best } = await coordinateSearch([space[1]!], new Map([['y', 0]]), noisy, plan);
    expect(best.point.get('y')).toBe(0);
    // A bowl so shallow that every step gains less than the least gain: no step is worth a setting.
    const shallow: Evaluator = {
      estimate: () => 1,
      evaluate: async (point) => {
        const gains = new Float64Array(40).fill(0.5 - 1e-6 * (point.get('y')! - 20) ** 2);
        return { hr: gains[0]!, ndcg: gains[0]!, gains, hits: gains };
      },
    };
    expect((await coordinateSearch([space[1]!], new Map([['y', 0]]), shallow, plan)).best.point.get('y')).toBe(0);
  });

  it('judges a step by HR@10 and NDCG@10 together: a gain in one bought with more of the other is not taken', async () => {
    // Every step from y 0 gains NDCG@10 but loses three times as much HR@10.
    const trade: Evaluator = {
      estimate: () => 1,
      evaluate: async (point) => {
        const [ndcg, hr] = point.get('y') === 0 ? [0.4, 0.7] : [0.41, 0.67];
        const spread = (base: number) => Float64Array.from({ length: 40 }, (_, user) => base + ((user * 7) % 5) * 0.001);
        return { hr, ndcg, gains: spread(ndcg), hits: spread(hr) };
      },
    };
    const { trials, best } = await coordinateSearch([space[1]!], new Map([['y', 0]]), trade, plan);
    const tenth = trials.find(({ point }) => point.get('y') === 10)!;
    expect(tenth.gain!.mean).toBeCloseTo(0.01, 12);
    expect(tenth.judged!.mean).toBeCloseTo(-0.02, 12);
    expect(tenth.kept).toBe(false);
    expect(best.point.get('y')).toBe(0);
  });

  it('charges each trial its estimate, and spends at most the model share on model settings', async () => {
    const { trials, charged } = await coordinateSearch(space, start, bowl({ model: 24, ranking: 1 }), plan);
    // The start (25), then x 2 (50): a model for x 3 would pass 60, the model share; the ranking trials still fit.
    expect(new Set(trials.map(({ point }) => point.get('x')))).toEqual(new Set([1, 2]));
    expect(trials.some(({ moved }) => moved?.name === 'y')).toBe(true);
    expect(charged).toBeLessThanOrEqual(plan.budget);
    expect(charged).toBe(trials.reduce((sum, trial) => sum + trial.estimate, 0));
  });

  it('tries the same points in the same order on every run', async () => {
    const first = await coordinateSearch(space, start, bowl({ model: 3, ranking: 1 }), { ...plan, budget: 20 });
    const second = await coordinateSearch(space, start, bowl({ model: 3, ranking: 1 }), { ...plan, budget: 20 });
    expect(second.trials.map(({ point }) => [...point])).toEqual(first.trials.map(({ point }) => [...point]));
  });
});
