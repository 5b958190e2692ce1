// A reviewer's team (DESIGN.md: "sees who on the team is overdue"): for each person they review or
// coach, the last check-in, the ones still to acknowledge, whether they have checked in for the
// open (or last closed) check-in, and rocks waiting for agreement.
import type { CheckIn, Person, Rock, ScheduleEvent } from '../../shared/domain';
import { isEligible, openEventAt, windowInstants } from '../../shared/policy';
import { hasLeft, permittedRole, rolesOf, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { currentCycle } from './currentCycle';
import { isGroupMode } from './groupSessions';
import { personRockDeadlines, type PersonRockDeadline } from './rockDeadlines';
import { reminderFor } from './teamActions';

export interface TeamMemberView {
  person: Person;
  relationship: 'reviewer' | 'coach' | 'previous-reviewer';
  lastCheckIn?: CheckIn;
  awaitingAcknowledgement: CheckIn[];
  notCheckedIn?: { event: ScheduleEvent; state: 'open' | 'missed' };
  /** The policy does not ask them to check in (paused, excluded, ECT): not counted in "3 of 4 checked in". */
  notAsked?: boolean;
  rocksAwaitingAgreement: Rock[];
  /** Rock windows whose setting deadline passed without this person's rocks agreed (reviewer only). */
  rocksOverdue: PersonRockDeadline[];
  /** Their rocks this cycle: how many, and how many agreed (or completed) — reviewer only. */
  rockCounts?: { total: number; agreed: number };
  /** The gentle reminder sent for the open check-in (once per person per window). */
  reminder?: { at: Date; byPersonId: string };
}

export interface TeamView {
  /** The check-in the "not checked in" flags are about. */
  checkIn?: ScheduleEvent;
  events: ScheduleEvent[];
  members: TeamMemberView[];
}

const AGREED = new Set<Rock['status']>(['agreed', 'completed']);

export async function getTeam(ctx: UseCaseContext, actor: Actor): Promise<TeamView> {
  const org = scopeOf(actor);
  const policy = actor.organisation.policy;
  const candidates = await ctx.repos.people.listReviewees(org, actor.person.id);
  // listReviewees matches line manager or coach; the policy decides which of those reviews.
  // The access table's roles, so someone who has left has no team.
  const team = candidates.flatMap((person): Array<{ person: Person; relationship: 'reviewer' | 'coach' }> => {
    if (person.id === actor.person.id) return [];
    const roles = rolesOf(actor, person);
    if (roles.has('reviewer')) return [{ person, relationship: 'reviewer' }];
    if (roles.has('coach')) return [{ person, relationship: 'coach' }];
    return [];
  });
  const cycle = await currentCycle(ctx, actor.organisation);
  const events = cycle ? await ctx.repos.scheduleEvents.list(org, cycle.id) : [];
  const now = ctx.now();
  // Group mode (seed 004): a check-in is the group's session, not an individual one to chase.
  const focus = isGroupMode(actor.organisation) ? undefined : (openEventAt(events, now, policy.timezone, ['check-in']) ?? lastClosedCheckIn(events, now, policy.timezone));
  const focusState: 'open' | 'missed' | undefined = focus ? (windowInstants(focus, policy.timezone).closesAt.getTime() >= now.getTime() ? 'open' : 'missed') : undefined;
  const reviewed = team.filter((m) => m.relationship === 'reviewer').map((m) => m.person.id);
  const awaitingRocks = await ctx.repos.rocks.listAwaitingAgreement(org, reviewed);
  const titles = new Map(events.map((e) => [e.id, e]));

  const members = await Promise.all(
    team.map(async ({ person, relationship }): Promise<TeamMemberView> => {
      const checkIns = cycle ? await ctx.repos.checkIns.listForPerson(org, person.id, { cycleId: cycle.id }) : [];
      // Someone outside the process (paused, ECT, short contract) is never overdue.
      const notAsked = !isEligible(person, policy, now).eligible;
      const submittedFocus = focus ? checkIns.some((c) => c.eventId === focus.id) || notAsked : true;
      const reviewer = relationship === 'reviewer';
      const rocks = reviewer && cycle ? await ctx.repos.rocks.listForPerson(org, person.id, { cycleId: cycle.id }) : [];
      const reminder = reviewer && focus && focusState === 'open' && !submittedFocus ? await reminderFor(ctx, actor, focus.id, person.id) : null;
      return {
        person,
        relationship,
        // policy.access: a coach who may not read check-ins is not shown the last one (a missing one still shows).
        lastCheckIn: permittedRole(actor, 'check-ins', 'read', person) ? checkIns[0] : undefined,
        // A check-in sent to a previous reviewer is theirs to finish (access.ts mayReviewCheckIn).
        awaitingAcknowledgement: relationship === 'reviewer' ? checkIns.filter((c) => !c.acknowledgement && (!c.reviewerId || c.reviewerId === actor.person.id)).reverse() : [],
        notCheckedIn: focus && focusState && !submittedFocus && titles.has(focus.id) ? { event: focus, state: focusState } : undefined,
        rocksAwaitingAgreement: relationship === 'reviewer' ? awaitingRocks.filter((r) => r.personId === person.id) : [],
        rocksOverdue: relationship === 'reviewer' ? (await personRockDeadlines(ctx, actor.organisation, person)).filter((d) => d.state === 'overdue') : [],
        notAsked: notAsked || undefined,
        rockCounts: reviewer ? { total: rocks.length, agreed: rocks.filter((r) => AGREED.has(r.status)).length } : undefined,
        reminder: reminder ?? undefined,
      };
    }),
  );
  return { checkIn: focus, events, members: [...members, ...(await previouslyReviewed(ctx, actor, new Set(team.map((m) => m.person.id))))] };
}

/** People the actor no longer reviews whose check-ins sent to them wait for their acknowledgement (a review in flight). */
async function previouslyReviewed(ctx: UseCaseContext, actor: Actor, current: Set<string>): Promise<TeamMemberView[]> {
  const org = scopeOf(actor);
  const waiting = (await ctx.repos.checkIns.listForReviewer(org, actor.person.id)).filter((c) => !c.acknowledgement && !current.has(c.personId) && c.personId !== actor.person.id);
  if (waiting.length === 0 || hasLeft(actor.person)) return [];
  const people = await ctx.repos.people.getMany(org, waiting.map((c) => c.personId));
  return people.map((person) => ({
    person,
    relationship: 'previous-reviewer' as const,
    awaitingAcknowledgement: waiting.filter((c) => c.personId === person.id).reverse(),
    rocksAwaitingAgreement: [],
    rocksOverdue: [],
  }));
}

function lastClosedCheckIn(events: ScheduleEvent[], now: Date, timezone: string): ScheduleEvent | undefined {
  let best: { event: ScheduleEvent; closesAt: number } | undefined;
  for (const event of events) {
    if (event.kind !== 'check-in' || event.status !== 'scheduled') continue;
    const closesAt = windowInstants(event, timezone).closesAt.getTime();
    if (closesAt < now.getTime() && (!best || closesAt > best.closesAt)) best = { event, closesAt };
  }
  return best?.event;
}
