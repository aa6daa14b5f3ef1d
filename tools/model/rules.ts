/**
 * "Visitors who bought A also bought B", mined from the logs: association
 * rules (Agrawal, Imieliński and Swami 1993) over each user's set of items of
 * one interaction type, kept where they are common, reliable and more than
 * chance, and written into the model file as rules the SDK applies on the
 * device beside the site's own (src/rules/mined-rules.ts).
 *
 * For a rule A → B over N users: support = users with both / N; confidence =
 * users with both / users with A, the share of A's users who also have B;
 * lift = confidence / (users with B / N), how many times likelier B is with A
 * than without knowing it.
 */
import type { ModelRules } from '../../src/model/format';
import { MAX_MINED_RULES, MAX_RULE_BOOST } from '../../src/model/format';
import { DEFAULT_INTERACTION_WEIGHTS } from '../../src/profile/interaction-weights';
import type { LoggedInteraction } from './build';

/** How rules are mined: the thresholds a rule must pass, how many are kept, and how far they lift. */
export interface RuleSettings {
  /** The interaction type mined; by default the type the logs weigh most (see `weighedMost`). */
  type?: string;
  /** Least share of users who have both items. */
  minSupport: number;
  /** Least share of the first item's users who also have the second. */
  minConfidence: number;
  /** Least lift: how many times likelier the second item is with the first. */
  minLift: number;
  /** Most rules kept, highest lift first; 0 mines none. */
  max: number;
  /** The boost of a rule of confidence 1, in the score's units (the site's order spans 1); a rule lifts by this × its confidence. */
  boost: number;
}

/**
 * The defaults, chosen by what they yield on the two replay datasets (bench/rules.mjs):
 * at least 1 % of users (7 on MovieLens, 41 on the retail data: a rule rests on several
 * users, while a lower least support keeps pairs a handful share, of median lift 122 on
 * MovieLens), confidence 20 % and lift 2 (twice as likely as chance); at most 100 rules,
 * under 1 KB gzip in the file's header. The boost is the one of 0.25, 0.5, 1 and 2 that
 * makes no replay figure worse, as reported, on either dataset.
 */
export const DEFAULT_RULES: RuleSettings = { minSupport: 0.01, minConfidence: 0.2, minLift: 2, max: 100, boost: 2 };

/** A rule as mined, with its measures, before it is written. */
export interface MinedRule {
  from: string;
  to: string;
  support: number;
  confidence: number;
  lift: number;
}

/** What mining found: the rules kept for the model file, and what they rest on. */
export interface RuleMiningReport {
  type: string;
  /** Users with at least one interaction of the type. */
  users: number;
  /** Rules that passed the thresholds, before `max`. */
  found: number;
  /** The rules kept, highest lift first. */
  kept: MinedRule[];
  /** As the model file holds them; undefined where none was kept. */
  rules?: ModelRules;
}

/**
 * The type the logs weigh most: the one whose lines have the highest mean
 * weight, ties (as in logs without weights) broken by the SDK's default weight
 * of the type (a purchase over a click), then by the number of lines.
 * `untyped` is the type of lines that name none.
 */
export function weighedMost(interactions: readonly LoggedInteraction[], untyped: string): string {
  const totals = new Map<string, { weight: number; lines: number }>();
  for (const { type = untyped, weight = 1 } of interactions) {
    const total = totals.get(type) ?? { weight: 0, lines: 0 };
    total.weight += weight;
    total.lines++;
    totals.set(type, total);
  }
  let best = untyped;
  let key = [-Infinity, -Infinity, -Infinity];
  for (const [type, { weight, lines }] of totals) {
    const candidate = [weight / lines, DEFAULT_INTERACTION_WEIGHTS[type] ?? 0, lines];
    // Compared as a list: the first measure that differs decides.
    const differs = candidate.findIndex((value, at) => value !== key[at]);
    if (differs >= 0 && candidate[differs]! > key[differs]!) (best = type), (key = candidate);
  }
  return best;
}

