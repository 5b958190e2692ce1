// The fortnightly check-in: which one is open for a person, and storing their answers.
import { DateTime } from 'luxon';
import { submitCheckInRequestSchema, type SubmitCheckInRequest } from '../../shared/api/checkIns';
import { checkInIdFor, type AuditEntry, type CheckIn, type Organisation, type PendingThanks, type Person, type Praise, type Rock, type ScheduleEvent } from '../../shared/domain';
import { currentRockWindow, formatEventTitle, isEligible, localDateTime, nextEventAfter, openEventAt, reviewerOf, timelinessOf, windowInstants } from '../../shared/policy';
import { notifyCheckInEdited, notifyCheckInSubmitted, notifyPraise } from '../notifications/notify';
import { promptGrowthLog } from './growth';
import { rocksForCheckIn } from '../cards';
import { rockFieldId } from '../cards/checkInForm';
import { AT_LEAST_ONE_ANSWER } from '../cards/parseCheckInSubmission';
import type { UseCaseContext } from './context';
import { crashPoint } from './crashPoints';
import { DomainError } from './errors';
import { currentCycle, cycleCalendar } from './currentCycle';
import { noCycleReply } from './noCycle';
import { groupModeNotice } from './groupSessions';
import { keepPendingThanks } from './pendingThanks';

/** Kinds a person is prompted for with the check-in card. */
export const CHECK_IN_KINDS = ['check-in', 'optional-check-in'] as const;

export async function loadOrganisation(ctx: UseCaseContext, organisationId: string): Promise<Organisation> {
  const organisation = await ctx.repos.organisations.get(organisationId);
  if (!organisation) throw new DomainError('organisationUnknown');
  return organisation;
}

export function isWindowOpen(event: ScheduleEvent, timezone: string, at: Date): boolean {
  const { opensAt, closesAt } = windowInstants(event, timezone);
  return at >= opensAt && at <= closesAt;
}

/**
 * Rocks whose progress a check-in asks about: the person's agreed ones in the rock window the
 * check-in falls in (its date; today without one), of the check-in's cycle (seed 000 Appendix 4:
 * "Fortnightly check-ins with update on progress of Rock 2"). Not every rock they ever had.
 */
export async function rocksToReport(
  ctx: UseCaseContext,
  organisation: Organisation,
  person: Pick<Person, 'id' | 'organisationId'>,
  event: Pick<ScheduleEvent, 'date' | 'cycleId'> | null,
): Promise<Rock[]> {
  const org = { organisationId: person.organisationId };
  const policy = organisation.policy;
  const cycle = event ? await ctx.repos.cycles.get(org, event.cycleId) : await currentCycle(ctx, organisation);
  if (!cycle) return [];
  const at = event ? localDateTime(`${event.date}T12:00`, policy.timezone).toJSDate() : ctx.now();
  const window = currentRockWindow(policy, at, cycle);
  if (!window) return [];
  return rocksForCheckIn(await ctx.repos.rocks.listForPerson(org, person.id, { cycleId: cycle.id, rockWindowId: window.id }));
}

export type OpenCheckIn =
  | { kind: 'open'; organisation: Organisation; event: ScheduleEvent; rocks: Rock[]; existing: CheckIn | null }
  | { kind: 'none'; organisation: Organisation; next?: ScheduleEvent }
  /** No cycle covers today: the words say when the next starts, or that it is not scheduled yet. */
  | { kind: 'no-cycle'; organisation: Organisation; message: string }
  /** The policy does not ask this person (excluded, paused, ECT, contract…): why. */
  | { kind: 'not-asked'; organisation: Organisation; message: string }
  /** seed 004: check-ins are group coaching sessions in the group's conversation, not a card of one's own. */
  | { kind: 'group'; organisation: Organisation; message: string };

/**
 * Why this person is not asked to check in (excluded, paused, ECT, short or ending contract, not
 * started: shared/policy/eligibility.ts), in words for them; undefined when they are asked.
 */
