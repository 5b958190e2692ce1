// The end-of-year review's cards in the bot chat (seed 001 "Thinking Back"): the reviewee saves a
// draft of the reflection or sends it, the reviewer writes the statement, the decider confirms or
// changes the outcome. Each answers with the card the person should now see; a refused save
// answers with the same card, everything typed kept and the fields to fix named.
import type { AdaptiveCard } from '../../cards';
import { jobDescriptionAnswers, onTimeAnswers, type RockReflection, type YearReview } from '../../../shared/domain';
import { REVIEW_VERBS } from '../../../shared/verbs';
import { createLinks } from '../../links';
import { endOfYearReviewCard, type EndOfYearAudience } from '../../notifications/endOfYearCards';
import { invalidFields, type Actor } from '../../usecases/access';
import { loadOrganisation } from '../../usecases/checkIns';
import { endOfYearReviewsFor, makeFinalDecision, saveReflectionFromCard, submitStatement, type ReflectionFromCard } from '../../usecases/endOfYearReview';
import { DomainError } from '../../usecases/errors';
import { commentOnReview } from '../../usecases/reviewComments';
import { impactReviewCard } from '../../notifications/impactReviewCards';
import { sendCard, sendText } from '../activity';
import type { ActionTurn, CommandHandler, PersonTurn } from '../registry';

const FIELD_LABELS: Record<string, string> = {
  recognition: 'Recognition',
  www: 'Biggest achievements (What Went Well)',
  ebi: 'What could have gone better',
  whatNext: 'What next',
  anythingElse: 'Anything further',
  supportReceived: 'Professional support',
  score: 'Score (1-10)',
  onTime: 'Check-ins on time',
  jobDescription: 'Job description',
  selfAssessment: 'Self-assessment',
  meetingOn: 'Date of the review meeting',
  statement: 'Review statement',
  rolePerformance: 'Performance of the role',
  developmentNeeds: 'Development needs',
  outcome: 'Outcome',
  reason: 'Reason',
};

const ROCK_FIELD_LABELS: Record<string, string> = {
  rockId: 'which rock',
  progress: 'progress',
  challenges: 'Minus (challenges)',
  takeForward: 'Interesting (what you take forward)',
  completed: 'completed',
  percentComplete: '% complete',
  comments: 'comments',
  supportReceived: 'support received',
};

const ROCK_FIELDS = ['progress', 'challenges', 'takeForward', 'completed', 'percentComplete', 'comments', 'supportReceived'] as const;
const TEXT_FIELDS = ['recognition', 'www', 'ebi', 'whatNext', 'anythingElse', 'supportReceived'] as const;

function typed(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string') out[key] = value;
  return out;
}

function labelOf(path: string): string {
  const rock = /^rocks\.(\d+)\.(\w+)$/.exec(path);
  if (rock) return `Rock ${Number(rock[1]) + 1}: ${ROCK_FIELD_LABELS[rock[2]!] ?? rock[2]}`;
  return FIELD_LABELS[path.split('.')[0]!] ?? path;
}

function problemText(err: DomainError): string {
  const errors = (err.details.errors ?? []) as Array<{ path: string; message: string }>;
  if (errors.length === 0) return err.message;
  const plain = (m: string) => (/^Required$|at least 1 character/.test(m) ? 'is needed' : m);
  return `Please check: ${errors.map((e) => `${labelOf(e.path)} — ${plain(e.message)}`).join('; ')}.`;
}

function wholeNumber(value: string, path: string, min: number, max: number): number | undefined {
  const trimmed = value.trim().replace(/%$/, '');
  if (!trimmed) return undefined;
  const n = Number(trimmed);
  if (!Number.isInteger(n) || n < min || n > max) throw invalidFields([{ path, message: `a whole number from ${min} to ${max}` }]);
  return n;
}

function oneOf<T extends string>(options: readonly T[], value: string | undefined): T | undefined {
  return options.find((o) => o === value);
}

/** The reflection card's inputs as the use case takes them; only the fields the card carried. */
export function reflectionFromCard(draft: Record<string, string>): ReflectionFromCard {
  const fields: ReflectionFromCard['fields'] = {};
  for (const key of TEXT_FIELDS) if (key in draft) fields[key] = draft[key];
  if ('score' in draft) fields.score = wholeNumber(draft.score!, 'score', 1, 10);
  if ('onTime' in draft) fields.onTime = oneOf(onTimeAnswers, draft.onTime);
  if ('jobDescription' in draft) fields.jobDescription = oneOf(jobDescriptionAnswers, draft.jobDescription);
  if ('selfAssessment' in draft) fields.selfAssessment = draft.selfAssessment || undefined;
  const rocks: ReflectionFromCard['rocks'] = [];
  for (let i = 0; draft[`rock_${i}`]; i++) {
    const rock: Partial<RockReflection> & { rockId: string } = { rockId: draft[`rock_${i}`]! };
    for (const field of ROCK_FIELDS) {
      const value = draft[`rock_${i}_${field}`];
      if (value === undefined) continue;
      if (field === 'percentComplete') rock.percentComplete = wholeNumber(value, `rocks.${i}.percentComplete`, 0, 100);
      else if (field === 'completed') rock.completed = value === 'yes' || value === 'no' ? value : undefined;
      else rock[field] = value;
    }
    rocks.push(rock);
  }
  return { fields, rocks };
}

