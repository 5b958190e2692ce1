// The built tab (tab/dist) under /tab/, compressed. The build writes .br and .gz siblings of every
// text asset (tab/vite.config.ts, precompress); this picks the one the browser accepts, and
// compresses on the fly (kept in memory) when a sibling is missing. Hashed files under assets/
// never change, so browsers may keep them a year; index.html is revalidated on every load.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';

export type Coding = 'br' | 'gzip' | 'identity';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};
/** The files worth compressing (images and fonts are compressed already). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.webmanifest', '.svg', '.txt', '.xml']);
const SUFFIX: Record<Exclude<Coding, 'identity'>, string> = { br: '.br', gzip: '.gz' };

/**
 * The coding to answer with for an Accept-Encoding header: brotli if acceptable, then gzip, else
 * identity. A coding is acceptable when named (or covered by `*`) with q > 0; `br;q=0` refuses it.
 */
export function negotiateEncoding(header: string | undefined): Coding {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (coding: string) => q.get(coding) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gz = Math.max(weight('gzip'), q.get('x-gzip') ?? 0);
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return 'identity';
}

/**
 * The file a request path names inside the tab directory, or undefined when it is not a plain
 * relative path (percent-encoded or not: `..`, backslashes, NUL, absolute).
 */
export function resolveTabPath(tabDir: string, urlPath: string): string | undefined {
  const rest = urlPath.replace(/^\/tab\/?/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return undefined;
  }
  if (/[\\\0]/.test(decoded) || decoded.startsWith('/')) return undefined;
  const segments = decoded.split('/');
  // `.` and `..` anywhere, and empty segments (`a//b`) except a trailing slash.
  if (segments.some((s, i) => s === '..' || s === '.' || (s === '' && i < segments.length - 1))) return undefined;
  const relative = decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const root = path.resolve(tabDir);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : undefined;
}

interface Variant {
  body: Buffer;
  etag: string;
}

/** Brotli at quality 11 for the sizes a tab has; big source maps get a quicker setting. */
const compressors: Record<Exclude<Coding, 'identity'>, (data: Buffer) => Promise<Buffer>> = {
  br: (data) =>
    promisify(brotliCompress)(data, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: data.length > 1024 * 1024 ? 5 : 11,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
      },
    }),
  gzip: (data) => promisify(gzip)(data, { level: 9 }),
};

async function readIfFresh(file: string, notOlderThanMs: number): Promise<Buffer | undefined> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() && stat.mtimeMs >= notOlderThanMs ? await fs.readFile(file) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads files and their compressed forms once per version of the file (path, size, mtime). Old
 * versions stay until the cache holds maxBytes, then it starts again (a build is a few MB).
 */
export class TabFileCache {
  private readonly variants = new Map<string, Promise<Variant>>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** The bytes to send for a file in a coding; identity when compressing would not make it smaller. */
  async get(file: string, coding: Coding): Promise<{ coding: Coding; variant: Variant } | undefined> {
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const version = `${file}|${stat.size}|${stat.mtimeMs}`;
    const identity = await this.memo(`${version}|identity`, async () => {
      const body = await fs.readFile(file);
      return { body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"` };
    });
    if (coding === 'identity' || !COMPRESSIBLE.has(path.extname(file))) return { coding: 'identity', variant: identity };
    const compressed = await this.memo(`${version}|${coding}`, async () => {
      const body = (await readIfFresh(file + SUFFIX[coding], stat.mtimeMs)) ?? (await compressors[coding](identity.body));
      return { body, etag: `${identity.etag.slice(0, -1)}-${coding}"` };
    });
    return compressed.body.length < identity.body.length ? { coding, variant: compressed } : { coding: 'identity', variant: identity };
  }

  private memo(key: string, load: () => Promise<Variant>): Promise<Variant> {
    let entry = this.variants.get(key);
    if (!entry) {
      if (this.bytes >= this.maxBytes) {
        this.variants.clear();
        this.bytes = 0;
      }
      entry = load();
      entry.then(
        (v) => (this.bytes += v.body.length),
        () => this.variants.delete(key),
      );
      this.variants.set(key, entry);
    }
    return entry;
  }
}

function notFound(res: Response): void {
  res.send(404, { title: 'Not found', detail: 'There is no such file in the tab.' });
}

function cacheControl(tabDir: string, file: string): string {
  const inAssets = file.startsWith(path.join(path.resolve(tabDir), 'assets') + path.sep);
  return inAssets ? 'public, max-age=31536000, immutable' : 'no-cache';
}

async function serveTabFile(tabDir: string, cache: TabFileCache, req: Request, res: Response): Promise<void> {
  const urlPath = (req.url ?? '').split('?')[0] ?? '';
  const file = resolveTabPath(tabDir, urlPath);
  const found = file ? await cache.get(file, negotiateEncoding(req.headers['accept-encoding'])) : undefined;
  if (!file || !found) return notFound(res);
  const { coding, variant } = found;
  res.setHeader('Content-Type', CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', cacheControl(tabDir, file));
  res.setHeader('ETag', variant.etag);
  if (COMPRESSIBLE.has(path.extname(file))) res.setHeader('Vary', 'Accept-Encoding');
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === variant.etag)) {
    res.writeHead(304);
    res.end();
    return;
  }
  if (coding !== 'identity') res.setHeader('Content-Encoding', coding);
  res.setHeader('Content-Length', String(variant.body.length));
  res.writeHead(200);
  res.end(req.method === 'HEAD' ? undefined : variant.body);
}

/** GET/HEAD /tab/*: the built tab; 503 with how to build it while tab/dist/index.html is missing. */
export function registerTabRoutes(server: Server, tabDir: string): void {
  const cache = new TabFileCache();
  const built = () =>
    fs.stat(path.join(tabDir, 'index.html')).then(
      (s) => s.isFile(),
      () => false,
    );
  server.get('/tab', async (_req, res) => {
    res.header('Location', '/tab/');
    res.send(302);
  });
  const handler = async (req: Request, res: Response) => {
    if (!(await built())) {
      res.send(503, { title: 'The tab has not been built', detail: 'Run npm run build:tab (npm start does it for you).' });
      return;
    }
    await serveTabFile(tabDir, cache, req, res);
  };
  server.get('/tab/*', handler);
  server.head('/tab/*', handler);
}