export function notAskedMessage(organisation: Organisation, person: Person, at: Date): string | undefined {
  const eligibility = isEligible(person, organisation.policy, at);
  if (eligibility.eligible) return undefined;
  const checkIns = organisation.policy.vocabulary.checkIn.toLowerCase();
  return `You're not asked to do ${checkIns}s at the moment: ${eligibility.reason ?? 'the policy leaves you out'}. Nothing you send is needed, and nothing is counted as missed. If that isn't right, ask your PG administrator.`;
}

/**
 * "check in": the check-in open for this person now, the next one to open, or why they are not
 * asked. The order matters: someone the policy leaves out is told so first (also between cycles
 * and in a group-mode organisation), then that no cycle is running, and only then, in a group-mode
 * organisation, where its group sessions happen.
 */
export async function findOpenCheckIn(ctx: UseCaseContext, person: Person): Promise<OpenCheckIn> {
  const organisation = await loadOrganisation(ctx, person.organisationId);
  const notAsked = notAskedMessage(organisation, person, ctx.now());
  if (notAsked) return { kind: 'not-asked', organisation, message: notAsked };
  const around = await cycleCalendar(ctx, organisation);
  if (!around.current) return { kind: 'no-cycle', organisation, message: await noCycleReply(ctx, organisation, person, around) };
  const groupNotice = await groupModeNotice(ctx, organisation, person);
  if (groupNotice) return { kind: 'group', organisation, message: groupNotice };
  const events = await ctx.repos.scheduleEvents.list(person, around.current.id);
  const now = ctx.now();
  const tz = organisation.policy.timezone;
  const event = openEventAt(events, now, tz, CHECK_IN_KINDS);
  if (!event) return { kind: 'none', organisation, next: nextEventAfter(events, now, tz, CHECK_IN_KINDS) };
  const [rocks, existing] = await Promise.all([rocksToReport(ctx, organisation, person, event), ctx.repos.checkIns.findForPersonAndEvent(person, person.id, event.id)]);
  return { kind: 'open', organisation, event, rocks, existing };
}

/** What a check-in form is shown with: the organisation, the event (if it is still on the schedule) and the rocks. */
export async function checkInFormContext(ctx: UseCaseContext, person: Person, eventId: string | undefined): Promise<{ organisation: Organisation; event: ScheduleEvent | null; rocks: Rock[] }> {
  const [organisation, event] = await Promise.all([loadOrganisation(ctx, person.organisationId), eventId ? ctx.repos.scheduleEvents.get(person, eventId) : Promise.resolve(null)]);
  const rocks = await rocksToReport(ctx, organisation, person, event);
  return { organisation, event, rocks };
}

/** A submission the use case refused, said per field (`form` for the submission as a whole). */
export interface CheckInProblem {
  field: string;
  message: string;
}

export type SubmitCheckInResult =
  | { kind: 'invalid'; organisation: Organisation; event: ScheduleEvent | null; rocks: Rock[]; errors: CheckInProblem[]; notAsked?: boolean }
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
      /** Thanks written with nobody chosen: kept to ask whom it is for (pendingThanks.ts); `created` on its first submit. */
      pendingThanks?: { thanks: PendingThanks; created: boolean };
    };

/**
 * Stores a person's check-in (from the bot's card or the tab; the caller has parsed its own
 * fields). A retried invoke or a double click stores one check-in (the repository merges by person
 * and event). A first submission after the window closed is accepted and counted late; an edit
 * after it closed is refused. Whatever must follow a stored check-in (reviewer told, audit entry,
 * praise) is completed here too, also when a crash left it undone: see completeCheckInSideEffects.
 */
