// seed 002 §11.3: "TPAT employees are required to seek this frequent feedback at least once per
// term ... through the check in process." Feedback in a term is the coach's written response to one
// of the person's check-ins, a comment by someone else in the feedback thread of one of their
// check-ins or commitments, or feedback from anyone that the person records in a growth-log entry
// (§11.2: "feedback could come from anyone ... who has the relevant expertise"). After a term ends
// the coach is told, once, which coachees had none; PG admins see only the count.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { CheckIn, Cycle, FeedbackGap, GrowthLogEntry, GrowthTerm, Organisation, OutboxJob, Person } from '../../shared/domain';
import { eligiblePeople, reviewerOf } from '../../shared/policy';
import { growthRecordId } from '../data/growthRepository';
import type { UseCaseContext } from './context';

/** A term's instants in the policy's time zone: from its first day's midnight to the midnight after its last. */
export function termInstants(term: Pick<GrowthTerm, 'startsOn' | 'endsOn'>, timezone: string): { from: Date; to: Date } {
  return {
    from: DateTime.fromISO(term.startsOn, { zone: timezone }).startOf('day').toJSDate(),
    to: DateTime.fromISO(term.endsOn, { zone: timezone }).plus({ days: 1 }).startOf('day').toJSDate(),
  };
}

const within = (at: Date | undefined, range: { from: Date; to: Date }) => at !== undefined && at >= range.from && at < range.to;

/** How many pieces of feedback a person had in the term. */
export function feedbackCount(range: { from: Date; to: Date }, checkIns: readonly CheckIn[], log: readonly GrowthLogEntry[]): number {
  const responses = checkIns.filter((c) => c.reviewerResponse && within(c.reviewerResponse.at, range)).length;
  const logged = log.filter((e) => e.feedback.trim().length > 0 && within(e.createdAt, range)).length;
  return responses + logged;
}

/**
 * Comments by anyone but the person in the threads on their check-ins and commitments, per term.
 * Read only for those still short of feedback: most people have some, and each thread is a read.
 */
async function threadFeedback(ctx: UseCaseContext, organisationId: string, person: Pick<Person, 'id'>, cycleId: string, checkIns: readonly CheckIn[]): Promise<Date[]> {
  const org = { organisationId };
  const rocks = await ctx.repos.rocks.listForPerson(org, person.id, { cycleId });
  const subjects = [...checkIns.map((c) => ({ kind: 'check-in' as const, id: c.id })), ...rocks.map((r) => ({ kind: 'rock' as const, id: r.id }))];
  const threads = await Promise.all(subjects.map((s) => ctx.repos.comments.listForSubject(org, s)));
  return threads.flat().filter((c) => c.authorPersonId !== person.id).map((c) => c.createdAt);
}

export interface TermFeedback {
  key: string;
  label: string;
  startsOn: string;
  endsOn: string;
  feedbackCount: number;
  ended: boolean;
  /** The term ended without feedback and the coach was told. */
  flagged: boolean;
}

/** The person's feedback, term by term, as they and their coach see it. */
export async function feedbackByTerm(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, person: Person, log: readonly GrowthLogEntry[], now: Date): Promise<TermFeedback[]> {
  const rules = organisation.policy.growth;
  if (!rules) return [];
  const org = { organisationId: organisation.id };
  const checkIns = await ctx.repos.checkIns.listForPerson(org, person.id, { cycleId: cycle.id });
  const comments = await threadFeedback(ctx, organisation.id, person, cycle.id, checkIns);
  const out: TermFeedback[] = [];
  for (const term of rules.feedback.terms) {
    const range = termInstants(term, organisation.policy.timezone);
    const gap = await ctx.repos.growth.get(org, 'feedback-gap', growthRecordId('feedback-gap', cycle.id, person.id, term.key));
    const count = feedbackCount(range, checkIns, log) + comments.filter((at) => within(at, range)).length;
    out.push({ key: term.key, label: term.label, startsOn: term.startsOn, endsOn: term.endsOn, feedbackCount: count, ended: now >= range.to, flagged: gap !== null });
  }
  return out;
}

/** Terms are checked for this long after they end; an organisation set up later is not flagged for the past. */
export const FEEDBACK_CHECK_GRACE_MS = 14 * 24 * 60 * 60 * 1000;
const CHECKED = 'feedback-term-checked';

export function feedbackGapMessageKey(cycleId: string, termKey: string, coachId: string): string {
  return `message:feedback-gap:${cycleId}:${termKey}:${coachId}`;
}

/**
 * The scheduler's term-end step: for each term that has just ended, records a gap for every
 * eligible person with less feedback than the policy asks, and tells each coach once. Safe to repeat
 * and to crash anywhere: gaps are unique inserts, messages have idempotency keys, and the term is
 * marked checked last. Returns the number of coach messages queued.
 */
