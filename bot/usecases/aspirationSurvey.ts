// The aspiration survey (issue 13, seed 000 Appendix 3/4: sent on the survey date, analysed by the
// end of February, read by the reviewer before the March career conversation). Questions come from
// policy.aspirationSurvey; every question is optional. A person answers their own, and may change
// their answers until the event's window closes; who else reads them is policy (access.ts).
import { DateTime } from 'luxon';
import type { AspirationSurveyRules, Cycle, Organisation, OutboxJob, Person, ScheduleEvent, SurveyAnswer, SurveyResponse } from '../../shared/domain';
import { surveyResponseId } from '../../shared/domain';
import { eligiblePeople, isEligible, windowInstants } from '../../shared/policy';
import { outboxJobIdFor } from '../data/outboxJobRepository';
import { audit, invalidFields, permittedRole, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';

/** The most characters a free-text answer may have. */
export const SURVEY_TEXT_MAX = 2000;

export interface SurveyEventFacts {
  event: ScheduleEvent;
  opensAt: Date;
  closesAt: Date;
  open: boolean;
  closed: boolean;
}

export function surveyRulesOf(organisation: Organisation): AspirationSurveyRules | undefined {
  return organisation.policy.aspirationSurvey;
}

function requireRules(organisation: Organisation): AspirationSurveyRules {
  const rules = surveyRulesOf(organisation);
  if (!rules) throw new DomainError('notFound', `${organisation.policy.name} has no aspiration survey.`);
  return rules;
}

/**
 * The cycle's survey event: the one with the policy's key, or (a cycle built from a pasted table,
 * whose keys are `<kind>-<date>`) the first scheduled event of kind 'aspiration-survey'.
 */
export function surveyEventOf(organisation: Organisation, events: readonly ScheduleEvent[]): ScheduleEvent | undefined {
  const rules = surveyRulesOf(organisation);
  if (!rules) return undefined;
  const scheduled = events.filter((e) => e.status === 'scheduled');
  return scheduled.find((e) => e.key === rules.eventKey) ?? [...scheduled].sort((a, b) => a.window.opens.localeCompare(b.window.opens)).find((e) => e.kind === 'aspiration-survey');
}

export function isSurveyEvent(organisation: Organisation, event: ScheduleEvent): boolean {
  const rules = surveyRulesOf(organisation);
  return rules !== undefined && event.status === 'scheduled' && (event.key === rules.eventKey || event.kind === 'aspiration-survey');
}

export function surveyFacts(organisation: Organisation, event: ScheduleEvent, now: Date): SurveyEventFacts {
  const { opensAt, closesAt } = windowInstants(event, organisation.policy.timezone);
  return { event, opensAt, closesAt, open: now >= opensAt && now < closesAt, closed: now >= closesAt };
}

/** "Thursday 12 February" in the policy's time zone. */
export function surveyDate(organisation: Organisation, at: Date): string {
  return DateTime.fromJSDate(at, { zone: organisation.policy.timezone }).toFormat('cccc d LLLL');
}

/**
 * The open survey, else the most recent one that has opened (this cycle's or an earlier one's),
 * else the one still to come this cycle; null when the policy has none.
 */
export async function latestSurveyEvent(ctx: UseCaseContext, organisation: Organisation): Promise<SurveyEventFacts | null> {
  if (!surveyRulesOf(organisation)) return null;
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  const cycles = (await ctx.repos.cycles.list(org)).sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  let upcoming: SurveyEventFacts | null = null;
  for (const cycle of cycles) {
    const event = surveyEventOf(organisation, await ctx.repos.scheduleEvents.list(org, cycle.id));
    if (!event) continue;
    const facts = surveyFacts(organisation, event, now);
    if (now >= facts.opensAt) return facts;
    upcoming = facts;
  }
  return upcoming;
}

/** A survey event of the caller's organisation by id (404 for anything else). */
export async function loadSurveyEvent(ctx: UseCaseContext, actor: Actor, eventId: string): Promise<SurveyEventFacts> {
  requireRules(actor.organisation);
  const event = await ctx.repos.scheduleEvents.get(scopeOf(actor), eventId);
  if (!event || !isSurveyEvent(actor.organisation, event)) throw new DomainError('notFound');
  return surveyFacts(actor.organisation, event, ctx.now());
}

// ── Answering ─────────────────────────────────────────────────────────────────────────────────

type Problem = { path: string; message: string };

function checkAnswer(question: AspirationSurveyRules['questions'][number], answer: SurveyAnswer): Problem | null {
  const keys = question.options.map((o) => o.key);
  const choices = `choose from ${keys.join(', ')}`;
  if (question.kind === 'text') {
    if (typeof answer !== 'string') return { path: question.key, message: 'must be text' };
    return answer.length > SURVEY_TEXT_MAX ? { path: question.key, message: `must be at most ${SURVEY_TEXT_MAX} characters (it has ${answer.length})` } : null;
  }
  if (question.kind === 'choice') {
    if (typeof answer !== 'string' || !keys.includes(answer)) return { path: question.key, message: `"${String(answer)}" is not one of the options: ${choices}` };
    return null;
  }
  const picked = typeof answer === 'string' ? [answer] : answer;
  const unknown = picked.filter((k) => !keys.includes(k));
  return unknown.length > 0 ? { path: question.key, message: `${unknown.map((k) => `"${k}"`).join(', ')} not among the options: ${choices}` } : null;
}

/** Drops what is left blank (every question is optional), and checks the rest against the policy's questions. */
export function validateAnswers(rules: AspirationSurveyRules, input: Record<string, SurveyAnswer>): Record<string, SurveyAnswer> {
  const problems: Problem[] = [];
  const answers: Record<string, SurveyAnswer> = {};
  for (const [key, raw] of Object.entries(input)) {
    const question = rules.questions.find((q) => q.key === key);
    if (!question) {
      problems.push({ path: key, message: `"${key}" is not a question of this survey` });
      continue;
    }
    const answer = typeof raw === 'string' ? raw.trim() : [...new Set(raw.map((k) => k.trim()).filter(Boolean))];
    if (answer.length === 0) continue;
    const problem = checkAnswer(question, answer);
    if (problem) problems.push(problem);
    else answers[key] = question.kind === 'multi-choice' && typeof answer === 'string' ? [answer] : answer;
  }
  if (problems.length > 0) throw invalidFields(problems, `Please check: ${problems.map((p) => `${p.path} — ${p.message}`).join('; ')}.`);
  return answers;
}

function requireOpen(organisation: Organisation, facts: SurveyEventFacts): void {
  if (facts.closed) {
    throw new DomainError('windowClosed', `The aspiration survey closed on ${surveyDate(organisation, facts.closesAt)}, so answers can no longer be given or changed.`);
  }
  if (!facts.open) throw new DomainError('noOpenWindow', `The aspiration survey opens on ${surveyDate(organisation, facts.opensAt)}.`);
}

/** Why this person is not asked, or undefined when they are. */
export function notAskedReason(organisation: Organisation, person: Person, at: Date): string | undefined {
  const eligibility = isEligible(person, organisation.policy, at);
  return eligibility.eligible ? undefined : `The aspiration survey is not for you: ${eligibility.reason ?? 'the policy leaves you out'}.`;
}

/** Saves the caller's own answers (replacing earlier ones) while the survey is open. */
export async function answerSurvey(ctx: UseCaseContext, actor: Actor, eventId: string, input: { answers: Record<string, SurveyAnswer> }): Promise<{ response: SurveyResponse; created: boolean }> {
  const rules = requireRules(actor.organisation);
  const facts = await loadSurveyEvent(ctx, actor, eventId);
  requireOpen(actor.organisation, facts);
  const now = ctx.now();
  const notAsked = notAskedReason(actor.organisation, actor.person, now);
  if (notAsked) throw new DomainError('notAsked', notAsked);
  const answers = validateAnswers(rules, input.answers);
  const org = scopeOf(actor);
  const id = surveyResponseId(eventId, actor.person.id);
  const existing = await ctx.repos.talent.surveyResponses.get(org, id);
  const response: SurveyResponse = {
    id,
    organisationId: actor.organisation.id,
    cycleId: facts.event.cycleId,
    eventId,
    personId: actor.person.id,
    answers,
    school: actor.person.school,
    roleCategory: actor.person.roleCategory,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await ctx.repos.talent.surveyResponses.put(org, response);
  // The audit says that they answered, and how much; never what.
  await audit(ctx, actor, existing ? 'survey.edited' : 'survey.answered', { kind: 'survey-response', id }, { eventId, questionsAnswered: Object.keys(answers).length });
  return { response, created: !existing };
}

// ── Reading ───────────────────────────────────────────────────────────────────────────────────

export interface MySurvey {
  rules: AspirationSurveyRules | undefined;
  facts: SurveyEventFacts | null;
  response: SurveyResponse | null;
  canEdit: boolean;
  notice?: string;
  canSeeAnalysis: boolean;
}

/** The caller's survey: the open or most recent one, their answers, and whether they may change them. */
export async function mySurvey(ctx: UseCaseContext, actor: Actor, eventId?: string): Promise<MySurvey> {
  const rules = surveyRulesOf(actor.organisation);
  const canSeeAnalysis = rules !== undefined && permittedRole(actor, 'survey-analysis', 'read') !== null;
  const facts = eventId ? await loadSurveyEvent(ctx, actor, eventId) : await latestSurveyEvent(ctx, actor.organisation);
  if (!rules || !facts) return { rules, facts: null, response: null, canEdit: false, canSeeAnalysis, ...(rules ? { notice: 'There is no aspiration survey this year yet.' } : {}) };
  const response = await ctx.repos.talent.surveyResponses.get(scopeOf(actor), surveyResponseId(facts.event.id, actor.person.id));
  const notAsked = notAskedReason(actor.organisation, actor.person, ctx.now());
  let notice: string | undefined;
  if (facts.closed) notice = `The survey closed on ${surveyDate(actor.organisation, facts.closesAt)}.`;
  else if (!facts.open) notice = `The survey opens on ${surveyDate(actor.organisation, facts.opensAt)}.`;
  else if (notAsked) notice = notAsked;
  return { rules, facts, response, canEdit: facts.open && !notAsked, canSeeAnalysis, ...(notice ? { notice } : {}) };
}

/**
 * Someone's answers, for the reviewer's career conversation (and PG admins, as the policy says).
 * Anyone else, like anyone outside the organisation, finds nothing (404). Reads by others are audited.
 */
export async function personSurvey(ctx: UseCaseContext, actor: Actor, personId: string): Promise<{ person: Person; facts: SurveyEventFacts | null; response: SurveyResponse | null; rules: AspirationSurveyRules }> {
  const rules = requireRules(actor.organisation);
  const person = personId === actor.person.id ? actor.person : await ctx.repos.people.get(scopeOf(actor), personId);
  if (!person) throw new DomainError('notFound');
  const role = permittedRole(actor, 'survey-answers', 'read', person);
  if (!role) throw new DomainError('notFound');
  const facts = await latestSurveyEvent(ctx, actor.organisation);
  const response = facts ? await ctx.repos.talent.surveyResponses.get(scopeOf(actor), surveyResponseId(facts.event.id, person.id)) : null;
  if (role !== 'self') await audit(ctx, actor, 'survey.answers.read', { kind: 'person', id: person.id }, { as: role, ...(facts ? { eventId: facts.event.id } : {}) });
  return { person, facts, response, rules };
}

// ── Delivery (the scheduler) ──────────────────────────────────────────────────────────────────

const DELIVERY_CHECKED = 'survey-delivery-checked';
const REMINDED = 'survey-reminded';

export function surveyMessageKey(eventId: string, personId: string, reason: 'opened' | 'reminder'): string {
  return `message:aspiration-survey:${eventId}:${personId}:${reason}`;
}

function surveyJob(organisation: Organisation, event: ScheduleEvent, personId: string, reason: 'opened' | 'reminder', now: Date): OutboxJob {
  const key = surveyMessageKey(event.id, personId, reason);
  return {
    id: outboxJobIdFor(key),
    organisationId: organisation.id,
    idempotencyKey: key,
    kind: 'bot-message',
    personId,
    eventId: event.id,
    payload: { recipientPersonId: personId, message: { kind: 'aspiration-survey', eventId: event.id, reason } },
    status: 'pending',
    notBefore: now,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** 09:00 local, reminderDaysBefore days before the closing day (undefined if that is outside the window). */
export function surveyReminderAt(organisation: Organisation, event: ScheduleEvent, rules: AspirationSurveyRules): Date | undefined {
  const { opensAt, closesAt } = windowInstants(event, organisation.policy.timezone);
  const at = DateTime.fromISO(event.window.closes.slice(0, 10), { zone: organisation.policy.timezone }).minus({ days: rules.reminderDaysBefore }).set({ hour: 9, minute: 0 }).toJSDate();
  return at >= opensAt && at < closesAt ? at : undefined;
}

/**
 * While the survey is open: everyone eligible gets the card once (checked once a day, so people who
 * become eligible during the window get theirs); then, on the reminder day at 09:00, whoever has not
 * answered gets a reminder, once. Safe to repeat and to crash in: job keys are unique, decisions last.
 */
export async function runSurveySchedule(ctx: UseCaseContext, organisation: Organisation, _cycle: Cycle, events: readonly ScheduleEvent[]): Promise<{ surveysQueued: number; surveyRemindersQueued: number }> {
  const none = { surveysQueued: 0, surveyRemindersQueued: 0 };
  const rules = surveyRulesOf(organisation);
  const event = surveyEventOf(organisation, events);
  if (!rules || !event) return none;
  const now = ctx.now();
  if (!surveyFacts(organisation, event, now).open) return none;
  const org = { organisationId: organisation.id };
  const today = DateTime.fromJSDate(now, { zone: organisation.policy.timezone }).toISODate()!;
  const result = { ...none };
  if (!(await ctx.repos.decisions.find(org, DELIVERY_CHECKED, `${event.id}:${today}`))) {
    const people = eligiblePeople(await ctx.repos.people.listActive(org), organisation.policy, now);
    result.surveysQueued = await ctx.repos.outboxJobs.enqueueMany(org, people.map((p) => surveyJob(organisation, event, p.id, 'opened', now)));
    if (result.surveysQueued > 0) {
      await ctx.repos.auditLog.append(org, { id: `survey.delivered:${event.id}:${today}`, organisationId: organisation.id, at: now, actor: { kind: 'system' }, action: 'survey.delivered', subject: { kind: 'event', id: event.id }, details: { people: result.surveysQueued } });
    }
    await ctx.repos.decisions.take(org, DELIVERY_CHECKED, `${event.id}:${today}`, 'scheduler', now, { people: people.length, queued: result.surveysQueued });
  }
  const remindAt = surveyReminderAt(organisation, event, rules);
  if (remindAt && now >= remindAt && !(await ctx.repos.decisions.find(org, REMINDED, event.id))) {
    const answered = new Set((await ctx.repos.talent.surveyResponses.find(org, { eventId: event.id })).map((r) => r.personId));
    const people = eligiblePeople(await ctx.repos.people.listActive(org), organisation.policy, now).filter((p) => !answered.has(p.id));
    result.surveyRemindersQueued = await ctx.repos.outboxJobs.enqueueMany(org, people.map((p) => surveyJob(organisation, event, p.id, 'reminder', now)));
    await ctx.repos.decisions.take(org, REMINDED, event.id, 'scheduler', now, { people: people.length });
  }
  return result;
}
