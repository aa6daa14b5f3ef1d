import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/model/format';
import { buildModel } from '../../tools/model/build';
import { readSparkItemFactors } from '../../tools/model/read';

/** What Spark 3 wrote for `model.itemFactors.write.json(dir)`: two part files, _SUCCESS, and Hadoop's .crc checksums. */
const FIXTURE = new URL('../fixtures/spark-item-factors/', import.meta.url).pathname;
const PART_1 = 'part-00001-6f2c1a4e-8b3d-4c7e-9a15-3e0d2b7f8c41-c000.json';

/** The fixture's vectors, part by part, line by line; Java writes -6.1234E-4 for a small float. */
const EXPECTED: [string, number[]][] = [
  ['6', [-0.5992731, -0.13755615, 0.26014167, -0.47341317]],
  ['50', [0.4460624, 0.18917885, 0.2937401, 0.31962547]],
  ['110', [0.5706253, -0.5557445, -0.5333793, -0.2250976]],
  ['1', [0.08899312, -0.36637244, -6.1234e-4, -0.38608718]],
  ['47', [-0.12854305, -0.13992362, 0.3472302, 0.4093985]],
  ['296', [-0.2624, 0.11380792, 0.21529584, -0.33668074]],
];

const scratch = mkdtempSync(join(tmpdir(), 'attune-spark-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A part file of Spark's layout with the given lines, in a directory of its own. */
function sparkOutput(name: string, ...lines: string[]): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'part-00000-0e9d6c1b-2a47-4f3e-8d5c-7b1a9e0f4c23-c000.json'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, '_SUCCESS'), '');
  return dir;
}

describe('readSparkItemFactors', () => {
  it("reads the part files of Spark's output directory, ids as text, skipping _SUCCESS and .crc files", () => {
    expect([...readSparkItemFactors(FIXTURE)]).toEqual(EXPECTED);
  });

  it('reads a single part file', () => {
    expect([...readSparkItemFactors(join(FIXTURE, PART_1))]).toEqual(EXPECTED.slice(3));
  });

  it('reports the files read', () => {
    const progress: [number, number][] = [];
    readSparkItemFactors(FIXTURE, (done, total) => progress.push([done, total]));
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('names the file and line of a vector of another length, a value that is not a finite number, or a repeated id', () => {
    const ragged = sparkOutput(
      'ragged',
      '{"id":1,"features":[0.1,0.2,0.3]}',
      '{"id":2,"features":[0.1,0.2,0.3]}',
      '{"id":3,"features":[0.1,0.2]}',
    );
    const part = join(ragged, 'part-00000-0e9d6c1b-2a47-4f3e-8d5c-7b1a9e0f4c23-c000.json');
    expect(() => readSparkItemFactors(ragged)).toThrow(new TypeError(`${part} line 3: 2 factors, expected 3 as in ${part} line 1`));
    // Spark writes a float NaN as the string "NaN".
    const nan = sparkOutput('nan', '{"id":1,"features":[0.1,"NaN"]}');
    expect(() => readSparkItemFactors(nan)).toThrow(/part-00000-.*\.json line 1: features\[1\] is "NaN", not a finite number$/);
    const again = sparkOutput('again', '{"id":1,"features":[0.1]}', '{"id":1,"features":[0.2]}');
    expect(() => readSparkItemFactors(again)).toThrow(/part-00000-.*\.json line 2: item 1 again \(first in .*\.json line 1\)$/);
    const broken = sparkOutput('broken', '{"id":1,"features":[0.1]}', '{"id":2,"features":[0.1');
    expect(() => readSparkItemFactors(broken)).toThrow(/part-00000-.*\.json line 2: not JSON/);
    const noId = sparkOutput('no-id', '{"features":[0.1]}');
    expect(() => readSparkItemFactors(noId)).toThrow(/line 1: "id" must be a whole number or a string, got undefined$/);
  });

  it('refuses a directory without part files, and output without vectors', () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, '_SUCCESS'), '');
    expect(() => readSparkItemFactors(empty)).toThrow(
      `${empty}: no part-*.json files; is it the directory Spark's itemFactors.write.json() wrote?`,
    );
    expect(() => readSparkItemFactors(sparkOutput('blank', ''))).toThrow(/blank: no item factors$/);
  });
});

describe('a model from Spark item factors', () => {
  it('holds each item factor within half its quantisation step', () => {
    const catalogue = [...EXPECTED.map(([id]) => ({ id })), { id: 'no-factors' }];
    const itemFactors = readSparkItemFactors(FIXTURE);
    const { bytes, summary } = buildModel({ catalogue, itemFactors }, { factors: 4, regularization: 0.1, confidence: 1, contentWidth: 0 });
    expect(summary).toMatchObject({ items: 7, itemsWithFactors: 6, users: 0, factors: 4 });
    const model = decodeModel(bytes);
    expect(model.factors).toMatchObject({ dimensions: 4, regularization: 0.1, confidence: 1 });
    const { values, scale } = model.factors!;
    for (const [id, vector] of EXPECTED) {
      const row = model.index.get(id)!;
      vector.forEach((value, k) => expect(Math.abs(values[row * 4 + k]! * scale[row]! - value)).toBeLessThanOrEqual(scale[row]! / 2));
    }
    const row = model.index.get('no-factors')!;
    expect(scale[row]).toBe(0);
    expect(Array.from(values.subarray(row * 4, row * 4 + 4))).toEqual([0, 0, 0, 0]);
  });
});
