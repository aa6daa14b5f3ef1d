import { describe, expect, it } from 'vitest';
import { definePanel } from 'attune/panel';

// In Node, through package.json's exports map: importing the panel module and
// calling definePanel() must not throw where there is no DOM (server rendering).
describe('attune/panel', () => {
  it('exports definePanel, which does nothing without custom elements', () => {
    expect(typeof definePanel).toBe('function');
    expect(() => definePanel()).not.toThrow();
  });
});
