// Group coaching check-ins (seed 004 §8): "half-termly within teams ... structured as group
// coaching opportunities", where "successes, strengths, barriers, and developments ... will be
// shared with colleagues. This is not a reporting exercise". On each check-in's date one session
// card goes to each coaching group's conversation (an outbox job per organisation + event + group);
// each member posts once (and may edit), colleagues reply in the thread. Nothing is ranked.
import { randomUUID } from 'node:crypto';
import {
  GROUP_POST_FIELDS,
  GROUP_POST_MAX_LENGTH,
  groupPostIdFor,
  groupSessionIdFor,
  type CoachingGroup,
  type GroupPost,
  type GroupSession,
  type GroupSessionKind,
  type Organisation,
  type OutboxJob,
  type Person,
  type ScheduleEvent,
} from '../../shared/domain';
import { eligiblePeople, isEligible, windowInstants } from '../../shared/policy';
import { outboxJobIdFor } from '../data/outboxJobRepository';
import { audit, hasLeft, invalidFields, isPgAdmin, type Actor } from './access';
import { DomainError } from './errors';
import type { UseCaseContext } from './context';

/** The event kinds that become a group session in a group-mode organisation, and which kind of session. */
const SESSION_KIND_OF: Readonly<Record<string, GroupSessionKind>> = { 'check-in': 'check-in', 'optional-check-in': 'check-in', 'group-sharing': 'sharing' };

export function groupSessionKindOf(event: Pick<ScheduleEvent, 'kind'>): GroupSessionKind | undefined {
  return SESSION_KIND_OF[event.kind];
}

export function isGroupMode(organisation: Organisation): boolean {
  return organisation.policy.checkIns.mode === 'group';
}

export function groupSessionJobKey(organisationId: string, eventId: string, groupId: string): string {
  return `group-session:${organisationId}:${eventId}:${groupId}`;
}

/** Who someone is to a group: a member, its leader (coach), or a PG admin; null is nobody. */
export type GroupRole = 'member' | 'leader' | 'pg-admin';

export function groupRoleOf(organisation: Organisation, person: Person, group: CoachingGroup): GroupRole | null {
  if (person.organisationId !== organisation.id || group.organisationId !== organisation.id || hasLeft(person)) return null;
  if (group.memberIds.includes(person.id)) return 'member';
  if (group.leaderId === person.id) return 'leader';
  return isPgAdmin(organisation, person) ? 'pg-admin' : null;
}

/**
 * One group-session job per coaching group that has a conversation and members, at the window's
 * opening; safe to repeat (the job key is organisation + event + group), so the scheduler calls it
 * on every tick of the window and a group set up late is still posted to. Returns the jobs that are new.
 */
export async function queueGroupSessions(ctx: UseCaseContext, organisation: Organisation, event: ScheduleEvent): Promise<number> {
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  const { opensAt } = windowInstants(event, organisation.policy.timezone);
  const groups = (await ctx.repos.coachingGroups.list(org)).filter((g) => g.conversation && g.memberIds.length > 0);
  const jobs: OutboxJob[] = groups.map((group) => {
    const key = groupSessionJobKey(organisation.id, event.id, group.id);
    return {
      id: outboxJobIdFor(key),
      organisationId: organisation.id,
      idempotencyKey: key,
      kind: 'group-session',
      eventId: event.id,
      payload: { groupId: group.id, eventId: event.id },
      status: 'pending',
      notBefore: opensAt,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    };
  });
  const queued = jobs.length > 0 ? await ctx.repos.outboxJobs.enqueueMany(org, jobs) : 0;
  if (!event.promptsQueuedAt) await ctx.repos.scheduleEvents.updateIfVersion(org, event.id, event.version, { promptsQueuedAt: now });
  if (queued > 0) ctx.logger.info({ organisationId: organisation.id, eventId: event.id, groups: queued }, 'group sessions queued');
  return queued;
}

export type SessionToPost =
  | { kind: 'post'; group: CoachingGroup & { conversation: NonNullable<CoachingGroup['conversation']> }; session: GroupSession; members: Person[] }
  | { kind: 'skip'; reason: string };

