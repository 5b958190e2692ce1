// OWNED BY the 360-feedback helper: seed 000 §8 / §11.2 feedback from named colleagues.
// A person asks colleagues of their own organisation about one of their rocks (or the year); each
// colleague answers (or declines) from a card or the tab, and may edit the answer until the cycle
// ends. Only the colleague asked writes the answer; the person who asked reads it, and their
// reviewer and PG administrators read it as supporting information in the review (the
// 'year-reviews' row of the access table). The colleague sees only what they were asked and wrote.
import { createHash } from 'node:crypto';
import { feedbackAskRequestSchema } from '../../shared/api/yearReviews';
import { feedbackAnswerContentSchema, type Cycle, type FeedbackRequest, type Organisation, type Person, type Rock } from '../../shared/domain';
import type { z } from 'zod';
import { audit, hasLeft, invalidFields, scopeOf, type Actor } from './access';
import { currentCycle } from './currentCycle';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { peopleById, searchColleagues } from './people';
import { reviewRulesOf } from './yearReviewAccess';
import { queueReviewMessage } from './yearReviewMessages';
import { FORMER_COLLEAGUE } from '../../shared/domain';

export interface SupportingFeedback {
  /** The giver's name, or null where the policy makes 360 feedback anonymous. */
  from: string | null;
  text: string;
  rockId?: string;
  at: Date;
}

/** Days an ask waits unanswered before the colleague is reminded once. */
export const FEEDBACK_REMINDER_DAYS = 7;
const DAY_MS = 86_400_000;

/** A request with the names and rock it mentions, as the caller may see it. */
export interface FeedbackRequestView {
  request: FeedbackRequest;
  person: Pick<Person, 'id' | 'displayName'>;
  /** The colleague asked; "A colleague" on an answered ask where the policy makes 360 feedback anonymous. */
  asked: Pick<Person, 'id' | 'displayName'>;
  rock: Pick<Rock, 'id' | 'title' | 'successCriteria'> | null;
}

export interface FeedbackLists {
  askedByMe: FeedbackRequestView[];
  askedOfMe: FeedbackRequestView[];
}

export type FeedbackAskInput = z.input<typeof feedbackAskRequestSchema>;

function feedbackRulesOf(organisation: Organisation): { anonymous: boolean; maxAsksPerRock: number } {
  return organisation.policy.reviews?.feedback360 ?? { anonymous: false, maxAsksPerRock: 5 };
}

export function isOpen(request: FeedbackRequest): boolean {
  return request.answeredAt === undefined && request.declinedAt === undefined;
}

function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw invalidFields(result.error.issues.map((i) => ({ path: String(i.path[0] ?? '(body)'), message: i.message })));
}

async function cycleNow(ctx: UseCaseContext, organisation: Organisation): Promise<Cycle> {
  const cycle = await currentCycle(ctx, organisation);
  if (!cycle) throw new DomainError('conflict', 'There is no current cycle, so there is nothing to ask feedback about yet.');
  return cycle;
}

/**
 * The n-th ask of this colleague about this rock in the cycle: derived, not random, so a retried or
 * doubled request (two taps, two tabs) lands on the same document and is never duplicated.
 */
function requestIdFor(cycleId: string, personId: string, askedPersonId: string, rockId: string | undefined, n: number): string {
  const digest = createHash('sha256').update(JSON.stringify([cycleId, personId, askedPersonId, rockId ?? '', n])).digest('hex');
  return `fr-${digest.slice(0, 32)}`;
}

/** The colleagues asked: in the organisation (else not found, whoever they are), not the asker, not a leaver. */
async function colleaguesAsked(ctx: UseCaseContext, actor: Actor, ids: string[]): Promise<Person[]> {
  if (ids.includes(actor.person.id)) throw invalidFields([{ path: 'askedPersonIds', message: 'ask colleagues, not yourself' }]);
  const found = await peopleById(ctx, scopeOf(actor), ids);
  if (ids.some((id) => !found.has(id))) throw invalidFields([{ path: 'askedPersonIds', message: 'one of the colleagues chosen is not in your staff directory' }]);
  const people = ids.map((id) => found.get(id)!);
  const left = people.filter(hasLeft);
  if (left.length > 0) throw invalidFields([{ path: 'askedPersonIds', message: `${left.map((p) => p.displayName).join(', ')} has left, so cannot be asked` }]);
  return people;
}

