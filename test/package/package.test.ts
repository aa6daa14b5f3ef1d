/**
 * The package as a site gets it: `npm pack`, then the ecosystem's own checks
 * on the tarball (Are the Types Wrong?, publint), and a site's code compiled
 * against the unpacked package under each module resolution a project may
 * use, with the strictest settings, with and without `skipLibCheck`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONSUMER = new URL('./consumer/', import.meta.url);

/** Runs a program to its end; its exit status and everything it printed. */
function run(program: string, args: string[], cwd = ROOT): Promise<{ status: number | null; output: string }> {
  return new Promise((done, failed) => {
    const child = spawn(program, args, { cwd });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', failed);
    child.on('close', (status) => done({ status, output }));
  });
}

const RESOLUTIONS = {
  node16: { module: 'node16', moduleResolution: 'node16' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
};

/**
 * A site's settings at their strictest, `declaration` included, so a type the
 * site's code infers from the package must have a name it can write.
 * TypeScript's own lib files are not the package's to check.
 */
const STRICTEST = {
  target: 'es2022',
  lib: ['es2022', 'dom', 'dom.iterable'],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  declaration: true,
  emitDeclarationOnly: true,
  skipDefaultLibCheck: true,
  // The README's React examples are TSX, as a React site writes them.
  jsx: 'react-jsx',
};

/**
 * Each resolution with the strictest settings, with and without skipLibCheck.
 * With it, the site's code, every entry point and every README example,
 * attune/react and attune/vue included: their `@ts-expect-error` lines prove
 * no type is `any`. Without it, which checks every declaration line by line,
 * the site's code apart from React's and Vue's (the `site` program), and the
 * React and Vue site once (`frameworks`): checking React's and Vue's own
 * declarations (40,000 lines with csstype) in every mode would double the
 * time of each compile and tell nothing more about this package.
 */
const COMPILES = [
  // Cheapest first: each test waits for its own, and its time counts from the end of the one before.
  ...Object.keys(RESOLUTIONS).map((resolution) => `all ${resolution}, skipLibCheck`),
  ...Object.keys(RESOLUTIONS).map((resolution) => `site ${resolution}`),
  'frameworks nodenext',
];

/** What the README's TypeScript examples leave to the reader: the site's products, and how it shows one. */
const README_GLOBALS = `declare const products: { id: string; tags: string[] }[];
declare function render(id: string, reason: string | undefined): void;
`;

/** The README's TypeScript examples, each a module of its own: `.ts`, or `.tsx` for the React ones; `frameworks` for those that import React or Vue. */
function readmeExamples(): { code: string; extension: string; program: 'site' | 'frameworks' }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```(tsx?)\n([\s\S]*?)^```/gm)].map((match) => ({
    extension: match[1]!,
    code: match[2]!,
    program: /from '(attune\/)?(react|vue)/.test(match[2]!) ? 'frameworks' : 'site',
  }));
}

