// Issue 16, subject access (UK GDPR art. 15) through the real /api/v1: Alice downloads everything
// held about her (JSON and a readable page), a PG administrator downloads it for her (audited, and a
// record view she then sees), a colleague is refused, another organisation's administrator learns
// nothing (not even that she exists), the page escapes hostile text, and the export holds a record
// of every kind seeded — with her part only of colleagues' records.
import { dataExportSchema } from '../../../shared/api';
import { startApiHarness, type ApiHarness } from '../api/apiWorld';
import { HOSTILE, seedEveryKind, type PrivacySeed } from './privacyWorld';

describe('subject access: GET /me/data-export and /people/:id/data-export', () => {
  let api: ApiHarness;
  let seed: PrivacySeed;
  const org = () => ({ organisationId: api.world.org.id });
  const download = async (path: string, token?: string) => {
    const res = await fetch(`${api.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const exportsAudited = async () => (await api.repos.auditLog.list(org(), { subjectId: api.world.alice.id, pageSize: 100 })).items.filter((e) => e.action === 'subjectAccess.exported');
  const viewsOfAlice = () => api.repos.recordViews.listForSubject(org(), api.world.alice.id, { since: new Date(0), limit: 100 });

  beforeAll(async () => {
    api = await startApiHarness();
    seed = await seedEveryKind(api);
  });
  afterAll(async () => api.stop());

  it('gives Alice her own data as JSON: a record of every kind seeded, under plain headings, colleagues named only where she sees them', async () => {
    const res = await download('/api/v1/me/data-export?format=json', await api.tokenFor(api.world.alice));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="my-personal-data-2026-02-27.json"');
    const body = dataExportSchema.parse(JSON.parse(res.text));
    expect(body).toMatchObject({ person: { id: api.world.alice.id, displayName: 'Alice Reviewee' }, preparedFor: 'self', organisation: { name: 'Test Academy Trust', timeZone: 'Europe/London' } });
    const keys = body.sections.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining([
      'profile', 'check-ins', 'rocks', 'threads', 'comments-given', 'praise-received', 'praise-given', 'pending-thanks', 'feedback-asked', 'feedback-given',
      'reviews', 'review-records', 'support-plans', 'survey', 'career', 'career-comments', 'follow-ups', 'growth', 'groups', 'group-sessions', 'group-posts',
      'group-replies', 'moderation', 'governor-samples', 'sample-approvals', 'record-views', 'records-viewed', 'audit-about', 'audit-by', 'policy-versions',
      'teams', 'messages', 'decisions', 'legal-holds-put',
    ]));
    // Every record the map holds about or naming her is placed somewhere, none left in "other".
    const collected = await api.repos.personalData.collect(org(), api.world.alice.id);
    for (const collection of seed.collections) expect([collection, (collected[collection] ?? []).length > 0]).toEqual([collection, true]);
    expect(keys).not.toContain('other');
    // Colleagues' records that carry her inside other text: the sample item from her review, jobs about her records, audit details naming her.
    expect(body.sections.find((s) => s.key === 'governor-samples')!.items).toContainEqual(expect.objectContaining({ yourReflections: ['An anonymised reflection from her review'] }));
    expect(collected.outboxJobs!.map((j) => j.idempotencyKey)).toEqual(expect.arrayContaining([`reviewer-card:${api.world.aliceCheckIn.id}`, expect.stringMatching(/^rock-notice:/), expect.stringMatching(/^card-update:/), expect.stringMatching(/^growth-written:/)]));
    expect(collected.outboxJobs!.map((j) => j.idempotencyKey)).not.toContain(seed.samJobKey);
    expect(collected.outboxJobs!.map((j) => j.idempotencyKey)).not.toContain(seed.lookalikeJobKey);
    expect(collected.auditLog!.map((e) => e.action)).toEqual(expect.arrayContaining(['people.reviewerChanged', 'governorSample.drawn', 'directory.imported']));
    // Those entries are Sam's and the organisation's: the export says they mention her, not what else they hold.
    const mentions = body.sections.find((s) => s.key === 'audit-mentions')!;
    expect(mentions.items.map((i) => i.action).sort()).toEqual(['directory.imported', 'governorSample.drawn', 'people.reviewerChanged']);
    expect(JSON.stringify(mentions)).not.toMatch(/Cover|Rita|sample-/);
    const text = res.text;
    for (const mine of ['Alice’s reflection', 'Alice’s support target', 'Alice wants to lead science', 'Alice’s career notes', 'Alice’s career comment', 'Alice’s growth goal', 'Alice’s group post', 'Alice’s reply in the group', 'Thanks to whoever fixed the printer', 'Moderation note on Alice’s rock', 'Alice: better questioning', seed.answerForSam, 'Alice’s comment on Sam’s rock', 'Brilliant assembly, Alice', seed.givenPraiseMessage]) {
      expect([mine, text.includes(mine)]).toEqual([mine, true]);
    }
    // Typed text is exported exactly as typed, hostile or not.
    expect(body.sections.find((s) => s.key === 'check-ins')!.items.some((i) => (i.answers as { www?: string } | undefined)?.www === HOSTILE)).toBe(true);
    // Names where she is entitled to them: her reviewer's response, who praised her, who viewed her record.
    expect(body.sections.find((s) => s.key === 'praise-received')!.items).toEqual([expect.objectContaining({ from: 'Sam Colleague', message: 'Brilliant assembly, Alice' })]);
    expect(JSON.stringify(body.sections.find((s) => s.key === 'check-ins'))).toContain('"by":"Rita Reviewer"');
    expect(body.sections.find((s) => s.key === 'record-views')!.items).toEqual([expect.objectContaining({ viewer: 'Rita Reviewer' })]);
    expect(body.sections.find((s) => s.key === 'moderation')!.items).toEqual([expect.objectContaining({ by: 'a senior leader' })]);
    // Colleagues' own records are not hers: Sam's check-in, Sam's rock title, Rita's comment to Sam, why Sam is held.
    for (const theirs of [seed.samPrivateText, 'Sam private rock title', 'Rita to Sam, not for Alice', 'Sam’s tribunal', 'Oscar']) expect([theirs, text.includes(theirs)]).toEqual([theirs, false]);
    // Who changed her record is hers to know (the audit trail about her); nowhere else is the administrator named.
    expect(body.sections.filter((s) => JSON.stringify(s).includes('Paula Admin')).map((s) => s.key)).toEqual(['audit-about']);
    // The check-in a praise came from is never shown to its recipient.
    expect(JSON.stringify(body.sections.find((s) => s.key === 'praise-received'))).not.toContain('checkIn');
    const audited = await exportsAudited();
    expect(audited).toEqual([expect.objectContaining({ actor: expect.objectContaining({ personId: api.world.alice.id }), details: { format: 'json', preparedFor: 'self', records: expect.any(Number) } })]);
    // Her own download is not a view of her record by someone else.
    expect((await viewsOfAlice()).map((v) => v.kind)).toEqual(['check-ins']);
  });

  it('gives a readable page: self-contained, one heading per kind, dates in the organisation’s time zone, hostile text shown as text', async () => {
    const res = await download('/api/v1/me/data-export?format=html', await api.tokenFor(api.world.alice));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="my-personal-data-2026-02-27.html"');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    const html = res.text;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src="http|<img|onerror=alert\(1\)>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    for (const heading of ['Your check-ins', 'Praise you received', 'Praise you gave', 'Who viewed your record', 'Audit entries about you', 'Support plans']) expect(html).toContain(`${heading} <span class="count">`);
    // NOW is 12:00 UTC on 27 February: 12:00 in London (GMT); 09:00 UTC on 20 February is 09:00.
    expect(html).toContain('27 February 2026 at 12:00');
    expect(html).toContain('20 February 2026 at 09:00');
    expect(html).not.toContain(seed.samPrivateText);
  });

  it('lets a PG administrator download Alice’s data: audited without content, and Alice sees it among who viewed her record', async () => {
    const before = (await exportsAudited()).length;
    const res = await download(`/api/v1/people/${encodeURIComponent(api.world.alice.id)}/data-export?format=html`, await api.tokenFor(api.world.paula));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="alice-reviewee-personal-data-2026-02-27.html"');
    expect(res.text).toContain('Personal data held about Alice Reviewee');
    expect(res.text).toContain('by a PG administrator');
    const audited = await exportsAudited();
    expect(audited).toHaveLength(before + 1);
    const entry = audited.find((e) => e.actor.personId === api.world.paula.id)!;
    expect(entry.details).toEqual({ format: 'html', preparedFor: 'pg-admin', records: expect.any(Number) });
    expect(JSON.stringify(entry)).not.toMatch(/Alice’s|alert|printer/);
    const views = await viewsOfAlice();
    expect(views.filter((v) => v.kind === 'data-export')).toEqual([expect.objectContaining({ viewerPersonId: api.world.paula.id, role: 'pg-admin', what: 'a copy of everything held about you' })]);
    const mine = await api.call('/api/v1/me/record-views', { token: await api.tokenFor(api.world.alice) });
    expect(mine.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ viewer: { id: api.world.paula.id, displayName: 'Paula Admin' }, role: 'a PG administrator', what: 'a copy of everything held about you' })]));
  });

  it('refuses a colleague (403), and another organisation’s PG administrator as if Alice did not exist (404), noting nothing', async () => {
    const auditBefore = (await api.repos.auditLog.list(org(), { pageSize: 500 })).items.length;
    const viewsBefore = await viewsOfAlice();
    const sam = await download(`/api/v1/people/${api.world.alice.id}/data-export?format=json`, await api.tokenFor(api.world.sam));
    expect(sam.status).toBe(403);
    expect(sam.text).not.toMatch(/Alice|Reviewee/);
    for (const path of [`/api/v1/people/${api.world.alice.id}/erasure`]) expect((await api.call(path, { token: await api.tokenFor(api.world.sam) })).status).toBe(403);

    const otherAdmin = { ...api.world.oscar, roles: ['pg-admin' as const] };
    await api.repos.people.upsertMany({ organisationId: api.world.otherOrg.id }, [otherAdmin]);
    const token = await api.tokenFor(otherAdmin);
    const real = await download(`/api/v1/people/${api.world.alice.id}/data-export?format=json`, token);
    const invented = await download(`/api/v1/people/no-such-person/data-export?format=json`, token);
    expect(real.status).toBe(404);
    expect(invented.status).toBe(404);
    expect(JSON.parse(real.text)).toEqual(JSON.parse(invented.text));
    expect(real.text).not.toMatch(/Alice|Test Academy/);
    expect((await api.call(`/api/v1/people/${api.world.alice.id}/erasure`, { token })).status).toBe(404);
    // His own export holds nothing of the first organisation.
    const his = await download('/api/v1/me/data-export?format=json', token);
    expect(his.status).toBe(200);
    expect(his.text).not.toMatch(/Alice|Test Academy|Rita/);

    expect((await download('/api/v1/me/data-export?format=json')).status).toBe(401);
    expect(await viewsOfAlice()).toEqual(viewsBefore);
    expect((await api.repos.auditLog.list(org(), { pageSize: 500 })).items).toHaveLength(auditBefore);
  });

  it('refuses an unknown format clearly and audits nothing', async () => {
    const before = (await exportsAudited()).length;
    const res = await download('/api/v1/me/data-export?format=pdf', await api.tokenFor(api.world.alice));
    expect(res.status).toBe(422);
    expect(JSON.parse(res.text)).toMatchObject({ errors: [expect.objectContaining({ path: 'format', message: 'format is json or html' })] });
    expect(await exportsAudited()).toHaveLength(before);
  });
});
