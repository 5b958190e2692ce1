// Reading group coaching sessions (seed 004 §8): a member, the group's leader and PG admins read a
// group's sessions, posts and replies; no one else (a session they may not see does not exist:
// 404). Reads by anyone but a member are audited. Also the counts a year's simulation reports.
import type { CoachingGroup, GroupPost, GroupReply, GroupSession, Person, ScheduleEvent } from '../../shared/domain';
import { windowInstants } from '../../shared/policy';
import { isPgAdmin, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { auditGroupRead, groupRoleOf, type GroupRole } from './groupSessions';

export interface SessionSummary {
  session: GroupSession;
  event: ScheduleEvent | null;
  open: boolean;
  posts: GroupPost[];
  replies: number;
}

export interface MyGroup {
  group: CoachingGroup;
  role: GroupRole;
  people: Map<string, Person>;
  sessions: SessionSummary[];
}

async function summarise(ctx: UseCaseContext, actor: Actor, session: GroupSession): Promise<SessionSummary> {
  const org = scopeOf(actor);
  const [event, posts, replies] = await Promise.all([ctx.repos.scheduleEvents.get(org, session.eventId), ctx.repos.groupPosts.listForSession(org, session.id), ctx.repos.groupReplies.listForSession(org, session.id)]);
  const open = event !== null && event.status === 'scheduled' && ctx.now() <= windowInstants(event, actor.organisation.policy.timezone).closesAt;
  return { session, event, open, posts, replies: replies.length };
}

/** The sessions of the groups I am in or lead, newest first. */
export async function listMyGroupSessions(ctx: UseCaseContext, actor: Actor): Promise<MyGroup[]> {
  const org = scopeOf(actor);
  const groups = await ctx.repos.coachingGroups.listForPerson(org, actor.person.id);
  const out: MyGroup[] = [];
  for (const group of groups) {
    const role = groupRoleOf(actor.organisation, actor.person, group);
    if (!role) continue;
    const sessions = (await ctx.repos.groupSessions.listForGroup(org, group.id)).filter((s) => s.postedAt);
    const people = await ctx.repos.people.getMany(org, [...group.memberIds, ...(group.leaderId ? [group.leaderId] : [])]);
    out.push({ group, role, people: new Map(people.map((p) => [p.id, p])), sessions: await Promise.all(sessions.map((s) => summarise(ctx, actor, s))) });
  }
  return out;
}

export interface SessionDetail extends SessionSummary {
  group: CoachingGroup;
  role: GroupRole;
  replyList: GroupReply[];
  people: Map<string, Person>;
}

/** One session with its posts and replies, for someone the group includes; anyone else gets not-found. */
export async function readGroupSession(ctx: UseCaseContext, actor: Actor, sessionId: string): Promise<SessionDetail> {
  const org = scopeOf(actor);
  const session = await ctx.repos.groupSessions.get(org, sessionId);
  const group = session ? await ctx.repos.coachingGroups.get(org, session.groupId) : null;
  const role = group ? groupRoleOf(actor.organisation, actor.person, group) : null;
  if (!session || !group || !role) throw new DomainError('notFound');
  const summary = await summarise(ctx, actor, session);
  const replyList = await ctx.repos.groupReplies.listForSession(org, session.id);
  const ids = new Set([...group.memberIds, ...summary.posts.map((p) => p.personId), ...replyList.flatMap((r) => (r.personId ? [r.personId] : []))]);
  const people = await ctx.repos.people.getMany(org, [...ids]);
  await auditGroupRead(ctx, actor, session, role);
  return { ...summary, group, role, replyList, people: new Map(people.map((p) => [p.id, p])) };
}

export interface GroupProgress {
  group: CoachingGroup;
  sessions: Array<{ session: GroupSession; event: ScheduleEvent | null; membersPosted: number }>;
}

/** PG admins: by group, the sessions held and how many members posted in each (no one's answers). */
export async function groupProgress(ctx: UseCaseContext, actor: Actor): Promise<GroupProgress[]> {
  if (!isPgAdmin(actor.organisation, actor.person)) throw new DomainError('forbidden', 'Only PG administrators see progress across coaching groups.');
  const org = scopeOf(actor);
  const groups = await ctx.repos.coachingGroups.list(org);
  return Promise.all(
    groups.map(async (group) => {
      const sessions = (await ctx.repos.groupSessions.listForGroup(org, group.id)).filter((s) => s.postedAt);
      const rows = await Promise.all(
        sessions.map(async (session) => {
          const [event, posts] = await Promise.all([ctx.repos.scheduleEvents.get(org, session.eventId), ctx.repos.groupPosts.listForSession(org, session.id)]);
          return { session, event, membersPosted: posts.length };
        }),
      );
      return { group, sessions: rows };
    }),
  );
}

export interface GroupCounts {
  /** Sessions whose card went to a group's conversation. */
  groupSessions: number;
  /** Members' posts to those sessions (one per member per session). */
  groupPosts: number;
  groupReplies: number;
}

/** Totals for an organisation (the year simulator's `groupSessions` and `groupPosts`). */
export async function groupCounts(ctx: UseCaseContext, organisationId: string): Promise<GroupCounts> {
  const org = { organisationId };
  const counts: GroupCounts = { groupSessions: 0, groupPosts: 0, groupReplies: 0 };
  for (const group of await ctx.repos.coachingGroups.list(org)) {
    const sessions = (await ctx.repos.groupSessions.listForGroup(org, group.id)).filter((s) => s.postedAt);
    counts.groupSessions += sessions.length;
    counts.groupPosts += await ctx.repos.groupPosts.countForGroup(org, group.id);
    for (const session of sessions) counts.groupReplies += (await ctx.repos.groupReplies.listForSession(org, session.id)).length;
  }
  return counts;
}
