import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_VERSION, crc32, decodeModel, encodeModel, type ModelParts } from '../../../../src/model/format';

/** Files the version-3 encoder wrote, of parts() with and without next() below: what sites serve today. */
const versionThree = (name: string) => new Uint8Array(readFileSync(resolve('test/fixtures/models', `${name}.bin`)));

/** Three items, two factors each, content in 8 buckets; the middle item has neither. */
const parts = (): ModelParts => ({
  items: ['a', 'b', 'c'],
  popularity: [1, 0.5, 0],
  factors: {
    dimensions: 2,
    regularization: 10,
    confidence: 2,
    values: Int8Array.of(127, -3, 0, 0, 5, -127),
    scale: Float32Array.of(0.01, 0, 0.02),
    gramian: [1.5, -0.25, -0.25, 2.5],
  },
  content: {
    dimensions: 8,
    offsets: Uint32Array.of(0, 2, 2, 3),
    buckets: Uint16Array.of(1, 7, 3),
    values: Int8Array.of(127, -64, 127),
    scale: Float32Array.of(0.005, 0, 0.008),
  },
});

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text);

/** Where the sections start: after the 12-byte preamble and the JSON header, padded to 4. */
const bodyStart = (file: Uint8Array) => (12 + new DataView(file.buffer, file.byteOffset).getUint32(8, true) + 3) & ~3;

/** Writes the CRC-32 of everything before the last 4 bytes into them, as an encoder would. */
function resealed(file: Uint8Array): Uint8Array {
  new DataView(file.buffer, file.byteOffset).setUint32(file.length - 4, crc32(file.subarray(0, file.length - 4)), true);
  return file;
}

/**
 * A Gramian as version 4 reads it back: its diagonal as written (to float32's
 * precision), symmetric, and each entry above it within dᵢdⱼ/254 of the written.
 */
function expectGramian(read: Float32Array, written: number[]): void {
  const k = Math.sqrt(written.length);
  expect(read).toHaveLength(written.length);
  for (let i = 0; i < k; i++) {
    expect(Math.abs(read[i * k + i]! - written[i * k + i]!)).toBeLessThanOrEqual(written[i * k + i]! * 1e-6);
    for (let j = i + 1; j < k; j++) {
      expect(read[i * k + j]).toBe(read[j * k + i]);
      expect(Math.abs(read[i * k + j]! - written[i * k + j]!)).toBeLessThanOrEqual(Math.sqrt(written[i * k + i]! * written[j * k + j]!) / 254 + 1e-6);
    }
  }
}

/** The message of the TypeError decodeModel refuses a file with. */
function decodeError(file: Uint8Array): string {
  try {
    decodeModel(file);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('decodeModel accepted the file');
}

const setFloat = (file: Uint8Array, offset: number, value: number) => new DataView(file.buffer, file.byteOffset).setFloat32(offset, value, true);

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(bytesOf('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(bytesOf('a'))).toBe(0xe8b7be43);
  });
});