interface PackageJson {
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

/** Script tags are classic scripts, not modules: there is nothing to import from them, so nothing to type. */
const isScriptTag = (file: unknown) => String(file).endsWith('.min.js');
/** The specifiers of every entry point a module imports, `attune/panel` for `./panel`. */
const MODULE_ENTRIES = Object.entries(PACKAGE.exports)
  .filter(([entry, file]) => !isScriptTag(file) && !entry.endsWith('.json'))
  .map(([entry]) => `attune${entry.slice(1)}`);
/** The entry points for a framework, `attune/react` for the peer dependency `react`: compiled in the frameworks program. */
const isFrameworkEntry = (entry: string) => Object.keys(PACKAGE.peerDependencies ?? {}).some((peer) => entry === `attune/${peer}`);

/** What the README's React example imports besides the package and its peers: a React site has it. */
const README_DEPENDENCIES = ['react-dom'];

/** The package's dependencies and peer dependencies, with their types, from the repository's node_modules, as a site's install has them. */
function linkDependencies(modules: string): void {
  const names = [...Object.keys(PACKAGE.dependencies ?? {}), ...Object.keys(PACKAGE.peerDependencies ?? {}), ...README_DEPENDENCIES];
  for (const name of names.flatMap((name) => [name, `@types/${name.replace('@', '').replace('/', '__')}`])) {
    if (!existsSync(join(ROOT, 'node_modules', name))) continue;
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
  }
}

/** A site's folder with the tarball unpacked into node_modules, as npm installs it, and its code. */
async function siteWith(tarball: string, folder: string): Promise<string> {
  const site = join(folder, 'site');
  const installed = join(site, 'node_modules', 'attune');
  mkdirSync(installed, { recursive: true });
  const unpacked = await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  if (unpacked.status !== 0) throw new Error(unpacked.output);
  linkDependencies(join(site, 'node_modules'));
  writeFileSync(join(site, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  for (const program of ['site', 'frameworks']) {
    writeFileSync(join(site, `${program}.ts`), readFileSync(new URL(`${program}.ts`, CONSUMER)));
    // Each entry point, so one added to package.json is compiled too, before the site's code uses it.
    const entries = MODULE_ENTRIES.filter((entry) => isFrameworkEntry(entry) === (program === 'frameworks'));
    writeFileSync(join(site, `${program}-entries.ts`), entries.map((entry, index) => `export * as entry${index} from '${entry}';\n`).join(''));
  }
  writeFileSync(join(site, 'readme-globals.d.ts'), README_GLOBALS);
  readmeExamples().forEach(({ code, extension, program }, index) => writeFileSync(join(site, `${program}-readme-${index + 1}.${extension}`), code));
  return site;
}

/** Compiles one program of the site (`site nodenext`, `all bundler, skipLibCheck`) under one resolution, with or without skipLibCheck; what tsc printed. */
function compile(site: string, name: string) {
  const program = name.slice(0, name.indexOf(' '));
  const [resolution, skipLibCheck] = name.slice(program.length + 1).split(', ') as [keyof typeof RESOLUTIONS, string?];
  const config = `tsconfig.${program}.${resolution}${skipLibCheck ? '.skip' : ''}.json`;
  const compilerOptions = { ...STRICTEST, ...RESOLUTIONS[resolution], skipLibCheck: skipLibCheck !== undefined, outDir: `out/${config}` };
  const include = program === 'all' ? ['*.ts', '*.tsx'] : [`${program}*.ts`, `${program}*.tsx`, 'readme-globals.d.ts'];
  writeFileSync(join(site, config), JSON.stringify({ compilerOptions, include }));
  return run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config], site);
}

const folder = mkdtempSync(join(tmpdir(), 'attune-package-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let tarball: string;
const compiled = new Map<string, ReturnType<typeof compile>>();
let typesChecked: ReturnType<typeof run>;

beforeAll(async () => {
  const packed = await run('npm', ['pack', '--json', '--pack-destination', folder]);
  if (packed.status !== 0) throw new Error(packed.output);
  tarball = join(folder, JSON.parse(packed.output.slice(packed.output.indexOf('[')))[0].filename);
  const site = await siteWith(tarball, folder);
  const scriptTags = Object.entries(PACKAGE.exports).flatMap(([entry, file]) => (isScriptTag(file) ? [entry] : []));
  // ESM only: no `require` condition, so CommonJS resolutions (node10, node16 from CJS) find nothing by design.
  const args = [tarball, '--profile', 'esm-only', '--exclude-entrypoints', ...scriptTags, '--format', 'ascii', '--no-color'];
  // attw first, on its own: beside ten compiles on two cores it took over a minute.
  typesChecked = run(join(ROOT, 'node_modules/.bin/attw'), args);
  await typesChecked;
  // Then the compiles, each a tsc of its own, in two waves side by side: the skipLibCheck ones, whose
  // tests come first, then the rest, so no test waits on all seven sharing two cores at once.
  const first = COMPILES.filter((name) => name.startsWith('all '));
  for (const name of first) compiled.set(name, compile(site, name));
  const firstDone = Promise.all(first.map((name) => compiled.get(name)));
  for (const name of COMPILES.filter((name) => !first.includes(name))) compiled.set(name, firstDone.then(() => compile(site, name)));
});

describe('the packed package', () => {
  it('passes Are the Types Wrong? for every entry point', async () => {
    const checked = await typesChecked;
    expect(checked.status, checked.output).toBe(0);
  });

  it('passes publint with no error, warning or suggestion', async () => {
    const bytes = readFileSync(tarball);
    const { messages, pkg } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) }, level: 'suggestion' });
    expect(messages.map((message) => formatMessage(message, pkg, { color: false }))).toEqual([]);
  });

  it('has TypeScript examples in the README, and entry points, to compile', () => {
    expect(readmeExamples().length).toBeGreaterThanOrEqual(3);
    expect(readmeExamples().filter(({ program }) => program === 'frameworks').length).toBeGreaterThanOrEqual(2);
    expect(MODULE_ENTRIES).toEqual(expect.arrayContaining(['attune', 'attune/panel', 'attune/tools', 'attune/react', 'attune/vue']));
  });

  it.each(COMPILES)('compiles the %s program of a site, its entry points and README examples, strictest settings', async (name) => {
    const { status, output } = await compiled.get(name)!;
    expect(output).toBe('');
    expect(status).toBe(0);
  });
});
