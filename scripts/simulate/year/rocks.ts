// Rock-setting windows (the cycle's own, else the policy's rocks.windows) through the year, through /api/v1 as the tab
// does it: staff list their rocks for the window (carried-over drafts included), write one per
// slot and propose it; their reviewer (per the policy's rule) agrees. Most do it in good time; a
// few propose only after the deadline, and a few reviewers agree only after it. At each deadline
// the database is asked who, among those taking part, has no rock agreed by then.
import { DateTime } from 'luxon';
import type { Policy } from '../../../shared/domain';
import { rockWindowsOf } from '../../../shared/policy';
import { inBatches } from '../common';
import type { Moment, YearSim } from '../packs';
import { modelEligible, modelReviewer, TENANT, type YearPerson } from './world';

type RockWindow = Policy['rocks']['windows'][number];

export interface RockPlan {
  window: RockWindow;
  /** Past this instant a rock not agreed is a missed deadline; undefined when the window sets none. */
  deadline?: Date;
  onTime: YearPerson[];
  agreedLate: YearPerson[];
  proposedLate: YearPerson[];
  /** Rocks proposed per person id, with the version to agree. */
  proposed: Map<string, Array<{ id: string; version: number }>>;
  proposedCount: number;
  agreedCount: number;
  /** Counted from the database at the deadline, and what the model expected. */
  missedAtDeadline?: number;
  expectedMissed?: number;
  /** Who the model expects to be flagged overdue: taking part at the deadline, no rock agreed by it. */
  missedIds?: Set<string>;
  /** At the deadline reminder (rocks.deadlines: days before, at): who taking part had no rock agreed. */
  expectedReminders?: number;
  /** How many the model has taking part at the deadline. */
  takingPart?: number;
  /** The PG admin's figures (GET /rock-deadlines) for the window once the overdue flags have gone. */
  appFigures?: { staff: number; missed: number; stillOverdue: number };
}

function localAt(date: string, time: string, tz: string): DateTime {
  return DateTime.fromISO(`${date}T${time}`, { zone: tz });
}

export function planRocks(sim: YearSim): Array<{ plan: RockPlan; moments: Moment[] }> {
  const { world } = sim;
  return rockWindowsOf(world.policy, world.pack.cycle).map((window) => {
    const starts = localAt(window.startsOn, '10:00', world.tz);
    const deadline = window.setBy ? localAt(window.setBy, '23:59', world.tz).endOf('minute') : undefined;
    let propose = starts.plus({ days: 14 });
    if (deadline && propose > deadline.minus({ days: 3 })) propose = DateTime.max(starts, deadline.minus({ days: 3 }).set({ hour: 10, minute: 0 }));
    const plan: RockPlan = { window, deadline: deadline?.toJSDate(), onTime: [], agreedLate: [], proposedLate: [], proposed: new Map(), proposedCount: 0, agreedCount: 0 };
    for (const p of world.people.filter((x) => modelEligible(world, x, propose.toJSDate()))) {
      const roll = sim.random();
      if (!deadline || roll >= 0.09) plan.onTime.push(p);
      else if (roll < 0.05) plan.proposedLate.push(p);
      else plan.agreedLate.push(p);
    }
    const label = `rocks ${window.id}`;
    const moments: Moment[] = [
      { at: propose.toJSDate(), label: `${label}: staff propose`, run: () => proposeAll(sim, plan, [...plan.onTime, ...plan.agreedLate]) },
      { at: propose.plus({ days: 1, hours: 4 }).toJSDate(), label: `${label}: reviewers agree`, run: () => agreeAll(sim, plan, plan.onTime) },
    ];
    if (deadline) {
      const after = deadline.plus({ minutes: 1 });
      // The policy's rocks.deadlines.at on the day after the deadline: the overdue flags go.
      const overdueAt = localAt(deadline.plus({ days: 1 }).toISODate()!, world.policy.rocks.deadlines.at, world.tz).plus({ minutes: 1 });
      // The reminder before the deadline (the scheduler ticks every minute in life; here, a step).
      const rules = world.policy.rocks.deadlines;
      const remindAt = localAt(deadline.minus({ days: rules.reminderDaysBefore }).toISODate()!, rules.at, world.tz).plus({ minutes: 1 });
      if (remindAt > starts && remindAt < deadline) moments.push({ at: remindAt.toJSDate(), label: `${label}: deadline reminder`, run: () => reminder(sim, plan) });
      moments.push(
        { at: after.toJSDate(), label: `${label}: deadline ${window.setBy}`, run: () => atDeadline(sim, plan) },
        { at: overdueAt.toJSDate(), label: `${label}: overdue flags`, run: () => overdue(sim, plan) },
        {
          at: after.plus({ days: 2 }).set({ hour: 10 }).toJSDate(),
          label: `${label}: late rocks`,
          run: async () => {
            await proposeAll(sim, plan, plan.proposedLate);
            await agreeAll(sim, plan, [...plan.agreedLate, ...plan.proposedLate]);
          },
        },
      );
    }
    return { plan, moments };
  });
}

