// End-to-end: the real server (child process, AUTH_MODE=teams) on a real FerretDB, the tab in
// Debian Chromium, signed in with tokens from the local identity stand-in (test/standins/identity.ts)
// handed to the page through window.__PGTEAMS_TEST_TOKEN__. Run by scripts/e2e-tab.mjs
// (`npm run e2e:tab`), which builds first. Writes screenshots to test-results/.
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { MongoClient } from 'mongodb';
import { registerApiRoutes } from '../../bot/http/api';
import { clockStartingAt } from '../../bot/clock';
import { loadConfig } from '../../bot/config';
import { createRepositories, pingDatabase } from '../../bot/data/db';
import { createHttpApp } from '../../bot/http/app';
import { createLogger } from '../../bot/logger';
import type { UseCaseContext } from '../../bot/usecases/context';
import { importDirectory, parseDirectoryFile } from '../../bot/usecases/directory';
import { groupNameKey } from '../../bot/usecases/coachingGroups';
import { pendingThanksIdFor } from '../../bot/usecases/pendingThanks';
import { prepareGroupSession, recordGroupSessionPosted } from '../../bot/usecases/groupSessions';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../../bot/usecases/organisations';
import { applyScheduleChange } from '../../bot/usecases/applyScheduleChange';
import { checkInSchema, praiseSchema, type Person } from '../../shared/domain';
import { yearReviewId, yearReviewRecordId, yearReviewRecordSchema, yearReviewSchema } from '../../shared/domain/yearReview';
import { getPolicyPack } from '../../shared/policy';
import { startFerretDb } from '../../scripts/ferretdb.js';
import { startIdentityStandIn } from '../standins/identity';
import { check, cleanups, launchChromium, openDatabase, results, run, screenshotAndAxe as shotAndAxe, startServer } from './harness';

const POLICY = 'tsat-2023-24';
// The server's clock: Wednesday of check-in 6's window, so earlier check-ins are done or missed,
// one is open and later ones are upcoming. Tokens are issued at the same instant.
const NOW = new Date('2024-01-24T12:00:00.000Z');
const E2E_BOT_ID = '00000000-0000-4000-8000-00000000b075';
// A second server on the same database, for two trusts whose packs are 2026-27: Truro and Penwith
// (growth plan) and The Stour Federation (group coaching). Wednesday of check-in 2 (Truro) and of
// check-in 1's week (Stour).
const LATER = new Date('2026-12-02T12:00:00.000Z');

