// OWNED BY the review-view helper: one review as the caller may see it (GET /reviews/:id), the
// reflection pre-filled from the year, and the written summary released at the end.
//
// What each part sees: a record is its author's alone while it is a draft (no submittedAt); once
// sent on, everyone who plays a part in the review reads it, except that the reviewee reads the
// reviewer's statement only once the review is complete (the decider may still change the
// outcome). The support plan and its outcome are there only for those the policy lets see them
// (policy.reviews.support.seenBy): absent otherwise, never an empty shell.
import type { z } from 'zod';
import type { Organisation, Person, ReflectionContent, ReviewOption, ReviewStage, RockReflection, WrittenSummary, YearReview, YearReviewRecord, YearReviewRecordKind, YearReviewRecordOf } from '../../shared/domain';
import {
  finalDecisionContentSchema,
  impactOutcomeContentSchema,
  reflectionContentSchema,
  rockReflectionSchema,
  staffCommentContentSchema,
  statementContentSchema,
  supportOutcomeContentSchema,
  supportPlanContentSchema,
  writtenSummarySchema,
} from '../../shared/domain';
import type { YearReviewDto, YearReviewSummaryDto } from '../../shared/api';
import { scopeOf, type Actor } from './access';
import { lowerFirst, noteRecordView, reviewViewerRole } from './recordViews';
import type { UseCaseContext } from './context';
import { peopleById } from './people';
import { loadYearReview, outcomeOf, stageOfReview, type LoadedReview, type ReviewParts } from './yearReviewAccess';
import { boundLines, clip, loadYearFacts, oneLine, type YearFacts } from './yearReviewFacts';
import { recordOf, reviewStanding, type ReviewStanding } from './yearReviewStatus';
import { careerFollowUpsForReview } from './careerConversations';
import { nextYearRocks, standardsFor, supportingLines, summaryRock } from './yearReviewSummary';
import { FORMER_COLLEAGUE } from '../../shared/domain';

// ── The reflection pre-filled from the year (seed 001 "Thinking Back") ─────────────────────

/** A text field's maximum length, read from its schema so the pre-fill follows any change to it. */
const maxOf = (field: { unwrap(): { maxLength: number | null } }): number => field.unwrap().maxLength ?? 1000;
const reflectionFields = reflectionContentSchema.shape;

/** reflectionContentSchema's limits (shared/domain/yearReview.ts): the pre-fill stays within them. */
export const REFLECTION_LIMITS = {
  recognition: maxOf(reflectionFields.recognition),
  www: maxOf(reflectionFields.www),
  ebi: maxOf(reflectionFields.ebi),
  whatNext: maxOf(reflectionFields.whatNext),
  supportReceived: maxOf(reflectionFields.supportReceived),
  rockProgress: maxOf(rockReflectionSchema.shape.progress),
  rockSupport: maxOf(rockReflectionSchema.shape.supportReceived),
  /** reflectionContentSchema.rocks' max(12). */
  rocks: 12,
} as const;
/** A check-in answer on one line of the pre-fill is cut to this. */
const BULLET = 240;

function feedbackLine(f: YearFacts['feedback'][number]): string {
  return `${f.from ? `From ${f.from}` : 'From a colleague'}: ${oneLine(f.text)}`;
}

function answerLines(facts: YearFacts, answer: 'www' | 'ebi' | 'whatsNext', max: number): string {
  const lines = facts.checkIns.filter((c) => c.checkIn.answers[answer].trim()).map((c) => `• ${c.title}: ${clip(oneLine(c.checkIn.answers[answer]), BULLET)}`);
  return boundLines(lines, max);
}

/** One rock's row: progress from the latest check-in that said something about it, % from its success criteria. */
export function prefillRock(rock: YearFacts['rocks'][number], facts: YearFacts): RockReflection {
  const latest = facts.checkIns.flatMap((c) => c.checkIn.answers.rockProgress).find((p) => p.rockId === rock.id && p.progress.trim());
  const total = rock.successCriteria.length;
  const done = rock.successCriteria.filter((c) => c.done).length;
  const completed = rock.status === 'completed' || (total > 0 && done === total) ? 'yes' : total > 0 ? 'no' : undefined;
  const percent = total > 0 ? Math.round((done * 100) / total) : rock.status === 'completed' ? 100 : undefined;
  return {
    rockId: rock.id,
    progress: clip(latest?.progress ?? '', REFLECTION_LIMITS.rockProgress),
    challenges: '',
    takeForward: '',
    ...(completed ? { completed } : {}),
    ...(percent !== undefined ? { percentComplete: percent } : {}),
    comments: '',
    supportReceived: boundLines(facts.feedback.filter((f) => f.rockId === rock.id).map(feedbackLine), REFLECTION_LIMITS.rockSupport),
  };
}