export async function submitCheckIn(ctx: UseCaseContext, person: Person, request: SubmitCheckInRequest): Promise<SubmitCheckInResult> {
  const parsed = submitCheckInRequestSchema.safeParse(request);
  const eventId = parsed.success ? parsed.data.eventId : typeof request?.eventId === 'string' ? request.eventId : undefined;
  const { organisation, event, rocks } = await checkInFormContext(ctx, person, eventId);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ field: problemField(issue.path), message: issue.message }));
    return { kind: 'invalid', organisation, event, rocks, errors };
  }
  const input = parsed.data;
  const refused = (message: string): SubmitCheckInResult => ({ kind: 'invalid', organisation, event, rocks, errors: [{ field: 'form', message }] });
  // Eligibility is enforced here, for the card and the API alike: nothing is stored (issue 14).
  const notAsked = notAskedMessage(organisation, person, ctx.now());
  if (notAsked) return { ...refused(notAsked), notAsked: true } as SubmitCheckInResult;
  // seed 004: group-mode check-ins are posted to the coaching group's session, not submitted alone (whatever the event).
  if (organisation.policy.checkIns.mode === 'group') return refused("Check-ins here are group coaching sessions: post on the session card in your group's channel or chat.");
  if (!event || event.status === 'cancelled') return refused('This check-in is no longer on the schedule. Send "check in" to see the one that is open.');
  const tz = organisation.policy.timezone;
  const now = ctx.now();
  const notThisOne = await notOpenForAnswers(ctx, person, event, tz, now);
  if (notThisOne) return refused(notThisOne);

  // seed 001: "You do not need to do everything each fortnight" — but something has to be there (as on the card).
  // Said on `answers` (not the form), so the tab clears it as soon as one is written.
  if (!hasAnAnswer(input.answers)) return { kind: 'invalid', organisation, event, rocks, errors: [{ field: 'answers', message: AT_LEAST_ONE_ANSWER }] };

  const offList = await progressOffList(ctx, person, event, rocks, input.answers.rockProgress, organisation.policy.vocabulary.rocks);
  if (offList.length > 0) return { kind: 'invalid', organisation, event, rocks, errors: offList };

  const praiseIds = [...new Set(input.praiseIds)].filter((id) => id !== person.id);
  const found = praiseIds.length > 0 ? await ctx.repos.people.getMany(person, praiseIds) : [];
  const praised = found.filter((p) => p.status !== 'excluded');
  const unknownPraise = praiseIds.filter((id) => !praised.some((p) => p.id === id));
  const previous = await ctx.repos.checkIns.findForPersonAndEvent(person, person.id, event.id);
  const titles = new Map([...(previous?.answers.rockProgress ?? []).map((p): [string, string] => [p.rockId, p.rockTitle]), ...rocks.map((rock): [string, string] => [rock.id, rock.title])]);

  const checkIn: CheckIn = {
    id: checkInIdFor(person.organisationId, event.id, person.id),
    organisationId: person.organisationId,
    personId: person.id,
    cycleId: event.cycleId,
    eventId: event.id,
    answers: { ...input.answers, rockProgress: input.answers.rockProgress.map((p) => ({ rockId: p.rockId, rockTitle: titles.get(p.rockId) ?? '', progress: p.progress })) },
    praise: praised.map((p) => ({ personId: p.id, displayName: p.displayName })),
    praiseMessage: input.praiseMessage,
    submittedAt: now,
    timeliness: timelinessOf(event, now, tz),
    reviewerId: reviewerOf(person, organisation.policy),
    createdAt: now,
    updatedAt: now,
  };
  const stored = await ctx.repos.checkIns.submit(person, checkIn);
  crashPoint('checkIn.stored');
  // An unchanged retry is usually a double click, but may follow a crash that left side effects undone.
  if (stored.outcome !== 'unchanged' || stored.sideEffectsPending) await completeCheckInSideEffects(ctx, stored.checkIn, { person, event, organisation });
  const previouslyPraised = new Set((stored.previous?.praise ?? []).map((p) => p.personId));
  const newlyPraised = stored.outcome === 'unchanged' ? [] : praised.filter((p) => !previouslyPraised.has(p.id));
  // Thanks with no colleague never blocks the check-in: it waits to be asked about (issue 15).
  const pendingThanks = await keepPendingThanks(ctx, stored.checkIn);
  return { kind: 'stored', organisation, event, rocks, checkIn: stored.checkIn, outcome: stored.outcome, praised, unknownPraise, newlyPraised, ...(pendingThanks ? { pendingThanks } : {}) };
}

