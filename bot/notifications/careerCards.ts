// The career conversation's cards as the viewer should see them now (seed 000 Appendix 4): built
// from the records for the outbox's messages and for the card handler's answers.
import { DateTime } from 'luxon';
import { surveyResponseId, type BotMessage, type CareerRules, type FollowUp, type Organisation, type Person } from '../../shared/domain';
import { formatEventDate } from '../../shared/policy';
import type { AdaptiveCard } from '../cards';
import { buildCareerRevieweeCard, buildCareerReviewerCard, buildFollowUpCard, type CareerFollowUpView, type CareerRouteView } from '../cards/careerCards';
import { permittedRole, type Actor } from '../usecases/access';
import { careerState, followUpState, routeOf, type CareerState } from '../usecases/careerConversations';
import { careerEventOf } from '../usecases/careerSchedule';
import { DomainError } from '../usecases/errors';
import { todayFor } from '../usecases/reviewInput';
import type { ReviewCardServices } from './yearReviewCards';

export interface CareerCardOptions {
  saved?: string;
  error?: string;
  draft?: Record<string, string>;
}

function ownerWords(organisation: Organisation, owner: FollowUp['ownerRole'] | CareerRules['routes'][number]['followUps'][number]['owner'], names: { person: string; reviewer: string }): string {
  switch (owner) {
    case 'reviewer':
      return `${names.reviewer} (${organisation.policy.vocabulary.reviewer})`;
    case 'reviewee':
      return names.person;
    case 'recruitment':
      return 'the recruitment team';
    case 'pg-admin':
      return 'the PG administrators';
  }
}

function followUpViews(organisation: Organisation, followUps: FollowUp[], names: { person: string; reviewer: string }): CareerFollowUpView[] {
  return followUps.map((f) => ({ id: f.id, text: f.text, ownerWords: ownerWords(organisation, f.ownerRole, names), dueOn: f.dueOn, status: f.status, stayInterview: f.stayInterview, ...(f.closedNote ? { closedNote: f.closedNote } : {}) }));
}

function routeViews(organisation: Organisation, rules: CareerRules, names: { person: string; reviewer: string }): CareerRouteView[] {
  return rules.routes.map((r) => ({
    key: r.key,
    label: r.label,
    followUps: r.followUps.map((f) => ({ text: f.text, ownerWords: ownerWords(organisation, f.owner, names), dueWords: f.atEndOfCycle ? 'at the end of the cycle' : `within ${f.dueDays} days` })),
  }));
}

/** The person's survey answers for the cycle's survey event, in words; null when the policy keeps them from the viewer. */
async function surveyAnswers(services: ReviewCardServices, actor: Actor, state: CareerState): Promise<Array<{ question: string; answer: string }> | null> {
  const survey = actor.organisation.policy.aspirationSurvey;
  if (!survey || !permittedRole(actor, 'survey-answers', 'read', state.person)) return null;
  const org = { organisationId: actor.organisation.id };
  const event = (await services.ctx.repos.scheduleEvents.list(org, state.cycle.id)).find((e) => e.key === survey.eventKey);
  if (!event) return null;
  const response = await services.ctx.repos.talent.surveyResponses.get(org, surveyResponseId(event.id, state.person.id));
  if (!response) return [];
  const out: Array<{ question: string; answer: string }> = [];
  for (const q of survey.questions) {
    const answer = response.answers[q.key];
    if (answer === undefined || (Array.isArray(answer) && answer.length === 0) || answer === '') continue;
    const label = (key: string) => q.options.find((o) => o.key === key)?.label ?? key;
    out.push({ question: q.text, answer: Array.isArray(answer) ? answer.map(label).join(', ') : q.kind === 'text' ? answer : label(answer) });
  }
  return out;
}

function namesOf(organisation: Organisation, state: CareerState) {
  return { person: state.person.displayName, reviewer: state.reviewer?.displayName ?? `their ${organisation.policy.vocabulary.reviewer}` };
}

