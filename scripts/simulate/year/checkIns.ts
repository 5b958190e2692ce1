// A check-in (or optional check-in) through the year: its steps on the timeline, and what the
// simulated staff and reviewers decided, so the report can compare the model with what the app did.
//
// Steps, each at its own simulated time: the window opens (the scheduler's prompts go); most answer
// that morning; reviewers read them; the closing-day reminder goes to whoever has not answered; a
// few more answer after it; the window closes (digests go) and the latecomers answer; reviewers
// read the rest. An optional check-in is answered by fewer, never late, and nobody "misses" it.
import { DateTime } from 'luxon';
import { windowInstants } from '../../../shared/policy';
import type { Policy, ScheduleEvent } from '../../../shared/domain';
import { VERBS } from '../../../shared/verbs';
import { inBatches } from '../common';
import type { Moment, YearSim } from '../packs';
import { modelEligible, modelReviewer, TENANT, type YearPerson } from './world';

const HOUR = 3_600_000;

export interface CheckInPlan {
  event: ScheduleEvent;
  optional: boolean;
  /** Who the model expects to be prompted (eligible when the prompts are queued). */
  eligible: YearPerson[];
  onTime: YearPerson[];
  afterReminder: YearPerson[];
  late: YearPerson[];
  /** Submitted so far (person ids), as the steps run. */
  submitted: Set<string>;
  /** How many each reviewer decision the model made. */
  acknowledged: number;
  responded: number;
  /** Expected reminders: eligible people who had not answered when the reminder went. */
  expectedReminders: number | null;
  /** Check-ins a reviewer has looked at (whether or not they acted). */
  seen: Set<string>;
  /** The prompt's activity id per conversation, so a submit replies to its card as Teams does. */
  promptIds: Map<string, string>;
}

/**
 * When the model expects the closing reminder: the policy's checkIns.reminder (days before the
 * close, local time), if that falls inside the window; never for an optional check-in.
 */
