// End-to-end: the real server (child process, AUTH_MODE=teams) on a real FerretDB, the tab in
// Debian Chromium, signed in with tokens from the local identity stand-in (test/standins/identity.ts)
// handed to the page through window.__PGTEAMS_TEST_TOKEN__. Run by scripts/e2e-tab.mjs
// (`npm run e2e:tab`), which builds first. Writes screenshots to test-results/.
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { MongoClient } from 'mongodb';
import { registerApiRoutes } from '../../bot/http/api';
import { clockStartingAt } from '../../bot/clock';
import { loadConfig } from '../../bot/config';
import { createRepositories, ensureIndexes, pingDatabase } from '../../bot/data/db';
import { createHttpApp } from '../../bot/http/app';
import { createLogger } from '../../bot/logger';
import type { UseCaseContext } from '../../bot/usecases/context';
import { importDirectory, parseDirectoryFile } from '../../bot/usecases/directory';
import { groupNameKey } from '../../bot/usecases/coachingGroups';
import { prepareGroupSession, recordGroupSessionPosted } from '../../bot/usecases/groupSessions';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../../bot/usecases/organisations';
import { checkInSchema, praiseSchema, type Person } from '../../shared/domain';
import { yearReviewId, yearReviewRecordId, yearReviewRecordSchema, yearReviewSchema } from '../../shared/domain/yearReview';
import { getPolicyPack } from '../../shared/policy';
import { startFerretDb } from '../../scripts/ferretdb.js';
import { startIdentityStandIn } from '../standins/identity';

const repo = resolve(__dirname, '../..');
const results = join(repo, 'test-results');
const axeSource = join(repo, 'node_modules/axe-core/axe.min.js');
const POLICY = 'tsat-2023-24';
// The server's clock: Wednesday of check-in 6's window, so earlier check-ins are done or missed,
// one is open and later ones are upcoming. Tokens are issued at the same instant.
const NOW = new Date('2024-01-24T12:00:00.000Z');
// A second server on the same database, for two trusts whose packs are 2026-27: Truro and Penwith
// (growth plan) and The Stour Federation (group coaching). Wednesday of check-in 2 (Truro) and of
// check-in 1's week (Stour).
const LATER = new Date('2026-12-02T12:00:00.000Z');

