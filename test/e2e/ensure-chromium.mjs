// Makes sure the system Chromium that the e2e tests drive is installed.
// Only Debian's package is used: never a browser downloaded any other way
// (playwright-core's own browser download is not used on purpose).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version');
const hasAptGet = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

if (!(isRoot && isDebian && hasAptGet)) {
  console.error(`The e2e tests need Chromium at ${CHROMIUM}. Install it with:\n  sudo apt-get install -y chromium`);
  process.exit(1);
}

for (const args of [['update'], ['install', '-y', 'chromium']]) {
  console.log(`Chromium is missing: running apt-get ${args.join(' ')}`);
  const { status } = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed with exit code ${status}`);
    process.exit(1);
  }
}

if (!existsSync(CHROMIUM)) {
  console.error(`apt-get installed chromium, but ${CHROMIUM} is still missing`);
  process.exit(1);
}
