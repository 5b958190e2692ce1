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

/** Problems found and duplicates counted, as the report's parts go through what happened. */
interface Tally {
  problems: string[];
  duplicates: number;
}

type StoredCheckIn = Record<string, unknown> & { _id: unknown };

/** One check-in's row: what the stand-in received and the database holds, against the model. */
function checkInRow(sim: YearSim, plan: CheckInPlan, sent: Sent, stored: StoredCheckIn[], tally: Tally) {
  const { event } = plan;
  const personOf = new Map(sim.world.people.map((p) => [`a:${p.teamsUserId}`, p.personId!]));
  const prompts = sent.prompts.get(event.id) ?? [];
  const reminders = sent.reminders.get(event.id) ?? [];
  tally.duplicates += prompts.length - unique(prompts) + (reminders.length - unique(reminders));
  const promptedPeople = new Set(prompts.map((c) => personOf.get(c) ?? c));
  const eligibleIds = new Set(plan.eligible.map((p) => p.personId!));
  const notEligible = [...promptedPeople].filter((id) => !eligibleIds.has(id));
  const notPrompted = plan.eligible.filter((p) => !promptedPeople.has(p.personId!));
  const problem = (text: string) => tally.problems.push(`${event.key}: ${text}`);
  if (notEligible.length) problem(`${notEligible.length} prompted who should not be`);
  if (notPrompted.length) problem(`${notPrompted.length} eligible not prompted (e.g. ${notPrompted[0]!.name})`);
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
  if (row.submitted !== expectSubmitted) problem(`${row.submitted} stored, ${expectSubmitted} submitted`);
  if (row.late !== plan.late.length) problem(`${row.late} late, ${plan.late.length} answered after the close`);
  if (row.onTime + row.late !== row.submitted) problem(`on time ${row.onTime} + late ${row.late} ≠ submitted ${row.submitted}`);
  if (!plan.optional && row.prompted !== submittedEligible + row.missed) problem(`prompted ${row.prompted} ≠ submitted ${submittedEligible} + missed ${row.missed}`);
  if (plan.expectedReminders !== null && row.reminded !== plan.expectedReminders) problem(`${row.reminded} reminded, ${plan.expectedReminders} had not answered`);
  if (plan.optional && row.reminded > 0) problem(`an optional check-in sent ${row.reminded} closing reminders`);
  for (const c of mine) {
    const cards = sent.reviewerCards.get(String(c._id)) ?? 0;
    if (cards > 1) tally.duplicates += cards - 1;
    if (c.reviewerId && cards === 0) problem(`the reviewer of ${String(c._id)} got no card`);
  }
  return row;
}

type Row = ReturnType<typeof checkInRow>;

function totalsOf(rows: Row[]) {
  const sum = (k: keyof Row) => rows.reduce((n, r) => n + Number(r[k]), 0);
  return { events: rows.length, eligible: sum('eligible'), prompted: sum('prompted'), submitted: sum('submitted'), onTime: sum('onTime'), late: sum('late'), missed: sum('missed'), reminded: sum('reminded') };
}

/** One digest per reviewer of anyone eligible, per check-in; returns how many arrived. */
function digests(sim: YearSim, plans: CheckInPlan[], sent: Sent, tally: Tally): number {
  let count = 0;
  for (const plan of plans) {
    const got = sent.digests.get(formatEventTitle(plan.event, sim.world.tz)) ?? 0;
    const expected = new Set(plan.eligible.map((p) => modelReviewer(sim.world, p)?.personId).filter(Boolean)).size;
    count += Math.min(got, expected);
    tally.duplicates += Math.max(0, got - expected);
    if (got < expected) tally.problems.push(`${plan.event.key}: ${got} reviewer digests, ${expected} reviewers`);
  }
  return count;
}

function reviews(plans: CheckInPlan[], stored: StoredCheckIn[], tally: Tally) {
  const acknowledged = stored.filter((c) => c.acknowledgement).length;
  const responses = stored.filter((c) => c.reviewerResponse).length;
  const modelResponses = plans.reduce((n, p) => n + p.responded, 0);
  // A response acknowledges too.
  const modelAcks = plans.reduce((n, p) => n + p.acknowledged, 0) + modelResponses;
  if (responses !== modelResponses) tally.problems.push(`${responses} responses stored, ${modelResponses} sent`);
  if (acknowledged !== modelAcks) tally.problems.push(`${acknowledged} acknowledged, ${modelAcks} acknowledged or responded`);
  return { acknowledged, responses };
}