async function act(actor: Actor, turn: ActionTurn & PersonTurn, reviewId: string, draft: Record<string, string>): Promise<{ saved: string; audience: EndOfYearAudience }> {
  const { ctx } = turn.deps;
  switch (turn.verb) {
    case REVIEW_VERBS.saveReflection:
      await saveReflectionFromCard(ctx, actor, reviewId, reflectionFromCard(draft), false);
      return { saved: 'Draft saved. Only you can see it until you send it.', audience: 'reviewee' };
    case REVIEW_VERBS.submitReflection: {
      const { record } = await saveReflectionFromCard(ctx, actor, reviewId, reflectionFromCard(draft), true);
      const firstSend = record.submittedAt?.getTime() === record.updatedAt.getTime();
      return { saved: firstSend ? 'Sent. Your reviewer has been told your reflection is ready; arrange your face-to-face meeting with them.' : 'Saved. Your reviewer sees the changes.', audience: 'reviewee' };
    }
    case REVIEW_VERBS.submitStatement:
      await submitStatement(ctx, actor, reviewId, { ...draft, meetingOn: draft.meetingOn?.trim() || undefined });
      return { saved: 'Statement saved.', audience: 'reviewer' };
    case REVIEW_VERBS.decide:
      await makeFinalDecision(ctx, actor, reviewId, { outcome: draft.outcome, reason: draft.reason ?? '' });
      return { saved: 'Final decision made. The review is complete and both have been told.', audience: 'decider' };
    case REVIEW_VERBS.comment:
      await commentOnReview(ctx, actor, reviewId, { text: draft.text ?? '' });
      return { saved: 'Your comment has been sent.', audience: 'reviewee' };
    default:
      throw new DomainError('notFound');
  }
}

const AUDIENCE_OF: Record<string, EndOfYearAudience> = {
  [REVIEW_VERBS.saveReflection]: 'reviewee',
  [REVIEW_VERBS.submitReflection]: 'reviewee',
  [REVIEW_VERBS.submitStatement]: 'reviewer',
  [REVIEW_VERBS.decide]: 'decider',
  [REVIEW_VERBS.comment]: 'reviewee',
};

/** REVIEW_VERBS.saveReflection, submitReflection, submitStatement, decide, and open/refresh of an end-of-year review. */
export async function endOfYearAction(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const draft = typed(turn.data);
  const reviewId = draft.reviewId;
  if (!reviewId) throw new DomainError('notFound');
  const actor: Actor = { person: turn.person, organisation: await loadOrganisation(ctx, turn.person.organisationId) };
  const links = createLinks(turn.deps.config);
  const audience = AUDIENCE_OF[turn.verb];
  if (!audience) return endOfYearReviewCard(ctx, links, actor, reviewId);
  try {
    const done = await act(actor, turn, reviewId, draft);
    return await endOfYearReviewCard(ctx, links, actor, reviewId, { audience: done.audience, saved: done.saved });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'invalidInput') return endOfYearReviewCard(ctx, links, actor, reviewId, { audience, error: problemText(err), draft });
    // A 409 (the statement was written meanwhile, someone else decided): the current card, and why.
    if (err instanceof DomainError && err.code === 'conflict') return endOfYearReviewCard(ctx, links, actor, reviewId, { audience, error: err.message });
    throw err;
  }
}

/** The most reviewers' cards sent at once; the rest are in the tab. */
const MAX_WAITING_CARDS = 5;

/** "my review": the person's own end-of-year review card, then the reviews waiting for them. */
export const myReviewCommand: CommandHandler = async (turn) => {
  const { ctx } = turn.deps;
  const actor: Actor = { person: turn.person, organisation: await loadOrganisation(ctx, turn.person.organisationId) };
  const links = createLinks(turn.deps.config);
  const { mine, needsMe, waitingForOthers } = await endOfYearReviewsFor(ctx, actor);
  if (!mine && needsMe.length === 0) {
    const others = waitingForOthers === 1 ? '1 review you are part of is' : `${waitingForOthers} reviews you are part of are`;
    await sendText(turn.context, waitingForOthers > 0 ? `Nothing is waiting for you: ${others} with someone else for now. The card comes to you here when it is your turn.` : 'You have no review open at the moment. Its card comes to you here when the review opens.');
    return;
  }
  const cardOf = (review: YearReview, audience?: EndOfYearAudience) =>
    review.stage === 'impact' ? impactReviewCard({ ctx, links }, actor.organisation, actor.person, review.id) : endOfYearReviewCard(ctx, links, actor, review.id, audience ? { audience } : {});
  if (mine) await sendCard(turn.context, await cardOf(mine, 'reviewee'));
  for (const review of needsMe.slice(0, MAX_WAITING_CARDS)) await sendCard(turn.context, await cardOf(review));
  if (needsMe.length > MAX_WAITING_CARDS) await sendText(turn.context, `${needsMe.length - MAX_WAITING_CARDS} more reviews are waiting for you: open the Reviews tab to see them all.`);
};
