// The year's JSON line: what the stand-ins received and the database holds, per check-in and in
// total, set against what the simulated staff and reviewers did. Every mismatch is a problem, and
// any problem makes the run fail.
import { formatEventTitle } from '../../../shared/policy';
import { VERBS } from '../../../shared/verbs';
import type { YearSim } from '../packs';
import type { CheckInPlan } from './checkIns';
import type { RockPlan } from './rocks';
import { modelReviewer, TENANT } from './world';

interface Sent {
  prompts: Map<string, string[]>; // eventId → conversation ids
  reminders: Map<string, string[]>;
  reviewerCards: Map<string, number>; // checkInId → sends
  digests: Map<string, number>; // digest heading → sends
  praise: string[];
}

/** One pass over everything the Bot Connector stand-in received (new messages, not updates). */
function classify(sim: YearSim): Sent {
  const out: Sent = { prompts: new Map(), reminders: new Map(), reviewerCards: new Map(), digests: new Map(), praise: [] };
  const push = (map: Map<string, string[]>, key: string, value: string) => map.set(key, [...(map.get(key) ?? []), value]);
  for (const send of sim.harness.connector.sent) {
    if (send.kind === 'update') continue;
    const json = JSON.stringify(send.activity);
    const text = String((send.activity as { text?: string }).text ?? '');
    if (json.includes(VERBS.submitCheckIn)) {
      const eventId = /"eventId":"([^"]+)"/.exec(json)?.[1] ?? '?';
      push(/remind/i.test(text) ? out.reminders : out.prompts, eventId, send.conversationId);
    } else if (json.includes(VERBS.acknowledgeCheckIn) || json.includes(VERBS.respondToCheckIn)) {
      const checkInId = /"checkInId":"([^"]+)"/.exec(json)?.[1] ?? '?';
      out.reviewerCards.set(checkInId, (out.reviewerCards.get(checkInId) ?? 0) + 1);
    } else if (json.includes(': your team"')) {
      const heading = /"text":"([^"]+): your team"/.exec(json)?.[1] ?? '?';
      out.digests.set(heading, (out.digests.get(heading) ?? 0) + 1);
    } else if (text.includes(' praised you: ')) out.praise.push(`${send.conversationId}|${text}`);
  }
  return out;
}

const unique = (xs: readonly string[]) => new Set(xs).size;

