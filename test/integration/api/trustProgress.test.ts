// Issue 15: the tab's Trust progress through /api/v1 as the tab calls it — completion of a check-in
// window by school (the admin channel's `status` figures), the CSV exports (attachment, BOM, formula
// injection, audited; per person only as the policy allows), and the schedule's edits; PG admins only,
// and another organisation sees none of it.
import { randomUUID } from 'node:crypto';
import { startApiHarness, NOW, type ApiHarness } from './apiWorld';
import { completionStatus } from '../../../bot/usecases/adminStatus';
import { applyScheduleChange } from '../../../bot/usecases/applyScheduleChange';
import { buildStatusCard } from '../../../bot/cards/admin/statusCard';
import { createLogger } from '../../../bot/logger';
import type { UseCaseContext } from '../../../bot/usecases/context';
import type { Person } from '../../../shared/domain';
import { buildCheckIn, buildPerson } from '../../support/builders';

describe('/api/v1/progress, its CSV exports and /api/v1/schedule/edits', () => {
  let api: ApiHarness;
  let ctx: UseCaseContext;
  let otherAdmin: Person;
  let priyaOther: Person;
  beforeAll(async () => {
    api = await startApiHarness();
    ctx = { repos: api.repos, now: () => NOW, logger: createLogger('silent') };
    const { org, otherOrg, alice, sam, rita, colin, paula, events } = api.world;
    const a = { organisationId: org.id };
    // Schools, and a colleague whose name would be a spreadsheet formula.
    await api.repos.people.upsertMany(a, [
      { ...alice, school: 'Hilltop Primary' },
      { ...sam, school: 'Hilltop Primary' },
      { ...rita, school: 'Riverside Academy' },
      { ...colin, school: 'Riverside Academy' },
      { ...paula, school: 'Trust Central' },
    ]);
    priyaOther = buildPerson({ organisationId: org.id, entraObjectId: randomUUID(), displayName: '=HYPERLINK("http://evil.example","Zoë")', school: 'Riverside Academy', reviewerId: rita.id });
    await api.repos.people.upsertMany(a, [priyaOther]);
    // Check-in 2 (open now): Sam on time and acknowledged, Alice late (not yet acknowledged).
    const submit = (person: Person, timeliness: 'on-time' | 'late', acknowledged: boolean) =>
      api.repos.checkIns.submit(
        a,
        buildCheckIn({
          organisationId: org.id,
          personId: person.id,
          cycleId: api.world.cycleId,
          eventId: events.open.id,
          reviewerId: rita.id,
          submittedAt: new Date('2026-02-27T10:30:00.000Z'),
          timeliness,
          ...(acknowledged ? { acknowledgement: { byPersonId: rita.id, at: NOW } } : {}),
        }),
      );
    await submit(sam, 'on-time', true);
    await submit(alice, 'late', false);
    otherAdmin = buildPerson({ organisationId: otherOrg.id, entraObjectId: randomUUID(), displayName: 'Olga Otheradmin', roles: ['pg-admin'] });
    await api.repos.people.upsertMany({ organisationId: otherOrg.id }, [otherAdmin]);
  });
  afterAll(async () => api.stop());

  const as = async (person: Person, path: string) => api.call(path, { token: await api.tokenFor(person) });
  /** A CSV download: status, headers and the body as text (with its BOM). */
  const download = async (person: Person, path: string) => {
    const res = await fetch(`${api.url}${path}`, { headers: { Authorization: `Bearer ${await api.tokenFor(person)}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  };

  it('refuses staff and reviewers with a clear message (403)', async () => {
    for (const person of [api.world.alice, api.world.rita]) {
      const res = await as(person, '/api/v1/progress');
      expect(res.status).toBe(403);
      expect(res.body.detail).toBe("Only PG administrators can see the trust's progress and download its exports.");
      expect((await download(person, '/api/v1/progress/schools.csv')).status).toBe(403);
      expect((await download(person, '/api/v1/progress/people.csv')).status).toBe(403);
      expect((await as(person, '/api/v1/schedule/edits')).status).toBe(403);
    }
  });

  it('shows the open window by school with the very figures of the status card', async () => {
    const res = await as(api.world.paula, '/api/v1/progress');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'open', optional: false, event: { id: api.world.events.open.id, title: 'Check in 2', date: '2026-02-27', phase: 'open' }, perPersonExport: true });
    expect(res.body.windows.map((w: { title: string; state: string }) => [w.title, w.state])).toEqual([['Check in 2', 'open'], ['Check in 1', 'closed']]);
    const hilltop = res.body.schools.find((s: { school: string }) => s.school === 'Hilltop Primary');
    expect(hilltop).toEqual({ school: 'Hilltop Primary', asked: 2, prompted: 0, submitted: 2, onTime: 1, late: 1, notSubmitted: 0, acknowledged: 1, awaitingAcknowledgement: 1 });
    expect(res.body.schools.find((s: { school: string }) => s.school === 'Riverside Academy')).toMatchObject({ asked: 3, submitted: 0, notSubmitted: 3 });

    const status = await completionStatus(ctx, api.world.org);
    expect(status.event?.id).toBe(res.body.event.id);
    const card = (row: { school: string; staff: number; prompted: number; submitted: number; onTime: number; awaitingAcknowledgement: number }) => [row.school, row.staff, row.prompted, row.submitted, row.onTime, row.awaitingAcknowledgement];
    const tab = (row: { school: string; asked: number; prompted: number; submitted: number; onTime: number; awaitingAcknowledgement: number }) => [row.school, row.asked, row.prompted, row.submitted, row.onTime, row.awaitingAcknowledgement];
    expect(res.body.schools.map(tab)).toEqual(status.schools.map(card));
    expect(tab(res.body.total)).toEqual(card(status.total));
    // And the card the admin channel shows carries those numbers.
    const cardText = JSON.stringify(buildStatusCard(status, api.world.org.policy.timezone));
    expect(cardText).toContain('Completion · Check in 2');
    expect(cardText).toContain('Hilltop Primary');
  });

  it('shows an earlier window when asked; an upcoming one is refused by name, an unknown one not found', async () => {
    const closed = await as(api.world.paula, `/api/v1/progress?eventId=${encodeURIComponent(api.world.events.closed.id)}`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', event: { title: 'Check in 1' } });
    expect(closed.body.total).toMatchObject({ submitted: 1, onTime: 1, acknowledged: 0 });
    const upcoming = await as(api.world.paula, `/api/v1/progress?eventId=${encodeURIComponent(api.world.events.upcoming.id)}`);
    expect(upcoming.status).toBe(422);
    expect(upcoming.body.errors).toEqual([{ path: 'eventId', message: 'Check in 3 has not opened yet, so there is nothing to count.' }]);
    expect((await as(api.world.paula, '/api/v1/progress?eventId=nope')).status).toBe(404);
  });

  it('gives another organisation nothing of this one', async () => {
    const theirs = await as(otherAdmin, '/api/v1/progress');
    expect(theirs.status).toBe(200);
    expect(theirs.body.schools).toEqual([]);
    expect(JSON.stringify(theirs.body)).not.toContain('Hilltop');
    expect((await as(otherAdmin, `/api/v1/progress?eventId=${encodeURIComponent(api.world.events.open.id)}`)).status).toBe(404);
    const csv = await download(otherAdmin, `/api/v1/progress/people.csv?eventId=${encodeURIComponent(api.world.events.open.id)}`);
    expect(csv.status).toBe(404);
    const people = await download(otherAdmin, '/api/v1/progress/people.csv');
    expect(people.text).not.toContain(api.world.alice.displayName);
    const edits = await as(otherAdmin, '/api/v1/schedule/edits');
    expect(edits.status).toBe(200);
    expect(edits.body.items).toEqual([]);
  });

  it('downloads completion by school as a CSV: attachment, UTF-8 with BOM, audited', async () => {
    const res = await download(api.world.paula, '/api/v1/progress/schools.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="completion-by-school-check-in-2-2026-02-27.csv"');
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('School,Asked,Prompted,Submitted,On time,Late,Not submitted yet,Acknowledged by reviewer,Awaiting acknowledgement');
    expect(lines).toContain('Hilltop Primary,2,0,2,1,1,0,1,1');
    expect(lines.at(-1)).toMatch(/^All schools,/);
    const audit = (await api.repos.auditLog.list({ organisationId: api.world.org.id }, { subjectId: api.world.events.open.id })).items;
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'progress.exported', actor: expect.objectContaining({ personId: api.world.paula.id }), details: expect.objectContaining({ export: 'schools' }) })]));
  });

  it('downloads each person’s status, a formula-looking name made harmless, audited', async () => {
    const res = await download(api.world.paula, '/api/v1/progress/people.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="completion-by-person-check-in-2-2026-02-27.csv"');
    const lines = res.text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Name,Email,School,Reviewer,Submitted at,Status,Acknowledged by reviewer');
    expect(lines).toContain(`Alice Reviewee,${api.world.alice.email},Hilltop Primary,Rita Reviewer,2026-02-27 10:30,Late,No`);
    expect(lines).toContain(`Sam Colleague,${api.world.sam.email},Hilltop Primary,Rita Reviewer,2026-02-27 10:30,On time,Yes`);
    // The name starts with "=": prefixed with ' so a spreadsheet shows it as text; UTF-8 kept.
    expect(lines).toContain(`"'=HYPERLINK(""http://evil.example"",""Zoë"")",${priyaOther.email},Riverside Academy,Rita Reviewer,,Not submitted yet,`);
    const audit = (await api.repos.auditLog.list({ organisationId: api.world.org.id }, { subjectId: api.world.events.open.id })).items;
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'progress.exported', details: expect.objectContaining({ export: 'people', rows: lines.length - 1 }) })]));
  });

  it('withholds the per-person export where the policy keeps check-ins from PG admins', async () => {
    const { org } = api.world;
    const stored = (await api.repos.organisations.get(org.id))!;
    await api.repos.organisations.upsert({ ...stored, policy: { ...stored.policy, access: { ...stored.policy.access, pgAdminsSeeCheckIns: false } } });
    try {
      const progress = await as(api.world.paula, '/api/v1/progress');
      expect(progress.body.perPersonExport).toBe(false);
      const people = await download(api.world.paula, '/api/v1/progress/people.csv');
      expect(people.status).toBe(403);
      expect(JSON.parse(people.text).detail).toMatch(/does not let PG administrators see individual check-ins/);
      expect((await download(api.world.paula, '/api/v1/progress/schools.csv')).status).toBe(200);
    } finally {
      await api.repos.organisations.upsert(stored);
    }
  });

  it('links to the PG admin channel once one has been chosen', async () => {
    const { org, paula } = api.world;
    expect((await as(paula, '/api/v1/progress')).body.adminChannel).toBeUndefined();
    await api.repos.organisations.setAdminChannel(org.id, { teamId: '19:team@thread.tacv2', channelId: '19:admins@thread.tacv2' }, NOW);
    const res = await as(paula, '/api/v1/progress');
    expect(res.body.adminChannel).toEqual({ url: `https://teams.microsoft.com/l/channel/19%3Aadmins%40thread.tacv2/PG%20admin?tenantId=${org.id}` });
  });

  it('lists the schedule edits made from the admin channel, in words, with who and when', async () => {
    const { org, paula, events } = api.world;
    const actor = { person: paula, organisation: (await api.repos.organisations.get(org.id))! };
    const moved = await applyScheduleChange(ctx, actor, {
      type: 'move',
      eventId: events.upcoming.id,
      version: events.upcoming.version,
      draft: { kind: 'check-in', number: 3, title: 'Check in 3', date: '2026-03-20', window: { opens: '2026-03-20T08:00', closes: '2026-03-26T23:59' }, directedHours: events.upcoming.directedHours, alsoMarks: [] },
    });
    expect(moved.kind).toBe('applied');
    const res = await as(paula, '/api/v1/schedule/edits');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: expect.any(String), at: NOW.toISOString(), kind: 'moved', eventId: events.upcoming.id, summary: 'Moved Check in 3 from Fri 13 Mar to Fri 20 Mar', by: { id: paula.id, displayName: 'Paula Admin' } },
    ]);
  });
});