/** What the group-session job sends: the group, its members, and the session (stored once, before the card goes). */
export async function prepareGroupSession(ctx: UseCaseContext, organisation: Organisation, event: ScheduleEvent, groupId: string): Promise<SessionToPost> {
  const org = { organisationId: organisation.id };
  const kind = groupSessionKindOf(event);
  if (!kind) return { kind: 'skip', reason: `a ${event.kind} is not a group session` };
  const group = await ctx.repos.coachingGroups.get(org, groupId);
  if (!group) return { kind: 'skip', reason: 'coaching group gone' };
  if (!group.conversation) return { kind: 'skip', reason: 'coaching group has no channel or group chat' };
  const installed = await ctx.repos.conversationReferences.get(org, group.conversation.conversationId);
  if (installed?.uninstalledAt) return { kind: 'skip', reason: "the app was removed from the group's channel or chat" };
  const now = ctx.now();
  const members = eligiblePeople(await ctx.repos.people.getMany(org, group.memberIds), organisation.policy, now);
  if (members.length === 0) return { kind: 'skip', reason: 'no eligible members' };
  const id = groupSessionIdFor(organisation.id, event.id, group.id);
  await ctx.repos.groupSessions.createOnce(org, {
    id,
    organisationId: organisation.id,
    eventId: event.id,
    groupId: group.id,
    kind,
    conversationId: group.conversation.conversationId,
    memberIds: members.map((m) => m.id),
    refreshUserIds: [],
    createdAt: now,
  });
  const session = await ctx.repos.groupSessions.get(org, id);
  if (!session) return { kind: 'skip', reason: 'session not stored' };
  if (session.postedAt) return { kind: 'skip', reason: 'already posted' };
  return { kind: 'post', group: { ...group, conversation: group.conversation }, session, members };
}

/** The session card is in the conversation: its message is the root of the thread replies go to. */
export async function recordGroupSessionPosted(ctx: UseCaseContext, session: GroupSession, activityId: string | undefined, refreshUserIds: string[]): Promise<void> {
  await ctx.repos.groupSessions.markPosted(session, session.id, { activityId, postedAt: ctx.now(), refreshUserIds });
}

/** "check in" in a group-mode organisation: where the group check-ins happen instead. */
export async function groupModeNotice(ctx: UseCaseContext, organisation: Organisation, person: Person): Promise<string | null> {
  if (!isGroupMode(organisation)) return null;
  const groups = (await ctx.repos.coachingGroups.listForPerson(person, person.id)).filter((g) => g.memberIds.includes(person.id));
  const where = groups.length > 0 ? `in ${groups.map((g) => g.name).join(' and ')}'s channel or chat` : "in your coaching group's channel or chat (ask your PG administrator which group you are in)";
  const { checkIn } = organisation.policy.vocabulary;
  return `Your ${checkIn}s are group coaching sessions, ${organisation.policy.checkIns.rhythm}: on each date a session card is posted ${where}, where you share your successes, strengths, barriers and developments and reply to colleagues. The tab shows your group's sessions.`;
}

/** The Teams user ids (29:...) of people who installed the app, for the card's per-user refresh. */
export async function teamsUserIdsOf(ctx: UseCaseContext, organisationId: string, personIds: readonly string[]): Promise<string[]> {
  const chats = await Promise.all(personIds.map((personId) => ctx.repos.conversationReferences.findPersonal({ organisationId }, { personId })));
  return chats.filter((c): c is NonNullable<typeof c> => c !== null).map((c) => c.key);
}

export interface GroupSessionView {
  organisation: Organisation;
  session: GroupSession;
  group: CoachingGroup;
  event: ScheduleEvent | null;
  role: GroupRole | null;
  /** Who has posted: shown to everyone in the conversation (names only). */
  postedIds: string[];
  /** The posts themselves, for someone the group includes; empty for anyone else. */
  posts: GroupPost[];
  /** Display names of everyone the view mentions. */
  names: Map<string, string>;
  /** Whether posts are still taken (the event's window is open). */
  open: boolean;
  /** For the sharing: the viewer's own growth projects, to start their post from. */
  suggested?: Record<string, string>;
}

/** seed 004 §5 step 7: the sharing is about the growth project, so a member's card starts from its title. */
async function sharingSuggestion(ctx: UseCaseContext, viewer: Person, session: GroupSession, posts: GroupPost[], role: GroupRole | null): Promise<Record<string, string> | undefined> {
  if (session.kind !== 'sharing' || role !== 'member' || posts.some((p) => p.personId === viewer.id)) return undefined;
  const rocks = (await ctx.repos.rocks.listForPerson(viewer, viewer.id)).filter((r) => r.status !== 'draft');
  return rocks.length > 0 ? { project: rocks.map((r) => r.title).join('; ') } : undefined;
}

