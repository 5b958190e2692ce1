// End-to-end, issue 15: every view each role can reach, in every theme, on a laptop and a phone.
// The real server (node dist/bot/main.js, AUTH_MODE=teams) on a real FerretDB, the tab in Debian
// Chromium signed in with the identity stand-in's tokens (test/e2e/harness.ts). Run by
// scripts/e2e-tab.mjs (`npm run e2e:tab`) after tab.ts.
//
// Roles, in a TSAT 2023-24 trust on the Wednesday of check-in 6's window (as tab.ts): a member of
// staff, a reviewer of three (two teachers and an ECT), a PG administrator, and the ECT herself
// (seed 000 §2 / seed 001: ECTs are not in the check-in process, shared/policy/eligibility.ts).
// And a TSFE 2026-27 trust on the Tuesday of check-in 2's window: its reviewer and PG
// administrator, whose policy adds the survey, career conversations, talent and moderation views.
//
// For each role the views come from the tab's own navigation (the tabs, and the items of a "More"
// menu where the phone layout has one), each opened by its hash (#/<view>). For each view × theme
// (light, dark, contrast) × size (1280×800, 390×844): wait until it settles (a heading, no spinner,
// no request in flight), a screenshot at test-results/roles/<role>-<view>-<theme>-<w>x<h>.png, and
// at 390 px a FAIL if the page scrolls sideways, naming the element that sticks out. axe-core runs
// once per view × theme, at 1280×800 (E2E_ROLES_AXE=both: at 390×844 too); in the light theme each
// view is checked once more at 390×844 with its disclosures (aria-expanded buttons) open. Then a view's chunk is
// made to fail to load: the page must say so with "Try again" (not go blank), and trying again
// once the network is back must show the view.
//
// E2E_ROLES=staff,reviewer runs only those roles (keys: staff, reviewer, admin, ect, tsfe-reviewer,
// tsfe-admin); the failed chunk load is always checked. With admin, a PG administrator's records
// retention (dry run, a legal hold put and lifted) and subject access (the HTML and JSON downloads,
// the erasure preview refused by the hold, the erasure) on Sam; with staff, Alice's own data from
// Reports (and, after the erasure, Sam's thanks from "A former colleague"). E2E_ROLES_SWEEP=off
// skips the view × theme × size sweep. Prints the views that scroll sideways, the
// serious axe violations, and "N screenshots, M axe runs" at the end.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page, Request } from 'playwright-core';
import { createLogger } from '../../bot/logger';
import type { UseCaseContext } from '../../bot/usecases/context';
import { importDirectory, parseDirectoryFile } from '../../bot/usecases/directory';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../../bot/usecases/organisations';
import { agreeRock, createRock, proposeRock } from '../../bot/usecases/rocks';
import { checkInSchema, praiseSchema, type Organisation, type Person, type Rock } from '../../shared/domain';
import { getPolicyPack } from '../../shared/policy';
import { isViewId, viewLabel, views as allViews, type ViewId } from '../../tab/src/routing/routes';
import {
  check,
  checkNoSidewaysScroll,
  counts,
  databaseUri,
  describeViolation,
  isSerious,
  launchChromium,
  openDatabase,
  openTab,
  run,
  runAxe,
  screenshot,
  serverEnv,
  signIn,
  startIdentity,
  startServer,
  type Overflow,
  type Site,
} from './harness';

/** Wednesday of TSAT check-in 6's window (Monday to Friday): earlier check-ins done or missed, later ones to come. */
const TSAT_NOW = new Date('2024-01-24T12:00:00.000Z');
/** Tuesday of TSFE check-in 2's window (Friday 27 Nov 2026 for six days). */
const TSFE_NOW = new Date('2026-12-01T12:00:00.000Z');
const THEMES = [
  ['default', 'light'],
  ['dark', 'dark'],
  ['contrast', 'contrast'],
] as const;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const AXE_AT_BOTH_SIZES = process.env.E2E_ROLES_AXE === 'both';
/** E2E_ROLES_SWEEP=off: only the navigation and the issue-16 flows, not every view × theme × size (quicker, while working on a flow). */
const SWEEP = process.env.E2E_ROLES_SWEEP !== 'off';
const LONG_ROCK =
  'Develop the common thinking language across Key Stage 2 so that every pupil can explain their reasoning in maths and science lessons';

/** Sam's check-in 5 answer, as typed: the HTML export must escape it, the JSON keep it exactly. */
const SAM_ANSWER = 'Phonics: <b>Set 2</b> sounds & "tricky" words — <script>alert(1)</script> stayed as text';

interface Role {
  key: string;
  who: string;
  person: Person;
  site: Site;
}

// ── Seeding, with the server's own use cases ────────────────────────────────────────────────

