// "cycle next" in the admin channel through the real /api/messages (issue 14, "the next year"):
// the choices, a preview per source (roll-forward, a shipped pack, next year's table), Confirm,
// a second and a concurrent Confirm that create nothing more, bad table lines named, rocks carried
// over as drafts (seed 000 Appendix 2), and the audit entry.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Rock } from '../../../shared/domain';
import { getPolicyPack } from '../../../shared/policy';
import { ADMIN_VERBS } from '../../../shared/verbs';
import { cycleIdFor, eventIdFor } from '../../../bot/usecases/organisations';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { TEST_TENANT, personalMessage, postActivity } from '../../support/activities';
import { currentCycle } from '../../../bot/usecases/currentCycle';
import { ORG, actionData, cardOf, channelPosts, press, say, startWorld, textOf, type World } from './adminWorld';

/** The cycle covering the world's today (decided by date, not by the stored flag). */
async function currentCycleOf(w: World) {
  const organisation = await w.runtime.repos.organisations.get(ORG.organisationId);
  return organisation ? currentCycle(w.runtime.ctx, organisation) : null;
}

const next = getPolicyPack('tsfe-2026-27');
const NEXT_ID = cycleIdFor(TEST_TENANT, '2026-27');
const THIS_ID = cycleIdFor(TEST_TENANT, '2025-26');
const shape = (e: { key: string; kind: string; number?: number; title: string; date: string; window: unknown; directedHours: number; alsoMarks?: string[] }) => ({
  key: e.key, kind: e.kind, number: e.number, title: e.title, date: e.date, window: e.window, directedHours: e.directedHours, alsoMarks: e.alsoMarks ?? [],
});

/** Next year's table as an admin would paste it: the 2026-27 dates in Appendix 3's columns. */
const NEXT_TABLE = [
  'Date\tDay\tThink Ahead (TSFE)\tDuration (hrs)',
  ...next.cycle.events.map((e) => `${DateTime.fromISO(e.date).toFormat('dd/MM/yyyy')}\t${DateTime.fromISO(e.date).weekdayLong}\t${[e.title, ...e.alsoMarks].join(' / ')}\t${e.directedHours}`),
].join('\n');

async function personId(w: World, oid: string): Promise<string> {
  return (await w.runtime.repos.people.findByEntraObjectId(ORG, oid))!.id;
}

async function giveRock(w: World, owner: string, slotId: string, status: Rock['status'], rockWindowId = 'apr-aug'): Promise<Rock> {
  const at = new Date('2026-04-20T10:00:00Z');
  const rock: Rock = {
    id: randomUUID(), organisationId: TEST_TENANT, personId: owner, cycleId: THIS_ID, slotId, rockWindowId,
    title: `Rock ${slotId} ${status}`, description: 'Lead the reading programme', alignment: ['strategic-plan'],
    successCriteria: [{ id: randomUUID(), text: 'Every class reads daily', targetDate: '2026-07-01', done: true }],
    status, history: [], version: 0, createdAt: at, updatedAt: at,
  };
  await w.runtime.repos.rocks.create(ORG, rock);
  return rock;
}

async function nextEvents(w: World) {
  return (await w.runtime.repos.scheduleEvents.list(ORG, NEXT_ID)).sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
}