describe('model file', () => {
  it('starts with "ATNM", its version and header length, and ends 4-byte aligned', () => {
    const file = encodeModel(parts());
    expect(new TextDecoder().decode(file.subarray(0, 4))).toBe('ATNM');
    const view = new DataView(file.buffer);
    expect(view.getUint32(4, true)).toBe(MODEL_VERSION);
    const header = JSON.parse(new TextDecoder().decode(file.subarray(12, 12 + view.getUint32(8, true))));
    expect(header).toEqual({
      items: ['a', 'b', 'c'],
      factors: { dimensions: 2, regularization: 10, confidence: 2 },
      content: { dimensions: 8, entries: 3 },
    });
    // Sections: popularity, factorScale, gramianRoots, contentScale, contentOffsets (4 bytes each), buckets (2),
    // then int8: the Gramian's one correlation above its diagonal, the factors and the content.
    const body = 4 * (3 + 3 + 2 + 3 + 4) + 2 * 3 + 1 + 6 + 3;
    expect(file.length).toBe(bodyStart(file) + ((body + 3) & ~3) + 4);
    expect(file.length % 4).toBe(0);
  });

  it('reads back what was written', () => {
    const model = decodeModel(encodeModel(parts()));
    expect(model.version).toBe(MODEL_VERSION);
    expect(model.items).toEqual(['a', 'b', 'c']);
    expect([...model.index]).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    expect(model.popularity).toEqual(Float32Array.of(1, 0.5, 0));
    const { gramian, ...factors } = model.factors!;
    expect(factors).toEqual({
      dimensions: 2,
      regularization: 10,
      confidence: 2,
      values: Int8Array.of(127, -3, 0, 0, 5, -127),
      scale: Float32Array.of(0.01, 0, 0.02),
    });
    expectGramian(gramian, [1.5, -0.25, -0.25, 2.5]);
    expect(model.content).toEqual({
      dimensions: 8,
      offsets: Uint32Array.of(0, 2, 2, 3),
      buckets: Uint16Array.of(1, 7, 3),
      values: Int8Array.of(127, -64, 127),
      scale: Float32Array.of(0.005, 0, 0.008),
    });
  });

  it('reads a model with neither factors nor content, and an empty one', () => {
    const model = decodeModel(encodeModel({ items: ['x'], popularity: [0.25] }));
    expect(model.factors).toBeUndefined();
    expect(model.content).toBeUndefined();
    expect(model.popularity).toEqual(Float32Array.of(0.25));
    expect(decodeModel(encodeModel({ items: [], popularity: [] })).items).toEqual([]);
  });

  it('keeps item ids that are not ASCII, or not well-formed UTF-16', () => {
    const items = ['café', '商品-7', '\u{1F600}', 'lone-\uD800'];
    expect(decodeModel(encodeModel({ items, popularity: [0, 0, 0, 0] })).items).toEqual(items);
  });

  it('reads an ArrayBuffer, and a view that does not start 4-byte aligned', () => {
    const file = encodeModel(parts());
    expect(decodeModel(file.slice().buffer).items).toEqual(['a', 'b', 'c']);
    const padded = new Uint8Array(file.length + 1);
    padded.set(file, 1);
    const model = decodeModel(padded.subarray(1));
    expectGramian(model.factors!.gramian, [1.5, -0.25, -0.25, 2.5]);
    expect(model.content!.buckets).toEqual(Uint16Array.of(1, 7, 3));
  });

  it('reads back the tuned settings and how the factors were trained', () => {
    const tuned = { strength: 0.7, halfLife: 3 * 86_400_000, blend: { collaborative: 1.5, popularity: 0 } };
    const training = { fingerprint: '0123456789abcdef', iterations: 15, seed: 1 };
    const model = decodeModel(encodeModel({ ...parts(), tuned, training }));
    expect(model.tuned).toEqual(tuned);
    expect(model.training).toEqual(training);
    expect(decodeModel(encodeModel(parts())).tuned).toBeUndefined();
  });

  it('reads a version-1 file, which has the layout of version 3 without next and nothing tuned', () => {
    const file = versionThree('version-3-without-next');
    new DataView(file.buffer).setUint32(4, 1, true);
    const model = decodeModel(resealed(file));
    expect(model.version).toBe(1);
    expect(model.items).toEqual(['a', 'b', 'c']);
    expect(model.tuned).toBeUndefined();
  });

  it('refuses to write a section of the wrong length', () => {
    expect(() => encodeModel({ items: ['a', 'b'], popularity: [1] })).toThrow(/popularity has 1 values, expected 2/);
  });
});