async function seedTsat(repos: UseCaseContext['repos']): Promise<Record<'staff' | 'reviewer' | 'admin' | 'ect' | 'subject', Person>> {
  const ctx: UseCaseContext = { repos, now: () => TSAT_NOW, logger: createLogger('silent') };
  const tenantId = randomUUID();
  const org = { organisationId: tenantId };
  const organisation = await ensureOrganisation(ctx, { organisationId: tenantId, policyId: 'tsat-2023-24' });
  const csv = [
    'name,email,objectId,school,role,reviewer,roles',
    `Rita Reviewer,rita@example.org,${randomUUID()},Hilltop Primary,leader,,`,
    `Alice Adams,alice@example.org,${randomUUID()},Hilltop Primary,teacher,rita@example.org,`,
    `Sam Singh,sam@example.org,${randomUUID()},Hilltop Primary,support,rita@example.org,`,
    `Ellie Evans,ellie@example.org,${randomUUID()},Hilltop Primary,ECT,rita@example.org,`,
    `Priya Admin,priya@example.org,${randomUUID()},Trust Central,leader,,pg-admin`,
  ].join('\n');
  await importDirectory(ctx, tenantId, parseDirectoryFile(csv, 'csv'));
  const byEmail = async (email: string) => {
    const found = await repos.people.findByEmail(org, email);
    if (!found) throw new Error(`seeded person ${email} not found`);
    return found;
  };
  const [rita, alice, sam, ellie, priya] = await Promise.all(['rita', 'alice', 'sam', 'ellie', 'priya'].map((k) => byEmail(`${k}@example.org`)));
  const cycleKey = getPolicyPack('tsat-2023-24').cycle.key;
  const cycleId = cycleIdFor(tenantId, cycleKey);
  // Alice: one objective agreed (a long title, as people write them), one proposed; Sam one draft.
  const aliceRocks = await seedRocks(ctx, { person: alice!, organisation }, rita!, [
    ['impact-on-trust', LONG_ROCK, 'agree'],
    ['impact-on-others', 'Run reading buddies with Year 2', 'propose'],
  ]);
  await seedRocks(ctx, { person: sam!, organisation }, rita!, [['impact-on-self', 'Complete the phonics training', 'draft']]);
  const submitted = async (who: Person, eventKey: string, at: string, score: number, acknowledged?: string, rockProgress: Array<{ rockId: string; rockTitle: string; progress: string }> = [], www = `Year 5 reading groups went well (${eventKey}).`) =>
    repos.checkIns.submit(
      org,
      checkInSchema.parse({
        id: randomUUID(),
        organisationId: tenantId,
        personId: who.id,
        cycleId,
        eventId: eventIdFor(tenantId, cycleKey, eventKey),
        answers: { www, ebi: 'Even better if I had planned the plenary.', whatsNext: 'Try exit tickets with Year 6.', score, rockProgress },
        submittedAt: new Date(at),
        timeliness: 'on-time',
        reviewerId: rita!.id,
        createdAt: new Date(at),
        updatedAt: new Date(at),
        ...(acknowledged ? { acknowledgement: { byPersonId: rita!.id, at: new Date(acknowledged) } } : {}),
      }),
    );
  await submitted(alice!, 'check-in-4', '2023-12-14T16:00:00Z', 7, '2023-12-18T09:00:00Z');
  // Progress on the long-titled objective: the reviewer's answers and reply must still fit a phone.
  await submitted(alice!, 'check-in-5', '2024-01-11T16:00:00Z', 8, undefined, [{ rockId: aliceRocks[0]!.id, rockTitle: LONG_ROCK, progress: 'Thinking frames are up in every KS2 classroom.' }]);
  // Sam's answer looks like markup: his downloaded page must show it as text (issue 16's subject access).
  await submitted(sam!, 'check-in-5', '2024-01-12T16:00:00Z', 6, undefined, [], SAM_ANSWER);
  await submitted(sam!, 'check-in-6', '2024-01-23T16:00:00Z', 7);
  await repos.praise.insert(org, [
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: sam!.id, toPersonId: alice!.id, message: 'Thank you for covering my Year 5 group at short notice.', createdAt: new Date('2024-01-23T16:00:00Z') }),
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: alice!.id, toPersonId: ellie!.id, message: 'Your display on the water cycle is wonderful.', createdAt: new Date('2024-01-11T16:00:00Z') }),
  ]);
  console.log(`seeded tsat-2023-24 (tenant ${tenantId}): Rita reviews Alice, Sam and Ellie (ECT, excluded), Priya is a PG administrator`);
  return { staff: alice!, reviewer: rita!, admin: priya!, ect: ellie!, subject: sam! };
}

async function seedRocks(
  ctx: UseCaseContext,
  owner: { person: Person; organisation: Organisation },
  reviewer: Person,
  rocks: Array<[slotId: string, title: string, to: 'draft' | 'propose' | 'agree']>,
): Promise<Rock[]> {
  const created: Rock[] = [];
  const criteria = [{ text: 'Every class has a reading buddy by February half term' }, { text: 'Pupil voice survey shows 80% enjoy the sessions' }];
  const alignment = owner.organisation.policy.alignment.options.slice(0, 1).map((o) => o.code);
  for (const [slotId, title, to] of rocks) {
    let rock = await createRock(ctx, owner, { slotId, title, description: 'Working with the English lead.', alignment, successCriteria: criteria });
    if (to !== 'draft') rock = await proposeRock(ctx, owner, rock.id, { version: rock.version });
    if (to === 'agree') rock = await agreeRock(ctx, { person: reviewer, organisation: owner.organisation }, rock.id, { version: rock.version, comment: 'Agreed — a great focus.' });
    created.push(rock);
  }
  return created;
}