/**
 * Everything that must follow storing this revision of a check-in, each step safe to repeat: the
 * praise (ids from the check-in and colleague), the reviewer's notification (outbox jobs keyed by
 * the check-in, and one 'reviewer-notified' decision per check-in), the audit entry (its id from
 * the check-in and what happened) and, for an edit, the cards' update. Run after every submit that
 * changed something, after a retry that finds them pending, and at start-up for any a crash left.
 */
export async function completeCheckInSideEffects(
  ctx: UseCaseContext,
  checkIn: CheckIn,
  known: { person?: Person; event?: ScheduleEvent; organisation?: Organisation } = {},
): Promise<void> {
  const organisation = known.organisation ?? (await loadOrganisation(ctx, checkIn.organisationId));
  const person = known.person ?? (await ctx.repos.people.get(checkIn, checkIn.personId));
  const event = known.event ?? (await ctx.repos.scheduleEvents.get(checkIn, checkIn.eventId));
  const personName = person?.displayName ?? 'A colleague';

  const praise: Praise[] = checkIn.praise.map((p) => ({
    id: `${checkIn.id}:${p.personId}`,
    organisationId: checkIn.organisationId,
    fromPersonId: checkIn.personId,
    toPersonId: p.personId,
    message: checkIn.praiseMessage,
    checkInId: checkIn.id,
    createdAt: checkIn.editedAt ?? checkIn.submittedAt,
  }));
  if (praise.length > 0) {
    await ctx.repos.praise.insert(checkIn, praise);
    await notifyPraise(ctx, { praise, giverName: personName });
  }
  crashPoint('checkIn.praised');

  // A first submission's completion queues the notification without asking first: its jobs'
  // idempotency keys (from the check-in id) make a repeat insert nothing. An edit asks, since the
  // jobs may be gone by then (outbox retention) while the decision stays.
  if (checkIn.reviewerId && (!checkIn.editedAt || !(await ctx.repos.decisions.find(checkIn, 'reviewer-notified', checkIn.id)))) {
    const eventTitle = event ? formatEventTitle(event, organisation.policy.timezone) : 'a check-in';
    await notifyCheckInSubmitted(ctx, { checkIn, revieweeName: personName, eventTitle });
    crashPoint('checkIn.reviewerQueued');
    await ctx.repos.decisions.take(checkIn, 'reviewer-notified', checkIn.id, checkIn.reviewerId, ctx.now());
  }
  await ctx.repos.auditLog.append(checkIn, auditEntry(checkIn, 'checkIn.submitted', checkIn.submittedAt));
  crashPoint('checkIn.audited');
  // seed 002 §11.3: where the policy asks for a growth-log entry on submission (idempotent by check-in).
  await promptGrowthLog(ctx, organisation, checkIn, 'submitted');

  if (checkIn.editedAt) {
    await notifyCheckInEdited(ctx, checkIn);
    await ctx.repos.auditLog.append(checkIn, auditEntry(checkIn, 'checkIn.edited', checkIn.editedAt));
  }
  await ctx.repos.checkIns.markSideEffectsDone(checkIn, checkIn);
}

/**
 * Why answers can't be sent to this event now, or undefined when they can. Only a check-in takes
 * them (not the aspiration survey, a review…), and only from when its window opens: a first
 * submission after it closed is still taken (counted late), but an edit is not. A check-in already
 * sent before the window was moved later may still be edited. While it is open, the store tells a
 * first submission from an edit without a read first.
 */
