// Issue 13's anonymised reports (seed 000 §3), through the real /api/v1 on a real database: the
// Ofsted report reconciles with the seeded year and never names a school of 3 or shows a count
// under 5; the governors' sample has no directory name in it (names, first names, an @mention, an
// email and school names planted in every reflection), never samples someone who opted out, and
// releases an item only once its reviewer and a PG admin approved it; the Equality Impact
// Assessment merges small groups and its characteristics come from directory columns that no
// preview shows per person; directed time for TSFE 2025-26 is Appendix 3's hours; staff get 403
// everywhere; every read and download is in the audit log, without the content.
import { randomUUID } from 'node:crypto';
import { startApiHarness, NOW, type ApiHarness } from '../api/apiWorld';
import { buildCheckIn, buildCycle, buildOrganisation, buildPerson, buildScheduleEvent } from '../../support/builders';
import { createLogger } from '../../../bot/logger';
import type { UseCaseContext } from '../../../bot/usecases/context';
import { parseDirectoryFile } from '../../../bot/usecases/directory';
import { planDirectoryFile } from '../../../bot/usecases/directoryImport';
import { governorSampleMessageCard } from '../../../bot/notifications/governorSampleCards';
import { approveSampleAction } from '../../../bot/teams/handlers/governorSample';
import { directedTimeReportSchema, equalityReportSchema, governorSampleDtoSchema, ofstedReportSchema, type ReportGroup } from '../../../shared/api';
import { POLICY_PACKS } from '../../../shared/policy';
import { TALENT_VERBS } from '../../../shared/verbs';
import { yearReviewId, yearReviewRecordId, type Cycle, type Organisation, type Person, type ReviewStageKind, type ScheduleEvent, type YearReview, type YearReviewRecord } from '../../../shared/domain';

const PACK = POLICY_PACKS['tsfe-2025-26']!;

/** Seed 000 Appendix 3 (2025-26), as printed: date → hours. */
const APPENDIX_3: Array<[string, number]> = [
  ['2025-09-19', 1], ['2025-10-03', 0.25], ['2025-10-31', 1], ['2025-11-14', 0.25], ['2025-11-28', 0.25], ['2025-12-12', 0.25],
  ['2026-01-09', 1], ['2026-01-23', 0.25], ['2026-02-06', 1], ['2026-02-27', 0.25], ['2026-03-13', 0.25], ['2026-03-27', 1],
  ['2026-04-24', 1], ['2026-05-08', 0.25], ['2026-05-22', 0.25], ['2026-06-12', 0.25], ['2026-06-26', 0.25], ['2026-07-10', 0.25],
];

