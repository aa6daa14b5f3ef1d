import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, prepareOutput } from '../../tools/files';
import { scratchFolder } from './run-attune';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('decodeText', () => {
  it('returns UTF-8 text, without a byte-order mark', () => {
    expect(decodeText(text('id,title\n1,Café\n'))).toBe('id,title\n1,Café\n');
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x69, 0x64))).toBe('id');
  });

  it('names a binary file by its first zero byte, and UTF-16 text by its byte-order mark', () => {
    expect(() => decodeText(bytes(0x41, 0x54, 0x4e, 0x4d, 0x01, 0x00, 0x00, 0x00))).toThrow(
      new TypeError('the file is not text (byte 5 is zero): is it a binary file, such as a spreadsheet or a model?'),
    );
    expect(() => decodeText(bytes(0xff, 0xfe, 0x69, 0x00))).toThrow(new TypeError('the file is UTF-16 text; save it as UTF-8'));
  });

  it('names the line and the byte of the first sequence that is not UTF-8', () => {
    const latin1 = bytes(...text('id,title\n1,Caf'), 0xe9, 0x0a);
    expect(() => decodeText(latin1)).toThrow(new TypeError('line 2 is not UTF-8 (byte 0xE9; Latin-1 or Windows-1252 text?): save the file as UTF-8'));
    // An encoded surrogate (U+D800) and an overlong "/" are not UTF-8 either.
    expect(() => decodeText(bytes(0x61, 0xed, 0xa0, 0x80))).toThrow(/^line 1 is not UTF-8 \(byte 0xED;/);
    expect(() => decodeText(bytes(0x0a, 0x0a, 0xc0, 0xaf))).toThrow(/^line 3 is not UTF-8 \(byte 0xC0;/);
    expect(() => decodeText(bytes(0x61, 0xe2, 0x82))).toThrow(/^line 1 is not UTF-8 \(byte 0xE2;/);
  });
});

describe('prepareOutput', () => {
  const { folder, file } = scratchFolder('attune-output-');

  it('makes the folder the file goes in', () => {
    const out = join(folder, 'public', 'models', 'model.bin');
    prepareOutput('out', out);
    expect(statSync(join(folder, 'public', 'models')).isDirectory()).toBe(true);
  });

  it('refuses a folder, a path through a file, and an input', () => {
    mkdirSync(join(folder, 'public'), { recursive: true });
    const catalogue = file('movies.csv', 'movieId\n1\n');
    expect(() => prepareOutput('out', join(folder, 'public'))).toThrow(`--out ${join(folder, 'public')} is a folder; give the file's name`);
    expect(() => prepareOutput('out', join(catalogue, 'model.bin'))).toThrow(/: a part of the path is a file, not a folder$/);
    expect(() => prepareOutput('chart', catalogue, [undefined, catalogue])).toThrow(`--chart ${catalogue} is also an input: writing there would destroy it`);
    writeFileSync(join(folder, 'model.bin'), '');
    expect(() => prepareOutput('out', join(folder, 'model.bin'))).not.toThrow();
  });
});
