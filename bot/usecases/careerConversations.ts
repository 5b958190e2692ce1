// seed 000 Appendix 4: "March — Career Conversation 1:1 to be conducted", with its routes (ready
// for promotion within 12 months, working towards one in 2–3 years, not looking, unsure) and the
// follow-ups each sets going. The reviewer records the conversation and a route; each follow-up
// becomes a task with an owner and a due date; the reviewee sees the record and may comment.
//
// Decisions (the brief's open questions):
// - Changing the route closes the old route's open tasks that the new route does not have, by the
//   system, with the note "Route changed to …"; a step both routes share stays as it is. Going back
//   to a route reopens its tasks the system closed (a task a person closed stays closed: done is done).
//   Correcting the 1:1's date re-dates the open tasks counted from it.
// - Recruitment and PG-admin tasks (talent mapping, succession planning) are internal: the reviewee
//   is never shown them nor told when they are closed; their record lists only their own and their
//   reviewer's follow-ups. A recruitment task goes to everyone with the recruitment role, or to the
//   PG administrators when nobody holds it (the card says so); any of them may close it.
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  careerConversationContentSchema,
  careerConversationId,
  closeFollowUpContentSchema,
  type BotMessage,
  type CareerComment,
  type CareerConversation,
  type CareerRoute,
  type CareerRules,
  type Cycle,
  type FollowUp,
  type Organisation,
  type Person,
} from '../../shared/domain';
import { requiredText } from '../../shared/domain/primitives';
import { reviewerOf } from '../../shared/policy';
import { audit, hasLeft, invalidFields, isPgAdmin, permittedRole, rolesOf, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { queueReviewMessage } from './yearReviewMessages';
import { currentCycle } from './currentCycle';
import { DomainError } from './errors';
import { noteRecordView, viewerRole } from './recordViews';
import { parseReviewInput, requireCalendarDate, todayFor } from './reviewInput';

type CareerMessage = Extract<BotMessage, { kind: 'career-conversation' | 'follow-up' }>;

/** The policy's career rules; a trust without them has no career conversations (409, not 500). */
export function careerRulesOf(organisation: Organisation): CareerRules {
  const rules = organisation.policy.career;
  if (!rules) throw new DomainError('conflict', `${organisation.policy.name} has no career conversations.`);
  return rules;
}

export function routeOf(rules: CareerRules, key: string): CareerRoute | undefined {
  return rules.routes.find((r) => r.key === key);
}

/** Queues one card (idempotent: the key names the subject, recipient and reason). */
export function queueCareerMessage(ctx: UseCaseContext, organisation: Pick<Organisation, 'id'>, recipientPersonId: string, message: CareerMessage, keySuffix = ''): Promise<boolean> {
  return queueReviewMessage(ctx, organisation, recipientPersonId, message, keySuffix);
}

// ── Who is who ───────────────────────────────────────────────────────────────────────────────

async function personIn(ctx: UseCaseContext, actor: Actor, personId: string): Promise<Person | null> {
  return personId === actor.person.id ? actor.person : ctx.repos.people.get(scopeOf(actor), personId);
}

/** The people a role-owned task goes to: recruitment (or PG admins when nobody holds it), PG admins. */
export async function roleHolders(ctx: UseCaseContext, organisation: Organisation, role: 'recruitment' | 'pg-admin'): Promise<{ people: Person[]; fallback: boolean }> {
  const active = (await ctx.repos.people.listActive({ organisationId: organisation.id })).filter((p) => !hasLeft(p) && p.status !== 'excluded');
  const admins = active.filter((p) => isPgAdmin(organisation, p));
  if (role === 'pg-admin') return { people: admins, fallback: false };
  const recruiters = active.filter((p) => p.roles.includes('recruitment'));
  return recruiters.length > 0 ? { people: recruiters, fallback: false } : { people: admins, fallback: true };
}

/** Whether `actor` may close this follow-up: its owner, or (role-owned) anyone holding the role. */
async function mayClose(ctx: UseCaseContext, actor: Actor, followUp: FollowUp): Promise<boolean> {
  if (hasLeft(actor.person)) return false;
  if (followUp.ownerId) return followUp.ownerId === actor.person.id;
  if (followUp.ownerRole !== 'recruitment' && followUp.ownerRole !== 'pg-admin') return false;
  const { people } = await roleHolders(ctx, actor.organisation, followUp.ownerRole);
  return people.some((p) => p.id === actor.person.id);
}

/** Whether the caller may see this follow-up at all: its owner/role, the person's reviewer, or the person (not internal ones). */
async function maySee(ctx: UseCaseContext, actor: Actor, followUp: FollowUp, person: Person | null): Promise<boolean> {
  if (await mayClose(ctx, actor, followUp)) return true;
  if (!person) return false;
  const roles = rolesOf(actor, person);
  if (roles.has('reviewer')) return true;
  return roles.has('self') && !isInternal(followUp);
}

/** Talent mapping and succession planning: never shown to the person it is about. */
export function isInternal(followUp: Pick<FollowUp, 'ownerRole'>): boolean {
  return followUp.ownerRole === 'recruitment' || followUp.ownerRole === 'pg-admin';
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────

export interface CareerState {
  person: Person;
  reviewer: Person | null;
  cycle: Cycle;
  rules: CareerRules;
  conversation: CareerConversation | null;
  comment: CareerComment | null;
  /** The conversation's follow-ups the caller may see (the person: not the internal ones). */
  followUps: FollowUp[];
  as: { reviewee: boolean; reviewer: boolean; pgAdmin: boolean };
}

async function cycleFor(ctx: UseCaseContext, actor: Actor, cycleId?: string): Promise<Cycle> {
  const cycle = cycleId ? await ctx.repos.cycles.get(scopeOf(actor), cycleId) : await currentCycle(ctx, actor.organisation);
  if (!cycle) throw cycleId ? new DomainError('notFound') : new DomainError('conflict', 'There is no current cycle, so there is no career conversation to record.');
  return cycle;
}

/** The person's career conversation of a cycle: 404 for no such person, 403 for anyone but the person, their reviewer and PG admins. */
export async function careerState(ctx: UseCaseContext, actor: Actor, personId: string, cycleId?: string): Promise<CareerState> {
  const rules = careerRulesOf(actor.organisation);
  const person = await personIn(ctx, actor, personId);
  if (!person) throw new DomainError('notFound');
  if (!permittedRole(actor, 'career', 'read', person)) throw new DomainError('forbidden', "You can't see this person's career conversation.");
  const cycle = await cycleFor(ctx, actor, cycleId);
  await noteRecordView(ctx, actor, person, { kind: 'career', role: viewerRole(actor, person, 'career'), itemId: cycle.id, what: 'your career conversation' });
  const org = scopeOf(actor);
  const id = careerConversationId(cycle.id, person.id);
  const [conversation, comment, tasks] = await Promise.all([ctx.repos.talent.careerConversations.get(org, id), ctx.repos.talent.careerComments.get(org, id), ctx.repos.talent.followUps.find(org, { conversationId: id })]);
  const roles = rolesOf(actor, person);
  const reviewerId = conversation?.reviewerId ?? reviewerOf(person, actor.organisation.policy);
  const reviewer = reviewerId ? await personIn(ctx, actor, reviewerId) : null;
  const as = { reviewee: roles.has('self'), reviewer: roles.has('reviewer'), pgAdmin: roles.has('pg-admin') };
  const followUps = as.reviewer || as.pgAdmin ? tasks : tasks.filter((t) => !isInternal(t));
  return { person, reviewer, cycle, rules, conversation, comment, followUps, as };
}

// ── Recording ────────────────────────────────────────────────────────────────────────────────

function checkedContent(ctx: UseCaseContext, actor: Actor, rules: CareerRules, input: unknown) {
  const content = parseReviewInput(careerConversationContentSchema, input);
  const route = routeOf(rules, content.route);
  if (!route) throw invalidFields([{ path: 'route', message: `choose one of: ${rules.routes.map((r) => r.label).join('; ')}` }]);
  if (!content.meetingOn) throw invalidFields([{ path: 'meetingOn', message: 'give the date of your 1:1 career conversation' }]);
  requireCalendarDate(content.meetingOn, 'meetingOn');
  if (content.meetingOn > todayFor(ctx, actor.organisation)) throw invalidFields([{ path: 'meetingOn', message: 'record the conversation after the 1:1 has taken place' }]);
  return { content: { ...content, meetingOn: content.meetingOn }, route };
}

export interface RecordedCareerConversation {
  conversation: CareerConversation;
  route: CareerRoute;
  created: FollowUp[];
  closed: FollowUp[];
}

/** The reviewer records (or records again) the conversation; the route's follow-ups are set going once. */
export async function recordCareerConversation(ctx: UseCaseContext, actor: Actor, personId: string, input: unknown): Promise<RecordedCareerConversation> {
  const rules = careerRulesOf(actor.organisation);
  const person = await personIn(ctx, actor, personId);
  if (!person) throw new DomainError('notFound');
  if (permittedRole(actor, 'career', 'write', person) !== 'reviewer') {
    if (!permittedRole(actor, 'career', 'read', person)) throw new DomainError('forbidden', "You can't record this person's career conversation.");
    throw new DomainError('forbidden', `Only ${person.displayName}'s ${actor.organisation.policy.vocabulary.reviewer} records their career conversation.`);
  }
  const { content, route } = checkedContent(ctx, actor, rules, input);
  const cycle = await cycleFor(ctx, actor);
  const org = scopeOf(actor);
  const id = careerConversationId(cycle.id, person.id);
  const previous = await ctx.repos.talent.careerConversations.get(org, id);
  const now = ctx.now();
  const conversation: CareerConversation = {
    id,
    organisationId: actor.organisation.id,
    cycleId: cycle.id,
    personId: person.id,
    reviewerId: actor.person.id,
    ...content,
    school: person.school,
    roleCategory: person.roleCategory,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  await ctx.repos.talent.careerConversations.put(org, conversation);
  const before = previous ? { route: previous.route, meetingOn: previous.meetingOn ?? null } : null;
  await audit(ctx, actor, previous ? 'careerConversation.changed' : 'careerConversation.recorded', { kind: 'career-conversation', id }, { personId: person.id, cycleId: cycle.id, before, after: { route: conversation.route, meetingOn: conversation.meetingOn } });
  const routeChanged = !previous || previous.route !== conversation.route;
  if (!routeChanged) {
    if (previous.meetingOn !== conversation.meetingOn) await redate(ctx, actor, conversation, route, cycle);
    return { conversation, route, created: [], closed: [] };
  }
  const closed = previous ? await closeLeftBehind(ctx, actor, conversation, route) : [];
  const created = await setFollowUpsGoing(ctx, actor, conversation, route, cycle, person);
  await queueCareerMessage(ctx, actor.organisation, person.id, { kind: 'career-conversation', cycleId: cycle.id, personId: person.id, audience: 'reviewee', reason: 'recorded' }, route.key);
  return { conversation, route, created, closed };
}

function dueOnFor(step: CareerRoute['followUps'][number], meetingOn: string, cycle: Cycle): string {
  if (step.atEndOfCycle) return cycle.endsOn;
  return DateTime.fromISO(meetingOn).plus({ days: step.dueDays }).toISODate()!;
}

/** Each of the route's follow-ups, once (FollowUp id `<conversationId>:<key>`); a task the system closed on a route change reopens. */
async function setFollowUpsGoing(ctx: UseCaseContext, actor: Actor, conversation: CareerConversation, route: CareerRoute, cycle: Cycle, person: Person): Promise<FollowUp[]> {
  const org = scopeOf(actor);
  const now = ctx.now();
  const out: FollowUp[] = [];
  for (const step of route.followUps) {
    const ownerId = step.owner === 'reviewer' ? actor.person.id : step.owner === 'reviewee' ? person.id : undefined;
    const followUp: FollowUp = {
      id: `${conversation.id}:${step.key}`,
      organisationId: actor.organisation.id,
      cycleId: cycle.id,
      personId: person.id,
      conversationId: conversation.id,
      route: route.key,
      key: step.key,
      text: step.text,
      ownerRole: step.owner,
      ...(ownerId ? { ownerId } : {}),
      dueOn: dueOnFor(step, conversation.meetingOn!, cycle),
      atEndOfCycle: step.atEndOfCycle,
      stayInterview: step.stayInterview,
      status: 'open',
      createdAt: now,
      updatedAt: now,
    };
    if (!(await ctx.repos.talent.followUps.addOnce(org, followUp))) {
      const existing = await ctx.repos.talent.followUps.get(org, followUp.id);
      if (!existing || existing.status === 'open' || existing.closedById) continue; // still going, or done by a person
      await ctx.repos.talent.followUps.update(org, followUp.id, { status: 'open', route: route.key, dueOn: followUp.dueOn, closedAt: undefined, closedNote: undefined, updatedAt: now });
      await audit(ctx, actor, 'followUp.reopened', { kind: 'follow-up', id: followUp.id }, { route: route.key });
    } else {
      await audit(ctx, actor, 'followUp.created', { kind: 'follow-up', id: followUp.id }, { route: route.key, ownerRole: step.owner, dueOn: followUp.dueOn });
    }
    out.push(followUp);
    await tellOwners(ctx, actor.organisation, followUp, 'assigned', route.key);
  }
  return out;
}

/** The 1:1's date corrected: the open follow-ups counted from it are due from the new date. */
async function redate(ctx: UseCaseContext, actor: Actor, conversation: CareerConversation, route: CareerRoute, cycle: Cycle): Promise<void> {
  const org = scopeOf(actor);
  for (const followUp of await ctx.repos.talent.followUps.find(org, { conversationId: conversation.id, status: 'open' })) {
    const step = route.followUps.find((s) => s.key === followUp.key);
    if (!step) continue;
    const dueOn = dueOnFor(step, conversation.meetingOn!, cycle);
    if (dueOn === followUp.dueOn) continue;
    await ctx.repos.talent.followUps.update(org, followUp.id, { dueOn, updatedAt: ctx.now() });
    await audit(ctx, actor, 'followUp.redated', { kind: 'follow-up', id: followUp.id }, { before: followUp.dueOn, after: dueOn });
  }
}

/** On a route change: the old route's open tasks the new route does not have are closed by the system. */
async function closeLeftBehind(ctx: UseCaseContext, actor: Actor, conversation: CareerConversation, route: CareerRoute): Promise<FollowUp[]> {
  const org = scopeOf(actor);
  const keep = new Set(route.followUps.map((s) => s.key));
  const open = (await ctx.repos.talent.followUps.find(org, { conversationId: conversation.id, status: 'open' })).filter((f) => !keep.has(f.key));
  const now = ctx.now();
  for (const followUp of open) {
    const closedNote = `Route changed to ${route.label}`;
    await ctx.repos.talent.followUps.update(org, followUp.id, { status: 'closed', closedAt: now, closedNote, updatedAt: now });
    await audit(ctx, actor, 'followUp.closedByRouteChange', { kind: 'follow-up', id: followUp.id }, { by: 'system', note: closedNote });
  }
  return open;
}

/** Queues the follow-up's card to whoever owns it: the person, or everyone of the role. */
export async function tellOwners(ctx: UseCaseContext, organisation: Organisation, followUp: FollowUp, reason: 'assigned' | 'reminder', keySuffix: string): Promise<number> {
  const ids = followUp.ownerId ? [followUp.ownerId] : followUp.ownerRole === 'recruitment' || followUp.ownerRole === 'pg-admin' ? (await roleHolders(ctx, organisation, followUp.ownerRole)).people.map((p) => p.id) : [];
  let queued = 0;
  for (const id of ids) if (await queueCareerMessage(ctx, organisation, id, { kind: 'follow-up', followUpId: followUp.id, reason }, keySuffix)) queued += 1;
  return queued;
}

// ── The reviewee's comment ──────────────────────────────────────────────────────────────────

export async function commentOnCareer(ctx: UseCaseContext, actor: Actor, personId: string, input: unknown): Promise<CareerComment> {
  const state = await careerState(ctx, actor, personId);
  if (!state.as.reviewee) throw new DomainError('forbidden', 'Only the person the conversation is about comments on it.');
  if (!state.conversation) throw new DomainError('conflict', `You can comment once your ${actor.organisation.policy.vocabulary.reviewer} has recorded your career conversation.`);
  const { text } = parseReviewInput(careerCommentInputSchema, input);
  const org = scopeOf(actor);
  const now = ctx.now();
  const previous = state.comment;
  const comment: CareerComment = { id: state.conversation.id, organisationId: actor.organisation.id, personId: actor.person.id, text, createdAt: previous?.createdAt ?? now, updatedAt: now };
  await ctx.repos.talent.careerComments.put(org, comment);
  await audit(ctx, actor, previous ? 'careerComment.changed' : 'careerComment.added', { kind: 'career-comment', id: comment.id }, {});
  await queueCareerMessage(ctx, actor.organisation, state.conversation.reviewerId, { kind: 'career-conversation', cycleId: state.cycle.id, personId: actor.person.id, audience: 'reviewer', reason: 'comment' }, now.toISOString());
  return comment;
}

const careerCommentInputSchema = z.object({ text: requiredText(3000) });

// ── Follow-ups ──────────────────────────────────────────────────────────────────────────────

export interface FollowUpState {
  followUp: FollowUp;
  person: Person | null;
  closedBy: Person | null;
  canClose: boolean;
  /** A recruitment task that went to the PG administrators because nobody holds the recruitment role. */
  fallback: boolean;
}

export async function followUpState(ctx: UseCaseContext, actor: Actor, followUpId: string): Promise<FollowUpState> {
  const org = scopeOf(actor);
  const followUp = await ctx.repos.talent.followUps.get(org, followUpId);
  if (!followUp) throw new DomainError('notFound');
  const person = await personIn(ctx, actor, followUp.personId);
  if (!(await maySee(ctx, actor, followUp, person))) throw new DomainError('notFound');
  const closedBy = followUp.closedById ? await personIn(ctx, actor, followUp.closedById) : null;
  const fallback = followUp.ownerRole === 'recruitment' && (await roleHolders(ctx, actor.organisation, 'recruitment')).fallback;
  return { followUp, person, closedBy, canClose: followUp.status === 'open' && (await mayClose(ctx, actor, followUp)), fallback };
}

/** The owner (or anyone of its owner role) closes it with a note, once. */
export async function closeFollowUp(ctx: UseCaseContext, actor: Actor, followUpId: string, input: unknown): Promise<FollowUp> {
  const org = scopeOf(actor);
  const followUp = await ctx.repos.talent.followUps.get(org, followUpId);
  if (!followUp) throw new DomainError('notFound');
  const person = await personIn(ctx, actor, followUp.personId);
  if (!(await mayClose(ctx, actor, followUp))) {
    if (await maySee(ctx, actor, followUp, person)) throw new DomainError('forbidden', 'Only the owner of this follow-up closes it.');
    throw new DomainError('notFound');
  }
  const { note } = parseReviewInput(closeFollowUpContentSchema, input);
  if (followUp.status === 'closed') throw await alreadyClosed(ctx, actor, followUp);
  const now = ctx.now();
  // One close wins, even when two of the role press Close together.
  if (!(await ctx.repos.decisions.take(org, 'follow-up-closed', followUp.id, actor.person.id, now))) throw await alreadyClosed(ctx, actor, (await ctx.repos.talent.followUps.get(org, followUp.id)) ?? followUp);
  const closed: FollowUp = { ...followUp, status: 'closed', closedAt: now, closedById: actor.person.id, closedNote: note, updatedAt: now };
  await ctx.repos.talent.followUps.update(org, followUp.id, { status: 'closed', closedAt: now, closedById: actor.person.id, closedNote: note, updatedAt: now });
  await audit(ctx, actor, 'followUp.closed', { kind: 'follow-up', id: followUp.id }, { personId: followUp.personId, note });
  // The reviewer hears when someone else closes a task about their reviewee; the person is never told of internal ones.
  const reviewerId = (await ctx.repos.talent.careerConversations.get(org, followUp.conversationId))?.reviewerId;
  if (reviewerId && reviewerId !== actor.person.id) await queueCareerMessage(ctx, actor.organisation, reviewerId, { kind: 'follow-up', followUpId: followUp.id, reason: 'closed' });
  return closed;
}

async function alreadyClosed(ctx: UseCaseContext, actor: Actor, followUp: FollowUp): Promise<DomainError> {
  const by = followUp.closedById ? ((await personIn(ctx, actor, followUp.closedById))?.displayName ?? 'someone') : 'the system';
  const on = followUp.closedAt ? ` on ${DateTime.fromJSDate(followUp.closedAt, { zone: actor.organisation.policy.timezone }).toISODate()}` : '';
  return new DomainError('conflict', `This follow-up was already closed by ${by}${on}${followUp.closedNote ? `: "${followUp.closedNote}"` : ''}.`);
}

/** GET /follow-ups: owned by me or my role, and those about my reviewees (open and closed). */
export async function myFollowUps(ctx: UseCaseContext, actor: Actor): Promise<Array<{ followUp: FollowUp; person: Person | null; canClose: boolean }>> {
  if (!actor.organisation.policy.career || hasLeft(actor.person)) return [];
  const org = scopeOf(actor);
  const reviewees = await ctx.repos.people.listReviewees(org, actor.person.id);
  const roleTasks: FollowUp[] = [];
  for (const role of ['recruitment', 'pg-admin'] as const) {
    const { people } = await roleHolders(ctx, actor.organisation, role);
    if (people.some((p) => p.id === actor.person.id)) roleTasks.push(...(await ctx.repos.talent.followUps.find(org, { ownerRole: role })));
  }
  const [owned, about] = await Promise.all([ctx.repos.talent.followUps.find(org, { ownerId: actor.person.id }), Promise.all(reviewees.map((p) => ctx.repos.talent.followUps.find(org, { personId: p.id })))]);
  const byId = new Map<string, FollowUp>();
  for (const f of [...owned, ...roleTasks, ...about.flat()]) byId.set(f.id, f);
  const people = new Map((await ctx.repos.people.getMany(org, [...new Set([...byId.values()].map((f) => f.personId))])).map((p) => [p.id, p]));
  const out = [];
  for (const followUp of byId.values()) out.push({ followUp, person: people.get(followUp.personId) ?? null, canClose: followUp.status === 'open' && (await mayClose(ctx, actor, followUp)) });
  return out.sort((a, b) => a.followUp.dueOn.localeCompare(b.followUp.dueOn) || a.followUp.id.localeCompare(b.followUp.id));
}

// ── The end-of-year review ──────────────────────────────────────────────────────────────────

/** "Review at end of annual cycle": the conversation's open follow-ups due at the cycle's end, for the end-of-year review. */
export async function endOfCycleFollowUps(ctx: UseCaseContext, organisation: Organisation, personId: string, cycleId: string): Promise<{ routeLabel: string | null; followUps: FollowUp[] }> {
  const org = { organisationId: organisation.id };
  const conversation = await ctx.repos.talent.careerConversations.get(org, careerConversationId(cycleId, personId));
  if (!conversation) return { routeLabel: null, followUps: [] };
  const followUps = await ctx.repos.talent.followUps.find(org, { conversationId: conversation.id, status: 'open', atEndOfCycle: true });
  const label = organisation.policy.career ? (routeOf(organisation.policy.career, conversation.route)?.label ?? conversation.route) : conversation.route;
  return { routeLabel: label, followUps };
}

/** Which of these the caller may close now. */
export async function closableIds(ctx: UseCaseContext, actor: Actor, followUps: readonly FollowUp[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const f of followUps) if (f.status === 'open' && (await mayClose(ctx, actor, f))) out.add(f.id);
  return out;
}

/** For the end-of-year review's DTO: `{careerFollowUps}` when there is a career conversation with open end-of-cycle follow-ups, else nothing. */
export async function careerFollowUpsForReview(ctx: UseCaseContext, organisation: Organisation, personId: string, cycleId: string): Promise<{ careerFollowUps?: { routeLabel: string | null; followUps: Array<Pick<FollowUp, 'id' | 'text' | 'dueOn' | 'ownerRole'>> } }> {
  if (!organisation.policy.career) return {};
  const { routeLabel, followUps } = await endOfCycleFollowUps(ctx, organisation, personId, cycleId);
  const shown = followUps.filter((f) => !isInternal(f));
  if (!routeLabel) return {};
  return { careerFollowUps: { routeLabel, followUps: shown.map((f) => ({ id: f.id, text: f.text, dueOn: f.dueOn, ownerRole: f.ownerRole })) } };
}