async function proposeAll(sim: YearSim, plan: RockPlan, who: YearPerson[]): Promise<void> {
  const { world, api } = sim;
  const slots = world.policy.rocks.slots;
  const alignment = world.policy.alignment.options.slice(0, 2).map((o) => o.code);
  await inBatches(who, 10, async (p) => {
    const listed = await api.call(p, 'GET', `/people/${encodeURIComponent(p.personId!)}/rocks?rockWindowId=${encodeURIComponent(plan.window.id)}&pageSize=200`);
    const existing = new Map<string, { id: string; version: number; status: string }>(((listed.body?.items ?? []) as Array<{ id: string; version: number; status: string; slotId: string }>).map((r) => [r.slotId, r]));
    const mine: Array<{ id: string; version: number }> = [];
    for (const slot of slots) {
      let rock = existing.get(slot.id);
      if (!rock) {
        const created = await api.call(p, 'POST', '/rocks', {
          slotId: slot.id,
          rockWindowId: plan.window.id,
          title: `${slot.theme}: ${p.name}'s ${plan.window.label}`,
          description: 'What I will change and why it matters.',
          alignment,
          successCriteria: [{ text: 'First measurable step' }, { text: 'Second measurable step' }],
        });
        if (created.status !== 201) continue;
        rock = created.body;
      }
      if (rock!.status !== 'draft') continue;
      const proposed = await api.call(p, 'POST', `/rocks/${encodeURIComponent(rock!.id)}/propose`, { version: rock!.version });
      if (proposed.status === 200) {
        plan.proposedCount += 1;
        mine.push({ id: proposed.body.id, version: proposed.body.version });
      }
    }
    plan.proposed.set(p.personId!, mine);
  });
  await sim.settle(`rocks ${plan.window.id}: ${who.length} proposed`);
}

async function agreeAll(sim: YearSim, plan: RockPlan, who: YearPerson[]): Promise<void> {
  const { world, api } = sim;
  await inBatches(who, 10, async (p) => {
    const reviewer = modelReviewer(world, p);
    if (!reviewer) return;
    for (const rock of plan.proposed.get(p.personId!) ?? []) {
      const agreed = await api.call(reviewer, 'POST', `/rocks/${encodeURIComponent(rock.id)}/agree`, { version: rock.version, comment: 'Agreed — good luck.' });
      if (agreed.status === 200) plan.agreedCount += 1;
    }
  });
  await sim.settle(`rocks ${plan.window.id}: agreed`);
}

/** From the database: who taking part at the deadline has no rock agreed in the window by then. */
async function atDeadline(sim: YearSim, plan: RockPlan): Promise<void> {
  const { world, harness } = sim;
  await sim.settle(`rocks ${plan.window.id}: deadline`);
  const deadline = plan.deadline!;
  const rocks = await harness.runtime.db.collection('rocks').find({ organisationId: TENANT, rockWindowId: plan.window.id }).toArray();
  const agreedBy = new Set(
    rocks.filter((r) => (r.history as Array<{ action: string; at: Date }>).some((h) => (h.action === 'agreed' || h.action === 'amended') && h.at <= deadline)).map((r) => String(r.personId)),
  );
  const takingPart = world.people.filter((p) => modelEligible(world, p, deadline));
  plan.missedAtDeadline = takingPart.filter((p) => !agreedBy.has(p.personId!)).length;
  const onTime = new Set(plan.onTime.map((p) => p.personId!));
  const missed = takingPart.filter((p) => !onTime.has(p.personId!) || !modelReviewer(world, p));
  plan.expectedMissed = missed.length;
  plan.missedIds = new Set(missed.map((p) => p.personId!));
  plan.takingPart = takingPart.length;
}

/** The reminder goes (settle); from the database, who taking part then has no rock agreed yet. */
async function reminder(sim: YearSim, plan: RockPlan): Promise<void> {
  const { world, harness } = sim;
  await sim.settle(`rocks ${plan.window.id}: reminder`);
  const now = harness.clock.now;
  const rocks = await harness.runtime.db.collection('rocks').find({ organisationId: TENANT, rockWindowId: plan.window.id }).toArray();
  const agreed = new Set(rocks.filter((r) => (r.history as Array<{ action: string; at: Date }>).some((h) => h.action === 'agreed' && h.at <= now)).map((r) => String(r.personId)));
  plan.expectedReminders = world.people.filter((p) => modelEligible(world, p, now) && !agreed.has(p.personId!)).length;
}

/** The overdue flags' moment: they go (settle), and the PG admin's figures are read as the tab does. */
async function overdue(sim: YearSim, plan: RockPlan): Promise<void> {
  await sim.settle(`rocks ${plan.window.id}: overdue flags`);
  const { status, body } = await sim.api.call(sim.world.admin, 'GET', '/rock-deadlines');
  const row = status === 200 ? (body.windows as Array<{ rockWindowId: string; staff: number; missed: number; stillOverdue: number }>).find((w) => w.rockWindowId === plan.window.id) : undefined;
  if (row) plan.appFigures = { staff: row.staff, missed: row.missed, stillOverdue: row.stillOverdue };
}
