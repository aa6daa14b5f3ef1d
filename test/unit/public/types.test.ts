import { describe, expectTypeOf, it } from 'vitest';
import { createAttune, type Attune, type AttuneExport, type AudienceMembership, type HoldoutGroup, type InteractionType, type RankedItem, type Reason, type Rule, type Variant, type VariantChoice } from 'attune';

describe('public types', () => {
  it('types the API', () => {
    expectTypeOf(createAttune).returns.resolves.toEqualTypeOf<Attune>();
    expectTypeOf<Attune['rank']>().returns.toEqualTypeOf<RankedItem[]>();
    expectTypeOf<Attune['track']>().parameter(0).toEqualTypeOf<InteractionType>();
    expectTypeOf<'click'>().toExtend<InteractionType>();
    expectTypeOf<'share'>().toExtend<InteractionType>();
    expectTypeOf<Reason['kind']>().toEqualTypeOf<'interest' | 'site-order' | 'pinned' | 'seen' | 'passed' | 'calibrated' | 'different' | 'explored' | 'capped' | 'collaborative' | 'similar-content' | 'popular' | 'fresh' | 'next' | 'recent' | 'in-audience' | 'variant-tried' | 'rule'>();
    expectTypeOf<Attune['status']>().toEqualTypeOf<'indexeddb' | 'memory' | 'awaiting-consent' | 'opening' | 'closed' | 'erased' | 'fallback'>();
    expectTypeOf<Attune['audiences']>().returns.resolves.toEqualTypeOf<AudienceMembership[]>();
    expectTypeOf((attune: Attune) => attune.get('firstName')).returns.toEqualTypeOf<string | undefined>();
    expectTypeOf((attune: Attune) => attune.get()).returns.toEqualTypeOf<Record<string, string>>();
    expectTypeOf(createAttune).toBeCallableWith({ rules: [{ id: 'r', when: { did: 'purchase', item: 'a' }, then: { boost: 1, items: ['b'] } }] });
    // @ts-expect-error a rule's action does one thing: boost, pin, hide or only
    expectTypeOf<Rule['then']>().toEqualTypeOf<{ items: string[] }>();
    // @ts-expect-error consent is 'required' or 'granted'
    expectTypeOf(createAttune).toBeCallableWith({ consent: 'maybe' });
    expectTypeOf(createAttune).toBeCallableWith({ holdout: { share: 0.1, outcomes: ['purchase', 'signup'] } });
    expectTypeOf<HoldoutGroup>().toEqualTypeOf<'holdout' | 'personal'>();
    expectTypeOf<NonNullable<AttuneExport['holdout']>['group']>().toEqualTypeOf<HoldoutGroup | undefined>();
    expectTypeOf<Attune['variant']>().returns.resolves.toEqualTypeOf<VariantChoice>();
    expectTypeOf<VariantChoice['id']>().toEqualTypeOf<string>();
    expectTypeOf<VariantChoice['watch']>().parameter(0).toEqualTypeOf<Element>();
    expectTypeOf((attune: Attune) => attune.variant('cta', [{ id: 'a' }, { id: 'b', features: ['category:shoes'] }, { id: 'c', audience: '!regulars' }])).returns.resolves.toEqualTypeOf<VariantChoice>();
    // @ts-expect-error a variant's features are a list
    expectTypeOf<Variant>().toEqualTypeOf<{ id: string; features: string }>();
  });
});
