/**
 * Containers of variants, loaded on demand where a page has one
 * (dom/drawn-later.ts): `data-attune-variants="name"` holds alternative
 * versions of one message, each a child `data-attune-variant="id"` with
 * `data-attune-features` or `data-attune-audience`. Exactly one is shown,
 * chosen for the visitor (choose-variant.ts) once per page view; its
 * impressions and clicks are what the choice learns from on later ones.
 * The same part answers `attune.variant()` (variants-from-code.ts), which
 * chooses and counts alike (variant-choices.ts).
 */
import type { Core } from '../core';
import type { DrawingTools } from './drawn-later';
import type { Variant } from './choose-variant';
import { showVariant, trialFeatureOf, watchResponses } from './variant-choices';
import { startDrawing } from './drawing';
import { setShown } from './shown';
import { VARIANTS, readFeatures, readItemId } from '../markup';
import { MAX_FEATURE_LENGTH, isText } from '../limits';
import { describeAttribute, printStacks, warn } from '../errors';

export { variantFromCode } from './variants-from-code';

const VARIANT = 'data-attune-variant';
const AUDIENCE = 'data-attune-audience';
/** Set on the container once a variant is chosen: until then the site's first alone shows (dom/watch.ts's style). */
export const CHOSEN = 'data-attune-chosen';

/** A variant in the page: its element is what shows. */
interface MarkedVariant extends Variant {
  element: Element;
}

/** Shows one variant of the container: this visitor's (`personal`), or the site's first. */
export function draw(core: Core, container: Element, personal: boolean, tools: DrawingTools): void {
  if (core.config.debug) printStacks();
  const mayChange = startDrawing(container, personal);
  if (!mayChange) return;
  const name = container.getAttribute(VARIANTS)!;
  const variants = readVariants(container, name);
  if (!variants.length) return warn(`${describeAttribute(VARIANTS, name)} ${__DEV__ ? `has no child with a valid ${VARIANT}="id"; showing it as it is` : 'has no variants'}`);
  const shown = showVariant(core, name, variants, personal, tools.record);
  if (!mayChange()) return;
  for (const { element } of variants) setShown(element, element === shown.variant.element);
  container.setAttribute(CHOSEN, shown.variant.id);
  watchResponses(shown.variant.element, shown);
  const View = container.ownerDocument.defaultView;
  if (View) container.dispatchEvent(new View.CustomEvent('attune:variant', { bubbles: true, detail: { variants: name, variant: shown.variant.id, reason: shown.reason } }));
}

/** The container's variants, in the site's order; one with a bad id or a repeated one is reported and never chosen. */
function readVariants(container: Element, name: string): MarkedVariant[] {
  const variants = new Map<string, MarkedVariant>();
  for (const element of container.children) {
    const id = readItemId(element, VARIANT);
    if (id === undefined) continue;
    const trialFeature = trialFeatureOf(name, id);
    if (variants.has(id) || !isText(trialFeature, MAX_FEATURE_LENGTH)) {
      warn(`${describeAttribute(VARIANT, id)} ${__DEV__ ? `in "${name}" is repeated, or with the container's name longer than ${MAX_FEATURE_LENGTH - 9} characters; never shown` : 'not valid'}`);
      setShown(element, false);
      continue;
    }
    const audience = element.getAttribute(AUDIENCE) ?? undefined;
    variants.set(id, { id, element, features: readFeatures(element, id), trialFeature, ...(audience && { audience }) });
  }
  return [...variants.values()];
}
