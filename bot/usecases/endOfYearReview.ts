// The end-of-year review (seed 001 "Thinking Back"; seed 000 §10): the reviewee's reflection
// (drafts saved as they type, private to them until sent), the reviewer's statement and outcome
// after the face-to-face meeting, the headteacher's/manager's final decision where the policy has
// one, then the written summary released to the reviewee and the outcome's effect (support).
//
// Each part is a record of its own author (yearReviewRepository): the reflection is replaced by
// the reviewee, the statement by the reviewer, and the final decision is a unique insert, so two
// deciders at once get one winner and a clear 409 for the other.
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { reflectionRequestSchema } from '../../shared/api';
import {
  finalDecisionContentSchema,
  reflectionContentSchema,
  statementContentSchema,
  yearReviewRecordId,
  type ReflectionContent,
  type ReviewOption,
  type RockReflection,
  type ReviewStage,
  type YearReview,
  type YearReviewRecord,
  type YearReviewRecordOf,
} from '../../shared/domain';
import { audit, invalidFields, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { beginSupportPause } from './supportPlans';
import { loadYearReview, requireOutcome, requirePart, stageOfReview, type LoadedReview } from './yearReviewAccess';
import { queueReviewMessage } from './yearReviewMessages';
import { needsFinalDecision, recordOf, reviewStanding, type ReviewStanding } from './yearReviewStatus';
import { buildWrittenSummary } from './yearReviewView';

type FieldError = { path: string; message: string };

export interface EndOfYearResult<K extends 'reflection' | 'statement' | 'final-decision'> {
  record: YearReviewRecordOf<K>;
  standing: ReviewStanding;
}

/** The zod result as a 422 naming each field, or the parsed value. */
function parseContent<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw invalidFields(result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
}

/** requireOutcome's 422 as a field error, so every problem is named at once. */
function outcomeProblem(stage: ReviewStage, key: string | undefined, field: string, options: readonly ReviewOption[] = stage.outcomes): FieldError | null {
  try {
    requireOutcome(stage, key ?? '', field, options);
    return null;
  } catch (err) {
    const errors = err instanceof DomainError ? (err.details.errors as FieldError[] | undefined) : undefined;
    if (errors?.[0]) return errors[0];
    throw err;
  }
}

function throwIfAny(errors: Array<FieldError | null>): void {
  const found = errors.filter((e): e is FieldError => e !== null);
  if (found.length > 0) throw invalidFields(found);
}

/** An end-of-year review whose stage the policy still has; else a clear 409. */
async function loadEndOfYear(ctx: UseCaseContext, actor: Actor, reviewId: string): Promise<LoadedReview & { stage: ReviewStage; records: YearReviewRecord[] }> {
  const loaded = await loadYearReview(ctx, actor, reviewId);
  if (loaded.review.stage !== 'end-of-year') throw new DomainError('conflict', `${loaded.review.label} is not an end-of-year review, so it has no reflection, statement or final decision.`);
  if (!loaded.stage) throw new DomainError('conflict', `${actor.organisation.policy.name} no longer has ${loaded.review.label}, so it can be read but not changed.`);
  const records = await ctx.repos.yearReviews.listRecords(scopeOf(actor), reviewId);
  return { ...loaded, stage: loaded.stage, records };
}

async function nameOf(ctx: UseCaseContext, actor: Actor, personId: string | undefined): Promise<string> {
  if (!personId) return 'someone';
  if (personId === actor.person.id) return 'you';
  return (await ctx.repos.people.get(scopeOf(actor), personId))?.displayName ?? 'someone';
}

function standingOf(ctx: UseCaseContext, loaded: LoadedReview, records: readonly YearReviewRecord[], replaced: YearReviewRecord): ReviewStanding {
  const next = [...records.filter((r) => r.kind !== replaced.kind), replaced];
  return reviewStanding(loaded.review, next, loaded.stage, ctx.now());
}

function base(ctx: UseCaseContext, actor: Actor, loaded: LoadedReview, kind: YearReviewRecord['kind'], previous: YearReviewRecord | undefined) {
  const now = ctx.now();
  return {
    id: yearReviewRecordId(kind, loaded.review.id),
    organisationId: loaded.review.organisationId,
    reviewId: loaded.review.id,
    cycleId: loaded.review.cycleId,
    personId: loaded.review.personId,
    authorId: actor.person.id,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
}

/** What the reviewer needs before a reflection can be sent on; the rock ids are checked for drafts too. */
async function reflectionProblems(ctx: UseCaseContext, actor: Actor, loaded: LoadedReview & { stage: ReviewStage }, content: z.output<typeof reflectionRequestSchema>, submitting: boolean): Promise<FieldError[]> {
  const problems: Array<FieldError | null> = [];
  if (content.rocks.length > 0) {
    const own = new Set((await ctx.repos.rocks.listForPerson(scopeOf(actor), loaded.review.personId)).map((r) => r.id));
    content.rocks.forEach((r, i) => {
      if (!own.has(r.rockId)) problems.push({ path: `rocks.${i}.rockId`, message: `that ${actor.organisation.policy.vocabulary.rock} is not one of yours` });
    });
  }
  if (submitting) {
    if (content.score === undefined) problems.push({ path: 'score', message: 'choose the score you would give yourself at year end (1-10)' });
    if (loaded.stage.selfAssessment.length > 0) problems.push(outcomeProblem(loaded.stage, content.selfAssessment, 'selfAssessment', loaded.stage.selfAssessment));
    if (!content.www.trim()) problems.push({ path: 'www', message: 'write your biggest achievements this year (What Went Well)' });
  }
  return problems.filter((p): p is FieldError => p !== null);
}

/**
 * The reviewee saves the reflection: a draft (submit false: partial, private, cheap to repeat) or
 * sent to the reviewer (submit true: checked, then the reviewer is told). Editable until the
 * reviewer writes the statement.
 */
export async function saveReflection(ctx: UseCaseContext, actor: Actor, reviewId: string, input: unknown): Promise<EndOfYearResult<'reflection'>> {
  const { submit, ...content } = parseContent(reflectionRequestSchema, input);
  const loaded = await loadEndOfYear(ctx, actor, reviewId);
  requirePart(loaded, 'reviewee', `Only ${loaded.person.displayName} writes their reflection.`);
  const statement = recordOf(loaded.records, 'statement');
  if (statement?.submittedAt) {
    throw new DomainError('conflict', `${await nameOf(ctx, actor, statement.authorId)} has written the review statement, so your reflection can no longer be changed. Talk to them if something needs adding.`);
  }
  const previous = recordOf(loaded.records, 'reflection');
  // Once sent on, every save is checked as a submission: the reviewer is already reading it.
  const submitting = submit || Boolean(previous?.submittedAt);
  const problems = await reflectionProblems(ctx, actor, loaded, { submit, ...content }, submitting);
  if (problems.length > 0) throw invalidFields(problems);
  const now = ctx.now();
  const submittedAt = submitting ? (previous?.submittedAt ?? now) : undefined;
  const record: YearReviewRecordOf<'reflection'> = { ...base(ctx, actor, loaded, 'reflection', previous), kind: 'reflection', ...content, ...(submittedAt ? { submittedAt } : {}) };
  await ctx.repos.yearReviews.putRecord(scopeOf(actor), record);
  const subject = { kind: 'year-review', id: reviewId };
  if (submitting && !previous?.submittedAt) {
    await audit(ctx, actor, 'yearReview.reflection.submitted', subject, { cycleId: loaded.review.cycleId });
    if (loaded.review.reviewerId) await queueReviewMessage(ctx, actor.organisation, loaded.review.reviewerId, { kind: 'year-review', reviewId, audience: 'reviewer', reason: 'submitted' });
  } else if (submitting) {
    await audit(ctx, actor, 'yearReview.reflection.changed', subject, { cycleId: loaded.review.cycleId });
  } else if (!previous) {
    await audit(ctx, actor, 'yearReview.reflection.drafted', subject, { cycleId: loaded.review.cycleId });
  }
  return { record, standing: standingOf(ctx, loaded, loaded.records, record) };
}

function meetingProblem(actor: Actor, stage: ReviewStage, meetingOn: string | undefined): FieldError | null {
  if (!meetingOn) return stage.requireMeetingDate ? { path: 'meetingOn', message: 'give the date of your face-to-face meeting about the reflection' } : null;
  const day = DateTime.fromISO(meetingOn, { zone: actor.organisation.policy.timezone });
  if (!day.isValid) return { path: 'meetingOn', message: `${meetingOn} is not a date in the calendar` };
  return null;
}

/** The reviewer writes the statement and selects the outcome, after the reflection (and the meeting). */
export async function submitStatement(ctx: UseCaseContext, actor: Actor, reviewId: string, input: unknown): Promise<EndOfYearResult<'statement'>> {
  const content = parseContent(statementContentSchema, input);
  const loaded = await loadEndOfYear(ctx, actor, reviewId);
  requirePart(loaded, 'reviewer', `Only ${loaded.person.displayName}'s ${actor.organisation.policy.vocabulary.reviewer} writes the review statement.`);
  if (!recordOf(loaded.records, 'reflection')?.submittedAt) throw new DomainError('conflict', `Waiting for ${loaded.person.displayName}'s reflection: the statement is written once they send it to you.`);
  const decision = recordOf(loaded.records, 'final-decision');
  if (decision) throw new DomainError('conflict', `${await nameOf(ctx, actor, decision.authorId)} made the final decision, so the statement can no longer be changed.`);
  const previous = recordOf(loaded.records, 'statement');
  const decides = needsFinalDecision(loaded.review, loaded.stage);
  if (previous?.submittedAt && !decides) throw new DomainError('conflict', `The statement completed ${loaded.person.displayName}'s review, so it can no longer be changed.`);
  throwIfAny([meetingProblem(actor, loaded.stage, content.meetingOn), outcomeProblem(loaded.stage, content.outcome, 'outcome')]);
  const record: YearReviewRecordOf<'statement'> = { ...base(ctx, actor, loaded, 'statement', previous), kind: 'statement', ...content, submittedAt: ctx.now() };
  await ctx.repos.yearReviews.putRecord(scopeOf(actor), record);
  await audit(ctx, actor, previous ? 'yearReview.statement.changed' : 'yearReview.statement.written', { kind: 'year-review', id: reviewId }, { cycleId: loaded.review.cycleId, outcome: content.outcome });
  const records = [...loaded.records.filter((r) => r.kind !== 'statement'), record];
  if (decides) await queueReviewMessage(ctx, actor.organisation, loaded.review.deciderId!, { kind: 'year-review', reviewId, audience: 'decider', reason: 'submitted' }, previous ? `v${record.updatedAt.getTime()}` : '');
  else await release(ctx, actor, loaded, records, content.outcome);
  return { record, standing: reviewStanding(loaded.review, records, loaded.stage, ctx.now()) };
}

/** The headteacher/manager confirms or changes the reviewer's outcome (a reason when changed); once. */
export async function makeFinalDecision(ctx: UseCaseContext, actor: Actor, reviewId: string, input: unknown): Promise<EndOfYearResult<'final-decision'>> {
  const content = parseContent(finalDecisionContentSchema, input);
  const loaded = await loadEndOfYear(ctx, actor, reviewId);
  if (!needsFinalDecision(loaded.review, loaded.stage)) throw new DomainError('conflict', `${loaded.review.label} has no final decision: the reviewer's statement completes it.`);
  requirePart(loaded, 'decider', `Only ${await nameOf(ctx, actor, loaded.review.deciderId)} makes the final decision on ${loaded.person.displayName}'s review.`);
  const statement = recordOf(loaded.records, 'statement');
  if (!statement?.submittedAt) throw new DomainError('conflict', `Waiting for the review statement: the final decision is made once the ${actor.organisation.policy.vocabulary.reviewer} has written it.`);
  const changed = content.outcome !== statement.outcome;
  throwIfAny([outcomeProblem(loaded.stage, content.outcome, 'outcome'), changed && !content.reason.trim() ? { path: 'reason', message: "give the reason for changing the reviewer's outcome" } : null]);
  const record: YearReviewRecordOf<'final-decision'> = { ...base(ctx, actor, loaded, 'final-decision', undefined), kind: 'final-decision', ...content, confirmed: !changed, submittedAt: ctx.now() };
  if (!(await ctx.repos.yearReviews.addRecordOnce(scopeOf(actor), record))) {
    const first = await ctx.repos.yearReviews.getRecord(scopeOf(actor), 'final-decision', record.id);
    const when = first ? DateTime.fromJSDate(first.createdAt, { zone: actor.organisation.policy.timezone }).toFormat('d LLLL yyyy') : '';
    throw new DomainError('conflict', `The final decision was already made by ${await nameOf(ctx, actor, first?.authorId)}${when ? ` on ${when}` : ''}.`);
  }
  await audit(ctx, actor, changed ? 'yearReview.decision.changed' : 'yearReview.decision.confirmed', { kind: 'year-review', id: reviewId }, { cycleId: loaded.review.cycleId, outcome: content.outcome, reviewerOutcome: statement.outcome });
  const records = [...loaded.records, record];
  await release(ctx, actor, loaded, records, content.outcome);
  return { record, standing: reviewStanding(loaded.review, records, loaded.stage, ctx.now()) };
}

/**
 * The review is complete: the written summary is fixed (where the policy has one), the reviewee and
 * reviewer are told, and the outcome's effect set going (support pauses growth). Safe to repeat.
 */
async function release(ctx: UseCaseContext, actor: Actor, loaded: LoadedReview & { stage: ReviewStage }, records: YearReviewRecord[], outcomeKey: string): Promise<void> {
  const { review, person, stage } = loaded;
  if (stage.writtenSummary) {
    const summary = await buildWrittenSummary(ctx, actor.organisation, review, person, records);
    const now = ctx.now();
    const record: YearReviewRecordOf<'summary'> = { ...base(ctx, actor, loaded, 'summary', undefined), kind: 'summary', ...summary, submittedAt: now };
    if (await ctx.repos.yearReviews.addRecordOnce(scopeOf(actor), record)) await audit(ctx, actor, 'yearReview.summary.released', { kind: 'year-review', id: review.id }, { cycleId: review.cycleId });
  }
  await queueReviewMessage(ctx, actor.organisation, review.personId, { kind: 'year-review', reviewId: review.id, audience: 'reviewee', reason: stage.writtenSummary ? 'summary' : 'decided' });
  if (review.reviewerId && review.reviewerId !== actor.person.id) {
    await queueReviewMessage(ctx, actor.organisation, review.reviewerId, { kind: 'year-review', reviewId: review.id, audience: 'reviewer', reason: 'decided' });
  }
  const outcome = stage.outcomes.find((o) => o.key === outcomeKey);
  if (outcome?.effect === 'support') await beginSupportPause(ctx, actor.organisation, review, person, actor.person);
}

/** A card's reflection fields as typed: the rocks by id, only the fields the card carried. */
export interface ReflectionFromCard {
  fields: Partial<Omit<ReflectionContent, 'rocks'>>;
  rocks: Array<Partial<RockReflection> & { rockId: string }>;
}

/**
 * The reflection card's Save draft / Send: what the card carried over what is stored (an answer too
 * long for the chat is left off the card and kept as stored). Sending saves the draft first, so a
 * refused send loses nothing typed.
 */
export async function saveReflectionFromCard(ctx: UseCaseContext, actor: Actor, reviewId: string, typed: ReflectionFromCard, submit: boolean): Promise<EndOfYearResult<'reflection'>> {
  const stored = await ctx.repos.yearReviews.getRecord(scopeOf(actor), 'reflection', yearReviewRecordId('reflection', reviewId));
  const { rocks: storedRocks = [], ...storedFields } = stored ? reflectionContentSchema.parse(stored) : {};
  const rocks = [
    ...typed.rocks.map((r) => ({ ...storedRocks.find((s) => s.rockId === r.rockId), ...r })),
    ...storedRocks.filter((s) => !typed.rocks.some((r) => r.rockId === s.rockId)),
  ];
  const input = { ...storedFields, ...typed.fields, rocks };
  if (!submit || stored?.submittedAt) return saveReflection(ctx, actor, reviewId, { ...input, submit });
  try {
    await saveReflection(ctx, actor, reviewId, { ...input, submit: false });
  } catch (err) {
    if (!(err instanceof DomainError && err.code === 'invalidInput')) throw err;
  }
  return saveReflection(ctx, actor, reviewId, { ...input, submit: true });
}

/** "my review": the person's latest end-of-year review, and those waiting for them as reviewer or decider (newest first). */
export async function endOfYearReviewsFor(ctx: UseCaseContext, actor: Actor): Promise<{ mine: YearReview | null; needsMe: YearReview[]; waitingForOthers: number }> {
  const org = scopeOf(actor);
  const me = actor.person.id;
  const [own, theirs] = await Promise.all([ctx.repos.yearReviews.listForPerson(org, me), ctx.repos.yearReviews.listForReviewer(org, me)]);
  // The person's latest review (of either stage), and every review waiting for them as reviewer or decider.
  const mine = own.at(-1) ?? null;
  const candidates = theirs.filter((r) => r.personId !== me);
  const waiting = await Promise.all(
    candidates.map(async (review) => {
      const records = await ctx.repos.yearReviews.listRecords(org, review.id);
      const standing = reviewStanding(review, records, stageOfReview(actor.organisation, review), ctx.now());
      const myTurn = (standing.turn === 'reviewer' && review.reviewerId === me) || (standing.turn === 'decider' && review.deciderId === me);
      return { review, myTurn, open: standing.status !== 'complete' };
    }),
  );
  const needsMe = waiting.filter((w) => w.myTurn).map((w) => w.review).reverse();
  return { mine, needsMe, waitingForOthers: waiting.filter((w) => w.open && !w.myTurn).length };
}
