/**
 * The site's rules in a ranking, before re-ranking: the items a holding rule
 * hides are left out (or, for `only`, every other item), those it pins are
 * moved to their places and pinned, and its boosts are a score part whose
 * reason is the rule's own ("Because you bought the trail shoes"). The rules
 * the site's model mined from its logs only boost, and only items no holding
 * rule of the site names: where both speak of an item, the site's rule wins.
 */
import type { Candidate, Rule, RuleAction } from '../types';
import type { ScorePart } from '../rank/blend';
import type { Facts } from './conditions';
import { holds } from './conditions';
import { becauseText } from '../words';

/** A rule that holds now, with its words. */
interface Holding {
  rule: Rule;
  text: string;
}

/** Whether an action names the candidate, by id or by one of its features. */
function names({ items, features }: RuleAction, candidate: Candidate): boolean {
  return !!items?.includes(candidate.id) || !!(features && candidate.features?.some((feature) => features.includes(feature)));
}

/** The rules that hold for these facts, each with its reason: the site's words, else worded from what made it hold. */
export function holdingRules(rules: readonly Rule[], facts: Facts): Holding[] {
  const holding: Holding[] = [];
  for (const rule of rules) {
    const reasons = holds(rule.when, facts);
    if (reasons) holding.push({ rule, text: rule.reason ?? becauseText(reasons[0]) });
  }
  return holding;
}

/**
 * The candidates as the holding rules leave them: shown only where an `only`
 * rule names them, out where a `hide` rule does, and the first each `pin`
 * rule names at its place (the lowest place first), pinned there.
 */
function arrange(candidates: readonly Candidate[], holding: readonly Holding[], because: Map<Candidate, string>): Candidate[] {
  let arranged = candidates.filter((candidate) => typeof candidate === 'object' && candidate !== null);
  // A malformed candidate is the ranking's to refuse, with its own error.
  if (arranged.length !== candidates.length) return candidates.slice();
  for (const { rule } of holding) {
    const { then } = rule;
    if ('only' in then) arranged = arranged.filter((candidate) => names(then, candidate));
    if ('hide' in then) arranged = arranged.filter((candidate) => !names(then, candidate));
  }
  const pins = holding.filter(({ rule }) => 'pin' in rule.then).sort((a, b) => (a.rule.then as { pin: number }).pin - (b.rule.then as { pin: number }).pin);
  for (const { rule, text } of pins) {
    const at = arranged.findIndex((candidate) => !candidate.pinned && names(rule.then, candidate));
    if (at < 0) continue;
    const [candidate] = arranged.splice(at, 1);
    const pinned = { ...candidate!, pinned: true };
    arranged.splice(Math.min((rule.then as { pin: number }).pin, arranged.length), 0, pinned);
    because.set(pinned, text);
  }
  return arranged;
}

/**
 * The score part of the holding rules' boosts, in the score's own units (the site's order spans 1), each item's reason the strongest rule's;
 * the mined rules' boosts for the items none of the site's names.
 */
function boostPart(candidates: readonly Candidate[], holding: readonly Holding[], mined: readonly Holding[], because: Map<Candidate, string>): ScorePart {
  const boosts = new Float64Array(candidates.length);
  const texts: (string | undefined)[] = candidates.map((candidate) => because.get(candidate));
  const strongest = new Float64Array(candidates.length);
  const sitesOwn = mined.length ? candidates.map((candidate) => holding.some(({ rule }) => names(rule.then, candidate))) : [];
  const add = (rules: readonly Holding[], isMined: boolean) => {
    for (const { rule, text } of rules) {
      if (!('boost' in rule.then)) continue;
      const { boost } = rule.then;
      candidates.forEach((candidate, index) => {
        if (!names(rule.then, candidate) || (isMined && sitesOwn[index])) return;
        boosts[index] += boost;
        if (Math.abs(boost) > strongest[index]!) (strongest[index] = Math.abs(boost)), (texts[index] = text);
      });
    }
  };
  add(holding, false);
  add(mined, true);
  return {
    kind: 'rule',
    score: () => boosts,
    units: 'log-odds',
    // The site's own decision: as strong as the site wrote it, whatever the visitor's profile.
    weight: () => 1,
    _reasonOf: (index) => texts[index],
  };
}

/** The site's rules, and the model's `mined` rules, for one ranking: undefined where none holds. */
export function applyRules(
  candidates: readonly Candidate[],
  holding: readonly Holding[],
  mined: readonly Holding[] = [],
): { candidates: Candidate[]; part: ScorePart } | undefined {
  if ((!holding.length && !mined.length) || !Array.isArray(candidates)) return undefined;
  const because = new Map<Candidate, string>();
  const arranged = arrange(candidates, holding, because);
  return { candidates: arranged, part: boostPart(arranged, holding, mined, because) };
}
