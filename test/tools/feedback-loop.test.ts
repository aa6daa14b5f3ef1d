import { describe, expect, it } from 'vitest';
import { feedbackLoop, meanReport, NO_CONTROLS, type FeedbackSetting, type RoundMeasures, type SimulationSettings } from '../../tools/audit/simulate';

/** A population small enough to run in a fraction of a second: 4 visitors, 4 topics, a front page of 24 stories, 24 rounds. */
const TINY: Partial<SimulationSettings> = { visitors: 4, topics: 4, authorsPerTopic: 2, published: 12, shelfLife: 2, rounds: 24, shown: 5, seed: 7 };
/** Every visitor likes one topic and no other. */
const SINGLE_MINDED: Partial<SimulationSettings> = { ...TINY, otherLikedTopics: [0, 0], background: 0 };

const setting = (name: string, options: FeedbackSetting['options']): FeedbackSetting => ({ name, options });
const mean = (rounds: RoundMeasures[], measure: keyof RoundMeasures) => rounds.reduce((sum, round) => sum + round[measure], 0) / rounds.length;

describe('the simulated feedback loop', () => {
  it('gives the same numbers for the same seed, and others for another', async () => {
    const explored = setting('diversity + exploration', { diversity: 0.2, exploration: 0.2 });
    const first = await feedbackLoop(explored, TINY);
    expect(await feedbackLoop(explored, TINY)).toEqual(first);
    expect(await feedbackLoop(explored, { ...TINY, seed: 8 })).not.toEqual(first);
  });

  it('shows a visitor who likes one topic more of it as the SDK learns, and more than the site order does', async () => {
    const personal = await feedbackLoop(setting('full strength', { ...NO_CONTROLS, strength: 1 }), SINGLE_MINDED);
    const siteOrder = await feedbackLoop(setting('site order', { strength: 0 }), SINGLE_MINDED);
    const late = (report: typeof personal) => mean(report.rounds.slice(-8), 'favouriteShare');
    // Round 1 has no profile yet: both are the site's order.
    expect(personal.rounds[0]!.favouriteShare).toBe(siteOrder.rounds[0]!.favouriteShare);
    expect(late(personal)).toBeGreaterThan(personal.rounds[0]!.favouriteShare + 0.2);
    expect(late(personal)).toBeGreaterThan(late(siteOrder) + 0.2);
    expect(personal.favouriteTaste).toBe(1);
  });

  it('shows more varied lists with diversity than without', async () => {
    // Visitors whose clicks all go to one topic, and as many places as topics, so a list can hold every topic once.
    // Four visitors make one population's gain vary from 0.02 to 0.48 topics per list with its seed: five are averaged.
    const gain = { diversity: 0, topics: 0 };
    const seeds = [7, 8, 9, 10, 11];
    for (const seed of seeds) {
      const fourPlaces = { ...SINGLE_MINDED, shown: 4, seed };
      const plain = await feedbackLoop(setting('no controls', NO_CONTROLS), fourPlaces);
      const diverse = await feedbackLoop(setting('diversity 0.3', { ...NO_CONTROLS, diversity: 0.3 }), fourPlaces);
      for (const measure of ['diversity', 'topics'] as const) gain[measure] += (mean(diverse.rounds, measure) - mean(plain.rounds, measure)) / seeds.length;
    }
    // Diversity grows with the evidence behind a profile, and the site keeps a share of a thin profile's view either way.
    expect(gain.diversity).toBeGreaterThan(0.03);
    expect(gain.topics).toBeGreaterThan(0.1);
  });

  it('measures each round within its bounds', async () => {
    const { rounds } = await feedbackLoop(setting('defaults', {}), TINY);
    expect(rounds.map(({ round }) => round)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    for (const round of rounds) {
      for (const share of [round.diversity, round.favouriteShare, round.gini, round.coverage, round.clickRate]) {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
      }
      expect(round.topics).toBeGreaterThanOrEqual(1);
      expect(round.topics).toBeLessThanOrEqual(4);
      expect(round.divergence).toBeGreaterThanOrEqual(0);
    }
  });

  it('averages runs on several seeds round by round', async () => {
    const defaults = setting('defaults', {});
    const [a, b] = [await feedbackLoop(defaults, TINY), await feedbackLoop(defaults, { ...TINY, seed: 8 })];
    const mean = meanReport([a, b]);
    expect(mean.setting).toBe('defaults');
    expect(mean.rounds).toHaveLength(24);
    mean.rounds.forEach((round, r) => {
      expect(round.round).toBe(r + 1);
      expect(round.clickRate).toBeCloseTo((a.rounds[r]!.clickRate + b.rounds[r]!.clickRate) / 2, 12);
      expect(round.topics).toBeCloseTo((a.rounds[r]!.topics + b.rounds[r]!.topics) / 2, 12);
    });
    expect(() => meanReport([a, { ...b, setting: 'other' }])).toThrow(TypeError);
  });
});
