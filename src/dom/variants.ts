/**
 * Containers of variants, loaded on demand where a page has one
 * (dom/drawn-later.ts): `data-attune-variants="name"` holds alternative
 * versions of one message, each a child `data-attune-variant="id"` with
 * `data-attune-features` or `data-attune-audience`. Exactly one is shown,
 * chosen for the visitor (choose-variant.ts) once per page view; its
 * impressions and clicks are what the choice learns from on later ones.
 */
import type { Core } from '../core';
import type { DrawingTools } from './drawn-later';
import { chooseVariant, type Choice, type Variant } from './choose-variant';
import { startDrawing } from './drawing';
import { setShown } from './shown';
import { watchImpressions } from '../signals/auto-track';
import { VARIANTS, VARIANT_TRIAL, readFeatures, readItemId } from '../markup';
import { MAX_FEATURE_LENGTH, isText } from '../limits';
import { siteOrderText } from '../words';
import { describeAttribute, printStacks, warn } from '../errors';

const VARIANT = 'data-attune-variant';
const AUDIENCE = 'data-attune-audience';
/** Set on the container once a variant is chosen: until then the site's first alone shows (dom/watch.ts's style). */
export const CHOSEN = 'data-attune-chosen';

/** Each instance's choices for this page view, by container name: a container drawn again shows the same variant. */
const choices = new WeakMap<Core, Map<string, Choice>>();
/** Containers whose responses are being counted. */
const counted = new WeakSet<Element>();

/** Shows one variant of the container: this visitor's (`personal`), or the site's first. */
export function draw(core: Core, container: Element, personal: boolean, tools: DrawingTools): void {
  if (core.config.debug) printStacks();
  const mayChange = startDrawing(container, personal);
  if (!mayChange) return;
  const name = container.getAttribute(VARIANTS)!;
  const variants = readVariants(container, name);
  if (!variants.length) return warn(`${describeAttribute(VARIANTS, name)} ${__DEV__ ? `has no child with a valid ${VARIANT}="id"; showing it as it is` : 'has no variants'}`);
  const learning = personal && !core.settings.values.paused;
  const chosen = choices.get(core) ?? choices.set(core, new Map()).get(core)!;
  // The reasons this page view keeps go with an erase or forget(): so does a choice made from what they forgot.
  if (!core.items.places.has(name)) chosen.delete(name);
  const choice: Choice = learning
    ? chosen.get(name) ?? chosen.set(name, chooseVariant(variants, core)).get(name)!
    : { variant: variants[0]!, reason: { kind: 'site-order', position: 0, text: siteOrderText(0) } };
  if (!mayChange()) return;
  for (const { element } of variants) setShown(element, element === choice.variant.element);
  container.setAttribute(CHOSEN, choice.variant.id);
  if (learning) {
    // explain(name) and "Why this?" say why this version shows.
    core.items.ranked([{ id: name, score: 1, reasons: [choice.reason] }]);
    countResponses(container, choice.variant, tools);
  }
  const View = container.ownerDocument.defaultView;
  if (View) container.dispatchEvent(new View.CustomEvent('attune:variant', { bubbles: true, detail: { variants: name, variant: choice.variant.id, reason: choice.reason } }));
}

/** The container's variants, in the site's order; one with a bad id or a repeated one is reported and never chosen. */
function readVariants(container: Element, name: string): Variant[] {
  const variants = new Map<string, Variant>();
  for (const element of container.children) {
    const id = readItemId(element, VARIANT);
    if (id === undefined) continue;
    const trialFeature = `${VARIANT_TRIAL}${name}/${id}`;
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

/**
 * Counts the visitor's response to the variant shown, once per page view: an
 * impression when it is at least half visible for a second (or first
 * clicked), a click on it. Only the variant's own trial feature learns from
 * being seen; a click also teaches its features, as a click on an item does.
 */
function countResponses(container: Element, variant: Variant, { record }: DrawingTools): void {
  if (counted.has(container)) return;
  counted.add(container);
  let seen = false;
  const impression = () => {
    if (!seen) record('impression', { features: [variant.trialFeature] });
    return (seen = true);
  };
  const impressions = watchImpressions(container.ownerDocument, impression);
  impressions.watch(variant.element);
  const onClick = (event: Event) => {
    const target = event.target as Element | null;
    if (!variant.element.contains(target) || target?.closest('[data-attune-why]')) return;
    impression();
    impressions.stop();
    container.removeEventListener('click', onClick, true);
    record('click', { features: [variant.trialFeature, ...variant.features] });
  };
  container.addEventListener('click', onClick, true);
}
