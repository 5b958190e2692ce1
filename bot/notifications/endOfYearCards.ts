// The end-of-year review's cards as each person should now see them (seed 001 "Thinking Back";
// seed 000 §10): the reviewee's reflection (pre-filled from the year, or their saved draft), the
// reviewer's statement once the reflection is sent, the decider's final decision once the
// statement is written, and the summary released to the reviewee. Used by the outbox (one card
// per message) and by the bot's card actions and "my review" command. A reflection draft is the
// reviewee's alone: nobody else's card shows it until it is sent.
import { DateTime } from 'luxon';
import type { BotMessage, Organisation, Person, YearReview, YearReviewRecord } from '../../shared/domain';
import { buildEndOfYearCard, type AdaptiveCard, type EndOfYearCardInput, type EndOfYearView } from '../cards';
import type { Links } from '../links';
import type { Actor } from '../usecases/access';
import type { UseCaseContext } from '../usecases/context';
import { loadYearReview, type LoadedReview } from '../usecases/yearReviewAccess';
import { needsFinalDecision, recordOf, reviewStanding, type ReviewStanding } from '../usecases/yearReviewStatus';
import { prefillReflection } from '../usecases/yearReviewView';
import type { ReviewCardServices } from './yearReviewCards';

export type EndOfYearAudience = 'reviewee' | 'reviewer' | 'decider';

export interface EndOfYearCardOptions {
  /** Whose card to show; by default the part whose turn it is that the person plays. */
  audience?: EndOfYearAudience;
  saved?: string;
  error?: string;
  draft?: Record<string, string>;
}

/** A PG administrator sees where a review stands, never what anyone wrote. */
type Part = EndOfYearAudience | 'observer';

function audienceFor(loaded: LoadedReview, standing: ReviewStanding, wanted?: EndOfYearAudience): Part {
  if (wanted && loaded.as[wanted]) return wanted;
  if (standing.turn && standing.turn !== 'reviewee' && loaded.as[standing.turn]) return standing.turn;
  if (loaded.as.reviewee) return 'reviewee';
  if (loaded.as.reviewer) return 'reviewer';
  if (loaded.as.decider) return 'decider';
  return 'observer';
}

function dayOf(at: Date | undefined, zone: string): string {
  return at ? DateTime.fromJSDate(at, { zone }).toFormat('d LLLL yyyy') : '';
}

function standingText(review: YearReview, standing: ReviewStanding, names: { person: string; reviewer: string; decider: string }, audience: Part, zone: string): string {
  const late = standing.overdue ? ' It is overdue.' : '';
  switch (standing.status) {
    case 'waiting-for-reviewee':
      return audience === 'reviewee' ? `Your reflection is due by ${dayOf(review.dueAt, zone)}.${late}` : `Waiting for ${names.person}'s reflection, due ${dayOf(review.dueAt, zone)}.${late}`;
    case 'waiting-for-reviewer':
      return audience === 'reviewer' ? `Your statement is due by ${dayOf(review.reviewerDueAt, zone)}.${late}` : `Waiting for ${names.reviewer}'s review statement, due ${dayOf(review.reviewerDueAt, zone)}.${late}`;
    case 'waiting-for-decider':
      return audience === 'decider' ? `Your final decision is due by ${dayOf(review.decisionDueAt ?? review.reviewerDueAt, zone)}.${late}` : `Waiting for ${names.decider}'s final decision.${late}`;
    case 'complete':
      return `Complete. Outcome: ${standing.outcomeLabel ?? ''}.`;
  }
}

function viewFor(audience: Part, standing: ReviewStanding, records: readonly YearReviewRecord[]): { view: EndOfYearView; canEdit: boolean } {
  const reflected = Boolean(recordOf(records, 'reflection')?.submittedAt);
  const stated = Boolean(recordOf(records, 'statement')?.submittedAt);
  const decided = Boolean(recordOf(records, 'final-decision'));
  if (audience === 'reviewee') {
    if (standing.status === 'complete') return { view: 'summary', canEdit: true };
    return stated ? { view: 'waiting', canEdit: false } : { view: 'reflection', canEdit: true };
  }
  if (audience === 'observer') return { view: 'waiting', canEdit: false };
  if (audience === 'reviewer') {
    if (!reflected) return { view: 'waiting', canEdit: false };
    return { view: 'statement', canEdit: !decided && standing.status !== 'complete' };
  }
  if (!stated) return { view: 'waiting', canEdit: false };
  return { view: 'decision', canEdit: !decided };
}

async function namesOf(ctx: UseCaseContext, org: { organisationId: string }, ids: Array<string | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const people = await Promise.all(wanted.map((id) => ctx.repos.people.get(org, id)));
  return new Map(people.filter((p): p is Person => p !== null).map((p) => [p.id, p.displayName]));
}

