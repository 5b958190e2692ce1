// "directory import": the staff list from a CSV file (the HR export, parseDirectoryFile) or from
// the team's roster. Previewed as added / changed / left and applied only as previewed.
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { Person } from '../../shared/domain';
import { isEligible, reviewerOf } from '../../shared/policy';
import type { DirectoryPreview } from '../cards/admin';
import { digestOf } from '../schedule/tableImport';
import { type Actor, audit, hasLeft } from './access';
import type { UseCaseContext } from './context';
import { equalityColumnsIn, importDirectory, mergeDirectoryRow, type DirectoryRow } from './directory';
import { requestHandovers } from './redelegation';
import { everyoneIn } from './people';


/** A member of the team's roster, as Teams lists it. */
export interface RosterMember {
  id: string;
  name?: string;
  givenName?: string;
  surname?: string;
  email?: string;
  userPrincipalName?: string;
  aadObjectId?: string;
}

export interface DirectoryPlan {
  preview: DirectoryPreview;
  digest: string;
  apply(): Promise<{ added: number; changed: number; left: number }>;
}

function label(name: string, email: string): string {
  return `${name} <${email}>`;
}

const LEFT_REASON = 'left: not in the staff directory imported on';

/** The staff directory file against the people stored: who is new, who changed, who left. */
export async function planDirectoryFile(ctx: UseCaseContext, actor: Actor, rows: DirectoryRow[]): Promise<DirectoryPlan> {
  const organisationId = actor.organisation.id;
  const people = await everyoneIn(ctx, organisationId);
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const inFile = new Set(rows.map((r) => r.email));
  const idByEmail = new Map(people.map((p) => [p.email, p.id]));
  // Someone new named as a reviewer gets their id on import; the preview names them by email.
  for (const row of rows) if (!idByEmail.has(row.email)) idByEmail.set(row.email, `new:${row.email}`);
  const emailOf = new Map([...idByEmail].map(([email, id]) => [id, email]));
  const now = ctx.now();
  const moves: Array<{ person: Person; after: Person }> = [];
  const added: string[] = [];
  const changed: string[] = [];
  const changes: unknown[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const person = byEmail.get(row.email);
    if (!person) {
      added.push(`${label(row.name, row.email)}${row.school ? `, ${row.school}` : ''}`);
      changes.push(['add', row]);
      continue;
    }
    const after = mergeDirectoryRow(person, row, { organisationId, id: person.id, idByEmail, now });
    const diffs: string[] = [];
    const compare = (what: string, before: unknown, later: unknown) => {
      if (JSON.stringify(before ?? '') !== JSON.stringify(later ?? '')) diffs.push(`${what} ${String(before || '—')} → ${String(later || '—')}`);
    };
    compare('name', person.displayName, after.displayName);
    compare('school', person.school, after.school);
    compare('role', person.roleCategory, after.roleCategory);
    compare('reviewer', person.reviewerId ? emailOf.get(person.reviewerId) : undefined, after.reviewerId ? emailOf.get(after.reviewerId) : undefined);
    compare('coach', person.coachId ? emailOf.get(person.coachId) : undefined, after.coachId ? emailOf.get(after.coachId) : undefined);
    compare('status', person.status, after.status);
    compare('admin roles', person.roles.join(', '), after.roles.join(', '));
    compare('contract months', person.contractMonths, after.contractMonths);
    compare('start date', person.startedOn, after.startedOn);
    compare('contract end', person.contractEndsOn, after.contractEndsOn);
    compare('working pattern', person.workingPattern, after.workingPattern);
    // A move of post: another school, or another role for someone the policy asked (an ECT who
    // completes induction is not moving post).
    const newRole = after.roleCategory !== person.roleCategory && isEligible(person, actor.organisation.policy, now).eligible;
    if ((person.school && after.school !== person.school) || newRole) moves.push({ person, after });
    if (row.entraObjectId && row.entraObjectId !== person.entraObjectId) diffs.push('Entra object id');
    if (diffs.length === 0) unchanged += 1;
    else {
      changed.push(`${label(row.name, row.email)}: ${diffs.join('; ')}`);
      changes.push(['change', row]);
    }
  }
  // Whoever has left already (this import's words or an HR file's "left: …") keeps the day they left.
  const leavers = people.filter((p) => !inFile.has(p.email) && !hasLeft(p));
  // Issue 13: the characteristic columns are never shown per person, only that they came in.
  const equality = equalityColumnsIn(rows);
  const notes = equality.length > 0 ? [`Equality data: ${equality.length} ${equality.length === 1 ? 'column' : 'columns'} imported (${equality.map((k) => actor.organisation.policy.reports.characteristics.find((c) => c.key === k)?.label ?? k).join(', ')}), only ever counted in groups.`] : [];
  const preview: DirectoryPreview = { source: 'file', added, changed, left: leavers.map((p) => label(p.displayName, p.email)), skipped: [], unchanged, ...(notes.length > 0 ? { notes } : {}) };
  const digest = digestOf({ changes, left: leavers.map((p) => [p.id, p.updatedAt]) });
  return {
    preview,
    digest,
    async apply() {
      await importDirectory(ctx, organisationId, rows);
      // seed 002 §7.4: whoever moves post mid-year has a final check-in with their original reviewer.
      if (moves.length > 0) await requestHandovers(ctx, actor, moves.map((m) => ({ personId: m.person.id, reviewerId: reviewerOf(m.person, actor.organisation.policy), fromSchool: m.person.school, toSchool: m.after.school })));
      const appliedAt = ctx.now();
      // The organisation's day: retention counts six years from it (retention.ts), in that zone.
      const today = DateTime.fromJSDate(appliedAt, { zone: actor.organisation.policy.timezone }).toISODate()!;
      // Leavers stay in the record (retention: seed 000 §3) but are no longer prompted.
      if (leavers.length > 0) {
        await ctx.repos.people.upsertMany({ organisationId }, leavers.map((p) => ({ ...p, status: 'excluded' as const, statusReason: `${LEFT_REASON} ${today}`, leftOn: p.leftOn ?? today, updatedAt: appliedAt })));
      }
      const result = { added: added.length, changed: changed.length, left: leavers.length };
      await audit(ctx, actor, 'directory.imported', { kind: 'organisation', id: organisationId }, { source: 'file', ...result, ...(equality.length > 0 ? { equalityColumns: equality.length } : {}) });
      return result;
    },
  };
}

