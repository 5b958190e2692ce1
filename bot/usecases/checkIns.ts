// The fortnightly check-in: which one is open for a person, and storing their answers.
import { randomUUID } from 'node:crypto';
import { checkInIdFor, type CheckIn, type Organisation, type Person, type Praise, type Rock, type ScheduleEvent } from '../../shared/domain';
import { formatEventTitle, nextEventAfter, openEventAt, reviewerOf, timelinessOf, windowInstants } from '../../shared/policy';
import { notifyCheckInEdited, notifyCheckInSubmitted, notifyPraise } from '../notifications/notify';
import { parseCheckInSubmission, rocksForCheckIn, type CheckInFormValues, type FieldError } from '../cards';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';

/** Kinds a person is prompted for with the check-in card. */
export const CHECK_IN_KINDS = ['check-in', 'optional-check-in'] as const;

export async function loadOrganisation(ctx: UseCaseContext, organisationId: string): Promise<Organisation> {
  const organisation = await ctx.repos.organisations.get(organisationId);
  if (!organisation) throw new DomainError('organisationUnknown');
  return organisation;
}

export async function currentEvents(ctx: UseCaseContext, organisationId: string): Promise<ScheduleEvent[]> {
  const org = { organisationId };
  const cycle = await ctx.repos.cycles.getCurrent(org);
  return cycle ? ctx.repos.scheduleEvents.list(org, cycle.id) : [];
}

export function isWindowOpen(event: ScheduleEvent, timezone: string, at: Date): boolean {
  const { opensAt, closesAt } = windowInstants(event, timezone);
  return at >= opensAt && at <= closesAt;
}

/** Rocks whose progress a check-in asks about: the person's agreed (or amended) ones. */
export async function rocksToReport(ctx: UseCaseContext, person: Person): Promise<Rock[]> {
  const rocks = await ctx.repos.rocks.listForPerson(person, person.id);
  return rocksForCheckIn(rocks);
}

export type OpenCheckIn =
  | { kind: 'open'; organisation: Organisation; event: ScheduleEvent; rocks: Rock[]; existing: CheckIn | null }
  | { kind: 'none'; organisation: Organisation; next?: ScheduleEvent };

/** "check in": the check-in open for this person now, or the next one to open. */
export async function findOpenCheckIn(ctx: UseCaseContext, person: Person): Promise<OpenCheckIn> {
  const organisation = await loadOrganisation(ctx, person.organisationId);
  const events = await currentEvents(ctx, person.organisationId);
  const now = ctx.now();
  const tz = organisation.policy.timezone;
  const event = openEventAt(events, now, tz, CHECK_IN_KINDS);
  if (!event) return { kind: 'none', organisation, next: nextEventAfter(events, now, tz, CHECK_IN_KINDS) };
  const [rocks, existing] = await Promise.all([rocksToReport(ctx, person), ctx.repos.checkIns.findForPersonAndEvent(person, person.id, event.id)]);
  return { kind: 'open', organisation, event, rocks, existing };
}

export type SubmitCheckInResult =
  | { kind: 'invalid'; organisation: Organisation; event: ScheduleEvent | null; rocks: Rock[]; errors: FieldError[]; values: CheckInFormValues }
  | {
      kind: 'stored';
      organisation: Organisation;
      event: ScheduleEvent;
      rocks: Rock[];
      checkIn: CheckIn;
      outcome: 'created' | 'edited' | 'unchanged';
      praised: Person[];
      /** Chosen colleagues the directory does not know (left, or a stale card): said on the card. */
      unknownPraise: string[];
      newlyPraised: Person[];
    };

/**
 * Stores a submitted check-in card. A retried invoke or a double click stores one check-in
 * (the repository merges by person and event). A first submission after the window closed is
 * accepted and counted late; an edit after it closed is refused.
 */
