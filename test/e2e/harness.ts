// What every tab end-to-end run needs, in one place (test/e2e/tab.ts, tab-talent.ts, tab-roles.ts):
// checks that collect failures, a database (FerretDB in a temporary directory unless MONGODB_URI is
// set), the identity stand-in (test/standins/identity.ts) whose tokens the real server verifies
// (AUTH_MODE=teams), the real server as `npm start` runs it (node dist/bot/main.js, a child process),
// Debian Chromium, signing a person in through the page's test token, axe-core, a precise report of
// what makes a phone-sized page scroll sideways, and the cleanups and exit code at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { MongoClient, type Db } from 'mongodb';
import { createRepositories, ensureIndexes } from '../../bot/data/db';
import type { UseCaseContext } from '../../bot/usecases/context';
import type { Person } from '../../shared/domain';
import { startFerretDb } from '../../scripts/ferretdb.js';
import { startIdentityStandIn, type IdentityStandIn } from '../standins/identity';

export const repo = resolve(__dirname, '../..');
export const results = join(repo, 'test-results');
const axeSource = join(repo, 'node_modules/axe-core/axe.min.js');

// ── Checks and cleanups ─────────────────────────────────────────────────────────────────────

export const failures: string[] = [];
/** Run last to first is not needed: each cleanup is independent; the browser goes first (unshift). */
export const cleanups: Array<() => Promise<unknown>> = [];
export const counts = { axeRuns: 0, axeClean: 0, screenshots: 0 };

export function check(condition: boolean, message: string): boolean {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
  if (!condition) failures.push(message);
  return condition;
}

/** For a screenshot of whatever was on screen when a step threw. */
let activePage: Page | undefined;

/**
 * Runs `main`, then the cleanups, and exits: 0 with `e2e: PASS (n s)`, or 1 with every failure.
 * `failureShot` names the screenshot taken of the page when `main` throws (the page
 * launchChromium opened, or `page()`).
 */
export function run(
  main: () => Promise<void>,
  { failureShot, summary, page }: { failureShot: string; summary?: () => string; page?: () => Page | undefined },
): void {
  const startedAt = Date.now();
  main()
    .catch((err: unknown) => {
      failures.push(err instanceof Error ? (err.stack ?? err.message) : String(err));
      console.log(`FAIL ${failures[failures.length - 1]}`);
      return (page?.() ?? activePage)?.screenshot({ path: join(results, failureShot), fullPage: true }).then(
        () => console.log(`     screenshot of the failure: test-results/${failureShot}`),
        () => undefined,
      );
    })
    .finally(async () => {
      for (const cleanup of cleanups) await cleanup().catch(() => undefined);
      if (summary) console.log(summary());
      if (failures.length) {
        console.log(`\ne2e: FAIL (${failures.length}): ${failures.map((f) => f.split('\n')[0]).join(' | ')}`);
        process.exit(1);
      }
      console.log(`\ne2e: PASS (${Math.round((Date.now() - startedAt) / 1000)} s)`);
      process.exit(0);
    });
}

// ── Database, identity, server ──────────────────────────────────────────────────────────────

/** MONGODB_URI if set, else a FerretDB of its own in a temporary directory (stopped at the end). */
export async function databaseUri(label: string): Promise<string> {
  await mkdir(results, { recursive: true });
  if (process.env.MONGODB_URI) return process.env.MONGODB_URI;
  const dataDir = await mkdtemp(join(tmpdir(), `pgteams-e2e-${label}-db-`));
  const db = await startFerretDb({ dataDir, quiet: true });
  cleanups.push(() => db.stop(), () => rm(dataDir, { recursive: true, force: true }));
  return db.uri;
}

/** A fresh database with the server's indexes and repositories; dropped at the end. */
export async function openDatabase(uri: string, dbName: string): Promise<{ db: Db; repos: UseCaseContext['repos'] }> {
  const client = await MongoClient.connect(uri, { ignoreUndefined: true });
  cleanups.push(async () => {
    await client.db(dbName).dropDatabase().catch(() => undefined);
    await client.close();
  });
  const db = client.db(dbName);
  await ensureIndexes(db);
  return { db, repos: createRepositories(db) };
}

export async function startIdentity(): Promise<IdentityStandIn> {
  const identity = await startIdentityStandIn();
  cleanups.push(() => identity.close());
  return identity;
}

