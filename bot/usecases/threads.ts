// Feedback threads on a check-in or a rock: a conversation between the reviewee, their reviewer
// and their coach. PG administrators may read them (seed 000 §3) but are not part of them.
import { randomUUID } from 'node:crypto';
import { formatEventTitle, reviewerOf } from '../../shared/policy';
import { notifyFeedbackReply } from '../notifications/notify';
import type { Comment, CommentSubject, Person } from '../../shared/domain';
import type { ViewerRelationship } from '../../shared/policy';
import { ACCESS_TABLE, audit, readableOwner, reviewedCheckIn, reviewedRock, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';

const PARTICIPANTS: readonly ViewerRelationship[] = ACCESS_TABLE.threads.comment ?? [];

export interface Thread {
  subject: CommentSubject;
  owner: Person;
  comments: Comment[];
  canComment: boolean;
}

async function loadSubject(ctx: UseCaseContext, actor: Actor, subject: CommentSubject): Promise<{ owner: Person; relationship: ViewerRelationship; readOnly?: boolean; checkInReviewerId?: string }> {
  const org = scopeOf(actor);
  const checkIn = subject.kind === 'check-in' ? await ctx.repos.checkIns.get(org, subject.id) : null;
  const rock = subject.kind === 'rock' ? await ctx.repos.rocks.get(org, subject.id) : null;
  const ownerId = checkIn?.personId ?? rock?.personId;
  const access = ownerId ? await readableOwner(ctx, actor, ownerId, 'threads') : null;
  // A thread is about its check-in or rock: whoever the policy does not let read that (policy.access) does not read its thread either.
  const ofSubject = access && ownerId ? await readableOwner(ctx, actor, ownerId, subject.kind === 'check-in' ? 'check-ins' : 'rocks') : null;
  if (access && ofSubject) return { ...access, checkInReviewerId: checkIn?.reviewerId };
  if (access) throw new DomainError('notFound');
  // A previous reviewer keeps the conversation on what they reviewed: a check-in sent to them
  // (still theirs to finish), and, to read only, a rock from their time (access.ts).
  const owner = ownerId && (checkIn ? reviewedCheckIn(actor, checkIn) : true) ? await ctx.repos.people.get(org, ownerId) : null;
  if (owner && checkIn) return { owner, relationship: 'reviewer', checkInReviewerId: checkIn.reviewerId };
  if (owner && rock && reviewedRock(actor, owner, rock)) return { owner, relationship: 'reviewer', readOnly: true };
  throw new DomainError('notFound');
}

export async function getThread(ctx: UseCaseContext, actor: Actor, subject: CommentSubject): Promise<Thread> {
  const { owner, relationship, readOnly } = await loadSubject(ctx, actor, subject);
  const comments = await ctx.repos.comments.listForSubject(scopeOf(actor), subject);
  return { subject, owner, comments, canComment: !readOnly && PARTICIPANTS.includes(relationship) };
}

/**
 * How many comments are on each of one person's rocks, for the list the caller has already been
 * allowed to read; undefined when the policy does not let the caller read that person's threads
 * (the tab then asks per thread, and is answered per thread).
 */
export async function rockCommentCounts(ctx: UseCaseContext, actor: Actor, ownerId: string, rockIds: string[]): Promise<Map<string, number> | undefined> {
  if (!(await readableOwner(ctx, actor, ownerId, 'threads'))) return undefined;
  return ctx.repos.comments.countBySubjects(scopeOf(actor), 'rock', rockIds);
}

export async function addComment(ctx: UseCaseContext, actor: Actor, subject: CommentSubject, input: { id?: string; text: string }): Promise<Comment> {
  const { owner, relationship, readOnly, checkInReviewerId } = await loadSubject(ctx, actor, subject);
  if (readOnly || !PARTICIPANTS.includes(relationship)) throw new DomainError('forbidden', 'Only the people in this conversation can add to it.');
  // `id` is the client's idempotency key for this thread, never the comment's id (issue 16).
  const key = input.id ? `${subject.kind}/${subject.id}/${input.id}` : undefined;
  const comment: Comment = {
    id: key ? (await ctx.repos.decisions.claimId(scopeOf(actor), 'comment', actor.person.id, key, ctx.now())).id : randomUUID(),
    organisationId: actor.organisation.id,
    subject,
    ownerPersonId: owner.id,
    authorPersonId: actor.person.id,
    text: input.text,
    createdAt: ctx.now(),
  };
  const added = await ctx.repos.comments.add(scopeOf(actor), comment);
  // A retry (or a concurrent duplicate) answers with the comment as the first stored it.
  if (!added) return storedComment(ctx, actor, comment.id);
  await audit(ctx, actor, 'thread.commented', { kind: subject.kind, id: subject.id }, { commentId: comment.id, ownerPersonId: owner.id });
  // Each reply reaches the other side of the thread: the reviewee, their reviewer and coach.
  // A check-in's thread also reaches the reviewer it was sent to, after a redelegation too.
  const { access: grants } = actor.organisation.policy;
  const coachSees = subject.kind === 'check-in' ? grants.coachesSeeCheckIns : grants.coachesSeeRocks;
  const recipientIds = [
    ...new Set([owner.id, reviewerOf(owner, actor.organisation.policy), coachSees ? owner.coachId : undefined, checkInReviewerId].filter((id): id is string => Boolean(id))),
  ];
  await notifyFeedbackReply(ctx, { comment, authorName: actor.person.displayName, threadTitle: await threadTitle(ctx, actor, subject, owner), recipientIds });
  return comment;
}

/** The stored comment with this (server-made) id: the one a retry's key already created. */
async function storedComment(ctx: UseCaseContext, actor: Actor, id: string): Promise<Comment> {
  const stored = await ctx.repos.comments.get(scopeOf(actor), id);
  // A duplicate of a fresh server-made id is only ever the same key's own comment, so it is there.
  if (!stored) throw new Error('addComment: a duplicate comment id that is not stored');
  return stored;
}

/** How a thread is named in a notification: "Alex Wilber's Check in 6" or the rock's title. */
async function threadTitle(ctx: UseCaseContext, actor: Actor, subject: CommentSubject, owner: Person): Promise<string> {
  if (subject.kind === 'rock') {
    const rock = await ctx.repos.rocks.get(scopeOf(actor), subject.id);
    return rock ? `${actor.organisation.policy.vocabulary.rock} "${rock.title}"` : actor.organisation.policy.vocabulary.rock;
  }
  const checkIn = await ctx.repos.checkIns.get(scopeOf(actor), subject.id);
  const event = checkIn ? await ctx.repos.scheduleEvents.get(scopeOf(actor), checkIn.eventId) : null;
  return `${owner.displayName}'s ${event ? formatEventTitle(event, actor.organisation.policy.timezone) : actor.organisation.policy.vocabulary.checkIn}`;
}
