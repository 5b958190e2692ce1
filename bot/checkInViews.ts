// Turns check-in use-case results into the cards a person sees. Pure: no I/O here.
import type { CheckIn, Organisation, Person, Rock, ScheduleEvent } from '../shared/domain';
import { formatEventTitle, windowInstants } from '../shared/policy';
import { DateTime } from 'luxon';
import { buildCheckInCard, buildCheckInSubmittedCard, buildNextWindowCard, type AdaptiveCard, type FieldError, type CheckInFormValues } from './cards';

export function eventTitle(organisation: Organisation, event: ScheduleEvent): string {
  return formatEventTitle(event, organisation.policy.timezone);
}

export function windowOpenAt(organisation: Organisation, event: ScheduleEvent, at: Date): boolean {
  const { opensAt, closesAt } = windowInstants(event, organisation.policy.timezone);
  return at >= opensAt && at <= closesAt;
}

/** e.g. "Mon 9 Mar at 08:00" in the organisation's time zone. */
export function formatOpening(organisation: Organisation, event: ScheduleEvent): string {
  const opens = DateTime.fromJSDate(windowInstants(event, organisation.policy.timezone).opensAt, { zone: organisation.policy.timezone });
  return `${opens.toFormat('ccc d LLL')} at ${opens.toFormat('HH:mm')}`;
}

export function checkInFormCard(input: {
  organisation: Organisation;
  event: ScheduleEvent;
  person: Person;
  rocks: Rock[];
  now: Date;
  existing?: CheckIn | null;
  values?: CheckInFormValues;
  errors?: FieldError[];
  reviewerName?: string;
  praiseNames?: Record<string, string>;
}): AdaptiveCard {
  const { organisation, event } = input;
  const praiseNames = input.praiseNames ?? Object.fromEntries((input.existing?.praise ?? []).map((p) => [p.personId, p.displayName]));
  return buildCheckInCard({
    event,
    eventTitle: eventTitle(organisation, event),
    person: input.person,
    rocks: input.rocks,
    values: input.values,
    errors: input.errors,
    existing: input.existing ?? undefined,
    windowOpen: windowOpenAt(organisation, event, input.now),
    vocabulary: organisation.policy.vocabulary,
    praiseNames,
    reviewerName: input.reviewerName,
  });
}

export function submittedCard(input: {
  organisation: Organisation;
  event: ScheduleEvent;
  person: Person;
  rocks: Rock[];
  checkIn: CheckIn;
  now: Date;
  unknownPraise?: string[];
  reviewerName?: string;
  acknowledgedByName?: string;
  responseByName?: string;
}): AdaptiveCard {
  const { organisation, event, checkIn } = input;
  return buildCheckInSubmittedCard({
    checkIn,
    event,
    eventTitle: eventTitle(organisation, event),
    personName: input.person.displayName,
    rocks: input.rocks,
    praisedNames: checkIn.praise.map((p) => p.displayName),
    unknownPraise: input.unknownPraise,
    windowOpen: windowOpenAt(organisation, event, input.now),
    vocabulary: organisation.policy.vocabulary,
    reviewerName: input.reviewerName,
    acknowledgement: checkIn.acknowledgement ? { byName: input.acknowledgedByName ?? input.reviewerName ?? 'your reviewer' } : undefined,
    reviewerResponse: checkIn.reviewerResponse ? { byName: input.responseByName ?? input.reviewerName ?? 'your reviewer', text: checkIn.reviewerResponse.text } : undefined,
    growth: organisation.policy.growth !== undefined,
  });
}

export function nextWindowCard(organisation: Organisation, next?: ScheduleEvent): AdaptiveCard {
  return buildNextWindowCard({
    vocabulary: organisation.policy.vocabulary,
    next: next ? { title: next.title, opens: formatOpening(organisation, next) } : undefined,
  });
}
