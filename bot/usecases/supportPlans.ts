// seed 000 §12 / Appendix 4's support pause and plan: "Should performance concerns be raised, the
// Professional Growth process will be paused until standards are being met". An outcome with effect
// `support` pauses the person (no check-in prompts: eligibility excludes paused staff), they are
// told plainly and kindly, and the reviewer records a plan on the policy's informal or formal route
// (what will help, a review date). At the review: yes resumes professional growth with a review
// and update of the rocks; no records the next step the policy names for the route.
// Only the person, their reviewer and those policy.reviews.support.seenBy names read a plan.
import type { Organisation, Person, SupportRules, YearReview, YearReviewRecord, YearReviewRecordOf } from '../../shared/domain';
import { supportOutcomeContentSchema, supportPlanContentSchema, yearReviewRecordId } from '../../shared/domain';
import { reviewerOf } from '../../shared/policy';
import { audit, invalidFields, permittedRole, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { noteRecordView, reviewViewerRole, viewerRole } from './recordViews';
import { parseReviewInput, requireCalendarDate, todayFor } from './reviewInput';
import { outcomeOf, partsIn, stageOfReview, type ReviewParts } from './yearReviewAccess';
import { queueReviewMessage } from './yearReviewMessages';
import { reviewStanding } from './yearReviewStatus';

/** person.statusReason while a support plan pauses them; only a pause with this reason is lifted by the plan. */
export const SUPPORT_PAUSE_REASON = 'Support plan';

export type SupportPlanRecord = YearReviewRecordOf<'support-plan'>;
export type SupportOutcomeRecord = YearReviewRecordOf<'support-outcome'>;

export function supportRulesOf(organisation: Organisation): SupportRules {
  const rules = organisation.policy.reviews?.support;
  if (!rules) throw new DomainError('conflict', `${organisation.policy.name} has no support plans in the app.`);
  return rules;
}

/** Who hears about the plan as the reviewer: the reviewer named on the review, else the person's reviewer now. */
function reviewerIdOf(organisation: Organisation, review: YearReview, person: Person, fallback?: string): string | undefined {
  return review.reviewerId ?? reviewerOf(person, organisation.policy) ?? fallback;
}

/**
 * An outcome with effect `support` (impact review "support recommended", end of year "did not meet
 * – commence support"): pause the person's professional growth (no check-in prompts), tell them
 * plainly and kindly, and ask the reviewer for the support plan. Idempotent.
 */
export async function beginSupportPause(ctx: UseCaseContext, organisation: Organisation, review: YearReview, person: Person, by: Person): Promise<void> {
  const org = { organisationId: organisation.id };
  const current = (await ctx.repos.people.get(org, person.id)) ?? person;
  // Someone excluded (left, ECT...) or already paused for another reason keeps that status.
  if (current.status === 'active') {
    await ctx.repos.people.setStatus(org, person.id, 'paused', SUPPORT_PAUSE_REASON, ctx.now());
    await audit(ctx, { person: by, organisation }, 'person.paused', { kind: 'person', id: person.id }, { before: 'active', after: 'paused', reason: SUPPORT_PAUSE_REASON, reviewId: review.id });
  }
  await queueReviewMessage(ctx, organisation, person.id, { kind: 'support-plan', reviewId: review.id, audience: 'reviewee', reason: 'paused' });
  const reviewerId = reviewerIdOf(organisation, review, person, by.id);
  if (reviewerId && reviewerId !== person.id) await queueReviewMessage(ctx, organisation, reviewerId, { kind: 'support-plan', reviewId: review.id, audience: 'reviewer', reason: 'plan' });
}

/**
 * The outcome that paused them was changed (recorded again) before any support outcome: their
 * professional growth resumes, if it was the support plan that paused it.
 */
export async function liftSupportPause(ctx: UseCaseContext, actor: Actor, review: YearReview, person: Person): Promise<void> {
  const resumed = await ctx.repos.people.setStatus(scopeOf(actor), person.id, 'active', undefined, ctx.now(), SUPPORT_PAUSE_REASON);
  if (resumed) await audit(ctx, actor, 'person.resumed', { kind: 'person', id: person.id }, { before: 'paused', after: 'active', reviewId: review.id, why: 'outcome changed' });
}

export interface LoadedSupport {
  review: YearReview;
  person: Person;
  as: ReviewParts;
  rules: SupportRules;
  plan: SupportPlanRecord | null;
  outcome: SupportOutcomeRecord | null;
  /** The review's outcome has effect `support`: a plan is (or was) asked for. */
  supportRecommended: boolean;
  records: YearReviewRecord[];
}

/**
 * A review's support plan for the caller: 404 for anyone the policy does not name (the person,
 * their reviewer, and policy.reviews.support.seenBy), and where the review has no support.
 */
export async function loadSupport(ctx: UseCaseContext, actor: Actor, reviewId: string): Promise<LoadedSupport> {
  const org = scopeOf(actor);
  const review = await ctx.repos.yearReviews.get(org, reviewId);
  if (!review) throw new DomainError('notFound');
  const person = review.personId === actor.person.id ? actor.person : await ctx.repos.people.get(org, review.personId);
  if (!person) throw new DomainError('notFound');
  const as = partsIn(actor, review, person);
  if (!as.reviewee && !as.reviewer && permittedRole(actor, 'support-plans', 'read', person) === null) throw new DomainError('notFound');
  const rules = actor.organisation.policy.reviews?.support;
  if (!rules) throw new DomainError('notFound');
  const records = await ctx.repos.yearReviews.listRecords(org, review.id);
  const stage = stageOfReview(actor.organisation, review);
  const standing = reviewStanding(review, records, stage, ctx.now());
  const supportRecommended = Boolean(stage && outcomeOf(stage, standing.outcomeKey ?? undefined)?.effect === 'support');
  const plan = (records.find((r) => r.kind === 'support-plan') as SupportPlanRecord | undefined) ?? null;
  const outcome = (records.find((r) => r.kind === 'support-outcome') as SupportOutcomeRecord | undefined) ?? null;
  if (!supportRecommended && !plan) throw new DomainError('notFound');
  return { review, person, as, rules, plan, outcome, supportRecommended, records };
}

/** What the caller may change on the plan now (GET /reviews/:id's canEdit.supportPlan / supportOutcome). */
export function supportEditable(loaded: Pick<LoadedSupport, 'as' | 'plan' | 'outcome' | 'supportRecommended'>): { supportPlan: boolean; supportOutcome: boolean } {
  const open = loaded.as.reviewer && !loaded.outcome;
  return { supportPlan: open && loaded.supportRecommended, supportOutcome: open && Boolean(loaded.plan) };
}

function requireReviewer(loaded: LoadedSupport): void {
  if (!loaded.as.reviewer) throw new DomainError('forbidden', 'Only the reviewer records the support plan and its outcome.');
}

/** seed 000 Appendix 4: "Review criteria - determine one of two routes" and "Implement plan as policy". */
export async function saveSupportPlan(ctx: UseCaseContext, actor: Actor, reviewId: string, input: unknown): Promise<SupportPlanRecord> {
  const loaded = await loadSupport(ctx, actor, reviewId);
  requireReviewer(loaded);
  const { review, rules } = loaded;
  if (loaded.outcome) throw new DomainError('conflict', 'The outcome of this support plan has been recorded, so the plan can no longer be changed.');
  if (!loaded.supportRecommended) throw new DomainError('conflict', 'The outcome of this review no longer recommends support, so there is no plan to write.');
  const content = parseReviewInput(supportPlanContentSchema, input);
  const route = rules.routes.find((r) => r.key === content.route);
  if (!route) throw invalidFields([{ path: 'route', message: `choose one of: ${rules.routes.map((r) => r.label).join('; ')}` }]);
  requireCalendarDate(content.reviewOn, 'reviewOn');
  if (content.reviewOn <= todayFor(ctx, actor.organisation)) throw invalidFields([{ path: 'reviewOn', message: 'choose a date after today for the review of the plan' }]);
  const now = ctx.now();
  const previous = loaded.plan;
  const record: SupportPlanRecord = {
    kind: 'support-plan',
    id: yearReviewRecordId('support-plan', review.id),
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
  const unchanged = previous && previous.route === record.route && previous.whatWillHelp === record.whatWillHelp && previous.reviewOn === record.reviewOn && previous.notes === record.notes;
  if (unchanged) return previous; // Teams retried the same save
  await ctx.repos.yearReviews.putRecord(scopeOf(actor), record);
  const before = previous ? { route: previous.route, reviewOn: previous.reviewOn } : null;
  await audit(ctx, actor, previous ? 'supportPlan.changed' : 'supportPlan.recorded', { kind: 'support-plan', id: record.id }, { reviewId: review.id, before, after: { route: record.route, reviewOn: record.reviewOn } });
  await queueReviewMessage(ctx, actor.organisation, review.personId, { kind: 'support-plan', reviewId: review.id, audience: 'reviewee', reason: 'plan' }, previous ? `v${now.getTime()}` : '');
  return record;
}

/** seed 000 Appendix 4: "At end of process review — Has it been successful?" Recorded once. */
export async function recordSupportOutcome(ctx: UseCaseContext, actor: Actor, reviewId: string, input: unknown): Promise<SupportOutcomeRecord> {
  const loaded = await loadSupport(ctx, actor, reviewId);
  requireReviewer(loaded);
  const { review, rules, plan, person } = loaded;
  if (!plan) throw new DomainError('conflict', 'Record the support plan first; its outcome is recorded at the plan’s review.');
  if (typeof (input as { succeeded?: unknown } | null)?.succeeded !== 'boolean') throw invalidFields([{ path: 'succeeded', message: 'choose yes or no' }]);
  const content = parseReviewInput(supportOutcomeContentSchema, input);
  if (loaded.outcome) {
    if (loaded.outcome.succeeded === content.succeeded) return loaded.outcome; // a retry
    throw new DomainError('conflict', 'The outcome of this support plan has already been recorded.');
  }
  const route = rules.routes.find((r) => r.key === plan.route);
  const now = ctx.now();
  const record: SupportOutcomeRecord = {
    kind: 'support-outcome',
    id: yearReviewRecordId('support-outcome', review.id),
    organisationId: actor.organisation.id,
    reviewId: review.id,
    cycleId: review.cycleId,
    personId: review.personId,
    authorId: actor.person.id,
    createdAt: now,
    updatedAt: now,
    submittedAt: now,
    ...content,
    nextStep: content.succeeded ? '' : (route?.ifUnsuccessful ?? 'Take the next steps from the capability policy.'),
  };
  if (!(await ctx.repos.yearReviews.addRecordOnce(scopeOf(actor), record))) {
    const first = await ctx.repos.yearReviews.getRecord(scopeOf(actor), 'support-outcome', record.id);
    if (first && first.succeeded === content.succeeded) return first;
    throw new DomainError('conflict', 'The outcome of this support plan has already been recorded.');
  }
  await audit(ctx, actor, 'supportOutcome.recorded', { kind: 'support-outcome', id: record.id }, { reviewId: review.id, succeeded: record.succeeded, route: plan.route });
  if (record.succeeded) {
    // "End process and resume Professional Growth cycle with review and update of Rocks".
    const resumed = await ctx.repos.people.setStatus(scopeOf(actor), person.id, 'active', undefined, now, SUPPORT_PAUSE_REASON);
    if (resumed) await audit(ctx, actor, 'person.resumed', { kind: 'person', id: person.id }, { before: 'paused', after: 'active', reviewId: review.id });
    await queueReviewMessage(ctx, actor.organisation, person.id, { kind: 'support-plan', reviewId: review.id, audience: 'reviewee', reason: 'resumed' });
  } else {
    await queueReviewMessage(ctx, actor.organisation, actor.person.id, { kind: 'support-plan', reviewId: review.id, audience: 'reviewer', reason: 'next-step' });
    await queueReviewMessage(ctx, actor.organisation, person.id, { kind: 'support-plan', reviewId: review.id, audience: 'reviewee', reason: 'next-step' });
  }
  return record;
}

/** What the support plan's cards show the caller: the plan, its outcome, the reviewer and whether the person is paused now. */
export async function supportPlanState(ctx: UseCaseContext, actor: Actor, reviewId: string): Promise<LoadedSupport & { reviewer: Person | null; paused: boolean }> {
  const loaded = await loadSupport(ctx, actor, reviewId);
  const role = reviewViewerRole({ ...loaded.as, decider: false, pgAdmin: false }) ?? (loaded.as.reviewee ? null : viewerRole(actor, loaded.person, 'support-plans'));
  await noteRecordView(ctx, actor, loaded.person, { kind: 'support-plan', role, itemId: loaded.review.id, what: 'your support plan' });
  const reviewerId = reviewerIdOf(actor.organisation, loaded.review, loaded.person);
  const reviewer = !reviewerId ? null : reviewerId === actor.person.id ? actor.person : await ctx.repos.people.get(scopeOf(actor), reviewerId);
  const now = await ctx.repos.people.get(scopeOf(actor), loaded.person.id);
  return { ...loaded, reviewer, paused: (now ?? loaded.person).status === 'paused' };
}
