// The demo organisation `npm start` loads (DEMO=on, never in production): the Agents Playground's
// tenant with TSFE's policy moved to this academic year, a check-in open now whatever the date, a
// few past check-ins acknowledged and answered by a reviewer, and agreed rocks, so a newcomer's
// first `check in` gives the card. Safe to run at every start: everything has a fixed id and is
// only added when missing, so a restart the next day duplicates nothing and keeps what people did.
import type { CheckIn, Organisation, Person, Rock, ScheduleEvent } from '../../shared/domain';
import { checkInIdFor } from '../../shared/domain';
import { getPolicyPack, isEligible, openEventAt, reviewerOf, windowInstants } from '../../shared/policy';
import { demoPolicy, demoYear, type DemoYear } from '../schedule/demoCycle';
import type { UseCaseContext } from './context';
import { importDirectory, type DirectoryRow } from './directory';
import { cycleIdFor, eventIdFor } from './organisations';
import { currentRockWindowId } from './rocks';
import { ensureDemoReviews } from './demoReviews';

/**
 * The demo's staff: the people the Agents Playground knows (.m365agentsplayground.yml). The
 * Playground signs in as Megan Bowen, a PG administrator whose reviewer is Patti Fernandez and who
 * reviews Alex, Adele, Isaiah and Lynne (an ECT, outside the process under TSFE's policy).
 */
export const DEMO_STAFF: DirectoryRow[] = [
  row('Alex Wilber', 'alexw@example.com', '00000000-0000-0000-0000-0000000000020', 'teacher', 'meganb@example.com'),
  row('Megan Bowen', 'meganb@example.com', '00000000-0000-0000-0000-0000000000021', 'leader', 'pattif@example.com', ['pg-admin']),
  row('Adele Vance', 'adelev@example.com', '00000000-0000-0000-0000-0000000000022', 'support', 'meganb@example.com'),
  row('Isaiah Langer', 'isaiahl@example.com', '00000000-0000-0000-0000-0000000000023', 'teacher', 'meganb@example.com', [], 'adelev@example.com'),
  row('Patti Fernandez', 'pattif@example.com', '00000000-0000-0000-0000-0000000000024', 'leader', undefined, ['pg-admin', 'smt']),
  row('Lynne Robbins', 'lynner@example.com', '00000000-0000-0000-0000-0000000000025', 'ECT', 'meganb@example.com'),
];

/** Who the Playground signs in as, and so who gets the demo's history and rocks. */
export const DEMO_PLAYGROUND_PERSON = 'meganb@example.com';
/** A reviewee of hers with a check-in waiting for her acknowledgement and a rock waiting for agreement. */
const DEMO_REVIEWEE = 'alexw@example.com';
/** A reviewee of hers whose end-of-year reflection is waiting for her statement. */
const DEMO_SECOND_REVIEWEE = 'adelev@example.com';
/** How many closed check-ins the Playground's person has already given. */
const PAST_CHECK_INS = 3;

function row(name: string, email: string, entraObjectId: string, role: string, reviewerEmail?: string, roles: DirectoryRow['roles'] = [], coachEmail?: string): DirectoryRow {
  return { name, email, entraObjectId, school: 'Central Team', role, reviewerEmail, coachEmail, roles, status: undefined, statusReason: undefined, contractMonths: undefined, startedOn: undefined, contractEndsOn: undefined, workingPattern: undefined, leftOn: undefined };
}

export interface DemoSummary {
  organisationId: string;
  cycleKey: string;
  /** The check-in open now (always one). */
  openCheckIn?: string;
  eventsAdded: number;
  checkInsAdded: number;
  rocksAdded: number;
  /** The demo's reviews opened at this start (none once they exist). */
  reviewsAdded: number;
}

