import { afterEach, describe, expect, it, vi } from 'vitest';
import { readScriptOptions, runQueued } from '../../../src/script-config';
import type { Attune } from '../../../src/types';

afterEach(() => vi.restoreAllMocks());

function scriptWith(attributes: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  return script;
}

describe('script tag options', () => {
  it('reads every data attribute into a typed option, and orders slots', () => {
    const script = scriptWith({
      'data-namespace': 'news',
      'data-consent': 'granted',
      'data-half-life': '14d',
      'data-strength': '0.7',
      'data-auto-track': 'false',
      'data-render-budget': '200',
      'data-context-keys': 'daypart, region',
      'data-max-events': '1000',
      'data-sensitive-categories': 'health gambling',
    });
    expect(readScriptOptions(script, undefined)).toEqual({
      autoApply: true,
      namespace: 'news',
      consent: 'granted',
      halfLife: '14d',
      strength: 0.7,
      autoTrack: false,
      renderBudget: 200,
      contextKeys: ['daypart', 'region'],
      maxEvents: 1000,
      sensitiveCategories: ['health', 'gambling'],
    });
  });

  it('warns once per bad attribute, naming it, and falls back to the default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const options = readScriptOptions(scriptWith({ 'data-half-life': 'soon', 'data-strength': 'high' }), undefined);
    expect(options).toEqual({ autoApply: true });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]![0]).toBe(
      `[attune] data-half-life="soon" is not valid (createAttune(): option halfLife must be a duration like '14d' or ms, got "soon"); using the default`,
    );
    expect(warn.mock.calls[1]![0]).toMatch(/^\[attune\] data-strength="high" is not valid/);
  });

  it('lets window.attune_config override the attributes, checking each value', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const options = readScriptOptions(scriptWith({ 'data-namespace': 'news', 'data-strength': '0.2' }), {
      strength: 0.9,
      interactionWeights: { share: 2 },
      consent: 'whenever',
      ...JSON.parse('{"__proto__": {"polluted": 1}}'),
    });
    expect(options).toEqual({ autoApply: true, namespace: 'news', strength: 0.9, interactionWeights: { share: 2 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(warn.mock.calls.map(([m]) => String(m))).toEqual([
      '[attune] attune_config.__proto__ is not an option; ignoring it',
      `[attune] attune_config.consent is not valid (createAttune(): option consent must be 'required' or 'granted', got "whenever"); using the default`,
    ]);
  });
});

describe('command queue', () => {
  it('calls queued functions with the instance and reports failures without stopping', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const attune = {} as Attune;
    const seen: Attune[] = [];
    runQueued((instance: Attune) => seen.push(instance), attune);
    runQueued(() => {
      throw new Error('site bug');
    }, attune);
    runQueued(() => Promise.reject(new Error('async site bug')), attune);
    runQueued('not a function', attune);
    expect(seen).toEqual([attune]);
    await Promise.resolve();
    const failures = warn.mock.calls.filter(([m]) => String(m).startsWith('[attune] a queued call failed'));
    expect(failures).toEqual([['[attune] a queued call failed: site bug'], ['[attune] a queued call failed: async site bug']]);
    const messages = warn.mock.calls.map(([m]) => String(m));
    expect(messages).toContain('[attune] attune_queue takes functions, got "not a function"');
  });
});
