import type { Interaction, Reason } from '../types';
import { bucketPhrase, featureLabel } from '../rank/reasons';

const WEEK_MS = 7 * 86_400_000;
/** What the visitor did, in words. Impressions are left out: seeing is not choosing. */
const DID = new Map([
  ['click', 'opened'],
  ['view', 'read'],
  ['dwell', 'read'],
  ['scroll', 'read'],
  ['like', 'liked'],
  ['rate', 'rated'],
  ['purchase', 'bought'],
  ['search', 'searched for'],
  ['prefer', 'asked for'],
]);

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
    const label = featureLabel(reason.feature);
    if (reason.contribution < 0) return `Shown lower: you passed on ${label}`;
    // Items, not events: reading one story is a view, a dwell and a few scrolls.
    const itemsByDeed = new Map<string, Set<unknown>>();
    interactions.forEach(({ type, item, features, at }, index) => {
      const did = DID.get(type);
      if (did && now - at < WEEK_MS && features.includes(reason.feature)) {
        (itemsByDeed.get(did) ?? itemsByDeed.set(did, new Set()).get(did)!).add(item ?? index);
      }
    });
    const [did, count] = [...itemsByDeed].map(([deed, items]) => [deed, items.size] as const).sort((a, b) => b[1] - a[1])[0] ?? [];
    const when = reason.context === undefined ? '' : `, mostly ${bucketPhrase(reason.context)}`;
    return did === undefined
      ? `You showed interest in ${label} before${when}`
      : `You ${did} ${count} ${count === 1 ? 'item' : 'items'} about ${label} this week${when}`;
  });
}
