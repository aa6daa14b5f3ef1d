import type { AuditSetting } from './audit';

/**
 * The settings `attune audit` compares when given none, and the benchmarks
 * chart: no re-ranking first (`none`, seen items kept: the reference), then
 * the SDK's defaults (`default`, seen items demoted), then each control alone
 * over a range, then a few combinations. Every control is added to the
 * defaults, as a site would turn it on.
 *
 * @param category the feature prefix that calibration and the cap act on, such as `genre`.
 * @param cap the most items with one value of the category before every other item has had a place.
 */
export function standardSettings(category: string, cap = 3): AuditSetting[] {
  return [
    { name: 'none', options: { seen: 'keep' } },
    { name: 'default', options: {} },
    ...[0.1, 0.2, 0.3, 0.5].map((diversity) => ({ name: `diversity ${diversity}`, options: { diversity } })),
    ...[0.3, 0.5, 0.8].map((weight) => ({ name: `calibration ${weight}`, options: { calibration: { by: category, weight } } })),
    { name: `cap ${category} ${cap}`, options: { caps: { [category]: cap } } },
    ...[0.1, 0.2, 0.3].map((exploration) => ({ name: `exploration ${exploration}`, options: { exploration } })),
    { name: 'diversity 0.2 + exploration 0.1', options: { diversity: 0.2, exploration: 0.1 } },
    { name: 'diversity 0.2 + calibration 0.3', options: { diversity: 0.2, calibration: { by: category, weight: 0.3 } } },
    { name: `diversity 0.1 + cap ${category} ${cap}`, options: { diversity: 0.1, caps: { [category]: cap } } },
  ];
}
