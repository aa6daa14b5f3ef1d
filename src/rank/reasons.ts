import type { RankedItem, Reason } from '../types';
import { CALIBRATED_TEXT, DIFFERENT_TEXT, EXPLORED_TEXT, PASSED_TEXT, PINNED_TEXT, SEEN_TEXT, cappedText, interestText, siteOrderText } from '../words';
import type { BlendedPart } from './blend';
import type { Pool } from './pool';
import type { Moved } from './rerank';
import type { Demoted } from './seen';

const REASONS_PER_ITEM = 3;
/** A part, an interest, or being seen, gives a reason where it moves an item by at least this share of the list. */
const PART_REASON_MIN = 0.05;

/** What re-ranking did, and the orders it read and made, for the reasons of what it moved. */
export interface Reranked {
  moved: Moved;
  caps: Record<string, number>;
  /** The free items in the site's order, by score, and after re-ranking. */
  orders: readonly [site: ArrayLike<number>, scored: ArrayLike<number>, reranked: ArrayLike<number>];
}

/**
 * The reasons of one ranking, worded for an item when first asked for. The
 * first names what moved the item most, in the direction it moved against
 * the site's order: above its place there, what lifted it (its parts' reasons
 * and its interests, strongest first); below it, what pushed it down (turned
 * down, seen, interests it lowers), or else its place in the site's order, for
 * an item that others passed; at its place, that place. Ahead of them all,
 * what re-ranking did.
 */
export function reasonsOf(pool: Pool, parts: readonly BlendedPart[], demoted: Demoted, reranked: Reranked | undefined) {
  const interests = interestsOf(pool, parts.find(({ part }) => part.kind === 'interest')?.scale ?? 0);
  const rerankReasons = reranked && rerankReasonsOf(reranked, pool.candidates.length);
  return (index: number, place: number): Reason[] => {
    const own = (part: BlendedPart) => part.part._reasonOf?.(index) ?? part.reason;
    // Pinned by the site, or by one of its rules in its own words.
    if (pool.candidates[index]!.pinned === true) return [{ kind: 'pinned', position: index, text: parts.map((part) => part.part._reasonOf?.(index)).find(Boolean) ?? PINNED_TEXT }];
    const lifting: Extract<Reason, { contribution: number }>[] = [];
    const lowering: Reason[] = [];
    for (const part of parts) {
      const { kind } = part.part;
      const lift = part.lifts[index]!;
      const text = own(part);
      if (!text || kind === 'interest') continue;
      if (lift >= PART_REASON_MIN) lifting.push({ kind, contribution: lift, text });
      // A part that lowers an item for a reason of its own (a rule's negative boost) says so.
      else if (part.part._reasonOf && lift <= -PART_REASON_MIN) lowering.push({ kind, contribution: lift, text } as Reason);
    }
    if (demoted.passed.has(index)) lowering.push({ kind: 'passed', text: PASSED_TEXT });
    if (demoted.by[index]! >= PART_REASON_MIN) lowering.push({ kind: 'seen', text: SEEN_TEXT });
    for (const interest of interests(index)) (interest.contribution > 0 ? lifting : lowering).push(interest);
    lifting.sort((a, b) => b.contribution - a.contribution);
    const siteOrder: Reason = { kind: 'site-order', position: index, text: siteOrderText(index) };
    const reasons =
      place < index ? [...lifting, siteOrder, ...lowering] : place > index && lowering.length ? [...lowering, siteOrder, ...lifting] : [siteOrder, ...lifting, ...lowering];
    rerankReasons?.(index, reasons);
    return reasons;
  };
}

/**
 * The item's strongest features as interest reasons, `scale` being what one
 * unit of the features part added to a score. A feature's wording is the
 * same for every item with it, so a ranking words it once, when first needed.
 */