/** A session as `viewer` may see it; role null means they see only that it is a group's session. */
export async function groupSessionView(ctx: UseCaseContext, organisation: Organisation, sessionId: string, viewer: Person | null): Promise<GroupSessionView | null> {
  const org = { organisationId: organisation.id };
  const session = await ctx.repos.groupSessions.get(org, sessionId);
  if (!session) return null;
  const [group, event, posts] = await Promise.all([ctx.repos.coachingGroups.get(org, session.groupId), ctx.repos.scheduleEvents.get(org, session.eventId), ctx.repos.groupPosts.listForSession(org, session.id)]);
  if (!group) return null;
  const role = viewer ? groupRoleOf(organisation, viewer, group) : null;
  const people = await ctx.repos.people.getMany(org, [...new Set([...group.memberIds, ...posts.map((p) => p.personId)])]);
  const names = new Map(people.map((p) => [p.id, p.displayName]));
  const now = ctx.now();
  const open = event !== null && event.status === 'scheduled' && now <= windowInstants(event, organisation.policy.timezone).closesAt;
  const suggested = viewer ? await sharingSuggestion(ctx, viewer, session, posts, role) : undefined;
  return { organisation, session, group, event, role, postedIds: posts.map((p) => p.personId), posts: role ? posts : [], names, open, suggested };
}

export type PostResult =
  | { kind: 'saved'; outcome: 'created' | 'updated' | 'unchanged'; view: GroupSessionView }
  | { kind: 'invalid'; errors: Array<{ path: string; message: string }>; values: Record<string, string>; view: GroupSessionView }
  | { kind: 'refused'; reason: 'gone' | 'not-member' | 'closed' | 'not-eligible'; message: string; view: GroupSessionView | null };

/** The prompts' answers from a card or the tab: trimmed, bounded, at least one given. */
export function parseGroupPost(kind: GroupSessionKind, data: Record<string, unknown>): { values: Record<string, string>; errors: Array<{ path: string; message: string }> } {
  const values: Record<string, string> = {};
  const errors: Array<{ path: string; message: string }> = [];
  for (const field of GROUP_POST_FIELDS[kind]) {
    const raw = data[field.id];
    const text = typeof raw === 'string' ? raw.trim() : '';
    values[field.id] = text;
    if (text.length > GROUP_POST_MAX_LENGTH) errors.push({ path: field.id, message: `${field.label}: keep it under ${GROUP_POST_MAX_LENGTH} characters.` });
    if (text.includes('\u0000')) errors.push({ path: field.id, message: `${field.label}: contains a character that cannot be stored.` });
  }
  if (errors.length === 0 && Object.values(values).every((v) => v === '')) errors.push({ path: GROUP_POST_FIELDS[kind][0].id, message: 'Write at least one of them: one line is enough.' });
  return { values, errors };
}

/** A member posts (or edits) theirs; anyone else is refused and nothing is stored. */
export async function postToGroupSession(ctx: UseCaseContext, person: Person, sessionId: string, data: Record<string, unknown>): Promise<PostResult> {
  const organisation = await ctx.repos.organisations.get(person.organisationId);
  const view = organisation ? await groupSessionView(ctx, organisation, sessionId, person) : null;
  if (!organisation || !view) return { kind: 'refused', reason: 'gone', message: 'This session is no longer available.', view: null };
  if (view.role !== 'member') return { kind: 'refused', reason: 'not-member', message: `Only members of ${view.group.name} post in its session. Colleagues can reply in the thread.`, view };
  if (!view.open) return { kind: 'refused', reason: 'closed', message: 'This session has closed, so posts can no longer be changed.', view };
  // Excluded, paused or ECT staff (seed 004 §6) may reply in the thread but have no post to make.
  const eligibility = isEligible(person, organisation.policy, ctx.now());
  if (!eligibility.eligible) return { kind: 'refused', reason: 'not-eligible', message: `You have no post to make in this session: ${eligibility.reason ?? 'you are outside this year\'s process'}. You can still reply in the thread.`, view };
  const { values, errors } = parseGroupPost(view.session.kind, data);
  if (errors.length > 0) return { kind: 'invalid', errors, values, view };
  const now = ctx.now();
  const answers = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  const post: GroupPost = { id: groupPostIdFor(view.session.id, person.id), organisationId: person.organisationId, sessionId: view.session.id, groupId: view.group.id, personId: person.id, answers, createdAt: now, updatedAt: now };
  const outcome = await ctx.repos.groupPosts.save(person, post);
  if (outcome !== 'unchanged') {
    await queueCardRefresh(ctx, view.session, post);
    await audit(ctx, { person, organisation }, outcome === 'created' ? 'groupPost.created' : 'groupPost.updated', { kind: 'group-session', id: view.session.id }, { groupId: view.group.id });
  }
  const refreshed = await groupSessionView(ctx, organisation, sessionId, person);
  return { kind: 'saved', outcome, view: refreshed ?? view };
}