export async function submitCheckIn(ctx: UseCaseContext, person: Person, data: unknown): Promise<SubmitCheckInResult> {
  const organisation = await loadOrganisation(ctx, person.organisationId);
  const rocks = await rocksToReport(ctx, person);
  const parsed = parseCheckInSubmission(data, { rocks });
  const eventId = typeof (data as { eventId?: unknown })?.eventId === 'string' ? (data as { eventId: string }).eventId : undefined;
  const event = eventId ? await ctx.repos.scheduleEvents.get(person, eventId) : null;
  if (!parsed.ok) return { kind: 'invalid', organisation, event, rocks, errors: parsed.errors, values: parsed.values };
  if (!event || event.status === 'cancelled') {
    return {
      kind: 'invalid',
      organisation,
      event,
      rocks,
      errors: [{ field: 'form', message: 'This check-in is no longer on the schedule. Send "check in" to see the one that is open.' }],
      values: valuesOf(parsed.value),
    };
  }
  const tz = organisation.policy.timezone;
  const now = ctx.now();
  // After the window closes a first submission is still taken (late), but an edit is not. While it
  // is open, the store tells a first submission from an edit without a read first.
  const closed = now > windowInstants(event, tz).closesAt;
  const existing = closed ? await ctx.repos.checkIns.findForPersonAndEvent(person, person.id, event.id) : null;
  if (existing) {
    return {
      kind: 'invalid',
      organisation,
      event,
      rocks,
      errors: [{ field: 'form', message: 'This check-in window has closed, so your answers can no longer be changed. Your reviewer has what you sent.' }],
      values: valuesOf(parsed.value),
    };
  }

  const praiseIds = [...new Set(parsed.value.praiseIds)].filter((id) => id !== person.id);
  const found = praiseIds.length > 0 ? await ctx.repos.people.getMany(person, praiseIds) : [];
  const praised = found.filter((p) => p.status !== 'excluded');
  const unknownPraise = praiseIds.filter((id) => !praised.some((p) => p.id === id));

  const checkIn: CheckIn = {
    id: checkInIdFor(person.organisationId, event.id, person.id),
    organisationId: person.organisationId,
    personId: person.id,
    cycleId: event.cycleId,
    eventId: event.id,
    answers: parsed.value.answers,
    praise: praised.map((p) => ({ personId: p.id, displayName: p.displayName })),
    praiseMessage: parsed.value.praiseMessage,
    submittedAt: now,
    timeliness: timelinessOf(event, now, tz),
    reviewerId: reviewerOf(person, organisation.policy),
    createdAt: now,
    updatedAt: now,
  };
  const stored = await ctx.repos.checkIns.submit(person, checkIn);
  const previouslyPraised = new Set((stored.previous?.praise ?? []).map((p) => p.personId));
  const newlyPraised = stored.outcome === 'unchanged' ? [] : praised.filter((p) => !previouslyPraised.has(p.id));
  // Deterministic ids: a retried submit cannot praise anyone twice.
  const praise: Praise[] = newlyPraised.map((p) => ({
    id: `${stored.checkIn.id}:${p.id}`,
    organisationId: person.organisationId,
    fromPersonId: person.id,
    toPersonId: p.id,
    message: stored.checkIn.praiseMessage,
    checkInId: stored.checkIn.id,
    createdAt: now,
  }));
  if (praise.length > 0) await ctx.repos.praise.insert(person, praise);
  const title = formatEventTitle(event, tz);
  if (stored.outcome === 'created') await notifyCheckInSubmitted(ctx, { checkIn: stored.checkIn, revieweeName: person.displayName, eventTitle: title });
  if (stored.outcome === 'edited') await notifyCheckInEdited(ctx, stored.checkIn);
  if (praise.length > 0) await notifyPraise(ctx, { praise, giverName: person.displayName });
  if (stored.outcome !== 'unchanged') {
    await ctx.repos.auditLog.append(person, {
      id: randomUUID(),
      organisationId: person.organisationId,
      at: now,
      actor: { kind: 'person', personId: person.id },
      action: stored.outcome === 'created' ? 'checkIn.submitted' : 'checkIn.edited',
      subject: { kind: 'check-in', id: stored.checkIn.id },
      details: { eventId: event.id, timeliness: stored.checkIn.timeliness },
    });
  }
  return { kind: 'stored', organisation, event, rocks, checkIn: stored.checkIn, outcome: stored.outcome, praised, unknownPraise, newlyPraised };
}

function valuesOf(value: { answers: CheckIn['answers']; praiseIds: string[]; praiseMessage: string }): CheckInFormValues {
  return {
    www: value.answers.www,
    ebi: value.answers.ebi,
    whatsNext: value.answers.whatsNext,
    rockProgress: Object.fromEntries(value.answers.rockProgress.map((p) => [p.rockId, p.progress])),
    score: value.answers.score === undefined ? '' : String(value.answers.score),
    praiseIds: value.praiseIds,
    praiseMessage: value.praiseMessage,
  };
}

/** The person behind a Teams user, by Entra object id (linked at install or from the directory). */
export async function personForTeamsUser(ctx: UseCaseContext, organisationId: string, entraObjectId: string | undefined): Promise<Person | null> {
  if (!entraObjectId) return null;
  return ctx.repos.people.findByEntraObjectId({ organisationId }, entraObjectId);
}
