/**
 * The audit report as tables of text cells, for the terminal and for
 * BENCHMARKS.md alike: one row per setting, and the exposure of the largest
 * categories.
 */
import { AUDIT_TOP, NDCG_LOSS_BUDGET, type AuditReport } from './audit';

/** A table to print: a header row and the rows below it, every cell text. */
export interface Table {
  header: string[];
  rows: string[][];
}

/** Categories the exposure table shows by name; the rest are summed as "other". */
const EXPOSURE_COLUMNS = 6;

const percent = (value: number, digits = 1) => `${(value * 100).toFixed(digits)} %`;
/** Signed, with a real minus sign, so a loss is not read as a hyphen. */
const signedPercent = (value: number) => `${value >= 0 ? '+' : '−'}${(Math.abs(value) * 100).toFixed(1)} %`;

/** The mark of a setting that meets the bar for a default. */
export const WITHIN_BUDGET = '✓';

/**
 * One row per setting: accuracy, its change against the first setting, what
 * the first ten places show, rank() time, and a mark for the settings that lose
 * at most 2 % of the first setting's NDCG@10 while raising coverage.
 */
export function auditTable(report: AuditReport): Table {
  const [reference] = report.settings;
  return {
    header: [
      'setting',
      `HR@${AUDIT_TOP}`,
      `NDCG@${AUDIT_TOP}`,
      `NDCG vs ${reference?.name ?? 'first'}`,
      'coverage',
      'Gini',
      `ILD@${AUDIT_TOP}`,
      'calibration KL',
      'exposure gap',
      'rank() median',
      `≤ ${NDCG_LOSS_BUDGET * 100} % loss, more coverage`,
    ],
    rows: report.settings.map((setting) => [
      setting.name,
      setting.hr.toFixed(4),
      setting.ndcg.toFixed(4),
      setting === reference ? '—' : signedPercent(setting.ndcgChange),
      percent(setting.coverage),
      setting.gini.toFixed(3),
      setting.diversity.toFixed(3),
      setting.calibration.toFixed(3),
      percent(setting.exposureGap),
      `${setting.rankMs.toFixed(3)} ms`,
      setting === reference ? 'reference' : setting.withinBudget ? WITHIN_BUDGET : '',
    ]),
  };
}

/**
 * Each category's share of the first ten places per setting, the largest
 * categories of the catalogue by name (their catalogue share in the header),
 * the rest summed as "other".
 */
export function exposureTable(report: AuditReport): Table {
  const catalogue = report.settings[0]?.exposure ?? [];
  const named = catalogue.slice(0, catalogue.length > EXPOSURE_COLUMNS + 1 ? EXPOSURE_COLUMNS : catalogue.length);
  const others = catalogue.slice(named.length);
  const otherShare = (shares: readonly { category: string; shown: number; catalogue: number }[], key: 'shown' | 'catalogue') =>
    shares.filter(({ category }) => !named.some((entry) => entry.category === category)).reduce((sum, entry) => sum + entry[key], 0);
  return {
    header: [
      'setting',
      ...named.map(({ category, catalogue: share }) => `${category} (${percent(share)})`),
      ...(others.length ? [`${others.length} other (${percent(otherShare(catalogue, 'catalogue'))})`] : []),
    ],
    rows: report.settings.map((setting) => [
      setting.name,
      ...named.map(({ category }) => percent(setting.exposure.find((entry) => entry.category === category)?.shown ?? 0)),
      ...(others.length ? [percent(otherShare(setting.exposure, 'shown'))] : []),
    ]),
  };
}

/** A table for a terminal: columns padded to line up, the first to the left and the rest to the right. */
export function textTable({ header, rows }: Table): string {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => [...row[column]!].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}