export async function yearReport(sim: YearSim, plans: CheckInPlan[], rockPlans: RockPlan[], reached: Record<string, number>) {
  const { world, harness } = sim;
  const problems: string[] = [];
  const sent = classify(sim);
  let duplicates = 0;
  const stored = await harness.runtime.db.collection('checkIns').find({ organisationId: TENANT }).toArray();
  const convOf = new Map(world.people.map((p) => [`a:${p.teamsUserId}`, p]));

  const perEvent = plans.map((plan) => {
    const { event } = plan;
    const prompts = sent.prompts.get(event.id) ?? [];
    const reminders = sent.reminders.get(event.id) ?? [];
    duplicates += prompts.length - unique(prompts) + (reminders.length - unique(reminders));
    const promptedPeople = new Set(prompts.map((c) => convOf.get(c)?.personId ?? c));
    const eligibleIds = new Set(plan.eligible.map((p) => p.personId!));
    const notEligible = [...promptedPeople].filter((id) => !eligibleIds.has(id));
    const notPrompted = plan.eligible.filter((p) => !promptedPeople.has(p.personId!));
    if (notEligible.length) problems.push(`${event.key}: ${notEligible.length} prompted who should not be`);
    if (notPrompted.length) problems.push(`${event.key}: ${notPrompted.length} eligible not prompted (e.g. ${notPrompted[0]!.name})`);
    const mine = stored.filter((c) => c.eventId === event.id);
    const submittedEligible = mine.filter((c) => eligibleIds.has(String(c.personId))).length;
    const row = {
      key: event.key,
      date: event.date,
      eligible: plan.eligible.length,
      prompted: promptedPeople.size,
      submitted: mine.length,
      onTime: mine.filter((c) => c.timeliness === 'on-time').length,
      late: mine.filter((c) => c.timeliness === 'late').length,
      missed: plan.optional ? 0 : plan.eligible.length - submittedEligible,
      reminded: unique(reminders),
    };
    const expectSubmitted = plan.onTime.length + plan.afterReminder.length + plan.late.length;
    if (row.submitted !== expectSubmitted) problems.push(`${event.key}: ${row.submitted} stored, ${expectSubmitted} submitted`);
    if (row.late !== plan.late.length) problems.push(`${event.key}: ${row.late} late, ${plan.late.length} answered after the close`);
    if (row.onTime + row.late !== row.submitted) problems.push(`${event.key}: on time ${row.onTime} + late ${row.late} ≠ submitted ${row.submitted}`);
    if (!plan.optional && row.prompted !== submittedEligible + row.missed) problems.push(`${event.key}: prompted ${row.prompted} ≠ submitted ${submittedEligible} + missed ${row.missed}`);
    if (plan.expectedReminders !== null && row.reminded !== plan.expectedReminders) problems.push(`${event.key}: ${row.reminded} reminded, ${plan.expectedReminders} had not answered`);
    if (plan.optional && row.reminded > 0) problems.push(`${event.key}: an optional check-in sent ${row.reminded} closing reminders`);
    for (const c of mine) {
      const cards = sent.reviewerCards.get(String(c._id)) ?? 0;
      if (cards > 1) duplicates += cards - 1;
      if (c.reviewerId && cards === 0) problems.push(`${event.key}: the reviewer of ${String(c._id)} got no card`);
    }
    return row;
  });

  const sum = (rows: typeof perEvent, k: keyof (typeof perEvent)[number]) => rows.reduce((n, r) => n + Number(r[k]), 0);
  const totalsOf = (rows: typeof perEvent) => ({ events: rows.length, eligible: sum(rows, 'eligible'), prompted: sum(rows, 'prompted'), submitted: sum(rows, 'submitted'), onTime: sum(rows, 'onTime'), late: sum(rows, 'late'), missed: sum(rows, 'missed'), reminded: sum(rows, 'reminded') });
  const required = perEvent.filter((_, i) => !plans[i]!.optional);
  const optional = perEvent.filter((_, i) => plans[i]!.optional);

  // Digests: one per reviewer of anyone eligible, per check-in.
  let reviewerDigests = 0;
  for (const plan of plans) {
    const heading = formatEventTitle(plan.event, world.tz);
    const got = sent.digests.get(heading) ?? 0;
    const expected = new Set(plan.eligible.map((p) => modelReviewer(world, p)?.personId).filter(Boolean)).size;
    reviewerDigests += Math.min(got, expected);
    duplicates += Math.max(0, got - expected);
    if (got < expected) problems.push(`${plan.event.key}: ${got} reviewer digests, ${expected} reviewers`);
  }

  const acknowledged = stored.filter((c) => c.acknowledgement).length;
  const responses = stored.filter((c) => c.reviewerResponse).length;
  const modelResponses = plans.reduce((n, p) => n + p.responded, 0);
  const modelAcks = plans.reduce((n, p) => n + p.acknowledged, 0) + modelResponses;
  if (responses !== modelResponses) problems.push(`${responses} responses stored, ${modelResponses} sent`);
  if (acknowledged !== modelAcks) problems.push(`${acknowledged} acknowledged, ${modelAcks} acknowledged or responded`);

  const praiseStored = await harness.runtime.db.collection('praise').countDocuments({ organisationId: TENANT });
  duplicates += sent.praise.length - unique(sent.praise);
  if (unique(sent.praise) !== praiseStored) problems.push(`${unique(sent.praise)} praise messages for ${praiseStored} praise stored`);
  const feedKeys = harness.graph.notifications.map((n) => `${n.userId}|${JSON.stringify((n.body as { topic: unknown }).topic)}|${(n.body as { activityType: string }).activityType}|${JSON.stringify((n.body as { previewText: unknown }).previewText)}`);
  duplicates += feedKeys.length - unique(feedKeys);

  // Left out by the policy: never prompted; a starter: prompted only from their start date.
  const everPrompted = new Set([...sent.prompts.values(), ...sent.reminders.values()].flat());
  const excluded = world.people.filter((p) => p.excluded);
  const excludedNotPrompted = excluded.filter((p) => !everPrompted.has(`a:${p.teamsUserId}`)).length;
  if (excludedNotPrompted !== excluded.length) problems.push(`${excluded.length - excludedNotPrompted} of ${excluded.length} excluded people were prompted`);
  const starters = world.people.filter((p) => p.startedOn).map((starter) => {
    const promptedFor = plans.filter((p) => (sent.prompts.get(p.event.id) ?? []).includes(`a:${starter.teamsUserId}`)).length;
    const expected = plans.filter((p) => p.eligible.includes(starter)).length;
    if (promptedFor !== expected) problems.push(`the starter of ${starter.startedOn} got ${promptedFor} prompts, ${expected} expected`);
    return { startedOn: starter.startedOn, promptedFor };
  });

  for (const r of rockPlans) {
    if (r.missedAtDeadline !== r.expectedMissed) problems.push(`rocks ${r.window.id}: ${r.missedAtDeadline} missed the deadline, ${r.expectedMissed} expected`);
  }
  const rocks = await harness.runtime.db.collection('rocks').find({ organisationId: TENANT }).toArray();
  const withAction = (action: string) => rocks.filter((rock) => (rock.history as Array<{ action: string }>).some((h) => h.action === action)).length;
  const rocksProposed = withAction('proposed');
  const rocksAgreed = withAction('agreed');
  const modelProposed = rockPlans.reduce((n, r) => n + r.proposedCount, 0);
  const modelAgreed = rockPlans.reduce((n, r) => n + r.agreedCount, 0);
  if (rocksProposed !== modelProposed) problems.push(`${rocksProposed} rocks proposed in the database, ${modelProposed} proposed`);
  if (rocksAgreed !== modelAgreed) problems.push(`${rocksAgreed} rocks agreed in the database, ${modelAgreed} agreed`);

  return {
    problems,
    result: {
      events: { total: world.events.length, reached: Object.values(reached).reduce((a, b) => a + b, 0), byKind: reached },
      checkIns: { perEvent: required, totals: totalsOf(required) },
      optionalCheckIns: { perEvent: optional.map(({ key, date, eligible, prompted, submitted, reminded }) => ({ key, date, eligible, prompted, submitted, reminded })), totals: totalsOf(optional) },
      rocksProposed,
      rocksAgreed,
      rockDeadlinesMissed: rockPlans.reduce((n, r) => n + (r.missedAtDeadline ?? 0), 0),
      rockWindows: rockPlans.map((r) => ({ id: r.window.id, setBy: r.window.setBy ?? null, proposed: r.proposedCount, agreed: r.agreedCount, deadlineMissed: r.missedAtDeadline ?? null })),
      acknowledged,
      responses,
      praiseNotified: unique(sent.praise),
      feedNotifications: harness.graph.notifications.length,
      reviewerDigests,
      excludedNotPrompted,
      starters,
      throttled: harness.connector.stats().throttled,
      duplicates,
      errors: sim.poster.errors + sim.api.errors + (await harness.runtime.repos.outboxJobs.countByStatus({ organisationId: TENANT })).failed,
    },
  };
}