/** The card in the conversation is re-rendered after each post, so everyone there sees who has posted. */
async function queueCardRefresh(ctx: UseCaseContext, session: GroupSession, post: GroupPost): Promise<void> {
  if (!session.activityId) return;
  const key = `group-session-refresh:${session.organisationId}:${post.id}:${post.updatedAt.getTime()}`;
  const now = ctx.now();
  await ctx.repos.outboxJobs.enqueue(session, {
    id: outboxJobIdFor(key),
    organisationId: session.organisationId,
    idempotencyKey: key,
    kind: 'group-session',
    eventId: session.eventId,
    payload: { groupId: session.groupId, eventId: session.eventId, refresh: true },
    status: 'pending',
    notBefore: now,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  });
}

/** The session and conversation whose posted card is to be re-rendered, or why not. */
export async function sessionToRefresh(ctx: UseCaseContext, organisation: Organisation, event: ScheduleEvent, groupId: string): Promise<{ kind: 'refresh'; session: GroupSession & { activityId: string }; group: CoachingGroup & { conversation: NonNullable<CoachingGroup['conversation']> } } | { kind: 'skip'; reason: string }> {
  const org = { organisationId: organisation.id };
  const [session, group] = await Promise.all([ctx.repos.groupSessions.get(org, groupSessionIdFor(organisation.id, event.id, groupId)), ctx.repos.coachingGroups.get(org, groupId)]);
  if (!session?.activityId || !group?.conversation) return { kind: 'skip', reason: 'no card to refresh' };
  return { kind: 'refresh', session: { ...session, activityId: session.activityId }, group: { ...group, conversation: group.conversation } };
}

export interface ThreadReply {
  organisationId: string;
  /** The id of the message replied to (the session card is the thread's root). */
  rootActivityId: string;
  messageId: string;
  /** Who wrote it, looked up only when the message is in a session's thread. */
  person: () => Promise<Person | null>;
  authorName: string;
  text: string;
}

/** A reply in a session's thread is kept against the session, if it came from someone the group includes. */
export async function recordGroupReply(ctx: UseCaseContext, reply: ThreadReply): Promise<'stored' | 'duplicate' | 'not-a-session' | 'not-in-group' | 'empty'> {
  const org = { organisationId: reply.organisationId };
  const session = await ctx.repos.groupSessions.findByActivity(org, reply.rootActivityId);
  if (!session) return 'not-a-session';
  const [organisation, group] = await Promise.all([ctx.repos.organisations.get(reply.organisationId), ctx.repos.coachingGroups.get(org, session.groupId)]);
  if (!organisation || !group) return 'not-a-session';
  const person = await reply.person();
  // seed 004 §8 is peer-to-peer within the team: replies from outside the group are not kept.
  if (!person || !groupRoleOf(organisation, person, group)) return 'not-in-group';
  const text = reply.text.split('\u0000').join('').trim().slice(0, 4000);
  if (!text) return 'empty';
  const stored = await ctx.repos.groupReplies.add(org, { id: `${reply.organisationId}:${reply.messageId}`, organisationId: reply.organisationId, sessionId: session.id, groupId: group.id, personId: person.id, authorName: person.displayName, text, at: ctx.now() });
  if (stored) await audit(ctx, { person, organisation }, 'groupReply.stored', { kind: 'group-session', id: session.id }, { groupId: group.id, messageId: reply.messageId });
  return stored ? 'stored' : 'duplicate';
}

/** An audit entry when someone other than a member reads a group's posts (its leader, a PG admin). */
export async function auditGroupRead(ctx: UseCaseContext, actor: Actor, session: GroupSession, role: GroupRole): Promise<void> {
  if (role === 'member') return;
  await audit(ctx, actor, 'groupSession.read', { kind: 'group-session', id: session.id }, { groupId: session.groupId, as: role, requestId: randomUUID() });
}

/** The tab's save of my post: the same rules as the card, as domain errors (404 for a session I cannot see). */
export async function saveMyGroupPost(ctx: UseCaseContext, actor: Actor, sessionId: string, answers: Record<string, string>): Promise<void> {
  const result = await postToGroupSession(ctx, actor.person, sessionId, answers);
  if (result.kind === 'saved') return;
  if (result.kind === 'invalid') throw invalidFields(result.errors.map((e) => ({ ...e, path: `answers.${e.path}` })));
  if (!result.view || result.view.role === null) throw new DomainError('notFound');
  if (result.reason === 'closed') throw new DomainError('windowClosed', result.message);
  throw new DomainError('forbidden', result.message);
}