/** Sets up (or brings up to date) the demo organisation for the real date. */
export async function ensureDemoOrganisation(ctx: UseCaseContext, input: { organisationId: string; policyId: string }): Promise<DemoSummary> {
  const pack = getPolicyPack(input.policyId);
  const year = demoYear(pack, ctx.now());
  const organisation = await ensureDemoPolicy(ctx, input.organisationId, year, pack);
  const org = { organisationId: organisation.id };
  const cycleId = cycleIdFor(organisation.id, year.cycle.key);
  await ctx.repos.cycles.upsert(org, {
    id: cycleId,
    organisationId: organisation.id,
    policyId: organisation.policy.id,
    key: year.cycle.key,
    label: year.cycle.label,
    startsOn: year.cycle.startsOn,
    endsOn: year.cycle.endsOn,
    current: true,
  });
  const events: ScheduleEvent[] = year.cycle.events.map((event) => ({
    ...event,
    id: eventIdFor(organisation.id, year.cycle.key, event.key),
    organisationId: organisation.id,
    cycleId,
    status: 'scheduled',
    version: 0,
  }));
  const eventsAdded = await ctx.repos.scheduleEvents.insertMany(org, events);
  const open = await keepACheckInOpen(ctx, organisation, cycleId, events);
  await importDirectory(ctx, organisation.id, DEMO_STAFF);

  const people = await ctx.repos.people.listActive(org);
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const me = byEmail.get(DEMO_PLAYGROUND_PERSON)!;
  const reviewee = byEmail.get(DEMO_REVIEWEE)!;
  const rockWindowId = currentRockWindowId(organisation.policy, ctx.now());
  let rocksAdded = 0;
  let checkInsAdded = 0;
  if (rockWindowId) {
    rocksAdded += await ensureRocks(ctx, organisation, me, cycleId, rockWindowId, 'agreed');
    rocksAdded += await ensureRocks(ctx, organisation, reviewee, cycleId, rockWindowId, 'proposed');
  }
  const stored = await ctx.repos.scheduleEvents.list(org, cycleId);
  const closed = closedCheckIns(stored, organisation, ctx.now());
  const rocks = await ctx.repos.rocks.listForPerson(org, me.id, { cycleId });
  for (const [i, event] of closed.slice(-PAST_CHECK_INS).entries()) {
    if (await ensurePastCheckIn(ctx, organisation, me, event, rocks, { acknowledged: true, response: RESPONSES[i % RESPONSES.length] })) checkInsAdded += 1;
  }
  const last = closed.at(-1);
  if (last && isEligible(reviewee, organisation.policy, ctx.now()).eligible) {
    const theirs = await ctx.repos.rocks.listForPerson(org, reviewee.id, { cycleId });
    if (await ensurePastCheckIn(ctx, organisation, reviewee, last, theirs, { acknowledged: false })) checkInsAdded += 1;
  }
  const cycle = await ctx.repos.cycles.get(org, cycleId);
  const reviewsAdded = cycle ? await ensureDemoReviews(ctx, organisation, cycle, stored, { me, reviewee, second: byEmail.get(DEMO_SECOND_REVIEWEE) }) : 0;
  const summary = { organisationId: organisation.id, cycleKey: year.cycle.key, openCheckIn: open?.title, eventsAdded, checkInsAdded, rocksAdded, reviewsAdded };
  ctx.logger.info(summary, 'demo organisation ready');
  return summary;
}

/** The organisation with the demo policy for this year (created, or its rock windows moved on). */
async function ensureDemoPolicy(ctx: UseCaseContext, organisationId: string, year: DemoYear, pack: ReturnType<typeof getPolicyPack>): Promise<Organisation> {
  const existing = await ctx.repos.organisations.get(organisationId);
  const policy = demoPolicy(pack, year, existing?.policy);
  if (existing && JSON.stringify(existing.policy) === JSON.stringify(policy)) return existing;
  const now = ctx.now();
  return ctx.repos.organisations.upsert({
    ...(existing ?? { id: organisationId, name: `${pack.policy.trust} (demo)`, adminObjectIds: [], createdAt: now }),
    policy,
    updatedAt: now,
  });
}