async function praiseAndFeed(sim: YearSim, sent: Sent, tally: Tally) {
  const { harness } = sim;
  const praiseStored = await harness.runtime.db.collection('praise').countDocuments({ organisationId: TENANT });
  tally.duplicates += sent.praise.length - unique(sent.praise);
  if (unique(sent.praise) !== praiseStored) tally.problems.push(`${unique(sent.praise)} praise messages for ${praiseStored} praise stored`);
  const feedKeys = harness.graph.notifications.map((n) => {
    const body = n.body as { topic: unknown; activityType: string; previewText: unknown };
    return `${n.userId}|${JSON.stringify(body.topic)}|${body.activityType}|${JSON.stringify(body.previewText)}`;
  });
  tally.duplicates += feedKeys.length - unique(feedKeys);
  return { praiseNotified: unique(sent.praise), feedNotifications: feedKeys.length };
}

/** Left out by the policy: never prompted; a starter: prompted only from their start date. */
function leftOutAndStarters(sim: YearSim, plans: CheckInPlan[], sent: Sent, tally: Tally) {
  const { world } = sim;
  const everPrompted = new Set([...sent.prompts.values(), ...sent.reminders.values()].flat());
  const excluded = world.people.filter((p) => p.excluded);
  const excludedNotPrompted = excluded.filter((p) => !everPrompted.has(`a:${p.teamsUserId}`)).length;
  if (excludedNotPrompted !== excluded.length) tally.problems.push(`${excluded.length - excludedNotPrompted} of ${excluded.length} excluded people were prompted`);
  const starters = world.people
    .filter((p) => p.startedOn)
    .map((starter) => {
      const promptedFor = plans.filter((p) => (sent.prompts.get(p.event.id) ?? []).includes(`a:${starter.teamsUserId}`)).length;
      const expected = plans.filter((p) => p.eligible.includes(starter)).length;
      if (promptedFor !== expected) tally.problems.push(`the starter of ${starter.startedOn} got ${promptedFor} prompts, ${expected} expected`);
      return { startedOn: starter.startedOn, promptedFor };
    });
  return { excludedNotPrompted, starters };
}

const escapeRegExp = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A window's deadline cards as the stand-in received them: prompts, reminders and overdue flags. */
interface DeadlineCards {
  prompts: string[]; // conversation ids
  reminders: string[];
  overdue: string[];
  reviewerFlags: string[]; // reviewer conversation id | whose rocks
}

function deadlineCards(sim: YearSim, label: string): DeadlineCards {
  const l = escapeRegExp(label);
  const open = new RegExp(`"text":"Time to set your [^"]* for ${l}"`);
  const due = new RegExp(`"text":"Your [^"]* for ${l} are due by `);
  const mine = new RegExp(`"text":"Your [^"]* for ${l} are overdue"`);
  const theirs = new RegExp(`"text":"([^"]*)'s [^"]* for ${l} are overdue"`);
  const out: DeadlineCards = { prompts: [], reminders: [], overdue: [], reviewerFlags: [] };
  for (const send of sim.harness.connector.sent) {
    if (send.kind === 'update') continue;
    const json = JSON.stringify(send.activity);
    if (open.test(json)) out.prompts.push(send.conversationId);
    else if (due.test(json)) out.reminders.push(send.conversationId);
    else if (mine.test(json)) out.overdue.push(send.conversationId);
    else {
      const about = theirs.exec(json)?.[1];
      if (about) out.reviewerFlags.push(`${send.conversationId}|${about}`);
    }
  }
  return out;
}

/**
 * Each deadline's cards against the model: prompts and reminders once each and never to anyone
 * left out; the overdue flag to exactly those who missed it and to each one's reviewer; the PG
 * admin's figures the same as the database's.
 */
function deadlineChecks(sim: YearSim, r: RockPlan, tally: Tally) {
  const { world } = sim;
  const cards = deadlineCards(sim, r.window.label);
  const problem = (text: string) => tally.problems.push(`rocks ${r.window.id}: ${text}`);
  for (const list of Object.values(cards)) tally.duplicates += list.length - unique(list);
  const conv = (p: { teamsUserId: string }) => `a:${p.teamsUserId}`;
  const leftOut = new Set(world.people.filter((p) => p.excluded).map(conv));
  const toLeftOut = [...cards.prompts, ...cards.reminders, ...cards.overdue, ...cards.reviewerFlags.map((k) => k.split('|')[0]!)].filter((c) => leftOut.has(c));
  if (toLeftOut.length) problem(`${toLeftOut.length} deadline cards to people the policy leaves out`);
  if (r.expectedReminders !== undefined && unique(cards.reminders) !== r.expectedReminders) problem(`${unique(cards.reminders)} deadline reminders, ${r.expectedReminders} had no rock agreed`);
  if (r.missedIds) {
    const missed = world.people.filter((p) => r.missedIds!.has(p.personId!));
    const flagged = new Set(cards.overdue);
    const notFlagged = missed.filter((p) => !flagged.has(conv(p)));
    const wronglyFlagged = [...flagged].filter((c) => !missed.some((p) => conv(p) === c));
    if (notFlagged.length) problem(`${notFlagged.length} who missed the deadline were not flagged (e.g. ${notFlagged[0]!.name})`);
    if (wronglyFlagged.length) problem(`${wronglyFlagged.length} flagged overdue who had not missed it (e.g. ${wronglyFlagged[0]})`);
    const expectedCopies = new Set(missed.flatMap((p) => { const rv = modelReviewer(world, p); return rv ? [`${conv(rv)}|${p.name}`] : []; }));
    const copies = new Set(cards.reviewerFlags);
    const missingCopies = [...expectedCopies].filter((k) => !copies.has(k)).length;
    const extraCopies = [...copies].filter((k) => !expectedCopies.has(k)).length;
    if (missingCopies || extraCopies) problem(`reviewers' overdue copies: ${missingCopies} missing, ${extraCopies} not expected`);
    const a = r.appFigures;
    if (!a) problem('no figures from GET /rock-deadlines');
    else if (a.missed !== missed.length || a.stillOverdue !== missed.length || a.staff !== r.takingPart) problem(`the PG admin sees ${a.missed} missed (${a.stillOverdue} still overdue) of ${a.staff}; ${missed.length} missed of ${r.takingPart}`);
  }
  return { prompts: unique(cards.prompts), reminders: unique(cards.reminders), overdueFlags: unique(cards.overdue), reviewerFlags: unique(cards.reviewerFlags) };
}

