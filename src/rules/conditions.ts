/**
 * Conditions on the visitor, as the site writes them in its rules and
 * audiences (types.ts, `Condition`): checked once as declared, then held
 * against what the visitor did, their interests, what they stated, the
 * context and their visits, all on the device.
 */
import type { Condition, Context, Interaction } from '../types';
import type { PreferenceVector } from '../profile/preference-vector';
import { KEY, MAX_CONTEXT_VALUE_LENGTH, MAX_FEATURE_LENGTH, MAX_ID_LENGTH, featurePrefix, isText } from '../limits';
import { audienceConditionText, contextConditionText, didText, interestShareText, statedConditionText, visitsText } from '../words';

const DAY_MS = 86_400_000;
/** Deepest nesting of all/any/not, and most conditions in one list: a rule is a sentence, not a program. */
const MAX_DEPTH = 6;
const MAX_LIST = 32;

/** What conditions are held against: the visitor as this page view knows them. */
export interface Facts {
  /** Every interaction kept, oldest first, and those of this page view. */
  readonly events: readonly Interaction[];
  readonly vector: PreferenceVector;
  readonly stated: Readonly<Record<string, string>>;
  readonly context: Context;
  /** Visits to the site, this one included. */
  readonly visits: number;
  readonly now: number;
  /** An audience's label if the visitor is in it, else undefined. */
  audience(id: string): string | undefined;
}

const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1_000_000;
const isTexts = (value: unknown, max: number) =>
  isText(value, max) || (Array.isArray(value) && value.length > 0 && value.length <= MAX_LIST && value.every((text) => isText(text, max)));

/** The checks of each kind of condition, by its key: undefined where it is well formed, else what is wrong. */
const CHECKS: Record<string, (condition: Record<string, unknown>, depth: number) => string | undefined> = {
  did: ({ did, item, feature, atLeast, withinDays }) =>
    !KEY.test(did as string)
      ? 'did must be an interaction type'
      : item !== undefined && !isText(item, MAX_ID_LENGTH)
        ? 'item must be an item id'
        : feature !== undefined && !isText(feature, MAX_FEATURE_LENGTH)
          ? 'feature must be a feature like "topic:running"'
          : atLeast !== undefined && !isCount(atLeast)
            ? 'atLeast must be a whole number ≥ 1'
            : withinDays !== undefined && !(typeof withinDays === 'number' && withinDays > 0 && withinDays <= 3650)
              ? 'withinDays must be a number of days from 0 to 3650'
              : undefined,
  interest: ({ interest, atLeast }) =>
    !isText(interest, MAX_FEATURE_LENGTH) || !featurePrefix(interest as string)
      ? 'interest must be a feature like "topic:running"'
      : !(typeof atLeast === 'number' && atLeast >= 0 && atLeast <= 1)
        ? 'atLeast must be a share from 0 to 1'
        : undefined,
  attribute: ({ attribute, is }) =>
    !KEY.test(attribute as string) ? 'attribute must be a name like "diet"' : is !== undefined && !isTexts(is, 200) ? 'is must be a text or a list of texts' : undefined,
  context: ({ context, is }) =>
    !KEY.test(context as string) ? 'context must be a key like "device"' : !isTexts(is, MAX_CONTEXT_VALUE_LENGTH) ? 'is must be a text or a list of texts' : undefined,
  audience: ({ audience }) => (isText(audience, 64) ? undefined : 'audience must be an audience id'),
  visits: ({ visits }) => (isCount(visits) ? undefined : 'visits must be a whole number ≥ 1'),
  all: ({ all }, depth) => checkList(all, depth),
  any: ({ any }, depth) => checkList(any, depth),
  not: ({ not }, depth) => checkCondition(not, depth + 1),
};

function checkList(list: unknown, depth: number): string | undefined {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_LIST) return `a list of 1 to ${MAX_LIST} conditions`;
  for (const condition of list) {
    const problem = checkCondition(condition, depth + 1);
    if (problem) return problem;
  }
}

