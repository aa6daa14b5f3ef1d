import type { ScorePart } from '../blend';
import type { PreferenceVector } from '../../profile/preference-vector';
import type { Model } from '../../model/format';
import { NEXT_TEXT } from '../../words';
import { modelRows, noEvidence } from './model-rows';

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

/** Each table row's likelihood of coming next after the visitor's recent choices; undefined where nothing is known. */
function likelyNext({ next, index }: Model, vector: PreferenceVector, now: number): Map<number, number> | undefined {
  if (!next) return undefined;
  const likely = new Map<number, number>();
  for (const [item, weight] of recentChoices(vector, now)) {
    const row = index.get(item);
    if (row === undefined) continue;
    for (let e = next.offsets[row]!; e < next.offsets[row + 1]!; e++) {
      const to = next.items[e]!;
      likely.set(to, (likely.get(to) ?? 0) + weight * next.values[e]! * next.scale[row]!);
    }
  }
  // No successor of what the visitor just chose: nothing to say about any item.
  return likely.size ? likely : undefined;
}

/**
 * What tends to come next after what the visitor just chose, from the
 * model's next-item part: each recent choice lends its successors its weight
 * times how often they followed it in the site's logs. It follows the visitor
 * within the session: each new choice becomes the one that counts most. Only
 * items of the model file's table have successors: one known by the vector it
 * carried has no evidence here.
 */
export const next: ScorePart = {
  kind: 'next',
  score: (pool, settings) => {
    const known = modelRows(pool, settings);
    if (!known) return undefined;
    const scores = noEvidence(known);
    const likely = likelyNext(settings.model!, settings.vector, settings.now);
    if (!likely) return scores;
    const { rows } = known.list;
    for (let i = 0; i < scores.length; i++) {
      const row = rows[i]?.row;
      if (row !== undefined && !known.chosen[i]) scores[i] = likely.get(row) ?? 0;
    }
    return scores;
  },
  mass: (_pool, { dense, now }) => dense?.mass(now) ?? 0,
  weight: (blend, _strength, confident) => confident * blend.next,
  reason: () => NEXT_TEXT,
};
