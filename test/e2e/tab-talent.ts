// End-to-end for issue 13's views (seed 000 §3, §11.4, Appendix 4): the aspiration survey's form
// and analysis, the talent 9-box grid, the reports and the career conversations. The real server
// (node dist/bot/main.js, AUTH_MODE=teams) on a real FerretDB, the tab in Debian Chromium signed
// in with tokens from the identity stand-in, as test/e2e/tab.ts does. Run by scripts/e2e-tab.mjs
// (`npm run e2e:tab`), which builds first. Writes screenshots to test-results/.
//
// A TSFE trust of four schools (three of 5 or more staff, Wren Infant School of 3) and a trust
// office. Two servers on one database: one on the survey's Tuesday (10 Feb 2026: a member of staff
// answers it), one in April after the March impact reviews and career conversations (the PG
// administrator's analysis, grid, reports and career views). The history is written with the
// server's own use cases (the reviewers record their impact outcomes and career routes).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { createLogger } from '../../bot/logger';
import type { UseCaseContext } from '../../bot/usecases/context';
import { validateAnswers } from '../../bot/usecases/aspirationSurvey';
import { recordCareerConversation } from '../../bot/usecases/careerConversations';
import { importDirectory, parseDirectoryFile } from '../../bot/usecases/directory';
import { recordImpactOutcome } from '../../bot/usecases/impactReview';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../../bot/usecases/organisations';
import { surveyResponseId, yearReviewId, type Organisation, type Person } from '../../shared/domain';
import {
  check,
  checkNoSidewaysScroll,
  counts,
  databaseUri,
  launchChromium,
  openDatabase,
  openTab,
  run,
  screenshot,
  screenshotAndAxe as shotAndAxe,
  serverEnv,
  signIn,
  startIdentity,
  startServer,
  type Site,
} from './harness';

const POLICY = 'tsfe-2025-26';
const CYCLE_KEY = '2025-26';
/** Tuesday of the aspiration survey's window (6–12 Feb 2026). */
const FEB = new Date('2026-02-10T12:00:00.000Z');
/** Monday 13 April 2026: after the March impact reviews and career conversations. */
const APR = new Date('2026-04-13T10:00:00.000Z');

/** Screenshot at test-results/<name>-<theme>.png and axe, labelled as before the shared harness. */
const screenshotAndAxe = (page: Page, name: string, theme: string, shot = true) => shotAndAxe(page, `${name}-${theme}`, `${name} (${theme})`, shot);

// ── The trust ────────────────────────────────────────────────────────────────────────────────

