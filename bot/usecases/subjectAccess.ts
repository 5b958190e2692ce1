// Issue 16, subject access and erasure (UK GDPR arts. 15 and 17). A member of staff downloads
// everything held about them; a PG administrator downloads it for a person of their organisation
// (a record view the person then sees) and, on request, erases it: records about the person are
// deleted, records that only name them keep what the other person is owed (the recipient's thanks,
// the asker's 360 answers) with "A former colleague" in their place. A legal hold refuses erasure.
// Every export and erasure is audited without content: who, whose, when, and for an erasure the
// counts and the reason.
import { randomUUID } from 'node:crypto';
import type { Person } from '../../shared/domain';
import { personalCollections, type PersonalCounts } from '../data/personalData';
import { audit, invalidFields, isPgAdmin, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { ERASING_DECISION, erasingSubject, isOnLegalHold, STALE_ERASING_MS } from './legalHold';
import { peopleById } from './people';
import { noteRecordView } from './recordViews';
import { contentOf, fallbackItem, nameFrom, SECTIONS, type Doc, type Item, type Naming } from './subjectAccessSections';

export interface SubjectAccessSection {
  key: string;
  heading: string;
  about: string;
  items: Item[];
}

export interface SubjectAccessExport {
  generatedAt: Date;
  organisation: { name: string; timeZone: string };
  person: { id: string; displayName: string; email: string };
  preparedFor: 'self' | 'pg-admin';
  sections: SubjectAccessSection[];
}

/**
 * The person whose data is asked for: the caller's own, or (PG administrators only) a person of
 * their organisation. Another organisation's person does not exist (404); a colleague who is not a
 * PG administrator asking for someone else is refused (403), as the other person endpoints do.
 */
async function subjectFor(ctx: UseCaseContext, actor: Actor, personId: string, what: string): Promise<Person> {
  if (personId === actor.person.id) return actor.person;
  const person = await ctx.repos.people.get(scopeOf(actor), personId);
  if (!person) throw new DomainError('notFound');
  if (!isPgAdmin(actor.organisation, actor.person)) throw new DomainError('forbidden', `Only PG administrators can ${what} someone else's data.`);
  return person;
}

/** Everything held about the person, by kind, in the person's words. Audited; a record view when it is someone else's. */
export async function subjectAccessExport(ctx: UseCaseContext, actor: Actor, personId: string, format: 'json' | 'html' = 'json'): Promise<SubjectAccessExport> {
  const person = await subjectFor(ctx, actor, personId, 'download');
  const records = await ctx.repos.personalData.collect(scopeOf(actor), person.id);
  const naming = await namingFor(ctx, actor, person, records);
  const sections = sectionsOf(records, naming);
  const preparedFor = person.id === actor.person.id ? 'self' : 'pg-admin';
  await audit(ctx, actor, 'subjectAccess.exported', { kind: 'person', id: person.id }, { format, preparedFor, records: sections.reduce((n, s) => n + s.items.length, 0) });
  if (preparedFor === 'pg-admin') await noteRecordView(ctx, actor, person, { kind: 'data-export', role: 'pg-admin', what: 'a copy of everything held about you' });
  return {
    generatedAt: ctx.now(),
    organisation: { name: actor.organisation.name, timeZone: actor.organisation.policy.timezone },
    person: { id: person.id, displayName: person.displayName, email: person.email },
    preparedFor,
    sections,
  };
}

function sectionsOf(records: Record<string, Doc[]>, n: Naming): SubjectAccessSection[] {
  const placed = new Map<string, SubjectAccessSection>();
  const other: Item[] = [];
  for (const [collection, docs] of Object.entries(records)) {
    const specs = SECTIONS.filter((s) => s.collection === collection);
    const map = personalCollections.find((c) => c.collection === collection);
    for (const doc of docs) {
      const spec = specs.find((s) => s.takes(doc, n.personId));
      if (!spec) {
        const about = (map?.subjectFields ?? []).some((field) => valueAt(doc, field) === n.personId);
        other.push({ record: collection, ...fallbackItem(doc, n, about, map?.dateField) });
        continue;
      }
      const target = placed.get(spec.key) ?? { key: spec.key, heading: spec.heading, about: spec.about, items: [] };
      target.items.push(spec.show ? spec.show(doc, n) : contentOf(doc, n));
      placed.set(spec.key, target);
    }
  }
  const ordered = SECTIONS.map((s) => placed.get(s.key)).filter((s): s is SubjectAccessSection => s !== undefined);
  if (other.length > 0) ordered.push({ key: 'other', heading: 'Other records', about: 'Other records that are about you or name you.', items: other });
  return ordered;
}

function valueAt(doc: Doc, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Doc)[part] : undefined;
  return value;
}

