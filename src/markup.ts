import { MAX_FEATURES_PER_ITEM, MAX_FEATURE_LENGTH, MAX_ID_LENGTH } from './signals/interaction';
import { warn } from './warn';

/** The attributes a site marks its content with. */
export const SLOT = 'data-attune-slot';
export const ITEM = 'data-attune-item';
export const FEATURES = 'data-attune-features';
export const LIMIT = 'data-attune-limit';
export const PIN = 'data-attune-pin';
export const PAGE_ITEM = 'data-attune-page-item';
export const REASON = 'data-attune-reason';

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Reads an item id from an attribute; a bad one is reported and the element left alone. */
export function readItemId(element: Element, attribute: string): string | undefined {
  const id = element.getAttribute(attribute);
  if (id === null) return undefined;
  if (id.length === 0 || id.length > MAX_ID_LENGTH || CONTROL.test(id)) {
    warn(`${attribute} must be 1 to ${MAX_ID_LENGTH} printable characters; ignoring an element with ${attribute}="${id.slice(0, 40)}"`);
    return undefined;
  }
  return id;
}

/** Reads space-separated features, skipping (and reporting) any that cannot be one. */
export function readFeatures(element: Element, item: string): string[] {
  const features = new Set<string>();
  for (const feature of (element.getAttribute(FEATURES) ?? '').split(/\s+/)) {
    if (!feature) continue;
    if (feature.length > MAX_FEATURE_LENGTH || CONTROL.test(feature)) {
      warn(`${FEATURES} of item "${item}" has a feature longer than ${MAX_FEATURE_LENGTH} characters; skipping it`);
    } else if (features.size === MAX_FEATURES_PER_ITEM) {
      warn(`${FEATURES} of item "${item}" has more than ${MAX_FEATURES_PER_ITEM} features; keeping the first ${MAX_FEATURES_PER_ITEM}`);
      break;
    } else {
      features.add(feature);
    }
  }
  return [...features];
}

/** Elements under root with the attribute, root itself included. */
export function findMarked(root: ParentNode, attribute: string): Element[] {
  const found = [...root.querySelectorAll(`[${attribute}]`)];
  if ((root as Node).nodeType === 1 && (root as Element).hasAttribute(attribute)) found.unshift(root as Element);
  return found;
}
