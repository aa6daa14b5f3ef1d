/**
 * What the checks found on each page, by property, and the table of how many
 * pages each property holds on: what the behaviour tests print.
 */
import type { Verdict } from './properties';

/** The properties, in the order the table lists them. */
export const PROPERTIES = [
  'a. read topic in view',
  'a. rest in view',
  'a. half the view open to the rest',
  'b. dislike leaves view (new visitor)',
  'b. dislike leaves view (after reads)',
  'c. Less moves down',
  'c. Less leaves view',
  'c. More moves up',
  'd. pinned items stay',
  'd. no history: site order',
  'e. pushed down: not a site pick',
  'e. below site place: not lifted',
  'e. above site place: not "Lower"',
  'e. interest reason true to profile',
  'e. one wording per kind',
  'e. explain() agrees with rank()',
  'slot: read topic in view',
  'slot: Not for me leaves view',
  'slot: pinned items stay',
  'slot: no history: site order',
  'slot: reason lines and order = rank()',
  'slot: "Why this?" says explain()',
] as const;
export type Property = (typeof PROPERTIES)[number];

/** One page's verdicts; a property checked in several scenarios holds on the page only if it holds in each. */
export class PageVerdicts {
  readonly failures = new Map<Property, string>();
  readonly checked = new Set<Property>();

  constructor(readonly seed: number) {}

  record(property: Property, scenario: string, verdict: Verdict): void {
    if (verdict === undefined) return;
    this.checked.add(property);
    if (!verdict.holds && !this.failures.has(property)) this.failures.set(property, `${scenario}: ${verdict.why}`);
  }
}

export interface Tally {
  property: Property;
  /** Pages the property was checked on, and those it held on. */
  checked: number;
  held: number;
  /** Every failing page, with why. */
  failures: { seed: number; why: string }[];
}

export function tally(pages: readonly PageVerdicts[]): Tally[] {
  return PROPERTIES.map((property) => {
    const checkedOn = pages.filter((page) => page.checked.has(property));
    const failures = checkedOn.flatMap((page) => (page.failures.has(property) ? [{ seed: page.seed, why: page.failures.get(property)! }] : []));
    return { property, checked: checkedOn.length, held: checkedOn.length - failures.length, failures };
  });
}

/** The table: per property, on how many of the pages it was checked on it holds, and the first failing seeds. */
export function tallyTable(tallies: readonly Tally[], pages: number): string {
  const width = Math.max(...tallies.map(({ property }) => property.length));
  const rows = tallies.map(({ property, checked, held, failures }) => {
    const share = checked ? `${((100 * held) / checked).toFixed(0).padStart(3)} %` : '   – ';
    const seeds = failures.length ? `  fails on seeds ${failures.slice(0, 8).map(({ seed }) => seed).join(', ')}${failures.length > 8 ? ', …' : ''}` : '';
    return `${property.padEnd(width)}  ${String(held).padStart(3)} / ${String(checked).padEnd(3)} ${share}${seeds}`;
  });
  return [`Behaviour on ${pages} generated pages (held / checked on):`, ...rows].join('\n');
}
