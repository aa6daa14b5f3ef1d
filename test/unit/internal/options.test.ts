import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { OPTIONS, RERANK_OPTIONS, checkRankOptions, resolveOptions, type RerankOptions } from '../../../src/options';
import { readScriptOptions } from '../../../src/script-config';
import { readRerank } from '../../../src/dom/slots';
import type { AttuneOptions, RankOptions } from '../../../src/types';

afterEach(() => vi.restoreAllMocks());

interface Sample {
  /** A value the API takes. */
  value: unknown;
  /** The same value as an attribute's text; none where only `window.attune_config` can set it. */
  text?: string;
  /** A value the API refuses. */
  bad: unknown;
  /** Attribute text that is refused; by default `bad` written as text. */
  badText?: string;
}

/** Every option, written each way it can be given. */
const SAMPLES: Record<string, Sample> = {
  namespace: { value: 'news', text: 'news', bad: 'news desk' },
  consent: { value: 'granted', text: 'granted', bad: 'maybe' },
  halfLife: { value: '12h', text: '12h', bad: 'soon' },
  strength: { value: 0.7, text: '0.7', bad: 2, badText: 'high' },
  storage: { value: 'memory', text: 'memory', bad: 'disk' },
  debug: { value: true, text: 'true', bad: 'yes please' },
  autoTrack: { value: false, text: 'false', bad: 'yes' },
  autoApply: { value: false, text: 'false', bad: 'no' },
  honourGlobalPrivacyControl: { value: false, text: 'false', bad: 'never' },
  renderBudget: { value: 200, text: '200', bad: 20_000 },
  contextKeys: { value: ['daypart', 'region'], text: 'daypart, region', bad: ['day:part'], badText: 'day:part' },
  maxFeatures: { value: 500, text: '500', bad: 5 },
  maxEvents: { value: 1000, text: '1000', bad: 1, badText: ' ' },
  maxEventAge: { value: '30d', text: '30d', bad: 'forever' },
  sensitiveCategories: { value: ['health', 'gambling'], text: 'health gambling', bad: ['a:b'], badText: 'a:b' },
  interactionWeights: { value: { share: 2 }, bad: { share: Infinity } },
  model: { value: '/model.bin', text: '/model.bin', bad: '' },
  blend: { value: { content: 0.5 }, bad: { colour: 1 } },
  seen: { value: 'hide', text: 'hide', bad: 'sometimes' },
  diversity: { value: 0.3, text: '0.3', bad: 2, badText: 'lots' },
  exploration: { value: 0.2, text: '0.2', bad: -0.1, badText: 'much' },
  calibration: { value: { by: 'topic', weight: 0.5 }, text: ' topic:0.5 ', bad: { by: 'topic:', weight: 0.5 }, badText: 'topic' },
  caps: { value: { author: 2, topic: 3 }, text: 'author:2  topic:3', bad: { author: 0 }, badText: 'author:0' },
  rules: { value: [{ id: 'r', when: { visits: 2 }, then: { boost: 1, items: ['a'] } }], bad: ['not a rule'] },
  audiences: { value: [{ id: 'runners', when: { interest: 'topic:running', atLeast: 0.2 } }], bad: { id: 'runners' } },
  context: { value: { region: 'north' }, bad: { region: 5 } },
  environment: { value: { now: () => 0 }, bad: { now: 0 } },
  reporting: { value: { endpoint: '/collect', epsilon: 1, features: ['topic:tennis'] }, bad: { endpoint: 'http://example.com', epsilon: 1, features: ['topic:tennis'] } },
  holdout: { value: { share: 0.1, outcomes: ['purchase', 'signup'] }, bad: { share: 0.1, outcomes: ['purchase', 'purchase'] } },
};
const samples = Object.entries(SAMPLES);
const written = samples.filter(([, { text }]) => text !== undefined);
const badTextOf = ({ bad, badText }: Sample) => badText ?? String(bad);
// Any text but the empty one is a model file's URL, and happy-dom's dataset leaves empty attributes out.
const writtenBadly = written.filter(([, sample]) => badTextOf(sample) !== '');
const kebab = (name: string) => `data-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
const ruleOf = (name: string) => OPTIONS.get(name)!._rule;

function scriptWith(name: string, text: string): HTMLScriptElement {
  const script = document.createElement('script');
  script.setAttribute(kebab(name), text);
  return script;
}

function slotWith(attribute: string, text: string): Element {
  const slot = document.createElement('ul');
  slot.setAttribute(attribute, text);
  return slot;
}

function warnings(read: () => unknown): { result: unknown; messages: string[] } {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  warn.mockClear();
  const result = read();
  return { result, messages: warn.mock.calls.map(([message]) => String(message)) };
}

describe('one record per option', () => {
  it('describes every option, each written every way it can be given', () => {
    expect(Object.keys(SAMPLES)).toEqual([...OPTIONS.keys()]);
    for (const [name, { _rule }] of OPTIONS) expect(_rule, name).not.toBe('');
  });

  it.each(samples.filter(([name]) => name !== 'context'))('%s: the API takes a good value and refuses a bad one, naming the option, its rule and the value', (name, { value, bad }) => {
    expect(() => resolveOptions({ [name]: value })).not.toThrow();
    const rule = ruleOf(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(() => resolveOptions({ [name]: bad })).toThrow(new RegExp(`^\\[attune\\] createAttune\\(\\): option ${name} must be ${rule}, got `));
  });

  it('context: refused with the error of its own check, which names the bad key', () => {
    expect(() => resolveOptions({ context: SAMPLES.context!.bad } as AttuneOptions)).toThrow(/createAttune\(\): context\.region must be/);
  });

  it.each(written)('%s: the script tag reads its text as the value the API takes', (name, { value, text }) => {
    const { result, messages } = warnings(() => readScriptOptions(scriptWith(name, text!), undefined));
    expect(result).toEqual({ autoApply: true, [name]: value });
    expect(messages).toEqual([]);
  });

  it.each(writtenBadly)('%s: the script tag warns about bad text, naming the attribute, and leaves the option to its default', (name, sample) => {
    const { result, messages } = warnings(() => readScriptOptions(scriptWith(name, badTextOf(sample)), undefined));
    expect(result).not.toHaveProperty(name);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(new RegExp(`^\\[attune\\] ${kebab(name)}=".*" is not valid \\(createAttune\\(\\): .*${name}.*\\); using the default$`));
  });

  it.each(samples.filter(([, { text }]) => text === undefined))('%s: takes an object, so the script tag refuses any text for it', (name) => {
    const { result, messages } = warnings(() => readScriptOptions(scriptWith(name, '1'), undefined));
    expect(result).toEqual({ autoApply: true });
    expect(messages).toEqual([expect.stringMatching(new RegExp(`^\\[attune\\] ${kebab(name)}="1" is not valid`))]);
  });
});

describe('slot attributes', () => {
  it('belong to the options a ranking may set for itself', () => {
    expect(RERANK_OPTIONS.map(([name, { _slotAttribute }]) => [name, _slotAttribute])).toEqual([
      ['seen', 'data-attune-seen'],
      ['diversity', 'data-attune-diversity'],
      ['exploration', 'data-attune-exploration'],
      ['calibration', 'data-attune-calibration'],
      ['caps', 'data-attune-cap'],
    ]);
    expectTypeOf<keyof RerankOptions>().toEqualTypeOf<'seen' | 'diversity' | 'exploration' | 'calibration' | 'caps'>();
    expectTypeOf<Pick<RankOptions, keyof RerankOptions>>().toEqualTypeOf<Partial<RerankOptions>>();
  });

  it.each(RERANK_OPTIONS)('%s: a slot reads its attribute as the value the API takes', (name, { _slotAttribute }) => {
    const { result, messages } = warnings(() => readRerank(slotWith(_slotAttribute, SAMPLES[name]!.text!)));
    expect(result).toEqual({ [name]: SAMPLES[name]!.value });
    expect(messages).toEqual([]);
  });

  it.each(RERANK_OPTIONS)('%s: a slot warns about bad text, naming the attribute, and keeps the instance’s setting', (name, { _slotAttribute }) => {
    const badText = badTextOf(SAMPLES[name]!);
    const { result, messages } = warnings(() => readRerank(slotWith(_slotAttribute, badText)));
    expect(result).toEqual({});
    expect(messages).toEqual([expect.stringMatching(new RegExp(`^\\[attune\\] ${_slotAttribute}="${badText}" must be .+; ignoring it$`))]);
  });

  it('reads the forms a page writes, and refuses text of another form', () => {
    const read = (attribute: string, text: string) => warnings(() => readRerank(slotWith(attribute, text))).result;
    expect(read('data-attune-cap', 'author:1')).toEqual({ caps: { author: 1 } });
    expect(read('data-attune-calibration', 'topic:1')).toEqual({ calibration: { by: 'topic', weight: 1 } });
    for (const caps of ['', 'author', 'author:', 'author:2:3', 'author:1.5', 'by author:2']) expect(read('data-attune-cap', caps)).toEqual({});
    for (const calibration of ['', 'topic:1.5', 'topic:0.5 author:0.5', ':0.5']) expect(read('data-attune-calibration', calibration)).toEqual({});
    expect(read('data-attune-diversity', ' ')).toEqual({});
  });

  it('say what the text should have been', () => {
    const messages = (attribute: string, text: string) => warnings(() => readRerank(slotWith(attribute, text))).messages;
    expect(messages('data-attune-diversity', 'high')).toEqual(['[attune] data-attune-diversity="high" must be a number from 0 to 1; ignoring it']);
    expect(messages('data-attune-cap', 'author=2')).toEqual(['[attune] data-attune-cap="author=2" must be like "author:2 topic:3"; ignoring it']);
    expect(messages('data-attune-calibration', 'topic=0.5')).toEqual(['[attune] data-attune-calibration="topic=0.5" must be like "topic:0.5"; ignoring it']);
  });
});

describe('checkRankOptions', () => {
  const defaults: RerankOptions = { seen: 'demote', diversity: 0.2, exploration: 0.1, calibration: undefined, caps: {} };

  it('keeps what a ranking names and fills in the rest from the defaults', () => {
    expect(checkRankOptions({}, defaults)).toEqual(defaults);
    expect(checkRankOptions({ diversity: 0, caps: { author: 2 }, seen: undefined, limit: 3 }, defaults)).toEqual({ ...defaults, diversity: 0, caps: { author: 2 } });
    for (const [name] of RERANK_OPTIONS) {
      expect(checkRankOptions({ [name]: SAMPLES[name]!.value }, defaults)).toEqual({ ...defaults, [name]: SAMPLES[name]!.value });
    }
  });

  it.each(RERANK_OPTIONS)('%s: a bad value throws, naming it, its rule and the value', (name, { _rule }) => {
    const rule = _rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(() => checkRankOptions({ [name]: SAMPLES[name]!.bad }, defaults)).toThrow(new RegExp(`^\\[attune\\] rank\\(\\): ${name} must be ${rule}, got `));
    expect(() => checkRankOptions({ [name]: null } as RankOptions, defaults)).toThrow(`rank(): ${name} must be`);
  });
});
