import { describe, expect, it } from 'vitest';
import { audit, categoryIndex, checkAuditSettings, type AuditReport, type AuditSetting } from '../../tools/audit/audit';
import { leaveLastOut, type TimedInteraction } from '../../tools/audit/leave-last-out';
import { mulberry32 } from '../../tools/model/als';

const GENRES = ['drama', 'comedy', 'horror', 'scifi'];
const DAY_MS = 86_400_000;

/**
 * 60 items, 15 per genre, each with a genre and a decade; 12 users, each
 * choosing mostly one genre and sometimes the next, so two genres are outside
 * every profile and left for exploration to try.
 */
function population() {
  const features = new Map<string, string[]>();
  for (let i = 0; i < 60; i++) features.set(`m${i}`, [`genre:${GENRES[i % 4]}`, `decade:${1970 + 10 * (i % 5)}`]);
  const random = mulberry32(3);
  const byUser = new Map<string, TimedInteraction[]>();
  for (let u = 0; u < 12; u++) {
    const history: TimedInteraction[] = [];
    for (let k = 0; k < 10; k++) {
      const genre = (u + (random() < 0.8 ? 0 : 1)) % 4;
      history.push({ item: `m${genre + 4 * Math.floor(random() * 15)}`, time: Date.UTC(2024, 0, 1) + (u * 10 + k) * DAY_MS });
    }
    byUser.set(`user-${String(u).padStart(2, '0')}`, history);
  }
  // 30 candidates: exploration fills places among the first 20 from the items beyond them.
  return { features, replay: leaveLastOut(byUser, { minInteractions: 4, negatives: 29 }) };
}

const { features, replay } = population();
/** Each setting turns on what it names and nothing else, whatever the SDK's defaults. */
const OFF = { diversity: 0, exploration: 0 };
const SETTINGS: AuditSetting[] = [
  { name: 'none', options: { ...OFF, seen: 'keep' } },
  { name: 'default', options: {} },
  { name: 'diversity 1', options: { ...OFF, diversity: 1 } },
  { name: 'calibration 1', options: { ...OFF, calibration: { by: 'genre', weight: 1 } } },
  { name: 'exploration 0.3', options: { ...OFF, exploration: 0.3 } },
];

const withoutTimes = (report: AuditReport) => ({ ...report, settings: report.settings.map(({ rankMs, ...rest }) => rest) });

describe('audit', () => {
  it('reports every setting in order, each against the first', async () => {
    const report = await audit({ replay, features, category: 'genre' }, SETTINGS);
    expect(report).toMatchObject({ users: replay.users.length, items: replay.items, category: 'genre', candidates: 30 });
    expect(report.settings.map((setting) => setting.name)).toEqual(SETTINGS.map((setting) => setting.name));
    const [reference] = report.settings;
    expect(reference).toMatchObject({ ndcgChange: 0, withinBudget: false });
    for (const setting of report.settings) {
      for (const share of [setting.hr, setting.ndcg, setting.coverage, setting.gini, setting.diversity, setting.exposureGap]) {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
      }
      expect(setting.ndcgChange).toBeCloseTo(setting.ndcg / reference!.ndcg - 1, 12);
      expect(setting.withinBudget).toBe(setting !== reference && setting.ndcgChange >= -0.02 && setting.coverage > reference!.coverage);
      expect(setting.exposure.map(({ category }) => category).sort()).toEqual([...GENRES].sort());
      expect(setting.exposure.reduce((sum, { shown }) => sum + shown, 0)).toBeCloseTo(1, 12);
      expect(setting.rankMs).toBeGreaterThan(0);
    }
  });

  it('measures what each control is for: diversity raises ILD, calibration lowers the KL to the history mix', async () => {
    const report = await audit({ replay, features, category: 'genre' }, SETTINGS);
    const [none, , diverse, calibrated] = report.settings;
    expect(diverse!.diversity).toBeGreaterThan(none!.diversity);
    expect(calibrated!.calibration).toBeLessThan(none!.calibration);
  });

  it('gives the same report for the same seed, exploration included', async () => {
    const first = await audit({ replay, features, category: 'genre', seed: 5 }, SETTINGS);
    const again = await audit({ replay, features, category: 'genre', seed: 5 }, SETTINGS);
    expect(withoutTimes(again)).toEqual(withoutTimes(first));
    // Exploration does move items here, so the sameness above is the seed's doing.
    const shown = ({ coverage, gini, diversity, calibration }: AuditReport['settings'][number]) => ({ coverage, gini, diversity, calibration });
    expect(shown(first.settings[4]!)).not.toEqual(shown(first.settings[0]!));
    const other = await audit({ replay, features, category: 'genre', seed: 6 }, SETTINGS);
    expect(shown(other.settings[4]!)).not.toEqual(shown(first.settings[4]!));
  });

  it('evaluates the first users only when asked', async () => {
    const report = await audit({ replay, features, category: 'genre', users: 3 }, SETTINGS.slice(0, 1));
    expect(report.users).toBe(3);
  });
});

describe('checkAuditSettings', () => {
  it('names the setting whose options the SDK refuses or the audit does not compare', async () => {
    await expect(checkAuditSettings([])).rejects.toThrow(new TypeError('no settings to audit'));
    await expect(checkAuditSettings([{ name: ' ', options: {} }])).rejects.toThrow(new TypeError('setting 1: "name" must be a non-empty string'));
    await expect(checkAuditSettings([{ name: 'a', options: {} }, { name: 'a', options: {} }])).rejects.toThrow(
      new TypeError('setting 2: the name "a" is taken by an earlier setting'),
    );
    const typo = [{ name: 'typo', options: { diversty: 0.2 } }] as unknown as AuditSetting[];
    await expect(checkAuditSettings(typo)).rejects.toThrow(/^setting 1 \("typo"\): "diversty" is not an option the audit compares \(seen, diversity,/);
    await expect(checkAuditSettings([{ name: 'too much', options: { diversity: 2 } }])).rejects.toThrow(
      /^setting 1 \("too much"\): .*diversity must be a number from 0 to 1/,
    );
    await expect(checkAuditSettings([{ name: 'list', options: [] as unknown as AuditSetting['options'] }])).rejects.toThrow(
      'setting 1 ("list"): "options" must be an object such as {"diversity": 0.2}',
    );
  });
});

describe('categoryIndex', () => {
  it("maps each item to its values of the prefix, and names the prefixes there are when none matches", () => {
    expect([...categoryIndex(features, 'genre')].slice(0, 2)).toEqual([
      ['m0', ['drama']],
      ['m1', ['comedy']],
    ]);
    expect(() => categoryIndex(features, 'topic')).toThrow(
      new TypeError('no item has a "topic:…" feature, so there is no topic mix to measure; the items\' feature prefixes are decade, genre'),
    );
  });
});