describe('model file validation', () => {

  it('says a file that does not start with "ATNM" is not a model', () => {
    const file = encodeModel(parts());
    file[0] = 0x7b; // "{": someone served JSON
    expect(decodeError(file)).toMatch(/^\[attune\] the model file is not usable: it does not start with "ATNM"/);
    expect(decodeError(bytesOf('<!doctype html><title>Not found</title>'))).toMatch(/does not start with "ATNM"/);
  });

  it('names a version it does not read', () => {
    const file = encodeModel(parts());
    new DataView(file.buffer).setUint32(4, MODEL_VERSION + 1, true); // the checksum is now wrong too: the version is checked first
    expect(decodeError(file)).toMatch(new RegExp(`it is version ${MODEL_VERSION + 1}; this Attune reads versions 1 to ${MODEL_VERSION}`));
    new DataView(file.buffer).setUint32(4, 0, true);
    expect(decodeError(file)).toMatch(/it is version 0/);
  });

  it('says a truncated file is truncated, wherever it was cut', () => {
    const file = encodeModel(parts());
    expect(decodeError(file.slice(0, file.length - 4))).toMatch(/truncated: \d+ bytes, its header says \d+/);
    expect(decodeError(file.slice(0, bodyStart(file) + 5))).toMatch(/truncated/);
    expect(decodeError(file.slice(0, 20))).toMatch(/truncated: 20 bytes, header alone needs/);
  });

  it('says a file with bytes after its end is too long', () => {
    const file = encodeModel(parts());
    const longer = new Uint8Array(file.length + 4);
    longer.set(file);
    expect(decodeError(longer)).toMatch(/too long/);
  });

  it('detects a changed byte by its checksum', () => {
    const file = encodeModel(parts());
    file[file.length - 6] ^= 0x01; // an int8 content value
    expect(decodeError(file)).toMatch(/corrupt \(checksum mismatch\)/);
    const renamed = encodeModel(parts());
    const quotedB = renamed.findIndex((_, at) => renamed[at] === 0x22 && renamed[at + 1] === 0x62 && renamed[at + 2] === 0x22);
    renamed[quotedB + 1] = 0x7a; // item "b" → "z": the header is still valid, only the checksum can tell
    expect(decodeError(renamed)).toMatch(/checksum/);
  });

  it('refuses a popularity, scale or Gramian that is not a finite number', () => {
    const cases: [number, number, RegExp][] = [
      [4 * 1, NaN, /popularity\[1\] is not a finite number/],
      [4 * 3 + 4 * 2, Infinity, /factorScale\[2\] is not a finite number/],
      [4 * 6 + 4 * 1, -Infinity, /gramianRoots\[1\] is not a finite number/],
      [4 * 8, NaN, /contentScale\[0\] is not a finite number/],
    ];
    for (const [offset, value, message] of cases) {
      const file = encodeModel(parts());
      setFloat(file, bodyStart(file) + offset, value);
      expect(decodeError(resealed(file))).toMatch(message);
    }
  });

  it('refuses a header that repeats an item id', () => {
    expect(decodeError(encodeModel({ items: ['a', 'b', 'a'], popularity: [0, 0, 0] }))).toMatch(/header\.items repeats an id/);
  });

  it('refuses a content bucket beyond the width, and offsets that do not fit the entries', () => {
    const beyond = parts();
    beyond.content!.buckets = Uint16Array.of(1, 8, 3); // width 8: buckets are 0..7
    expect(decodeError(encodeModel(beyond))).toMatch(/contentBuckets\[1\] is beyond the width/);

    const backwards = parts();
    backwards.content!.offsets = Uint32Array.of(0, 2, 1, 3);
    expect(decodeError(encodeModel(backwards))).toMatch(/contentOffsets\[2\] goes backwards/);

    const short = parts();
    short.content!.offsets = Uint32Array.of(0, 1, 1, 2);
    expect(decodeError(encodeModel(short))).toMatch(/contentOffsets do not span the content entries/);
  });

  it('refuses tuned settings a site could not give', () => {
    const cases: [ModelParts['tuned'], RegExp][] = [
      [{ strength: 1.5 }, /header\.tuned must give a strength and a diversity from 0 to 1/],
      [{ diversity: -0.1 }, /header\.tuned must give a strength and a diversity from 0 to 1/],
      [{ halfLife: 0 }, /header\.tuned must give .* a half-life in ms above 0/],
      [{ blend: { collaborative: 11 } }, /header\.tuned must give .* blend weights from 0 to 10 for collaborative/],
      [{ blend: { toString: 1 } as never }, /header\.tuned/],
      [{ blend: null } as never, /header\.tuned/],
    ];
    for (const [tuned, message] of cases) expect(decodeError(encodeModel({ ...parts(), tuned }))).toMatch(message);
  });

  it('refuses factor dimensions outside 1..256 and a header that is not JSON or has no items', () => {
    const none = encodeModel({ ...parts(), factors: { ...parts().factors!, dimensions: 0, values: new Int8Array(0), gramian: [] } });
    expect(decodeError(none)).toMatch(/header\.factors must give dimensions 1\.\.256/);
    const negative = encodeModel({ ...parts(), factors: { ...parts().factors!, regularization: -1 } });
    expect(decodeError(negative)).toMatch(/regularization and confidence ≥ 0/);

    const file = encodeModel({ items: ['ab'], popularity: [1] }); // header {"items":["ab"]}
    const broken = file.slice();
    broken[12] = '['.charCodeAt(0);
    expect(decodeError(resealed(broken))).toMatch(/header is not JSON/);
    const notIds = file.slice();
    notIds.set(bytesOf('[12,0]'), 21); // {"items":["ab"]} → {"items":[12,0]}
    expect(decodeError(resealed(notIds))).toMatch(/header\.items must be a list of item ids/);
  });
});