/** What is wrong with a condition (or a list of them, all of which must hold), or undefined where it is well formed. */
export function checkCondition(condition: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return `conditions nested deeper than ${MAX_DEPTH}`;
  if (Array.isArray(condition)) return checkList(condition, depth);
  if (typeof condition !== 'object' || condition === null) return 'a condition must be an object';
  const kinds = Object.keys(condition).filter((key) => Object.prototype.hasOwnProperty.call(CHECKS, key));
  if (kinds.length !== 1) return `a condition has one of ${Object.keys(CHECKS).join(', ')}`;
  return CHECKS[kinds[0]!]!(condition as Record<string, unknown>, depth);
}

/** Whether a checked condition reads the visitor's history (what they did, their visits), which costs a read of storage. */
export function readsHistory(condition: Condition | readonly Condition[]): boolean {
  if (Array.isArray(condition)) return condition.some(readsHistory);
  const given = condition as Condition;
  if ('all' in given) return readsHistory(given.all);
  if ('any' in given) return readsHistory(given.any);
  if ('not' in given) return readsHistory(given.not);
  return 'did' in given || 'visits' in given;
}

/** How often the visitor did what a `did` condition names, within its window. */
function countDeeds({ did, item, feature, withinDays }: Extract<Condition, { did: string }>, facts: Facts): number {
  const since = withinDays === undefined ? -Infinity : facts.now - withinDays * DAY_MS;
  let count = 0;
  for (const event of facts.events) {
    if (event.at < since || (did !== 'any' && event.type !== did)) continue;
    if (item !== undefined && event.item !== item) continue;
    if (feature !== undefined && !event.features.includes(feature)) continue;
    count++;
  }
  return count;
}

const oneOf = (value: string | undefined, is: string | string[]) => value !== undefined && (Array.isArray(is) ? is.includes(value) : is === value);

/**
 * Whether a checked condition holds: the reasons it does, in words (none for
 * a `not`, which holds for what did not happen), or undefined where it does not.
 */
export function holds(condition: Condition | Condition[], facts: Facts): string[] | undefined {
  if (Array.isArray(condition)) return allHold(condition, facts);
  if ('all' in condition) return allHold(condition.all, facts);
  if ('any' in condition) {
    for (const part of condition.any) {
      const reasons = holds(part, facts);
      if (reasons) return reasons;
    }
    return undefined;
  }
  if ('not' in condition) return holds(condition.not, facts) ? undefined : [];
  return holdsOne(condition, facts);
}

function allHold(conditions: readonly Condition[], facts: Facts): string[] | undefined {
  const reasons: string[] = [];
  for (const part of conditions) {
    const more = holds(part, facts);
    if (!more) return undefined;
    reasons.push(...more);
  }
  return reasons;
}

/** A condition that is not a combination: the one reason it holds, or undefined. */
function holdsOne(condition: Condition, facts: Facts): string[] | undefined {
  if ('did' in condition) {
    const times = countDeeds(condition, facts);
    return times >= (condition.atLeast ?? 1) ? [didText(condition.did, condition.item ?? condition.feature, times, condition.withinDays)] : undefined;
  }
  if ('interest' in condition) {
    const share = facts.vector.mix(featurePrefix(condition.interest), facts.now).get(condition.interest) ?? 0;
    return share > 0 && share >= condition.atLeast ? [interestShareText(condition.interest, share)] : undefined;
  }
  if ('attribute' in condition) {
    const value = facts.stated[condition.attribute];
    return value !== undefined && (condition.is === undefined || oneOf(value, condition.is)) ? [statedConditionText(condition.attribute, value)] : undefined;
  }
  if ('context' in condition) {
    const value = facts.context[condition.context];
    return oneOf(value, condition.is) ? [contextConditionText(condition.context, value!)] : undefined;
  }
  if ('audience' in condition) {
    const label = facts.audience(condition.audience);
    return label === undefined ? undefined : [audienceConditionText(label)];
  }
  if ('visits' in condition) return facts.visits >= condition.visits ? [visitsText(facts.visits)] : undefined;
  return undefined;
}
