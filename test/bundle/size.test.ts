import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * Gzip (level 9) budget of each shipped bundle, in bytes, so growth is a
 * decision rather than an accident. DESIGN.md's goal for the script tag is
 * 8 KB with idb included; this version is above it (see BENCHMARKS.md). Each
 * pin is the size a feature was accepted at: raising one is a decision recorded
 * with the feature that needed it, until the 8 KB budget is settled.
 */
const BUDGETS: Record<string, number> = {
  'dist/attune.min.js': 16_900,
  // The script tag that also reads the site's model file (collaborative ranking).
  'dist/attune-model.min.js': 20_000,
  'dist/attune.mjs': 19_800,
  // The visitor panel, loaded on demand next to the core script tag.
  'dist/attune-panel.min.js': 4_300,
};

describe('bundle size', () => {
  it.each(Object.entries(BUDGETS))('%s stays within %i bytes gzipped', (file, budget) => {
    const gzipped = gzipSync(readFileSync(new URL(`../../${file}`, import.meta.url)), { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(budget);
  });

  it.each(['dist/attune.min.js', 'dist/attune-model.min.js', 'dist/attune-panel.min.js'])('keeps every internal name out of %s', (file) => {
    const code = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    expect(code.match(/\.\_[a-zA-Z]+/g) ?? []).toEqual([]);
    expect(code).not.toMatch(/__DEV__|process\.env/);
  });
});