async function seedTsfe(repos: UseCaseContext['repos']): Promise<Record<'reviewer' | 'admin', Person>> {
  const ctx: UseCaseContext = { repos, now: () => TSFE_NOW, logger: createLogger('silent') };
  const tenantId = randomUUID();
  const org = { organisationId: tenantId };
  const organisation = await ensureOrganisation(ctx, { organisationId: tenantId, policyId: 'tsfe-2026-27' });
  const csv = [
    'name,email,objectId,school,role,reviewer,roles',
    `Rhea Reid,rhea@tsfe.example.org,${randomUUID()},Penrose Academy,leader,,`,
    `Aisha Khan,aisha@tsfe.example.org,${randomUUID()},Penrose Academy,teacher,rhea@tsfe.example.org,`,
    `Ben Carter,ben@tsfe.example.org,${randomUUID()},Penrose Academy,support,rhea@tsfe.example.org,`,
    `Pat Admin,pat@tsfe.example.org,${randomUUID()},Trust Office,central,,pg-admin`,
  ].join('\n');
  await importDirectory(ctx, tenantId, parseDirectoryFile(csv, 'csv'));
  const byEmail = async (email: string) => {
    const found = await repos.people.findByEmail(org, email);
    if (!found) throw new Error(`seeded person ${email} not found`);
    return found;
  };
  const [rhea, aisha, pat] = await Promise.all(['rhea', 'aisha', 'pat'].map((k) => byEmail(`${k}@tsfe.example.org`)));
  await seedRocks(ctx, { person: aisha!, organisation }, rhea!, [['rock-1', LONG_ROCK, 'agree']]);
  console.log(`seeded tsfe-2026-27 (tenant ${tenantId}): Rhea reviews Aisha and Ben, Pat is a PG administrator`);
  return { reviewer: rhea!, admin: pat! };
}

// ── The page ────────────────────────────────────────────────────────────────────────────────

/** Requests the page has in flight (API calls, chunks), to know when a view has finished loading. */
function trackRequests(page: Page): () => number {
  const inFlight = new Set<Request>();
  page.on('request', (r) => inFlight.add(r));
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  return () => inFlight.size;
}

/** The view has settled: a heading in the main area, no spinner, and no request in flight for 300 ms. */
async function settle(page: Page, inFlight: () => number, label: string): Promise<boolean> {
  try {
    await page.waitForFunction(
      () => {
        /* eslint-disable @typescript-eslint/no-explicit-any -- the DOM, without DOM types here */
        const main = (globalThis as any).document.querySelector('main');
        const heading = main?.querySelector('h2');
        return Boolean(heading && heading.getClientRects().length > 0 && !main.querySelector('.fui-Spinner'));
        /* eslint-enable @typescript-eslint/no-explicit-any */
      },
      undefined,
      { timeout: 15_000, polling: 100 },
    );
    let quietSince = Date.now();
    const deadline = Date.now() + 10_000;
    while (Date.now() - quietSince < 300 && Date.now() < deadline) {
      if (inFlight() > 0) quietSince = Date.now();
      await page.waitForTimeout(50);
    }
    // A request that ended may have put a spinner back (a second query); wait for it once more.
    await page.locator('main .fui-Spinner').first().waitFor({ state: 'detached', timeout: 10_000 });
    return true;
  } catch {
    check(false, `${label}: settles (a heading in the main area, no spinner) within 15 s`);
    return false;
  }
}

/** Goes to `#/<view>` in the same document, as a click on the navigation would. */
async function goToView(page: Page, view: string): Promise<void> {
  await page.evaluate(
    (hash) =>
      new Promise<void>((done) => {
        /* eslint-disable @typescript-eslint/no-explicit-any -- the DOM, without DOM types here */
        const win = globalThis as any;
        win.location.hash = hash;
        win.requestAnimationFrame(() => win.requestAnimationFrame(() => done()));
        /* eslint-enable @typescript-eslint/no-explicit-any */
      }),
    `#/${view}`,
  );
}

