/**
 * What a container of variants in the page (dom/variants.ts) and
 * `attune.variant()` from the site's code (dom/variants-from-code.ts) share
 * for one page view: the variant chosen for each name, the same however often
 * it is asked for, and the visitor's responses to it, each counted once.
 */
import type { Core } from '../core';
import type { InteractionType, TrackDetails } from '../types';
import { chooseVariant, type Choice, type Variant } from './choose-variant';
import { watchImpressions } from '../signals/auto-track';
import { siteOrderText } from '../words';
import { VARIANT_TRIAL } from '../markup';

/** The feature that counts the visitor's responses to variant `id` of message `name`, however the site offered it. */
export const trialFeatureOf = (name: string, id: string): string => `${VARIANT_TRIAL}${name}/${id}`;

/** Records an interaction as the page reports it: a bad value is a warning, never an exception. */
export type RecordResponse = (type: InteractionType, details: TrackDetails) => void;

/** The variant shown for one name on this page view, and how the visitor's responses to it are counted. */
export interface Shown<V extends Variant = Variant> extends Choice<V> {
  /** False while paused, or where the site's first is shown by default: nothing is learned or explained. */
  readonly learning: boolean;
  /** Counts an impression of the variant shown, once per page view. */
  seen(): void;
  /** Counts a click on it, once per page view, with the impression before it where none was counted. */
  clicked(): void;
}

/** What was chosen for each name, by instance, and which responses were counted. */
interface Kept {
  choice: Choice;
  seen: boolean;
  clicked: boolean;
}
const kept = new WeakMap<Core, Map<string, Kept>>();

/** The site's own first, shown while paused or before the visitor's profile is known: no choice, nothing counted. */
function siteFirst<V extends Variant>(variants: readonly V[]): Shown<V> {
  return { variant: variants[0]!, reason: { kind: 'site-order', position: 0, text: siteOrderText(0) }, learning: false, seen() {}, clicked() {} };
}

/**
 * The variant of `name` this visitor sees: chosen once per page view
 * (choose-variant.ts) and kept, for `explain(name)` too; chosen again only
 * when what it was chosen from was erased or forgotten, or when the variants
 * offered no longer hold the one kept. `personal` false: the site's first.
 */
export function showVariant<V extends Variant>(core: Core, name: string, variants: readonly V[], personal: boolean, record: RecordResponse): Shown<V> {
  if (!personal || core.settings.values.paused) return siteFirst(variants);
  const byName = kept.get(core) ?? kept.set(core, new Map()).get(core)!;
  // The reasons this page view keeps go with an erase or forget(): so does a choice made from what they forgot.
  if (!core.items.places.has(name)) byName.delete(name);
  let entry = byName.get(name);
  let variant = entry && variants.find(({ id }) => id === entry!.choice.variant.id);
  if (!entry || !variant) {
    const choice = chooseVariant(variants, core);
    entry = { choice, seen: false, clicked: false };
    byName.set(name, entry);
    variant = choice.variant;
  }
  const { reason } = entry.choice;
  // explain(name) and "Why this?" say why this version shows.
  core.items.ranked([{ id: name, score: 1, reasons: [reason] }]);
  const counted = entry;
  const seen = () => {
    if (!counted.seen) record('impression', { features: [variant.trialFeature] });
    counted.seen = true;
  };
  return {
    variant,
    reason,
    learning: true,
    seen,
    clicked() {
      if (counted.clicked) return;
      seen();
      counted.clicked = true;
      // Only the variant's own trial feature learns from being seen; a click also teaches its features, as a click on an item does.
      record('click', { features: [variant.trialFeature, ...variant.features] });
    },
  };
}

/** Elements whose responses are being counted. */
const watched = new WeakSet<Element>();

/**
 * Counts the visitor's responses to the variant shown in `element`: an
 * impression when it is at least half visible for a second, a click in it
 * (other than on a "Why this?" button). Markup containers and
 * `VariantChoice.watch()` count alike.
 */
export function watchResponses(element: Element, shown: Shown): void {
  if (!shown.learning || watched.has(element)) return;
  watched.add(element);
  const impressions = watchImpressions(element.ownerDocument, () => {
    shown.seen();
    return true;
  });
  impressions.watch(element);
  const onClick = (event: Event) => {
    if ((event.target as Element | null)?.closest?.('[data-attune-why]')) return;
    impressions.stop();
    element.removeEventListener('click', onClick, true);
    shown.clicked();
  };
  element.addEventListener('click', onClick, true);
}
