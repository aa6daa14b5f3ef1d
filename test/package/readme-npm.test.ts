/**
 * "Quick start: npm module" in the README, run as a reader would: a fresh
 * project, the install command as written (with the packed tarball for the
 * package's name, and no registry), the TypeScript block compiled with strict
 * settings and run in Node. The products and `render()` the block leaves to
 * the reader are given to it the way a site's own code would.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { blockOf } from '../readme/quick-starts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'attune-quick-start-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function run(program: string, args: string[], cwd: string): Promise<{ status: number | null; output: string; stdout: string }> {
  return new Promise((done, failed) => {
    const child = spawn(program, args, { cwd });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => ((output += chunk), (stdout += chunk)));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', failed);
    child.on('close', (status) => done({ status, output, stdout }));
  });
}

/** The site's products, in its own order, and how it shows one: what the block calls `products` and `render`. */
const SITE = `globalThis.products = [
  { id: 'p1', tags: ['category:hats', 'brand:fjell'] },
  { id: 'p2', tags: ['category:bags', 'brand:lumen'] },
  { id: 'p3', tags: ['category:shoes', 'brand:acme'] },
  { id: 'p4', tags: ['category:socks', 'brand:tidewater'] },
];
globalThis.render = (id, reason) => console.log(JSON.stringify({ id, reason }));
`;
const SITE_TYPES = `declare const products: { id: string; tags: string[] }[];
declare function render(id: string, reason: string | undefined): void;
`;

describe("the README's npm quick start", () => {
  it('installs, compiles under strict settings and runs, ranking the products the visitor clicked and liked first', { timeout: 120_000 }, async () => {
    const install = blockOf('Quick start: npm module', 'sh').trim();
    expect(install).toBe('npm install attune');
    const code = blockOf('Quick start: npm module', 'ts');

    const packed = await run('npm', ['pack', '--json', '--pack-destination', folder], ROOT);
    expect(packed.status, packed.output).toBe(0);
    const tarball = join(folder, JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0].filename);
    const project = join(folder, 'shop');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop', type: 'module', private: true }));
    // The command as written, with the tarball for the name; no registry is asked, nothing else is installed.
    const [npm, ...args] = install.replace(/\battune$/, tarball).split(' ');
    const installed = await run(npm!, [...args, '--offline', '--no-audit', '--no-fund'], project);
    expect(installed.status, installed.output).toBe(0);

    writeFileSync(join(project, 'quick-start.ts'), code);
    writeFileSync(join(project, 'site.d.ts'), SITE_TYPES);
    writeFileSync(join(project, 'site.mjs'), SITE);
    const compilerOptions = { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [], strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['quick-start.ts', 'site.d.ts'] }));
    const compiled = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], project);
    expect(compiled.output).toBe('');
    expect(compiled.status).toBe(0);

    const ran = await run(process.execPath, ['--import', './site.mjs', 'quick-start.js'], project);
    expect(ran.status, ran.output).toBe(0);
    const rendered = ran.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; reason?: string });
    expect(rendered.map(({ id }) => id).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    // The shoes by acme, what the block clicks and likes, come first, and the line says why.
    expect(rendered[0]).toMatchObject({ id: 'p3', reason: expect.stringMatching(/shoes|acme/) });
  });
});
