/**
 * The site's rules and audiences as declared, in the options or in a JSON
 * block in the page, checked one by one: a malformed one is left out with
 * one `[attune]` warning that names it, and the others apply. Nothing of them
 * ever becomes markup: their words reach the page as text only.
 */
import type { AudienceDefinition, Rule, RuleAction } from '../types';
import { MAX_FEATURE_LENGTH, MAX_ID_LENGTH, MAX_RULES, isText } from '../limits';
import { describe, warn } from '../errors';
import { checkCondition } from './conditions';

/**
 * Largest JSON rules block read, in characters: 200 rules of a few lines each
 * fit in 64 KB; a larger block is a mistake (or an injection), and parsing it
 * would hold up the page's first paint.
 */
export const MAX_RULES_BLOCK = 65_536;
/** Longest reason or label: one line a visitor reads. */
const MAX_WORDS = 120;
/** Most items or features one action names. */
const MAX_TARGETS = 100;

const ID = /^[\w-]{1,64}$/;

const isList = (value: unknown, max: number) =>
  value === undefined || (Array.isArray(value) && value.length <= MAX_TARGETS && value.every((entry) => isText(entry, max)));

/** What is wrong with a rule's action, or undefined. */
function checkAction(action: unknown): string | undefined {
  if (typeof action !== 'object' || action === null) return 'then must be an object';
  const { items, features, ...kind } = action as RuleAction & Record<string, unknown>;
  if (!isList(items, MAX_ID_LENGTH) || !isList(features, MAX_FEATURE_LENGTH)) return `items and features must be lists of at most ${MAX_TARGETS} ids and features`;
  if (!items?.length && !features?.length) return 'then names no items or features';
  const kinds = Object.keys(kind);
  if (kinds.length !== 1) return 'then has one of boost, pin, hide, only';
  const { boost, pin, hide, only } = kind as Record<string, unknown>;
  if ('boost' in kind) return typeof boost === 'number' && boost >= -10 && boost <= 10 ? undefined : 'boost must be a number from -10 to 10';
  if ('pin' in kind) return Number.isInteger(pin) && (pin as number) >= 0 && (pin as number) < 1000 ? undefined : 'pin must be a place from 0';
  if ('hide' in kind) return hide === true ? undefined : 'hide must be true';
  if ('only' in kind) return only === true ? undefined : 'only must be true';
  return 'then has one of boost, pin, hide, only';
}

/** What is wrong with a rule, or undefined. */
function checkRule(rule: Partial<Rule>): string | undefined {
  if (rule.reason !== undefined && !isText(rule.reason, MAX_WORDS)) return `reason must be 1 to ${MAX_WORDS} printable characters`;
  return checkCondition(rule.when) ?? checkAction(rule.then);
}

function checkAudience(audience: Partial<AudienceDefinition>): string | undefined {
  if (audience.label !== undefined && !isText(audience.label, MAX_WORDS)) return `label must be 1 to ${MAX_WORDS} printable characters`;
  return checkCondition(audience.when);
}

/** Keeps the well-formed declarations of one kind, each id once, warning once for each left out. */
function keepChecked<T extends { id: string }>(declared: unknown, kind: string, check: (declaration: Partial<T>) => string | undefined, taken: Set<string>): T[] {
  if (declared === undefined) return [];
  if (!Array.isArray(declared)) {
    warn(`${kind}s must be a list${__DEV__ ? `, got ${describe(declared)}; leaving them out` : ''}`);
    return [];
  }
  const kept: T[] = [];
  for (const [index, declaration] of declared.entries()) {
    const { id } = (declaration ?? {}) as Partial<T>;
    const problem =
      typeof declaration !== 'object' || declaration === null
        ? `a ${kind} must be an object`
        : !ID.test(id as string)
          ? 'id must be 1 to 64 letters, digits, "-" or "_"'
          : taken.has(id!)
            ? 'its id is taken by another'
            : taken.size >= MAX_RULES
              ? `more than ${MAX_RULES}`
              : check(declaration as Partial<T>);
    if (problem) warn(`${kind} ${ID.test(id as string) ? `"${id}"` : index}: ${__DEV__ ? `${problem}; leaving it out` : 'not valid'}`);
    else kept.push(declaration as T), taken.add(id!);
  }
  return kept;
}

/** The site's declarations, checked: rules and audiences kept apart, each with ids of its own. */
export class Declarations {
  readonly rules: Rule[] = [];
  readonly audiences: AudienceDefinition[] = [];
  readonly _ruleIds = new Set<string>();
  readonly _audienceIds = new Set<string>();
  /** Blocks read already: a block is read once, however often the page is scanned. */
  readonly _blocks = new WeakSet<Element>();

  add(rules: unknown, audiences: unknown): void {
    this.rules.push(...keepChecked<Rule>(rules, 'rule', checkRule, this._ruleIds));
    this.audiences.push(...keepChecked<AudienceDefinition>(audiences, 'audience', checkAudience, this._audienceIds));
  }

  /**
   * Adds a `<script type="application/json" data-attune-rules>` block: a list
   * of rules, or `{ "rules": [...], "audiences": [...] }`. A block too large
   * or not JSON is left out with one warning.
   */
  addBlock(block: Element): void {
    if (this._blocks.has(block)) return;
    this._blocks.add(block);
    const text = block.textContent ?? '';
    if (text.length > MAX_RULES_BLOCK) {
      warn(`a data-attune-rules block ${__DEV__ ? `has ${text.length} characters, more than ${MAX_RULES_BLOCK}; leaving it out` : 'is too large'}`);
      return;
    }
    let declared: unknown;
    try {
      declared = JSON.parse(text);
    } catch (error) {
      warn(__DEV__ ? 'a data-attune-rules block is not JSON; leaving it out' : 'bad rules block', error);
      return;
    }
    if (Array.isArray(declared)) this.add(declared, undefined);
    else if (typeof declared === 'object' && declared !== null) this.add((declared as { rules?: unknown }).rules, (declared as { audiences?: unknown }).audiences);
    else warn(__DEV__ ? 'a data-attune-rules block must hold a list of rules or { "rules": [...], "audiences": [...] }' : 'bad rules block');
  }
}
