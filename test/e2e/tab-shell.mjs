/* global window, sessionStorage -- used inside page.evaluate, which runs in the browser */
// End-to-end check of the tab shell outside Teams, in Debian Chromium (DESIGN.md: "Browser").
// Build first (`npm run build:tab`), then: node test/e2e/tab-shell.mjs
// Serves tab/dist under /tab like the server does, with a stand-in for GET /api/v1/dev/status and
// /me (every other API call fails, so the views' error states are exercised too), and writes
// screenshots to test-results/. The views against the real server are in tab.ts. Exits non-zero on any failed check or any serious or
// critical axe-core violation.
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const repo = resolve(import.meta.dirname, '../..');
const dist = join(repo, 'tab/dist');
const results = join(repo, 'test-results');
const axeSource = join(repo, 'node_modules/axe-core/axe.min.js');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

let devSignIn = false;
const apiRequests = [];
const oid = '11111111-2222-3333-4444-555555555555';
const tid = '66666666-7777-8888-9999-000000000000';
const people = [
  { displayName: 'Alice Adams', entraObjectId: oid, organisationId: tid },
  { displayName: 'Rita Reviewer', entraObjectId: '22222222-2222-3333-4444-555555555555', organisationId: tid },
];
const me = {
  person: { id: 'p-alice', displayName: 'Alice Adams', email: 'alice@example.org', school: 'Hilltop', roleCategory: 'teacher' },
  organisation: { id: tid, name: 'Test Trust' },
  policy: { id: 'test', name: 'Test policy', timezone: 'Europe/London' },
  vocabulary: { rock: 'rock', rocks: 'rocks', checkIn: 'check-in', reviewer: 'reviewer' },
  slots: [{ id: 'r1', theme: 'Rock 1' }],
  rockWindows: [],
  maxSuccessCriteria: 7,
  alignment: { label: 'Priority', options: [] },
  checklist: [],
  roles: [],
  isReviewer: false,
};
const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    apiRequests.push({ path: url.pathname, devIdentity: req.headers['x-dev-identity'] });
    if (url.pathname === '/api/v1/dev/status') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(devSignIn ? { devSignIn, people } : { devSignIn }));
    } else if (url.pathname === '/api/v1/me' && req.headers['x-dev-identity'] === `${oid}@${tid}`) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(me));
    } else if (url.pathname.startsWith('/api/v1/people/')) {
      res.writeHead(503, { 'Content-Type': 'application/problem+json' }).end(JSON.stringify({ title: 'Service unavailable', status: 503, code: 'unexpected', errorId: 'e2e-503' }));
    } else {
      res.writeHead(404, { 'Content-Type': 'application/problem+json' }).end(JSON.stringify({ title: 'Not found', status: 404 }));
    }
    return;
  }
  if (!url.pathname.startsWith('/tab/')) return void res.writeHead(404).end();
  const relative = normalize(url.pathname.slice('/tab/'.length) || 'index.html');
  if (relative.startsWith('..')) return void res.writeHead(400).end();
  try {
    const body = await readFile(join(dist, relative));
    res.writeHead(200, { 'Content-Type': types[extname(relative)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const failures = [];
function check(condition, message) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
  if (!condition) failures.push(message);
}

async function axe(page, label) {
  await page.addScriptTag({ path: axeSource });
  // Fluent's focus manager (tabster) adds <i data-tabster-dummy aria-hidden tabindex=0> around the
  // TabList; they pass focus straight on and are a known aria-hidden-focus false positive
  // (microsoft/tabster#288, microsoft/fluentui#25133). Everything else is checked.
  const { violations } = await page.evaluate(() => window.axe.run({ exclude: [['[data-tabster-dummy]']] }));
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations) console.log(`     axe ${label}: ${v.impact} ${v.id} ${v.help}: ${v.nodes.map((n) => n.html).join(" ")}`);
  check(serious.length === 0, `axe ${label}: no serious/critical violations (${violations.length} in total)`);
}

const profile = await mkdtemp(join(tmpdir(), 'pgteams-chromium-'));
await mkdir(results, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1100, height: 720 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

try {
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // 1. Plain browser, dev sign-in off: only the message.
  devSignIn = false;
  const started = Date.now();
  await page.goto(`${origin}/tab/`);
  await page.getByRole('heading', { name: 'Open Professional Growth in Microsoft Teams' }).waitFor({ timeout: 5000 });
  check(Date.now() - started < 4000, `outside Teams detected in ${Date.now() - started} ms`);
  check((await page.getByRole('button', { name: 'Continue as test user' }).count()) === 0, 'no dev sign-in form when the server says devSignIn: false');
  await page.screenshot({ path: join(results, 'tab-outside-teams-light.png') });
  await axe(page, 'outside Teams');

  // 2. Dev sign-in on: a picker of the people the server offers, not free text.
  devSignIn = true;
  await page.goto(`${origin}/tab/?theme=dark#/check-ins`);
  const picker = page.getByLabel('Sign in as');
  await picker.waitFor({ timeout: 5000 });
  check((await picker.locator('option').allTextContents()).join('|') === 'Alice Adams|Rita Reviewer', 'dev sign-in lists the directory people');
  await page.screenshot({ path: join(results, 'tab-dev-sign-in-dark.png') });
  await axe(page, 'dev sign-in form (dark)');
  await picker.selectOption({ label: 'Alice Adams' });
  await page.getByRole('button', { name: 'Continue as test user' }).click();
  await page.getByRole('heading', { name: 'Check-ins', level: 2 }).waitFor();
  check(
    (await page.evaluate(() => sessionStorage.getItem('pgteams.devIdentity'))) === JSON.stringify({ objectId: oid, tenantId: tid }),
    'dev identity stored in sessionStorage',
  );
  check(apiRequests.some((r) => r.path === '/api/v1/me' && r.devIdentity === `${oid}@${tid}`), 'API called with X-Dev-Identity');
  // The stand-in fails the check-ins call: the view says so, with the error id and a retry.
  await page.getByText('(error id e2e-503)').waitFor({ timeout: 5000 });
  check(await page.getByRole('button', { name: 'Try again' }).isVisible(), 'a failed load shows the problem and a retry');
  await page.screenshot({ path: join(results, 'tab-error-state-dark.png') });
  await axe(page, 'error state (dark)');

  // 3. The shell in each theme; the stored identity survives a reload.
  for (const theme of ['default', 'dark', 'contrast']) {
    await page.goto(`${origin}/tab/?theme=${theme}#/rocks`);
    await page.getByRole('heading', { name: 'My rocks', level: 2 }).waitFor({ timeout: 5000 });
    for (const landmark of ['banner', 'navigation', 'main']) {
      check((await page.getByRole(landmark).count()) === 1, `${theme}: one ${landmark} landmark`);
    }
    await axe(page, `shell (${theme})`);
  }

  // 4. Navigation: tabs change the hash and the view; keyboard works.
  await page.goto(`${origin}/tab/?theme=default#/rocks`);
  await page.getByRole('tab', { name: 'Praise' }).click();
  await page.getByRole('heading', { name: 'Praise', level: 2 }).waitFor();
  check(new URL(page.url()).hash === '#/praise', 'selecting a tab updates the hash');
  await page.goBack();
  await page.getByRole('heading', { name: 'My rocks', level: 2 }).waitFor();
  check(true, 'back button returns to the previous view');
  await page.getByRole('tab', { name: 'My rocks' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Check-ins', level: 2 }).waitFor();
  await page.screenshot({ path: join(results, 'tab-keyboard-focus-light.png') });
  check(new URL(page.url()).hash === '#/check-ins', 'keyboard: arrow + Enter selects the next tab');

  // 5. Signing out forgets the identity.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Sign in as').waitFor();
  check((await page.evaluate(() => sessionStorage.getItem('pgteams.devIdentity'))) === null, 'sign out clears the identity');

  // 6. Dev status unreachable or off: a stored identity is not used.
  devSignIn = false;
  await page.evaluate((v) => sessionStorage.setItem('pgteams.devIdentity', v), JSON.stringify({ objectId: oid, tenantId: tid }));
  await page.goto(`${origin}/tab/`);
  await page.getByRole('heading', { name: 'Open Professional Growth in Microsoft Teams' }).waitFor({ timeout: 5000 });
  check((await page.getByRole('tab').count()) === 0, 'stored identity ignored when dev sign-in is off');

  check(pageErrors.length === 0, `no page errors${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}`);
} finally {
  await context.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}

console.log(failures.length ? `\n${failures.length} check(s) failed` : '\nall checks passed');
process.exit(failures.length ? 1 : 0);
