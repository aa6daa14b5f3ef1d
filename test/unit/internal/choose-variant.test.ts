import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core';
import { chooseVariant, type Variant } from '../../../src/dom/choose-variant';
import { Explorer } from '../../../src/rank/explore';
import { Learner } from '../../../src/profile/learner';
import { resolveOptions } from '../../../src/options';
import { mulberry32 } from '../../../tools/model/als';

const NOW = Date.UTC(2026, 10, 24, 9);

/** The parts of an instance the choice reads, with the audiences the visitor is in where membership is known. */
function coreOf(audiences?: string[], seed = 1): Core {
  const config = resolveOptions({ storage: 'memory', environment: { now: () => NOW } });
  return {
    config,
    pageBuckets: {},
    learner: new Learner(config),
    explorer: new Explorer(mulberry32(seed)),
    ...(audiences && { inAudience: (id: string) => audiences.includes(id) }),
  } as unknown as Core;
}

const variant = (id: string, more: Partial<Variant> = {}): Variant => ({ id, features: [], trialFeature: `variant:v/${id}`, ...more });

describe('choosing a variant', () => {
  const variants = [
    variant('default'),
    variant('shoes', { features: ['category:shoes'] }),
    variant('runners', { audience: 'runners', features: ['category:shoes'] }),
    variant('newcomers', { audience: '!runners' }),
  ];

  it('1. picks the variant of an audience the visitor is in before anything their profile says', () => {
    const core = coreOf(['runners']);
    core.learner.learn({ type: 'purchase', features: ['category:shoes'], context: {}, at: NOW });
    expect(chooseVariant(variants, core)).toMatchObject({ variant: { id: 'runners' }, reason: { kind: 'in-audience', audience: 'runners', text: 'For visitors in “runners”' } });
    // Not a runner: the variant for everyone else.
    expect(chooseVariant(variants, coreOf([]))).toMatchObject({ variant: { id: 'newcomers' }, reason: { kind: 'in-audience', audience: '!runners' } });
  });

  it('counts an audience whose membership is not known as not matching, for "!" too', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(['default', 'shoes']).toContain(chooseVariant(variants, coreOf(undefined, seed)).variant.id);
    }
  });

  it('3. picks the variant whose features the profile clearly prefers; impressions alone are no interest', () => {
    const core = coreOf(undefined);
    for (let i = 0; i < 30; i++) core.learner.learn({ type: 'impression', features: ['category:shoes'], context: {}, at: NOW });
    expect(chooseVariant(variants, core).reason.kind).toBe('variant-tried');
    core.learner.learn({ type: 'click', features: ['category:shoes'], context: {}, at: NOW });
    expect(chooseVariant(variants, core)).toMatchObject({ variant: { id: 'shoes' }, reason: { kind: 'interest', feature: 'category:shoes' } });
  });

  it('4. samples each variant’s click rate from Beta(1 + clicks, 1 + passes): the one clicked wins most draws, the other still gets tried', () => {
    const pair = [variant('a'), variant('b')];
    let wins = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const core = coreOf(undefined, seed);
      for (let i = 0; i < 6; i++) core.learner.learn({ type: 'impression', features: ['variant:v/a'], context: {}, at: NOW });
      for (let i = 0; i < 6; i++) core.learner.learn({ type: 'impression', features: ['variant:v/b'], context: {}, at: NOW });
      for (let i = 0; i < 3; i++) core.learner.learn({ type: 'click', features: ['variant:v/b'], context: {}, at: NOW });
      if (chooseVariant(pair, core).variant.id === 'b') wins++;
    }
    // P(Beta(4, 4) > Beta(1, 7)) is about 0.96.
    expect(wins).toBeGreaterThan(170);
    expect(wins).toBeLessThan(200);
  });

  it('falls back to the site’s first where no variant may be shown, and shows a lone one as the site’s pick', () => {
    expect(chooseVariant([variant('only', { audience: 'members' })], coreOf([]))).toMatchObject({ variant: { id: 'only' }, reason: { kind: 'site-order', position: 0 } });
    expect(chooseVariant([variant('x', { audience: 'members' }), variant('y')], coreOf([]))).toMatchObject({ variant: { id: 'y' }, reason: { kind: 'site-order', position: 1 } });
  });
});