function modelReminderAt(event: ScheduleEvent, policy: Policy): Date | undefined {
  if (event.kind === 'optional-check-in') return undefined;
  const { opensAt, closesAt } = windowInstants(event, policy.timezone);
  const { daysBeforeClose, at } = policy.checkIns.reminder;
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const remind = DateTime.fromJSDate(closesAt, { zone: policy.timezone }).minus({ days: daysBeforeClose }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
  return remind > opensAt && remind < closesAt ? remind : undefined;
}

export function planCheckIn(sim: YearSim, event: ScheduleEvent): CheckInPlan {
  const { world, random } = sim;
  const { opensAt } = windowInstants(event, world.tz);
  const optional = event.kind === 'optional-check-in';
  const eligible = world.people.filter((p) => modelEligible(world, p, new Date(opensAt.getTime() - 60_000)));
  const plan: CheckInPlan = { event, optional, eligible, onTime: [], afterReminder: [], late: [], submitted: new Set(), acknowledged: 0, responded: 0, expectedReminders: null, seen: new Set(), promptIds: new Map() };
  for (const p of eligible) {
    const roll = random();
    if (optional) {
      if (roll < 0.4) plan.onTime.push(p);
    } else if (roll < 0.7) plan.onTime.push(p);
    else if (roll < 0.8) plan.afterReminder.push(p);
    else if (roll < 0.88) plan.late.push(p);
  }
  return plan;
}

export function checkInMoments(sim: YearSim, plan: CheckInPlan): Moment[] {
  const { world, harness } = sim;
  const { event } = plan;
  const { opensAt, closesAt } = windowInstants(event, world.tz);
  const remindAt = modelReminderAt(event, world.policy);
  const at = (t: number) => new Date(Math.min(t, closesAt.getTime() - 60_000));
  const name = `${event.key} (${event.date})`;
  const moments: Moment[] = [
    {
      at: new Date(opensAt.getTime() + 60_000),
      label: `${name} opens`,
      run: async () => {
        await sim.settle(`${name} prompts`);
        for (const send of harness.connector.sent) {
          if (send.kind === 'update' || !send.activityId) continue;
          const json = JSON.stringify(send.activity);
          if (json.includes(VERBS.submitCheckIn) && json.includes(event.id) && !plan.promptIds.has(send.conversationId)) plan.promptIds.set(send.conversationId, send.activityId);
        }
      },
    },
    { at: at(opensAt.getTime() + 3 * HOUR), label: `${name}: on-time answers`, run: () => submitAll(sim, plan, plan.onTime, true) },
    { at: at(opensAt.getTime() + 6 * HOUR), label: `${name}: reviewers read`, run: () => review(sim, plan) },
  ];
  if (remindAt) {
    moments.push({
      at: new Date(remindAt.getTime() + 60_000),
      label: `${name}: closing-day reminder`,
      run: async () => {
        plan.expectedReminders = plan.eligible.filter((p) => !plan.submitted.has(p.personId!)).length;
        await sim.settle(`${name} reminders`);
      },
    });
  }
  const second = remindAt ? Math.min(remindAt.getTime() + 2 * HOUR, closesAt.getTime() - 2 * HOUR) : closesAt.getTime() - 2 * HOUR;
  moments.push(
    { at: at(second), label: `${name}: answers after the reminder`, run: () => submitAll(sim, plan, plan.afterReminder, false) },
    {
      at: new Date(closesAt.getTime() + 10 * HOUR),
      label: `${name} closed: digests, late answers`,
      run: async () => {
        await sim.settle(`${name} digests`);
        await submitAll(sim, plan, plan.late, false);
      },
    },
    { at: new Date(closesAt.getTime() + 12 * HOUR), label: `${name}: reviewers read the rest`, run: () => review(sim, plan) },
  );
  return moments;
}

async function submitAll(sim: YearSim, plan: CheckInPlan, who: YearPerson[], withRetries: boolean): Promise<void> {
  const { world, random } = sim;
  const submit = (p: YearPerson) => {
    const data: Record<string, string> = { eventId: plan.event.id, www: `${plan.event.title}: a good lesson`, ebi: 'More time for marking', score: String(1 + Math.floor(random() * 10)) };
    const praised = random() < 0.33 ? world.people[Math.floor(random() * world.people.length)]! : undefined;
    if (praised && praised !== p && !praised.excluded) {
      data.praiseIds = praised.personId!;
      data.praiseMessage = `Thanks for your help (${plan.event.key})`;
    }
    plan.submitted.add(p.personId!);
    return sim.poster.invoke(p, VERBS.submitCheckIn, data, plan.promptIds.get(`a:${p.teamsUserId}`));
  };
  await inBatches(who, 25, submit);
  // Teams retries and double clicks: they must not store or notify twice.
  if (withRetries) await inBatches(who.slice(0, 5), 5, (p) => sim.poster.invoke(p, VERBS.submitCheckIn, { eventId: plan.event.id, www: `${plan.event.title}: a good lesson`, ebi: 'More time for marking', score: '7' }, plan.promptIds.get(`a:${p.teamsUserId}`)));
  await sim.settle(`${plan.event.key}: ${who.length} answers`);
}

/** Reviewers read check-ins not yet read: nine in ten, six in ten of those with a response. */
async function review(sim: YearSim, plan: CheckInPlan): Promise<void> {
  const { world, random, harness } = sim;
  const stored = await harness.runtime.db.collection('checkIns').find({ organisationId: TENANT, eventId: plan.event.id }).toArray();
  const unread = stored.filter((c) => !plan.seen.has(String(c._id)));
  for (const c of unread) plan.seen.add(String(c._id));
  await inBatches(unread, 20, async (c) => {
    const owner = world.byPersonId.get(String(c.personId));
    const reviewer = owner && modelReviewer(world, owner);
    if (!reviewer || random() >= 0.9) return;
    if (random() < 0.6) {
      plan.responded += 1;
      await sim.poster.invoke(reviewer, VERBS.respondToCheckIn, { checkInId: String(c._id), responseAnchor: 'www', responseText: 'Thank you — lovely to read.' });
    } else {
      plan.acknowledged += 1;
      await sim.poster.invoke(reviewer, VERBS.acknowledgeCheckIn, { checkInId: String(c._id) });
    }
  });
  await sim.settle(`${plan.event.key}: reviews`);
}
