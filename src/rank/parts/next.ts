import type { ScorePart } from '../blend';
import type { PreferenceVector } from '../../profile/preference-vector';
import { NEXT_TEXT } from '../../words';
import { scoreRows } from './model-rows';

/** How many of the visitor's latest steps are read: what they did just now, not their whole history. */
const RECENT_STEPS = 5;
/** Each step further back counts this much of the one after it, so the last choice counts most. */
const STEP_DECAY = 0.5;

/**
 * The visitor's latest choices, newest first, each with how much it counts:
 * 1 for the items of the last step, halving per step back. Read from the
 * item weights the profile keeps anyway (each item's latest interaction
 * time), so nothing new is kept about the visitor; items chosen at one
 * moment are one step, as the model builder counts them.
 */
function recentChoices(vector: PreferenceVector, now: number): [string, number][] {
  const latest = [...vector._items].filter(([, { w, t }]) => w > 0 && t <= now).sort((a, b) => b[1].t - a[1].t);
  const recent: [string, number][] = [];
  // The first step met multiplies this by the decay: it counts 1.
  let weight = 1 / STEP_DECAY;
  let step = NaN;
  let steps = 0;
  for (const [item, { t }] of latest) {
    if (t !== step && ++steps > RECENT_STEPS) break;
    if (t !== step) (weight *= STEP_DECAY), (step = t);
    recent.push([item, weight]);
  }
  return recent;
}

/**
 * What tends to come next after what the visitor just chose, from the
 * model's next-item part: each recent choice lends its successors its weight
 * times how often they followed it in the site's logs. It follows the visitor
 * within the session: each new choice becomes the one that counts most.
 */
export const next: ScorePart = {
  kind: 'next',
  score: (pool, settings) =>
    scoreRows(pool, settings, ({ next, index }) => {
      if (!next) return undefined;
      const likely = new Map<number, number>();
      for (const [item, weight] of recentChoices(settings.vector, settings.now)) {
        const row = index.get(item);
        if (row === undefined) continue;
        for (let e = next.offsets[row]!; e < next.offsets[row + 1]!; e++) {
          const to = next.items[e]!;
          likely.set(to, (likely.get(to) ?? 0) + weight * next.values[e]! * next.scale[row]!);
        }
      }
      // No successor of what the visitor just chose: nothing to say about any item.
      return likely.size ? (row) => likely.get(row) ?? 0 : undefined;
    }),
  mass: (_pool, { dense, now }) => dense?.mass(now) ?? 0,
  weight: (blend, _strength, confident) => confident * blend.next,
  reason: () => NEXT_TEXT,
};