/** The environment of a web server that verifies the stand-in's tokens (AUTH_MODE=teams). */
export function serverEnv(uri: string, dbName: string, identity: IdentityStandIn): Record<string, string> {
  return {
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ROLE: 'web',
    MONGODB_URI: uri,
    MONGODB_DB: dbName,
    AUTH_MODE: 'teams',
    AAD_APP_CLIENT_ID: identity.clientId,
    AAD_AUTHORITY_HOST: identity.url,
  };
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export async function waitFor(url: string, timeoutMs: number, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode} before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * The server as `npm start` runs it: `node dist/bot/main.js`, its clock at env.PGTEAMS_CLOCK.
 * With `requireApi: false`, undefined (and the server stopped) when that build does not serve /api/v1.
 */
export async function startServer(env: Record<string, string>, { requireApi = true }: { requireApi?: boolean } = {}): Promise<string | undefined> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(repo, 'dist/bot/main.js')], {
    cwd: repo,
    env: { ...process.env, ...env, PORT: String(port), PUBLIC_URL: origin, DIRECTORY_FILE: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  };
  cleanups.push(stop);
  await waitFor(`${origin}/readyz`, 30_000, server);
  if (!requireApi && (await fetch(`${origin}/api/v1/dev/status`)).status === 404) {
    await stop();
    return undefined;
  }
  console.log(`server: node dist/bot/main.js at ${origin} (AUTH_MODE=teams, clock ${env.PGTEAMS_CLOCK ?? 'real'})`);
  return origin;
}

// ── The browser ─────────────────────────────────────────────────────────────────────────────

/** The browser's globals, as far as page scripts here use them (these files are type-checked without DOM types). */
export interface PageGlobals {
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page, in order. */
  pageErrors: string[];
}

/** Debian Chromium (CHROMIUM_PATH to use another), headless, en-GB; closed before the other cleanups. */
export async function launchChromium({ width = 1100, height = 800, acceptDownloads = false } = {}): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'pgteams-chromium-'));
  cleanups.push(() => rm(profile, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width, height },
    locale: 'en-GB',
    acceptDownloads,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  cleanups.unshift(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(10_000);
  activePage = page;
  // The page reads its token from localStorage when it loads (window.__PGTEAMS_TEST_TOKEN__), so
  // switching user is a store and a reload.
  await page.addInitScript(() => {
    const token = (globalThis as unknown as Partial<PageGlobals>).localStorage?.getItem('pgteams.e2eToken');
    if (token) (globalThis as Record<string, unknown>).__PGTEAMS_TEST_TOKEN__ = token;
  });
  return { context, page, pageErrors };
}

/** A server and the instant its clock (and so the tokens signed for it) reads. */
export interface Site {
  origin: string;
  now: Date;
}

/** Signs `person` in on `site`: a stand-in token in that origin's localStorage, read at the next load. */
export async function signIn(page: Page, identity: IdentityStandIn, person: Person, site: Site): Promise<void> {
  if (!page.url().startsWith(`${site.origin}/`)) await page.goto(`${site.origin}/healthz`);
  const token = await identity.signToken(
    { oid: person.entraObjectId!, tid: person.organisationId, name: person.displayName, preferred_username: person.email },
    { now: site.now },
  );
  await page.evaluate((t) => (globalThis as unknown as PageGlobals).localStorage.setItem('pgteams.e2eToken', t), token);
}

/** Loads the tab at `hash` in `theme` (default, dark, contrast), reloading when only the hash would change. */
export async function openTab(page: Page, origin: string, hash: string, theme = 'default'): Promise<void> {
  const url = `${origin}/tab/?theme=${theme}${hash}`;
  const sameDocument = page.url().split('#')[0] === url.split('#')[0];
  await page.goto(url);
  if (sameDocument) await page.reload();
}

// ── axe and screenshots ─────────────────────────────────────────────────────────────────────

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ html: string; target: unknown[] }>;
}

/**
 * axe-core on the page as it is. Fluent's focus manager (tabster) adds <i data-tabster-dummy
 * aria-hidden tabindex=0> around focus groups; they pass focus straight on and are a known
 * aria-hidden-focus false positive (microsoft/tabster#288, microsoft/fluentui#25133), so they are
 * left out. Everything else is checked.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as Record<string, unknown>).axe === 'object');
  if (!loaded) await page.addScriptTag({ path: axeSource });
  counts.axeRuns++;
  return (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }).axe
      .run({ exclude: [['[data-tabster-dummy]']] })
      .then((r) => r.violations),
  )) as AxeViolation[];
}

export const isSerious = (v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical';

/** One line per violation, with up to three of its elements. */
export function describeViolation(v: AxeViolation): string {
  return `${v.impact} ${v.id} ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.html).join(' ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : ''}`;
}

