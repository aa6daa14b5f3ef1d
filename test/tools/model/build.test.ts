import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../../src/model/format';
import { buildModel, type BuildInput, type LoggedInteraction } from '../../../tools/model/build';
import { hashTerm } from '../../../tools/model/content';
import { logFingerprint } from '../../../tools/model/fingerprint';

const catalogue: BuildInput['catalogue'] = [
  { id: 'a', features: ['genre:drama'], text: 'Storm over the harbour' },
  { id: 'b', features: ['genre:drama', 'author:ann'] },
  { id: 'c', text: 'Quiet garden' },
];

// Item d is only in the logs. Distinct users: a 2, b 1, c 0, d 2.
const interactions: LoggedInteraction[] = [
  { user: 'visitor-7f3a9c', item: 'a' },
  { user: 'visitor-7f3a9c', item: 'a', weight: 2 },
  { user: 'visitor-7f3a9c', item: 'b' },
  { user: 'visitor-51e0d2', item: 'a' },
  { user: 'visitor-51e0d2', item: 'd', weight: 0.5 },
  { user: 'visitor-c4b8e1', item: 'd' },
];

const settings = { factors: 3, regularization: 0.1, confidence: 2, iterations: 4, contentWidth: 4096 };

describe('buildModel', () => {
  it('summarises what it built', () => {
    const { bytes, summary } = buildModel({ catalogue, interactions }, settings);
    expect(summary).toMatchObject({ items: 4, users: 3, interactions: 6, factors: 3, bytes: bytes.length });
    // a: drama, storm, over, harbour ("the" is a stop word); b: drama, ann; c: quiet, garden; d: nothing.
    const terms = ['genre:drama', 'word:storm', 'word:over', 'word:harbour', 'author:ann', 'word:quiet', 'word:garden'];
    expect(new Set(terms.map((term) => hashTerm(term) % 4096)).size).toBe(terms.length); // no two share a bucket
    expect(summary.contentEntries).toBe(8);
    expect(summary.seconds).toBeGreaterThanOrEqual(0);
  });

  it('adds items that are only in the logs after the catalogue, and counts distinct users as popularity', () => {
    const model = decodeModel(buildModel({ catalogue, interactions }, settings).bytes);
    expect(model.items).toEqual(['a', 'b', 'c', 'd']);
    expect(Array.from(model.popularity)).toEqual([1, 0.5, 0, 1]);
    expect(model.factors).toMatchObject({ dimensions: 3, regularization: 0.1, confidence: 2 });
    expect(model.content!.dimensions).toBe(4096);
    // d has no features or text: an empty content row.
    expect(model.content!.offsets[4]).toBe(model.content!.offsets[3]);
  });

  it('records what the factors were trained on and how, and the tuned settings it is given', () => {
    const tuned = { strength: 0.7, halfLife: 86_400_000, blend: { collaborative: 2 } };
    const model = decodeModel(buildModel({ catalogue, interactions }, { ...settings, seed: 3, tuned }).bytes);
    expect(model.training).toEqual({ fingerprint: logFingerprint(interactions), iterations: 4, seed: 3 });
    expect(model.tuned).toEqual(tuned);
    // Without logs there is no training to record, and nothing tuned unless given.
    const plain = decodeModel(buildModel({ catalogue }, { contentWidth: 0 }).bytes);
    expect(plain.training).toBeUndefined();
    expect(plain.tuned).toBeUndefined();
  });

  it('never writes a user id into the file', () => {
    const file = Buffer.from(buildModel({ catalogue, interactions }, settings).bytes);
    expect(file.includes('"a","b","c","d"')).toBe(true); // the search does find what is there
    for (const user of ['visitor-7f3a9c', 'visitor-51e0d2', 'visitor-c4b8e1', 'visitor']) expect(file.includes(user)).toBe(false);
  });

  it('is the same file on every run with the same seed', () => {
    const first = buildModel({ catalogue, interactions }, settings).bytes;
    expect(buildModel({ catalogue, interactions }, settings).bytes).toEqual(first);
    expect(buildModel({ catalogue, interactions }, { ...settings, seed: 2 }).bytes).not.toEqual(first);
  });

  it('refuses an interaction weight that is not a positive number, and says which', () => {
    for (const weight of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const logs = [...interactions, { user: 'visitor-0', item: 'c', weight }];
      expect(() => buildModel({ catalogue, interactions: logs }, settings)).toThrow(
        new RegExp(`^build-model: interaction weight must be a positive number, got ${weight} .*item c`),
      );
    }
  });

  it('refuses a catalogue without ids or with a repeated id, and settings out of range', () => {
    expect(() => buildModel({ catalogue: [{ id: 'a' }, { id: '' }] })).toThrow(/catalogue item 2 has no id/);
    expect(() => buildModel({ catalogue: [{ id: 'a' }, { id: 'a' }] })).toThrow(/catalogue repeats item a/);
    expect(() => buildModel({ catalogue }, { factors: 0 })).toThrow(/factors must be 1\.\.256, got 0/);
    expect(() => buildModel({ catalogue }, { factors: 257 })).toThrow(/factors must be 1\.\.256, got 257/);
    expect(() => buildModel({ catalogue }, { contentWidth: 65_537 })).toThrow(/content width must be 0\.\.65536, got 65537/);
    expect(() => buildModel({ catalogue, interactions, itemFactors: new Map() })).toThrow(/not both/);
  });

  it('takes item factors trained elsewhere, skipping items outside the catalogue', () => {
    const itemFactors = new Map([
      ['a', [0.5, -1]],
      ['c', [0, 2]],
      ['elsewhere', [1, 1]],
    ]);
    const { bytes, summary } = buildModel({ catalogue, itemFactors }, { factors: 2, contentWidth: 0 });
    expect(summary).toMatchObject({ items: 3, itemsWithFactors: 2, users: 0, interactions: 0, factors: 2, contentEntries: 0 });
    const model = decodeModel(bytes);
    expect(model.items).toEqual(['a', 'b', 'c']);
    expect(model.content).toBeUndefined();
    // Trained elsewhere, on logs it never saw: nothing to record.
    expect(model.training).toBeUndefined();
    // a: scale 1/127, values 64 (0.5 × 127 = 63.5, rounded up) and −127; b: zero; c: scale 2/127.
    expect(Array.from(model.factors!.values)).toEqual([64, -127, 0, 0, 0, 127]);
    expect(Array.from(model.factors!.scale)).toEqual([Math.fround(1 / 127), 0, Math.fround(2 / 127)]);
    expect(() => buildModel({ catalogue, itemFactors: new Map([['a', [1, 2, 3]]]) }, { factors: 2 })).toThrow(
      /item a has 3 factors, expected 2 finite numbers/,
    );
    expect(() => buildModel({ catalogue, itemFactors: new Map([['a', [1, Number.NaN]]]) }, { factors: 2 })).toThrow(/item a has 2 factors/);
  });

  it('reports the progress of training and of content', () => {
    const progress: string[] = [];
    buildModel({ catalogue, interactions }, { ...settings, onProgress: (stage, done, total) => progress.push(`${stage} ${done}/${total}`) });
    expect(progress).toEqual(['factors 1/4', 'factors 2/4', 'factors 3/4', 'factors 4/4', 'content 0/1', 'content 1/1']);
  });

  it('leaves factors out without logs or item factors, and content out with width 0', () => {
    const { bytes, summary } = buildModel({ catalogue }, { contentWidth: 0 });
    expect(summary).toMatchObject({ itemsWithFactors: 0, factors: 0, contentEntries: 0 });
    const model = decodeModel(bytes);
    expect(model.factors).toBeUndefined();
    expect(model.content).toBeUndefined();
    expect(Array.from(model.popularity)).toEqual([0, 0, 0]);
  });
});