describe('the next-item part (version 3)', () => {
  /** a is followed by c then b; b by a; c by nothing. */
  const next = () => ({
    successors: 2,
    scale: Float32Array.of(0.004, 0.003, 0),
    offsets: Uint32Array.of(0, 2, 3, 3),
    items: Uint32Array.of(2, 1, 0),
    values: Int8Array.of(127, 40, 127),
  });
  const withNext = (): ModelParts => ({ ...parts(), next: next() });

  it('reads back the successors, beside factors and content, each section aligned', () => {
    const file = encodeModel(withNext());
    const model = decodeModel(file);
    expect(model.version).toBe(MODEL_VERSION);
    // Three items: two bytes hold a successor's row.
    expect(model.next).toEqual({ ...next(), items: Uint16Array.of(2, 1, 0) });
    expect(model.content!.buckets).toEqual(Uint16Array.of(1, 7, 3));
    expect(model.factors!.values).toEqual(Int8Array.of(127, -3, 0, 0, 5, -127));
    // The body without it: 4-byte sections (3 + 3 + 2 + 3 + 4 values), buckets (3 × 2), int8 (1 + 6 + 3): 76.
    // With it, nextScale (3 × 4), nextOffsets (4 × 4), nextItems (3 × 2) and nextValues (3 × 1): 113, padded to 116.
    const without = encodeModel(parts());
    const body = (bytes: Uint8Array) => bytes.length - 4 - bodyStart(bytes);
    expect(body(without)).toBe(76);
    expect(body(file)).toBe(116);
    expect(decodeModel(without).next).toBeUndefined();
  });

  it('holds successors in four bytes each in a catalogue of more than 65,536 items', () => {
    const n = 65_537;
    const items = Array.from({ length: n }, (_, i) => `p${i}`);
    const offsets = new Uint32Array(n + 1).fill(1);
    offsets[0] = 0;
    const wide = { successors: 1, scale: new Float32Array(n).fill(0.01), offsets, items: Uint32Array.of(n - 1), values: Int8Array.of(127) };
    const model = decodeModel(encodeModel({ items, popularity: new Float32Array(n), next: wide }));
    expect(model.next!.items).toEqual(Uint32Array.of(n - 1));
    expect(model.next!.offsets[n]).toBe(1);
  });

  it('still reads a version-2 file, which has no next part and the layout of version 3', () => {
    const file = versionThree('version-3-without-next');
    new DataView(file.buffer).setUint32(4, 2, true);
    const model = decodeModel(resealed(file));
    expect(model.version).toBe(2);
    expect(model.next).toBeUndefined();
    expect(model.content!.values).toEqual(Int8Array.of(127, -64, 127));
  });

  it('refuses a file of version 1 or 2 that claims a next part', () => {
    const file = versionThree('version-3');
    new DataView(file.buffer).setUint32(4, 2, true);
    expect(decodeError(resealed(file))).toMatch(/header\.next must give successors 1\.\.100 and entries ≥ 0, in a file of version 3 or later/);
  });

  it('refuses successors that are not items, offsets that go backwards or list more than it says, and a bad count', () => {
    const beyond = withNext();
    beyond.next!.items = Uint32Array.of(2, 3, 0);
    expect(decodeError(encodeModel(beyond))).toMatch(/nextItems\[1\] is not an item/);
    const backwards = withNext();
    backwards.next!.offsets = Uint32Array.of(0, 2, 1, 3);
    expect(decodeError(encodeModel(backwards))).toMatch(/nextOffsets\[2\] goes backwards or past 2 successors/);
    const tooMany = withNext();
    tooMany.next!.successors = 1;
    expect(decodeError(encodeModel(tooMany))).toMatch(/nextOffsets\[1\] goes backwards or past 1 successors/);
    const short = withNext();
    short.next!.offsets = Uint32Array.of(0, 1, 2, 2);
    expect(decodeError(encodeModel(short))).toMatch(/nextOffsets do not span the next entries/);
    const none = withNext();
    none.next!.successors = 0;
    expect(decodeError(encodeModel(none))).toMatch(/header\.next must give successors 1\.\.100/);
  });

  it('refuses a next scale that is not a finite number, and a damaged successor by its checksum', () => {
    const file = encodeModel(withNext());
    // nextScale follows popularity (3), factorScale (3), gramianRoots (2), contentScale (3) and contentOffsets (4).
    setFloat(file, bodyStart(file) + 4 * 15 + 4, NaN);
    expect(decodeError(resealed(file))).toMatch(/nextScale\[1\] is not a finite number/);
    const damaged = encodeModel(withNext());
    damaged[damaged.length - 8] ^= 0x10; // the last successor strength: padding to 4 and the checksum follow it
    expect(damaged[damaged.length - 8]).toBe(127 ^ 0x10);
    expect(decodeError(damaged)).toMatch(/corrupt \(checksum mismatch\)/);
    expect(decodeError(encodeModel(withNext()).slice(0, -12))).toMatch(/truncated/);
  });
});