export async function careerReviewerCard(services: ReviewCardServices, organisation: Organisation, viewer: Person, personId: string, cycleId: string | undefined, options: CareerCardOptions = {}): Promise<AdaptiveCard> {
  const actor: Actor = { person: viewer, organisation };
  const state = await careerState(services.ctx, actor, personId, cycleId);
  if (!state.as.reviewer) return careerRevieweeCard(services, organisation, viewer, personId, cycleId, options, state);
  const names = namesOf(organisation, state);
  const event = careerEventOf(organisation, await services.ctx.repos.scheduleEvents.list({ organisationId: organisation.id }, state.cycle.id));
  const c = state.conversation;
  return buildCareerReviewerCard({
    personId: state.person.id,
    cycleId: state.cycle.id,
    personName: state.person.displayName,
    reviewerName: names.reviewer,
    reviewerWord: organisation.policy.vocabulary.reviewer,
    eventTitle: 'Career conversation',
    dueText: event ? `by ${formatEventDate(event.window.closes.slice(0, 10), organisation.policy.timezone)}` : 'this term',
    routes: routeViews(organisation, state.rules, names),
    recorded: c ? { route: c.route, ...(c.meetingOn ? { meetingOn: c.meetingOn } : {}), notes: c.notes } : null,
    followUps: followUpViews(organisation, state.followUps, names),
    comment: state.comment?.text ?? null,
    surveyAnswers: await surveyAnswers(services, actor, state),
    tabUrl: services.links.tab('team', 'career'),
    ...options,
  });
}

export async function careerRevieweeCard(services: ReviewCardServices, organisation: Organisation, viewer: Person, personId: string, cycleId: string | undefined, options: CareerCardOptions = {}, loaded?: CareerState): Promise<AdaptiveCard> {
  const state = loaded ?? (await careerState(services.ctx, { person: viewer, organisation }, personId, cycleId));
  const names = namesOf(organisation, state);
  const c = state.conversation;
  return buildCareerRevieweeCard({
    personId: state.person.id,
    cycleId: state.cycle.id,
    personName: state.person.displayName,
    reviewerName: names.reviewer,
    reviewerWord: organisation.policy.vocabulary.reviewer,
    routeLabel: c ? (routeOf(state.rules, c.route)?.label ?? c.route) : null,
    recorded: c ? { ...(c.meetingOn ? { meetingOn: c.meetingOn } : {}), notes: c.notes } : null,
    followUps: followUpViews(organisation, state.followUps, names),
    comment: state.comment?.text ?? null,
    tabUrl: services.links.tab('rocks', 'career'),
    ...options,
  });
}

export async function followUpCard(services: ReviewCardServices, organisation: Organisation, viewer: Person, followUpId: string, reason: 'assigned' | 'reminder' | 'closed' | 'view', options: CareerCardOptions = {}): Promise<AdaptiveCard> {
  const actor: Actor = { person: viewer, organisation };
  const state = await followUpState(services.ctx, actor, followUpId);
  const f = state.followUp;
  const conversation = await services.ctx.repos.talent.careerConversations.get({ organisationId: organisation.id }, f.conversationId);
  const reviewer = conversation ? await services.ctx.repos.people.get({ organisationId: organisation.id }, conversation.reviewerId) : null;
  const personName = state.person?.displayName ?? 'a colleague';
  const names = { person: personName, reviewer: reviewer?.displayName ?? `their ${organisation.policy.vocabulary.reviewer}` };
  const closedOn = f.closedAt ? DateTime.fromJSDate(f.closedAt, { zone: organisation.policy.timezone }).toISODate() : '';
  return buildFollowUpCard({
    followUpId: f.id,
    text: f.text,
    personName,
    routeLabel: organisation.policy.career ? (routeOf(organisation.policy.career, f.route)?.label ?? f.route) : f.route,
    dueOn: f.dueOn,
    overdue: f.dueOn < todayFor(services.ctx, organisation),
    stayInterview: f.stayInterview,
    ownerWords: ownerWords(organisation, f.ownerRole, names),
    ...(state.fallback ? { fallbackNote: 'Nobody has the recruitment role yet, so this has come to the PG administrators: any of you may close it.' } : {}),
    status: f.status,
    ...(f.status === 'closed' ? { closedWords: `Closed by ${state.closedBy?.displayName ?? 'the system'}${closedOn ? ` on ${closedOn}` : ''}: ${f.closedNote ?? ''}` } : {}),
    canClose: state.canClose,
    reason,
    tabUrl: services.links.tab('team', 'career'),
    ...options,
  });
}

export async function careerMessageCard(
  services: ReviewCardServices,
  organisation: Organisation,
  recipient: Person,
  message: Extract<BotMessage, { kind: 'career-conversation' | 'follow-up' }>,
): Promise<AdaptiveCard | { skip: string }> {
  try {
    if (message.kind === 'follow-up') return await followUpCard(services, organisation, recipient, message.followUpId, message.reason);
    if (message.audience === 'reviewer') return await careerReviewerCard(services, organisation, recipient, message.personId, message.cycleId);
    return await careerRevieweeCard(services, organisation, recipient, message.personId, message.cycleId);
  } catch (err) {
    if (err instanceof DomainError) return { skip: `career card not shown: ${err.code}` };
    throw err;
  }
}
