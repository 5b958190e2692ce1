// Domain objects → /api/v1 payloads (shared/api): instants become ISO strings, people get names,
// and nothing leaves that the payload schema does not name.
import type { CheckInDto, CommentDto, CycleDto, EventPhase, PersonSummary, PraiseDto, RockDeadlineDto, RockDto, ScheduleEventDto } from '../../../shared/api';
import type { PersonRockDeadline } from '../../usecases/rockDeadlines';
import type { CheckIn, Comment, Cycle, Person, Rock, ScheduleEvent } from '../../../shared/domain';
import { windowInstants } from '../../../shared/policy';
import type { PraiseWithPeople } from '../../usecases/praiseHistory';
import { FORMER_COLLEAGUE } from '../../../shared/domain';

export type Names = ReadonlyMap<string, Pick<Person, 'id' | 'displayName'>>;

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const isoOrUndefined = (d: Date | undefined) => (d ? iso(d) : undefined);

export function personSummary(person: Pick<Person, 'id' | 'displayName'>): PersonSummary {
  return { id: person.id, displayName: person.displayName };
}

function summaryOf(names: Names, id: string): PersonSummary {
  return { id, displayName: names.get(id)?.displayName ?? FORMER_COLLEAGUE };
}

export function rockDto(rock: Rock, names: Names): RockDto {
  return {
    id: rock.id,
    personId: rock.personId,
    cycleId: rock.cycleId,
    slotId: rock.slotId,
    rockWindowId: rock.rockWindowId,
    title: rock.title,
    description: rock.description,
    alignment: rock.alignment,
    successCriteria: rock.successCriteria.map((c) => ({ id: c.id, text: c.text, targetDate: c.targetDate, done: c.done, doneAt: isoOrUndefined(c.doneAt) })),
    status: rock.status,
    reviewerNote: rock.reviewerNote,
    priority: rock.priority,
    escalation: rock.escalation
      ? {
          toPersonId: rock.escalation.toPersonId,
          toName: names.get(rock.escalation.toPersonId)?.displayName,
          reviewerId: rock.escalation.reviewerId,
          reason: rock.escalation.reason,
          at: iso(rock.escalation.at),
          fromStatus: rock.escalation.fromStatus,
          decidedAt: isoOrUndefined(rock.escalation.decidedAt),
          outcome: rock.escalation.outcome,
        }
      : undefined,
    history: rock.history.map((h) => ({ at: iso(h.at), byPersonId: h.byPersonId, byName: names.get(h.byPersonId)?.displayName, action: h.action, status: h.status, note: h.note })),
    version: rock.version,
    createdAt: iso(rock.createdAt),
    updatedAt: iso(rock.updatedAt),
  };
}

export function checkInDto(checkIn: CheckIn, names: Names): CheckInDto {
  return {
    id: checkIn.id,
    personId: checkIn.personId,
    eventId: checkIn.eventId,
    cycleId: checkIn.cycleId,
    answers: {
      www: checkIn.answers.www,
      ebi: checkIn.answers.ebi,
      whatsNext: checkIn.answers.whatsNext,
      rockProgress: checkIn.answers.rockProgress.map((p) => ({ rockId: p.rockId, rockTitle: p.rockTitle, progress: p.progress })),
      score: checkIn.answers.score,
    },
    praise: checkIn.praise.map((p) => ({ personId: p.personId, displayName: p.displayName })),
    praiseMessage: checkIn.praiseMessage,
    submittedAt: iso(checkIn.submittedAt),
    editedAt: isoOrUndefined(checkIn.editedAt),
    timeliness: checkIn.timeliness,
    reviewer: checkIn.reviewerId ? summaryOf(names, checkIn.reviewerId) : undefined,
    acknowledgement: checkIn.acknowledgement
      ? { byPersonId: checkIn.acknowledgement.byPersonId, byName: names.get(checkIn.acknowledgement.byPersonId)?.displayName, at: iso(checkIn.acknowledgement.at) }
      : undefined,
    reviewerResponse: checkIn.reviewerResponse
      ? {
          byPersonId: checkIn.reviewerResponse.byPersonId,
          byName: names.get(checkIn.reviewerResponse.byPersonId)?.displayName,
          at: iso(checkIn.reviewerResponse.at),
          text: checkIn.reviewerResponse.text,
          anchor: checkIn.reviewerResponse.anchor,
        }
      : undefined,
  };
}

/** The people a check-in's payload names. */
export function checkInPeople(checkIn: CheckIn): string[] {
  return [checkIn.reviewerId, checkIn.acknowledgement?.byPersonId, checkIn.reviewerResponse?.byPersonId].filter((id): id is string => id !== undefined);
}

export function eventPhase(event: ScheduleEvent, now: Date, timezone: string): EventPhase {
  if (event.status === 'cancelled') return 'cancelled';
  const { opensAt, closesAt } = windowInstants(event, timezone);
  if (now < opensAt) return 'upcoming';
  return now <= closesAt ? 'open' : 'closed';
}

export function scheduleEventDto(event: ScheduleEvent, now: Date, timezone: string): ScheduleEventDto {
  const { opensAt, closesAt } = windowInstants(event, timezone);
  return {
    id: event.id,
    key: event.key,
    kind: event.kind,
    number: event.number,
    title: event.title,
    date: event.date,
    window: { opens: event.window.opens, closes: event.window.closes },
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    directedHours: event.directedHours,
    alsoMarks: event.alsoMarks,
    status: event.status,
    phase: eventPhase(event, now, timezone),
  };
}

export function cycleDto(cycle: Cycle): CycleDto {
  return { id: cycle.id, label: cycle.label, startsOn: cycle.startsOn, endsOn: cycle.endsOn };
}

export function commentDto(comment: Comment, names: Names): CommentDto {
  return { id: comment.id, author: summaryOf(names, comment.authorPersonId), text: comment.text, createdAt: iso(comment.createdAt) };
}

export function praiseDto(praise: PraiseWithPeople): PraiseDto {
  const name = (p: Person | undefined, id: string) => ({ id, displayName: p?.displayName ?? FORMER_COLLEAGUE });
  return { id: praise.id, from: name(praise.from, praise.fromPersonId), to: name(praise.to, praise.toPersonId), message: praise.message, createdAt: iso(praise.createdAt) };
}

/** A person's standing against one rock window's setting deadline. */
export function rockDeadlineDto(d: PersonRockDeadline): RockDeadlineDto {
  return {
    rockWindowId: d.deadline.window.id,
    label: d.deadline.window.label,
    setBy: d.deadline.setBy,
    opensAt: iso(d.deadline.opensAt),
    dueAt: iso(d.deadline.dueAt),
    state: d.state,
    agreed: d.agreed,
    required: d.required,
  };
}
