/**
 * The API reference in docs/api/ (`npm run docs`): TypeDoc, from the TSDoc of
 * every entry point, with every export documented and every link resolved
 * (typedoc.json: `validation`, `treatWarningsAsErrors`), and the committed
 * pages exactly what the source makes of them now.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMMITTED = join(ROOT, 'docs/api');
const folder = mkdtempSync(join(tmpdir(), 'attune-api-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Every file under a folder, by its path inside it, with its text. */
function pages(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(files.map((entry) => [join(entry.parentPath, entry.name).slice(dir.length + 1), readFileSync(join(entry.parentPath, entry.name), 'utf8')]));
}

function typedoc(out: string): Promise<{ status: number | null; output: string }> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/typedoc/bin/typedoc'), '--out', out], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', failed);
    child.on('close', (status) => done({ status, output }));
  });
}

describe('the API reference', () => {
  // TypeDoc reads the whole program with the type checker: most of a minute on a busy two-core machine.
  it('documents every export of every entry point, with no warning, and docs/api/ is up to date', { timeout: 180_000 }, async () => {
    const out = join(folder, 'api');
    const { status, output } = await typedoc(out);
    expect(output.replace(/\x1b\[[\d;]*m/g, '')).not.toMatch(/\[warning\]|\[error\]/);
    expect(status).toBe(0);
    const made = pages(out);
    const committed = pages(COMMITTED);
    expect([...made.keys()].sort(), 'docs/api/ differs from the source: run `npm run docs` and commit it').toEqual([...committed.keys()].sort());
    for (const [page, text] of made) expect(committed.get(page), `docs/api/${page} is out of date: run \`npm run docs\``).toBe(text);
    expect(made.get('README.md')).toMatch(/attune\/react[\s\S]*attune\/vue/);
  });
});
