import { describe, expect, it } from 'vitest';
import { rankCandidates, type RankSettings } from '../../../src/rank/rank';
import type { ScorePart } from '../../../src/rank/blend';
import { DEFAULT_BLEND } from '../../../src/rank/hybrid';
import { caps } from '../../../src/rank/caps';
import { PreferenceVector } from '../../../src/profile/preference-vector';

const DAY = 86_400_000;
const CANDIDATES = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, features: [id < 'd' ? 'author:jane' : 'author:sam'] }));
const ids = (ranked: { id: string }[]) => ranked.map(({ id }) => id);

function settings(more: Partial<RankSettings> = {}): RankSettings {
  return { vector: new PreferenceVector(14 * DAY, 100, []), context: {}, now: DAY, strength: 0.5, blend: DEFAULT_BLEND, ...more };
}

describe('what the caller hands rank()', () => {
  it('blends each score part of the list, with its reason', () => {
    /** A prior for the site's last item, as popularity from elsewhere would be. */
    const lastPick: ScorePart = {
      kind: 'popular',
      score: ({ candidates }) => Float64Array.from(candidates, (_, i) => (i === candidates.length - 1 ? 1 : 0)),
      weight: (_blend, strength) => strength,
      reason: () => 'Popular on this site',
    };
    const ranked = rankCandidates(CANDIDATES, settings({ parts: [lastPick] }));
    expect(ranked[0]!.id).toBe('f');
    expect(ranked[0]!.reasons[0]).toMatchObject({ kind: 'popular', text: 'Popular on this site' });
    expect(ids(rankCandidates(CANDIDATES, settings({ parts: [] })))).toEqual(ids(CANDIDATES));
  });

  it('runs the re-ranking steps of the list after diversity and exploration', () => {
    const vector = new PreferenceVector(14 * DAY, 100, []);
    vector.learn({ type: 'click', features: ['author:jane'], context: {}, at: DAY }, 1);
    const capped = settings({ vector, rerank: { diversity: 0, caps: { author: 2 } } });
    expect(ids(rankCandidates(CANDIDATES, { ...capped, rerankSteps: [] }))).toEqual(ids(CANDIDATES));
    expect(ids(rankCandidates(CANDIDATES, { ...capped, rerankSteps: [caps] }))).toEqual(['a', 'b', 'd', 'e', 'c', 'f']);
  });
});