/**
 * The demo promises a check-in open at every moment. If the one that should be open now was
 * cancelled or moved (an admin trying the schedule cards) and nothing else is open, put it back.
 */
async function keepACheckInOpen(ctx: UseCaseContext, organisation: Organisation, cycleId: string, generated: ScheduleEvent[]): Promise<ScheduleEvent | undefined> {
  const org = { organisationId: organisation.id };
  const tz = organisation.policy.timezone;
  const now = ctx.now();
  const stored = await ctx.repos.scheduleEvents.list(org, cycleId);
  const open = openEventAt(stored, now, tz, ['check-in']);
  if (open) return open;
  const due = openEventAt(generated, now, tz, ['check-in']);
  if (!due) return undefined;
  const current = stored.find((e) => e.id === due.id);
  if (!current) return undefined;
  ctx.logger.info({ eventId: due.id }, 'demo: the check-in that should be open now was moved or cancelled; putting it back');
  return (await ctx.repos.scheduleEvents.updateIfVersion(org, due.id, current.version, { status: 'scheduled', date: due.date, window: due.window, promptsQueuedAt: undefined })) ?? undefined;
}

function closedCheckIns(events: ScheduleEvent[], organisation: Organisation, now: Date): ScheduleEvent[] {
  const tz = organisation.policy.timezone;
  return events
    .filter((e) => e.kind === 'check-in' && e.status === 'scheduled' && windowInstants(e, tz).closesAt < now)
    .sort((a, b) => windowInstants(a, tz).opensAt.getTime() - windowInstants(b, tz).opensAt.getTime());
}

const ROCKS: Array<{ title: string; description: string; criteria: string[] }> = [
  {
    title: 'Every new starter has a 90-day induction plan',
    description: 'Linked to the People Strategy: new colleagues know who to ask and what good looks like.',
    criteria: ['Induction plan template agreed with HR', 'Plans in place for all autumn starters', '90-day survey shows 80% feel well supported'],
  },
  {
    title: 'Monthly finance dashboard for headteachers',
    description: 'Directorate KPI: budget holders see spend against plan without asking.',
    criteria: ['Dashboard prototype shared with two heads', 'Published by the 5th working day each month'],
  },
  {
    title: 'Coach two colleagues through their first rocks',
    description: 'TSfE values: growing others as well as myself.',
    criteria: ['Two coaching conversations a half term', 'Both colleagues have agreed rocks by the deadline'],
  },
];

/** One rock per policy slot in the rock window, created once (fixed ids). */
async function ensureRocks(ctx: UseCaseContext, organisation: Organisation, person: Person, cycleId: string, rockWindowId: string, status: 'agreed' | 'proposed'): Promise<number> {
  const now = ctx.now();
  const reviewerId = reviewerOf(person, organisation.policy) ?? person.id;
  const slots = status === 'agreed' ? organisation.policy.rocks.slots : organisation.policy.rocks.slots.slice(0, 1);
  let added = 0;
  for (const [i, slot] of slots.entries()) {
    const content = ROCKS[i % ROCKS.length]!;
    const id = `demo-rock:${cycleId}:${rockWindowId}:${slot.id}:${person.id}`;
    const history: Rock['history'] = [
      { at: now, byPersonId: person.id, action: 'created', status: 'draft' },
      { at: now, byPersonId: person.id, action: 'proposed', status: 'proposed' },
      ...(status === 'agreed' ? [{ at: now, byPersonId: reviewerId, action: 'agreed' as const, status: 'agreed' as const, note: 'Agreed: ambitious and measurable.' }] : []),
    ];
    const rock: Rock = {
      id,
      organisationId: organisation.id,
      personId: person.id,
      cycleId,
      slotId: slot.id,
      rockWindowId,
      title: content.title,
      description: content.description,
      alignment: organisation.policy.alignment.options.slice(i % 2, (i % 2) + 1).map((o) => o.code),
      successCriteria: content.criteria.slice(0, organisation.policy.rocks.maxSuccessCriteria).map((text, n) => ({ id: `${id}:sc${n + 1}`, text, done: n === 0 && status === 'agreed' })),
      status,
      reviewerNote: status === 'agreed' ? 'Agreed: ambitious and measurable.' : undefined,
      history,
      version: 0,
      createdAt: now,
      updatedAt: now,
    };
    if ((await ctx.repos.rocks.create({ organisationId: organisation.id }, rock)).created) added += 1;
  }
  return added;
}