async function notOpenForAnswers(ctx: UseCaseContext, person: Person, event: ScheduleEvent, tz: string, now: Date): Promise<string | undefined> {
  if (!(CHECK_IN_KINDS as readonly string[]).includes(event.kind)) {
    return `${event.title} is not a check-in, so check-in answers can't be sent to it. Send "check in" to see the one that is open.`;
  }
  const { opensAt, closesAt } = windowInstants(event, tz);
  if (now >= opensAt && now <= closesAt) return undefined;
  const sent = await ctx.repos.checkIns.findForPersonAndEvent(person, person.id, event.id);
  if (now > closesAt) return sent ? 'This check-in window has closed, so your answers can no longer be changed. Your reviewer has what you sent.' : undefined;
  if (sent) return undefined;
  const opens = DateTime.fromJSDate(opensAt, { zone: tz });
  return `${event.title} isn't open yet: it opens ${opens.toFormat('ccc d LLL')} at ${opens.toFormat('HH:mm')}, and your answers can be sent from then. Nothing has been sent.`;
}

/**
 * Progress may be reported only against the agreed rocks of the check-in's window, or a rock it
 * was already written against (an edit after the rock was completed): anything else is refused on
 * that rock's field, with what was typed kept on the card.
 */
async function progressOffList(ctx: UseCaseContext, person: Person, event: ScheduleEvent, rocks: Rock[], progress: ReadonlyArray<{ rockId: string }>, rocksWord: string): Promise<CheckInProblem[]> {
  const allowed = new Set(rocks.map((r) => r.id));
  const unknown = progress.filter((p) => !allowed.has(p.rockId));
  if (unknown.length === 0) return [];
  const previous = await ctx.repos.checkIns.findForPersonAndEvent(person, person.id, event.id);
  const written = new Set((previous?.answers.rockProgress ?? []).map((p) => p.rockId));
  return unknown
    .filter((p) => !written.has(p.rockId))
    .map((p) => ({ field: rockFieldId(p.rockId), message: `this is not one of your agreed ${rocksWord} for this part of the year, so progress on it can't be sent here` }));
}

function hasAnAnswer(answers: { www: string; ebi: string; whatsNext: string; rockProgress: ReadonlyArray<{ progress: string }>; score?: number }): boolean {
  return answers.www !== '' || answers.ebi !== '' || answers.whatsNext !== '' || answers.rockProgress.some((p) => p.progress !== '') || answers.score !== undefined;
}

/** The input a schema issue is about: an answer (`www`, `score`, ...), `praiseIds`, `praiseMessage`, or the form. */
function problemField(path: readonly PropertyKey[]): string {
  const [first, second] = path;
  return String((first === 'answers' ? second : first) ?? 'form');
}

function auditEntry(checkIn: CheckIn, action: 'checkIn.submitted' | 'checkIn.edited', at: Date): AuditEntry {
  return {
    // One entry per check-in and outcome (per edit), so completing it again after a crash adds none.
    id: action === 'checkIn.submitted' ? `${checkIn.id}:submitted` : `${checkIn.id}:edited:${at.getTime()}`,
    organisationId: checkIn.organisationId,
    at,
    actor: { kind: 'person', personId: checkIn.personId },
    action,
    subject: { kind: 'check-in', id: checkIn.id },
    details: { eventId: checkIn.eventId, timeliness: checkIn.timeliness },
  };
}

/**
 * Start-up: completes the side effects of every check-in a crash left pending (an indexed query
 * per organisation; normally it finds none). Returns how many were completed.
 */
export async function completePendingCheckIns(ctx: UseCaseContext): Promise<number> {
  let completed = 0;
  for (const organisation of await ctx.repos.organisations.list()) {
    for (const checkIn of await ctx.repos.checkIns.listWithSideEffectsPending({ organisationId: organisation.id })) {
      try {
        await completeCheckInSideEffects(ctx, checkIn, { organisation });
        completed += 1;
      } catch (err) {
        ctx.logger.error({ err, checkInId: checkIn.id }, 'could not complete a check-in\'s notification and audit entry');
      }
    }
  }
  return completed;
}
