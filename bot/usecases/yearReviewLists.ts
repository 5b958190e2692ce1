// The year's reviews as lists (issue 12): a person's own reviews, the ones that need them now (as
// reviewer or decider, when it is their turn) and their team's others; and PG administrators'
// progress by school. Everything is read in the caller's organisation; a cycle of another
// organisation is not found.
import type { Cycle, Organisation, Person, ReviewStage, ReviewStageKind, YearReview, YearReviewRecord, YearReviewRecordKind } from '../../shared/domain';
import { reviewerOf } from '../../shared/policy';
import { permittedRole, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { cycleCalendar } from './currentCycle';
import { DomainError } from './errors';
import { stageOfReview } from './yearReviewAccess';
import { reviewStanding, type ReviewStanding } from './yearReviewStatus';
import { FORMER_COLLEAGUE } from '../../shared/domain';

export interface ReviewListItem {
  review: YearReview;
  person: Pick<Person, 'id' | 'displayName'>;
  reviewer: Pick<Person, 'id' | 'displayName'> | null;
  decider: Pick<Person, 'id' | 'displayName'> | null;
  standing: ReviewStanding;
  myNextStep: string | null;
}

export interface ReviewLists {
  cycle: Cycle | null;
  mine: ReviewListItem[];
  needsMe: ReviewListItem[];
  myTeam: ReviewListItem[];
}

/** The cycle asked for (404 unless it is the caller's organisation's), else the current one, else the last that ended. */
export async function reviewCycle(ctx: UseCaseContext, actor: Actor, cycleId: string | undefined): Promise<Cycle | null> {
  if (cycleId) {
    const cycle = await ctx.repos.cycles.get(scopeOf(actor), cycleId);
    if (!cycle) throw new DomainError('notFound', 'There is no such cycle.');
    return cycle;
  }
  const around = await cycleCalendar(ctx, actor.organisation);
  return around.current ?? around.last ?? null;
}

/**
 * The caller's next step on a review, in words, or null when nothing is theirs to do now. The
 * reviewer is the one named at opening or, after a redelegation, the person's reviewer now
 * (`reviewsNow`), as yearReviewAccess.partsIn lets either act.
 */
export function nextStepOf(review: YearReview, standing: ReviewStanding, me: string, revieweeName: string, reviewsNow = false): string | null {
  if (standing.turn === 'reviewee' && review.personId === me) return 'Write your reflection';
  if (standing.turn === 'reviewer' && (review.reviewerId === me || reviewsNow)) {
    return review.stage === 'impact' ? `Record the outcome of your meeting with ${revieweeName}` : `Write ${revieweeName}'s review statement`;
  }
  if (standing.turn === 'decider' && review.deciderId === me) return `Confirm or change the outcome for ${revieweeName}`;
  return null;
}

async function itemsOf(ctx: UseCaseContext, actor: Actor, reviews: readonly YearReview[], reviewingNow: ReadonlySet<string> = new Set()): Promise<ReviewListItem[]> {
  const org = scopeOf(actor);
  const ids = [...new Set(reviews.flatMap((r) => [r.personId, r.reviewerId, r.deciderId]).filter((id): id is string => Boolean(id)))];
  const people = new Map((ids.length > 0 ? await ctx.repos.people.getMany(org, ids) : []).map((p) => [p.id, p]));
  const named = (id: string | undefined) => {
    const p = id ? people.get(id) : undefined;
    return p ? { id: p.id, displayName: p.displayName } : null;
  };
  const now = ctx.now();
  return Promise.all(
    reviews.map(async (review) => {
      const records = await ctx.repos.yearReviews.listRecords(org, review.id);
      const standing = reviewStanding(review, records, stageOfReview(actor.organisation, review), now);
      const person = named(review.personId) ?? { id: review.personId, displayName: FORMER_COLLEAGUE };
      return { review, person, reviewer: named(review.reviewerId), decider: named(review.deciderId), standing, myNextStep: nextStepOf(review, standing, actor.person.id, person.displayName, reviewingNow.has(review.personId)) };
    }),
  );
}

/** GET /reviews: mine, those that need me now, and my team's others, for one cycle. */
export async function listReviews(ctx: UseCaseContext, actor: Actor, cycleId?: string): Promise<ReviewLists> {
  const cycle = await reviewCycle(ctx, actor, cycleId);
  if (!cycle) return { cycle: null, mine: [], needsMe: [], myTeam: [] };
  const org = scopeOf(actor);
  const me = actor.person.id;
  const inCycle = (r: YearReview) => r.cycleId === cycle.id;
  const [own, named, reviewees] = await Promise.all([ctx.repos.yearReviews.listForPerson(org, me), ctx.repos.yearReviews.listForReviewer(org, me), ctx.repos.people.listReviewees(org, me)]);
  // After a redelegation the new reviewer takes over the reviews opened under the old one.
  const reviewingNow = new Set(reviewees.filter((p) => reviewerOf(p, actor.organisation.policy) === me).map((p) => p.id));
  const handedOver = (await Promise.all([...reviewingNow].map((id) => ctx.repos.yearReviews.listForPerson(org, id)))).flat();
  const seen = new Set<string>();
  const theirs = [...named, ...handedOver].filter((r) => inCycle(r) && r.personId !== me && !seen.has(r.id) && Boolean(seen.add(r.id)));
  const mine = await itemsOf(ctx, actor, own.filter(inCycle));
  const others = await itemsOf(ctx, actor, theirs, reviewingNow);
  const needsMe = others.filter((i) => i.myNextStep !== null);
  const myTeam = others.filter((i) => i.myNextStep === null && (i.review.reviewerId === me || reviewingNow.has(i.review.personId)));
  return { cycle, mine, needsMe, myTeam };
}

// ── PG administrators' progress ────────────────────────────────────────────────────────────

export const NO_SCHOOL = '(no school)';

export interface ProgressRow {
  school: string;
  stage: ReviewStageKind;
  opened: number;
  outcomeRecorded: number;
  reflectionsSubmitted: number;
  statements: number;
  finalDecisions: number;
  staffComments: number;
  complete: number;
  overdue: number;
  outcomes: Record<string, number>;
}

export interface ReviewProgress {
  cycle: Cycle;
  rows: ProgressRow[];
  supportPlans: { open: number; succeeded: number; unsuccessful: number };
}

const COUNTED = { 'impact-outcome': 'outcomeRecorded', reflection: 'reflectionsSubmitted', statement: 'statements', 'final-decision': 'finalDecisions', 'staff-comment': 'staffComments' } as const;

async function cycleRecords(ctx: UseCaseContext, organisation: Organisation, cycleId: string): Promise<YearReviewRecord[]> {
  const org = { organisationId: organisation.id };
  const kinds: YearReviewRecordKind[] = ['impact-outcome', 'reflection', 'statement', 'final-decision', 'staff-comment', 'support-plan', 'support-outcome'];
  return (await Promise.all(kinds.map((k) => ctx.repos.yearReviews.listRecordsForCycle(org, cycleId, k)))).flat() as YearReviewRecord[];
}

function emptyRow(school: string, stage: ReviewStageKind): ProgressRow {
  return { school, stage, opened: 0, outcomeRecorded: 0, reflectionsSubmitted: 0, statements: 0, finalDecisions: 0, staffComments: 0, complete: 0, overdue: 0, outcomes: {} };
}

/** Counts one cycle's reviews by school and stage (a stage, or every stage). Pure. */
export function countProgress(reviews: readonly YearReview[], records: readonly YearReviewRecord[], stages: (review: YearReview) => ReviewStage | null, now: Date): Omit<ReviewProgress, 'cycle'> {
  const byReview = new Map<string, YearReviewRecord[]>();
  for (const r of records) byReview.set(r.reviewId, [...(byReview.get(r.reviewId) ?? []), r]);
  const rows = new Map<string, ProgressRow>();
  for (const review of reviews) {
    const school = review.school.trim() || NO_SCHOOL;
    const key = `${review.stage}\u0000${school}`;
    const row = rows.get(key) ?? emptyRow(school, review.stage);
    rows.set(key, row);
    const own = byReview.get(review.id) ?? [];
    row.opened += 1;
    for (const record of own) {
      const field = record.kind in COUNTED ? COUNTED[record.kind as keyof typeof COUNTED] : undefined;
      if (field && (record.submittedAt || record.kind === 'staff-comment')) row[field] += 1;
    }
    const standing = reviewStanding(review, own, stages(review), now);
    if (standing.status === 'complete') row.complete += 1;
    if (standing.overdue) row.overdue += 1;
    if (standing.outcomeLabel) row.outcomes[standing.outcomeLabel] = (row.outcomes[standing.outcomeLabel] ?? 0) + 1;
  }
  const ids = new Set(reviews.map((r) => r.id));
  const plans = records.filter((r) => r.kind === 'support-plan' && ids.has(r.reviewId));
  const outcomes = new Map(records.flatMap((r) => (r.kind === 'support-outcome' ? [[r.reviewId, r] as const] : [])));
  const supportPlans = { open: 0, succeeded: 0, unsuccessful: 0 };
  for (const plan of plans) {
    const outcome = outcomes.get(plan.reviewId);
    if (!outcome) supportPlans.open += 1;
    else if (outcome.succeeded) supportPlans.succeeded += 1;
    else supportPlans.unsuccessful += 1;
  }
  const sorted = [...rows.values()].sort((a, b) => a.stage.localeCompare(b.stage) || a.school.localeCompare(b.school));
  return { rows: sorted, supportPlans };
}

/** The cycle's review progress for a PG administrator (403 for anyone else), or for the admin channel. */
export async function reviewProgressFor(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, stage?: ReviewStageKind): Promise<Omit<ReviewProgress, 'cycle'>> {
  const org = { organisationId: organisation.id };
  const [reviews, records] = await Promise.all([ctx.repos.yearReviews.listForCycle(org, cycle.id, stage), cycleRecords(ctx, organisation, cycle.id)]);
  return countProgress(reviews, records, (r) => stageOfReview(organisation, r), ctx.now());
}

/** GET /review-progress: PG administrators only (policy 'completion' read). */
export async function reviewProgress(ctx: UseCaseContext, actor: Actor, query: { cycleId?: string; stage?: ReviewStageKind }): Promise<ReviewProgress> {
  if (permittedRole(actor, 'completion', 'read') === null) throw new DomainError('forbidden', 'Only PG administrators can see review progress.');
  const cycle = await reviewCycle(ctx, actor, query.cycleId);
  if (!cycle) throw new DomainError('notFound', 'There is no cycle yet, so no reviews.');
  return { cycle, ...(await reviewProgressFor(ctx, actor.organisation, cycle, query.stage)) };
}