/** Everything the builder needs, read for `actor` in the part they play. */
async function cardInput(ctx: UseCaseContext, links: Links, actor: Actor, loaded: LoadedReview, options: EndOfYearCardOptions): Promise<EndOfYearCardInput> {
  const { review, person, stage } = loaded;
  const org = { organisationId: review.organisationId };
  const records = await ctx.repos.yearReviews.listRecords(org, review.id);
  const standing = reviewStanding(review, records, stage, ctx.now());
  const audience = audienceFor(loaded, standing, options.audience);
  const { view, canEdit } = viewFor(audience, standing, records);
  const reflection = recordOf(records, 'reflection');
  const statement = recordOf(records, 'statement');
  const decision = recordOf(records, 'final-decision');
  const [rocks, checkIns, names] = await Promise.all([
    ctx.repos.rocks.listForPerson(org, person.id, { cycleId: review.coversCycleId }),
    ctx.repos.checkIns.listForPerson(org, person.id, { cycleId: review.coversCycleId }),
    namesOf(ctx, org, [review.reviewerId, review.deciderId, decision?.authorId]),
  ]);
  const mayReadReflection = audience === 'reviewee' || (audience !== 'observer' && Boolean(reflection?.submittedAt));
  const mayReadStatement = audience === 'reviewer' || audience === 'decider' || (audience === 'reviewee' && standing.status === 'complete');
  const vocabulary = actor.organisation.policy.vocabulary;
  const who = { person: person.displayName, reviewer: names.get(review.reviewerId ?? '') ?? `your ${vocabulary.reviewer}`, decider: names.get(review.deciderId ?? '') ?? 'the headteacher or manager' };
  const summary = recordOf(records, 'summary');
  return {
    view,
    reviewId: review.id,
    label: review.label,
    vocabulary,
    personName: audience === 'reviewee' ? 'you' : person.displayName,
    reviewerName: who.reviewer,
    deciderName: needsFinalDecision(review, stage) ? who.decider : undefined,
    outcomes: stage?.outcomes ?? [],
    selfAssessment: stage?.selfAssessment ?? [],
    requireMeetingDate: stage?.requireMeetingDate ?? false,
    rocks: rocks.filter((r) => r.status !== 'draft').slice(0, 12).map((r) => ({ id: r.id, title: r.title })),
    reflection: mayReadReflection ? (reflection ?? (view === 'reflection' ? await prefillReflection(ctx, actor.organisation, review, person) : null)) : null,
    reflectionSubmitted: Boolean(reflection?.submittedAt),
    statement: mayReadStatement ? (statement ?? null) : null,
    decision: decision && mayReadStatement ? { ...decision, byName: names.get(decision.authorId) ?? 'the headteacher or manager' } : null,
    summary: summary ?? null,
    comment: recordOf(records, 'staff-comment')?.text ?? null,
    measured: { onTime: checkIns.filter((c) => c.timeliness === 'on-time').length, submitted: checkIns.length },
    standing: standingText(review, standing, who, audience, actor.organisation.policy.timezone),
    canEdit: canEdit && stage !== null,
    tabUrl: links.tab('rocks', `review:${review.id}`),
    checkInsUrl: links.tab('rocks', `review:${review.id}`),
    saved: options.saved,
    error: options.error,
    draft: options.draft,
  };
}

/** The review's card for `actor`; 404 (loadYearReview) unless they play a part in it. */
export async function endOfYearReviewCard(ctx: UseCaseContext, links: Links, actor: Actor, reviewId: string, options: EndOfYearCardOptions = {}): Promise<AdaptiveCard> {
  const loaded = await loadYearReview(ctx, actor, reviewId);
  return buildEndOfYearCard(await cardInput(ctx, links, actor, loaded, options));
}

export async function endOfYearMessageCard(
  services: ReviewCardServices,
  organisation: Organisation,
  recipient: Person,
  review: YearReview,
  message: Extract<BotMessage, { kind: 'year-review' }>,
): Promise<AdaptiveCard | { skip: string }> {
  const actor: Actor = { person: recipient, organisation };
  let loaded: LoadedReview;
  try {
    loaded = await loadYearReview(services.ctx, actor, review.id);
  } catch {
    return { skip: 'the recipient no longer plays a part in this review' };
  }
  if (!loaded.as[message.audience]) return { skip: `the recipient is no longer the review's ${message.audience}` };
  const saved = message.reason === 'submitted' && message.audience === 'reviewer' ? `${loaded.person.displayName} has sent you their reflection.` : undefined;
  const input = await cardInput(services.ctx, services.links, actor, loaded, { audience: message.audience, ...(saved ? { saved } : {}) });
  return buildEndOfYearCard(input);
}