describe('the packed Gramian and mined rules (version 4)', () => {
  const rules = { did: 'purchase', pairs: [['a', 'c', 0.5], ['c', 'a', 1.25]] as [string, string, number][] };

  it('still reads a version-3 file as it was written: its Gramian in floats, its successors', () => {
    const model = decodeModel(versionThree('version-3'));
    expect(model.version).toBe(3);
    expect(model.factors!.gramian).toEqual(Float32Array.of(1.5, -0.25, -0.25, 2.5));
    expect(model.next!.items).toEqual(Uint16Array.of(2, 1, 0));
    expect(model.content!.values).toEqual(Int8Array.of(127, -64, 127));
    expect(model.rules).toBeUndefined();
  });

  it('keeps a Gramian of 64 factors in 2,272 bytes, not 16,384, each entry within dᵢdⱼ/254', () => {
    const k = 64;
    // YᵀY of a few pseudo-random rows: symmetric, with a dominant diagonal as trained factors give.
    const rows = Array.from({ length: 200 }, (_, r) => Array.from({ length: k }, (_, c) => Math.sin(r * 7.1 + c * 3.3) * (1 + (c % 5))));
    const gramian = Array.from({ length: k * k }, (_, at) => rows.reduce((sum, row) => sum + row[Math.floor(at / k)]! * row[at % k]!, 0));
    const factors = { dimensions: k, regularization: 10, confidence: 2, values: new Int8Array(0), scale: new Float32Array(0), gramian };
    const file = encodeModel({ items: [], popularity: [], factors });
    expect(file.length - 4 - bodyStart(file)).toBe(4 * k + (k * (k - 1)) / 2);
    expectGramian(decodeModel(file).factors!.gramian, gramian);
  });

  it('reads back the mined rules, and writes none where there are none', () => {
    expect(decodeModel(encodeModel({ ...parts(), rules })).rules).toEqual(rules);
    expect(decodeModel(encodeModel(parts())).rules).toBeUndefined();
  });

  it('refuses a negative root of the Gramian, and a correlation of -128', () => {
    const negative = encodeModel(parts());
    setFloat(negative, bodyStart(negative) + 4 * 6, -1);
    expect(decodeError(resealed(negative))).toMatch(/gramianRoots\[0\] is negative/);
    const beyond = encodeModel(parts());
    // The one correlation follows the 4-byte sections (15 values) and the buckets (3 × 2).
    beyond[bodyStart(beyond) + 4 * 15 + 2 * 3] = 0x80;
    expect(decodeError(resealed(beyond))).toMatch(/gramianValues\[0\] is -128, outside -127\.\.127/);
  });

  it('refuses malformed rules, naming the pair, and rules in a file older than version 4', () => {
    const cases: [unknown, RegExp][] = [
      [{ did: 'bought it', pairs: [] }, /header\.rules must give did \(an interaction type\) and at most 1000 pairs/],
      [{ did: 'purchase' }, /header\.rules must give did/],
      [{ did: 'purchase', pairs: [['a', 'c', 0.5], ['a', '', 1]] }, /header\.rules\.pairs\[1\] must be \[item id, item id, boost above 0 and at most 10\]/],
      [{ did: 'purchase', pairs: [['a', 'c', 11]] }, /header\.rules\.pairs\[0\]/],
      [{ did: 'purchase', pairs: [['a', 'c', 0]] }, /header\.rules\.pairs\[0\]/],
      [{ did: 'purchase', pairs: [['a', 'c']] }, /header\.rules\.pairs\[0\]/],
      [{ did: 'purchase', pairs: Array.from({ length: 1001 }, () => ['a', 'c', 1]) }, /at most 1000 pairs/],
    ];
    for (const [malformed, message] of cases) expect(decodeError(encodeModel({ ...parts(), rules: malformed as never }))).toMatch(message);
    // A version-3 file's header that claims rules: its layout is version 3's, so only the rules are wrong.
    const old = versionThree('version-3-without-next');
    const headerLength = new DataView(old.buffer).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(old.subarray(12, 12 + headerLength)));
    const json = new TextEncoder().encode(JSON.stringify({ ...header, rules }));
    const body = old.subarray(bodyStart(old));
    const claimed = new Uint8Array(((12 + json.length + 3) & ~3) + body.length);
    claimed.set(old.subarray(0, 12));
    new DataView(claimed.buffer).setUint32(8, json.length, true);
    claimed.set(json, 12);
    claimed.set(body, (12 + json.length + 3) & ~3);
    expect(decodeError(resealed(claimed))).toMatch(/in a file of version 4 or later/);
  });
});