/** The reflection as the year wrote it: the starting draft, all of it the reviewee's to change. */
export function prefillFromFacts(facts: YearFacts): ReflectionContent {
  const score = facts.checkIns.find((c) => c.checkIn.answers.score !== undefined)?.checkIn.answers.score;
  return {
    recognition: boundLines(
      facts.praise.map((p) => `From ${p.from}: ${oneLine(p.message)}`),
      REFLECTION_LIMITS.recognition,
    ),
    www: answerLines(facts, 'www', REFLECTION_LIMITS.www),
    ebi: answerLines(facts, 'ebi', REFLECTION_LIMITS.ebi),
    whatNext: answerLines(facts, 'whatsNext', REFLECTION_LIMITS.whatNext),
    rocks: facts.rocks.slice(0, REFLECTION_LIMITS.rocks).map((r) => prefillRock(r, facts)),
    anythingElse: '',
    supportReceived: boundLines(facts.feedback.map(feedbackLine), REFLECTION_LIMITS.supportReceived),
    ...(score !== undefined ? { score } : {}),
  };
}

/** seed 001's reflection pre-filled from the year: praise received, check-in answers, rock progress. */
export async function prefillReflection(ctx: UseCaseContext, organisation: Organisation, review: YearReview, person: Person): Promise<ReflectionContent> {
  return prefillFromFacts(await loadYearFacts(ctx, organisation, review, person));
}

// ── The written summary (seed 000 §10) ─────────────────────────────────────────────────────

function submitted<K extends YearReviewRecordKind>(records: readonly YearReviewRecord[], kind: K): YearReviewRecordOf<K> | undefined {
  const record = recordOf(records, kind);
  return record?.submittedAt ? record : undefined;
}

/** seed 000 §10: the written summary and the new-year summary, fixed when released. */
export async function buildWrittenSummary(ctx: UseCaseContext, organisation: Organisation, review: YearReview, person: Person, records: readonly YearReviewRecord[]): Promise<WrittenSummary> {
  const stage = stageOfReview(organisation, review);
  const reflection = submitted(records, 'reflection');
  const statement = submitted(records, 'statement');
  const decision = submitted(records, 'final-decision');
  const facts = await loadYearFacts(ctx, organisation, review, person);
  const label = (key: string) => (stage ? (outcomeOf(stage, key)?.label ?? key) : key);
  const outcome = decision?.outcome ?? statement?.outcome;
  return {
    rocks: facts.rocks.map((rock) => summaryRock(rock, reflection?.rocks.find((r) => r.rockId === rock.id))),
    rolePerformance: statement?.rolePerformance ?? '',
    supportingInformation: supportingLines(facts),
    statement: statement?.statement ?? '',
    outcomeLabel: outcome ? label(outcome) : '',
    nextYear: {
      rocks: await nextYearRocks(ctx, organisation, facts.cycle, person),
      standards: standardsFor(organisation, review.roleCategory || person.roleCategory),
      growthPlan: [statement?.developmentNeeds ?? '', reflection?.whatNext ?? ''].map((t) => t.trim()).filter(Boolean).join('\n\n'),
    },
  };
}

// ── Whose turn, and what the caller may change ─────────────────────────────────────────────

export type ReviewEdits = YearReviewDto['canEdit'];

const NOTHING: ReviewEdits = { impactOutcome: false, reflection: false, statement: false, finalDecision: false, comment: false, supportPlan: false, supportOutcome: false };

/** What the caller may change now; nothing on a review whose stage the policy has since dropped. */
export function editableParts(review: YearReview, stage: ReviewStage | null, records: readonly YearReviewRecord[], standing: ReviewStanding, as: ReviewParts): ReviewEdits {
  if (!stage) return NOTHING;
  const eoy = review.stage === 'end-of-year';
  const sent = (kind: YearReviewRecordKind) => submitted(records, kind) !== undefined;
  const support = as.reviewer && outcomeOf(stage, standing.outcomeKey ?? undefined)?.effect === 'support';
  return {
    impactOutcome: as.reviewer && !eoy,
    reflection: as.reviewee && eoy && !sent('statement'),
    statement: as.reviewer && eoy && sent('reflection') && standing.status !== 'complete',
    finalDecision: as.decider && standing.turn === 'decider',
    comment: as.reviewee && (eoy ? standing.status === 'complete' : sent('impact-outcome')),
    supportPlan: support,
    supportOutcome: support && sent('support-plan'),
  };
}

/** The caller's next action on the review, in words, or null when nothing is theirs to do now. */
export function nextStepFor(review: YearReview, records: readonly YearReviewRecord[], standing: ReviewStanding, as: ReviewParts, canEdit: ReviewEdits): string | null {
  if (standing.turn === 'reviewee' && as.reviewee) return recordOf(records, 'reflection') ? 'Finish and send your reflection' : 'Write your reflection';
  if (standing.turn === 'reviewer' && as.reviewer) return review.stage === 'impact' ? 'Record the impact review' : 'Write the review statement';
  if (standing.turn === 'decider' && as.decider) return 'Confirm or change the outcome';
  if (canEdit.supportPlan && !submitted(records, 'support-plan')) return 'Write the support plan';
  return null;
}

