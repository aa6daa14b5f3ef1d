import type { ScorePart } from '../blend';
import type { PreferenceVector } from '../../profile/preference-vector';
import type { Model } from '../../model/format';
import { NEXT_TEXT } from '../../words';
import { itemRows } from '../../model/item-vectors';
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

/**
 * Each item's likelihood of coming next after the visitor's recent choices,
 * by id; undefined where nothing is known. A recent item's successors come
 * from the model's next-item part where its table lists the item, else from
 * the text the item carried when the visitor chose it (kept with the
 * interaction): the same strengths, so the same scores either way.
 */
function likelyNext(model: Model, vector: PreferenceVector, now: number): Map<string, number> | undefined {
  const { next, index, items } = model;
  const likely = new Map<string, number>();
  const add = (to: string, strength: number) => likely.set(to, (likely.get(to) ?? 0) + strength);
  for (const [item, weight] of recentChoices(vector, now)) {
    const row = index.get(item);
    if (row !== undefined) {
      if (next) for (let e = next.offsets[row]!; e < next.offsets[row + 1]!; e++) add(items[next.items[e]!]!, weight * next.values[e]! * next.scale[row]!);
      continue;
    }
    const text = vector._vectors.get(item);
    const carried = text === undefined ? undefined : itemRows(model).of(item, text)?.next;
    if (carried) for (let s = 0; s < carried.items.length; s++) add(carried.items[s]!, weight * carried.values[s]! * carried.scale);
  }
  // No successor of what the visitor just chose: nothing to say about any item.
  return likely.size ? likely : undefined;
}

/**
 * What tends to come next after what the visitor just chose, from the
 * model's next-item part: each recent choice lends its successors its weight
 * times how often they followed it in the site's logs. It follows the visitor
 * within the session: each new choice becomes the one that counts most. The
 * successors come from the model file's table, or from the vectors the
 * visitor's items carried (a site serving only the global part); a candidate
 * known either way is scored by its id.
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
    for (let i = 0; i < scores.length; i++) if (rows[i] && !known.chosen[i]) scores[i] = likely.get(pool.candidates[i]!.id) ?? 0;
    return scores;
  },
  mass: (_pool, { dense, now }) => dense?.mass(now) ?? 0,
  weight: (blend, _strength, confident) => confident * blend.next,
  reason: () => NEXT_TEXT,
};
