#!/usr/bin/env node
// `npm run e2e:tab`: builds what is out of date (the tab with Vite, the server with tsc), runs the
// shell check (test/e2e/tab-shell.mjs, stand-in API) and then the full end-to-end run against the
// real server and database (test/e2e/tab.ts). Prints `e2e: PASS` last, or exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}
const built = (file) => (existsSync(join(root, file)) ? statSync(join(root, file)).mtimeMs : 0);

function run(label, command, args) {
  console.log(`› ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.log(`\ne2e: FAIL (${label} exited ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

const sources = Math.max(newest('shared'), newest('bot'));
if (process.argv.includes('--build') || built('tab/dist/index.html') < Math.max(newest('tab/src'), newest('shared'), built('tab/index.html'))) {
  run('building the tab', 'npx', ['vite', 'build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn']);
}
if (process.argv.includes('--build') || built('dist/bot/main.js') < sources) {
  run('building the server', 'npx', ['tsc', '-p', 'tsconfig.build.json']);
}
run('tab shell (stand-in API)', process.execPath, ['test/e2e/tab-shell.mjs']);
run('tab end to end (real server, FerretDB, signed tokens)', 'npx', ['tsx', 'test/e2e/tab.ts']);
run('tab talent and reports (real server)', 'npx', ['tsx', 'test/e2e/tab-talent.ts']);
// Issue 15: every view each role reaches × light/dark/contrast × 1280×800 and 390×844 (screenshots
// under test-results/roles/, axe, sideways scrolling on a phone) and a view whose chunk fails to load.
run('tab for every role, theme and size (real server)', 'npx', ['tsx', 'test/e2e/tab-roles.ts']);
