import type { Interaction, Reason } from '../types';
import { DEEDS, featureLabel, interestHistoryText } from '../words';

const WEEK_MS = 7 * 86_400_000;

/**
 * Puts an item's reasons in words a visitor understands, with this week's
 * interactions behind each interest: "You read 4 items about tennis this week".
 */
export function explainReasons(reasons: readonly Reason[], interactions: readonly Interaction[], now: number): string[] {
  return reasons.map((reason) => {
    if (reason.kind === 'pinned') return 'Pinned by the editors';
    if (reason.kind === 'site-order') {
      return reason.position === 0 ? 'The site’s top pick' : `Placed by the site at #${reason.position + 1}`;
    }
    if (reason.kind !== 'interest') return reason.text;
    if (reason.contribution < 0) return `Shown lower: you passed on ${featureLabel(reason.feature)}`;
    // Items, not events: reading one story is a view, a dwell and a few scrolls.
    const itemsByDeed = new Map<string, Set<unknown>>();
    interactions.forEach(({ type, item, features, at }, index) => {
      const deed = DEEDS.get(type);
      if (deed && now - at < WEEK_MS && features.includes(reason.feature)) {
        (itemsByDeed.get(deed) ?? itemsByDeed.set(deed, new Set()).get(deed)!).add(item ?? index);
      }
    });
    const [deed, items = 0] = [...itemsByDeed].map(([deed, items]) => [deed, items.size] as const).sort((a, b) => b[1] - a[1])[0] ?? [];
    return interestHistoryText(reason.feature, deed, items, reason.context);
  });
}
