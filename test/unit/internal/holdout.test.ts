import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core';
import { holdoutGroup } from '../../../src/privacy/holdout';
import { VisitorSettings } from '../../../src/profile/settings';
import { MemoryStore } from '../../../src/store/memory';

/** The little of an instance the draw reads: the holdout, the clock, the settings and the store. */
function visitor(share: number): Core {
  const store = new MemoryStore(10);
  return {
    config: { holdout: { share, outcomes: ['purchase'] }, now: () => 1 },
    settings: new VisitorSettings(),
    useStore: (use: (used: MemoryStore) => Promise<unknown>) => use(store),
  } as unknown as Core;
}

describe('drawing the holdout group', () => {
  it("puts the holdout's share of visitors in it, drawn from the platform's cryptographic generator", () => {
    for (const share of [0.1, 0.5]) {
      const visitors = 20_000;
      let held = 0;
      for (let i = 0; i < visitors; i++) if (holdoutGroup(visitor(share)) === 'holdout') held++;
      // Binomial: the share's SD is √(s(1 − s)/n), 0.0021 at 0.1 and 0.0035 at 0.5; the bounds are four away.
      expect(Math.abs(held / visitors - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / visitors));
    }
  });

  it('draws once: every later call gives the same group', () => {
    const core = visitor(0.5);
    const first = holdoutGroup(core);
    for (let i = 0; i < 50; i++) expect(holdoutGroup(core)).toBe(first);
    expect(core.settings.values.holdout).toEqual({ group: first, at: 1 });
  });

  it('draws nothing on a site without a holdout', () => {
    const core = { config: {}, settings: new VisitorSettings() } as unknown as Core;
    expect(holdoutGroup(core)).toBeUndefined();
    expect(core.settings.values.holdout).toBeUndefined();
  });
});