const SCHOOLS = {
  penrose: 'Penrose Academy',
  kestrel: 'Kestrel Primary',
  heron: 'Heron Primary',
  wren: 'Wren Infant School',
};
/** name, school, role category, reviewer's key (blank: reviewed by no one here), extra roles. */
const STAFF: Array<[key: string, name: string, school: string, role: string, reviewer: string, roles: string]> = [
  ['rhea', 'Rhea Reid', SCHOOLS.penrose, 'leader', '', ''],
  ['aisha', 'Aisha Khan', SCHOOLS.penrose, 'teacher', 'rhea', ''],
  ['ben', 'Ben Carter', SCHOOLS.penrose, 'teacher', 'rhea', ''],
  ['chloe', 'Chloe Dunn', SCHOOLS.penrose, 'support', 'rhea', ''],
  ['dev', 'Dev Patel', SCHOOLS.penrose, 'teacher', 'rhea', ''],
  ['emma', 'Emma Frost', SCHOOLS.penrose, 'teacher', 'rhea', ''],
  ['finn', 'Finn Gray', SCHOOLS.penrose, 'support', 'rhea', ''],
  ['kofi', 'Kofi Mensah', SCHOOLS.kestrel, 'leader', '', ''],
  ['grace', 'Grace Hill', SCHOOLS.kestrel, 'teacher', 'kofi', ''],
  ['harry', 'Harry Irwin', SCHOOLS.kestrel, 'teacher', 'kofi', ''],
  ['isla', 'Isla Jones', SCHOOLS.kestrel, 'support', 'kofi', ''],
  ['jack', 'Jack Kerr', SCHOOLS.kestrel, 'teacher', 'kofi', ''],
  ['lily', 'Lily Moss', SCHOOLS.kestrel, 'teacher', 'kofi', ''],
  ['hana', 'Hana Ito', SCHOOLS.heron, 'leader', '', ''],
  ['noah', 'Noah Owen', SCHOOLS.heron, 'teacher', 'hana', ''],
  ['olivia', 'Olivia Price', SCHOOLS.heron, 'teacher', 'hana', ''],
  ['omar', 'Omar Quinn', SCHOOLS.heron, 'support', 'hana', ''],
  ['ruby', 'Ruby Shah', SCHOOLS.heron, 'teacher', 'hana', ''],
  ['wes', 'Wes Young', SCHOOLS.wren, 'leader', '', ''],
  ['zara', 'Zara Ali', SCHOOLS.wren, 'teacher', 'wes', ''],
  ['yusuf', 'Yusuf Bell', SCHOOLS.wren, 'support', 'wes', ''],
  ['pat', 'Pat Admin', 'Trust Office', 'central', '', 'pg-admin'],
];
/** Lily answers the survey herself in the browser; everyone else in the schools answered it that week. */
const LIVE_ANSWERER = 'lily';
/** March: impact outcome and career route, recorded by each reviewer. */
const MARCH: Array<[key: string, outcome: string, route: string]> = [
  ['aisha', 'exceeding', 'ready-within-12-months'],
  ['ben', 'expected', 'ready-within-12-months'],
  ['chloe', 'expected', 'not-looking'],
  ['dev', 'exceeding', 'working-towards-2-3-years'],
  ['grace', 'expected', 'working-towards-2-3-years'],
  ['harry', 'exceeding', 'not-looking'],
  ['noah', 'support-recommended', 'not-looking'],
  ['olivia', 'expected', 'unsure'],
  ['zara', 'exceeding', 'ready-within-12-months'],
];

const email = (key: string) => `${key}@tsfe.example.org`;

async function seed(uri: string, dbName: string): Promise<{ tenantId: string; people: Record<string, Person> }> {
  const { repos } = await openDatabase(uri, dbName);
  const ctx: UseCaseContext = { repos, now: () => APR, logger: createLogger('silent') };
  const tenantId = randomUUID();
  const org = { organisationId: tenantId };
  const organisation: Organisation = await ensureOrganisation({ ...ctx, now: () => FEB }, { organisationId: tenantId, policyId: POLICY });
  const csv = [
    'name,email,objectId,school,role,reviewer,roles',
    ...STAFF.map(([key, name, school, role, reviewer, roles]) => `${name},${email(key)},${randomUUID()},${school},${role},${reviewer ? email(reviewer) : ''},${roles}`),
  ].join('\n');
  await importDirectory({ ...ctx, now: () => FEB }, tenantId, parseDirectoryFile(csv, 'csv'));
  const people: Record<string, Person> = {};
  for (const [key] of STAFF) {
    const found = await repos.people.findByEmail(org, email(key));
    if (!found) throw new Error(`seeded person ${key} not found`);
    people[key] = found;
  }
  const cycleId = cycleIdFor(tenantId, CYCLE_KEY);

  // February: the aspiration survey, answered by everyone in the schools but Lily (and the trust office).
  const rules = organisation.policy.aspirationSurvey!;
  const eventId = eventIdFor(tenantId, CYCLE_KEY, rules.eventKey);
  let n = 0;
  for (const [key, , school] of STAFF) {
    if (key === LIVE_ANSWERER || school === 'Trust Office') continue;
    const person = people[key]!;
    const raw: Record<string, string | string[]> = {};
    rules.questions.forEach((q, i) => {
      const options = q.options.map((o) => o.key);
      if (q.kind === 'text') {
        if (n % 3 === 0) raw[q.key] = 'More time to observe colleagues.';
      } else if (q.kind === 'choice') raw[q.key] = options[(n + i) % options.length]!;
      else raw[q.key] = [options[n % options.length]!, options[(n + 2) % options.length]!];
    });
    if (key === 'olivia') raw['promotion'] = 'in-2-3-years';
    const at = new Date(FEB.getTime() - 86_400_000 + n * 60_000);
    await repos.talent.surveyResponses.put(org, {
      id: surveyResponseId(eventId, person.id),
      organisationId: tenantId,
      cycleId,
      eventId,
      personId: person.id,
      answers: validateAnswers(rules, raw),
      school: person.school,
      roleCategory: person.roleCategory,
      createdAt: at,
      updatedAt: at,
    });
    n++;
  }

  // March: each reviewer records the impact outcome and the career route (the scheduler opened the reviews).
  const event = eventIdFor(tenantId, CYCLE_KEY, 'career-conversation');
  const opened = new Date('2026-03-27T08:00:00Z');
  for (const [key, outcome, route] of MARCH) {
    const person = people[key]!;
    const reviewer = people[STAFF.find((s) => s[0] === key)![4]]!;
    const reviewId = yearReviewId('impact', cycleId, person.id);
    await repos.yearReviews.open(org, {
      id: reviewId,
      organisationId: tenantId,
      cycleId,
      coversCycleId: cycleId,
      personId: person.id,
      stage: 'impact',
      label: 'March impact review',
      eventId: event,
      reviewerId: reviewer.id,
      school: person.school,
      roleCategory: person.roleCategory,
      opensAt: opened,
      dueAt: new Date('2026-04-02T22:59:00Z'),
      reviewerDueAt: new Date('2026-04-02T22:59:00Z'),
      createdAt: opened,
    });
    const actor = { person: reviewer, organisation };
    await recordImpactOutcome(ctx, actor, reviewId, { outcome, meetingOn: '2026-03-30', notes: 'We talked through the impact of each rock.', stretch: '' });
    await recordCareerConversation(ctx, actor, person.id, { route, meetingOn: '2026-03-30', notes: 'Talked about next year and the training on offer.' });
  }
  console.log(`seeded ${POLICY} for tenant ${tenantId}: ${STAFF.length} people in 4 schools and the trust office, ${n} survey answers, ${MARCH.length} impact outcomes and career routes`);
  return { tenantId, people };
}