const currentView = async (page: Page): Promise<string> => (await page.evaluate(() => String((globalThis as unknown as { location: { hash: string } }).location.hash))).replace(/^#\/?/, '').split('/')[0] ?? '';

/**
 * The views the navigation offers: each tab (its id is pg-tab-<view>; else clicked to read the
 * hash it leads to) and, where there is a "More" menu, each of its items (clicked in turn).
 */
async function navigationViews(page: Page): Promise<ViewId[]> {
  const found: ViewId[] = [];
  const add = (v: string) => {
    if (isViewId(v) && !found.includes(v)) found.push(v);
  };
  const tabs = page.getByRole('tab');
  for (let i = 0; i < (await tabs.count()); i++) {
    const tab = tabs.nth(i);
    const id = (await tab.getAttribute('id')) ?? '';
    const fromId = /^pg-tab-(.+)$/.exec(id)?.[1];
    if (fromId && isViewId(fromId)) add(fromId);
    else if (await tab.isVisible()) {
      await tab.click();
      add(await currentView(page));
    }
  }
  const more = page.getByRole('button', { name: /^More\b/ });
  if ((await more.count()) > 0 && (await more.first().isVisible())) {
    await more.first().click();
    const labels = (await page.getByRole('menuitem').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    await page.keyboard.press('Escape');
    // Choosing an item makes it the current tab (and may move another into the menu): by label, not position.
    for (const label of labels) {
      await more.first().click();
      const item = page.getByRole('menuitem', { name: label, exact: true });
      if ((await item.count()) === 0) {
        await page.keyboard.press('Escape');
        continue;
      }
      await item.click();
      add(await currentView(page));
      // Which sections fit as tabs depends on the open one: one may have left the menu for the row.
      for (const id of await page.getByRole('tab').evaluateAll((els) => els.map((el) => (el as unknown as { id: string }).id))) {
        const fromId = /^pg-tab-(.+)$/.exec(id)?.[1];
        if (fromId) add(fromId);
      }
    }
  }
  return found;
}

/**
 * Opens what the view folds away: each button in the main area with aria-expanded="false" that
 * does not open a menu or dialog (up to 6, first to last). How many it opened.
 */
async function openDisclosures(page: Page): Promise<number> {
  const closed = page.locator('main button[aria-expanded="false"]:not([aria-haspopup])');
  let opened = 0;
  for (let i = 0; i < 6; i++) {
    const n = await closed.count();
    if (n === 0) break;
    // Opening one may add more (a check-in inside a person): always the first still closed.
    const button = closed.first();
    if (!(await button.isVisible())) break;
    await button.click();
    const changed = await page
      .waitForFunction(
        (before) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('main button[aria-expanded="false"]:not([aria-haspopup])').length !== before,
        n,
        { timeout: 3_000 },
      )
      .then(() => true, () => false);
    opened++;
    // A button that stays "not expanded" is not a disclosure to go on clicking.
    if (!changed) break;
  }
  return opened;
}

// ── The run ─────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const began = Date.now();
  const uri = await databaseUri('roles');
  const dbName = `e2e_roles_${Date.now().toString(36)}`;
  const { repos } = await openDatabase(uri, dbName);
  const tsat = await seedTsat(repos);
  const tsfe = await seedTsfe(repos);
  const identity = await startIdentity();
  const env = serverEnv(uri, dbName, identity);
  const [tsatOrigin, tsfeOrigin] = await Promise.all([
    startServer({ ...env, PGTEAMS_CLOCK: TSAT_NOW.toISOString() }),
    startServer({ ...env, PGTEAMS_CLOCK: TSFE_NOW.toISOString() }),
  ]);
  const tsatSite = { origin: tsatOrigin!, now: TSAT_NOW };
  const tsfeSite = { origin: tsfeOrigin!, now: TSFE_NOW };
  const only = process.env.E2E_ROLES?.split(',');
  const roles: Role[] = [
    { key: 'staff', who: 'Alice (TSAT staff)', person: tsat.staff, site: tsatSite },
    { key: 'reviewer', who: 'Rita (TSAT reviewer of 3)', person: tsat.reviewer, site: tsatSite },
    { key: 'admin', who: 'Priya (TSAT PG admin)', person: tsat.admin, site: tsatSite },
    { key: 'ect', who: 'Ellie (TSAT ECT, excluded)', person: tsat.ect, site: tsatSite },
    { key: 'tsfe-reviewer', who: 'Rhea (TSFE reviewer)', person: tsfe.reviewer, site: tsfeSite },
    { key: 'tsfe-admin', who: 'Pat (TSFE PG admin)', person: tsfe.admin, site: tsfeSite },
  ].filter((r) => !only || only.includes(r.key));

  const { page, pageErrors } = await launchChromium({ width: SIZES[0].width, height: SIZES[0].height, acceptDownloads: true });
  const inFlight = trackRequests(page);
  const wide = SIZES[0];
  const phone = SIZES[1];
  const offenders: string[] = [];
  const axeFailures: string[] = [];
  const phoneFits = (overflow: Overflow, label: string) => {
    if (overflow.scrollWidth > overflow.clientWidth) offenders.push(`${label}: ${overflow.scrollWidth} px — ${overflow.offenders[0] ?? '?'}`);
  };
  const axe = async (label: string) => {
    const violations = await runAxe(page);
    const serious = violations.filter(isSerious);
    for (const v of violations) console.log(`     axe ${label}: ${describeViolation(v)}`);
    if (serious.length === 0) counts.axeClean++;
    else axeFailures.push(...serious.map((v) => `${label}: ${describeViolation(v)}`));
    check(serious.length === 0, `axe ${label}: no serious/critical violations (${violations.length} in total)`);
  };

  for (const role of roles) {
    const roleStart = Date.now();
    await signIn(page, identity, role.person, role.site);
    await page.setViewportSize(wide);
    await openTab(page, role.site.origin, '#/rocks');
    await settle(page, inFlight, `${role.key} rocks`);
    const atWide = await navigationViews(page);
    if (role.key === 'ect') {
      // The policy leaves ECTs out: told so, never "Missed" in red or a "0 %" on-time rate, and no banner asking them.
      await goToView(page, 'check-ins');
      await settle(page, inFlight, 'ect check-ins');
      const main = page.locator('main');
      check(
        (await main.getByText("You're not asked to do check-ins at the moment", { exact: false }).first().isVisible()) &&
          (await main.getByText('Missed', { exact: true }).count()) === 0 &&
          (await main.getByText(/^0 ?%$/).count()) === 0 &&
          (await page.getByRole('region', { name: /is open$/ }).count()) === 0,
        `${role.who}: check-ins say they are not asked — no "Missed", no "0 %", no check-in banner`,
      );
    }
    await page.setViewportSize(phone);
    await goToView(page, 'rocks');
    await settle(page, inFlight, `${role.key} rocks (390)`);
    const atPhone = await navigationViews(page);
    const missing = atWide.filter((v) => !atPhone.includes(v));
    check(missing.length === 0, `${role.who}: every view in the navigation at 1280 px is reachable from it at 390 px${missing.length ? ` (not: ${missing.join(', ')})` : ''}`);
    const views = [...new Set([...atWide, ...atPhone])].sort((a, b) => allViews.findIndex((v) => v.id === a) - allViews.findIndex((v) => v.id === b));
    console.log(`     ${role.who} sees ${views.length} views: ${views.join(', ')}`);
    if (!role.key.includes('admin')) {
      const adminOnly = views.filter((v) => v === 'privacy' || v === 'retention');
      check(adminOnly.length === 0, `${role.who}: neither "Subject access and erasure" nor "Records retention" is in the navigation${adminOnly.length ? ` (shown: ${adminOnly.join(', ')})` : ''}`);
    }

    for (const [theme, themeName] of SWEEP ? THEMES : []) {
      await page.setViewportSize(wide);
      await openTab(page, role.site.origin, `#/${views[0]}`, theme);
      for (const view of views) {
        const label = `${role.key} ${view} (${themeName})`;
        await goToView(page, view);
        for (const size of SIZES) {
          await page.setViewportSize(size);
          const sized = `${label} at ${size.width}×${size.height}`;
          if (!(await settle(page, inFlight, sized))) {
            await screenshot(page, `roles/${role.key}-${view}-${themeName}-${size.width}x${size.height}.png`);
            continue;
          }
          await screenshot(page, `roles/${role.key}-${view}-${themeName}-${size.width}x${size.height}.png`);
          if (size === phone) phoneFits(await checkNoSidewaysScroll(page, sized), `${role.key} ${view} (${themeName})`);
          if (size === wide || AXE_AT_BOTH_SIZES) await axe(sized);
        }
        // What opens in place (a check-in to acknowledge, a history, an accordion) must fit a phone
        // too: in the light theme, once more at 390×844 with the view's disclosures open.
        if (themeName === 'light') {
          const opened = await openDisclosures(page);
          if (opened === 0) continue;
          const sized = `${role.key} ${view} opened (light) at 390×844`;
          if (!(await settle(page, inFlight, sized))) continue;
          await screenshot(page, `roles/${role.key}-${view}-opened-light-390x844.png`);
          phoneFits(await checkNoSidewaysScroll(page, `${sized}, ${opened} section${opened === 1 ? '' : 's'} opened`), `${role.key} ${view} opened (light)`);
          await axe(sized);
        }
      }
    }
    console.log(`     ${role.who}: ${Math.round((Date.now() - roleStart) / 1000)} s`);
  }

  // Issue 16, after the sweep (an erasure changes what the other roles would see).
  const flows = { page, inFlight, identity, site: tsatSite, repos, axe, phoneFits };
  if (roles.some((r) => r.key === 'admin')) await adminDataRights(flows, tsat.admin, tsat.subject);
  if (roles.some((r) => r.key === 'staff')) await staffDownloadsOwnData(flows, tsat.staff, roles.some((r) => r.key === 'admin'));

  await failedChunkLoad(page, inFlight, pageErrors, tsatSite, identity, tsat.staff);
  check(pageErrors.length === 0, `no page errors${pageErrors.length ? `: ${[...new Set(pageErrors)].join('; ')}` : ''}`);

  console.log(`\n${offenders.length} views scroll sideways at 390×844:`);
  for (const o of offenders) console.log(`  - ${o}`);
  console.log(`${axeFailures.length} serious/critical axe violations:`);
  for (const a of axeFailures) console.log(`  - ${a}`);
  console.log(`${counts.screenshots} screenshots, ${counts.axeRuns} axe runs in ${Math.round((Date.now() - began) / 1000)} s`);
}

// ── Issue 16: records retention, subject access and erasure, my own data ───────────────────

interface Flows {
  page: Page;
  inFlight: () => number;
  identity: Awaited<ReturnType<typeof startIdentity>>;
  site: Site;
  repos: UseCaseContext['repos'];
  axe: (label: string) => Promise<void>;
  phoneFits: (overflow: Overflow, label: string) => void;
}

/** A screenshot at both sizes, axe at 1280×800 and no sideways scroll at 390×844, for the state the view is in. */
async function shotBothSizes(f: Flows, name: string, label: string): Promise<void> {
  await f.page.setViewportSize(SIZES[0]);
  await screenshot(f.page, `roles/${name}-1280x800.png`);
  await f.axe(`${label} at 1280×800`);
  await f.page.setViewportSize(SIZES[1]);
  await screenshot(f.page, `roles/${name}-390x844.png`);
  f.phoneFits(await checkNoSidewaysScroll(f.page, `${label} at 390×844`), label);
  await f.page.setViewportSize(SIZES[0]);
}

/** Clicks `button` and returns the text of the file the page downloads. */
async function downloaded(page: Page, button: ReturnType<Page['getByRole']>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

async function openRetention(f: Flows, label: string): Promise<void> {
  await openTab(f.page, f.site.origin, '#/retention');
  await settle(f.page, f.inFlight, label);
}

async function holdControl(f: Flows, person: Person, reason: string, action: 'Put on legal hold' | 'Lift the hold'): Promise<void> {
  const holds = f.page.getByRole('region', { name: 'Legal holds' });
  // "Sam Singh", or "Sam Singh · on hold" once held.
  const select = holds.getByRole('combobox', { name: 'Person' });
  await select.selectOption((await select.locator('option', { hasText: person.displayName }).first().getAttribute('value')) ?? person.displayName);
  await holds.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await holds.getByRole('button', { name: action }).click();
}

/** Picks `person` in the subject access view's directory search. */
async function pickSubject(f: Flows, person: Person): Promise<void> {
  await openTab(f.page, f.site.origin, '#/privacy');
  await settle(f.page, f.inFlight, 'admin privacy');
  await f.page.getByRole('combobox', { name: 'Person' }).fill(person.displayName.split(' ')[0]!);
  await f.page.getByRole('option', { name: new RegExp(`^${person.displayName}`) }).click();
  await f.page.getByRole('heading', { name: 'Subject access', exact: true }).waitFor();
}

/**
 * A PG administrator: the retention dry run (what goes and when), a legal hold put on Sam with a
 * reason (an empty reason refused beside the field) and lifted; Sam's data downloaded as a page
 * (his typed markup escaped) and as JSON; the erasure previewed, refused while the hold applies,
 * and made once the hold is lifted and his name typed. The database is checked after each step.
 */
async function adminDataRights(f: Flows, admin: Person, subject: Person): Promise<void> {
  const { page, repos } = f;
  const org = { organisationId: admin.organisationId };
  await signIn(page, f.identity, admin, f.site);
  await page.setViewportSize(SIZES[0]);
  await openRetention(f, 'admin retention');
  const report = await mainText(page);
  const coming = page.getByRole('region', { name: 'Coming next' });
  const comingText = (await coming.innerText()).replace(/\s+/g, ' ');
  check(/Records are kept 6 years from/.test(report) && /Nothing below has been deleted yet/.test(report), `retention: says how long records are kept and that nothing has been deleted ("${report.slice(report.indexOf('Records are kept'), report.indexOf('Records are kept') + 90)}…")`);
  check(/\d+ records? · destroyed on \w+, \d{1,2} \w+ 20(29|3\d)/.test(comingText) && /Check-ins: \d+/i.test(comingText), `retention: "Coming next" gives a count, the day they go and the check-ins among them ("${comingText.slice(0, 140)}")`);
  const dueText = (await page.getByRole('region', { name: 'Goes at the next nightly run' }).innerText()).replace(/\s+/g, ' ');
  check(/Nothing is past its retention date: the next records go on \w+, \d{1,2} \w+ 20(29|3\d)\./.test(dueText), `retention: nothing goes at the next run (the cycle is this year's), and it says when the first records will ("${dueText}")`);
  await shotBothSizes(f, 'admin-retention-report', 'admin retention report');

  // An empty reason: refused beside the field, nothing stored.
  await holdControl(f, subject, '   ', 'Put on legal hold');
  const reasonField = page.getByRole('textbox', { name: 'Reason' });
  const refused = await page.getByText('say why, in 1 to 500 characters').first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
  check(refused && (await reasonField.getAttribute('aria-invalid')) === 'true', 'retention: a hold without a reason is refused, "say why, in 1 to 500 characters" beside the Reason field');
  check((await repos.legalHolds.find(org, subject.id)) === null, 'retention: nothing held after the refused hold (database)');

  const reason = 'Employment tribunal claim ET/2024/0117 — keep everything until it is settled';
  await holdControl(f, subject, reason, 'Put on legal hold');
  await page.getByText(`${subject.displayName} is now on legal hold.`).waitFor();
  await page.getByRole('region', { name: 'Legal holds' }).getByText(reason, { exact: false }).waitFor();
  const heldText = (await page.getByRole('region', { name: 'Legal holds' }).locator('li').first().innerText()).replace(/\s+/g, ' ');
  check(heldText.startsWith(subject.displayName) && heldText.includes(`by ${admin.displayName}: ${reason}`), `retention: ${subject.displayName} is listed as held, by whom and why ("${heldText}")`);
  await shotBothSizes(f, 'admin-retention-held', 'admin retention with a hold');

  // Subject access: the page and the JSON.
  await pickSubject(f, subject);
  const html = await downloaded(page, page.getByRole('button', { name: 'Download as a page (HTML)' }));
  const escaped = 'Phonics: &lt;b&gt;Set 2&lt;/b&gt; sounds &amp;';
  check(html.name.endsWith('.html') && html.text.includes(escaped) && !html.text.includes('<script>alert(1)</script>') && !html.text.includes('<b>Set 2</b>'), `subject access: the HTML download (${html.name}, ${html.text.length} characters) shows ${subject.displayName}'s check-in answer as text, escaped`);
  await page.getByRole('status').getByText(`Downloaded ${html.name}.`).waitFor();
  const json = await downloaded(page, page.getByRole('button', { name: 'Download as JSON' }));
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.text);
  } catch {
    parsed = undefined;
  }
  check(json.name.endsWith('.json') && parsed !== undefined && json.text.includes(JSON.stringify(SAM_ANSWER).slice(1, -1)), `subject access: the JSON download (${json.name}) parses and holds the answer exactly as typed`);

  // Erasure while held: the counts, and the refusal.
  await page.getByRole('button', { name: 'Preview erasure' }).click();
  const hold = page.getByText(`${subject.displayName}'s records are under a legal hold, so they cannot be erased.`);
  await hold.waitFor();
  const preview = await mainText(page);
  check(/Deleted: .*\d+ check-ins/.test(preview) && /Kept with the name replaced: .*\d+ thank-yous? \(praise\)/.test(preview), `erasure preview: counts what is deleted and what keeps the name replaced ("${preview.slice(preview.indexOf('Deleted:'), preview.indexOf('Deleted:') + 120)}…")`);
  check((await page.getByRole('button', { name: /^Erase / }).count()) === 0, 'erasure preview: while the hold applies there is no erase button, and the refusal says why');
  await shotBothSizes(f, 'admin-privacy-held', 'admin subject access, erasure refused by a hold');
  const checkInsBefore = (await repos.checkIns.listForPerson(org, subject.id)).length;
  check(checkInsBefore === 2 && (await repos.legalHolds.find(org, subject.id))?.reason === reason, `erasure preview: nothing erased (${checkInsBefore} check-ins), the hold stored with its reason (database)`);

  // Lift the hold, then erase.
  await openRetention(f, 'admin retention (lift)');
  await holdControl(f, subject, 'Tribunal claim withdrawn', 'Lift the hold');
  await page.getByText(`${subject.displayName} is no longer on legal hold.`).waitFor();
  check(await page.getByText('Nobody is on legal hold.').waitFor({ timeout: 5_000 }).then(() => true, () => false), 'retention: after the lift, nobody is on legal hold');
  await pickSubject(f, subject);
  await page.getByRole('button', { name: 'Preview erasure' }).click();
  const eraseButton = page.getByRole('button', { name: `Erase ${subject.displayName}'s records` });
  await eraseButton.waitFor();
  await page.getByRole('textbox', { name: /^Reason/ }).fill('Erasure request by email, 20 January 2024');
  await page.getByRole('textbox', { name: /^Type/ }).fill(subject.displayName.split(' ')[0]!);
  check(await eraseButton.isDisabled(), 'erasure: the button stays disabled until the whole name is typed');
  await page.getByRole('textbox', { name: /^Type/ }).fill(subject.displayName.toLowerCase());
  await shotBothSizes(f, 'admin-privacy-confirm', 'admin subject access, erasure confirmed');
  await eraseButton.click();
  await page.getByText(`${subject.displayName}'s records were erased`).waitFor();
  const focused = await page.evaluate(() => String((globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent ?? ''));
  check(focused.startsWith('Erased'), `erasure: the outcome takes the focus from the button that went ("${focused.slice(0, 60)}")`);
  const erased = await repos.people.getMany(org, [subject.id]);
  const checkInsAfter = (await repos.checkIns.listForPerson(org, subject.id)).length;
  check(erased.length === 1 && erased[0]!.displayName === 'A former colleague' && checkInsAfter === 0, `erasure: ${subject.displayName}'s directory entry now reads "A former colleague", his check-ins gone (${checkInsAfter}) (database)`);
  await shotBothSizes(f, 'admin-privacy-erased', 'admin subject access, erased');
}

/**
 * A member of staff: the praise the erased colleague gave reads "A former colleague" (when the
 * administrator's erasure ran), and Reports gives them their own data as a page and as JSON.
 */
async function staffDownloadsOwnData(f: Flows, staff: Person, afterErasure: boolean): Promise<void> {
  const { page } = f;
  await signIn(page, f.identity, staff, f.site);
  await page.setViewportSize(SIZES[0]);
  if (afterErasure) {
    await openTab(page, f.site.origin, '#/praise');
    await settle(page, f.inFlight, 'staff praise after erasure');
    const wall = await mainText(page);
    // The praise API's name for a giver it cannot find is "Former colleague" (bot/http/api/praise.ts); the erased person document reads "A former colleague".
    check(/From (A )?former colleague/i.test(wall) && wall.includes('Thank you for covering my Year 5 group') && !wall.includes('Sam Singh'), `erasure: the thanks Sam gave Alice stays, from a former colleague ("${wall.slice(wall.indexOf('Praise wall'), wall.indexOf('Praise wall') + 400)}")`);
  }
  await openTab(page, f.site.origin, '#/reports');
  await settle(page, f.inFlight, 'staff reports');
  const section = page.getByRole('region', { name: 'Download my data' });
  await section.scrollIntoViewIfNeeded();
  const html = await downloaded(page, section.getByRole('button', { name: 'Download as a page (HTML)' }));
  check(html.name.endsWith('.html') && html.text.includes('Year 5 reading groups went well (check-in-4).') && html.text.includes(staff.displayName), `my data: the page (${html.name}) has ${staff.displayName}'s own check-in answers`);
  const json = await downloaded(page, section.getByRole('button', { name: 'Download as JSON' }));
  let ok = false;
  try {
    ok = JSON.stringify(JSON.parse(json.text)).includes('Even better if I had planned the plenary.');
  } catch {
    ok = false;
  }
  check(json.name.endsWith('.json') && ok, `my data: the JSON (${json.name}) parses and holds their answers`);
  await section.getByRole('status').getByText(`Downloaded ${json.name}.`).waitFor();
  await shotBothSizes(f, 'staff-reports-my-data', 'staff reports, my data downloaded');
}

/**
 * A network blip while opening a view: its chunk fails to load. The page must not go blank: it
 * says so, with "Try again"; with the network back, trying again shows the view.
 */
async function failedChunkLoad(page: Page, inFlight: () => number, pageErrors: string[], site: Site, identity: Awaited<ReturnType<typeof startIdentity>>, person: Person): Promise<void> {
  const view: ViewId = 'praise';
  const chunk = /\/tab\/assets\/PraiseView-[^/]*\.js(\?.*)?$/;
  const blocked: string[] = [];
  await page.route(chunk, (route) => {
    blocked.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await page.setViewportSize(SIZES[0]);
  await signIn(page, identity, person, site);
  await openTab(page, site.origin, '#/rocks');
  await settle(page, inFlight, 'chunk test: rocks');
  const errorsBefore = pageErrors.length;
  await goToView(page, view);
  const tryAgain = page.getByRole('button', { name: 'Try again' });
  await tryAgain.waitFor({ timeout: 8_000 }).catch(() => undefined);
  const rootText = await page.evaluate(() => String((globalThis as unknown as { document: { querySelector(s: string): { innerText: string } | null } }).document.querySelector('#root')?.innerText ?? '').trim());
  await screenshot(page, 'roles/chunk-failure-1280x800.png');
  check(blocked.length > 0, `the ${viewLabel(view)} view's chunk was requested and refused (${blocked.length} time${blocked.length === 1 ? '' : 's'})`);
  check(rootText.length > 0, `a failed chunk load does not leave a blank page (#root shows ${rootText.length} characters)`);
  const shown = await tryAgain.isVisible();
  const panelText = shown ? ((await page.locator('main').innerText()).replace(/Try again/g, '').trim()) : '';
  check(shown && panelText.length > 0, `a failed chunk load shows what went wrong and a "Try again" button${shown ? `: "${panelText.replace(/\s+/g, ' ').slice(0, 120)}"` : ''}`);
  // The error of the import is expected here; any other page error is not.
  pageErrors.splice(errorsBefore, pageErrors.length - errorsBefore, ...pageErrors.slice(errorsBefore).filter((e) => !/dynamically imported module|Importing a module script failed|PraiseView/i.test(e)));
  await page.unroute(chunk);
  if (!shown) return;
  await tryAgain.click();
  const back = await settle(page, inFlight, 'after "Try again"');
  const heading = back ? ((await page.locator('main h2').first().textContent()) ?? '') : '';
  check(back && (await tryAgain.count()) === 0 && /praise/i.test(heading), `with the network back, "Try again" shows the ${viewLabel(view)} view (heading "${heading}")`);
  await screenshot(page, 'roles/chunk-retry-1280x800.png');
}

run(main, { failureShot: 'roles/failure.png' });
