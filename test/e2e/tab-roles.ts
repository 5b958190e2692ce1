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
// tsfe-admin); the failed chunk load is always checked. Prints the views that scroll sideways, the
// serious axe violations, and "N screenshots, M axe runs" at the end.
import { randomUUID } from 'node:crypto';
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
const LONG_ROCK =
  'Develop the common thinking language across Key Stage 2 so that every pupil can explain their reasoning in maths and science lessons';

interface Role {
  key: string;
  who: string;
  person: Person;
  site: Site;
}

// ── Seeding, with the server's own use cases ────────────────────────────────────────────────

async function seedTsat(repos: UseCaseContext['repos']): Promise<Record<'staff' | 'reviewer' | 'admin' | 'ect', Person>> {
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
  const submitted = async (who: Person, eventKey: string, at: string, score: number, acknowledged?: string, rockProgress: Array<{ rockId: string; rockTitle: string; progress: string }> = []) =>
    repos.checkIns.submit(
      org,
      checkInSchema.parse({
        id: randomUUID(),
        organisationId: tenantId,
        personId: who.id,
        cycleId,
        eventId: eventIdFor(tenantId, cycleKey, eventKey),
        answers: { www: `Year 5 reading groups went well (${eventKey}).`, ebi: 'Even better if I had planned the plenary.', whatsNext: 'Try exit tickets with Year 6.', score, rockProgress },
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
  await submitted(sam!, 'check-in-5', '2024-01-12T16:00:00Z', 6);
  await submitted(sam!, 'check-in-6', '2024-01-23T16:00:00Z', 7);
  await repos.praise.insert(org, [
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: sam!.id, toPersonId: alice!.id, message: 'Thank you for covering my Year 5 group at short notice.', createdAt: new Date('2024-01-23T16:00:00Z') }),
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: alice!.id, toPersonId: ellie!.id, message: 'Your display on the water cycle is wonderful.', createdAt: new Date('2024-01-11T16:00:00Z') }),
  ]);
  console.log(`seeded tsat-2023-24 (tenant ${tenantId}): Rita reviews Alice, Sam and Ellie (ECT, excluded), Priya is a PG administrator`);
  return { staff: alice!, reviewer: rita!, admin: priya!, ect: ellie! };
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

  const { page, pageErrors } = await launchChromium({ width: SIZES[0].width, height: SIZES[0].height });
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

    for (const [theme, themeName] of THEMES) {
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

  await failedChunkLoad(page, inFlight, pageErrors, tsatSite, identity, tsat.staff);
  check(pageErrors.length === 0, `no page errors${pageErrors.length ? `: ${[...new Set(pageErrors)].join('; ')}` : ''}`);

  console.log(`\n${offenders.length} views scroll sideways at 390×844:`);
  for (const o of offenders) console.log(`  - ${o}`);
  console.log(`${axeFailures.length} serious/critical axe violations:`);
  for (const a of axeFailures) console.log(`  - ${a}`);
  console.log(`${counts.screenshots} screenshots, ${counts.axeRuns} axe runs in ${Math.round((Date.now() - began) / 1000)} s`);
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
