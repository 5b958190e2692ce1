// Issue 16, "who viewed my record": when someone other than the person opens their check-ins,
// rocks, reviews or plans, the read is noted (once per viewer, record and day), and the person
// sees who looked, in what part and when. Staff worry about surveillance; this is the answer.
// Noting never fails or blocks the read it accompanies: one insert, its failure only logged.
//
// Where reads are noted: the check-in timeline and one check-in, the rocks list, a year review (the
// tab's view and the impact review's cards), a support plan, the growth plan and log, the career
// conversation (tab and cards), and the people CSV of a check-in window (one entry per person in
// it, so each sees the download among their own). Not noted: the talent grid and pool — seed 000
// §11.4 keeps a person's placement from them, and an entry would tell them they are in it; a
// thread on a check-in or rock, read with the record it belongs to; counts and anonymised reports.
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Person, RecordView, RecordViewKind, RecordViewRole } from '../../shared/domain';
import type { RecordViewCursor } from '../data/recordViewRepository';
import { permittedRole, scopeOf, type AccessSubject, type Actor } from './access';
import type { UseCaseContext } from './context';
import { peopleById } from './people';
import { FORMER_COLLEAGUE } from '../../shared/domain';

export interface RecordViewNote {
  kind: RecordViewKind;
  /** The part the viewer plays; null (the person themself) notes nothing. */
  role: RecordViewRole | null;
  itemId?: string;
  what: string;
}

/** The part under which the access table lets the actor read `subject`'s records of this kind; null for the person themself. */
export function viewerRole(actor: Actor, subject: Person, access: AccessSubject): RecordViewRole | null {
  if (subject.id === actor.person.id) return null;
  const role = permittedRole(actor, access, 'read', subject);
  return role === null || role === 'self' ? null : role;
}

/** Notes that the actor opened `subject`'s record; never the person's own reads. Resolves whatever happens. */
export async function noteRecordView(ctx: UseCaseContext, actor: Actor, subject: Person, note: RecordViewNote): Promise<void> {
  if (!note.role || subject.id === actor.person.id || subject.organisationId !== actor.organisation.id) return;
  const view = recordViewOf(ctx, actor, subject.id, { ...note, role: note.role });
  try {
    await ctx.repos.recordViews.record(scopeOf(actor), view);
  } catch (error) {
    ctx.logger.error({ err: error, kind: note.kind }, 'could not note a record view');
  }
}

/**
 * A bulk read (the people CSV of a check-in window): one entry per person exported, so each
 * sees it among their own views. Not awaited by the export: written a few at a time (FerretDB's
 * pool), failures logged.
 */
export function noteRecordViews(ctx: UseCaseContext, actor: Actor, subjects: ReadonlyArray<{ person: Person; role: RecordViewRole | null }>, note: Omit<RecordViewNote, 'role'>): Promise<void> {
  const views = subjects.filter((s) => s.role && s.person.id !== actor.person.id).map((s) => recordViewOf(ctx, actor, s.person.id, { ...note, role: s.role! }));
  const write = async () => {
    for (let i = 0; i < views.length; i += 10) {
      await Promise.all(views.slice(i, i + 10).map((view) => ctx.repos.recordViews.record(scopeOf(actor), view)));
    }
  };
  return write().catch((error: unknown) => ctx.logger.error({ err: error, kind: note.kind, count: views.length }, 'could not note the record views of an export'));
}

function recordViewOf(ctx: UseCaseContext, actor: Actor, subjectPersonId: string, note: RecordViewNote & { role: RecordViewRole }): RecordView {
  const viewedAt = ctx.now();
  const day = DateTime.fromJSDate(viewedAt, { zone: actor.organisation.policy.timezone }).toISODate()!;
  const organisationId = actor.organisation.id;
  const key = [organisationId, subjectPersonId, actor.person.id, note.kind, note.itemId ?? '', day].join('\u001f');
  return {
    id: `rv-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`,
    organisationId,
    subjectPersonId,
    viewerPersonId: actor.person.id,
    role: note.role,
    kind: note.kind,
    ...(note.itemId ? { itemId: note.itemId } : {}),
    what: note.what.slice(0, 300),
    day,
    viewedAt,
  };
}

export interface MyRecordView {
  viewer: { id: string; displayName: string };
  role: string;
  what: string;
  day: string;
  viewedAt: Date;
}

/** The caller's own record views, newest first, none older than the policy keeps records (retention.years). */
export async function listMyRecordViews(ctx: UseCaseContext, actor: Actor, query: { pageSize: number; before?: RecordViewCursor }): Promise<{ items: MyRecordView[]; next?: RecordViewCursor }> {
  const since = DateTime.fromJSDate(ctx.now()).minus({ years: actor.organisation.policy.retention.years }).toJSDate();
  const rows = await ctx.repos.recordViews.listForSubject(scopeOf(actor), actor.person.id, { since, before: query.before, limit: query.pageSize + 1 });
  const page = rows.slice(0, query.pageSize);
  const names = await peopleById(ctx, scopeOf(actor), page.map((v) => v.viewerPersonId));
  const items = page.map((v) => ({
    viewer: { id: v.viewerPersonId, displayName: names.get(v.viewerPersonId)?.displayName ?? FORMER_COLLEAGUE },
    role: roleInWords(actor, v.role),
    what: v.what,
    day: v.day,
    viewedAt: v.viewedAt,
  }));
  const last = page[page.length - 1];
  return { items, ...(rows.length > query.pageSize && last ? { next: { viewedAt: last.viewedAt, id: last.id } } : {}) };
}

function roleInWords(actor: Actor, role: RecordViewRole): string {
  const reviewer = actor.organisation.policy.vocabulary.reviewer;
  switch (role) {
    case 'reviewer':
      return `your ${reviewer}`;
    case 'former-reviewer':
      return `your previous ${reviewer}`;
    case 'coach':
      return 'your coach';
    case 'decider':
      return "who confirms your review's outcome";
    case 'pg-admin':
      return 'a PG administrator';
    case 'smt':
      return 'a senior leader';
    case 'recruitment':
      return 'the recruitment team';
  }
}

/** The part the actor plays in a review (yearReviewAccess.ts partsIn), as a record view's role; null for the reviewee. */
export function reviewViewerRole(as: { reviewee: boolean; reviewer: boolean; decider: boolean; pgAdmin: boolean }): RecordViewRole | null {
  if (as.reviewee) return null;
  if (as.reviewer) return 'reviewer';
  if (as.decider) return 'decider';
  return as.pgAdmin ? 'pg-admin' : null;
}

/** "Impact review" → "impact review", leaving "PG…" or "SEND…" alone. */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "2026-02-13" → "13 February 2026": a record view is read months later, so the year is given. */
export function dateInWords(isoDate: string): string {
  const d = DateTime.fromISO(isoDate);
  return d.isValid ? d.toFormat('d LLLL yyyy') : isoDate;
}