// ── The review as the caller may see it ────────────────────────────────────────────────────

const iso = (d: Date) => d.toISOString();

function optionDto(o: ReviewOption): YearReviewDto['outcomes'][number] {
  return { key: o.key, label: o.label, ...(o.guidance ? { guidance: o.guidance } : {}), effect: o.effect };
}

/** The review's line in a list (and the head of the full view). */
export function reviewSummaryDto(review: YearReview, person: Person, names: ReadonlyMap<string, Person>, standing: ReviewStanding, nextStep: string | null): YearReviewSummaryDto {
  const summary = (id: string | undefined) => (id ? { id, displayName: names.get(id)?.displayName ?? FORMER_COLLEAGUE } : null);
  return {
    id: review.id,
    stage: review.stage,
    label: review.label,
    cycleId: review.cycleId,
    person: { id: person.id, displayName: person.displayName },
    reviewer: summary(review.reviewerId),
    decider: summary(review.deciderId),
    school: review.school,
    opensAt: iso(review.opensAt),
    dueAt: iso(review.dueAt),
    reviewerDueAt: iso(review.reviewerDueAt),
    ...(review.decisionDueAt ? { decisionDueAt: iso(review.decisionDueAt) } : {}),
    status: standing.status,
    myNextStep: nextStep,
    overdue: standing.overdue,
    outcomeLabel: standing.outcomeLabel,
  };
}

/** A record's content: the schema's fields only. */
function contentOf<S extends z.ZodObject>(schema: S, record: YearReviewRecord): z.output<S> {
  const content: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = (record as unknown as Record<string, unknown>)[key];
    if (value !== undefined) content[key] = value;
  }
  return content as z.output<S>;
}

/** A record's content with who wrote it and when. */
function partDto<S extends z.ZodObject>(schema: S, record: YearReviewRecord): z.output<S> & { authorId: string; updatedAt: string; submittedAt?: string } {
  return { ...contentOf(schema, record), authorId: record.authorId, updatedAt: iso(record.updatedAt), ...(record.submittedAt ? { submittedAt: iso(record.submittedAt) } : {}) };
}

type RecordParts = Pick<YearReviewDto, 'impactOutcome' | 'reflection' | 'statement' | 'finalDecision' | 'staffComment' | 'summary' | 'supportPlan' | 'supportOutcome'>;

/** Each record as the caller may see it (module comment). */
function recordParts(actor: Actor, loaded: LoadedReview, records: readonly YearReviewRecord[], standing: ReviewStanding, facts: YearFacts): RecordParts {
  const seen = <K extends YearReviewRecordKind>(kind: K): YearReviewRecordOf<K> | undefined => {
    const record = recordOf(records, kind);
    return record && (record.submittedAt || record.authorId === actor.person.id) ? record : undefined;
  };
  const reflection = seen('reflection');
  const statement = seen('statement');
  const statementShown = statement && (!loaded.as.reviewee || statement.authorId === actor.person.id || standing.status === 'complete');
  const decision = seen('final-decision');
  const comment = seen('staff-comment');
  const summary = recordOf(records, 'summary');
  const parts: RecordParts = {
    impactOutcome: ((r) => (r ? partDto(impactOutcomeContentSchema, r) : null))(seen('impact-outcome')),
    reflection: reflection
      ? { ...partDto(reflectionContentSchema, reflection), prefilled: false }
      : loaded.as.reviewee && loaded.review.stage === 'end-of-year'
        ? { ...prefillFromFacts(facts), authorId: loaded.person.id, updatedAt: iso(loaded.review.createdAt), prefilled: true }
        : null,
    statement: statementShown ? partDto(statementContentSchema, statement) : null,
    finalDecision: decision ? { ...partDto(finalDecisionContentSchema, decision), confirmed: decision.confirmed } : null,
    staffComment: comment ? partDto(staffCommentContentSchema, comment) : null,
    // The released summary is the summary, not a record: no author or edit stamps.
    summary: summary?.submittedAt ? { ...contentOf(writtenSummarySchema, summary), releasedAt: iso(summary.submittedAt) } : null,
  };
  if (!loaded.canSeeSupport) return parts;
  const plan = seen('support-plan');
  const outcome = seen('support-outcome');
  return { ...parts, supportPlan: plan ? partDto(supportPlanContentSchema, plan) : null, supportOutcome: outcome ? { ...partDto(supportOutcomeContentSchema, outcome), nextStep: outcome.nextStep } : null };
}

