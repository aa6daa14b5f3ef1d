import type { Interaction, Reason } from '../types';
import { DEEDS, interestHistoryText } from '../words';

const WEEK_MS = 7 * 86_400_000;

/**
 * Puts an item's reasons in words a visitor understands: each in the words the
 * ranking gave it, except an interest that lifted the item, which says what
 * the visitor did this week to show it: "You read 4 items about tennis (topic) this week".
 */
export function explainReasons(reasons: readonly Reason[], interactions: readonly Interaction[], now: number): string[] {
  return reasons.map((reason) => {
    if (reason.kind !== 'interest' || reason.contribution < 0) return reason.text;
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
