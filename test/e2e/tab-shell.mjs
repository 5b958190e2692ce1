/* global window, sessionStorage -- used inside page.evaluate, which runs in the browser */
// End-to-end check of the tab shell outside Teams, in Debian Chromium (DESIGN.md: "Browser").
// Build first (`npm run build:tab`), then: node test/e2e/tab-shell.mjs
// Serves tab/dist under /tab like the server does, with a stand-in for GET /api/v1/dev/status,
// and writes screenshots to test-results/. Exits non-zero on any failed check or any serious or
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
const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    apiRequests.push({ path: url.pathname, devIdentity: req.headers['x-dev-identity'] });
    if (url.pathname === '/api/v1/dev/status') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ devSignIn }));
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

  // 2. Dev sign-in on: the form keeps what was typed and explains what is wrong.
  devSignIn = true;
  await page.goto(`${origin}/tab/?theme=dark#/check-ins`);
  const objectId = page.getByLabel('Entra object id');
  await objectId.waitFor({ timeout: 5000 });
  await objectId.fill('not-a-guid');
  await page.getByRole('button', { name: 'Continue as test user' }).click();
  check((await objectId.inputValue()) === 'not-a-guid', 'invalid input is kept');
  check(await page.getByText('Enter the user’s Entra object id').isVisible(), 'object id error is shown');
  check(await page.getByText('Enter the tenant id').isVisible(), 'tenant id error is shown');
  await page.screenshot({ path: join(results, 'tab-dev-sign-in-dark.png') });
  await axe(page, 'dev sign-in form (dark)');

  const oid = '11111111-2222-3333-4444-555555555555';
  const tid = '66666666-7777-8888-9999-000000000000';
  await objectId.fill(oid);
  await page.getByLabel('Tenant id').fill(tid);
  await page.getByRole('button', { name: 'Continue as test user' }).click();
  await page.getByRole('heading', { name: 'Check-ins', level: 2 }).waitFor();
  check(
    (await page.evaluate(() => sessionStorage.getItem('pgteams.devIdentity'))) === JSON.stringify({ objectId: oid, tenantId: tid }),
    'dev identity stored in sessionStorage',
  );
  await page.screenshot({ path: join(results, 'tab-check-ins-dark.png') });
  await axe(page, 'check-ins (dark)');

  // 3. The shell in each theme; the stored identity survives a reload.
  for (const theme of ['default', 'dark', 'contrast']) {
    await page.goto(`${origin}/tab/?theme=${theme}#/rocks`);
    await page.getByText('Your rocks will appear here').waitFor({ timeout: 5000 });
    for (const landmark of ['banner', 'navigation', 'main']) {
      check((await page.getByRole(landmark).count()) === 1, `${theme}: one ${landmark} landmark`);
    }
    await page.screenshot({ path: join(results, `tab-rocks-${theme}.png`) });
    await axe(page, `my rocks (${theme})`);
  }

  // 4. Navigation: tabs change the hash and the view; keyboard focus is visible.
  await page.goto(`${origin}/tab/?theme=default#/rocks`);
  await page.getByRole('tab', { name: 'Praise' }).click();
  await page.getByText('Praise will appear here').waitFor();
  check(new URL(page.url()).hash === '#/praise', 'selecting a tab updates the hash');
  await page.goBack();
  await page.getByText('Your rocks will appear here').waitFor();
  check(true, 'back button returns to the previous view');
  await page.goto(`${origin}/tab/?theme=default#/rocks/rock-42`);
  check(await page.getByText('(rock-42)').isVisible({ timeout: 5000 }).catch(() => false), 'an item in the hash is opened');
  await page.getByRole('tab', { name: 'My rocks' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.getByText('Your check-ins will appear here').waitFor();
  await page.screenshot({ path: join(results, 'tab-keyboard-focus-light.png') });
  check(new URL(page.url()).hash === '#/check-ins', 'keyboard: arrow + Enter selects the next tab');

  // 5. Signing out forgets the identity.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Entra object id').waitFor();
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