// ── The run ──────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const uri = await databaseUri('talent');
  const dbName = `e2e_talent_${Date.now().toString(36)}`;
  const { people } = await seed(uri, dbName);
  const [pat, lily, rhea, aisha] = (['pat', 'lily', 'rhea', 'aisha'] as const).map((k) => people[k]!) as [Person, Person, Person, Person];

  const identity = await startIdentity();
  const env = serverEnv(uri, dbName, identity);
  const sites = {
    feb: { origin: (await startServer({ ...env, PGTEAMS_CLOCK: FEB.toISOString() }))!, now: FEB },
    apr: { origin: (await startServer({ ...env, PGTEAMS_CLOCK: APR.toISOString() }))!, now: APR },
  };
  const { page, pageErrors } = await launchChromium({ acceptDownloads: true });

  let site: Site = sites.apr;
  const signInAs = async (p: Person, on: Site) => {
    site = on;
    await signIn(page, identity, p, site);
  };
  const open = async (hash: string, theme = 'default') => {
    await openTab(page, site.origin, hash, theme);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await page.locator('[role="tabpanel"] .fui-Spinner').first().waitFor({ state: 'detached' }).catch(() => undefined);
    await page.waitForLoadState('networkidle');
  };
  /** At 390×844 (a phone in Teams): nothing wider than the screen, so no sideways scrolling. */
  const fitsAPhone = async (name: string, hash: string) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(hash);
    await checkNoSidewaysScroll(page, `${name} at 390×844`);
    await screenshot(page, `${name}-390.png`);
    await screenshotAndAxe(page, name, '390', false);
    await page.setViewportSize({ width: 1100, height: 800 });
  };
  /** Clicks a download button; the browser saves a file: its name and text. */
  const download = async (button: ReturnType<Page['getByRole']>): Promise<{ name: string; text: string }> => {
    const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), text: path ? await readFile(path, 'utf8') : '' };
  };

  // ---- February: Lily answers the aspiration survey.
  await signInAs(lily, sites.feb);
  await open('#/survey');
  await page.getByRole('heading', { name: 'Aspiration survey', level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Save my answers' }).waitFor();
  check(await page.getByText('Every question is optional.').isVisible(), 'Lily sees the survey form, every question optional');
  await screenshotAndAxe(page, 'survey-form', 'light');
  await page.getByRole('radiogroup', { name: 'Where do you see your career over the next year?' }).getByRole('radio', { name: 'A new or bigger role in the trust' }).check();
  await page.getByRole('radiogroup', { name: 'Are you interested in promotion?' }).getByRole('radio', { name: 'Yes, within 12 months' }).check();
  await page.getByRole('group', { name: 'Which areas would you like to develop?' }).getByRole('checkbox', { name: 'Coaching and mentoring' }).check();
  await page.getByRole('button', { name: 'Save my answers' }).click();
  await page.getByText(/^Saved — you can change your answers until/).waitFor();
  check(await page.getByRole('button', { name: 'Save my changes' }).waitFor().then(() => true, () => false), 'saved: the form now offers "Save my changes" until the survey closes');
  await open('#/survey', 'dark');
  await page.getByRole('button', { name: 'Save my changes' }).waitFor();
  check(await page.getByRole('radiogroup', { name: 'Are you interested in promotion?' }).getByRole('radio', { name: 'Yes, within 12 months' }).isChecked(), 'reopened, her answers are kept');
  await screenshotAndAxe(page, 'survey-form', 'dark');
  await open('#/survey', 'contrast');
  await screenshotAndAxe(page, 'survey-form', 'contrast', false);
  await fitsAPhone('survey-form', '#/survey');
  // Staff never see the talent grid.
  await open('#/talent');
  await page.getByText('The talent pool and grid are for senior leaders, PG administrators and recruitment only.').first().waitFor();
  check((await page.getByRole('group', { name: /^Talent 9-box grid/ }).count()) === 0, 'Lily opening #/talent sees no grid, only why (403)');

  // ---- April: the PG administrator's survey analysis by school.
  await signInAs(pat, sites.apr);
  await open('#/survey');
  const analysis = page.getByRole('region', { name: 'Analysis' });
  await analysis.getByText(/^Response rate: \d+ of \d+/).waitFor();
  const rate = (await analysis.getByText(/^Response rate: \d+ of \d+/).textContent()) ?? '';
  check(/^Response rate: 21 of \d+ /.test(rate), `the response rate counts Lily's answers with the rest (${rate})`);
  const heads = await analysis.getByRole('columnheader').allTextContents();
  check([SCHOOLS.penrose, SCHOOLS.kestrel, SCHOOLS.heron].every((s) => heads.includes(s)), `the schools of 5 or more are charted (${[...new Set(heads)].join(', ')})`);
  check(!heads.some((h) => h.includes('Wren')) && (await analysis.getByText(SCHOOLS.wren).count()) === 0, "Wren Infant School's 3 answers are not shown anywhere in the analysis");
  check(await analysis.getByText(/Groups with fewer than 5 responses are combined or hidden.*too small to show, even combined/).isVisible(), 'the suppression note says small groups are hidden');
  check((await analysis.getByRole('img', { name: /^Penrose Academy, .*: \d+ of 7, \d+%$/ }).count()) > 0, 'the bars are labelled with their counts for screen readers');
  await screenshotAndAxe(page, 'survey-analysis', 'light');
  const csv = await download(analysis.getByRole('button', { name: 'Download CSV' }));
  check(csv.name.endsWith('.csv') && csv.text.includes(SCHOOLS.penrose) && !csv.text.includes('Wren'), `the analysis downloads as a CSV (${csv.name}, ${csv.text.length} characters) without the small school`);
  await open('#/survey', 'dark');
  await analysis.getByText(/^Response rate/).waitFor();
  await screenshotAndAxe(page, 'survey-analysis', 'dark');
  await open('#/survey', 'contrast');
  await screenshotAndAxe(page, 'survey-analysis', 'contrast', false);
  await fitsAPhone('survey-analysis', '#/survey');

  // ---- The talent grid.
  await open('#/talent');
  const grid = page.getByRole('group', { name: /^Talent 9-box grid/ });
  await grid.waitFor();
  const boxes = grid.getByRole('region');
  check((await boxes.count()) === 9, 'the grid has nine boxes');
  const topRight = boxes.nth(2);
  const topRightTitle = (await topRight.getByRole('heading').textContent()) ?? '';
  check(topRightTitle === 'High performance, high potential: 2', `the top-right box is high performance, high potential (${topRightTitle})`);
  const [first, third, seventh] = [await boxes.nth(0).boundingBox(), await topRight.boundingBox(), await boxes.nth(6).boundingBox()];
  check(Boolean(first && third && seventh && third.x > first.x && Math.abs(third.y - first.y) < 2 && seventh.y > first.y), 'on screen, that box is at the top right');
  check(await topRight.getByText('Aisha Khan').isVisible(), 'Aisha Khan (exceeding in March, ready within 12 months) is in the top-right box');
  check(await topRight.getByText('Programmes: Aspiring leaders programme').isVisible(), 'the top-right box signposts the aspiring leaders programme');
  const filled: string[] = [];
  for (let i = 0; i < 9; i++) if ((await boxes.nth(i).getByRole('listitem').count()) > 0) filled.push((await boxes.nth(i).getByRole('heading').textContent()) ?? '');
  check(filled.length >= 6, `people are in several boxes (${filled.join('; ')})`);
  const pool = page.getByRole('list', { name: 'Talent pool' });
  check(await pool.getByText('Aisha Khan').isVisible(), 'Aisha is in the talent pool too');
  await screenshotAndAxe(page, 'talent-grid', 'light');
  await open('#/talent', 'dark');
  await grid.waitFor();
  await screenshotAndAxe(page, 'talent-grid', 'dark');
  await open('#/talent', 'contrast');
  await screenshotAndAxe(page, 'talent-grid', 'contrast', false);
  await fitsAPhone('talent-grid', '#/talent');

  // ---- Reports: the Ofsted table, and its CSV.
  await open('#/reports');
  const ofsted = page.getByRole('region', { name: 'Ofsted: participation, reviews and support' });
  const ofstedTable = ofsted.getByRole('table', { name: 'Ofsted report by school' });
  await ofstedTable.waitFor();
  const rows = await ofstedTable.getByRole('row').allTextContents();
  check(rows.some((r) => r.startsWith(SCHOOLS.penrose)) && rows.some((r) => r.startsWith('All schools')), `the Ofsted table has a row per school and the trust (${rows.length - 1} rows)`);
  await screenshotAndAxe(page, 'reports', 'light');
  const ofstedCsv = await download(ofsted.getByRole('button', { name: 'Download CSV' }));
  check(ofstedCsv.name.endsWith('.csv') && ofstedCsv.text.includes(SCHOOLS.penrose), `the Ofsted report downloads as a CSV (${ofstedCsv.name})`);
  await open('#/reports', 'dark');
  await ofstedTable.waitFor();
  await screenshotAndAxe(page, 'reports', 'dark', false);
  await open('#/reports', 'contrast');
  await screenshotAndAxe(page, 'reports', 'contrast', false);
  await fitsAPhone('reports', '#/reports');

  // ---- Career, moderation: the PG administrator, and a reviewer opening a reviewee's conversation.
  for (const theme of ['default', 'dark', 'contrast'] as const) {
    const shot = theme === 'default' ? 'light' : theme;
    await signInAs(pat, sites.apr);
    await open('#/career', theme);
    await page.getByRole('heading', { name: 'Career', level: 2 }).waitFor();
    await screenshotAndAxe(page, 'career', shot, theme === 'default');
    await open('#/moderation', theme);
    await screenshotAndAxe(page, 'moderation', shot, false);
    await signInAs(rhea, sites.apr);
    await open(`#/career/${aisha.id}`, theme);
    const record = page.getByRole('region', { name: 'Career conversation: Aisha Khan' });
    await record.getByText('Ready for a promotional opportunity within 12 months').first().waitFor();
    await screenshotAndAxe(page, 'career-reviewer', shot, theme === 'default');
  }
  await fitsAPhone('career-reviewer', `#/career/${aisha.id}`);
  await signInAs(pat, sites.apr);
  await fitsAPhone('career', '#/career');
  await fitsAPhone('moderation', '#/moderation');
  check(pageErrors.length === 0, `no page errors${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}`);
}

run(main, { failureShot: 'tab-talent-failure.png', summary: () => `axe: ${counts.axeClean} runs clean` });
