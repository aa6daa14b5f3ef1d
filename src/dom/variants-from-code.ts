/**
 * `attune.variant(name, variants)`: variants for a site that renders with
 * code (the npm module, React, Vue) rather than marking up a container. The
 * arguments are checked here, in the variants part, so the script tag carries
 * none of it; the choice and the counting of responses are the markup's own
 * (variant-choices.ts), so a name chosen both ways shows the same variant.
 */
import type { Core } from '../core';
import type { Variant as SiteVariant, VariantChoice } from '../types';
import type { Variant } from './choose-variant';
import { showVariant, trialFeatureOf, watchResponses, type RecordResponse } from './variant-choices';
import { MAX_FEATURE_LENGTH, MAX_ID_LENGTH, checkFeatures, checkText } from '../limits';
import { fail } from '../errors';

const WHERE = 'variant()';
/** Versions of one message, not a catalogue: each is tried on the visitor, so more than a few dilute what is learned. */
const MAX_VARIANTS = 20;

/** The variants offered, checked: a TypeError names the first bad one. */
function checkVariants(name: string, variants: unknown): Variant[] {
  if (!Array.isArray(variants) || !variants.length || variants.length > MAX_VARIANTS) {
    fail(WHERE, __DEV__ ? `variants must be an array of 1 to ${MAX_VARIANTS} { id, features?, audience? }` : 'variants', variants);
  }
  const ids = new Set<string>();
  return Array.from(variants, (offered: Partial<SiteVariant> | null | undefined) => {
    if (typeof offered !== 'object' || offered === null) fail(WHERE, __DEV__ ? 'each variant must be an object { id, features?, audience? }' : 'variant', offered);
    const id = checkText(offered.id, MAX_ID_LENGTH, WHERE, 'a variant’s id');
    const trialFeature = trialFeatureOf(name, id);
    if (ids.has(id) || trialFeature.length > MAX_FEATURE_LENGTH) {
      fail(WHERE, __DEV__ ? `variant ids must differ, and "variant:name/id" be at most ${MAX_FEATURE_LENGTH} characters` : 'variant id', id);
    }
    ids.add(id);
    const features = offered.features === undefined ? [] : checkFeatures(offered.features, WHERE);
    const { audience } = offered;
    if (audience !== undefined) checkText(audience, MAX_ID_LENGTH + 1, WHERE, 'a variant’s audience ("runners" or "!runners")');
    return { id, features, trialFeature, ...(audience !== undefined && { audience }) };
  });
}

/** Chooses the variant of `name` this visitor sees, and gives the site the means to count their responses to it. */
export function variantFromCode(core: Core, record: RecordResponse, name: unknown, variants: unknown): VariantChoice {
  const checked = checkText(name, MAX_ID_LENGTH, WHERE, 'name');
  const shown = showVariant(core, checked, checkVariants(checked, variants), true, record);
  return {
    id: shown.variant.id,
    reason: shown.reason,
    seen: shown.seen,
    clicked: shown.clicked,
    watch(element) {
      if (typeof (element as Element | null)?.addEventListener !== 'function' || !(element as Element).ownerDocument) {
        fail(WHERE, __DEV__ ? 'watch() takes the element that shows the variant' : 'element', element);
      }
      watchResponses(element, shown);
    },
  };
}
