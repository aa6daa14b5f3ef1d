import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * Gzip (level 9) budget of each shipped bundle, in bytes, so growth is a
 * decision rather than an accident. DESIGN.md's goal for the script tag is
 * 8 KB with idb included; this version is above it (see BENCHMARKS.md), and
 * the budget here stops it from growing further while it is brought down.
 */
const BUDGETS: Record<string, number> = {
  'dist/attune.min.js': 11_900,
  'dist/attune.mjs': 11_400,
};

describe('bundle size', () => {
  it.each(Object.entries(BUDGETS))('%s stays within %i bytes gzipped', (file, budget) => {
    const gzipped = gzipSync(readFileSync(new URL(`../../${file}`, import.meta.url)), { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(budget);
  });

  it('keeps every internal name out of the minified script tag', () => {
    const code = readFileSync(new URL('../../dist/attune.min.js', import.meta.url), 'utf8');
    expect(code.match(/\.\_[a-zA-Z]+/g) ?? []).toEqual([]);
    expect(code).not.toMatch(/__DEV__|process\.env/);
  });
});
