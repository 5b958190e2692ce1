// Turns check-in use-case results into the cards a person sees. Pure: no I/O here.
import type { CheckIn, CheckInAnswers, Organisation, Person, Rock, ScheduleEvent } from '../shared/domain';
import { CHECK_IN_LIMITS } from '../shared/domain';
import { formatEventTitle, windowInstants } from '../shared/policy';
import { DateTime } from 'luxon';
import {
  buildCheckInCard,
  buildCheckInSubmittedCard,
  buildKeptAnswersCard,
  buildNextWindowCard,
  fitCheckInCard,
  problemsToShow,
  rocksForCheckIn,
  sentenceCase,
  paragraph,
  cardBytes,
  shortenText,
  CARD_BYTES_BUDGET,
  type AdaptiveCard,
  type FieldError,
  type CheckInFormValues,
} from './cards';

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
  notes?: string[];
  reviewerName?: string;
  praiseNames?: Record<string, string>;
  /** Shown as open whatever the clock says (a closed check-in still taking a late first submission). */
  windowOpen?: boolean;
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
    notes: input.notes,
    existing: input.existing ?? undefined,
    windowOpen: input.windowOpen ?? windowOpenAt(organisation, event, input.now),
    vocabulary: organisation.policy.vocabulary,
    praiseNames,
    reviewerName: input.reviewerName,
  });
}

/**
 * A submission turned back: the form again with what was typed and the problems, when the event
 * takes answers now; otherwise the problems and the typed text to copy into a fresh card. Either
 * way it fits Teams' card size, saying what of the text it could not carry (checkInEcho.ts).
 */
export function turnedBackCard(input: {
  organisation: Organisation;
  event: ScheduleEvent | null;
  person: Person;
  rocks: Rock[];
  now: Date;
  values: CheckInFormValues;
  errors: FieldError[];
  /** The event has closed but still takes this person's first submission (counted late). */
  takesLate?: boolean;
}): AdaptiveCard {
  const { organisation, event } = input;
  const errors = problemsToShow(input.errors);
  const agreed = rocksForCheckIn(input.rocks);
  const rockWord = sentenceCase(organisation.policy.vocabulary.rock);
  const labels = {
    rockLabel: (rockId: string) => {
      const at = agreed.findIndex((r) => r.id === rockId);
      return at >= 0 ? `${rockWord} ${at + 1}: ${agreed[at]!.title}` : `a ${organisation.policy.vocabulary.rock} that is not on your list`;
    },
  };
  const isCheckIn = event !== null && (event.kind === 'check-in' || event.kind === 'optional-check-in');
  const closed = event !== null && input.now > windowInstants(event, organisation.policy.timezone).closesAt;
  const takesForm = isCheckIn && (windowOpenAt(organisation, event, input.now) || (closed && input.takesLate === true));
  if (event && takesForm) return fitCheckInCard(input.values, (values, notes) => checkInFormCard({ ...input, event, values, errors, notes, windowOpen: true }), labels);
  const title = event ? `${eventTitle(organisation, event)}: not sent` : undefined;
  return fitCheckInCard(input.values, (values, notes) => buildKeptAnswersCard({ ...(title ? { title } : {}), errors, values, notes, labels }), labels);
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
  const build = (shown: CheckIn) => buildCheckInSubmittedCard({
    checkIn: shown,
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
  // Stored whole; shown in part when the answers would take the card past Teams' size.
  const card = build(checkIn);
  if (cardBytes(card) <= CARD_BYTES_BUDGET) return card;
  for (const share of [0.5, 0.25, 0.1]) {
    const shown = build({ ...checkIn, answers: shortenAnswers(checkIn.answers, share) });
    shown.body.push(paragraph('Your answers are shown in part here to fit in Teams; everything you wrote was saved, and the whole of it is in the tab.', { isSubtle: true, size: 'small' }));
    if (cardBytes(shown) <= CARD_BYTES_BUDGET) return shown;
  }
  return build({ ...checkIn, answers: shortenAnswers(checkIn.answers, 0.02) });
}

export function nextWindowCard(organisation: Organisation, next?: ScheduleEvent): AdaptiveCard {
  return buildNextWindowCard({
    vocabulary: organisation.policy.vocabulary,
    next: next ? { title: next.title, opens: formatOpening(organisation, next) } : undefined,
  });
}

/** The answers cut to a share of their limits, for showing only (never stored). */
function shortenAnswers(answers: CheckInAnswers, share: number): CheckInAnswers {
  const part = (text: string, limit: number) => shortenText(text, Math.floor(limit * share));
  return {
    ...answers,
    www: part(answers.www, CHECK_IN_LIMITS.www),
    ebi: part(answers.ebi, CHECK_IN_LIMITS.ebi),
    whatsNext: part(answers.whatsNext, CHECK_IN_LIMITS.whatsNext),
    rockProgress: answers.rockProgress.map((p) => ({ ...p, progress: part(p.progress, CHECK_IN_LIMITS.rockProgress) })),
  };
}
