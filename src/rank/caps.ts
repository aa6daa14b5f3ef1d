import type { FeaturesOf, Moved, RerankStep } from './rerank';

/** Keeps the order, but moves each item past a cap (the N + 1st of its author) after every item within the caps. */
function applyCaps(order: number[], features: FeaturesOf, caps: Record<string, number>, moved: Moved): number[] {
  const counts = new Map<string, number>();
  // Each distinct feature's capped prefix (or '' for none), found once: a long list repeats its features.
  const prefixes = new Map<string, string>();
  const cappedPrefix = (feature: string) => {
    let prefix = prefixes.get(feature);
    if (prefix === undefined) {
      prefix = feature.slice(0, feature.indexOf(':'));
      prefixes.set(feature, (prefix = Object.prototype.hasOwnProperty.call(caps, prefix) ? prefix : ''));
    }
    return prefix;
  };
  const within: number[] = [];
  const over: number[] = [];
  for (const index of order) {
    let capped: string | undefined;
    for (const feature of features(index)) {
      const prefix = cappedPrefix(feature);
      if (prefix && (counts.get(feature) ?? 0) >= caps[prefix]!) capped = prefix;
    }
    if (capped !== undefined) {
      over.push(index);
      moved.capped.set(index, capped);
      continue;
    }
    within.push(index);
    for (const feature of features(index)) if (cappedPrefix(feature)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  return [...within, ...over];
}

/**
 * Exposure caps: at most N items sharing a feature prefix's value
 * (`author:2`) before every other item has had its place. Last in the step
 * list, so no step breaks a cap.
 */
export const caps: RerankStep = {
  pass: (order, features, settings, moved) => (Object.keys(settings.caps).length ? applyCaps(order, features, settings.caps, moved) : undefined),
};