async function ownRock(ctx: UseCaseContext, actor: Actor, cycle: Cycle, rockId: string | undefined): Promise<Rock | null> {
  if (rockId === undefined) return null;
  const rock = await ctx.repos.rocks.get(scopeOf(actor), rockId);
  if (!rock || rock.personId !== actor.person.id || rock.cycleId !== cycle.id) {
    throw invalidFields([{ path: 'rockId', message: `choose one of your own ${actor.organisation.policy.vocabulary.rocks} of this cycle, or the year as a whole` }]);
  }
  return rock;
}

/**
 * A person asks named colleagues for feedback on one of their rocks of the current cycle (or on the
 * year). A colleague already asked about it, and not yet answering, is not asked twice.
 */
export async function askForFeedback(ctx: UseCaseContext, actor: Actor, input: FeedbackAskInput): Promise<{ requests: FeedbackRequest[]; created: FeedbackRequest[] }> {
  const { maxAsksPerRock } = reviewRulesOf(actor.organisation).feedback360;
  const parsed = parseInput(feedbackAskRequestSchema, input);
  const cycle = await cycleNow(ctx, actor.organisation);
  const askedIds = [...new Set(parsed.askedPersonIds)];
  const asked = await colleaguesAsked(ctx, actor, askedIds);
  const rock = await ownRock(ctx, actor, cycle, parsed.rockId);
  const org = scopeOf(actor);
  const sameSubject = (await ctx.repos.feedbackRequests.listForPerson(org, actor.person.id, cycle.id)).filter((r) => r.rockId === rock?.id);
  const openByAsked = new Map(sameSubject.filter(isOpen).map((r) => [r.askedPersonId, r]));
  const toAsk = asked.filter((p) => !openByAsked.has(p.id));
  if (openByAsked.size + toAsk.length > maxAsksPerRock) {
    const about = rock ? `one ${actor.organisation.policy.vocabulary.rock}` : 'the year';
    throw invalidFields([{ path: 'askedPersonIds', message: `you can have up to ${maxAsksPerRock} requests waiting for an answer about ${about}; ${openByAsked.size} are waiting now` }]);
  }
  const now = ctx.now();
  const created: FeedbackRequest[] = [];
  const requests: FeedbackRequest[] = [];
  for (const colleague of asked) {
    const open = openByAsked.get(colleague.id);
    if (open) {
      requests.push(open);
      continue;
    }
    const n = sameSubject.filter((r) => r.askedPersonId === colleague.id).length;
    const request: FeedbackRequest = {
      id: requestIdFor(cycle.id, actor.person.id, colleague.id, rock?.id, n),
      organisationId: actor.organisation.id,
      cycleId: cycle.id,
      personId: actor.person.id,
      askedPersonId: colleague.id,
      ...(rock ? { rockId: rock.id } : {}),
      question: parsed.question,
      createdAt: now,
      updatedAt: now,
    };
    requests.push(request);
    if (!(await ctx.repos.feedbackRequests.addOnce(org, request))) continue;
    created.push(request);
    await queueReviewMessage(ctx, actor.organisation, colleague.id, { kind: 'feedback-request', requestId: request.id, audience: 'asked', reason: 'asked' });
    await audit(ctx, actor, 'feedback-request.asked', { kind: 'feedback-request', id: request.id }, { askedPersonId: colleague.id, ...(rock ? { rockId: rock.id } : {}) });
  }
  return { requests, created };
}

/** A request the actor was asked; anyone else (or another organisation) gets 404. */
async function requestAskedOf(ctx: UseCaseContext, actor: Actor, requestId: string): Promise<FeedbackRequest> {
  const request = await ctx.repos.feedbackRequests.get(scopeOf(actor), requestId);
  if (!request || request.askedPersonId !== actor.person.id || hasLeft(actor.person)) throw new DomainError('notFound');
  return request;
}

/** Whether the colleague may still answer or change their answer: until the request's cycle ends. */
export async function answerableNow(ctx: UseCaseContext, organisation: Organisation, request: FeedbackRequest): Promise<boolean> {
  return (await currentCycle(ctx, organisation))?.id === request.cycleId;
}