async function rocks(sim: YearSim, rockPlans: RockPlan[], tally: Tally) {
  for (const r of rockPlans) {
    if (r.missedAtDeadline !== r.expectedMissed) tally.problems.push(`rocks ${r.window.id}: ${r.missedAtDeadline} missed the deadline, ${r.expectedMissed} expected`);
  }
  const cards = rockPlans.map((r) => deadlineChecks(sim, r, tally));
  const stored = await sim.harness.runtime.db.collection('rocks').find({ organisationId: TENANT }).toArray();
  const withAction = (action: string) => stored.filter((rock) => (rock.history as Array<{ action: string }>).some((h) => h.action === action)).length;
  const rocksProposed = withAction('proposed');
  const rocksAgreed = withAction('agreed');
  const modelProposed = rockPlans.reduce((n, r) => n + r.proposedCount, 0);
  const modelAgreed = rockPlans.reduce((n, r) => n + r.agreedCount, 0);
  if (rocksProposed !== modelProposed) tally.problems.push(`${rocksProposed} rocks proposed in the database, ${modelProposed} proposed`);
  if (rocksAgreed !== modelAgreed) tally.problems.push(`${rocksAgreed} rocks agreed in the database, ${modelAgreed} agreed`);
  return {
    rocksProposed,
    rocksAgreed,
    rockDeadlinesMissed: rockPlans.reduce((n, r) => n + (r.missedAtDeadline ?? 0), 0),
    rockWindows: rockPlans.map((r, i) => ({ id: r.window.id, setBy: r.window.setBy ?? null, proposed: r.proposedCount, agreed: r.agreedCount, deadlineMissed: r.missedAtDeadline ?? null, ...cards[i] })),
  };
}

export async function yearReport(sim: YearSim, plans: CheckInPlan[], rockPlans: RockPlan[], reached: Record<string, number>) {
  const { world, harness } = sim;
  const tally: Tally = { problems: [], duplicates: 0 };
  const sent = classify(sim);
  const stored = (await harness.runtime.db.collection('checkIns').find({ organisationId: TENANT }).toArray()) as StoredCheckIn[];
  const rows = plans.map((plan) => checkInRow(sim, plan, sent, stored, tally));
  const required = rows.filter((_, i) => !plans[i]!.optional);
  const optional = rows.filter((_, i) => plans[i]!.optional);
  const reachedTotal = Object.values(reached).reduce((a, b) => a + b, 0);
  if (reachedTotal !== world.events.length) tally.problems.push(`${reachedTotal} of ${world.events.length} events reached`);
  const reviewerDigests = digests(sim, plans, sent, tally);
  const result = {
    events: { total: world.events.length, reached: reachedTotal, byKind: reached },
    checkIns: { perEvent: required, totals: totalsOf(required) },
    optionalCheckIns: { perEvent: optional.map(({ key, date, eligible, prompted, submitted, reminded }) => ({ key, date, eligible, prompted, submitted, reminded })), totals: totalsOf(optional) },
    ...(await rocks(sim, rockPlans, tally)),
    ...reviews(plans, stored, tally),
    ...(await praiseAndFeed(sim, sent, tally)),
    reviewerDigests,
    ...leftOutAndStarters(sim, plans, sent, tally),
    throttled: harness.connector.stats().throttled,
    duplicates: tally.duplicates,
    errors: sim.poster.errors + sim.api.errors + (await harness.runtime.repos.outboxJobs.countByStatus({ organisationId: TENANT })).failed,
  };
  return { problems: tally.problems, result };
}