const ANSWERS = [
  { www: 'The induction checklist went to HR and they liked the structure.', ebi: 'I had booked more time to test it with a new starter.', whatsNext: 'Pilot it with the two October starters.', score: 7 },
  { www: 'Two heads gave feedback on the dashboard prototype in the same week.', ebi: 'The data refresh was automatic rather than a Monday job.', whatsNext: 'Ask IT about a scheduled export.', score: 6 },
  { www: 'Both coaching conversations happened and each colleague left with a draft rock.', ebi: 'I wrote notes straight after rather than a day later.', whatsNext: 'Check their success criteria before the deadline.', score: 8 },
];
const RESPONSES = [
  'Good progress. Share the checklist at the next central team meeting?',
  'Talk to Sam in IT — they set up the same export for the estates team.',
  'Great to see you growing others. Well done.',
];

/** A check-in given in a closed window (and, for the Playground's person, acknowledged and answered), once. */
async function ensurePastCheckIn(
  ctx: UseCaseContext,
  organisation: Organisation,
  person: Person,
  event: ScheduleEvent,
  rocks: Rock[],
  review: { acknowledged: boolean; response?: string },
): Promise<boolean> {
  const org = { organisationId: organisation.id };
  if (await ctx.repos.checkIns.findForPersonAndEvent(org, person.id, event.id)) return false;
  const { opensAt, closesAt } = windowInstants(event, organisation.policy.timezone);
  // Part-way through the window, like most people answer.
  const submittedAt = new Date(opensAt.getTime() + (closesAt.getTime() - opensAt.getTime()) * 0.3);
  const answers = ANSWERS[(event.number ?? 0) % ANSWERS.length]!;
  const reviewerId = reviewerOf(person, organisation.policy);
  const checkIn: CheckIn = {
    id: checkInIdFor(organisation.id, event.id, person.id),
    organisationId: organisation.id,
    personId: person.id,
    cycleId: event.cycleId,
    eventId: event.id,
    answers: {
      www: answers.www,
      ebi: answers.ebi,
      whatsNext: answers.whatsNext,
      score: answers.score,
      rockProgress: rocks.filter((r) => r.status === 'agreed').map((r) => ({ rockId: r.id, rockTitle: r.title, progress: 'On track: first success criterion met.' })),
    },
    praise: [],
    praiseMessage: '',
    submittedAt,
    timeliness: 'on-time',
    reviewerId,
    createdAt: submittedAt,
    updatedAt: submittedAt,
  };
  const stored = await ctx.repos.checkIns.submit(org, checkIn);
  // Demo history: no one is notified about it, and the start-up sweep must not send it either.
  await ctx.repos.checkIns.markSideEffectsDone(org, stored.checkIn);
  if (review.acknowledged && reviewerId) {
    const at = new Date(Math.min(submittedAt.getTime() + 86_400_000, closesAt.getTime()));
    await ctx.repos.checkIns.setAcknowledgement(org, checkIn.id, { byPersonId: reviewerId, at });
    if (review.response) await ctx.repos.checkIns.setReviewerResponse(org, checkIn.id, { byPersonId: reviewerId, at, text: review.response, anchor: 'whatsNext' });
  }
  return stored.outcome === 'created';
}