/** The team's roster against the directory: adds and renames people, links object ids; no reviewer info. */
export async function planRosterImport(ctx: UseCaseContext, actor: Actor, members: readonly RosterMember[]): Promise<DirectoryPlan> {
  const organisationId = actor.organisation.id;
  const people = await everyoneIn(ctx, organisationId);
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const byOid = new Map(people.filter((p) => p.entraObjectId).map((p) => [p.entraObjectId!, p]));
  const now = ctx.now();
  const upserts: Person[] = [];
  const preview: DirectoryPreview = { source: 'roster', added: [], changed: [], left: [], skipped: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const member of members) {
    const email = (member.email ?? member.userPrincipalName ?? '').trim().toLowerCase();
    const name = (member.name || [member.givenName, member.surname].filter(Boolean).join(' ')).trim() || email;
    if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
      preview.skipped.push(`${name || member.id}: Teams gave no email address`);
      continue;
    }
    const person = byEmail.get(email) ?? (member.aadObjectId ? byOid.get(member.aadObjectId) : undefined);
    if (person) seen.add(person.id);
    if (!person) {
      preview.added.push(label(name, email));
      upserts.push({ id: randomUUID(), organisationId, entraObjectId: member.aadObjectId, displayName: name.slice(0, 200), email, school: '', roleCategory: 'staff', roles: [], status: 'active', reachable: true, createdAt: now, updatedAt: now });
      continue;
    }
    const diffs: string[] = [];
    if (person.displayName !== name) diffs.push(`name ${person.displayName} → ${name}`);
    if (member.aadObjectId && person.entraObjectId !== member.aadObjectId) diffs.push('Entra object id');
    if (diffs.length === 0) {
      preview.unchanged += 1;
      continue;
    }
    preview.changed.push(`${label(name, person.email)}: ${diffs.join('; ')}`);
    // Everything else the directory holds (school, reviewer, roles, status) is kept as it is.
    upserts.push({ ...person, displayName: name.slice(0, 200), entraObjectId: member.aadObjectId ?? person.entraObjectId, updatedAt: now });
  }
  preview.left = people.filter((p) => !seen.has(p.id) && p.status === 'active').map((p) => label(p.displayName, p.email));
  const digest = digestOf({ upserts: upserts.map((p) => [p.email, p.displayName, p.entraObjectId ?? '']) });
  return {
    preview,
    digest,
    async apply() {
      if (upserts.length > 0) await ctx.repos.people.upsertMany({ organisationId }, upserts);
      const result = { added: preview.added.length, changed: preview.changed.length, left: 0 };
      await audit(ctx, actor, 'directory.imported', { kind: 'organisation', id: organisationId }, { source: 'roster', ...result });
      return result;
    },
  };
}
