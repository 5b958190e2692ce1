// The built tab as the browser gets it from the real HTTP app: compressed in the coding it accepts,
// hashed assets cached for a year, index.html revalidated, and nothing outside tab/dist reachable.
// The tab directory is a fixture (as a build leaves it: some files with .br/.gz siblings, some not).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Server } from 'restify';
import { loadConfig } from '../../../bot/config';
import { createHttpApp } from '../../../bot/http/app';
import { createLogger } from '../../../bot/logger';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: fetch would normalise `..` in the path and decompress the body itself. */
function get(url: string, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function startApp(tabDir: string): Promise<{ server: Server; url: string }> {
  const config = loadConfig({ NODE_ENV: 'test', MONGODB_URI: 'mongodb://127.0.0.1:9/unused', LOG_LEVEL: 'silent' });
  const server = createHttpApp({ config, logger: createLogger('silent'), pingDatabase: async () => true, bot: { handle: async () => undefined }, tabDir });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('the tab files', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pgteams-tabfiles-'));
  const tabDir = path.join(root, 'dist');
  // Text that compresses well, like a bundle; big enough that every coding is smaller.
  const appJs = Buffer.from(Array.from({ length: 400 }, (_, i) => `export const label${i} = "Check in ${i}: what went well?";\n`).join(''));
  const lazyCss = Buffer.from(Array.from({ length: 200 }, (_, i) => `.row${i} { padding: ${i}px; color: #333; }\n`).join(''));
  const indexHtml = Buffer.from(`<!doctype html><html><head><script type="module" src="/tab/assets/index-AbC123.js"></script></head><body>${'<div></div>'.repeat(50)}</body></html>`);
  const builtBr = zlib.brotliCompressSync(appJs, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 3 } });
  let app: { server: Server; url: string };

  beforeAll(async () => {
    fs.mkdirSync(path.join(tabDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'secret.txt'), 'SECRET outside the tab');
    fs.writeFileSync(path.join(tabDir, 'index.html'), indexHtml);
    fs.writeFileSync(path.join(tabDir, 'assets', 'index-AbC123.js'), appJs);
    // Siblings as the build writes them for the entry (brotli at a lower quality here, so the test can
    // tell the sibling from what the server would make itself); none for the stylesheet.
    fs.writeFileSync(path.join(tabDir, 'assets', 'index-AbC123.js.br'), builtBr);
    fs.writeFileSync(path.join(tabDir, 'assets', 'index-AbC123.js.gz'), zlib.gzipSync(appJs, { level: 9 }));
    fs.writeFileSync(path.join(tabDir, 'assets', 'Lazy-XyZ789.css'), lazyCss);
    app = await startApp(tabDir);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => app.server.close(() => resolve()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('sends a built asset as brotli to a browser that accepts brotli and gzip', async () => {
    const res = await get(app.url, '/tab/assets/index-AbC123.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(appJs.length / 4);
    expect(zlib.brotliDecompressSync(res.body).equals(appJs)).toBe(true);
    expect(res.body.equals(builtBr)).toBe(true);
  });

  it('sends gzip when only gzip is accepted, or brotli is refused with q=0', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip;q=0.8', 'x-gzip']) {
      const res = await get(app.url, '/tab/assets/index-AbC123.js', { 'Accept-Encoding': accept });
      expect({ accept, coding: res.headers['content-encoding'] }).toEqual({ accept, coding: 'gzip' });
      expect(zlib.gunzipSync(res.body).equals(appJs)).toBe(true);
    }
  });

  it('sends the file as it is when no coding is accepted', async () => {
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', '*;q=0']) {
      const res = await get(app.url, '/tab/assets/index-AbC123.js', accept ? { 'Accept-Encoding': accept } : {});
      expect({ accept, coding: res.headers['content-encoding'] }).toEqual({ accept, coding: undefined });
      expect(res.body.equals(appJs)).toBe(true);
      expect(res.headers['vary']).toBe('Accept-Encoding');
      expect(Number(res.headers['content-length'])).toBe(appJs.length);
    }
  });

  it('compresses a file the build left without siblings, the same bytes every time', async () => {
    const first = await get(app.url, '/tab/assets/Lazy-XyZ789.css', { 'Accept-Encoding': 'br, gzip' });
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(zlib.brotliDecompressSync(first.body).equals(lazyCss)).toBe(true);
    const again = await get(app.url, '/tab/assets/Lazy-XyZ789.css', { 'Accept-Encoding': 'br, gzip' });
    expect(again.body.equals(first.body)).toBe(true);
    const gz = await get(app.url, '/tab/assets/Lazy-XyZ789.css', { 'Accept-Encoding': 'gzip' });
    expect(zlib.gunzipSync(gz.body).equals(lazyCss)).toBe(true);
  });

  it('has index.html revalidated on every load, and answers an unchanged one with 304', async () => {
    const res = await get(app.url, '/tab/', { 'Accept-Encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(zlib.brotliDecompressSync(res.body).equals(indexHtml)).toBe(true);
    const etag = res.headers['etag'] ?? '';
    expect(etag).toMatch(/^".+"$/);
    const revalidated = await get(app.url, '/tab/index.html', { 'Accept-Encoding': 'br, gzip', 'If-None-Match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    // The gzip form is a different representation: its tag does not match the brotli one.
    const otherCoding = await get(app.url, '/tab/index.html', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(otherCoding.status).toBe(200);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get(app.url, '/tab/assets/index-AbC123.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body.length).toBe(0);
  });

  it('redirects /tab to /tab/', async () => {
    const res = await get(app.url, '/tab');
    expect(res.status).toBe(302);
    expect(res.headers['location']).toBe('/tab/');
  });

  it('answers 404, naming nothing of the server, for paths outside the tab however they are encoded', async () => {
    const attempts = [
      '/tab/../secret.txt',
      '/tab/..%2fsecret.txt',
      '/tab/..%2Fsecret.txt',
      '/tab/%2e%2e/secret.txt',
      '/tab/%2e%2e%2fsecret.txt',
      '/tab/assets/..%2f..%2fsecret.txt',
      '/tab/..%5csecret.txt',
      '/tab/%252e%252e%252fsecret.txt',
      '/tab/%2fetc%2fpasswd',
      '/tab/assets/index-AbC123.js%00.png',
      '/tab/%E0%A4%A',
      '/tab/assets//index-AbC123.js',
      '/tab/nothing-here.js',
    ];
    for (const attempt of attempts) {
      const res = await get(app.url, attempt, { 'Accept-Encoding': 'br, gzip' });
      const text = res.body.toString('utf8');
      expect({ attempt, status: res.status }).toEqual({ attempt, status: 404 });
      expect(text).not.toContain('SECRET');
      expect(text).not.toContain(root);
      expect(text).not.toMatch(/at .*\.ts:\d+|Error:|ENOENT/);
    }
  });

  it('says the tab has not been built while there is no index.html', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pgteams-tabfiles-empty-'));
    const unbuilt = await startApp(empty);
    try {
      const res = await get(unbuilt.url, '/tab/');
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ title: 'The tab has not been built' });
    } finally {
      await new Promise<void>((resolve) => unbuilt.server.close(() => resolve()));
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
