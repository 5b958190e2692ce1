// "status" in the admin channel: how the open check-in (or the last one) is going, school by school.
import type { Organisation, Person, ScheduleEvent } from '../../shared/domain';
import { eligiblePeople, openEventAt, windowInstants } from '../../shared/policy';
import { CHECK_IN_KINDS } from './checkIns';
import type { UseCaseContext } from './context';
import { promptJobs, wasPrompted } from './schedule';
import { currentCycleEvents, cycleCalendar } from './currentCycle';
import { noCycleForAdmins } from '../schedule/cycleWords';
import { rockDeadlineSummary, type RockDeadlineSummary } from './rockDeadlines';
import { isGroupMode } from './groupSessions';
import type { CheckIn, Cycle, ReviewStage } from '../../shared/domain';
import { reviewProgressFor, type ProgressRow } from './yearReviewLists';

export interface SchoolCompletion {
  school: string;
  /** Eligible staff (seed 000's exclusions applied). */
  staff: number;
  prompted: number;
  submitted: number;
  onTime: number;
  /** Submitted but not yet acknowledged by the reviewer (seed 001: acknowledge every check-in). */
  awaitingAcknowledgement: number;
}

export interface CompletionStatus {
  event: ScheduleEvent | null;
  /** Whether the event's window is open now or has closed. */
  state: 'open' | 'closed' | 'none';
  schools: SchoolCompletion[];
  total: SchoolCompletion;
  /** When no cycle covers today: what the administrator should do. */
  notice?: string;
  /** Rock-setting deadlines of the cycle: who had their rocks agreed on time (rockDeadlinesMissed). */
  rockDeadlines?: RockDeadlineSummary;
  /** seed 004, group-mode organisations: each coaching group's session for the event (no one's answers). */
  groups?: GroupSessionStatus[];
  /** Issue 12: the open review stage (else the last one opened), school by school. */
  reviews?: ReviewStatusSection;
}

export interface ReviewStatusSection {
  stage: ReviewStage;
  eventTitle: string;
  state: 'open' | 'closed';
  rows: ProgressRow[];
  total: ProgressRow;
}

export interface GroupSessionStatus {
  group: string;
  members: number;
  /** Whether the session card is in the group's channel or chat. */
  posted: boolean;
  /** Why not, when it is not (no conversation mapped, not yet open). */
  note?: string;
  membersPosted: number;
  replies: number;
}

const NO_SCHOOL = '(no school)';

/** The check-in open now, else the one that closed most recently. */
export function statusEvent(events: readonly ScheduleEvent[], now: Date, timezone: string, kinds: readonly string[] = CHECK_IN_KINDS): { event: ScheduleEvent | null; state: CompletionStatus['state'] } {
  const open = openEventAt(events, now, timezone, kinds as typeof CHECK_IN_KINDS);
  if (open) return { event: open, state: 'open' };
  let last: { event: ScheduleEvent; closesAt: number } | undefined;
  for (const event of events) {
    if (event.status !== 'scheduled' || !kinds.includes(event.kind)) continue;
    const closesAt = windowInstants(event, timezone).closesAt.getTime();
    if (closesAt < now.getTime() && (!last || closesAt > last.closesAt)) last = { event, closesAt };
  }
  return last ? { event: last.event, state: 'closed' } : { event: null, state: 'none' };
}

/** One person the figures count: eligible (or submitted while they were), with their check-in if any. */
export interface CountedPerson {
  person: Person | undefined;
  personId: string;
  school: string;
  eligible: boolean;
  checkIn?: CheckIn;
}

/** The figures of one check-in event, school by school, and the people they count. */
export interface EventCompletion {
  schools: SchoolCompletion[];
  total: SchoolCompletion;
  people: CountedPerson[];
}

const emptyRow = (school: string): SchoolCompletion => ({ school, staff: 0, prompted: 0, submitted: 0, onTime: 0, awaitingAcknowledgement: 0 });

/** The window "status" reports: the cycle's open check-in, else the last one to close (group mode: group sharing too). */
export async function statusWindow(ctx: UseCaseContext, organisation: Organisation): Promise<{ cycle: Cycle | null; events: ScheduleEvent[]; event: ScheduleEvent | null; state: CompletionStatus['state'] }> {
  const { cycle, events } = await currentCycleEvents(ctx, organisation);
  if (!cycle) return { cycle: null, events, event: null, state: 'none' };
  const { event, state } = statusEvent(events, ctx.now(), organisation.policy.timezone, isGroupMode(organisation) ? GROUP_STATUS_KINDS : CHECK_IN_KINDS);
  return { cycle, events, event, state };
}

export async function completionStatus(ctx: UseCaseContext, organisation: Organisation): Promise<CompletionStatus> {
  const { cycle, events, event, state } = await statusWindow(ctx, organisation);
  if (!cycle) {
    const notice = noCycleForAdmins(await cycleCalendar(ctx, organisation), organisation.policy.vocabulary);
    return { event: null, state: 'none', schools: [], total: emptyRow('All schools'), notice };
  }
  const rockDeadlines = await rockDeadlineSummary(ctx, organisation);
  const reviews = await reviewStatus(ctx, organisation, cycle, events);
  if (!event) return { event: null, state, schools: [], total: emptyRow('All schools'), rockDeadlines, ...(reviews ? { reviews } : {}) };
  const { schools, total } = await eventCompletion(ctx, organisation, event);
  return { event, state, schools, total, rockDeadlines, ...(reviews ? { reviews } : {}), ...(isGroupMode(organisation) ? { groups: await groupSessionStatus(ctx, organisation, event) } : {}) };
}

