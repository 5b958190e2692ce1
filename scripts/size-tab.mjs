#!/usr/bin/env node
// `npm run size:tab [-- --no-build] [-- --check]`: the JavaScript the tab makes a browser fetch
// before its first render, gzipped, beside the floor — the smallest app on the same stack (React 19
// createRoot rendering a Fluent UI v9 Button inside FluentProvider with teamsLightTheme), built with
// the same Vite and React plugin. Measured as tab/vite.config.ts's initialJsSize plugin measures:
// the entry script and the modulepreloads index.html names, each gzipped (zlib default level).
// Prints what it measured, then one JSON line last: {"initialJsGzipKb", "floorKb", "ratio"}.
// --check exits 1 when the ratio is above 1.3 (issue 15's bar: initial JS ≤ 1.3 × the floor).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const BASE = '/tab/';
const MAX_RATIO = 1.3;

/** The initial JS of a built app: [{file, gzipBytes}] for its entry script and modulepreloads. */
async function initialJs(outDir) {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const urls = [
    ...html.matchAll(/<script[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  const files = [...new Set(urls)].filter((u) => u.startsWith(BASE)).map((u) => u.slice(BASE.length));
  return Promise.all(files.map(async (file) => ({ file, gzipBytes: gzipSync(await readFile(join(outDir, file))).length })));
}

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const total = (files) => files.reduce((sum, f) => sum + f.gzipBytes, 0);

function buildTab() {
  const vite = join(repo, 'node_modules/.bin/vite');
  const result = spawnSync(vite, ['build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn'], { cwd: repo, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`vite build of the tab failed (exit ${result.status})`);
  }
}

const PROBE_MAIN = `import { createRoot } from 'react-dom/client';
import { Button, FluentProvider, teamsLightTheme } from '@fluentui/react-components';

createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={teamsLightTheme}>
    <Button>Hello</Button>
  </FluentProvider>,
);
`;
const PROBE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>floor</title></head>
<body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>
`;

/** Builds the floor app in a temporary directory (its node_modules a link to the repository's). */
async function buildFloor() {
  const dir = await mkdtemp(join(tmpdir(), 'pgteams-size-floor-'));
  try {
    await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'main.tsx'), PROBE_MAIN);
    await writeFile(join(dir, 'index.html'), PROBE_HTML);
    const { build } = await import('vite');
    const { default: react } = await import('@vitejs/plugin-react');
    // React in a chunk of its own, as the tab has it (and as BENCHMARKS.md's 89.0 KB floor was measured).
    const manualChunks = (id) => (/\/node_modules\/(react|react-dom|scheduler)\//.test(id) ? 'react' : undefined);
    await build({
      root: dir,
      base: BASE,
      configFile: false,
      logLevel: 'silent',
      plugins: [react()],
      build: { outDir: join(dir, 'dist'), emptyOutDir: true, rollupOptions: { output: { manualChunks } } },
    });
    return await initialJs(join(dir, 'dist'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (!args.has('--no-build')) buildTab();
  const tab = await initialJs(join(repo, 'tab/dist'));
  const floor = await buildFloor();
  const initialJsGzipKb = kb(total(tab));
  const floorKb = kb(total(floor));
  const ratio = Math.round((total(tab) / total(floor)) * 100) / 100;
  for (const f of tab) console.log(`  tab/dist/${f.file}  ${kb(f.gzipBytes)} KB gzip`);
  for (const f of floor) console.log(`  floor ${f.file}  ${kb(f.gzipBytes)} KB gzip`);
  console.log(`tab initial JS: ${initialJsGzipKb} KB gzip in ${tab.length} files`);
  console.log(`floor (React 19 + FluentProvider/teamsLightTheme + Button, same Vite build): ${floorKb} KB gzip`);
  console.log(`ratio: ${ratio.toFixed(2)} (bar ${MAX_RATIO}: ≤ ${kb(total(floor) * MAX_RATIO)} KB)`);
  console.log(JSON.stringify({ initialJsGzipKb, floorKb, ratio }));
  if (args.has('--check') && ratio > MAX_RATIO) {
    console.error(`initial JS is ${ratio.toFixed(2)} × the floor, above ${MAX_RATIO}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
