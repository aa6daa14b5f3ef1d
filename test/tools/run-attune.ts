/**
 * What the command-line tests share: the built `attune` program, run as
 * `npx attune` runs it (npm test builds dist/ first), and a scratch folder for
 * the files it reads and writes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const CLI = new URL('../../dist/cli.mjs', import.meta.url).pathname;

/** Runs `attune` with these arguments and returns its exit status and output. */
export function attune(...args: string[]) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status, stdout, stderr };
}

/** A folder removed when the test file ends, and a writer of text files in it that returns their paths. */
export function scratchFolder(prefix: string): { folder: string; file(name: string, text: string): string } {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return {
    folder,
    file(name, text) {
      const path = join(folder, name);
      writeFileSync(path, text);
      return path;
    },
  };
}