const startedAt = Date.now();
const failures: string[] = [];
function check(condition: boolean, message: string): void {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
  if (!condition) failures.push(message);
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

async function waitFor(url: string, timeoutMs: number, server: ChildProcess): Promise<void> {
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

/** The browser's storage, as far as the page scripts below use it (this file is type-checked without DOM types). */
interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const cleanups: Array<() => Promise<unknown>> = [];
/** For a screenshot of whatever was on screen when a step failed. */
let activePage: Page | undefined;

async function main(): Promise<void> {
  await mkdir(results, { recursive: true });

  // 1. Database: FerretDB in a temporary directory, unless MONGODB_URI points elsewhere.
  let uri = process.env.MONGODB_URI;
  if (!uri) {
    const dataDir = await mkdtemp(join(tmpdir(), 'pgteams-e2e-tab-db-'));
    const db = await startFerretDb({ dataDir, quiet: true });
    cleanups.push(() => db.stop(), () => rm(dataDir, { recursive: true, force: true }));
    uri = db.uri;
  }
  const dbName = `e2e_tab_${Date.now().toString(36)}`;

  // 2. Seed an organisation, its directory and some history with the server's own use cases.
  const client = await MongoClient.connect(uri, { ignoreUndefined: true });
  cleanups.push(async () => {
    await client.db(dbName).dropDatabase().catch(() => undefined);
    await client.close();
  });
  const db = client.db(dbName);
  await ensureIndexes(db);
  const repos = createRepositories(db);
  const ctx: UseCaseContext = { repos, now: () => NOW, logger: createLogger('silent') };
  const tenantId = randomUUID();
  const org = { organisationId: tenantId };
  await ensureOrganisation(ctx, { organisationId: tenantId, policyId: POLICY });
  const ids = { rita: randomUUID(), alice: randomUUID(), sam: randomUUID(), priya: randomUUID() };
  const csv = [
    'name,email,objectId,school,role,reviewer,roles',
    `Rita Reviewer,rita@example.org,${ids.rita},Hilltop Primary,leader,,`,
    `Alice Adams,alice@example.org,${ids.alice},Hilltop Primary,teacher,rita@example.org,`,
    `Sam Singh,sam@example.org,${ids.sam},Hilltop Primary,support,rita@example.org,`,
    `Priya Admin,priya@example.org,${ids.priya},Trust Central,leader,,pg-admin`,
  ].join('\n');
  await importDirectory(ctx, tenantId, parseDirectoryFile(csv, 'csv'));
  const person = async (oid: string): Promise<Person> => {
    const found = await repos.people.findByEntraObjectId(org, oid);
    if (!found) throw new Error(`seeded person ${oid} not found`);
    return found;
  };
  const [rita, alice, sam, priya] = [await person(ids.rita), await person(ids.alice), await person(ids.sam), await person(ids.priya)];
  const cycleKey = getPolicyPack(POLICY).cycle.key;
  const cycleId = cycleIdFor(tenantId, cycleKey);
  const at = (iso: string) => new Date(iso);
  const seedCheckIn = async (who: Person, eventKey: string, submitted: string, timeliness: 'on-time' | 'late', score: number, extra: Record<string, unknown> = {}) => {
    const checkIn = checkInSchema.parse({
      id: randomUUID(),
      organisationId: tenantId,
      personId: who.id,
      cycleId,
      eventId: eventIdFor(tenantId, cycleKey, eventKey),
      answers: {
        www: `Year 5 reading groups went well (${eventKey}).`,
        ebi: 'Even better if I had planned the plenary.',
        whatsNext: 'Try exit tickets with Year 6.',
        score,
      },
      submittedAt: at(submitted),
      timeliness,
      reviewerId: rita.id,
      createdAt: at(submitted),
      updatedAt: at(submitted),
      ...extra,
    });
    await repos.checkIns.submit(org, checkIn);
    return checkIn;
  };
  await seedCheckIn(alice, 'check-in-1', '2023-11-01T15:00:00Z', 'on-time', 6, {
    acknowledgement: { byPersonId: rita.id, at: at('2023-11-06T09:00:00Z') },
    reviewerResponse: { byPersonId: rita.id, at: at('2023-11-06T09:05:00Z'), text: 'Lovely to hear about reading groups.', anchor: 'www' },
  });
  await seedCheckIn(alice, 'check-in-2', '2023-11-20T10:00:00Z', 'late', 7, { acknowledgement: { byPersonId: rita.id, at: at('2023-11-21T09:00:00Z') } });
  // check-in-3 missed
  await seedCheckIn(alice, 'check-in-4', '2023-12-14T16:00:00Z', 'on-time', 7, { acknowledgement: { byPersonId: rita.id, at: at('2023-12-18T09:00:00Z') } });
  const aliceLast = await seedCheckIn(alice, 'check-in-5', '2024-01-11T16:00:00Z', 'on-time', 8);
  await seedCheckIn(sam, 'check-in-6', '2024-01-23T16:00:00Z', 'on-time', 6);
  await repos.praise.insert(org, [
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: sam.id, toPersonId: alice.id, message: 'Thank you for covering my Year 5 group at short notice.', createdAt: at('2024-01-23T16:00:00Z') }),
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: rita.id, toPersonId: alice.id, message: 'Brilliant phonics training for the new TAs.', createdAt: at('2023-12-14T16:00:00Z') }),
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: alice.id, toPersonId: sam.id, message: 'The library display is wonderful.', createdAt: at('2024-01-11T16:00:00Z') }),
  ]);
  const reviews = await seedYearReviews(ctx, { tenantId, cycleId, cycleKey, alice, sam, rita });
  console.log(`seeded ${POLICY} for tenant ${tenantId}: Rita reviews Alice and Sam, Priya is a PG administrator; Alice's reflection on last year is a draft, Sam's review has its summary`);
  const { tom, gina } = await seedLaterTrusts(repos);

  // 3. The identity stand-in and the real server, verifying tokens against it.
  const identity = await startIdentityStandIn();
  cleanups.push(() => identity.close());
  const env = {
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ROLE: 'web',
    MONGODB_URI: uri,
    MONGODB_DB: dbName,
    AUTH_MODE: 'teams',
    AAD_APP_CLIENT_ID: identity.clientId,
    AAD_AUTHORITY_HOST: identity.url,
    PGTEAMS_CLOCK: NOW.toISOString(),
  };
  const origin = (await startChildServer(env)) ?? (await startInProcessServer(env));
  const laterEnv = { ...env, PGTEAMS_CLOCK: LATER.toISOString() };
  const laterOrigin = (await startChildServer(laterEnv)) ?? (await startInProcessServer(laterEnv));
  const tokenFor = (p: Person, now: Date) =>
    identity.signToken({ oid: p.entraObjectId!, tid: p.organisationId, name: p.displayName, preferred_username: p.email }, { now });
  /** Everyone signs in to the server whose clock fits their trust's cycle. */
  const siteOf = (p: Person) => (p === tom || p === gina ? { origin: laterOrigin, now: LATER } : { origin, now: NOW });

  // 4. Chromium.
  const profile = await mkdtemp(join(tmpdir(), 'pgteams-chromium-'));
  cleanups.push(() => rm(profile, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1100, height: 800 },
    locale: 'en-GB',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  cleanups.unshift(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(10_000);
  activePage = page;

  // The page reads its token from localStorage when it loads, so switching user is a store and a reload.
  await page.addInitScript(() => {
    const token = (globalThis as unknown as { localStorage?: Storage }).localStorage?.getItem('pgteams.e2eToken');
    if (token) (globalThis as Record<string, unknown>).__PGTEAMS_TEST_TOKEN__ = token;
  });
  let signedIn: Person | undefined;
  const signInAs = async (p: Person) => {
    const site = siteOf(p);
    signedIn = p;
    // The token is kept in the origin's localStorage: be on that origin to store it.
    if (!page.url().startsWith(`${site.origin}/`)) await page.goto(`${site.origin}/healthz`);
    const token = await tokenFor(p, site.now);
    await page.evaluate((t) => (globalThis as unknown as { localStorage: Storage }).localStorage.setItem('pgteams.e2eToken', t), token);
  };
  const open = async (hash: string, theme = 'default') => {
    const url = `${signedIn ? siteOf(signedIn).origin : origin}/tab/?theme=${theme}${hash}`;
    const sameDocument = page.url().split('#')[0] === url.split('#')[0];
    await page.goto(url);
    // Only the hash changed: the browser does not load the page again, so make it (a fresh sign-in).
    if (sameDocument) await page.reload();
  };

  // ---- Alice writes and proposes an objective.
  await signInAs(alice);
  await open('#/rocks');
  await page.getByRole('heading', { name: 'My objectives', level: 2 }).waitFor();
  check(await page.getByRole('tab', { name: 'My objectives' }).isVisible(), 'policy vocabulary: "objectives" in the navigation');
  check((await page.getByRole('tab', { name: 'My team' }).count()) === 0, 'no "My team" tab for someone who reviews no one');
  check(await page.getByText('Local test user Alice Adams').isVisible(), 'signed in with a stand-in token as Alice');
  check((await page.getByRole('tab', { name: 'Policy' }).count()) + (await page.getByRole('tab', { name: 'Reviewers' }).count()) === 0, 'no Policy or Reviewers tab for a member of staff');
  // Issue 15: one navigation in the order a member of staff uses it, the rarely used sections under
  // "More"; on a phone the tabs that do not fit join them, with nothing cut off and no sideways scroll.
  const sections = page.getByRole('navigation', { name: 'Sections' });
  const navTabs = () => sections.getByRole('tab').allTextContents();
  const staffTabs = await navTabs();
  check(staffTabs.slice(0, 2).join(' | ') === 'My objectives | Check-ins' && staffTabs.includes('Praise') && staffTabs.includes('Reviews'), `staff navigation: My objectives, Check-ins first, Praise and Reviews as tabs (${staffTabs.join(' | ')})`);
  await sections.getByRole('button', { name: 'More' }).click();
  const staffMore = await page.getByRole('menu', { name: 'More sections' }).getByRole('menuitem').allTextContents();
  check(staffMore.includes('Reports') && staffMore.includes('Schedule') && !staffTabs.includes('Reports'), `staff: Reports (the opt-out setting) and Schedule under More (${staffMore.join(' | ')})`);
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 390, height: 844 });
  type Box = { right: number };
  type Doc = { querySelectorAll(s: string): ArrayLike<{ textContent: string | null; getBoundingClientRect(): Box }>; querySelector(s: string): { getBoundingClientRect(): Box } | null; documentElement: { scrollWidth: number } };
  await page.waitForTimeout(300); // the navigation re-measures on resize
  const phone = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: Doc }).document;
    const nav = doc.querySelector('nav[aria-label="Sections"]')!.getBoundingClientRect();
    const cut = Array.from(doc.querySelectorAll('[role="tab"]')).filter((t) => t.getBoundingClientRect().right > nav.right + 0.5).map((t) => t.textContent);
    return { scrollWidth: doc.documentElement.scrollWidth, cut };
  });
  const phoneTabs = await navTabs();
  await sections.getByRole('button', { name: 'More' }).click();
  const phoneMore = await page.getByRole('menu', { name: 'More sections' }).getByRole('menuitem').allTextContents();
  check(phone.scrollWidth <= 390 && phone.cut.length === 0, `390 px: the header and navigation fit (page ${phone.scrollWidth} px wide, cut-off tabs: ${phone.cut.join(', ') || 'none'})`);
  check(['My objectives', 'Check-ins', 'Praise', 'Reviews', 'Schedule', 'Reports'].every((n) => phoneTabs.includes(n) || phoneMore.includes(n)) && phoneMore.some((n) => n !== 'Schedule' && n !== 'Reports'), `390 px: the tabs that do not fit are in More (tabs ${phoneTabs.join(' | ')}; More ${phoneMore.join(' | ')})`);
  await page.getByRole('menuitem', { name: 'Reports' }).click();
  await page.getByRole('tab', { name: 'Reports', selected: true }).waitFor();
  check(new URL(page.url()).hash === '#/reports' && (await page.getByRole('tab', { name: 'My objectives' }).isVisible()), 'choosing Reports from More opens it, shown as the selected tab beside My objectives');
  await page.setViewportSize({ width: 1100, height: 800 });
  await open('#/rocks');
  await page.getByRole('heading', { name: 'My objectives', level: 2 }).waitFor();

  // Inside Teams (a stand-in host speaking teams-js's mobile bridge, window.nativeInterface): one
  // navigation and no page title (Teams shows the app's name), at the deep link's section, in the
  // theme Teams reports.
  {
    const teamsPage = await context.newPage();
    // Plain JavaScript: tsx would wrap named functions in a __name() helper the page does not have.
    const host = `{
      const reply = (id, args) => setTimeout(() => window.onNativeMessage && window.onNativeMessage({ data: { id, args } }), 0);
      const runtime = JSON.stringify({ apiVersion: 2, supports: { pages: { tabs: {} }, teamsCore: {}, dialog: {} } });
      const context = { locale: 'en-gb', theme: 'dark', entityId: 'home', subEntityId: 'praise', hostClientType: 'android', frameContext: 'content', appSessionId: 'e2e', userObjectId: 'x', tid: 'x', loginHint: 'x' };
      window.nativeInterface = {
        framelessPostMessage: (json) => {
          const { id, func } = JSON.parse(json);
          if (func === 'initialize') reply(id, ['content', 'android', runtime, '2.0.0']);
          else if (func === 'getContext') reply(id, [context]);
          else if (func === 'authentication.getAuthToken') reply(id, [true, ${JSON.stringify(await tokenFor(alice, NOW))}]);
          else reply(id, [true]);
        },
      };
    }`;
    await teamsPage.addInitScript({ content: host });
    await teamsPage.setViewportSize({ width: 390, height: 844 });
    await teamsPage.goto(`${origin}/tab/index.html`);
    await teamsPage.getByRole('tab', { name: 'Praise', selected: true }).waitFor();
    // The navigation shows once /me answered: the API took the token Teams handed over.
    await teamsPage.getByRole('heading', { name: 'Praise', level: 2 }).waitFor();
    const title = await teamsPage.getByRole('heading', { name: 'Professional Growth', level: 1 }).boundingBox();
    check((title?.width ?? 0) <= 1 && (await teamsPage.getByRole('banner').count()) === 0 && (await teamsPage.getByText(/Local test user/).count()) === 0, 'in Teams: no page title or test-user bar above the one navigation (Teams shows the app name; the heading is for screen readers)');
    const scheme = await teamsPage.evaluate(() => (globalThis as unknown as { document: { documentElement: { style: { colorScheme: string } } } }).document.documentElement.style.colorScheme);
    check(scheme === 'dark', `in Teams: the deep link's section (praise), signed in with the Teams token, in the dark theme Teams reports (${scheme})`);
    await teamsPage.screenshot({ path: join(results, 'tab-in-teams-phone-dark.png') });
    await teamsPage.close();
  }
  // seed 000 Appendix 4: the window's setting deadline (31 Oct 2023) has passed with nothing agreed.
  const overdue = page.getByText(/were due to be agreed by Tue,? 31 Oct 2023\. 0 of 3 agreed/);
  await overdue.waitFor();
  check(await page.getByText('Overdue:').isVisible(), 'the rocks view says the setting deadline is overdue, with the date and 0 of 3 agreed');
  await page.getByRole('button', { name: 'Write your Impact on Trust objective' }).click();
  check(await page.getByRole('complementary', { name: 'Objective checklist' }).isVisible(), 'the objectives checklist is shown while writing');
  const bank = page.getByRole('complementary', { name: 'Key words and phrases' });
  check(await bank.getByText('From the objectives bank').isVisible(), 'the objectives bank is shown while writing');
  check((await bank.getByRole('button', { name: 'Contribute to Trust pillar …' }).count()) === 1 && (await bank.getByRole('button', { name: 'Share good practice with …' }).count()) === 0, "the bank lists this slot's phrases, not another slot's");
  await bank.getByRole('button', { name: 'Contribute to Trust pillar …' }).click();
  check((await page.getByRole('textbox', { name: /^Description/ }).inputValue()) === 'Contribute to Trust pillar …', 'choosing a bank phrase adds it to the description');
  check(await page.getByText('demonstrates a clear link to the Trust Priorities').isVisible(), 'the checklist lines for Impact on Trust are shown');
  check((await page.getByText('demonstrates a clear link to supporting others').count()) === 0, 'other slots’ checklist lines are not');
  await page.getByRole('textbox', { name: 'Success criterion 1', exact: true }).fill('Every class has a reading buddy by February half term');
  await page.getByRole('button', { name: 'Save objective' }).click();
  check(await page.getByText('Give your objective a title.').isVisible(), 'a missing title is explained next to the field');
  check((await page.getByRole('textbox', { name: 'Success criterion 1', exact: true }).inputValue()) === 'Every class has a reading buddy by February half term', 'what was typed is kept after a failed save');

  const title = 'Develop the common thinking language across KS2';
  await page.getByRole('textbox', { name: /^Title/ }).fill(title);
  await page.getByRole('textbox', { name: /^Description/ }).fill('Through thinking maps in every KS2 class, in order to give pupils a shared language.');
  await page.getByRole('checkbox', { name: /^1a/ }).check();
  await page.getByLabel('Target date').first().fill('2024-02-09');
  await page.getByRole('button', { name: 'Add a success criterion' }).click();
  await page.getByRole('textbox', { name: 'Success criterion 2', exact: true }).fill('Thinking maps seen in 8 of 10 learning walks');
  await page.getByLabel('Target date').nth(1).fill('2024-03-22');
  await page.getByRole('button', { name: 'Add a success criterion' }).click();
  check(await page.getByRole('button', { name: 'Add a success criterion' }).isDisabled(), `no more than the policy's maximum success criteria (3 in ${POLICY})`);
  await page.getByRole('textbox', { name: 'Success criterion 3', exact: true }).fill('Pupil voice shows pupils can name the maps');

  // A server-side validation failure, as the server reports it (problem+json with field paths):
  // the message goes next to its field and nothing typed is lost.
  await page.route('**/api/v1/rocks', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 400,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'urn:pgteams:problem:invalidInput', title: 'Check the highlighted fields', status: 400, code: 'invalidInput', errors: [{ path: 'successCriteria.2.text', message: 'say how you will measure it' }] }),
        })
      : route.continue(),
    { times: 1 },
  );
  await page.getByRole('button', { name: 'Save objective' }).click();
  await page.getByText('say how you will measure it').waitFor();
  check(true, 'a problem+json field error is shown next to success criterion 3');
  check((await page.getByRole('textbox', { name: /^Title/ }).inputValue()) === title && (await page.getByRole('textbox', { name: 'Success criterion 3', exact: true }).inputValue()) !== '', 'the form keeps everything after the server refused it');
  await page.getByRole('textbox', { name: 'Success criterion 3', exact: true }).fill('Pupil voice: 9 in 10 pupils can name the maps by Easter');
  await page.getByRole('button', { name: 'Save objective' }).click();
  const rockCard = page.locator('article[data-rock-id]').filter({ hasText: title });
  await rockCard.waitFor();
  check(await rockCard.getByText('Draft').isVisible(), 'the saved objective is a draft');
  check(await rockCard.getByText(/Target Fri,? 9 Feb 2024/).isVisible(), 'target dates read the en-GB way');
  await rockCard.getByRole('button', { name: 'Propose to your reviewer' }).click();
  await rockCard.getByText('Awaiting agreement').waitFor();
  check(true, 'proposed: awaiting agreement');
  const rockId = (await rockCard.getAttribute('data-rock-id')) ?? '';

  // ---- Alice's check-ins: timeline, on-time rate, chart, a reviewer's response, the thread.
  await page.getByRole('tab', { name: 'Check-ins' }).click();
  await page.getByRole('heading', { name: 'How often do you submit on time?' }).waitFor();
  const timeline = page.getByRole('list').filter({ hasText: 'Check in 1' });
  for (const [entry, state] of [['Check in 1', 'On time'], ['Check in 2', 'Late'], ['Check in 3', 'Missed'], ['Check in 6', 'Open now'], ['Check in 7', 'Upcoming']] as const) {
    const item = timeline.getByRole('listitem').filter({ has: page.getByText(entry, { exact: true }) });
    check((await item.getByText(state, { exact: true }).count()) === 1, `timeline: ${entry} is ${state.toLowerCase()}`);
  }
  check(await page.getByText(/^\d+%$/).isVisible(), `on-time rate shown (${await page.getByText(/^\d+%$/).textContent()})`);
  check((await page.locator('svg[role="img"] circle').count()) === 4, 'the score chart plots the four submitted scores');
  await timeline.getByRole('listitem').filter({ has: page.getByText('Check in 1', { exact: true }) }).getByRole('link', { name: 'Open Check in 1' }).click();
  await page.getByText('Lovely to hear about reading groups.').waitFor();
  check(await page.getByText('Reviewer on What went well').or(page.getByText('Rita Reviewer on What went well')).first().isVisible(), "the reviewer's response and the answer it is about");
  check(await page.getByText(/Acknowledged by .* on 6 Nov 2023/).isVisible(), 'the acknowledgement with its date');
  await page.getByLabel('Reply').fill('Thank you! Reading buddies start next week.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Reading buddies start next week.' }).waitFor();
  check((await page.getByLabel('Reply').inputValue()) === '', 'reply posted to the check-in thread');

  // ---- Praise.
  await page.getByRole('tab', { name: 'Praise' }).click();
  await page.getByText('From Sam Singh').waitFor();
  const praiseItems = await page.locator('main li').allTextContents();
  check(praiseItems[0]?.includes('Sam Singh') === true && praiseItems[1]?.includes('Rita Reviewer') === true, 'praise received, newest first');
  await page.getByRole('tab', { name: 'Given' }).click();
  await page.getByText('To Sam Singh').waitFor();
  check(true, 'praise given');

  // ---- Rita, the reviewer: team view, agree the rock, acknowledge and respond to Sam's check-in.
  await signInAs(rita);
  // A link that names no section opens a reviewer's first one: My team.
  await open('');
  await page.getByRole('tab', { name: 'My team', selected: true }).waitFor();
  check((await page.getByRole('navigation', { name: 'Sections' }).getByRole('tab').first().textContent()) === 'My team', 'reviewer navigation starts with My team, where the tab opens');
  await open('#/team');
  await page.getByRole('heading', { name: 'Alice Adams' }).waitFor();
  check(await page.getByRole('tab', { name: 'My team' }).isVisible(), '"My team" shown to a reviewer');
  const aliceSection = page.getByRole('region', { name: 'Alice Adams' });
  const samSection = page.getByRole('region', { name: 'Sam Singh' });
  check(await aliceSection.getByText('Not checked in yet').isVisible(), 'Alice has not checked in for the open check-in');
  check(await samSection.getByText('1 awaiting acknowledgement').isVisible(), "Sam's check-in awaits acknowledgement");
  check(await aliceSection.getByText('Objectives to agree').isVisible(), "Alice's objective awaits agreement");
  await screenshotAndAxe(page, 'team', 'light');
  const teamRock = aliceSection.locator(`article[data-rock-id="${rockId}"]`);
  await teamRock.getByRole('button', { name: 'Agree', exact: true }).click();
  await teamRock.getByLabel('Comment (optional)').fill('Agreed — a strong link to pillar 1a.');
  await teamRock.getByRole('button', { name: 'Agree objective' }).click();
  await teamRock.locator('.fui-Badge').getByText('Agreed', { exact: true }).waitFor();
  check(true, 'the reviewer agreed the objective inline');
  await samSection.getByRole('button', { name: 'Read and acknowledge' }).click();
  await samSection.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await samSection.getByText(/Acknowledged by/).waitFor();
  check(true, "the reviewer acknowledged Sam's check-in inline");
  await samSection.getByRole('textbox', { name: 'Your response' }).fill('Thanks Sam, great week.');
  await samSection.getByRole('button', { name: 'Send response' }).click();
  await samSection.getByText('Thanks Sam, great week.').first().waitFor();
  check(true, "the reviewer responded to Sam's check-in inline");

  // Deep link checkin:<id> → #/check-ins/<id>: Rita opens Alice's seeded check-in and replies in its thread.
  await open(`#/check-ins/${aliceLast.id}`);
  await page.getByRole('heading', { name: 'Alice Adams: Check in 5' }).waitFor();
  await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await page.getByText(/Acknowledged by Rita Reviewer/).waitFor();
  await page.getByLabel('Reply').fill('Great to see your score rising, Alice.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Great to see your score rising' }).waitFor();
  check(true, "deep link opens Alice's check-in for her reviewer, who acknowledges and replies in the thread");

  // ---- Alice again: the agreed rock, a done tick, history, the deep link rock:<id>.
  await signInAs(alice);
  await open(`#/rocks/${rockId}`);
  const linked = page.locator(`article[data-rock-id="${rockId}"]`);
  await linked.locator('.fui-Badge').getByText('Agreed', { exact: true }).waitFor();
  check(await linked.locator('.fui-MessageBarBody', { hasText: 'Agreed — a strong link to pillar 1a.' }).isVisible(), "the reviewer's comment shows on the agreed objective");
  // The tick is saved before it shows: the box follows the server's answer.
  await linked.getByRole('checkbox', { name: /reading buddy/ }).click();
  await linked.locator('input[type="checkbox"]:checked').waitFor();
  check(await linked.getByRole('checkbox', { name: /reading buddy/ }).isChecked(), 'success criterion ticked done');
  check(await linked.getByRole('region', { name: `History of ${title}` }).isVisible(), 'the deep-linked objective opens with its history');
  const history = await linked.getByRole('region', { name: `History of ${title}` }).textContent();
  check(['Created', 'Proposed for agreement', 'Agreed', 'ticked off'].every((w) => history?.includes(w)), 'history lists created, proposed, agreed and the tick');
  await open(`#/check-ins/${aliceLast.id}`);
  await page.getByText('Great to see your score rising, Alice.').waitFor();
  check(await page.getByText(/Acknowledged by Rita Reviewer/).isVisible(), "Alice sees her reviewer's acknowledgement and reply");

  // ---- The year's reviews (issue 12): Alice's reflection (saved as she types, then sent), Rita's
  // statement beside the year's check-ins (a refused save keeps what she typed), Sam's summary.
  await open('#/reviews');
  await page.getByRole('heading', { name: 'Reviews', level: 2 }).waitFor();
  check(await page.getByRole('tab', { name: 'Reviews' }).isVisible(), '"Reviews" in the navigation where the policy has reviews');
  await page.getByRole('region', { name: 'My reviews' }).getByRole('link', { name: 'Reflection on last year' }).click();
  const reflectionRegion = page.getByRole('region', { name: 'Your reflection' });
  await reflectionRegion.waitFor();
  const www = reflectionRegion.getByRole('textbox', { name: /What Went Well/ });
  check((await www.inputValue()).includes('Reading groups in Year 5'), "Alice's saved draft is in the form");
  const measured = reflectionRegion.getByText(/Measured: \d+ % on time/);
  check((await measured.count()) === 1, `the on-time question shows the measured rate (${(await measured.allTextContents()).join('') || 'not shown'})`);
  await www.fill('Reading groups in Year 5, and phonics training for the new TAs.');
  await reflectionRegion.getByRole('status').filter({ hasText: /^Saved / }).waitFor();
  check(true, 'the draft saves as she types ("Saved" in a live status)');
  await open(`#/reviews/${encodeURIComponent(reviews.alice)}`);
  await page.getByRole('region', { name: 'Your reflection' }).getByRole('textbox', { name: /What Went Well/ }).waitFor();
  check((await page.getByRole('region', { name: 'Your reflection' }).getByRole('textbox', { name: /What Went Well/ }).inputValue()).includes('phonics training'), 'the saved draft is there after reloading');
  await page.getByRole('button', { name: 'Send to reviewer' }).click();
  const sent = page.getByText(/^Sent (to your reviewer on |)/).first();
  await sent.or(page.getByText(/^Not sent/)).waitFor();
  const sentOk = await sent.isVisible();
  const refusal = sentOk ? '' : (await page.locator('.fui-Field__validationMessage, .fui-MessageBar').allTextContents()).join(' | ');
  check(sentOk, `Send to reviewer: the reflection is sent${sentOk ? '' : ` (refused: ${refusal})`}`);
  if (!sentOk) await reviews.submitAlice();

  await signInAs(rita);
  await open('#/reviews');
  const needsMe = page.getByRole('region', { name: 'Needs me' });
  await needsMe.getByRole('link', { name: 'Alice Adams · Reflection on last year' }).click();
  await page.getByRole('heading', { name: 'Reflection on last year: Alice Adams', level: 2 }).waitFor();
  const sentReflection = page.getByRole('region', { name: "Alice Adams's reflection" });
  check(((await sentReflection.textContent()) ?? '').includes('phonics training for the new TAs'), "Rita reads Alice's reflection as sent");
  const yearCheckIns = page.getByRole('region', { name: "The year's check-ins" });
  check(await yearCheckIns.getByText('Lovely to hear about reading groups.').isVisible(), "beside it, the year's check-ins with Rita's own responses");
  check((await yearCheckIns.locator('svg[role="img"] circle').count()) >= 4, 'and the score over the year');
  const statement = page.getByRole('region', { name: 'Review statement' });
  await statement.getByRole('textbox', { name: /^Performance of the role/ }).fill('Meets the job description and the Teachers’ Standards.');
  await statement.getByRole('button', { name: /statement/ }).click();
  await statement.locator('.fui-Field__validationMessage, .fui-MessageBar').first().waitFor();
  const messages = await statement.locator('.fui-Field__validationMessage').allTextContents();
  check(messages.length > 0, `a refused statement says why, beside the fields (${messages.join(' | ') || (await statement.locator('.fui-MessageBar').allTextContents()).join(' ')})`);
  check((await statement.getByRole('textbox', { name: /^Performance of the role/ }).inputValue()).startsWith('Meets the job description'), 'and keeps what was typed');
  await statement.getByLabel(/^Date of the review meeting/).fill('2023-09-20');
  await statement.getByRole('textbox', { name: /^Review statement/ }).fill('Alice has led reading across Year 5 and trained the new TAs in phonics.');
  check((await statement.locator('.fui-Field__validationMessage').count()) < messages.length, 'a field error clears once that field is changed');
  await statement.getByRole('combobox', { name: /^Outcome/ }).selectOption({ label: 'Met professional growth expectations' });
  await statement.getByRole('button', { name: /statement/ }).click();
  const savedStatement = page.getByText('Alice has led reading across Year 5').first().or(statement.getByRole('button', { name: 'Save the statement' }));
  await savedStatement.waitFor().catch(() => undefined);
  check((await savedStatement.count()) > 0 && (await statement.locator('.fui-Field__validationMessage, .fui-MessageBar').count()) === 0, `the statement is saved${(await statement.locator('.fui-MessageBar').count()) ? ` (refused: ${(await statement.locator('.fui-Field__validationMessage, .fui-MessageBar').allTextContents()).join(' | ')})` : ''}`);
  // On a phone (390 px) the page does not scroll sideways; printed, only the review shows.
  await page.setViewportSize({ width: 390, height: 800 });
  const pageWidth = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  check(pageWidth <= 390, `the reviewer's view fits a 390 px phone without scrolling sideways (${pageWidth} px)`);
  await page.screenshot({ path: join(results, 'tab-reviews-statement-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.emulateMedia({ media: 'print' });
  check(!(await page.getByRole('navigation', { name: 'Sections' }).isVisible()) && !(await page.getByRole('button', { name: 'Print' }).isVisible()) && (await page.getByRole('heading', { name: 'Review statement' }).isVisible()), 'printed: the review without the navigation or buttons');
  await page.emulateMedia({ media: 'screen' });

  // ---- Priya, a PG administrator: the policy (edit, preview, save, new version), reviewers
  // (search, preview a redelegation) and the next cycle (preview a roll-forward; nothing confirmed,
  // so the views below still show this world).
  await signInAs(priya);
  await open('#/policy');
  await page.getByRole('heading', { name: 'Policy', level: 2 }).waitFor();
  check(await page.getByRole('tab', { name: 'Policy' }).isVisible() && (await page.getByRole('tab', { name: 'Reviewers' }).isVisible()), 'Policy and Reviewers tabs shown to a PG administrator');
  const adminTabs = await page.getByRole('navigation', { name: 'Sections' }).getByRole('tab').allTextContents();
  check(adminTabs.slice(0, 4).join(' | ') === 'Trust progress | Schedule | Policy | Reviewers', `PG admin navigation leads with Trust progress, Schedule, Policy, Reviewers (${adminTabs.join(' | ')})`);
  const retention = page.getByRole('region', { name: 'Retention' });
  const versionBefore = Number(/version (\d+)\./.exec((await page.getByText(/· version \d+\./).textContent()) ?? '')?.[1]);
  check(Number.isInteger(versionBefore), `the policy shows its version (${versionBefore})`);
  await retention.getByRole('spinbutton', { name: 'Keep records for (years)' }).fill('7');
  await retention.getByText('What changes').waitFor();
  check(await retention.getByText(/retention\.years.*6 → 7/).isVisible(), 'the policy preview lists the change before saving (retention.years 6 → 7)');
  await screenshotAndAxe(page, 'policy-preview', 'light');
  await retention.getByRole('button', { name: 'Save retention' }).click();
  await retention.getByText(`Saved as version ${versionBefore + 1}.`).waitFor();
  check(true, `saved: the policy is now version ${versionBefore + 1}`);
  const versions = page.getByRole('region', { name: 'Saved versions' });
  await versions.getByText(new RegExp(`^Version ${versionBefore + 1} · .*retention\\.years`)).waitFor();
  check(await page.getByText(`· version ${versionBefore + 1}.`).isVisible(), 'the new version is listed with the field it changed, and the heading shows it');

  await open('#/reviewers');
  await page.getByRole('heading', { name: 'Reviewers', level: 2 }).waitFor();
  await page.getByRole('textbox', { name: 'Colleague' }).fill('sam');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await page.getByRole('list', { name: 'Colleague: matches' }).getByRole('button', { name: /Sam Singh · Hilltop Primary · support · reviewed by Rita Reviewer/ }).click();
  const samRecord = page.getByRole('region', { name: 'Sam Singh' });
  await samRecord.getByText('Reviewer:').waitFor();
  check(await samRecord.getByText('Rita Reviewer', { exact: true }).isVisible(), "Sam's record shows Rita as his reviewer");
  await samRecord.getByRole('textbox', { name: 'Find the new reviewer' }).fill('priya');
  await samRecord.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await samRecord.getByRole('list', { name: 'Find the new reviewer: matches' }).getByRole('button', { name: /Priya Admin/ }).click();
  await samRecord.getByRole('textbox', { name: /^Reason/ }).fill('Rita is on secondment for the spring term.');
  await samRecord.getByRole('button', { name: 'Preview', exact: true }).click();
  await samRecord.getByText('Check and confirm').waitFor();
  const redelegation = (await samRecord.locator('.fui-MessageBar').filter({ hasText: 'Check and confirm' }).textContent()) ?? '';
  check(redelegation.includes('Priya Admin') && redelegation.includes('Rita Reviewer'), `the redelegation preview names the old and new reviewer (${redelegation.slice(0, 160)}…)`);
  check(await samRecord.getByRole('button', { name: 'Confirm' }).isVisible(), 'nothing changes until it is confirmed');
  await screenshotAndAxe(page, 'reviewers-preview', 'light');

  await open('#/schedule');
  const nextCycle = page.getByRole('region', { name: 'Start the next cycle' });
  await nextCycle.getByRole('radio', { name: /^Roll .* forward/ }).waitFor();
  check(await nextCycle.getByRole('radio', { name: /^Roll .* forward/ }).isChecked(), 'Start the next cycle: roll forward is the first choice');
  await nextCycle.getByRole('button', { name: 'Preview' }).click();
  const newEvents = nextCycle.getByRole('list', { name: /^New events in / });
  await newEvents.waitFor();
  const eventCount = await newEvents.getByRole('listitem').count();
  check(eventCount >= 10, `the roll-forward preview lists next year's events (${eventCount})`);
  check(await nextCycle.getByRole('button', { name: /^Confirm: start / }).isVisible(), 'the next cycle is started only on confirming the preview');
  await screenshotAndAxe(page, 'next-cycle-preview', 'light');

  // ---- Truro and Penwith (growth plan) and The Stour Federation (group coaching), on the 2026-27 server.
  await signInAs(tom);
  await open('#/growth');
  await page.getByRole('heading', { name: 'My growth plan', level: 2 }).waitFor();
  check(await page.getByRole('tab', { name: 'My growth plan' }).isVisible(), '"My growth plan" in the navigation for a Truro and Penwith teacher');
  // The plan loads after the view's heading: wait for it rather than race it.
  await page.getByRole('heading', { name: 'Stage one: self-reflection', level: 3 }).waitFor().catch(() => undefined);
  check(await page.getByRole('heading', { name: 'Stage one: self-reflection', level: 3 }).isVisible(), 'the growth plan opens at stage one, the self-reflection');
  check(await page.getByRole('heading', { name: /^Professional growth plan · .*2026-27$/, level: 3 }).isVisible(), "the growth plan is for the trust's current cycle (2026-27)");
  await signInAs(gina);
  await open('#/group');
  await page.getByRole('heading', { name: 'My group', level: 2 }).waitFor();
  check(await page.getByRole('tab', { name: 'My group' }).isVisible(), '"My group" in the navigation in a group-mode trust (The Stour Federation)');
  const year56 = page.getByRole('region', { name: 'Year 5/6' });
  await year56.getByText('Led by Lena Leader.').waitFor();
  await year56.getByRole('button', { name: 'Read the session' }).click();
  check((await year56.getByRole('button', { name: 'Close' }).count()) === 1, "Gina opens her group's posted check-in 1 session");
  check(await page.getByText('Group coaching check-ins: on each date').isVisible(), 'the intro reads "group coaching check-ins" (the policy calls them "group check-ins")');
  await year56.getByRole('textbox', { name: 'Successes' }).fill('Our Year 5 reading buddies are up and running.');
  await year56.getByRole('button', { name: 'Post to the group' }).click();
  await year56.getByText('Not posted yet: Hal Hughes.').waitFor();
  check(await year56.getByText('Our Year 5 reading buddies are up and running.').first().isVisible(), "Gina's post shows in the session, and she is no longer waited for");
  await page.waitForLoadState('networkidle');
  await screenshotAndAxe(page, 'group-session', 'light');

  // ---- Every view in light and dark, checked with axe-core (and the contrast theme with axe only).
  const views: Array<[string, string, Person]> = [
    ['rocks', `#/rocks`, alice],
    ['check-ins', `#/check-ins`, alice],
    ['check-in', `#/check-ins/${aliceLast.id}`, alice],
    ['praise', '#/praise', alice],
    ['schedule', '#/schedule', alice],
    ['team', '#/team', rita],
    ['policy', '#/policy', priya],
    ['reviewers', `#/reviewers/${sam.id}`, priya],
    ['schedule-admin', '#/schedule', priya],
    ['growth', '#/growth', tom],
    ['group', '#/group', gina],
    ['reviews', '#/reviews', rita],
    ['reviews-admin', '#/reviews', priya],
    ['reviews-reflection', `#/reviews/${encodeURIComponent(reviews.alice)}`, alice],
    ['reviews-statement', `#/reviews/${encodeURIComponent(reviews.alice)}`, rita],
    ['reviews-summary', `#/reviews/${encodeURIComponent(reviews.sam)}`, sam],
  ];
  for (const theme of ['default', 'dark', 'contrast'] as const) {
    for (const [name, hash, who] of views) {
      if (who !== signedIn) {
        await signInAs(who);
      }
      await open(hash, theme);
      await page.getByRole('heading', { level: 2 }).waitFor();
      await page.locator('[role="tabpanel"] .fui-Spinner').waitFor({ state: 'detached' }).catch(() => undefined);
      await page.waitForLoadState('networkidle');
      if (name === 'rocks' && theme === 'default') {
        // The editor too, with its checklist.
        await page.getByRole('button', { name: 'Write your Impact on Others objective' }).click();
        await screenshotAndAxe(page, 'rock-editor', 'light');
        await open(hash, theme);
        await page.getByRole('heading', { level: 2 }).waitFor();
        await page.waitForLoadState('networkidle');
      }
      await screenshotAndAxe(page, name, theme === 'default' ? 'light' : theme, theme !== 'contrast');
    }
  }
  check(pageErrors.length === 0, `no page errors${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}`);
}

/**
 * Issue 12: the end-of-year reviews opened on 1 Sep for Alice and Sam (looking back on this cycle's
 * check-ins, so the reviewer sees them beside the reflection). Alice's reflection is a saved draft;
 * Sam's has been sent, answered with a statement and its written summary released.
 */
async function seedYearReviews(
  ctx: UseCaseContext,
  { tenantId, cycleId, cycleKey, alice, sam, rita }: { tenantId: string; cycleId: string; cycleKey: string; alice: Person; sam: Person; rita: Person },
): Promise<{ alice: string; sam: string; submitAlice: () => Promise<void> }> {
  const org = { organisationId: tenantId };
  const at = (iso: string) => new Date(iso);
  const open = async (who: Person) => {
    const review = yearReviewSchema.parse({
      id: yearReviewId('end-of-year', cycleId, who.id),
      organisationId: tenantId,
      cycleId,
      coversCycleId: cycleId,
      personId: who.id,
      stage: 'end-of-year',
      label: 'Reflection on last year',
      eventId: eventIdFor(tenantId, cycleKey, 'reflection-on-last-year'),
      reviewerId: rita.id,
      school: who.school,
      roleCategory: who.roleCategory,
      opensAt: at('2023-09-01T07:00:00Z'),
      dueAt: at('2023-09-15T22:59:00Z'),
      reviewerDueAt: at('2023-09-30T22:59:00Z'),
      decisionDueAt: at('2023-10-20T22:59:00Z'),
      createdAt: at('2023-09-01T07:00:00Z'),
    });
    await ctx.repos.yearReviews.open(org, review);
    return review;
  };
  const record = (kind: string, review: { id: string; personId: string }, authorId: string, fields: Record<string, unknown>, submittedAt?: string) =>
    yearReviewRecordSchema.parse({
      id: yearReviewRecordId(kind as 'reflection', review.id),
      organisationId: tenantId,
      reviewId: review.id,
      cycleId,
      personId: review.personId,
      authorId,
      createdAt: at('2023-09-10T15:00:00Z'),
      updatedAt: at(submittedAt ?? '2023-09-10T15:00:00Z'),
      ...(submittedAt ? { submittedAt: at(submittedAt) } : {}),
      kind,
      ...fields,
    });
  const reflection = (who: string) => ({
    recognition: 'Sam Singh: thank you for covering my Year 5 group at short notice.',
    www: `Reading groups in Year 5 (${who}).`,
    ebi: 'Even better if I had planned the plenaries sooner.',
    whatNext: 'Exit tickets with Year 6.',
    anythingElse: '',
    supportReceived: 'Coaching from Rita every half term.',
    score: 7,
    onTime: 'often',
    jobDescription: 'majority',
    selfAssessment: 'met',
  });
  const aliceReview = await open(alice);
  await ctx.repos.yearReviews.putRecord(org, record('reflection', aliceReview, alice.id, reflection('Alice')));
  const samReview = await open(sam);
  await ctx.repos.yearReviews.putRecord(org, record('reflection', samReview, sam.id, reflection('Sam'), '2023-09-12T15:00:00Z'));
  await ctx.repos.yearReviews.putRecord(
    org,
    record('statement', samReview, rita.id, { meetingOn: '2023-09-19', statement: 'Sam has transformed the library and supported Year 5 reading.', rolePerformance: 'Meets the job description.', developmentNeeds: 'Phonics training.', outcome: 'met' }, '2023-09-20T15:00:00Z'),
  );
  await ctx.repos.yearReviews.putRecord(
    org,
    record(
      'summary',
      samReview,
      rita.id,
      {
        rocks: [],
        rolePerformance: 'Meets the job description.',
        supportingInformation: ['Praise from Alice Adams: The library display is wonderful.'],
        statement: 'Sam has transformed the library and supported Year 5 reading.',
        outcomeLabel: 'Met professional growth expectations',
        nextYear: { rocks: [{ title: 'Run the reading buddies scheme', successCriteria: ['Every class has a reading buddy by February half term'] }], standards: 'the requirements of your job description', growthPlan: 'Phonics training in the autumn term.' },
      },
      '2023-10-21T09:00:00Z',
    ),
  );
  // Should sending from the tab be refused, the reviewer's part still gets a sent reflection.
  const submitAlice = async () => {
    const saved = await ctx.repos.yearReviews.getRecord(org, 'reflection', yearReviewRecordId('reflection', aliceReview.id));
    if (saved) await ctx.repos.yearReviews.putRecord(org, { ...saved, submittedAt: at('2023-09-14T15:00:00Z') });
  };
  return { alice: aliceReview.id, sam: samReview.id, submitAlice };
}

/**
 * Truro and Penwith (tom, coached by Cora) and The Stour Federation (gina in Year 5/6's coaching
 * group, whose check-in 1 session has been posted to its channel), seeded at LATER.
 */
async function seedLaterTrusts(repos: UseCaseContext['repos']): Promise<{ tom: Person; gina: Person }> {
  const ctx: UseCaseContext = { repos, now: () => LATER, logger: createLogger('silent') };
  const seedTrust = async (policyId: string, rows: string[]) => {
    const tenantId = randomUUID();
    const organisation = await ensureOrganisation(ctx, { organisationId: tenantId, policyId });
    await importDirectory(ctx, tenantId, parseDirectoryFile(['name,email,objectId,school,role,reviewer,coach', ...rows].join('\n'), 'csv'));
    const byEmail = async (email: string) => {
      const found = await repos.people.findByEmail({ organisationId: tenantId }, email);
      if (!found) throw new Error(`seeded person ${email} not found`);
      return found;
    };
    return { tenantId, organisation, byEmail };
  };
  const truro = await seedTrust('truro-penwith-2026-27', [
    `Cora Coach,cora@truro.example.org,${randomUUID()},Penwith Academy,leader,,`,
    `Tom Tregear,tom@truro.example.org,${randomUUID()},Penwith Academy,teacher,cora@truro.example.org,cora@truro.example.org`,
  ]);
  const tom = await truro.byEmail('tom@truro.example.org');

  const stour = await seedTrust('stour-2026-27', [
    `Lena Leader,lena@stour.example.org,${randomUUID()},Stour Primary,leader,,`,
    `Gina Green,gina@stour.example.org,${randomUUID()},Stour Primary,teacher,lena@stour.example.org,`,
    `Hal Hughes,hal@stour.example.org,${randomUUID()},Stour Primary,teacher,lena@stour.example.org,`,
  ]);
  const org = { organisationId: stour.tenantId };
  const [lena, gina, hal] = [await stour.byEmail('lena@stour.example.org'), await stour.byEmail('gina@stour.example.org'), await stour.byEmail('hal@stour.example.org')];
  const groupId = randomUUID();
  const conversation = { scope: 'team' as const, conversationId: '19:year56@thread.tacv2', serviceUrl: 'https://smba.trafficmanager.net/uk/', reference: {} };
  await repos.coachingGroups.create(org, { id: groupId, organisationId: stour.tenantId, name: 'Year 5/6', nameKey: groupNameKey('Year 5/6'), memberIds: [gina.id, hal.id], leaderId: lena.id, conversation, createdAt: LATER, updatedAt: LATER });
  const event = await repos.scheduleEvents.get(org, eventIdFor(stour.tenantId, getPolicyPack('stour-2026-27').cycle.key, 'check-in-1'));
  if (!event) throw new Error('Stour check-in 1 not seeded');
  const session = await prepareGroupSession(ctx, stour.organisation, event, groupId);
  if (session.kind !== 'post') throw new Error(`Stour check-in 1 session not prepared: ${session.reason}`);
  await recordGroupSessionPosted(ctx, session.session, 'activity-year56-1', []);
  console.log(`seeded truro-penwith-2026-27 (Cora coaches Tom) and stour-2026-27 (Year 5/6 group, check-in 1 posted) at ${LATER.toISOString()}`);
  return { tom, gina };
}

/** The server as `npm start` runs it: `node dist/bot/main.js`. Undefined if that build does not serve /api/v1 yet. */
async function startChildServer(env: Record<string, string>): Promise<string | undefined> {
  const clock = env.PGTEAMS_CLOCK ?? NOW.toISOString();
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
  if ((await fetch(`${origin}/api/v1/dev/status`)).status === 404) {
    console.log('note: dist/bot/main.js does not serve /api/v1 yet (runtime.ts does not register the API routes); running the same app in-process instead');
    await stop();
    return undefined;
  }
  console.log(`server: node dist/bot/main.js at ${origin} (AUTH_MODE=teams, clock ${clock})`);
  return origin;
}

/** The same HTTP app and /api/v1 routes the process builds, in this process. */
async function startInProcessServer(env: Record<string, string>): Promise<string> {
  const config = loadConfig({ ...env, PORT: '0' });
  const logger = createLogger(config.LOG_LEVEL);
  const client = await MongoClient.connect(config.MONGODB_URI, { ignoreUndefined: true });
  const db = client.db(config.MONGODB_DB);
  const repos = createRepositories(db);
  const server = createHttpApp({
    config,
    logger,
    pingDatabase: () => pingDatabase(db),
    // Only /api/v1 and /tab are exercised; the bot endpoint is tested by the Playground e2e.
    bot: { handle: async () => undefined },
    registerRoutes: (s) => registerApiRoutes(s, { config, logger, repos, now: clockStartingAt(new Date(env.PGTEAMS_CLOCK ?? NOW)) }),
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  cleanups.unshift(async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
    await client.close();
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  console.log(`server: createHttpApp + registerApiRoutes in-process at ${origin} (AUTH_MODE=teams, clock ${env.PGTEAMS_CLOCK ?? NOW.toISOString()})`);
  return origin;
}

async function screenshotAndAxe(page: Page, name: string, theme: string, screenshot = true): Promise<void> {
  if (screenshot) await page.screenshot({ path: join(results, `tab-${name}-${theme}.png`), fullPage: true });
  await page.addScriptTag({ path: axeSource });
  // Fluent's focus manager (tabster) adds <i data-tabster-dummy aria-hidden tabindex=0> around
  // focus groups; they pass focus straight on and are a known aria-hidden-focus false positive
  // (microsoft/tabster#288, microsoft/fluentui#25133). Everything else is checked.
  const violations = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }).axe
      .run({ exclude: [['[data-tabster-dummy]']] })
      .then((r) => r.violations),
  )) as Array<{ id: string; impact: string; help: string; nodes: Array<{ html: string }> }>;
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations) console.log(`     axe ${name} (${theme}): ${v.impact} ${v.id} ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.html).join(' ')}`);
  check(serious.length === 0, `axe ${name} (${theme}): no serious/critical violations (${violations.length} in total)`);
}

main()
  .catch((err: unknown) => {
    failures.push(err instanceof Error ? (err.stack ?? err.message) : String(err));
    console.log(`FAIL ${failures[failures.length - 1]}`);
    return activePage?.screenshot({ path: join(results, 'tab-failure.png'), fullPage: true }).then(
      () => console.log('     screenshot of the failure: test-results/tab-failure.png'),
      () => undefined,
    );
  })
  .finally(async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    if (failures.length) {
      console.log(`\ne2e: FAIL (${failures.length}): ${failures.map((f) => f.split('\n')[0]).join(' | ')}`);
      process.exit(1);
    }
    console.log(`\ne2e: PASS (${Math.round((Date.now() - startedAt) / 1000)} s)`);
    process.exit(0);
  });