describe('starting the next cycle from the admin channel', () => {
  let connector: BotConnectorStandIn;
  let w: World;

  beforeAll(async () => {
    connector = await startBotConnectorStandIn({ retryAfterSeconds: 1 });
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    connector.reset();
    // July 2026: TSFE 2025-26 is ending; next year's Term 1 rocks are being agreed (Appendix 2).
    w = await startWorld(connector, new Date('2026-07-01T09:00:00Z'));
  });
  afterEach(async () => {
    await w.runtime.stop();
  });

  it('rolls 2025-26 forward: choices, a preview of every event and what differs, Confirm once, rocks carried as drafts, audited', async () => {
    const alex = await personId(w, 'oid-alex');
    const agreed = await giveRock(w, alex, 'rock-1', 'agreed');
    await giveRock(w, alex, 'rock-2', 'draft');
    await giveRock(w, alex, 'rock-3', 'completed');
    await giveRock(w, alex, 'rock-3', 'agreed', 'jan-mar');
    // Adele is paused for support: her agreed rock still carries over, for when the process resumes.
    const adele = (await w.runtime.repos.people.findByEntraObjectId(ORG, 'oid-adele'))!;
    await w.runtime.repos.people.upsertMany(ORG, [{ ...adele, status: 'paused', statusReason: 'support plan' }]);
    await giveRock(w, adele.id, 'rock-2', 'amended');

    const choices = cardOf(await say(w, 'megan', 'cycle next'));
    expect(textOf(choices)).toContain('Start the cycle after TSFE 2025-26');
    expect(textOf(choices)).toContain('2026-09-01 to 2027-08-31');
    expect(textOf(choices)).toContain('tsfe-2026-27');

    const preview = await press(w, 'megan', ADMIN_VERBS.previewNextCycle, actionData(choices, ADMIN_VERBS.previewNextCycle, 'Preview the roll-forward'));
    const text = textOf(preview);
    expect(text).toContain('Check and confirm TSFE 2026-27');
    expect(text).toContain('**Check in 1** · Fri 13 Nov 2026 (window Fri 13 Nov 08:00 – Thu 19 Nov 23:59, 0.25 h) — was Fri 14 Nov 2025 (52 weeks on)');
    expect(text).toContain('**Completion of review of last year** · Fri 18 Sep 2026 (window Tue 1 Sep 08:00 – Fri 18 Sep 23:59, 1 h)');
    expect(text).toContain('Good Friday');
    expect(text).toContain('2 agreed rocks of 2 people (Terms 5 & 6 (Apr–Aug 2026)) become drafts in Terms 1 & 2 (Sep–Dec 2026).');
    // Nothing exists until Confirm.
    expect(await w.runtime.repos.cycles.get(ORG, NEXT_ID)).toBeNull();

    const confirm = actionData(preview, ADMIN_VERBS.confirmNextCycle);
    const done = await press(w, 'megan', ADMIN_VERBS.confirmNextCycle, confirm);
    const announcement = 'Megan Bowen started TSFE 2026-27 (2026-09-01 to 2027-08-31) by rolling TSFE 2025-26 forward: 19 events. 2 agreed rocks carried over as drafts.';
    expect(textOf(done)).toContain(announcement);
    expect(channelPosts(w)).toEqual([announcement]);

    const cycle = await w.runtime.repos.cycles.get(ORG, NEXT_ID);
    expect(cycle).toMatchObject({ key: '2026-27', startsOn: '2026-09-01', endsOn: '2027-08-31', current: false, startedFrom: { kind: 'roll-forward', fromCycleId: THIS_ID } });
    expect(cycle!.rockWindows!.map((r) => r.startsOn)).toEqual(['2026-09-01', '2027-01-01', '2027-04-01']);
    // The new cycle's own events, the shipped 2026-27 pack's dates; this year's still current and intact.
    expect((await nextEvents(w)).map(shape)).toEqual(next.cycle.events.map(shape).sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key)));
    expect((await currentCycleOf(w))!.id).toBe(THIS_ID);
    expect(await w.runtime.repos.scheduleEvents.list(ORG, THIS_ID)).toHaveLength(19);

    const carried = await w.runtime.repos.rocks.listForPerson(ORG, alex, { cycleId: NEXT_ID });
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({ status: 'draft', rockWindowId: 'sep-dec', slotId: 'rock-1', title: agreed.title, alignment: ['strategic-plan'] });
    expect(carried[0]!.successCriteria).toEqual([expect.objectContaining({ text: 'Every class reads daily', done: false })]);
    expect(carried[0]!.successCriteria[0]!.targetDate).toBeUndefined();
    // Last year's rock is untouched.
    expect((await w.runtime.repos.rocks.get(ORG, agreed.id))!.status).toBe('agreed');

    const audit = await w.runtime.repos.auditLog.list(ORG, { page: 1, pageSize: 50 });
    expect(audit.items.filter((a) => a.action === 'cycle.started')).toEqual([
      expect.objectContaining({ subject: { kind: 'cycle', id: NEXT_ID }, details: expect.objectContaining({ from: THIS_ID, source: 'roll-forward', events: 19, carriedOver: 2 }) }),
    ]);

    // A second Confirm (the same card pressed again) creates nothing more and says who started it.
    const again = await press(w, 'megan', ADMIN_VERBS.confirmNextCycle, confirm);
    expect(textOf(again)).toContain('You already started TSFE 2026-27 (2026-09-01 to 2027-08-31), so nothing was changed.');
    expect(await nextEvents(w)).toHaveLength(19);
    expect(await w.runtime.repos.rocks.listForPerson(ORG, alex, { cycleId: NEXT_ID })).toHaveLength(1);
    expect(await w.runtime.repos.rocks.listForPerson(ORG, adele.id, { cycleId: NEXT_ID })).toEqual([expect.objectContaining({ status: 'draft', slotId: 'rock-2' })]);
    // And "cycle next" again previews no second copy: the next cycle exists.
    const secondTime = await press(w, 'patti', ADMIN_VERBS.previewNextCycle, { sourceKind: 'roll-forward' });
    expect(textOf(secondTime)).toContain('TSFE 2026-27 (2026-27) already exists');
  });

  it('corrects the started next cycle with "schedule next" before it begins (Move, Add), leaving this year alone', async () => {
    const preview = await press(w, 'megan', ADMIN_VERBS.previewNextCycle, { sourceKind: 'roll-forward' });
    const done = await press(w, 'megan', ADMIN_VERBS.confirmNextCycle, actionData(preview, ADMIN_VERBS.confirmNextCycle));
    expect(textOf(done)).toContain('Correct any date with \\"schedule next\\"');

    const card = cardOf(await say(w, 'megan', 'schedule next'));
    expect(textOf(card)).toContain('Schedule · TSFE 2026-27');
    expect(textOf(card)).toContain('Career conversations & mid-point reflections** · Fri 26 Mar');
    // The career conversation fell on Good Friday: move it to the Thursday before.
    const career = eventIdFor(TEST_TENANT, '2026-27', 'career-conversation');
    const moved = await press(w, 'megan', ADMIN_VERBS.previewEventChange, { mode: 'move', eventId: career, version: '0', date: '2027-03-25' });
    expect(textOf(moved)).toContain('Moves Career conversations & mid-point reflections from Fri 26 Mar to Thu 25 Mar');
    const applied = await press(w, 'megan', ADMIN_VERBS.confirmEventChange, actionData(moved, ADMIN_VERBS.confirmEventChange));
    expect(textOf(applied)).toContain('Megan Bowen moved Career conversations & mid-point reflections from Fri 26 Mar to Thu 25 Mar');
    expect((await w.runtime.repos.scheduleEvents.get(ORG, career))).toMatchObject({ date: '2027-03-25', window: { opens: '2027-03-25T08:00', closes: '2027-03-31T23:59' } });
    expect((await w.runtime.repos.scheduleEvents.get(ORG, eventIdFor(TEST_TENANT, '2025-26', 'career-conversation')))!.date).toBe('2026-03-27');

    // "Add an event" from that card adds to the next cycle, not this one.
    const add = actionData(card, ADMIN_VERBS.openEventForm, 'Add an event');
    expect(add).toEqual({ mode: 'add', cycleId: NEXT_ID });
    const form = await press(w, 'megan', ADMIN_VERBS.openEventForm, add);
    const addPreview = await press(w, 'megan', ADMIN_VERBS.previewEventChange, { ...actionData(form, ADMIN_VERBS.previewEventChange), kind: 'check-in', number: '14', title: 'Check in 14', date: '2027-07-23', hours: '0.25' });
    expect(textOf(addPreview)).toContain('Adds Check in 14 on Fri 23 Jul');
    await press(w, 'megan', ADMIN_VERBS.confirmEventChange, actionData(addPreview, ADMIN_VERBS.confirmEventChange));
    expect(await nextEvents(w)).toHaveLength(20);
    expect(await w.runtime.repos.scheduleEvents.list(ORG, THIS_ID)).toHaveLength(19);
  });

  it('started late (1 Dec 2026, after 2025-26 ended): events already over are left out, the new cycle is current and its open check-in is asked', async () => {
    w.clock.value = new Date('2026-12-01T10:00:00Z');
    const preview = await press(w, 'megan', ADMIN_VERBS.previewNextCycle, { sourceKind: 'roll-forward' });
    const text = textOf(preview);
    expect(text).toContain('4 of the new cycle\'s events are already over, so left out rather than shown as missed.');
    expect(text).toContain('Already over, so left out');
    expect(text).toContain('Check in 1 · Fri 13 Nov 2026');
    expect(text).toContain('**Check in 2** · Fri 27 Nov 2026');
    await press(w, 'megan', ADMIN_VERBS.confirmNextCycle, actionData(preview, ADMIN_VERBS.confirmNextCycle));
    expect((await nextEvents(w)).map((e) => e.key)).not.toContain('check-in-1');
    expect(await nextEvents(w)).toHaveLength(15);
    expect((await currentCycleOf(w))!.id).toBe(NEXT_ID);
    // Alex asks for his check-in in personal chat: Check in 2 of 2026-27 is open.
    const res = await postActivity(w.runtime.url!, { ...personalMessage({ id: '29:alex', aadObjectId: 'oid-alex', name: 'Alex Wilber' }, 'check in', { deliveryMode: 'expectReplies' }), serviceUrl: w.connector.url });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('Check in 2 · Fri 27 Nov');
  });

  it('two admins confirming at once: exactly one starts the cycle, the other is told who did', async () => {
    const preview = await press(w, 'megan', ADMIN_VERBS.previewNextCycle, { sourceKind: 'roll-forward' });
    const confirm = actionData(preview, ADMIN_VERBS.confirmNextCycle);
    const cards = await Promise.all([press(w, 'megan', ADMIN_VERBS.confirmNextCycle, confirm), press(w, 'patti', ADMIN_VERBS.confirmNextCycle, confirm), press(w, 'megan', ADMIN_VERBS.confirmNextCycle, confirm)]);
    const texts = cards.map(textOf);
    expect(texts.filter((t) => t.includes('"Done"'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('already started TSFE 2026-27'))).toHaveLength(2);
    expect(await w.runtime.repos.cycles.list(ORG)).toHaveLength(2);
    expect(await nextEvents(w)).toHaveLength(19);
    const audit = await w.runtime.repos.auditLog.list(ORG, { page: 1, pageSize: 50 });
    expect(audit.items.filter((a) => a.action === 'cycle.started')).toHaveLength(1);
  });

  it('finishes a start that was interrupted after the one-winner decision (no cycle stored yet)', async () => {
    const preview = await press(w, 'megan', ADMIN_VERBS.previewNextCycle, { sourceKind: 'roll-forward' });
    const confirm = actionData(preview, ADMIN_VERBS.confirmNextCycle);
    // Megan's confirm took the decision and then her process died before writing anything.
    const megan = await personId(w, 'oid-megan');
    await w.runtime.repos.decisions.take(ORG, 'next-cycle', THIS_ID, megan, w.clock.value, { cycleId: NEXT_ID, label: 'TSFE 2026-27', startsOn: '2026-09-01', endsOn: '2027-08-31', digest: confirm.digest, source: JSON.parse(String(confirm.source)) });
    // At first she may still be writing: Patti is told, and nothing is written twice.
    expect(textOf(await press(w, 'patti', ADMIN_VERBS.confirmNextCycle, confirm))).toContain('Megan Bowen already started TSFE 2026-27');
    expect(await w.runtime.repos.cycles.get(ORG, NEXT_ID)).toBeNull();
    // Minutes later the start is plainly interrupted: the next confirm finishes Megan's plan.
    w.clock.value = new Date(w.clock.value.getTime() + 5 * 60_000);
    const card = await press(w, 'patti', ADMIN_VERBS.confirmNextCycle, confirm);
    expect(textOf(card)).toContain('Megan Bowen already started TSFE 2026-27');
    expect(await w.runtime.repos.cycles.get(ORG, NEXT_ID)).toMatchObject({ key: '2026-27' });
    expect(await nextEvents(w)).toHaveLength(19);
  });

  it("starts it from next year's pasted table (the Appendix 3 import), with the same events as the shipped pack", async () => {
    const preview = cardOf(await say(w, 'megan', `cycle next table\n${NEXT_TABLE}`));
    expect(textOf(preview)).toContain('Check and confirm TSFE 2026-27');
    expect(textOf(preview)).toContain("next year's table");
    const done = await press(w, 'megan', ADMIN_VERBS.confirmNextCycle, actionData(preview, ADMIN_VERBS.confirmNextCycle));
    expect(textOf(done)).toContain("started TSFE 2026-27 (2026-09-01 to 2027-08-31) from next year's table: 19 events.");
    expect((await nextEvents(w)).map((e) => ({ ...shape(e), key: undefined }))).toEqual(
      next.cycle.events.map((e) => ({ ...shape(e), key: undefined })).sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title)),
    );
  });

  it("starts it from Appendix 3 as printed (no end-of-year row): the policy's end-of-year reflections are added, said so, and every event keeps this year's key", async () => {
    const appendix3 = NEXT_TABLE.split('\n').filter((l) => !l.includes('End-of-year reflection')).join('\n');
    const preview = cardOf(await say(w, 'megan', `cycle next table\n${appendix3}`));
    const text = textOf(preview);
    expect(text).toContain('Check and confirm TSFE 2026-27');
    expect(text).toContain('The table has no \\"End-of-year reflection sessions (June–August)\\"; your policy\'s reviews need it, so it is added on 2027-06-04');
    await press(w, 'megan', ADMIN_VERBS.confirmNextCycle, actionData(preview, ADMIN_VERBS.confirmNextCycle));
    const events = await nextEvents(w);
    expect(events.map((e) => e.key).sort()).toEqual(next.cycle.events.map((e) => e.key).sort());
    expect(events.find((e) => e.key === 'end-of-year-reflection')).toMatchObject({ date: '2027-06-04', window: { opens: '2027-06-04T08:00', closes: '2027-07-16T23:59' } });
  });

  it('names every bad line of a pasted table and creates nothing', async () => {
    const lines = NEXT_TABLE.split('\n');
    lines[4] = '13/11/2026\tThursday\tCheck in 1\t0.25';
    lines[5] = '31/02/2027\tFriday\tCheck in 2\t0.25';
    lines[6] = '12/12/2025\tFriday\tCheck in 3\t0.25';
    const card = cardOf(await say(w, 'megan', `cycle next table\n${lines.join('\n')}`));
    const text = textOf(card);
    expect(text).toContain('cannot be started yet');
    expect(text).toContain('line 5: 13/11/2026 is a Friday, not a Thursday');
    expect(text).toContain('line 6: 31/02/2027 is not a real date');
    expect(text).toContain('line 7: 12/12/2025 is outside the cycle TSFE 2026-27 (2026-09-01 to 2027-08-31)');
    expect(text).not.toContain('Confirm');
    expect(await w.runtime.repos.cycles.get(ORG, NEXT_ID)).toBeNull();
  });

  it('previews a shipped pack by name, and refuses an unknown one naming the field', async () => {
    const preview = textOf(cardOf(await say(w, 'megan', 'cycle next pack tsfe-2026-27')));
    expect(preview).toContain('Check and confirm TSFE 2026-27');
    expect(preview).toContain('the tsfe-2026-27 pack');
    const unknown = textOf(cardOf(await say(w, 'megan', 'cycle next pack tsfe-2030-31')));
    expect(unknown).toContain('packId: there is no shipped pack \\"tsfe-2030-31\\"');
  });

  it('is refused to someone who is not a PG administrator', async () => {
    const replies = await say(w, 'alex', 'cycle next');
    expect(replies.map((r) => r.text ?? '').join(' ')).toMatch(/only PG administrators/);
    const card = await press(w, 'alex', ADMIN_VERBS.confirmNextCycle, { source: JSON.stringify({ kind: 'roll-forward' }), digest: 'x' });
    expect(textOf(card)).toContain('Only PG administrators can do that');
    expect(await w.runtime.repos.cycles.get(ORG, NEXT_ID)).toBeNull();
  });
});
