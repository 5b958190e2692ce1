import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const tabRoot = fileURLToPath(new URL('.', import.meta.url));
// The server serves tab/dist under /tab, so every asset URL is built relative to it.
const base = '/tab/';

/**
 * Prints the JavaScript the browser fetches before first render: the entry script and the
 * modulepreloads that index.html names, gzipped as a server would send them.
 * DESIGN.md sets the bar (Fluent + React ≈ 90 KB gzip is the floor).
 */
function initialJsSize(): Plugin {
  let outDir = '';
  return {
    name: 'pgteams:initial-js-size',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      const urls = [
        ...html.matchAll(/<script[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
        ...html.matchAll(/<link[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
      ].map((m) => m[1] ?? '');
      const files = [...new Set(urls)].filter((u) => u.startsWith(base)).map((u) => u.slice(base.length));
      const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(outDir, f))).length, 0);
      console.log(`tab: initial JS ${(bytes / 1024).toFixed(1)} KB gzip (${files.length} files)`);
    },
  };
}

/**
 * React and teams-js change far less often than our code, so they get their own long-cached chunks
 * (teams-js is loaded only where a Teams host can answer: tab/src/teams/connect.ts). Fluent stays with the app: Rollup then puts the Fluent components
 * used only by lazy pages into those pages' chunks rather than into everyone's first load
 * (measured: a single fluent chunk added ~7 KB gzip to the first load).
 */
function vendorChunks(id: string): string | undefined {
  if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
  if (id.includes('/node_modules/@microsoft/teams-js/')) return 'teams-js';
  return undefined;
}

/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) sibling of every text asset, so the
 * server (bot/http/tabFiles.ts) sends them as they are. Source maps are left to the server, which
 * compresses them on request: only developers fetch them. A sibling no smaller is not written.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'pgteams:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const { readdir, readFile, writeFile } = await import('node:fs/promises');
      const { promisify } = await import('node:util');
      const zlib = await import('node:zlib');
      const brotli = promisify(zlib.brotliCompress);
      const gzip = promisify(zlib.gzip);
      const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
      const files = entries.filter((e) => e.isFile() && /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
      await Promise.all(
        files.map(async (file) => {
          const data = await readFile(file);
          const [br, gz] = await Promise.all([
            brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
            gzip(data, { level: 9 }),
          ]);
          if (br.length < data.length) await writeFile(`${file}.br`, br);
          if (gz.length < data.length) await writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}

export default defineConfig({
  root: tabRoot,
  base,
  plugins: [react(), initialJsSize(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: { manualChunks: vendorChunks },
      onwarn(warning, warn) {
        // zod 4 explains its @__PURE__ annotations in comments placed where Rollup cannot read them;
        // Rollup only drops those comments (the bundle is the same), so the notice is noise.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: {
    // The server owns /api; in `vite dev` forward to it.
    proxy: { '/api': 'http://127.0.0.1:3978' },
  },
  preview: { port: 4173 },
});
