import { describe, expect, it } from 'vitest';
import { tuningSpace } from '../../../tools/model/tune-space';
import { DEFAULT_BUILD } from '../../../tools/model/build';

/** The values a search standing at the dimension's start tries first, down and up. */
function neighbours(name: string): [number | undefined, number | undefined] {
  const dimension = tuningSpace({}, true).find((candidate) => candidate.name === name)!;
  const at = dimension.values.indexOf(dimension.start);
  return [dimension.values[at - 1], dimension.values[at + 1]];
}

describe('tuningSpace', () => {
  it('steps λ by ×2 from its default: a ×10 step jumps over the best ridge', () => {
    expect(neighbours('regularization')).toEqual([DEFAULT_BUILD.regularization / 2, DEFAULT_BUILD.regularization * 2]);
  });

  it('starts every dimension at its default, among its values in increasing order', () => {
    for (const { values, start } of tuningSpace({}, true)) {
      expect(values).toContain(start);
      expect([...values].sort((a, b) => a - b)).toEqual(values);
    }
  });
});
