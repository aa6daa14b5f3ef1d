import { describe, expectTypeOf, it } from 'vitest';
import { createAttune, type Attune, type AttuneExport, type HoldoutGroup, type InteractionType, type RankedItem, type Reason } from 'attune';

describe('public types', () => {
  it('types the API', () => {
    expectTypeOf(createAttune).returns.resolves.toEqualTypeOf<Attune>();
    expectTypeOf<Attune['rank']>().returns.toEqualTypeOf<RankedItem[]>();
    expectTypeOf<Attune['track']>().parameter(0).toEqualTypeOf<InteractionType>();
    expectTypeOf<'click'>().toExtend<InteractionType>();
    expectTypeOf<'share'>().toExtend<InteractionType>();
    expectTypeOf<Reason['kind']>().toEqualTypeOf<'interest' | 'site-order' | 'pinned' | 'seen' | 'passed' | 'calibrated' | 'different' | 'explored' | 'capped' | 'collaborative' | 'similar-content' | 'popular' | 'fresh' | 'next' | 'recent' | 'in-audience' | 'variant-tried'>();
    expectTypeOf<Attune['status']>().toEqualTypeOf<'indexeddb' | 'memory' | 'awaiting-consent' | 'opening' | 'closed' | 'erased' | 'fallback'>();
    // @ts-expect-error consent is 'required' or 'granted'
    expectTypeOf(createAttune).toBeCallableWith({ consent: 'maybe' });
    expectTypeOf(createAttune).toBeCallableWith({ holdout: { share: 0.1, outcomes: ['purchase', 'signup'] } });
    expectTypeOf<HoldoutGroup>().toEqualTypeOf<'holdout' | 'personal'>();
    expectTypeOf<NonNullable<AttuneExport['holdout']>['group']>().toEqualTypeOf<HoldoutGroup | undefined>();
  });
});