async function requireAnswerable(ctx: UseCaseContext, actor: Actor, request: FeedbackRequest): Promise<void> {
  if (!(await answerableNow(ctx, actor.organisation, request))) throw new DomainError('conflict', 'That cycle has ended, so this feedback can no longer be changed.');
}

/** The colleague asked answers, or edits their answer; the person who asked is told of the first answer. */
export async function answerFeedback(ctx: UseCaseContext, actor: Actor, requestId: string, input: { answer?: unknown }): Promise<FeedbackRequest> {
  const request = await requestAskedOf(ctx, actor, requestId);
  const { answer } = parseInput(feedbackAnswerContentSchema, input);
  await requireAnswerable(ctx, actor, request);
  const now = ctx.now();
  const change = { answer, answeredAt: request.answeredAt ?? now, declinedAt: undefined, updatedAt: now };
  await ctx.repos.feedbackRequests.setAnswer(scopeOf(actor), request.id, change);
  const edited = request.answeredAt !== undefined;
  await audit(ctx, actor, edited ? 'feedback-request.answer-edited' : 'feedback-request.answered', { kind: 'feedback-request', id: request.id }, { personId: request.personId });
  if (!edited) await queueReviewMessage(ctx, actor.organisation, request.personId, { kind: 'feedback-request', requestId: request.id, audience: 'requester', reason: 'answered' });
  return (await ctx.repos.feedbackRequests.get(scopeOf(actor), request.id)) ?? request;
}

/** The colleague asked says no; nothing is held about why. The person who asked is told kindly. */
export async function declineFeedback(ctx: UseCaseContext, actor: Actor, requestId: string): Promise<FeedbackRequest> {
  const request = await requestAskedOf(ctx, actor, requestId);
  if (request.answeredAt) throw new DomainError('conflict', 'You have already answered this; you can edit your answer instead.');
  if (request.declinedAt) return request;
  await requireAnswerable(ctx, actor, request);
  const now = ctx.now();
  await ctx.repos.feedbackRequests.setAnswer(scopeOf(actor), request.id, { declinedAt: now, updatedAt: now });
  await audit(ctx, actor, 'feedback-request.declined', { kind: 'feedback-request', id: request.id }, { personId: request.personId });
  await queueReviewMessage(ctx, actor.organisation, request.personId, { kind: 'feedback-request', requestId: request.id, audience: 'requester', reason: 'declined' });
  return { ...request, declinedAt: now, updatedAt: now };
}

const A_COLLEAGUE = { id: 'anonymous', displayName: 'A colleague' };

/** Names and rocks for requests, hiding who gave an answer where the policy makes feedback anonymous (to the asker). */
async function viewsOf(ctx: UseCaseContext, organisation: Organisation, requests: FeedbackRequest[], forAsker: boolean): Promise<FeedbackRequestView[]> {
  const org = { organisationId: organisation.id };
  const people = await peopleById(ctx, org, requests.flatMap((r) => [r.personId, r.askedPersonId]));
  const rockIds = [...new Set(requests.flatMap((r) => (r.rockId ? [r.rockId] : [])))];
  const rocks = new Map<string, Rock>();
  for (const id of rockIds) {
    const rock = await ctx.repos.rocks.get(org, id);
    if (rock) rocks.set(id, rock);
  }
  const anonymous = feedbackRulesOf(organisation).anonymous;
  const nameOf = (id: string) => ({ id, displayName: people.get(id)?.displayName ?? FORMER_COLLEAGUE });
  return requests.map((request) => ({
    request,
    person: nameOf(request.personId),
    asked: forAsker && anonymous && request.answeredAt ? A_COLLEAGUE : nameOf(request.askedPersonId),
    rock: request.rockId ? (rocks.get(request.rockId) ?? null) : null,
  }));
}

/** One request with its names, for the cards. */
export async function feedbackRequestView(ctx: UseCaseContext, organisation: Organisation, request: FeedbackRequest, forAsker: boolean): Promise<FeedbackRequestView> {
  return (await viewsOf(ctx, organisation, [request], forAsker))[0]!;
}

