import type { AuditOptions, AuditSetting } from './audit';

/**
 * Every re-ranking control off, given explicitly so each row measures what it
 * names whatever the SDK's defaults are. Calibration is off unless given.
 */
const OFF: AuditOptions = { diversity: 0, exploration: 0, caps: {} };

/**
 * The settings `attune audit` compares when given none, and the benchmarks
 * chart: no re-ranking first (`none`, seen items kept: the reference), then
 * the SDK's defaults as they are (`default`, no option given), then each
 * control alone over a range, then a few combinations, each over the SDK's
 * handling of seen items (demoted).
 *
 * @param category the feature prefix that calibration and the cap act on, such as `genre`.
 * @param cap the most items with one value of the category before every other item has had a place.
 */
export function standardSettings(category: string, cap = 3): AuditSetting[] {
  const only = (name: string, options: AuditOptions): AuditSetting => ({ name, options: { ...OFF, ...options } });
  return [
    only('none', { seen: 'keep' }),
    { name: 'default', options: {} },
    ...[0.1, 0.2, 0.3, 0.5].map((diversity) => only(`diversity ${diversity}`, { diversity })),
    ...[0.3, 0.5, 0.8].map((weight) => only(`calibration ${weight}`, { calibration: { by: category, weight } })),
    only(`cap ${category} ${cap}`, { caps: { [category]: cap } }),
    ...[0.1, 0.2, 0.3].map((exploration) => only(`exploration ${exploration}`, { exploration })),
    only('diversity 0.2 + exploration 0.1', { diversity: 0.2, exploration: 0.1 }),
    only('diversity 0.2 + calibration 0.3', { diversity: 0.2, calibration: { by: category, weight: 0.3 } }),
    only(`diversity 0.1 + cap ${category} ${cap}`, { diversity: 0.1, caps: { [category]: cap } }),
  ];
}