/** The browser's storage, as far as the page scripts below use it (this file is type-checked without DOM types). */
interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

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
  const { repos } = await openDatabase(uri, dbName);
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
  // Sam's check-ins 4 and 5 still await Rita (acknowledged together from "Needs me"); check-in 6
  // reports progress on an objective with a long title (the answers must stay readable).
  await seedCheckIn(sam, 'check-in-4', '2023-12-14T15:00:00Z', 'on-time', 5);
  await seedCheckIn(sam, 'check-in-5', '2024-01-11T15:00:00Z', 'on-time', 6);
  const samLongRock = 'Improve reading for disadvantaged pupils in Years 3 to 6 through daily small-group phonics and a library reading-buddies programme';
  await seedCheckIn(sam, 'check-in-6', '2024-01-23T16:00:00Z', 'on-time', 6, {
    answers: { www: 'The library display is up (check-in-6).', ebi: 'Even better if more Year 6 came at lunch.', whatsNext: 'Start the reading-buddies rota.', score: 6, rockProgress: [{ rockId: randomUUID(), rockTitle: samLongRock, progress: 'Buddies matched for Year 3 and Year 5; the rota starts on Monday.' }] },
  });
  await repos.praise.insert(org, [
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: sam.id, toPersonId: alice.id, message: 'Thank you for covering my Year 5 group at short notice.', createdAt: at('2024-01-23T16:00:00Z') }),
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: rita.id, toPersonId: alice.id, message: 'Brilliant phonics training for the new TAs.', createdAt: at('2023-12-14T16:00:00Z') }),
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: alice.id, toPersonId: sam.id, message: 'The library display is wonderful.', createdAt: at('2024-01-11T16:00:00Z') }),
  ]);
  // Issue 15: Alice thanked someone in check-in 5 without choosing whom; the check-in went in and the thanks waits.
  await repos.pendingThanks.insertOnce(org, {
    id: pendingThanksIdFor(aliceLast.id),
    organisationId: tenantId,
    personId: alice.id,
    checkInId: aliceLast.id,
    eventId: aliceLast.eventId,
    message: 'Thanks for lending me the visualiser all week.',
    status: 'pending',
    recipientIds: [],
    createdAt: aliceLast.submittedAt,
  });
  const reviews = await seedYearReviews(ctx, { tenantId, cycleId, cycleKey, alice, sam, rita });
  // Issue 15: an edit made from the admin channel, for the Schedule's list of changes: Priya moved check-in 15 a week on.
  const checkIn15 = await repos.scheduleEvents.get(org, eventIdFor(tenantId, cycleKey, 'check-in-15'));
  const moved = checkIn15 && (await applyScheduleChange(ctx, { person: priya, organisation: (await repos.organisations.get(tenantId))! }, {
    type: 'move',
    eventId: checkIn15.id,
    version: checkIn15.version,
    draft: { kind: 'check-in', number: 15, title: 'Check in 15', date: '2024-07-08', window: { opens: '2024-07-08T08:00', closes: '2024-07-12T23:59' }, directedHours: checkIn15.directedHours, alsoMarks: checkIn15.alsoMarks ?? [] },
  }));
  if (moved?.kind !== 'applied') throw new Error(`seeding the schedule edit failed: ${JSON.stringify(moved)}`);
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
    // A bot registration, so the tab's "Open the chat" has the bot's chat to link to.
    BOT_ID: E2E_BOT_ID,
  };
  const origin = (await startChildServer(env)) ?? (await startInProcessServer(env));
  const laterEnv = { ...env, PGTEAMS_CLOCK: LATER.toISOString() };
  const laterOrigin = (await startChildServer(laterEnv)) ?? (await startInProcessServer(laterEnv));
  const tokenFor = (p: Person, now: Date) =>
    identity.signToken({ oid: p.entraObjectId!, tid: p.organisationId, name: p.displayName, preferred_username: p.email }, { now });
  /** Everyone signs in to the server whose clock fits their trust's cycle. */
  const siteOf = (p: Person) => (p === tom || p === gina ? { origin: laterOrigin, now: LATER } : { origin, now: NOW });

  // 4. Chromium (the harness's: the test token is read from localStorage as each page loads).
  const { context, page, pageErrors } = await launchChromium({ acceptDownloads: true });

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
  // The guide: Write → Propose → Agreed, how many are agreed, and the one thing to do next.
  const guide = page.getByRole('region', { name: /of 3 agreed$/ });
  check((await guide.getByRole('heading', { name: '0 of 3 agreed' }).count()) === 1, 'the guide says 0 of 3 agreed');
  check(await guide.getByText('Next: Write your first objective: Impact on Trust.').isVisible(), 'the guide says what to do next: write the first objective');
  await page.getByRole('button', { name: 'Write your Impact on Trust objective' }).click();
  check(await page.getByRole('complementary', { name: 'Objective checklist' }).isVisible(), 'the objectives checklist is shown while writing');
  // On a phone the checklist comes before the form (not below Save), and nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const checklistBox = await page.getByRole('complementary', { name: 'Objective checklist' }).boundingBox();
  const saveBox = await page.getByRole('button', { name: 'Save and propose' }).boundingBox();
  const editorWidth = await pageScrollWidth(page);
  check(checklistBox !== null && saveBox !== null && checklistBox.y < saveBox.y, 'at 390 px the objective checklist sits above the form, not below Save');
  check(editorWidth <= 390, `no horizontal scroll in the objective editor at 390 px (${editorWidth} px wide)`);
  await screenshotAndAxe(page, 'rock-editor', 'phone');
  await page.setViewportSize({ width: 1100, height: 800 });
  const bank = page.getByRole('complementary', { name: 'Key words and phrases' });
  check(await bank.getByText('From the objectives bank').isVisible(), 'the objectives bank is shown while writing');
  check((await bank.getByRole('button', { name: 'Contribute to Trust pillar …' }).count()) === 1 && (await bank.getByRole('button', { name: 'Share good practice with …' }).count()) === 0, "the bank lists this slot's phrases, not another slot's");
  await bank.getByRole('button', { name: 'Contribute to Trust pillar …' }).click();
  check((await page.getByRole('textbox', { name: /^Description/ }).inputValue()) === 'Contribute to Trust pillar …', 'choosing a bank phrase adds it to the description');
  check(await page.getByText('demonstrates a clear link to the Trust Priorities').isVisible(), 'the checklist lines for Impact on Trust are shown');
  check((await page.getByText('demonstrates a clear link to supporting others').count()) === 0, 'other slots’ checklist lines are not');
  const criterion1 = page.getByRole('textbox', { name: 'Success criterion 1', exact: true });
  const shortHeight = (await criterion1.boundingBox())?.height ?? 0;
  await criterion1.fill('Every class has a reading buddy by February half term, and every buddy pair has met at least four times, with a short note of what they read together each time');
  const tallHeight = (await criterion1.boundingBox())?.height ?? 0;
  check((await criterion1.evaluate((el) => (el as { tagName: string }).tagName)) === 'TEXTAREA' && tallHeight > shortHeight, `a success criterion box grows with its text (${shortHeight} → ${tallHeight} px)`);
  await criterion1.fill('Every class has a reading buddy by February half term');
  await page.getByRole('button', { name: 'Save and propose' }).click();
  check(await page.getByText('Give your objective a title.').isVisible(), 'a missing title is explained next to the field');
  check((await page.getByRole('textbox', { name: 'Success criterion 1', exact: true }).inputValue()) === 'Every class has a reading buddy by February half term', 'what was typed is kept after a failed save');

  const title = 'Develop the common thinking language across KS2';
  await page.getByRole('textbox', { name: /^Title/ }).fill(title);
  check((await page.getByText('Give your objective a title.').count()) === 0, "the title's error clears once a title is typed");
  await page.getByRole('textbox', { name: /^Description/ }).fill('Through thinking maps in every KS2 class, in order to give pupils a shared language.');
  await page.getByRole('checkbox', { name: /^1a/ }).check();
  check((await page.getByText(/\(1 chosen\)$/).count()) === 1, 'the alignment legend counts what is chosen, without listing codes');
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
  await page.getByRole('button', { name: 'Save and propose' }).click();
  await page.getByText('say how you will measure it').waitFor();
  check(true, 'a problem+json field error is shown next to success criterion 3');
  check((await page.getByRole('textbox', { name: /^Title/ }).inputValue()) === title && (await page.getByRole('textbox', { name: 'Success criterion 3', exact: true }).inputValue()) !== '', 'the form keeps everything after the server refused it');
  await page.getByRole('textbox', { name: 'Success criterion 3', exact: true }).fill('Pupil voice: 9 in 10 pupils can name the maps by Easter');
  check((await page.getByText('say how you will measure it').count()) === 0, "the server's field error clears as that criterion is fixed");
  await page.getByRole('button', { name: 'Save and propose' }).click();
  const rockCard = page.locator('article[data-rock-id]').filter({ hasText: title });
  await rockCard.waitFor();
  await rockCard.getByText('Awaiting agreement').waitFor();
  check(await page.getByRole('status').filter({ hasText: "Proposed to Rita Reviewer. They'll be asked to agree it." }).isVisible(), '"Save and propose" saves and proposes in one go, and the confirmation names Rita Reviewer');
  check(await rockCard.getByText(/Target Fri,? 9 Feb 2024/).isVisible(), 'target dates read the en-GB way');
  // A proposed objective's criteria are for reading (the reviewer agrees them): a list in the body colour, not pale disabled boxes.
  const criterionItem = rockCard.getByRole('listitem').filter({ hasText: 'Every class has a reading buddy' });
  const contrast = await criterionItem.locator('span').first().evaluate((el) => {
    const view = globalThis as unknown as { getComputedStyle(e: unknown): { color: string } };
    const [r, g, b] = (view.getComputedStyle(el).color.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).map(Number).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 1.05 / (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0) + 0.05);
  });
  check((await rockCard.getByRole('checkbox').count()) === 0 && contrast >= 4.5, `criteria on a proposed objective are a readable list, not disabled checkboxes (contrast ${contrast.toFixed(1)}:1 on white)`);
  const alignmentItem = rockCard.getByRole('listitem').filter({ hasText: 'Thinking Journey' });
  check((await alignmentItem.count()) === 1 && (await alignmentItem.textContent())?.startsWith('1a — Ensure all our schools') === true, 'the alignment reads as the pillar and its words (no internal key)');
  check(await guide.getByText('Next: Write your second objective: Impact on Others.').isVisible(), 'the guide moves on: write the second objective');
  const rockId = (await rockCard.getAttribute('data-rock-id')) ?? '';

  // Alice starts a thread on her objective.
  await rockCard.getByRole('button', { name: 'Feedback (0)' }).click();
  await rockCard.getByLabel('Reply').fill('Rita, is three learning walks enough evidence?');
  await rockCard.getByRole('button', { name: 'Send reply' }).click();
  await rockCard.getByRole('listitem').filter({ hasText: 'is three learning walks enough evidence?' }).waitFor();
  await rockCard.getByRole('button', { name: 'Hide feedback' }).click();
  await rockCard.getByRole('button', { name: 'Feedback (1)' }).waitFor();
  check(true, "Alice posts on her objective's feedback thread, and it counts 1");

  // Save and propose when the propose step fails: the draft is kept and the page says so.
  await page.getByRole('button', { name: 'Write your Impact on Self objective' }).click();
  const selfTitle = 'Complete the middle leaders course';
  await page.getByRole('textbox', { name: /^Title/ }).fill(selfTitle);
  await page.getByRole('textbox', { name: 'Success criterion 1', exact: true }).fill('All six sessions attended by June');
  await page.route('**/api/v1/rocks/*/propose', (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Service unavailable', status: 503 }) }), { times: 1 });
  await page.getByRole('button', { name: 'Save and propose' }).click();
  const selfCard = page.locator('article[data-rock-id]').filter({ hasText: selfTitle });
  await selfCard.waitFor();
  check(
    (await selfCard.locator('.fui-Badge').getByText('Draft', { exact: true }).isVisible()) && (await page.getByRole('status').filter({ hasText: 'is saved as a draft, but it was not proposed' }).isVisible()),
    'when the propose step fails the objective is kept as a draft and the message says it was not proposed',
  );
  check(await guide.getByText(`Next: Propose “${selfTitle}” to Rita Reviewer.`).isVisible(), 'the guide then asks to propose the draft to Rita Reviewer');

  // ---- Alice's check-ins: timeline, on-time rate, chart, a reviewer's response, the thread.
  await page.getByRole('tab', { name: 'Check-ins' }).click();
  await page.getByRole('heading', { name: 'How often do you submit on time?' }).waitFor();
  const timeline = page.getByRole('region', { name: /cycle$/ });
  // Issue 15: the timeline leads with what is next, the open one prominent, the past below, the rest of the year folded.
  check(await timeline.getByText('Next: Check in 7 opens Mon 5 Feb', { exact: true }).isVisible(), 'the timeline leads with what is next: "Next: Check in 7 opens Mon 5 Feb"');
  for (const [list, entry, state] of [
    ['Open now', 'Check in 6', 'Open now'],
    ['Coming up', 'Check in 7', 'Upcoming'],
    ['Earlier this year', 'Check in 1', 'On time'],
    ['Earlier this year', 'Check in 2', 'Late'],
    ['Earlier this year', 'Check in 3', 'Missed'],
  ] as const) {
    const item = timeline.getByRole(list === 'Open now' ? 'group' : 'list', { name: list }).getByRole('listitem').filter({ has: page.getByText(entry, { exact: true }) });
    check((await item.getByText(state, { exact: true }).count()) === 1, `timeline: ${entry} is ${state.toLowerCase()} (under "${list}")`);
  }
  const later = timeline.getByText('8 more this year', { exact: true });
  check((await later.isVisible()) && !(await timeline.getByText('Check in 8', { exact: true }).isVisible()), 'the rest of the year is folded away: "8 more this year"');
  await later.click();
  check(await timeline.getByRole('list', { name: 'Later this year' }).getByText('Check in 15', { exact: true }).isVisible(), 'opening "8 more this year" lists the later check-ins');
  check(await page.getByText(/^\d+%$/).isVisible(), `on-time rate shown (${await page.getByText(/^\d+%$/).textContent()})`);
  check((await page.locator('svg[role="img"] circle').count()) === 4, 'the score chart plots the four submitted scores');
  check(await page.getByText('8/10, up 1', { exact: true }).isVisible(), 'the chart\'s headline: "8/10, up 1" (latest against the one before)');
  check((await page.locator('svg[role="img"] text').allTextContents()).filter((t) => ['6', '7', '8'].includes(t)).length >= 4 && (await page.locator('svg[role="img"] text', { hasText: '#5' }).count()) === 1, 'each point is labelled with its score, the x axis with the check-in number');
  check(/from 6 \(Check in 1\) to 8 \(Check in 5\)/.test((await page.locator('svg[role="img"]').getAttribute('aria-label')) ?? ''), 'the chart describes its trend to a screen reader');
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
  const received = page.getByRole('list', { name: 'Praise received' });
  await received.getByText('From Sam Singh').waitFor();
  const praiseItems = await received.getByRole('listitem').allTextContents();
  check(praiseItems[0]?.includes('Sam Singh') === true && praiseItems[1]?.includes('Rita Reviewer') === true, 'praise received, newest first');
  const firstCard = received.locator('[data-thank-you]').first();
  check((await firstCard.locator('.fui-Avatar').allTextContents()).join(' ') === 'SS AA', 'a thank-you card shows the giver → recipient as avatars with initials (Sam Singh → Alice Adams)');
  check((await page.getByRole('tab', { name: /Everyone/ }).count()) === 0, "no trust-wide praise wall: the policy names none, so only received and given");

  // A thanks Alice wrote in check-in 5 without choosing whom waits here: she picks Sam and sends it.
  const pendingThanks = page.getByRole('group', { name: 'Thanks: Thanks for lending me the visualiser all week.' });
  check(await pendingThanks.isVisible(), 'a thanks left without a colleague in a check-in waits in the Praise view');
  await pendingThanks.getByRole('button', { name: 'Send thanks' }).click();
  check(await pendingThanks.getByText("Choose who you're thanking, or discard it.").isVisible(), 'sending a waiting thanks with nobody chosen says what to do');
  await pendingThanks.getByRole('combobox', { name: /Whom would you like to thank/ }).fill('Sam');
  await page.getByRole('option', { name: /Sam Singh/ }).click();
  check((await pendingThanks.getByText("Choose who you're thanking, or discard it.").count()) === 0, 'the problem clears once a colleague is chosen');
  await pendingThanks.getByRole('button', { name: 'Send thanks' }).click();
  await page.getByText('Sent to Sam Singh.').waitFor();
  check(true, 'the waiting thanks went to the colleague chosen');

  // Alice praises Sam from the tab, picking him from the directory.
  const give = page.getByRole('region', { name: 'Say thank you' });
  await give.getByRole('button', { name: 'Send thanks' }).click();
  check(await give.getByText("Choose who you're thanking.").isVisible() && (await give.getByText('Say what you are thanking them for.').isVisible()), 'sending with nobody chosen and no words says what is missing, beside each field');
  const whom = give.getByRole('combobox', { name: /Who would you like to thank/ });
  await whom.fill('Al');
  await page.getByRole('option', { name: 'No colleague matches “Al”' }).waitFor();
  check((await page.getByRole('option', { name: /Alice Adams/ }).count()) === 0, 'the colleague search never offers yourself');
  await whom.fill('Sa');
  const samOption = page.getByRole('option', { name: /Sam Singh/ });
  await samOption.waitFor();
  check(await samOption.getByText('Hilltop Primary').isVisible(), "the colleague search shows each colleague's school");
  await samOption.click();
  check((await give.getByText("Choose who you're thanking.").count()) === 0 && (await give.getByRole('listbox', { name: 'Who would you like to thank?: chosen' }).getByRole('option', { name: /Sam Singh/ }).count()) === 1, 'Sam is picked (a tag, removable with Backspace or a click) and the problem cleared');
  await give.getByRole('textbox', { name: /What for/ }).fill('Thank you for running the Year 5 trip so calmly.');
  await give.getByRole('button', { name: 'Send thanks' }).click();
  await give.getByText('Thank you — Sam Singh will see your thanks.').waitFor();
  check((await give.getByRole('textbox', { name: /What for/ }).inputValue()) === '', 'praise sent from the tab; the form is ready for the next thank-you');
  const given = page.getByRole('list', { name: 'Praise given' });
  await given.getByText('Thank you for running the Year 5 trip so calmly.').waitFor();
  const givenCards = await given.locator('[data-thank-you]').allTextContents();
  check(givenCards.length === 3 && givenCards.every((c) => c.includes('To Sam Singh')), `the given wall shows one card per thank-you: the trip, the visualiser, the library display (${givenCards.length})`);
  check(givenCards[0]?.includes('Year 5 trip') === true && givenCards.some((c) => c.includes('visualiser')), 'newest first, and the thanks from the check-in is on the wall');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const wider = await widerThanViewport(page, 'main');
  check(wider.length === 0, `the Praise view fits 390 px without scrolling sideways${wider.length ? `: ${wider.join(', ')}` : ''}`);
  const pageWide = await widerThanViewport(page, 'body');
  if (pageWide.length > 0) console.log(`     at 390 px, outside the Praise view, wider than the page: ${pageWide.join(', ')}`);
  await page.screenshot({ path: join(results, 'tab-praise-phone-light.png'), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 800 });

  // ---- Rita, the reviewer: the team's figures, what needs her, a gentle reminder, agree the rock,
  // acknowledge and reply to Sam's check-in in one action, acknowledge two at once, Alice's page.
  await signInAs(rita);
  // A link that names no section opens a reviewer's first one: My team.
  await open('');
  await page.getByRole('tab', { name: 'My team', selected: true }).waitFor();
  check((await page.getByRole('navigation', { name: 'Sections' }).getByRole('tab').first().textContent()) === 'My team', 'reviewer navigation starts with My team, where the tab opens');
  await open('#/team');
  await page.getByRole('heading', { name: 'Alice Adams' }).waitFor();
  check(await page.getByRole('tab', { name: 'My team' }).isVisible(), '"My team" shown to a reviewer');
  const summary = page.getByRole('region', { name: /^Check in 6 · open until/ });
  const figures = (await summary.textContent()) ?? '';
  check(figures.includes('1 of 2 checked in · 4 to acknowledge · 1 objective to agree'), `the team summary: "1 of 2 checked in · 4 to acknowledge · 1 objective to agree" for check-in 6 (${figures})`);
  const needsRita = page.getByRole('region', { name: 'Needs me' });
  check((await needsRita.getByRole('checkbox').count()) === 4 && (await needsRita.getByRole('link', { name: "Read and agree Alice's objective" }).count()) === 1, 'Needs me lists the four check-ins to acknowledge and the objective to agree');
  const aliceSection = page.getByRole('region', { name: 'Alice Adams' });
  const samSection = page.getByRole('region', { name: 'Sam Singh' });
  check(await aliceSection.getByText('Not checked in yet').isVisible(), 'Alice has not checked in for the open check-in');
  check(await samSection.getByText('3 awaiting acknowledgement').isVisible(), "Sam's three check-ins await acknowledgement");
  check(await aliceSection.getByText('Objectives to agree').isVisible(), "Alice's objective awaits agreement");
  check(await aliceSection.getByText('Objectives: 0 agreed of 2 written').isVisible(), "Alice's card counts her objectives (the proposed one and the draft): 0 agreed of 2 written");
  await aliceSection.getByRole('button', { name: 'Send a gentle reminder' }).click();
  await aliceSection.getByText(/^Reminder sent/).waitFor();
  check(true, 'a gentle reminder to Alice, who has not checked in: the button then reads "Reminder sent"');
  await screenshotAndAxe(page, 'team', 'light');
  const teamRock = aliceSection.locator(`article[data-rock-id="${rockId}"]`);
  await teamRock.getByRole('button', { name: 'Agree', exact: true }).click();
  await teamRock.getByLabel('Comment (optional)').fill('Agreed — a strong link to pillar 1a.');
  await teamRock.getByRole('button', { name: 'Agree objective' }).click();
  await teamRock.locator('.fui-Badge').getByText('Agreed', { exact: true }).waitFor();
  check(true, 'the reviewer agreed the objective inline');
  await teamRock.getByRole('button', { name: 'Feedback (1)' }).click();
  await teamRock.getByText('is three learning walks enough evidence?').waitFor();
  await teamRock.getByLabel('Reply').fill('Three is fine if they are spread across the year.');
  await teamRock.getByRole('button', { name: 'Send reply' }).click();
  await teamRock.getByRole('listitem').filter({ hasText: 'spread across the year' }).waitFor();
  check(true, "Rita sees Alice's feedback thread on the objective in her team view, and replies");
  await open('#/team');
  await aliceSection.getByText(/^Reminder sent/).waitFor();
  check(await aliceSection.getByText('Objectives: 1 agreed of 2 written').isVisible(), 'after a reload: "Reminder sent" stays, and the agreed objective still counts (1 agreed of 2 written)');

  // Sam's check-in 6, opened from Needs me: one form — an optional reply about one answer, one button.
  await needsRita.getByRole('button', { name: "Read Sam Singh's Check in 6" }).click();
  const samPanel = needsRita.getByRole('article', { name: 'Sam Singh: Check in 6' });
  await samPanel.waitFor();
  check((await samPanel.getByRole('textbox').count()) === 1 && (await samPanel.getByRole('button', { name: 'Acknowledge', exact: true }).isVisible()), 'one reply box and one "Acknowledge" button while the reply is empty');
  const progress = samPanel.getByText('Buddies matched for Year 3 and Year 5');
  const progressWidth = (await progress.boundingBox())?.width ?? 0;
  check(progressWidth > 500, `the rock progress answer is not squeezed by the long objective title (${Math.round(progressWidth)} px wide)`);
  await page.setViewportSize({ width: 390, height: 844 });
  const phoneWidth = await pageScrollWidth(page);
  check(phoneWidth <= 390, `at 390 px the check-in panel with its answer dropdown does not scroll sideways (${phoneWidth} px)`);
  await page.screenshot({ path: join(results, 'tab-team-check-in-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 800 });
  await samPanel.getByRole('textbox', { name: /^Your reply to Sam/ }).fill('Thanks Sam, great week.');
  await samPanel.getByRole('combobox', { name: /^About which answer/ }).selectOption({ label: 'What went well' });
  await samPanel.getByRole('button', { name: 'Acknowledge and reply' }).click();
  await samPanel.getByText(/Acknowledged by Rita Reviewer/).waitFor();
  check(await samPanel.getByText('Thanks Sam, great week.').first().isVisible() && (await samPanel.getByText('Rita Reviewer on What went well').isVisible()), "acknowledged and replied in one action, the reply about Sam's What went well");
  check((await samPanel.getByRole('textbox', { name: /^Your reply/ }).count()) === 0 && (await samPanel.getByRole('textbox', { name: 'Reply' }).isVisible()), 'afterwards, further replies go to the feedback thread');

  // Two at once: Sam's check-ins 4 and 5.
  await needsRita.getByRole('checkbox', { name: /^Sam Singh · Check in 4/ }).check();
  await needsRita.getByRole('checkbox', { name: /^Sam Singh · Check in 5/ }).check();
  await needsRita.getByRole('button', { name: 'Acknowledge 2 selected' }).click();
  await needsRita.getByRole('status').filter({ hasText: '2 check-ins acknowledged.' }).waitFor();
  await samSection.getByText(/awaiting acknowledgement/).waitFor({ state: 'detached' });
  check((await needsRita.getByRole('checkbox').count()) === 1, 'acknowledged two check-ins at once; only Alice’s is left in Needs me');

  // Alice's page, one click from her card: her objectives (the agreed one kept), her check-ins, her review.
  await aliceSection.getByRole('link', { name: 'Alice Adams', exact: true }).click();
  await page.getByRole('heading', { name: 'Alice Adams', level: 2 }).waitFor();
  const aliceRocks = page.getByRole('region', { name: 'Objectives' });
  await aliceRocks.locator(`article[data-rock-id="${rockId}"]`).locator('.fui-Badge').getByText('Agreed', { exact: true }).waitFor();
  check(await aliceRocks.getByText('1 agreed of 2 written').isVisible(), "Alice's page keeps her agreed objective (1 agreed of 2 written)");
  const aliceCheckIns = page.getByRole('region', { name: 'Check-ins' });
  await aliceCheckIns.getByRole('link', { name: 'Open Check in 5' }).waitFor();
  check((await aliceCheckIns.getByText('Open now').count()) === 1 && (await aliceCheckIns.getByText('Missed').count()) === 1 && (await aliceCheckIns.getByRole('link', { name: /^Open Check in/ }).count()) === 4, 'her check-in timeline: check-in 6 open now, check-in 3 missed, four to open');
  check((await page.getByRole('region', { name: 'Reviews' }).getByRole('link', { name: 'Reflection on last year' }).count()) === 1, 'and a link to her review');
  await screenshotAndAxe(page, 'team-person', 'light');
  await page.setViewportSize({ width: 390, height: 844 });
  const personWidth = await pageScrollWidth(page);
  check(personWidth <= 390, `at 390 px Alice's page does not scroll sideways (${personWidth} px)`);
  await page.screenshot({ path: join(results, 'tab-team-person-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 800 });
  await open(`#/team/${priya.id}`);
  await page.getByRole('heading', { name: 'Not in your team', level: 2 }).waitFor();
  check(true, 'someone Rita does not review: "Not in your team"');

  // From Alice's page to her check-in 5 (as the deep link checkin:<id> opens it): acknowledged, then a reply in the thread.
  await open(`#/team/${alice.id}`);
  await page.getByRole('region', { name: 'Check-ins' }).getByRole('link', { name: 'Open Check in 5' }).click();
  await page.getByRole('heading', { name: 'Alice Adams: Check in 5' }).waitFor();
  check(page.url().endsWith(`#/check-ins/${aliceLast.id}`), "Open Check in 5 leads to #/check-ins/<id>, the deep link's route");
  await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await page.getByText(/Acknowledged by Rita Reviewer/).waitFor();
  await page.getByLabel('Reply').fill('Great to see your score rising, Alice.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Great to see your score rising' }).waitFor();
  check(true, "Alice's check-in opened for her reviewer, who acknowledges and replies in the thread");

  // ---- Alice again: the agreed rock, a done tick, history, the deep link rock:<id>.
  await signInAs(alice);
  await open(`#/rocks/${rockId}`);
  const linked = page.locator(`article[data-rock-id="${rockId}"]`);
  await linked.locator('.fui-Badge').getByText('Agreed', { exact: true }).waitFor();
  check((await page.getByRole('heading', { name: '1 of 3 agreed' }).count()) === 1, 'the guide now says 1 of 3 agreed');
  await linked.getByText('Three is fine if they are spread across the year.').waitFor().catch(() => undefined);
  check(await linked.getByText('Three is fine if they are spread across the year.').isVisible(), "the deep-linked objective opens with its feedback thread, Rita's reply in it");
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
  // Issue 16: Rita's team view opened Alice's objectives; Alice sees who looked, in what part.
  await open('#/reports');
  const looked = page.getByRole('region', { name: 'Who has looked at my record' });
  await looked.getByRole('cell', { name: 'Rita Reviewer' }).first().waitFor();
  check(await looked.getByRole('cell', { name: 'your reviewer' }).first().isVisible(), 'Reports: "Who has looked at my record" lists Rita Reviewer, as your reviewer');

  // ---- Alice checks in from the tab (issue 15): the banner above every view, the card's questions,
  // a refused send that keeps what she typed, then edits it while the window is open.
  await open('#/check-ins');
  const banner = page.getByRole('region', { name: 'Check in 6 is open' });
  await banner.waitFor();
  check(/Check in 6 · open now · closes Friday 23:59 \(in 2 days 11 hours\)/.test((await banner.textContent()) ?? ''), `the banner shows the open check-in with a countdown (${await banner.locator('.fui-Text').first().textContent()})`);
  check((await banner.getByRole('link', { name: 'Open the chat' }).getAttribute('href')) === `https://teams.microsoft.com/l/chat/0/0?users=28%3A${E2E_BOT_ID}`, "Open the chat links to the bot's one-to-one chat");
  await banner.getByRole('button', { name: 'Check in here' }).click();
  const form = banner.getByRole('form', { name: /^Check in 6/ });
  await form.waitFor();
  await screenshotAndAxe(page, 'check-in-form', 'light');
  const tooLong = 'Reading buddies started in every class and the Year 5 readers now meet twice a week. '.repeat(13);
  await form.getByRole('textbox', { name: /^What went well/ }).fill(tooLong);
  await form.getByRole('textbox', { name: /^Even better if/ }).fill('Even better if the buddies had a reading log.');
  await form.getByRole('textbox', { name: new RegExp(`^Objective 1: ${title}`) }).fill('Thinking maps in 3 of 8 KS2 classes.');
  await form.getByLabel('Score out of 10').selectOption('8');
  await form.getByRole('button', { name: 'Send check-in' }).click();
  await form.getByText('keep it under 1000 characters').waitFor();
  check(true, 'a refused send shows the field error next to What went well');
  check(
    (await form.getByRole('textbox', { name: /^What went well/ }).inputValue()) === tooLong &&
      (await form.getByRole('textbox', { name: /^Even better if/ }).inputValue()) === 'Even better if the buddies had a reading log.' &&
      (await form.getByLabel('Score out of 10').inputValue()) === '8',
    'everything typed is kept after the refusal',
  );
  await form.getByRole('textbox', { name: /^What went well/ }).fill('Reading buddies started in every class.');
  check((await form.getByText('keep it under 1000 characters').count()) === 0, 'the field error clears as soon as the answer is fixed');
  await form.getByRole('button', { name: 'Send check-in' }).click();
  await banner.getByText('Check in 6 · Checked in · Edit until Friday 23:59').waitFor();
  check(await banner.getByText('Sent to Rita Reviewer. You can edit it until Friday 23:59.').isVisible(), 'sent: the banner says checked in, with Edit until the close');
  const openEntry = timeline.getByRole('group', { name: 'Open now' });
  await openEntry.getByText(/score 8\/10/).waitFor();
  check(await openEntry.getByText('On time · open', { exact: true }).isVisible(), 'the timeline shows check-in 6 sent on time, still open to edit');
  // Edit: a lost connection keeps what she typed; sent again, the answer changes.
  await banner.getByRole('button', { name: 'Edit' }).click();
  check((await form.getByRole('textbox', { name: /^What went well/ }).inputValue()) === 'Reading buddies started in every class.', 'Edit opens the form with what was sent');
  await form.getByLabel('Score out of 10').selectOption('9');
  await form.getByRole('textbox', { name: /^What’s next|^What's next/ }).fill('Share the buddy scheme at the phase meeting.');
  await page.route('**/api/v1/check-ins', (route) => route.abort('internetdisconnected'), { times: 1 });
  await form.getByRole('button', { name: 'Save changes' }).click();
  await form.getByText('Not sent: Professional Growth could not be reached.').waitFor();
  check((await form.getByLabel('Score out of 10').inputValue()) === '9' && (await form.getByRole('textbox', { name: /^What’s next|^What's next/ }).inputValue()) !== '', 'a network error keeps the edit on screen');
  await page.setViewportSize({ width: 390, height: 844 });
  const formWidth = await pageScrollWidth(page);
  check(formWidth <= 390, `the check-in form fits a 390 px phone without scrolling sideways (${formWidth} px)`);
  await page.screenshot({ path: join(results, 'tab-check-in-form-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 800 });
  await form.getByRole('button', { name: 'Save changes' }).click();
  await banner.getByText('Updated: Rita Reviewer sees your changes.').waitFor();
  await openEntry.getByText(/score 9\/10/).waitFor();
  check(true, 'the edit is saved (updated) and the timeline shows the new score');

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
  const pageWidth = await pageScrollWidth(page);
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
  const edits = page.getByRole('list', { name: 'Changes to this schedule' });
  await edits.waitFor();
  const editText = (await edits.getByRole('listitem').first().textContent()) ?? '';
  check(/^Moved Check in 15 from Mon 1 Jul to Mon 8 Jul — Priya Admin, 24 Jan/.test(editText), `the schedule lists its edits for a PG admin ("${editText}")`);

  // ---- Priya's Trust progress (issue 15): completion by school for check-in 6 (the figures of the
  // channel's status), the CSV downloads, the admin channel pointer; it fits a phone.
  await open('#/admin');
  await page.getByRole('heading', { name: 'Trust progress', level: 2 }).waitFor();
  const completion = page.getByRole('region', { name: 'Completion of Check in 6 by school' });
  await completion.waitFor();
  // What the database holds for check-in 6 now (Sam's seeded check-in, acknowledged by Rita above).
  const six = await repos.checkIns.listForEvent(org, eventIdFor(tenantId, cycleKey, 'check-in-6'));
  const hilltop = six.filter((c) => [rita.id, alice.id, sam.id].includes(c.personId));
  const onTime = hilltop.filter((c) => c.timeliness === 'on-time').length;
  const acked = hilltop.filter((c) => c.acknowledgement).length;
  const hilltopFigures = [3, 0, hilltop.length, onTime, hilltop.length - onTime, 3 - hilltop.length, acked, hilltop.length - acked].map(String);
  const rowCells = async (school: string, region = completion) => (await region.getByRole('row').filter({ has: page.getByRole('rowheader', { name: school }) }).locator('th, td').allTextContents()).map((t) => t.trim());
  const hilltopRow = await rowCells('Hilltop Primary');
  check(JSON.stringify(hilltopRow) === JSON.stringify(['Hilltop Primary', ...hilltopFigures]), `Trust progress: Hilltop Primary for check-in 6 is asked 3 · submitted ${hilltop.length} · on time ${onTime} · acknowledged ${acked} (${hilltopRow.join(' | ')})`);
  const central = await rowCells('Trust Central');
  check(JSON.stringify(central) === JSON.stringify(['Trust Central', '1', '0', '0', '0', '0', '1', '0', '0']), `Trust progress: Trust Central asked 1, nobody submitted yet (${central.join(' | ')})`);
  check(await page.getByText(`Trust: ${hilltop.length} of 4 checked in`).isVisible(), 'the trust total is headlined');
  check(await completion.getByRole('columnheader', { name: 'Not yet' }).isVisible(), 'while the window is open, not submitted reads "Not yet" (not "Missing")');
  const [schoolsFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Completion by school (CSV)' }).click()]);
  const schoolsCsv = await readFile((await schoolsFile.path())!, 'utf8');
  const schoolLines = schoolsCsv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  check(schoolsFile.suggestedFilename() === 'completion-by-school-check-in-6-2024-01-22.csv', `the by-school CSV downloads (${schoolsFile.suggestedFilename()})`);
  check(schoolsCsv.startsWith('\uFEFF') && schoolLines[0] === 'School,Asked,Prompted,Submitted,On time,Late,Not submitted yet,Acknowledged by reviewer,Awaiting acknowledgement', `the CSV has a BOM and its header (${schoolLines[0]})`);
  check(schoolLines.includes(['Hilltop Primary', ...hilltopFigures].join(',')), `the CSV row for Hilltop Primary matches the table (${schoolLines[1]})`);
  const [peopleFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Each person’s check-in \(CSV\)$/ }).click()]);
  const peopleLines = (await readFile((await peopleFile.path())!, 'utf8')).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  check(peopleLines[0] === 'Name,Email,School,Reviewer,Submitted at,Status,Acknowledged by reviewer' && peopleLines.includes('Sam Singh,sam@example.org,Hilltop Primary,Rita Reviewer,2024-01-23 16:00,On time,Yes'), `the per-person CSV downloads with Sam's row (${peopleLines.find((l) => l.startsWith('Sam')) ?? peopleLines[0]})`);
  await page.getByText(/^Downloaded completion-by-person-/).waitFor();
  const channel = page.getByRole('region', { name: 'In the PG admin channel' });
  check(await channel.getByText('No channel has been chosen yet.', { exact: false }).isVisible() && (await channel.getByText('cycle next', { exact: true }).isVisible()), 'the admin channel pointer: what to say there, and how to choose the channel');
  check(await channel.getByRole('link', { name: 'The trust’s policy' }).isVisible(), 'a link to the Policy view');
  await screenshotAndAxe(page, 'admin-progress', 'light');
  await page.getByRole('combobox', { name: 'Window' }).selectOption({ label: 'Check in 5 · 8 Jan' });
  const five = page.getByRole('region', { name: 'Completion of Check in 5 by school' });
  await five.waitFor();
  const fiveHilltop = (await repos.checkIns.listForEvent(org, eventIdFor(tenantId, cycleKey, 'check-in-5'))).filter((c) => [rita.id, alice.id, sam.id].includes(c.personId)).length;
  check((await five.getByRole('columnheader', { name: 'Missing' }).isVisible()) && (await rowCells('Hilltop Primary', five))[3] === String(fiveHilltop), `an earlier window: check-in 5 (closed) counts the missing, Hilltop Primary ${fiveHilltop} submitted`);
  await page.getByRole('combobox', { name: 'Window' }).selectOption({ label: 'Check in 6 · 22 Jan · open now' });
  await completion.waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  check(await page.getByRole('list', { name: 'Completion of Check in 6 by school' }).getByRole('heading', { name: 'Hilltop Primary' }).isVisible(), 'on a phone each school is a card of its figures');
  const adminWidth = await pageScrollWidth(page);
  check(adminWidth <= 390, `Trust progress fits a 390 px phone without scrolling sideways (${adminWidth} px)`);
  await page.screenshot({ path: join(results, 'tab-admin-progress-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 800 });

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
    ['admin', '#/admin', priya],
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
  const origin = await startServer({ PGTEAMS_CLOCK: NOW.toISOString(), ...env }, { requireApi: false });
  if (!origin) console.log('note: dist/bot/main.js does not serve /api/v1 yet (runtime.ts does not register the API routes); running the same app in-process instead');
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

/** How wide the page is laid out: more than the viewport means a horizontal scrollbar. */
async function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
}

/** Elements inside `scope` that reach past the viewport's right edge (a sideways scroll), described briefly. */
async function widerThanViewport(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((selector) => {
    type El = { getBoundingClientRect(): { right: number }; tagName: string; className: unknown; textContent: string | null };
    const doc = (globalThis as unknown as { document: { documentElement: { clientWidth: number }; querySelectorAll(s: string): El[] } }).document;
    const width = doc.documentElement.clientWidth;
    return Array.from(doc.querySelectorAll(`${selector} *`))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${(el.textContent ?? '').slice(0, 30)}"`);
  }, scope);
}

async function screenshotAndAxe(page: Page, name: string, theme: string, screenshot = true): Promise<void> {
  // test-results/tab-<name>-<theme>.png and axe, by test/e2e/harness.ts.
  await shotAndAxe(page, `tab-${name}-${theme}`, `${name} (${theme})`, screenshot);
}

run(main, { failureShot: 'tab-failure.png' });
