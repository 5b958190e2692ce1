// The March impact review's and the support plan's card actions (seed 000 Appendix 4, §12): the
// reviewer records the outcome, the plan and, at its review, whether it succeeded; the reviewee
// comments. Each runs the same use case as the tab and answers with the card again — saved, or
// with what to fix and everything typed kept. The shared review verbs (open, refresh, comment)
// are routed here by the review's stage: impact reviews and support plans here, end of year to
// the end-of-year handler.
import { REVIEW_VERBS } from '../../../shared/verbs';
import { buildErrorCard, type AdaptiveCard } from '../../cards';
import { REVIEW_FIELD_LABELS } from '../../cards/impactReviewCards';
import { createLinks } from '../../links';
import { impactReviewCard, supportPlanCard, type ReviewCardOptions } from '../../notifications/impactReviewCards';
import type { ReviewCardServices } from '../../notifications/yearReviewCards';
import type { Actor } from '../../usecases/access';
import { loadOrganisation } from '../../usecases/checkIns';
import { DomainError } from '../../usecases/errors';
import { recordImpactOutcome, reviewStageFor } from '../../usecases/impactReview';
import { commentOnReview } from '../../usecases/reviewComments';
import { recordSupportOutcome, saveSupportPlan } from '../../usecases/supportPlans';
import type { ActionTurn, PersonTurn } from '../registry';
import { endOfYearAction } from './endOfYear';

type Turn = ActionTurn & PersonTurn;

/** The card's inputs as typed (strings only), to save and, if refused, to show again. */
function typed(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string' && key !== 'reviewId' && key !== 'card') out[key] = value;
  return out;
}

function problemText(err: DomainError): string {
  const errors = (err.details.errors ?? []) as Array<{ path: string; message: string }>;
  if (errors.length === 0) return err.message;
  return `Please check: ${errors.map((e) => `${REVIEW_FIELD_LABELS[e.path.split('.')[0]!] ?? e.path} — ${e.message}`).join('; ')}.`;
}

const blankToUndefined = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

/** Runs the verb's use case; the line shown above the card once it is saved. */
async function save(turn: Turn, actor: Actor, reviewId: string, draft: Record<string, string>): Promise<string | undefined> {
  const { ctx } = turn.deps;
  switch (turn.verb) {
    case REVIEW_VERBS.recordImpact: {
      const { option, record } = await recordImpactOutcome(ctx, actor, reviewId, { outcome: draft.outcome ?? '', meetingOn: blankToUndefined(draft.meetingOn), notes: draft.notes, stretch: draft.stretch });
      const then = option.effect === 'support' ? ' Their professional growth is paused: record the support plan next.' : '';
      return `Recorded: ${option.label}${record.meetingOn ? ` (1:1 on ${record.meetingOn})` : ''}. It has been sent to them.${then}`;
    }
    case REVIEW_VERBS.comment:
      await commentOnReview(ctx, actor, reviewId, { text: draft.text ?? '' });
      return 'Your comment has been sent.';
    case REVIEW_VERBS.saveSupportPlan:
      await saveSupportPlan(ctx, actor, reviewId, { route: draft.route ?? '', whatWillHelp: draft.whatWillHelp ?? '', reviewOn: draft.reviewOn ?? '', notes: draft.notes });
      return 'The support plan is recorded, and they have been sent it.';
    case REVIEW_VERBS.recordSupportOutcome: {
      const succeeded = draft.succeeded === 'yes' ? true : draft.succeeded === 'no' ? false : undefined;
      const outcome = await recordSupportOutcome(ctx, actor, reviewId, { succeeded, note: draft.note });
      return outcome.succeeded ? `Recorded. Their ${actor.organisation.policy.vocabulary.checkIn}s start again from the next one.` : `Recorded. Next step: ${outcome.nextStep}`;
    }
    default:
      return undefined; // open, refresh: just the current view
  }
}

function cardNameFor(turn: Turn): 'impact' | 'support' {
  if (turn.verb === REVIEW_VERBS.saveSupportPlan || turn.verb === REVIEW_VERBS.recordSupportOutcome) return 'support';
  return turn.data.card === 'support' ? 'support' : 'impact';
}

/** The impact review's and support plan's verbs. */
export async function impactReviewAction(turn: Turn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const organisation = await loadOrganisation(ctx, turn.person.organisationId);
  const actor: Actor = { person: turn.person, organisation };
  const services: ReviewCardServices = { ctx, links: createLinks(turn.deps.config) };
  const reviewId = String(turn.data.reviewId ?? '');
  const card = cardNameFor(turn);
  const build = (options: ReviewCardOptions) => (card === 'support' ? supportPlanCard : impactReviewCard)(services, organisation, turn.person, reviewId, options);
  const draft = typed(turn.data);
  try {
    const saved = await save(turn, actor, reviewId, draft);
    return await build(saved ? { saved } : {});
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (err.code === 'invalidInput' || err.code === 'conflict') return build({ error: problemText(err), draft });
    return buildErrorCard({ errorId: err.code, message: err.message });
  }
}

/** REVIEW_VERBS.open, refresh and comment: each stage's cards answer for their reviews. */
export async function yearReviewAction(turn: Turn): Promise<AdaptiveCard> {
  if (turn.data.card === 'support') return impactReviewAction(turn);
  const organisation = await loadOrganisation(turn.deps.ctx, turn.person.organisationId);
  try {
    const stage = await reviewStageFor(turn.deps.ctx, { person: turn.person, organisation }, String(turn.data.reviewId ?? ''));
    return stage === 'impact' ? impactReviewAction(turn) : endOfYearAction(turn);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'notFound') return buildErrorCard({ errorId: err.code, message: err.message });
    throw err;
  }
}