/** A full-page screenshot at test-results/<file>. */
export async function screenshot(page: Page, file: string): Promise<void> {
  const path = join(results, file);
  await mkdir(resolve(path, '..'), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  counts.screenshots++;
}

/** A screenshot at test-results/<file>.png (unless `shot` is false) and a check that axe finds nothing serious or critical. */
export async function screenshotAndAxe(page: Page, file: string, label: string, shot = true): Promise<void> {
  if (shot) await screenshot(page, `${file}.png`);
  const violations = await runAxe(page);
  const serious = violations.filter(isSerious);
  for (const v of violations) console.log(`     axe ${label}: ${describeViolation(v)}`);
  if (serious.length === 0) counts.axeClean++;
  check(serious.length === 0, `axe ${label}: no serious/critical violations (${violations.length} in total)`);
}

// ── Sideways scrolling on a phone ───────────────────────────────────────────────────────────

export interface Overflow {
  scrollWidth: number;
  clientWidth: number;
  /** The elements that stick out of their (fitting) container past the viewport's right edge, widest first. */
  offenders: string[];
}

/**
 * Whether the page scrolls sideways (document.scrollingElement wider than the viewport) and, if so,
 * which elements cause it: those whose right edge is past the viewport while their parent's is not
 * (the element that escapes its container), not clipped by a scrolling ancestor, widest first — as
 * a selector, its size and position, its text and the labelled region or heading it is in.
 */
export async function horizontalOverflow(page: Page): Promise<Overflow> {
  return (await page.evaluate(overflowScript)) as Overflow;
}

// Plain JavaScript run in the page (a string: tsx would wrap named functions in a helper the page lacks).
const overflowScript = `(() => {
  const doc = document;
  const root = doc.scrollingElement || doc.documentElement;
  const { scrollWidth, clientWidth } = root;
  if (scrollWidth <= clientWidth) return { scrollWidth, clientWidth, offenders: [] };
  const limit = clientWidth + 1;
  const describe = (el) => {
    const tag = el.tagName.toLowerCase();
    const id = el.id ? '#' + el.id : '';
    // Fluent's readable class names (fui-Dropdown__listbox), not the hashed atomic ones.
    const classes = [...el.classList].filter((c) => /^fui-|^pg-/.test(c)).slice(0, 2).map((c) => '.' + c).join('');
    const attrs = ['role', 'aria-label', 'name', 'type']
      .map((a) => (el.getAttribute(a) ? '[' + a + '="' + el.getAttribute(a).slice(0, 40) + '"]' : ''))
      .join('');
    return tag + id + classes + attrs;
  };
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e !== doc.body && parts.length < 4; e = e.parentElement) parts.unshift(describe(e));
    return parts.join(' > ');
  };
  const where = (el) => {
    for (let e = el.parentElement; e && e !== doc.body; e = e.parentElement) {
      const label = e.getAttribute('aria-label');
      if (label) return ' in "' + label.slice(0, 50) + '"';
      let prev = e.previousElementSibling;
      while (prev && !/^H[1-4]$/.test(prev.tagName)) prev = prev.previousElementSibling;
      if (prev) return ' under heading "' + prev.textContent.trim().slice(0, 50) + '"';
    }
    return '';
  };
  // Inside a scrolling or clipping box that itself fits, an element does not widen the page.
  const clipped = (el) => {
    for (let e = el.parentElement; e && e !== doc.body && e !== doc.documentElement; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== 'visible') return e.getBoundingClientRect().right <= limit;
    }
    return false;
  };
  const found = [];
  for (const el of doc.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= limit) continue;
    const parent = el.parentElement;
    if (parent && parent !== doc.body && parent.getBoundingClientRect().right > limit) continue;
    if (clipped(el) || getComputedStyle(el).position === 'fixed') continue;
    const text = String(el.innerText || el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 70);
    // The innermost element reaching as far: often the control or word that is too wide.
    let inner = el;
    for (let c = el.firstElementChild; c; ) {
      const cr = c.getBoundingClientRect();
      if (cr.right >= r.right - 1 && cr.width > 0) {
        inner = c;
        c = c.firstElementChild;
      } else c = c.nextElementSibling;
    }
    const innerText = inner === el ? '' : String(inner.innerText || inner.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 70);
    found.push({
      right: r.right,
      text:
        path(el) + ' — ' + Math.round(r.width) + ' px wide, right edge at ' + Math.round(r.right) + ' px' + where(el) + (text ? ': "' + text + '"' : '') +
        (inner === el ? '' : '; widest inside: ' + describe(inner) + ' (' + Math.round(inner.getBoundingClientRect().width) + ' px)' + (innerText ? ' "' + innerText + '"' : '')),
    });
  }
  found.sort((a, b) => b.right - a.right);
  return { scrollWidth, clientWidth, offenders: found.slice(0, 4).map((f) => f.text) };
})()`;

/** A check that the page does not scroll sideways, naming what sticks out when it does. */
export async function checkNoSidewaysScroll(page: Page, label: string): Promise<Overflow> {
  const overflow = await horizontalOverflow(page);
  const ok = overflow.scrollWidth <= overflow.clientWidth;
  check(
    ok,
    ok
      ? `${label}: no horizontal scroll`
      : `${label}: scrolls sideways (page ${overflow.scrollWidth} px wide in ${overflow.clientWidth} px); widest: ${overflow.offenders[0] ?? 'no single element found'}`,
  );
  for (const o of overflow.offenders.slice(ok ? 4 : 1)) console.log(`     also: ${o}`);
  return overflow;
}
