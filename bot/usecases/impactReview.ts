// seed 000 Appendix 4: "Impact review meeting to be conducted 1:1 — 3 options". The reviewer
// records the outcome of the March 1:1 from the policy's stage: exceeding (consider a stretch in a
// rock toward a final judgement of Exceptional; flagged for the talent 9-box — the record itself is
// the flag), expected (continue with fortnightly check-ins), support recommended (pause
// professional growth and move to the support policy). The reviewee sees the outcome and may comment.
import type { Person, ReviewOption, YearReview, YearReviewRecord, YearReviewRecordOf } from '../../shared/domain';
import { impactOutcomeContentSchema, yearReviewRecordId } from '../../shared/domain';
import { reviewerOf } from '../../shared/policy';
import { audit, invalidFields, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { currentCycle } from './currentCycle';
import { DomainError } from './errors';
import { lowerFirst, noteRecordView, reviewViewerRole } from './recordViews';
import { parseReviewInput, requireCalendarDate, requireCurrentCycle, todayFor } from './reviewInput';
import { beginSupportPause, liftSupportPause } from './supportPlans';
import { loadYearReview, outcomeOf, requireOutcome, requirePart, type LoadedReview } from './yearReviewAccess';
import { queueReviewMessage } from './yearReviewMessages';
import { recordOf } from './yearReviewStatus';

export type ImpactOutcomeRecord = YearReviewRecordOf<'impact-outcome'>;

/** The impact review (404 unless the caller plays a part; 409 for a review of another stage). */
export async function loadImpactReview(ctx: UseCaseContext, actor: Actor, reviewId: string): Promise<LoadedReview & { stage: NonNullable<LoadedReview['stage']> }> {
  const loaded = await loadYearReview(ctx, actor, reviewId);
  if (loaded.review.stage !== 'impact') throw new DomainError('conflict', `${loaded.review.label} is not an impact review.`);
  if (!loaded.stage) throw new DomainError('conflict', `${actor.organisation.policy.name} no longer has ${loaded.review.label}; what was recorded is kept as it was.`);
  return { ...loaded, stage: loaded.stage };
}

export interface RecordedImpactOutcome {
  record: ImpactOutcomeRecord;
  option: ReviewOption;
  changed: boolean;
}

function sameContent(a: ImpactOutcomeRecord, b: ImpactOutcomeRecord): boolean {
  return a.outcome === b.outcome && a.meetingOn === b.meetingOn && a.notes === b.notes && a.stretch === b.stretch;
}

/** Checks the content against the stage: one of its outcomes, and the 1:1's date where the policy asks for it. */
function checkedContent(ctx: UseCaseContext, actor: Actor, loaded: LoadedReview & { stage: NonNullable<LoadedReview['stage']> }, input: unknown) {
  const content = parseReviewInput(impactOutcomeContentSchema, input);
  const option = requireOutcome(loaded.stage, content.outcome);
  if (loaded.stage.requireMeetingDate && !content.meetingOn) throw invalidFields([{ path: 'meetingOn', message: 'give the date of your 1:1 meeting' }]);
  if (content.meetingOn) {
    requireCalendarDate(content.meetingOn, 'meetingOn');
    if (content.meetingOn > todayFor(ctx, actor.organisation)) throw invalidFields([{ path: 'meetingOn', message: 'record the outcome after the 1:1 meeting has taken place' }]);
  }
  // The stretch belongs to an outcome that prompts one (the talent flag); anything else drops it.
  return { content: { ...content, stretch: option.effect === 'talent' ? content.stretch : '' }, option };
}

/**
 * The reviewer records (or, while the review's cycle is current, records again) the outcome.
 * Effects follow the outcome's `effect`: `support` pauses professional growth (beginSupportPause);
 * changing away from it resumes them; `talent` and `none` need nothing more than the record.
 */
export async function recordImpactOutcome(ctx: UseCaseContext, actor: Actor, reviewId: string, input: unknown): Promise<RecordedImpactOutcome> {
  const loaded = await loadImpactReview(ctx, actor, reviewId);
  requirePart(loaded, 'reviewer', 'Only the reviewer records the outcome of the impact review.');
  const { review, person, stage } = loaded;
  await requireCurrentCycle(ctx, actor.organisation, review);
  const { content, option } = checkedContent(ctx, actor, loaded, input);
  const org = scopeOf(actor);
  const id = yearReviewRecordId('impact-outcome', review.id);
  const previous = await ctx.repos.yearReviews.getRecord(org, 'impact-outcome', id);
  const now = ctx.now();
  const record: ImpactOutcomeRecord = {
    kind: 'impact-outcome',
    id,
    organisationId: actor.organisation.id,
    reviewId: review.id,
    cycleId: review.cycleId,
    personId: review.personId,
    authorId: actor.person.id,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    submittedAt: now,
    ...content,
  };
  if (previous && sameContent(previous, record)) return { record: previous, option, changed: false }; // Teams retried
  await ctx.repos.yearReviews.putRecord(org, record);
  const before = previous ? { outcome: previous.outcome, meetingOn: previous.meetingOn ?? null } : null;
  await audit(ctx, actor, previous ? 'impactOutcome.changed' : 'impactOutcome.recorded', { kind: 'impact-outcome', id }, { reviewId: review.id, before, after: { outcome: record.outcome, meetingOn: record.meetingOn ?? null } });
  const wasSupport = previous ? outcomeOf(stage, previous.outcome)?.effect === 'support' : false;
  if (option.effect === 'support') await beginSupportPause(ctx, actor.organisation, review, person, actor.person);
  else if (wasSupport && !(await ctx.repos.yearReviews.getRecord(org, 'support-outcome', yearReviewRecordId('support-outcome', review.id)))) await liftSupportPause(ctx, actor, review, person);
  // The reviewee sees the outcome (and again when it is changed) and can comment.
  await queueReviewMessage(ctx, actor.organisation, review.personId, { kind: 'year-review', reviewId: review.id, audience: 'reviewee', reason: 'outcome' }, previous ? `v${now.getTime()}` : '');
  return { record, option, changed: true };
}

export interface ImpactReviewState extends LoadedReview {
  stage: NonNullable<LoadedReview['stage']>;
  records: YearReviewRecord[];
  outcome: ImpactOutcomeRecord | null;
  comment: YearReviewRecordOf<'staff-comment'> | null;
  reviewer: Person | null;
  /** The review's cycle is current: the outcome may still be recorded (again). */
  open: boolean;
}

/** What the impact review's cards show the caller (404 unless they play a part). */
export async function impactReviewState(ctx: UseCaseContext, actor: Actor, reviewId: string): Promise<ImpactReviewState> {
  const loaded = await loadImpactReview(ctx, actor, reviewId);
  await noteRecordView(ctx, actor, loaded.person, { kind: 'year-review', role: reviewViewerRole(loaded.as), itemId: loaded.review.id, what: `your ${lowerFirst(loaded.review.label)}` });
  const org = scopeOf(actor);
  const reviewerId = loaded.review.reviewerId ?? reviewerOf(loaded.person, actor.organisation.policy);
  const [records, reviewer, cycle] = await Promise.all([
    ctx.repos.yearReviews.listRecords(org, loaded.review.id),
    !reviewerId ? null : reviewerId === actor.person.id ? actor.person : ctx.repos.people.get(org, reviewerId),
    currentCycle(ctx, actor.organisation),
  ]);
  return {
    ...loaded,
    records,
    outcome: recordOf(records, 'impact-outcome') ?? null,
    comment: recordOf(records, 'staff-comment') ?? null,
    reviewer,
    open: cycle?.id === loaded.review.cycleId,
  };
}

/** The stage of a review the caller plays a part in (the card handler sends each stage to its own cards). */
export async function reviewStageFor(ctx: UseCaseContext, actor: Actor, reviewId: string): Promise<YearReview['stage']> {
  return (await loadYearReview(ctx, actor, reviewId)).review.stage;
}