/** The names of everyone the records name, and the labels of their events and cycles, read once. */
async function namingFor(ctx: UseCaseContext, actor: Actor, person: Person, records: Record<string, Doc[]>): Promise<Naming> {
  const ids = new Set<string>();
  const events = new Set<string>();
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (key === 'eventId') events.add(value);
      else if (/(Id|Ids|PersonId|^id)$/.test(key) && value.length <= 200) ids.add(value);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object' && !(value instanceof Date)) for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(records);
  const scope = scopeOf(actor);
  const [names, cycles, eventList] = await Promise.all([
    peopleById(ctx, scope, [...ids].slice(0, 5000)),
    ctx.repos.cycles.list(scope),
    Promise.all([...events].slice(0, 500).map((id) => ctx.repos.scheduleEvents.get(scope, id))),
  ]);
  const eventLabels = new Map(eventList.filter((e) => e !== null).map((e) => [e.id, `${e.title} (${e.date})`]));
  const cycleLabels = new Map(cycles.map((c) => [c.id, c.label]));
  const rockTitles = new Map((records.rocks ?? []).filter((r) => r.personId === person.id).map((r) => [String(r.id), String(r.title)]));
  return {
    personId: person.id,
    name: nameFrom(names, person.id),
    event: (id) => (typeof id === 'string' ? eventLabels.get(id) : undefined),
    cycle: (id) => (typeof id === 'string' ? cycleLabels.get(id) : undefined),
    rock: (id) => (typeof id === 'string' ? rockTitles.get(id) : undefined),
  };
}

// ── Erasure ────────────────────────────────────────────────────────────────────────────────

export interface ErasureCounts {
  deleted: PersonalCounts;
  anonymised: PersonalCounts;
}

function requireEraser(actor: Actor, person: Person): void {
  if (person.id === actor.person.id) throw new DomainError('forbidden', 'You cannot erase your own records: ask another PG administrator.');
}

function heldMessage(person: Person): string {
  return `${person.displayName}'s records are under a legal hold, so they cannot be erased. Nothing was changed. Once the hold is lifted (with its reason), the erasure can be made.`;
}

/** What an erasure would delete and anonymise, by kind; and whether a hold stops it. PG administrators only. */
export async function erasurePreview(ctx: UseCaseContext, actor: Actor, personId: string): Promise<ErasureCounts & { person: Person; heldMessage?: string }> {
  const person = await adminSubject(ctx, actor, personId);
  const counts = await ctx.repos.personalData.erase(scopeOf(actor), person.id, { dryRun: true });
  const held = await isOnLegalHold(ctx, actor.organisation.id, person.id);
  return { person, ...counts, ...(held ? { heldMessage: heldMessage(person) } : {}) };
}

async function adminSubject(ctx: UseCaseContext, actor: Actor, personId: string): Promise<Person> {
  const person = await subjectFor(ctx, actor, personId, 'erase');
  if (!isPgAdmin(actor.organisation, actor.person)) throw new DomainError('forbidden', "Only PG administrators can erase someone's data.");
  requireEraser(actor, person);
  return person;
}

