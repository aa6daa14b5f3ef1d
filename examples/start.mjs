// npm start: builds what the demos load, then serves them. Two rollup processes
// build side by side (the script tag with its parts, which must be minified in
// one run, and the modules), so both cores work; each line they print says
// which it came from. Then, side by side, the React and Vue demos (bundled
// from the modules just built) and the news demo's model, built again only
// when its inputs changed; then the server.
//   npm start                 (PORT and HOST override 8080 and 127.0.0.1)
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROLLUP = fileURLToPath(new URL('../node_modules/rollup/dist/bin/rollup', import.meta.url));

/**
 * Runs a Node script from the repository root; resolves when it exits 0. Given
 * a label, its output comes line by line after the label, blank lines left out.
 */
function node(args, label) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: label ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    if (label) {
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => {
          // Plain text: colours meant for a line of its own would run on into the next label.
          const text = line.replace(/\x1b\[[\d;]*m/g, '');
          if (text.trim()) console.log(`${label}${text}`);
        });
      }
    }
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} ${signal ? `stopped by ${signal}` : `exited with status ${code}`}`))));
  });
}

const started = performance.now();
console.log('Building what the demos load into dist/, in two processes side by side:');
try {
  await Promise.all([
    node([ROLLUP, '-c', '--configDemos=script-tags'], '  script tags  '),
    node([ROLLUP, '-c', '--configDemos=modules'], '  modules      '),
  ]);
  console.log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  await Promise.all([node([ROLLUP, '-c', 'examples/rollup.config.mjs'], '  React, Vue   '), node(['examples/news/build-model.mjs'])]);
  await node(['examples/serve.mjs']);
} catch (error) {
  // What failed has said why on its own output; this names the step.
  console.error(error.message);
  process.exit(1);
}