describe('anonymised reports: Ofsted, governors, equality, directed time', () => {
  let api: ApiHarness;
  let ctx: UseCaseContext;
  let org: Organisation;
  let cycle: Cycle;
  let events: ScheduleEvent[];
  const people: Person[] = [];
  const named: Record<string, Person> = {};
  const scope = () => ({ organisationId: org.id });
  const guid = () => randomUUID();

  const add = (displayName: string, school: string, extra: Partial<Person> = {}) => {
    const [first, last] = displayName.toLowerCase().split(' ');
    const person = buildPerson({ organisationId: org.id, entraObjectId: guid(), displayName, email: `${first}.${last}@riverside.example`, school, roleCategory: 'teacher', ...extra });
    people.push(person);
    named[displayName] = person;
    return person;
  };
  const as = async (who: string, path: string, init: { method?: string; body?: unknown } = {}) => api.call(path, { ...init, token: await api.tokenFor(named[who]!) });
  const raw = async (who: string, path: string) => fetch(`${api.url}${path}`, { headers: { Authorization: `Bearer ${await api.tokenFor(named[who]!)}` } });

  const openReview = async (person: Person, stage: ReviewStageKind, reviewer: Person): Promise<YearReview> => {
    const event = events.find((e) => e.key === (stage === 'impact' ? 'career-conversation' : 'end-of-year-reflection'))!;
    const review: YearReview = {
      id: yearReviewId(stage, cycle.id, person.id), organisationId: org.id, cycleId: cycle.id, coversCycleId: cycle.id, personId: person.id, stage,
      label: stage === 'impact' ? 'March impact review' : 'End-of-year review', eventId: event.id, reviewerId: reviewer.id, school: person.school, roleCategory: person.roleCategory,
      opensAt: NOW, dueAt: new Date('2026-07-17T22:59:00Z'), reviewerDueAt: new Date('2026-07-17T22:59:00Z'), createdAt: NOW,
    };
    await api.repos.yearReviews.open(scope(), review);
    return review;
  };
  const putRecord = (review: YearReview, authorId: string, kind: YearReviewRecord['kind'], content: Record<string, unknown>) =>
    api.repos.yearReviews.putRecord(scope(), { id: yearReviewRecordId(kind, review.id), organisationId: org.id, reviewId: review.id, cycleId: cycle.id, personId: review.personId, authorId, kind, createdAt: NOW, updatedAt: NOW, submittedAt: NOW, ...content } as YearReviewRecord);

  /** Every directory name, first name and surname, and every school, planted in each reflection. */
  const planted = (who: Person) =>
    `Worked with Rachel Green and rachel on the Northfield Academy reading plan; @Marcus helped and <at>Simon Head</at> joined in. ` +
    `Email me at marcus.brown@riverside.example. Riverside Learning Trust and southgate primary shared resources; thanks PENNY and @Zed. I am ${who.displayName}.`;

  beforeAll(async () => {
    api = await startApiHarness();
    ctx = { repos: api.repos, now: () => NOW, logger: createLogger('silent') };
    org = buildOrganisation({ id: guid(), name: 'Riverside Learning Trust', policy: PACK.policy });
    await api.repos.organisations.upsert(org);
    cycle = buildCycle({ organisationId: org.id, key: PACK.cycle.key, label: PACK.cycle.label, startsOn: PACK.cycle.startsOn, endsOn: PACK.cycle.endsOn, policyId: PACK.policy.id, current: true });
    await api.repos.cycles.upsert(scope(), cycle);
    events = PACK.cycle.events.map((def) => buildScheduleEvent({ ...def, organisationId: org.id, cycleId: cycle.id }));
    // A cancelled event carries no directed time.
    events.push(buildScheduleEvent({ organisationId: org.id, cycleId: cycle.id, key: 'extra-session', kind: 'check-in', number: 99, title: 'Extra session (cancelled)', date: '2026-03-06', window: { opens: '2026-03-06T08:00', closes: '2026-03-12T23:59' }, directedHours: 2, status: 'cancelled' }));
    await api.repos.scheduleEvents.insertMany(scope(), events);

    // Northfield Academy: 10 taking part (and an ECT who is not); Southgate Primary: 6; Eastfield: 5; Little Hollow School: 3.
    add('Penny Admin', 'Northfield Academy', { roles: ['pg-admin'] });
    add('Simon Head', 'Northfield Academy', { roles: ['smt'] });
    const rachel = add('Rachel Green', 'Northfield Academy');
    const north = ['Oliver Stone', 'Priya Patel', 'Tom Baker', 'Uma Khan', 'Victor Hale', 'Wendy Cole', 'Xavier Ford'].map((n) => add(n, 'Northfield Academy', { reviewerId: rachel.id }));
    add('Ethan Newcomer', 'Northfield Academy', { roleCategory: 'ECT', reviewerId: rachel.id });
    const marcus = add('Marcus Brown', 'Southgate Primary');
    const south = ['Alan Moss', 'Beth Lane', 'Carl Reed', 'Dina Shah', 'Eve Long'].map((n) => add(n, 'Southgate Primary', { reviewerId: marcus.id }));
    const east = ['Fay Hunt', 'Gus Webb', 'Hana Ito', 'Ivan Rud', 'Jill Roe'].map((n) => add(n, 'Eastfield', { reviewerId: marcus.id }));
    const tiny = ['Kim Dale', 'Leo Vance', 'Mia Snow'].map((n) => add(n, 'Little Hollow School', { reviewerId: marcus.id }));
    named['Xavier Ford'] = { ...named['Xavier Ford']!, reportsOptOut: true };
    people.splice(people.findIndex((p) => p.displayName === 'Xavier Ford'), 1, named['Xavier Ford']!);
    await api.repos.people.upsertMany(scope(), people);

    // Check in 1: Northfield 9 (6 on time, 3 late), Southgate 6 on time, Little Hollow 3 on time, Eastfield none.
    const checkIn1 = events.find((e) => e.key === 'check-in-1')!;
    const northfield = people.filter((p) => p.school === 'Northfield Academy' && p.roleCategory !== 'ECT');
    const submit = (p: Person, timeliness: 'on-time' | 'late') =>
      api.repos.checkIns.submit(scope(), buildCheckIn({ organisationId: org.id, personId: p.id, cycleId: cycle.id, eventId: checkIn1.id, submittedAt: new Date('2025-11-15T10:00:00Z'), timeliness }));
    for (const [i, p] of northfield.slice(0, 9).entries()) await submit(p, i < 6 ? 'on-time' : 'late');
    for (const p of [marcus, ...south, ...tiny]) await submit(p, 'on-time');

    // March impact reviews at Northfield: 8 opened, 6 complete (5 expected, 1 support recommended); one support plan open.
    const impact = await Promise.all(northfield.slice(0, 8).map((p) => openReview(p, 'impact', rachel)));
    for (const [i, review] of impact.slice(0, 6).entries()) await putRecord(review, rachel.id, 'impact-outcome', { outcome: i === 5 ? 'support-recommended' : 'expected', notes: '', exceedingNotes: '' });
    await putRecord(impact[5]!, rachel.id, 'support-plan', { route: PACK.policy.reviews!.support!.routes[0]!.key, whatWillHelp: 'Coaching', reviewOn: '2026-05-01', notes: '' });

    // End-of-year reflections, sent on: Northfield's 7 reviewees (Xavier opted out) and Southgate's 5.
    for (const p of [...north, ...south]) {
      const review = await openReview(p, 'end-of-year', p.reviewerId === rachel.id ? rachel : marcus);
      const marker = p.reportsOptOut ? ' OPTED-OUT-MARKER' : '';
      await putRecord(review, p.id, 'reflection', { www: planted(p) + marker, ebi: 'More time with Priya.', whatNext: `Lead CPD at Eastfield with ${p.displayName.split(' ')[0]}.`, rocks: [{ rockId: guid(), progress: 'Observed by Tom Baker twice.', challenges: '', takeForward: '', comments: '', supportReceived: '' }], recognition: '', anythingElse: '', supportReceived: '' });
    }
    void east;
  });

  afterAll(async () => {
    await api.stop();
  });

  const group = (groups: ReportGroup[], label: string) => groups.find((g) => g.label === label)!;

  it('the Ofsted report reconciles with the year and never shows a school of 3 or a count under 5', async () => {
    const res = await as('Simon Head', `/api/v1/reports/ofsted?cycleId=${cycle.id}`);
    expect(res.status).toBe(200);
    const report = ofstedReportSchema.parse(res.body);
    expect(report.minGroupSize).toBe(5);
    expect(report.suppression).toMatch(/fewer than 5 staff is not shown on its own/);
    expect(report.schools.map((s) => s.label)).toEqual(['Northfield Academy', 'Southgate Primary', 'Other schools']);
    expect(JSON.stringify(report)).not.toMatch(/Little Hollow|Eastfield/);

    const north = group(report.schools, 'Northfield Academy');
    expect(north.staff).toEqual({ count: 10, text: '10' }); // the ECT is not taking part
    expect(north.participated.count).toBe(9);
    expect(north.participationRate).toEqual({ percent: 90, text: '90%' });
    expect(north.checkIns.count).toBe(9);
    const impact = north.reviews.find((r) => r.stage === 'impact')!;
    expect([impact.opened.count, impact.completed.count, impact.completedRate.percent]).toEqual([8, 6, 75]);
    // 1 support recommended is "fewer than 5"; 5 expected would give it away (6 completed), so it is hidden too.
    expect(impact.outcomes.map((o) => [o.key, o.count.text])).toEqual([['exceeding', '0'], ['expected', 'hidden'], ['support-recommended', 'fewer than 5']]);
    expect(north.support.supportPlansOpen).toEqual({ count: null, text: 'fewer than 5' });

    // Eastfield (5) would be shown alone, but Little Hollow (3) is too small even combined, so the next smallest joins it.
    const other = group(report.schools, 'Other schools');
    expect(other).toMatchObject({ merged: true, suppressed: false, staff: { count: 8 } });
    expect(other.participated).toEqual({ count: null, text: 'fewer than 5' });
    expect(other.participationRate.percent).toBeNull();
    // The trust's totals are shown, so one hidden count per column would be a subtraction away: the next smallest is hidden too.
    expect(group(report.schools, 'Southgate Primary')).toMatchObject({ staff: { count: 6 }, participated: { count: null, text: 'hidden' }, checkIns: { count: null }, onTime: { count: 6 } });
    expect([north.onTime, north.onTimeRate]).toEqual([{ count: null, text: 'hidden' }, { percent: null, text: 'hidden' }]);

    expect(report.trust).toMatchObject({ label: 'Riverside Learning Trust', staff: { count: 24 }, participated: { count: 18 }, checkIns: { count: 18 }, onTime: { count: 15 } });
    for (const g of [...report.schools, report.trust]) {
      for (const c of [g.staff, g.participated, g.checkIns, g.onTime]) expect(c.count === null || c.count === 0 || c.count >= 5).toBe(true);
    }
    for (const pick of [(g: ReportGroup) => g.participated, (g: ReportGroup) => g.checkIns, (g: ReportGroup) => g.onTime]) {
      expect(report.schools.filter((g) => pick(g).count === null).length).not.toBe(1);
    }
  });

  it('the Ofsted CSV has the same figures and the rule', async () => {
    const res = await raw('Penny Admin', `/api/v1/reports/ofsted.csv?cycleId=${cycle.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="ofsted-report-tsfe-2025-26.csv"/);
    const text = await res.text();
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^School,Staff taking part,Took part in check-ins,Participation %/);
    expect(lines[1]).toMatch(/^Northfield Academy,10,9,90%,9,hidden,hidden,/);
    expect(lines[3]).toMatch(/^Other schools,8,fewer than 5,fewer than 5,/);
    expect(text).not.toMatch(/Little Hollow/);
    expect(lines.at(-1)).toMatch(/^"?Note: Groups are counted/);
  });

  it('staff get 403 on every report and every download; SMT may read but not draw a sample', async () => {
    for (const path of ['ofsted', 'ofsted.csv', 'equality', 'equality.csv', 'directed-time', 'directed-time.csv']) {
      const res = await raw('Oliver Stone', `/api/v1/reports/${path}?cycleId=${cycle.id}`);
      expect([path, res.status]).toEqual([path, 403]);
      expect((await res.json()) as unknown).toMatchObject({ status: 403 });
    }
    expect((await as('Oliver Stone', '/api/v1/reports/governor-samples', { method: 'POST', body: {} })).status).toBe(403);
    expect((await as('Simon Head', '/api/v1/reports/governor-samples', { method: 'POST', body: {} })).status).toBe(403);
    expect((await as('Simon Head', `/api/v1/reports/directed-time?cycleId=${cycle.id}`)).status).toBe(200);
  });

  describe("governors' sample", () => {
    let sampleId: string;
    const directoryWords = () => [...new Set(people.flatMap((p) => [p.displayName, ...p.displayName.split(' '), p.email, p.school, ...p.school.split(' ').filter((w) => w.length > 3 && w !== 'School')]))];

    it('is drawn by a PG admin from submitted reflections of people who did not opt out, with every directory name removed', async () => {
      const res = await as('Penny Admin', '/api/v1/reports/governor-samples', { method: 'POST', body: { cycleId: cycle.id, size: 50 } });
      expect(res.status).toBe(201);
      const sample = governorSampleDtoSchema.parse(res.body);
      sampleId = sample.id;
      expect(sample.eligible).toBe(11); // 12 reflections, Xavier opted out
      expect(sample.items).toHaveLength(10); // policy.reports.governorSampleSize caps the 50 asked for
      expect(sample.progress).toEqual({ total: 10, released: 0, withheld: 0, waiting: 10 });
      for (const item of sample.items) {
        expect(item.text).not.toMatch(/OPTED-OUT-MARKER/);
        for (const word of [...directoryWords(), 'Riverside', 'Learning Trust', 'Zed']) {
          expect([word, new RegExp(`(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu').test(item.text)]).toEqual([word, false]);
        }
        expect(item.text).not.toMatch(/@|<at>/);
        expect(item.text).toMatch(/^What went well: Worked with \[colleague\] and \[colleague\] on the \[school\] reading plan; \[colleague\] helped and \[colleague\] joined in\. Email me at \[colleague\]\. \[school\] and \[school\] shared resources; thanks \[colleague\] and \[colleague\]\. I am \[colleague\]\./);
        expect(item.text).toMatch(/Rock 1 progress: Observed by \[colleague\] twice\./);
      }
    });

    it('asks each reviewer with items in it, on a card with Approve and Withhold', async () => {
      for (const who of ['Rachel Green', 'Marcus Brown']) {
        const job = await api.repos.outboxJobs.findByIdempotencyKey(scope(), `message:governor-sample:${sampleId}:${named[who]!.id}:approval-needed`, NOW);
        expect(job).not.toBeNull();
      }
      const links = { tab: () => 'https://tab.example' };
      const card = await governorSampleMessageCard({ ctx, links }, org, named['Rachel Green']!, { kind: 'governor-sample', sampleId, reason: 'approval-needed' });
      const json = JSON.stringify(card);
      expect(json).toMatch(/Governors' sample of reflections: your approval/);
      expect(json).toContain(TALENT_VERBS.approveSample);
      expect(json).not.toMatch(/Rachel|Priya|Northfield/);
      const staff = await governorSampleMessageCard({ ctx, links }, org, named['Oliver Stone']!, { kind: 'governor-sample', sampleId, reason: 'approval-needed' });
      expect(staff).toEqual({ skip: expect.any(String) });
    });

    it('a reviewer sees only their items; anyone else finds nothing', async () => {
      const rachel = governorSampleDtoSchema.parse((await as('Rachel Green', `/api/v1/reports/governor-samples/${sampleId}`)).body);
      const penny = governorSampleDtoSchema.parse((await as('Penny Admin', `/api/v1/reports/governor-samples/${sampleId}`)).body);
      expect(rachel.view).toBe('reviewer');
      expect(rachel.items.length).toBeGreaterThan(0);
      expect(rachel.items.length).toBeLessThan(penny.items.length);
      expect(rachel.items.every((i) => i.canApproveAs === 'reviewer')).toBe(true);
      expect((await as('Oliver Stone', `/api/v1/reports/governor-samples/${sampleId}`)).status).toBe(404);
      expect((await as('Simon Head', `/api/v1/reports/governor-samples/${sampleId}`)).status).toBe(404);
    });

    it('releases an item only once its reviewer and a PG admin approved it, and says how many wait', async () => {
      const penny = governorSampleDtoSchema.parse((await as('Penny Admin', `/api/v1/reports/governor-samples/${sampleId}`)).body);
      const rachelItems = governorSampleDtoSchema.parse((await as('Rachel Green', `/api/v1/reports/governor-samples/${sampleId}`)).body).items.map((i) => i.index);
      const marcusItems = penny.items.map((i) => i.index).filter((i) => !rachelItems.includes(i));
      const [mine, second] = rachelItems;
      const [theirs, withheld] = marcusItems;
      const approve = (who: string, index: number, approved = true) => as(who, `/api/v1/reports/governor-samples/${sampleId}/items/${index}/approval`, { method: 'POST', body: { approved } });
      const release = async () => (await as('Penny Admin', `/api/v1/reports/governor-samples/${sampleId}/release`)).body;

      expect(await release()).toMatchObject({ items: [], released: 0, waiting: 10, note: expect.stringMatching(/0 of 10 .* 10 are still waiting for approval/) });
      expect((await approve('Rachel Green', mine!)).status).toBe(200);
      expect((await release()).items).toEqual([]); // the reviewer alone is not enough
      expect((await approve('Rachel Green', mine!)).status).toBe(409);
      expect((await approve('Rachel Green', theirs!)).status).toBe(404); // not her reviewee's
      expect((await approve('Oliver Stone', mine!)).status).toBe(404);
      expect((await approve('Penny Admin', mine!)).body.items.find((i: { index: number }) => i.index === mine)).toMatchObject({ reviewer: 'approved', pgAdmin: 'approved', released: true });
      expect((await approve('Penny Admin', theirs!)).status).toBe(200);
      expect((await release()).items).toHaveLength(1); // Marcus has not approved his yet
      expect((await approve('Penny Admin', theirs!)).status).toBe(409);

      // Marcus approves his from the card; withholds another, which a PG admin's approval does not release.
      const turn = (who: string, index: number, approved: 'yes' | 'no') => ({ deps: { ctx }, person: named[who]!, verb: TALENT_VERBS.approveSample, data: { sampleId, index: String(index), approved } }) as unknown as Parameters<typeof approveSampleAction>[0];
      expect(JSON.stringify(await approveSampleAction(turn('Marcus Brown', theirs!, 'yes')))).toMatch(/approved/);
      expect(JSON.stringify(await approveSampleAction(turn('Marcus Brown', theirs!, 'yes')))).toMatch(/You already approved/);
      await approveSampleAction(turn('Marcus Brown', withheld!, 'no'));
      await approve('Penny Admin', withheld!);
      await approve('Rachel Green', second!);

      const body = await release();
      const text = penny.items.filter((i) => [mine, theirs].includes(i.index)).map((i) => i.text);
      expect(body).toMatchObject({ released: 2, withheld: 1, waiting: 7 });
      expect(body.items.map((i: { number: number; text: string }) => i.number)).toEqual([1, 2]);
      expect(body.items.map((i: { text: string }) => i.text).sort()).toEqual(text.sort());
      expect(JSON.stringify(body)).not.toMatch(/reviewId|reviewerId|personId/);

      const plain = await raw('Penny Admin', `/api/v1/reports/governor-samples/${sampleId}/release?format=text`);
      expect(plain.headers.get('content-type')).toMatch(/text\/plain/);
      expect(await plain.text()).toMatch(/2 of 10 reflections are approved .* 7 are still waiting/);
      expect((await as('Rachel Green', `/api/v1/reports/governor-samples/${sampleId}/release`)).status).toBe(403);
    });

    it('a person opting out (PUT /me/reports-opt-out) is left out of the next sample; /me says so', async () => {
      expect((await as('Alan Moss', '/api/v1/me')).body).toMatchObject({ reportsOptOut: false, reports: false });
      expect((await as('Alan Moss', '/api/v1/me/reports-opt-out', { method: 'PUT', body: { optOut: 'yes' } })).status).toBe(422);
      expect((await as('Alan Moss', '/api/v1/me/reports-opt-out', { method: 'PUT', body: { optOut: true } })).body).toEqual({ optOut: true });
      expect((await as('Alan Moss', '/api/v1/me')).body).toMatchObject({ reportsOptOut: true });
      expect((await as('Penny Admin', '/api/v1/me')).body).toMatchObject({ reports: true });
      const next = governorSampleDtoSchema.parse((await as('Penny Admin', '/api/v1/reports/governor-samples', { method: 'POST', body: { cycleId: cycle.id } })).body);
      expect(next.eligible).toBe(10);
      expect(next.items.some((i) => /I am \[colleague\]/.test(i.text))).toBe(true);
      const stored = await api.repos.talent.governorSamples.get(scope(), next.id);
      const alansReview = yearReviewId('end-of-year', cycle.id, named['Alan Moss']!.id);
      const xaviersReview = yearReviewId('end-of-year', cycle.id, named['Xavier Ford']!.id);
      expect(stored!.items.map((i) => i.reviewId)).not.toContain(alansReview);
      expect(stored!.items.map((i) => i.reviewId)).not.toContain(xaviersReview);
    });
  });

  describe('Equality Impact Assessment', () => {
    const SEX = (i: number) => (i < 14 ? 'Female' : i < 21 ? 'Male' : i === 21 ? 'Non-binary' : '');
    const AGE = (i: number) => ['20-29', '30-39', '40-49', '50+'][i % 4]!;

    it('imports the characteristic columns from the directory file without showing them per person', async () => {
      const penny = named['Penny Admin']!;
      const taking = people.filter((p) => p.roleCategory !== 'ECT');
      const rows = people.map((p) => {
        const i = taking.indexOf(p);
        return `${p.displayName},${p.email},${p.school},${p.roleCategory},${i >= 0 ? SEX(i) : ''},${i >= 0 && i < 22 ? AGE(i) : ''}`;
      });
      const csv = `name,email,school,role,Sex,Age band\n${rows.join('\n')}\n`;
      const parsed = parseDirectoryFile(csv, 'csv', org.policy.reports.characteristics);
      expect(parsed[0]!.equality).toEqual({ sex: 'Female', 'age-band': '20-29' });
      const plan = await planDirectoryFile(ctx, { person: penny, organisation: org }, parsed);
      expect(plan.preview.notes).toEqual(['Equality data: 2 columns imported (Sex, Age band), only ever counted in groups.']);
      expect(JSON.stringify(plan.preview)).not.toMatch(/Female|Male|20-29/);
      await plan.apply();
      expect((await api.repos.people.get(scope(), named['Oliver Stone']!.id))!.equality).toEqual({ sex: 'Female', 'age-band': AGE(taking.indexOf(named['Oliver Stone']!)) });
      // The opt-out and the values survive an import that does not carry them.
      const again = await planDirectoryFile(ctx, { person: penny, organisation: org }, parseDirectoryFile(`name,email\n${people.map((p) => `${p.displayName},${p.email}`).join('\n')}\n`, 'csv', org.policy.reports.characteristics));
      expect(again.preview.notes).toBeUndefined();
      await again.apply();
      const alan = (await api.repos.people.get(scope(), named['Alan Moss']!.id))!;
      expect(alan.equality?.sex).toBe(SEX(taking.indexOf(named['Alan Moss']!)));
      expect(alan.reportsOptOut).toBe(true);
    });

    it('reports participation, outcomes and support by characteristic, merging groups under 5', async () => {
      const res = await as('Penny Admin', `/api/v1/reports/equality?cycleId=${cycle.id}`);
      expect(res.status).toBe(200);
      const report = equalityReportSchema.parse(res.body);
      expect(report.characteristics.map((c) => c.key)).toEqual(['sex', 'ethnicity', 'disability', 'age-band']);
      const sex = report.characteristics.find((c) => c.key === 'sex')!.groups;
      // Non-binary (1) and not stated (2) are too small even together, so Male (7), the next smallest, joins them.
      expect(sex.map((g) => [g.label, g.staff.count, g.merged])).toEqual([['Female', 14, false], ['Other / not stated', 10, true]]);
      const ethnicity = report.characteristics.find((c) => c.key === 'ethnicity')!.groups;
      expect(ethnicity.map((g) => [g.label, g.staff.count])).toEqual([['Not stated', 24]]);
      const age = report.characteristics.find((c) => c.key === 'age-band')!.groups;
      expect(age.every((g) => g.staff.count !== null && g.staff.count >= 5)).toBe(true);
      expect(age.reduce((n, g) => n + g.staff.count!, 0)).toBe(24);
      expect(JSON.stringify(report)).not.toMatch(/Non-binary|Oliver|Northfield/);
      const csv = await (await raw('Simon Head', `/api/v1/reports/equality.csv?cycleId=${cycle.id}`)).text();
      expect(csv).toMatch(/^Characteristic,Group,Staff taking part/);
      expect(csv).toMatch(/\r\nSex,Female,14,/);
    });
  });

  it('directed time for TSFE 2025-26: Appendix 3 for each person taking part, none for ECTs, nothing for a cancelled event', async () => {
    const res = await as('Penny Admin', `/api/v1/reports/directed-time?cycleId=${cycle.id}`);
    expect(res.status).toBe(200);
    const report = directedTimeReportSchema.parse(res.body);
    const appendix3 = APPENDIX_3.reduce((n, [, h]) => n + h, 0);
    expect(appendix3).toBe(9);
    // The pack adds the end-of-year reflection sessions (§9/§10: held in directed time, 1 hour) to Appendix 3's table.
    const endOfYear = report.events.find((e) => e.key === 'end-of-year-reflection')!;
    expect(endOfYear.hours).toBe(1);
    expect(report.events.filter((e) => e.key !== 'end-of-year-reflection').map((e) => [e.date, e.hours])).toEqual(APPENDIX_3);
    expect(report.hoursPerPerson).toBe(appendix3 + endOfYear.hours);
    expect(report.events.map((e) => e.key)).not.toContain('extra-session');
    const northTeachers = report.rows.find((r) => r.school === 'Northfield Academy' && r.roleCategory === 'teacher')!;
    expect(northTeachers).toMatchObject({ people: 10, takingPart: true, hoursPerPerson: 10, totalHours: 100 });
    expect(report.rows.find((r) => r.roleCategory === 'ECT')).toMatchObject({ school: 'Northfield Academy', people: 1, takingPart: false, hoursPerPerson: 0, totalHours: 0, note: expect.stringMatching(/ECT staff are outside this policy/) });
    expect(report.totalHours).toBe(240);
    const csv = await (await raw('Penny Admin', `/api/v1/reports/directed-time.csv?cycleId=${cycle.id}`)).text();
    expect(csv).toMatch(/Northfield Academy,ECT,1,no,0,0,ECT staff are outside this policy/);
    expect(csv).toMatch(/Total per person,,10/);
  });

  it('audits every read and download: who, which report, which format; never the content', async () => {
    const entries = (await api.repos.auditLog.list(scope(), { pageSize: 200 })).items.filter((e) => e.action === 'report.read' || e.action === 'report.downloaded');
    const seen = entries.map((e) => `${e.action} ${String(e.details.report)} ${String(e.details.format)}`);
    for (const expected of [
      'report.read ofsted json', 'report.downloaded ofsted csv', 'report.read equality json', 'report.downloaded equality csv',
      'report.read directed-time json', 'report.downloaded directed-time csv', 'report.downloaded governor-sample json', 'report.downloaded governor-sample text',
    ]) expect(seen).toContain(expected);
    expect(entries.find((e) => e.details.report === 'ofsted' && e.details.format === 'csv')!.actor).toMatchObject({ personId: named['Penny Admin']!.id });
    const details = JSON.stringify(entries.map((e) => e.details));
    expect(details).not.toMatch(/colleague|Northfield|Female|What went well/);
    // A refused read is not a read.
    expect(entries.some((e) => e.actor.kind === 'person' && e.actor.personId === named['Oliver Stone']!.id)).toBe(false);
  });
});
