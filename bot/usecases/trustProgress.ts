// Issue 15: the tab's Trust progress for PG administrators — completion of a check-in window by
// school (the very figures of the admin channel's `status` card: adminStatus.ts computes both), the
// CSV exports of it (by school; per person only where the policy lets PG admins see check-ins),
// and the schedule's edits as the admin channel made them (the audit entries applyScheduleChange writes).
import { DateTime } from 'luxon';
import type { CheckIn, Cycle, Organisation, Person, Policy, ScheduleEvent } from '../../shared/domain';
import { formatEventDate, reviewerOf, windowInstants } from '../../shared/policy';
import { draftOf, type EventDraft } from '../schedule/draft';
import { describeDifferences } from '../schedule/words';
import { audit, invalidFields, permittedRole, scopeOf, type Actor } from './access';
import { eventCompletion, statusWindow, type CountedPerson, type SchoolCompletion } from './adminStatus';
import { CHECK_IN_KINDS } from './checkIns';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { dateInWords, lowerFirst, noteRecordViews, viewerRole } from './recordViews';
import { cycleCalendar } from './currentCycle';
import { noCycleForAdmins } from '../schedule/cycleWords';

type Vocabulary = Policy['vocabulary'];

export interface SchoolFigures {
  school: string;
  asked: number;
  prompted: number;
  submitted: number;
  onTime: number;
  late: number;
  notSubmitted: number;
  acknowledged: number;
  awaitingAcknowledgement: number;
}

export interface TrustProgress {
  cycle?: Pick<Cycle, 'id' | 'label'>;
  event: ScheduleEvent | null;
  state: 'open' | 'closed' | 'none';
  optional: boolean;
  windows: Array<{ id: string; title: string; date: string; state: 'open' | 'closed' }>;
  schools: SchoolFigures[];
  total: SchoolFigures;
  notice?: string;
  perPersonExport: boolean;
  adminChannelUrl?: string;
  /** The people the figures count (for the per-person export; never sent as JSON). */
  people: CountedPerson[];
}

const FORBIDDEN = "Only PG administrators can see the trust's progress and download its exports.";

/** The access table's `completion` read: PG administrators of the organisation. */
export function requireCompletionReader(actor: Actor): void {
  if (!permittedRole(actor, 'completion', 'read')) throw new DomainError('forbidden', FORBIDDEN);
}

/**
 * Whether the policy lets PG administrators read a colleague's check-ins (policy.access): asked of
 * the access table for someone the admin neither reviews nor coaches, so only the 'pg-admin' role counts.
 */
export function mayExportPeople(actor: Actor): boolean {
  const stranger: Person = { ...actor.person, id: `${actor.person.id}:anyone`, reviewerId: undefined, coachId: undefined };
  return permittedRole(actor, 'check-ins', 'read', stranger) === 'pg-admin';
}

function figures(row: SchoolCompletion, notSubmitted: number): SchoolFigures {
  return {
    school: row.school,
    asked: row.staff,
    prompted: row.prompted,
    submitted: row.submitted,
    onTime: row.onTime,
    late: row.submitted - row.onTime,
    notSubmitted,
    acknowledged: row.submitted - row.awaitingAcknowledgement,
    awaitingAcknowledgement: row.awaitingAcknowledgement,
  };
}

/** A Teams link to the PG admin channel the organisation chose ("admin channel here"), if it has. */
export function adminChannelLink(organisation: Organisation): string | undefined {
  const place = organisation.adminChannel;
  if (!place) return undefined;
  return `https://teams.microsoft.com/l/channel/${encodeURIComponent(place.channelId)}/${encodeURIComponent('PG admin')}?tenantId=${encodeURIComponent(organisation.id)}`;
}

/** The window asked for (a check-in of this organisation that has opened), else the one `status` reports. */
async function chosenWindow(ctx: UseCaseContext, actor: Actor, eventId: string | undefined) {
  const window = await statusWindow(ctx, actor.organisation);
  if (!eventId) return window;
  const event = await ctx.repos.scheduleEvents.get(scopeOf(actor), eventId);
  if (!event || !(CHECK_IN_KINDS as readonly string[]).includes(event.kind)) throw new DomainError('notFound', 'There is no such check-in window.');
  const { opensAt, closesAt } = windowInstants(event, actor.organisation.policy.timezone);
  const now = ctx.now();
  if (opensAt > now) throw invalidFields([{ path: 'eventId', message: `${event.title} has not opened yet, so there is nothing to count.` }]);
  return { ...window, event, state: now < closesAt ? ('open' as const) : ('closed' as const) };
}