function interestsOf({ features, weights, lift, offsets, itemFeatures, reader, evidence: { prefixOf } }: Pool, scale: number) {
  // A feature below its pool share is a reason only if the visitor pushed it down.
  const strengths = lift.map((value, at) => (value > 0 || weights[at]! < 0 ? Math.abs(value) : 0));
  const buckets: (string | undefined)[] = [];
  const texts: string[] = [];
  // The strongest few features of the item at hand, by insertion; reused for every item.
  const top: number[] = [];
  return (index: number): Extract<Reason, { kind: 'interest' }>[] => {
    const reasons: Extract<Reason, { kind: 'interest' }>[] = [];
    const from = offsets[index]!;
    const to = offsets[index + 1]!;
    top.length = 0;
    for (let k = from; k < to; k++) {
      const at = itemFeatures[k]!;
      const strength = strengths[at]!;
      if (strength === 0) continue;
      let rank = top.length;
      while (rank > 0 && strengths[top[rank - 1]!]! < strength) rank--;
      if (rank < REASONS_PER_ITEM) top.splice(rank, 0, at);
      if (top.length > REASONS_PER_ITEM) top.pop();
    }
    for (const at of top) {
      const feature = features[at]!;
      if (texts[at] === undefined) {
        buckets[at] = reader.liftingBucket(feature);
        texts[at] = interestText(feature, lift[at]! > 0, buckets[at]);
      }
      // The features part averages an item's values within a prefix (parts/features.ts): a value counts its share.
      let values = 0;
      for (let k = from; k < to; k++) if (prefixOf[itemFeatures[k]!] === prefixOf[at]) values++;
      const contribution = (scale * lift[at]!) / values;
      // A crumb of interest (what merely being shown taught a topic) moves nothing a visitor would notice.
      if (Math.abs(contribution) < PART_REASON_MIN) continue;
      const reason: Extract<Reason, { kind: 'interest' }> = { kind: 'interest', feature, contribution, text: texts[at]! };
      if (buckets[at] !== undefined) reason.context = buckets[at];
      reasons.push(reason);
    }
    return reasons;
  };
}

/** Puts what re-ranking did to an item ahead of its other reasons: re-ranking moves an item last, so what it did comes first. */
function rerankReasonsOf({ moved, caps, orders }: Reranked, n: number) {
  const placesIn = (order: ArrayLike<number>) => {
    const at = new Int32Array(n);
    for (let i = 0; i < order.length; i++) at[order[i]!] = i;
    return at;
  };
  /** Each free item's place in the site's order, by score, and after re-ranking, found when a reason first needs them. */
  let places: Int32Array[] | undefined;
  return (index: number, reasons: Reason[]) => {
    const cap = moved.capped.get(index);
    if (cap !== undefined) reasons.unshift({ kind: 'capped', prefix: cap, text: cappedText(cap, caps[cap]!) });
    // Diversity and calibration lead only where they moved the item further than its score did: a story the model
    // lifted five places and diversity one more is there for the model.
    const lifted = (reason: Reason) => {
      const [site, scored, reranked] = (places ??= orders.map(placesIn)).map((at) => at[index]!) as [number, number, number];
      return scored - reranked > site - scored ? reasons.unshift(reason) : reasons.splice(1, 0, reason);
    };
    if (moved.different.has(index)) lifted({ kind: 'different', text: DIFFERENT_TEXT });
    if (moved.calibrated.has(index)) lifted({ kind: 'calibrated', text: CALIBRATED_TEXT });
    if (moved.explored.has(index)) reasons.unshift({ kind: 'explored', text: EXPLORED_TEXT });
  };
}

/**
 * A ranked item whose reasons are worded when first read, and kept: a page
 * shows the reasons of the few items in view, and wording those of every item
 * of a long list was most of the cost of ranking it (BENCHMARKS.md, "Speed
 * (Node)", with and without every item's reasons read). The accessor sits on
 * the class, so an item costs what a plain object does; `toJSON` keeps the
 * reasons in JSON. A spread (`{ ...item }`) copies id and score only, as for
 * any accessor.
 */
export class Ranked implements RankedItem {
  _reasons: Reason[] | undefined;
  constructor(
    readonly id: string,
    readonly score: number,
    /** The ranking's wording, shared by its items (no closure per item), with this item's index and place. */
    readonly _word: (index: number, place: number) => Reason[],
    readonly _index: number,
    readonly _place: number,
  ) {}

  get reasons(): Reason[] {
    return (this._reasons ??= this._word(this._index, this._place));
  }

  set reasons(given: Reason[]) {
    this._reasons = given;
  }

  toJSON(): RankedItem {
    return { id: this.id, score: this.score, reasons: this.reasons };
  }
}
