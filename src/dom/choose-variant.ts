/**
 * Which of a message's variants the visitor sees, in numbered steps, each
 * returning its choice with the reason, or the variants left for the steps
 * after, or nothing:
 *   1. audience  a variant for a site audience the visitor is in (`core.inAudience`)
 *   2. rules     the variant a holding rule of the site's pins; those its rules hide (or leave out with `only`) stay out
 *   3. profile   the variant whose features the visitor's interests match best, clearly
 *   4. trials    Thompson sampling on the visitor's own responses to these variants
 * and where none chooses, the site's first. Variants for an audience the
 * visitor is not in (or whose membership is not known) are never chosen.
 * Containers in the page (dom/variants.ts) and `attune.variant()` from the
 * site's code (dom/variants-from-code.ts) both choose here.
 */
import type { Reason } from '../types';
import type { Core } from '../core';
import { timeContext } from '../signals/context';
import { interestText, inAudienceText, siteOrderText, VARIANT_TRIED_TEXT } from '../words';

/** One version of the message, from the page's markup or from the site's code (`attune.variant()`). */
export interface Variant {
  id: string;
  features: string[];
  /** `runners`, or `!runners` for visitors not in it. */
  audience?: string;
  /** The feature that counts the visitor's impressions and clicks of this variant: `variant:<container>/<id>`. */
  trialFeature: string;
}

export interface Choice<V extends Variant = Variant> {
  variant: V;
  reason: Reason;
}

/** One step of the choice, among the variants the visitor may see: a choice, the variants left for the next steps, or nothing. */
export type VariantStep = <V extends Variant>(variants: readonly V[], core: Core) => Choice<V> | V[] | undefined;

/** As in exploration: weight beyond what impressions alone gave, half a fresh click, is an interest. */
const INTEREST = 0.5;

/** Whether the visitor is in the variant's audience; an audience whose membership is not known counts as not matching. */
function matches(core: Core, audience: string): boolean {
  const others = audience[0] === '!';
  const member = core.inAudience?.(others ? audience.slice(1) : audience);
  return member !== undefined && member !== others;
}

/** 1. The first variant, in the site's order, for an audience the visitor is in. */
const byAudience: VariantStep = (variants) => {
  const variant = variants.find(({ audience }) => audience !== undefined);
  return variant && { variant, reason: { kind: 'in-audience', audience: variant.audience!, text: inAudienceText(variant.audience!.replace(/^!/, '')) } };
};

/**
 * 2. The site's rules (rules/apply-rules.ts), the variants as candidates: one
 * a holding rule pins is chosen, with the rule's words as the reason; those a
 * rule hides, or leaves out by showing only others, are left out of the steps
 * after. Boosts order lists, and choose nothing here. Set aside while paused,
 * as in rankings; present only where the rules part loaded.
 */
const byRule: VariantStep = (variants, core) => {
  const now = core.config.now();
  const ruled = core._siteRules?.(
    variants.map(({ id, features }) => ({ id, features })),
    { ...timeContext(now), ...core.pageBuckets },
  );
  if (!ruled) return undefined;
  const pinned = ruled.candidates.findIndex(({ pinned }) => pinned);
  const kept = ruled.candidates.map(({ id }) => variants.find((variant) => variant.id === id)!);
  if (pinned < 0) return kept;
  return { variant: kept[pinned]!, reason: { kind: 'rule', contribution: 1, text: ruled.part._reasonOf!(pinned)! } };
};

/**
 * 3. The variant with the feature the visitor is most interested in now (its
 * weight in this context beyond what impressions gave it), where that is an
 * interest and no other variant's matches it.
 */
const byProfile: VariantStep = (variants, { config, learner, pageBuckets }) => {
  const now = config.now();
  const reader = learner.vector.reader({ ...timeContext(now), ...pageBuckets }, now);
  const impression = config.interactionWeights.get('impression') ?? 0;
  const matched = variants.map((variant) => {
    let best = { feature: '', interest: -Infinity };
    for (const feature of variant.features) {
      const interest = reader.weight(feature) - impression * learner.vector.trials(feature, now).shown;
      if (interest > best.interest) best = { feature, interest };
    }
    return { variant, ...best };
  });
  matched.sort((a, b) => b.interest - a.interest);
  const [first, second] = matched;
  if (!first || !second || first.interest < INTEREST || first.interest === second.interest) return undefined;
  return { variant: first.variant, reason: { kind: 'interest', feature: first.feature, contribution: 1, text: interestText(first.feature, true, undefined) } };
};

/**
 * 4. Thompson sampling (as exploration does, rank/explore.ts): each variant's
 * click rate drawn from Beta(1 + clicks, 1 + impressions not clicked), the
 * visitor's own and fading with the half-life; the highest draw is shown.
 */
const byTrials: VariantStep = (variants, { config, learner, explorer }) => {
  if (variants.length < 2) return undefined;
  const now = config.now();
  const drawn = variants.map((variant) => ({ variant, rate: explorer.sample(variant.trialFeature, learner.vector.trials(variant.trialFeature, now)) }));
  const { variant } = drawn.reduce((best, next) => (next.rate > best.rate ? next : best));
  return { variant, reason: { kind: 'variant-tried', text: VARIANT_TRIED_TEXT } };
};

/** The steps in order; see the top of this file. A rule that names a variant wins over the profile and the trials, never over an audience. */
export const VARIANT_STEPS: readonly VariantStep[] = [byAudience, byRule, byProfile, byTrials];

/** The variant this visitor sees, with the reason. */
export function chooseVariant<V extends Variant>(variants: readonly V[], core: Core): Choice<V> {
  let eligible = variants.filter(({ audience }) => audience === undefined || matches(core, audience));
  for (const step of VARIANT_STEPS) {
    if (!eligible.length) break;
    const outcome = step(eligible, core);
    if (Array.isArray(outcome)) eligible = outcome;
    else if (outcome) return outcome;
  }
  // One left, or none: the site's own first.
  const variant = eligible[0] ?? variants[0]!;
  return { variant, reason: { kind: 'site-order', position: variants.indexOf(variant), text: siteOrderText(variants.indexOf(variant)) } };
}