function openedWindows(events: readonly ScheduleEvent[], organisation: Organisation, now: Date): TrustProgress['windows'] {
  const tz = organisation.policy.timezone;
  return events
    .filter((e) => e.status === 'scheduled' && (CHECK_IN_KINDS as readonly string[]).includes(e.kind) && windowInstants(e, tz).opensAt <= now)
    .sort((a, b) => b.date.localeCompare(a.date))
    .map((e) => ({ id: e.id, title: e.title, date: e.date, state: now < windowInstants(e, tz).closesAt ? 'open' : 'closed' }));
}

export async function trustProgress(ctx: UseCaseContext, actor: Actor, eventId?: string): Promise<TrustProgress> {
  requireCompletionReader(actor);
  const organisation = actor.organisation;
  const { cycle, events, event, state } = await chosenWindow(ctx, actor, eventId);
  const base = {
    cycle: cycle ? { id: cycle.id, label: cycle.label } : undefined,
    windows: openedWindows(events, organisation, ctx.now()),
    perPersonExport: mayExportPeople(actor),
    adminChannelUrl: adminChannelLink(organisation),
  };
  const none = figures({ school: 'All schools', staff: 0, prompted: 0, submitted: 0, onTime: 0, awaitingAcknowledgement: 0 }, 0);
  if (!cycle) {
    const notice = noCycleForAdmins(await cycleCalendar(ctx, organisation), organisation.policy.vocabulary, 'elsewhere');
    return { ...base, event: null, state: 'none', optional: false, schools: [], total: none, notice, people: [] };
  }
  if (!event) return { ...base, event: null, state, optional: false, schools: [], total: none, people: [] };
  const completion = await eventCompletion(ctx, organisation, event);
  const notSubmitted = new Map<string, number>();
  for (const p of completion.people) if (p.eligible && !p.checkIn) notSubmitted.set(p.school, (notSubmitted.get(p.school) ?? 0) + 1);
  const all = [...notSubmitted.values()].reduce((a, b) => a + b, 0);
  return {
    ...base,
    event,
    state,
    optional: event.kind === 'optional-check-in',
    schools: completion.schools.map((s) => figures(s, notSubmitted.get(s.school) ?? 0)),
    total: figures(completion.total, all),
    people: completion.people,
  };
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────

/** One CSV cell: text that a spreadsheet would read as a formula (=, +, -, @, tab, CR) is prefixed with '. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte-order mark, so Excel reads names such as "Zoë" correctly; CRLF line ends. */
function csv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function notSubmittedLabel(progress: TrustProgress): string {
  if (progress.optional) return 'Not submitted (optional)';
  return progress.state === 'open' ? 'Not submitted yet' : 'Missing';
}

export function schoolsCsv(progress: TrustProgress, words: Vocabulary): string {
  const header = ['School', 'Asked', 'Prompted', 'Submitted', 'On time', 'Late', notSubmittedLabel(progress), `Acknowledged by ${words.reviewer}`, 'Awaiting acknowledgement'];
  const line = (s: SchoolFigures) => [s.school, s.asked, s.prompted, s.submitted, s.onTime, s.late, s.notSubmitted, s.acknowledged, s.awaitingAcknowledgement];
  return csv([header, ...progress.schools.map(line), line(progress.total)]);
}

function personStatus(progress: TrustProgress, checkIn: CheckIn | undefined): string {
  if (checkIn) return checkIn.timeliness === 'on-time' ? 'On time' : 'Late';
  if (progress.optional) return 'Not submitted (optional)';
  return progress.state === 'open' ? 'Not submitted yet' : 'Missing';
}

/** Each person counted: name, email, school, reviewer, when they submitted, on time / late / missing, acknowledged. */
export async function peopleCsv(ctx: UseCaseContext, actor: Actor, progress: TrustProgress): Promise<{ text: string; rows: number }> {
  const organisation = actor.organisation;
  const words = organisation.policy.vocabulary;
  const tz = organisation.policy.timezone;
  const rows = progress.people.filter((p) => p.person && permittedRole(actor, 'check-ins', 'read', p.person) !== null);
  const reviewerIds = new Set(rows.map((r) => r.checkIn?.reviewerId ?? reviewerOf(r.person!, organisation.policy)).filter((id): id is string => Boolean(id)));
  const reviewers = new Map((await ctx.repos.people.getMany(scopeOf(actor), [...reviewerIds])).map((p) => [p.id, p.displayName]));
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const header = ['Name', 'Email', 'School', cap(words.reviewer), 'Submitted at', 'Status', `Acknowledged by ${words.reviewer}`];
  const sorted = rows.sort((a, b) => a.school.localeCompare(b.school) || a.person!.displayName.localeCompare(b.person!.displayName));
  const lines = sorted.map(({ person, checkIn, school }) => {
    const reviewerId = checkIn?.reviewerId ?? reviewerOf(person!, organisation.policy);
    const submitted = checkIn ? DateTime.fromJSDate(checkIn.submittedAt, { zone: tz }).toFormat('yyyy-MM-dd HH:mm') : '';
    return [person!.displayName, person!.email ?? '', school, reviewerId ? (reviewers.get(reviewerId) ?? '') : '', submitted, personStatus(progress, checkIn), checkIn ? (checkIn.acknowledgement ? 'Yes' : 'No') : ''];
  });
  // A bulk read of each person's check-in: each sees it among who looked at their record.
  const title = progress.event ? `${lowerFirst(progress.event.title)} (${dateInWords(progress.event.date)})` : words.checkIn;
  void noteRecordViews(ctx, actor, rows.map((r) => ({ person: r.person!, role: viewerRole(actor, r.person!, 'check-ins') })), { kind: 'progress-export', itemId: progress.event?.id, what: `your ${title} status, in a completion download` });
  return { text: csv([header, ...lines]), rows: lines.length };
}

/** A download of staff data is a read of it: who downloaded which export of which window. */
export async function auditExport(ctx: UseCaseContext, actor: Actor, progress: TrustProgress, rows: 'schools' | 'people', count: number): Promise<void> {
  await audit(ctx, actor, 'progress.exported', { kind: 'scheduleEvent', id: progress.event?.id ?? 'none' }, { export: rows, rows: count, format: 'csv' });
}

/** "completion-by-school-check-in-6-2024-01-19.csv" */
export function exportFilename(progress: TrustProgress, rows: 'schools' | 'people'): string {
  const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const what = rows === 'schools' ? 'completion-by-school' : 'completion-by-person';
  return progress.event ? `${what}-${slug(progress.event.title)}-${progress.event.date}.csv` : `${what}.csv`;
}

// ── The schedule's edits ─────────────────────────────────────────────────────────────────────

export interface ScheduleEditView {
  id: string;
  at: Date;
  kind: 'added' | 'moved' | 'changed' | 'cancelled';
  eventId: string;
  summary: string;
  byPersonId?: string;
}

const EDIT_ACTIONS = { 'schedule.eventAdded': 'added', 'schedule.eventMoved': 'moved', 'schedule.eventChanged': 'changed', 'schedule.eventCancelled': 'cancelled' } as const;

function editSummary(kind: ScheduleEditView['kind'], event: ScheduleEvent, details: Record<string, unknown>, tz: string): string {
  const before = details.before as EventDraft | undefined;
  const after = details.after as EventDraft | undefined;
  if (kind === 'added') {
    const added = (details.event as EventDraft | undefined) ?? draftOf(event);
    return `Added ${added.title} on ${formatEventDate(added.date, tz)}`;
  }
  if (kind === 'cancelled') return `Cancelled ${event.title} (${formatEventDate(event.date, tz)})`;
  if (!before || !after) return `Changed ${event.title}`;
  if (kind === 'moved' && before.date !== after.date) return `Moved ${before.title} from ${formatEventDate(before.date, tz)} to ${formatEventDate(after.date, tz)}`;
  return `Changed ${before.title}: ${describeDifferences({ ...before, alsoMarks: before.alsoMarks ?? [] }, { ...after, alsoMarks: after.alsoMarks ?? [] }, tz).join('; ')}`;
}

/** The edits of the cycle's events, newest first: PG administrators only (the access table's schedule read). */
export async function scheduleEdits(ctx: UseCaseContext, actor: Actor, cycleId?: string): Promise<{ cycleId?: string; items: ScheduleEditView[] }> {
  if (!permittedRole(actor, 'schedule', 'read')) throw new DomainError('forbidden', "Only PG administrators can see who changed the schedule.");
  const org = scopeOf(actor);
  const cycle = cycleId ? await ctx.repos.cycles.get(org, cycleId) : (await statusWindow(ctx, actor.organisation)).cycle;
  if (cycleId && !cycle) throw new DomainError('notFound', 'There is no such cycle.');
  if (!cycle) return { items: [] };
  const events = await ctx.repos.scheduleEvents.list(org, cycle.id);
  const tz = actor.organisation.policy.timezone;
  const perEvent = await Promise.all(events.map(async (event) => ({ event, entries: (await ctx.repos.auditLog.list(org, { subjectId: event.id, pageSize: 50 })).items })));
  const items: ScheduleEditView[] = [];
  for (const { event, entries } of perEvent) {
    for (const entry of entries) {
      const kind = EDIT_ACTIONS[entry.action as keyof typeof EDIT_ACTIONS];
      if (!kind || entry.subject.kind !== 'scheduleEvent') continue;
      items.push({ id: entry.id, at: entry.at, kind, eventId: event.id, summary: editSummary(kind, event, entry.details, tz), byPersonId: entry.actor.personId });
    }
  }
  return { cycleId: cycle.id, items: items.sort((a, b) => b.at.getTime() - a.at.getTime()) };
}