export async function flagTermsWithoutFeedback(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle): Promise<number> {
  const rules = organisation.policy.growth;
  if (!rules || rules.feedback.minPerTerm === 0) return 0;
  const now = ctx.now();
  const org = { organisationId: organisation.id };
  let queued = 0;
  for (const term of rules.feedback.terms) {
    const range = termInstants(term, organisation.policy.timezone);
    if (now < range.to || now.getTime() - range.to.getTime() > FEEDBACK_CHECK_GRACE_MS || organisation.createdAt > range.to) continue;
    const subject = `${cycle.id}:${term.key}`;
    if (await ctx.repos.decisions.find(org, CHECKED, subject)) continue;
    const gaps = await recordGaps(ctx, organisation, cycle, term, range);
    const told = await tellCoaches(ctx, organisation, cycle, term, gaps);
    queued += told;
    // One entry per term (its id follows from the term), so a check repeated after a crash records it once.
    await ctx.repos.auditLog.append(org, {
      id: `growth.feedbackTermChecked:${subject}`,
      organisationId: organisation.id,
      at: now,
      actor: { kind: 'system' },
      action: 'growth.feedbackTermChecked',
      subject: { kind: 'term', id: subject },
      details: { termKey: term.key, withoutFeedback: gaps.map((g) => g.personId), coachesTold: [...new Set(gaps.map((g) => g.coachId).filter(Boolean))] },
    });
    await ctx.repos.decisions.take(org, CHECKED, subject, 'scheduler', now, { gaps: gaps.length });
    ctx.logger.info({ organisationId: organisation.id, term: term.key, gaps: gaps.length, coachMessages: told }, 'term checked for feedback');
  }
  return queued;
}

async function recordGaps(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, term: GrowthTerm, range: { from: Date; to: Date }): Promise<Array<FeedbackGap & { person: Person }>> {
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  const minimum = organisation.policy.growth?.feedback.minPerTerm ?? 1;
  const people = eligiblePeople(await ctx.repos.people.listActive(org), organisation.policy, now);
  const events = (await ctx.repos.scheduleEvents.list(org, cycle.id)).filter((e) => e.kind === 'check-in' || e.kind === 'optional-check-in');
  const checkIns = (await Promise.all(events.map((e) => ctx.repos.checkIns.listForEvent(org, e.id)))).flat();
  const log = await ctx.repos.growth.listForCycle(org, cycle.id, 'growth-log', range);
  const gaps: Array<FeedbackGap & { person: Person }> = [];
  for (const person of people) {
    const theirs = checkIns.filter((c) => c.personId === person.id);
    let count = feedbackCount(range, theirs, log.filter((e) => e.personId === person.id));
    if (count < minimum) count += (await threadFeedback(ctx, organisation.id, person, cycle.id, theirs)).filter((at) => within(at, range)).length;
    if (count >= minimum) continue;
    const coachId = reviewerOf(person, organisation.policy);
    const gap: FeedbackGap = {
      id: growthRecordId('feedback-gap', cycle.id, person.id, term.key),
      kind: 'feedback-gap',
      organisationId: organisation.id,
      personId: person.id,
      cycleId: cycle.id,
      termKey: term.key,
      ...(coachId ? { coachId } : {}),
      createdAt: now,
      updatedAt: now,
    };
    await ctx.repos.growth.addOnce(org, gap);
    gaps.push({ ...gap, person });
  }
  return gaps;
}

async function tellCoaches(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, term: GrowthTerm, gaps: ReadonlyArray<FeedbackGap & { person: Person }>): Promise<number> {
  const byCoach = new Map<string, string[]>();
  for (const gap of gaps) if (gap.coachId) byCoach.set(gap.coachId, [...(byCoach.get(gap.coachId) ?? []), gap.person.displayName]);
  const now = ctx.now();
  const { vocabulary } = organisation.policy;
  const jobs: OutboxJob[] = [...byCoach].map(([coachId, names]) => ({
    id: randomUUID(),
    organisationId: organisation.id,
    idempotencyKey: feedbackGapMessageKey(cycle.id, term.key, coachId),
    kind: 'bot-message',
    personId: coachId,
    payload: {
      recipientPersonId: coachId,
      message: {
        kind: 'text',
        text:
          `${term.label} has ended without feedback for ${names.sort().join(', ')}. Feedback is asked for at least once a term: ` +
          `a written response to their ${vocabulary.checkIn}, a comment in the feedback thread of a ${vocabulary.checkIn} or ${vocabulary.rock}, or feedback they record in their growth log, counts.`,
      },
    },
    status: 'pending',
    notBefore: now,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  }));
  return jobs.length === 0 ? 0 : ctx.repos.outboxJobs.enqueueMany({ organisationId: organisation.id }, jobs);
}

/** For a year simulator and PG admins: growth-log entries written in the cycle. */
export function countGrowthLogEntries(ctx: UseCaseContext, organisationId: string, cycleId: string): Promise<number> {
  return ctx.repos.growth.countForCycle({ organisationId }, cycleId, 'growth-log');
}

/** For a year simulator and PG admins: person-terms that ended without feedback (each flagged once). */
export function countTermsWithoutFeedback(ctx: UseCaseContext, organisationId: string, cycleId: string): Promise<number> {
  return ctx.repos.growth.countForCycle({ organisationId }, cycleId, 'feedback-gap');
}