/** The year's check-ins beside the reflection, oldest first, with the reviewer's own responses and replies on each. */
async function checkInsForReview(ctx: UseCaseContext, actor: Actor, loaded: LoadedReview, facts: YearFacts): Promise<YearReviewDto['checkIns']> {
  const reviewers = new Set([loaded.review.reviewerId, loaded.as.reviewer ? actor.person.id : undefined].filter((id): id is string => Boolean(id)));
  const ordered = [...facts.checkIns].reverse();
  const threads = await Promise.all(ordered.map((c) => ctx.repos.comments.listForSubject(scopeOf(actor), { kind: 'check-in', id: c.checkIn.id })));
  return ordered.map(({ checkIn, title }, i) => {
    const response = checkIn.reviewerResponse && reviewers.has(checkIn.reviewerResponse.byPersonId) ? [checkIn.reviewerResponse.text] : [];
    const replies = (threads[i] ?? []).filter((c) => reviewers.has(c.authorPersonId)).map((c) => c.text);
    return {
      id: checkIn.id,
      eventTitle: title,
      submittedAt: iso(checkIn.submittedAt),
      onTime: checkIn.timeliness === 'on-time',
      score: checkIn.answers.score ?? null,
      www: checkIn.answers.www,
      ebi: checkIn.answers.ebi,
      next: checkIn.answers.whatsNext,
      responses: [...response, ...replies],
    };
  });
}

/** Praise received and answered 360 feedback, newest first (the giver's name unless the policy makes 360 feedback anonymous). */
function supportingItems(organisation: Organisation, facts: YearFacts): YearReviewDto['supportingInformation'] {
  const anonymous = organisation.policy.reviews?.feedback360.anonymous ?? false;
  const items = [
    ...facts.praise.map((p) => ({ kind: 'praise' as const, from: p.from, text: p.message, at: p.at })),
    ...facts.feedback.map((f) => ({ kind: 'feedback' as const, from: anonymous ? null : f.from, text: f.text, ...(f.rockId ? { rockId: f.rockId } : {}), at: f.at })),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime()).map((item) => ({ ...item, at: iso(item.at) }));
}

/** Who sees the year's check-ins beside the reflection: reviewer, decider, the reviewee; PG admins where the policy lets them read check-ins. */
function seesCheckIns(organisation: Organisation, as: ReviewParts): boolean {
  return as.reviewee || as.reviewer || as.decider || (as.pgAdmin && organisation.policy.access.pgAdminsSeeCheckIns);
}

/** The review as the caller may see it; 404 unless they play a part (yearReviewAccess.ts). */
export async function loadYearReviewView(ctx: UseCaseContext, actor: Actor, reviewId: string): Promise<YearReviewDto> {
  const loaded = await loadYearReview(ctx, actor, reviewId);
  const { review, person, stage, as } = loaded;
  await noteRecordView(ctx, actor, person, { kind: 'year-review', role: reviewViewerRole(as), itemId: review.id, what: `your ${lowerFirst(review.label)}` });
  const [records, facts, names] = await Promise.all([
    ctx.repos.yearReviews.listRecords(scopeOf(actor), review.id),
    loadYearFacts(ctx, actor.organisation, review, person),
    peopleById(ctx, scopeOf(actor), [review.reviewerId, review.deciderId].filter((id): id is string => Boolean(id))),
  ]);
  const standing = reviewStanding(review, records, stage, ctx.now());
  const canEdit = editableParts(review, stage, records, standing, as);
  return {
    ...reviewSummaryDto(review, person, names, standing, nextStepFor(review, records, standing, as, canEdit)),
    coversCycleId: review.coversCycleId,
    outcomes: (stage?.outcomes ?? []).map(optionDto),
    selfAssessment: (stage?.selfAssessment ?? []).map(optionDto),
    requireMeetingDate: stage?.requireMeetingDate ?? false,
    writtenSummary: stage?.writtenSummary ?? false,
    as,
    canEdit,
    ...recordParts(actor, loaded, records, standing, facts),
    measured: facts.measured,
    checkIns: seesCheckIns(actor.organisation, as) ? await checkInsForReview(ctx, actor, loaded, facts) : [],
    rocks: facts.rocks.map((r) => ({ id: r.id, title: r.title, status: r.status, successCriteria: r.successCriteria.map((c) => ({ text: c.text, done: c.done })) })),
    supportingInformation: supportingItems(actor.organisation, facts),
    meetingRequiredBeforeStatement: stage?.requireMeetingDate ?? false,
    // Issue 13 (career helper): the career conversation's end-of-cycle follow-ups, on end-of-year reviews.
    ...(review.stage === 'end-of-year' ? await careerFollowUpsForReview(ctx, actor.organisation, review.personId, review.coversCycleId ?? review.cycleId) : {}),
  };
}
