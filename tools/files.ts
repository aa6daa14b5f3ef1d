/**
 * The files an `attune` command reads and writes. What it reads must be UTF-8
 * text, and is unzipped first where it is gzipped; a binary file, or text in
 * another encoding, is named in one line instead of being parsed into errors
 * that quote its bytes. Where it writes is checked, and its folder made,
 * before any work starts, so a bad path fails at once, not after the work.
 */
import { accessSync, constants, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { gunzipSync } from 'node:zlib';

/** gzip's magic number: logs are often kept gzipped, whatever their name says. */
const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** A file's text: unzipped where its name ends in .gz or its bytes say gzip, and checked by {@link decodeText}. */
export function readText(path: string): string {
  const bytes = readFileSync(path);
  return decodeText(path.endsWith('.gz') || isGzip(bytes) ? gunzipSync(bytes) : bytes);
}

/**
 * UTF-8 text from bytes. Throws a TypeError, for the caller to prefix with the
 * file's name, when the bytes are not text (a zero byte: a spreadsheet, an
 * image, a model file) or not UTF-8 (UTF-16, or Latin-1 and Windows-1252,
 * which spreadsheets still write), saying where.
 */
export function decodeText(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new TypeError('the file is UTF-16 text; save it as UTF-8');
  }
  const zero = bytes.indexOf(0);
  if (zero >= 0) throw new TypeError(`the file is not text (byte ${zero} is zero): is it a binary file, such as a spreadsheet or a model?`);
  if (!isUtf8(bytes)) {
    const at = firstNonUtf8(bytes);
    const line = bytes.subarray(0, at).filter((byte) => byte === 0x0a).length + 1;
    const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
    throw new TypeError(`line ${line} is not UTF-8 (byte 0x${byte}; Latin-1 or Windows-1252 text?): save the file as UTF-8`);
  }
  return new TextDecoder().decode(bytes);
}

/** Where the first byte sequence that is not UTF-8 starts (RFC 3629: no overlong forms, surrogates or code points past U+10FFFF). */
function firstNonUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return at;
    // The second byte's range where the lead byte narrows it; 0x80 to 0xBF otherwise.
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    for (let next = 1; next < length; next++) {
      const byte = bytes[at + next];
      if (byte === undefined || byte < (next === 1 ? low : 0x80) || byte > (next === 1 ? high : 0xbf)) return at;
    }
    at += length;
  }
  return at;
}

/**
 * Checks that a command can write `path` before it starts its work, making the
 * folder it goes in. Throws an Error that names the flag and says what is in
 * the way: a folder where the file should be, a file where a folder should be,
 * no permission, or an input the output would overwrite.
 */
export function prepareOutput(flag: string, path: string, inputs: readonly (string | undefined)[] = []): void {
  const where = `--${flag} ${path}`;
  if (inputs.some((input) => input !== undefined && resolve(input) === resolve(path))) {
    throw new Error(`${where} is also an input: writing there would destroy it`);
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
    const existing = statSync(path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw new Error(`${where} is a folder; give the file's name`);
    accessSync(existing ? path : dirname(path), constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new Error(`${where}: a part of the path is a file, not a folder`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new Error(`${where}: no permission to write there`);
    throw error;
  }
}