/** What I asked for this cycle (with the answers), and what I was asked (with what I wrote). */
export async function listFeedback(ctx: UseCaseContext, actor: Actor): Promise<FeedbackLists> {
  const cycle = await currentCycle(ctx, actor.organisation);
  if (!cycle) return { askedByMe: [], askedOfMe: [] };
  const org = scopeOf(actor);
  const byMe = await ctx.repos.feedbackRequests.listForPerson(org, actor.person.id, cycle.id);
  const ofMe = (await ctx.repos.feedbackRequests.listAskedOf(org, actor.person.id)).filter((r) => r.cycleId === cycle.id);
  return { askedByMe: await viewsOf(ctx, actor.organisation, byMe, true), askedOfMe: await viewsOf(ctx, actor.organisation, ofMe, false) };
}

/** A request the actor was asked, with names, for their card (404 otherwise). */
export async function feedbackAskedOfMe(ctx: UseCaseContext, actor: Actor, requestId: string): Promise<{ view: FeedbackRequestView; answerable: boolean }> {
  const request = await requestAskedOf(ctx, actor, requestId);
  return { view: await feedbackRequestView(ctx, actor.organisation, request, false), answerable: await answerableNow(ctx, actor.organisation, request) };
}

/** The person's own rocks of the current cycle, for the chat's ask card. */
export async function rocksToAskAbout(ctx: UseCaseContext, actor: Actor): Promise<Rock[]> {
  const cycle = await currentCycle(ctx, actor.organisation);
  if (!cycle) return [];
  return ctx.repos.rocks.listForPerson(scopeOf(actor), actor.person.id, { cycleId: cycle.id });
}

/** The tab's people search for the ask form: colleagues still in the process, never the asker. */
export async function colleaguesToAsk(ctx: UseCaseContext, actor: Actor, text: string): Promise<Person[]> {
  const found = await searchColleagues(ctx, scopeOf(actor), text, actor.person.entraObjectId);
  return found.filter((p) => p.id !== actor.person.id);
}

/** Names of colleagues picked on a card, to show the picks again (only those in the organisation). */
export async function colleagueNames(ctx: UseCaseContext, actor: Actor, ids: string[]): Promise<Record<string, string>> {
  const people = await peopleById(ctx, scopeOf(actor), ids);
  return Object.fromEntries([...people.values()].map((p) => [p.id, p.displayName]));
}

/** The answered 360 feedback a person asked for in a cycle: their supporting information. */
export async function supportingFeedback(ctx: UseCaseContext, organisation: Organisation, personId: string, cycleId: string): Promise<SupportingFeedback[]> {
  const org = { organisationId: organisation.id };
  const answered = (await ctx.repos.feedbackRequests.listForPerson(org, personId, cycleId)).filter((r) => r.answer && r.answeredAt && !r.declinedAt);
  const anonymous = feedbackRulesOf(organisation).anonymous;
  const givers = anonymous ? new Map<string, Person>() : await peopleById(ctx, org, answered.map((r) => r.askedPersonId));
  return answered.map((r) => ({
    from: anonymous ? null : (givers.get(r.askedPersonId)?.displayName ?? FORMER_COLLEAGUE),
    text: r.answer!,
    ...(r.rockId ? { rockId: r.rockId } : {}),
    at: r.answeredAt!,
  }));
}

/**
 * Scheduler step: a colleague who has left an ask unanswered for a week is reminded, once. Returns
 * how many reminders were queued. (To be run from promptQueue with the other review reminders.)
 */
export async function queueFeedbackReminders(ctx: UseCaseContext, organisation: Organisation): Promise<number> {
  const cycle = await currentCycle(ctx, organisation);
  if (!cycle) return 0;
  const org = { organisationId: organisation.id };
  const due = ctx.now().getTime() - FEEDBACK_REMINDER_DAYS * DAY_MS;
  const waiting = (await ctx.repos.feedbackRequests.listForCycle(org, cycle.id)).filter((r) => isOpen(r) && r.createdAt.getTime() <= due);
  const people = await peopleById(ctx, org, waiting.map((r) => r.askedPersonId));
  let queued = 0;
  for (const request of waiting) {
    const asked = people.get(request.askedPersonId);
    if (!asked || hasLeft(asked)) continue;
    const message = { kind: 'feedback-request', requestId: request.id, audience: 'asked', reason: 'reminder' } as const;
    if (await queueReviewMessage(ctx, organisation, asked.id, message, `${FEEDBACK_REMINDER_DAYS}d`)) queued += 1;
  }
  return queued;
}