/** Completion of one check-in event by school: the "status" card's table (and the tab's Trust progress). */
export async function eventCompletion(ctx: UseCaseContext, organisation: Organisation, event: ScheduleEvent): Promise<EventCompletion> {
  const org = { organisationId: organisation.id };
  const eligible = eligiblePeople(await ctx.repos.people.listActive(org), organisation.policy, ctx.now());
  const checkIns = await ctx.repos.checkIns.listForEvent(org, event.id);
  const known = new Map<string, Person>(eligible.map((p) => [p.id, p]));
  // Someone who submitted and has since left or been paused still counts where they were.
  const missing = checkIns.map((c) => c.personId).filter((id) => !known.has(id));
  for (const person of missing.length > 0 ? await ctx.repos.people.getMany(org, missing) : []) known.set(person.id, person);
  const jobs = event.promptsQueuedAt ? await promptJobs(ctx, organisation.id, event.id, eligible.map((p) => p.id)) : new Map();

  const bySchool = new Map<string, SchoolCompletion>();
  const counted = new Map<string, CountedPerson>();
  const row = (person: Person | undefined) => {
    const school = person?.school || NO_SCHOOL;
    let entry = bySchool.get(school);
    if (!entry) bySchool.set(school, (entry = emptyRow(school)));
    return entry;
  };
  for (const person of eligible) {
    const entry = row(person);
    entry.staff += 1;
    if (wasPrompted(jobs.get(person.id))) entry.prompted += 1;
    counted.set(person.id, { person, personId: person.id, school: entry.school, eligible: true });
  }
  for (const checkIn of checkIns) {
    const person = known.get(checkIn.personId);
    const entry = row(person);
    entry.submitted += 1;
    if (checkIn.timeliness === 'on-time') entry.onTime += 1;
    if (!checkIn.acknowledgement) entry.awaitingAcknowledgement += 1;
    const was = counted.get(checkIn.personId);
    counted.set(checkIn.personId, { person, personId: checkIn.personId, school: entry.school, eligible: was?.eligible ?? false, checkIn });
  }
  const schools = [...bySchool.values()].sort((a, b) => a.school.localeCompare(b.school));
  const total = schools.reduce((sum, s) => ({
    school: 'All schools',
    staff: sum.staff + s.staff,
    prompted: sum.prompted + s.prompted,
    submitted: sum.submitted + s.submitted,
    onTime: sum.onTime + s.onTime,
    awaitingAcknowledgement: sum.awaitingAcknowledgement + s.awaitingAcknowledgement,
  }), emptyRow('All schools'));
  return { schools, total, people: [...counted.values()] };
}

const GROUP_STATUS_KINDS = [...CHECK_IN_KINDS, 'group-sharing'];

async function groupSessionStatus(ctx: UseCaseContext, organisation: Organisation, event: ScheduleEvent): Promise<GroupSessionStatus[]> {
  const org = { organisationId: organisation.id };
  const [groups, sessions] = await Promise.all([ctx.repos.coachingGroups.list(org), ctx.repos.groupSessions.listForEvent(org, event.id)]);
  const byGroup = new Map(sessions.map((s) => [s.groupId, s]));
  return Promise.all(
    groups.map(async (group) => {
      const session = byGroup.get(group.id);
      const posted = Boolean(session?.postedAt);
      const [posts, replies] = session ? await Promise.all([ctx.repos.groupPosts.listForSession(org, session.id), ctx.repos.groupReplies.listForSession(org, session.id)]) : [[], []];
      const note = posted ? undefined : group.conversation ? 'not posted yet' : 'no channel or group chat: say "coaching group NAME here" there';
      return { group: group.name, members: group.memberIds.length, posted, note, membersPosted: posts.length, replies: replies.length };
    }),
  );
}

/** The review stage whose event is open now, else the one that opened most recently; its progress by school. */
export async function reviewStatus(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, events: readonly ScheduleEvent[]): Promise<ReviewStatusSection | undefined> {
  const now = ctx.now();
  const tz = organisation.policy.timezone;
  let best: { stage: ReviewStage; event: ScheduleEvent; opensAt: Date; open: boolean } | undefined;
  for (const stage of organisation.policy.reviews?.stages ?? []) {
    const event = events.find((e) => e.key === stage.eventKey && e.status === 'scheduled');
    if (!event) continue;
    const { opensAt, closesAt } = windowInstants(event, tz);
    if (opensAt > now) continue;
    const open = now < closesAt;
    if (!best || (open && !best.open) || (open === best.open && opensAt > best.opensAt)) best = { stage, event, opensAt, open };
  }
  if (!best) return undefined;
  const { rows } = await reviewProgressFor(ctx, organisation, cycle, best.stage.kind);
  const total = rows.reduce<ProgressRow>((sum, r) => {
    const outcomes = { ...sum.outcomes };
    for (const [label, n] of Object.entries(r.outcomes)) outcomes[label] = (outcomes[label] ?? 0) + n;
    return {
      ...sum,
      opened: sum.opened + r.opened,
      outcomeRecorded: sum.outcomeRecorded + r.outcomeRecorded,
      reflectionsSubmitted: sum.reflectionsSubmitted + r.reflectionsSubmitted,
      statements: sum.statements + r.statements,
      finalDecisions: sum.finalDecisions + r.finalDecisions,
      staffComments: sum.staffComments + r.staffComments,
      complete: sum.complete + r.complete,
      overdue: sum.overdue + r.overdue,
      outcomes,
    };
  }, { school: 'All schools', stage: best.stage.kind, opened: 0, outcomeRecorded: 0, reflectionsSubmitted: 0, statements: 0, finalDecisions: 0, staffComments: 0, complete: 0, overdue: 0, outcomes: {} });
  return { stage: best.stage, eventTitle: best.event.title, state: best.open ? 'open' : 'closed', rows, total };
}