/** Each user's distinct items of the type, as indices into `items`. */
function basketsOf(interactions: readonly LoggedInteraction[], type: string, untyped: string): { items: string[]; baskets: number[][] } {
  const items: string[] = [];
  const indexOf = new Map<string, number>();
  const byUser = new Map<string, Set<number>>();
  for (const interaction of interactions) {
    if ((interaction.type ?? untyped) !== type) continue;
    let index = indexOf.get(interaction.item);
    if (index === undefined) indexOf.set(interaction.item, (index = items.push(interaction.item) - 1));
    const basket = byUser.get(interaction.user) ?? byUser.set(interaction.user, new Set()).get(interaction.user)!;
    basket.add(index);
  }
  return { items, baskets: [...byUser.values()].map((basket) => [...basket]) };
}

/**
 * Counts of the pairs of frequent items users share, upper triangle. Items
 * below the least support cannot be in a rule, so only frequent ones are
 * counted: what the count costs grows with them, not with the catalogue.
 */
function pairCounts(baskets: readonly number[][], frequent: Int32Array, f: number): (a: number, b: number) => number {
  const cell = (a: number, b: number) => a * f - (a * (a + 1)) / 2 + (b - a - 1);
  const counts = new Uint32Array((f * (f - 1)) / 2);
  for (const basket of baskets) {
    const kept = basket.map((item) => frequent[item]!).filter((index) => index >= 0).sort((a, b) => a - b);
    for (let i = 0; i < kept.length; i++) for (let j = i + 1; j < kept.length; j++) counts[cell(kept[i]!, kept[j]!)]++;
  }
  return (a, b) => counts[a < b ? cell(a, b) : cell(b, a)]!;
}

/** Orders rules highest lift first, then highest confidence, then by ids, so the same logs keep the same rules. */
const byStrength = (x: MinedRule, y: MinedRule) =>
  y.lift - x.lift || y.confidence - x.confidence || (x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : x.to > y.to ? 1 : 0);

/** The boost of a rule, to the thousandth, at least that: the file refuses a boost of 0. */
const boostOf = (rule: MinedRule, boost: number) => Math.min(MAX_RULE_BOOST, Math.max(0.001, Math.round(boost * rule.confidence * 1000) / 1000));

/** Rules as the model file holds them, each lifting by `boost` × its confidence; undefined for none. */
export function modelRules(type: string, kept: readonly MinedRule[], boost: number): ModelRules | undefined {
  return kept.length ? { did: type, pairs: kept.map((rule) => [rule.from, rule.to, boostOf(rule, boost)]) } : undefined;
}

/**
 * Mines "did A → B" rules from the logs: over each user's set of items of
 * one interaction type (lines without a type are `untyped`), every ordered
 * pair of items that passes the thresholds, the `max` of highest lift kept.
 * User ids only group the lines: the rules name items only.
 */
export function mineRules(interactions: readonly LoggedInteraction[], settings: RuleSettings, untyped: string): RuleMiningReport {
  const type = settings.type ?? weighedMost(interactions, untyped);
  const { items, baskets } = basketsOf(interactions, type, untyped);
  const users = baskets.length;
  const report: RuleMiningReport = { type, users, found: 0, kept: [] };
  if (!users || settings.max === 0) return report;
  const userCounts = new Uint32Array(items.length);
  for (const basket of baskets) for (const item of basket) userCounts[item]++;
  // A pair seen in one user's history is that user's habit, not a rule: two at least.
  const least = Math.max(2, Math.ceil(settings.minSupport * users));
  const frequent = new Int32Array(items.length).fill(-1);
  const rows: number[] = [];
  userCounts.forEach((count, item) => count >= least && (frequent[item] = rows.push(item) - 1));
  const both = pairCounts(baskets, frequent, rows.length);
  const found: MinedRule[] = [];
  for (let a = 0; a < rows.length; a++) {
    for (let b = 0; b < rows.length; b++) {
      if (a === b) continue;
      const shared = both(a, b);
      if (shared < least) continue;
      const from = userCounts[rows[a]!]!;
      const to = userCounts[rows[b]!]!;
      const rule = { from: items[rows[a]!]!, to: items[rows[b]!]!, support: shared / users, confidence: shared / from, lift: (shared * users) / (from * to) };
      if (rule.confidence >= settings.minConfidence && rule.lift >= settings.minLift) found.push(rule);
    }
  }
  found.sort(byStrength);
  report.found = found.length;
  report.kept = found.slice(0, Math.min(settings.max, MAX_MINED_RULES));
  const rules = modelRules(type, report.kept, settings.boost);
  if (rules) report.rules = rules;
  return report;
}