const sameName = (typed: string, name: string) => typed.trim().replace(/\s+/g, ' ').toLowerCase() === name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Erases the person: refused while a legal hold applies (409, nothing changed), or unless the
 * administrator typed the person's name. Audited with the counts, who, when and the reason, never
 * the person's name (the reason is kept with the name and email taken out).
 */
export async function erasePerson(ctx: UseCaseContext, actor: Actor, personId: string, request: { reason: string; confirm: string }): Promise<ErasureCounts> {
  const person = await adminSubject(ctx, actor, personId);
  if (person.statusReason === 'erased') throw new DomainError('conflict', erasedMessage, { erased: true });
  if (!sameName(request.confirm, person.displayName)) {
    throw invalidFields([{ path: 'confirm', message: `Type the person's name exactly as shown (${person.displayName}) to confirm: erasure cannot be undone.` }], 'Erasure needs the name typed to confirm it.');
  }
  const counts = await underErasingDecision(ctx, actor, person, async () => {
    if (await isOnLegalHold(ctx, actor.organisation.id, person.id)) throw new DomainError('conflict', heldMessage(person), { legalHold: true });
    return ctx.repos.personalData.erase(scopeOf(actor), person.id, { dryRun: false });
  });
  // The entry is about the erasure, not the person: a second erasure running at the same time deletes
  // every entry about the person, and would take this one with it.
  await audit(ctx, actor, 'subjectAccess.erased', { kind: 'erasure', id: `erasure-${randomUUID()}` }, { personId: person.id, reason: withoutIdentity(request.reason, person), deleted: counts.deleted, anonymised: counts.anonymised });
  return counts;
}

const erasedMessage = "This person's records were erased already. Nothing was changed.";

/**
 * Runs the erasure under the person's "erasing" decision (legalHold.ts says why): taken before the
 * hold is looked for, kept once the erasure is done (a hold put afterwards is refused), given back
 * when the erasure is refused or fails, so a hold or a later erasure can then be made.
 */
async function underErasingDecision<T>(ctx: UseCaseContext, actor: Actor, person: Person, erase: () => Promise<T>): Promise<T> {
  const requestId = randomUUID();
  const subject = erasingSubject(actor.organisation.id, person.id);
  const take = () => ctx.repos.decisions.take(scopeOf(actor), ERASING_DECISION, subject, requestId, ctx.now());
  if (!(await take()) && !(await tookOverStale(ctx, actor, subject, take))) {
    throw new DomainError('conflict', `${person.displayName}'s records are being erased by another request. Nothing more was changed; look again in a few minutes.`, { erasing: true });
  }
  try {
    return await erase();
  } catch (error) {
    await ctx.repos.personalData.releaseDecision(scopeOf(actor), ERASING_DECISION, subject, requestId);
    throw error;
  }
}

/**
 * Takes over the marker of an erasure that died part-way (a crash), so the person can still be
 * erased: the stale marker is given back and taken again, one winner among any callers doing so.
 * Still safe against a hold: the new taker looks for holds only after its own marker is in.
 */
async function tookOverStale(ctx: UseCaseContext, actor: Actor, subject: string, take: () => Promise<boolean>): Promise<boolean> {
  const marker = await ctx.repos.decisions.find(scopeOf(actor), ERASING_DECISION, subject);
  if (!marker || ctx.now().getTime() - marker.at.getTime() < STALE_ERASING_MS) return false;
  await ctx.repos.personalData.releaseDecision(scopeOf(actor), ERASING_DECISION, subject, marker.winner);
  return take();
}

/** The reason as typed, with the person's name and email taken out: the audit entry outlives them. */
function withoutIdentity(reason: string, person: Person): string {
  let text = reason;
  for (const part of [person.email, person.displayName, ...person.displayName.split(/\s+/).filter((w) => w.length > 2)]) {
    if (part) text = text.split(new RegExp(part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi')).join('[the person]');
  }
  return text;
}
