// The fortnightly check-in form (seed 001, "What does a good check in look like?").
import type { CheckIn, Person, Policy, Rock, ScheduleEvent } from '../../shared/domain';
import { CHECK_IN_LIMITS } from '../../shared/domain';
import { PEOPLE_DATASET, VERBS } from '../../shared/verbs';
import type { AdaptiveCard, CardAction, CardElement, Choice, InputText, TextBlock } from './adaptiveCard';
import { adaptiveCard, heading, paragraph, sentenceCase } from './adaptiveCard';
import type { CheckInFormValues, FieldError } from './checkInForm';
import { CHECK_IN_FIELDS, FORM_FIELD, PRAISE_LABEL, ROCK_FIELD_PREFIX, SCORE_LABEL, TEXT_FIELD_LABELS, TEXT_FIELD_LIMITS, rockFieldId, checkInHints, checkInIntro } from './checkInForm';

export type Vocabulary = Policy['vocabulary'];

export type CheckInRock = Pick<Rock, 'id' | 'title' | 'status'>;

export interface CheckInCardInput {
  event: Pick<ScheduleEvent, 'id'>;
  /** e.g. "Check in 6 · Fri 27 Feb" (formatEventTitle in shared/policy). */
  eventTitle: string;
  person: Pick<Person, 'displayName'>;
  /** The person's rocks for the check-in's window; only agreed ones get a progress field. */
  rocks: CheckInRock[];
  /** What the person typed in a submission that was turned back. */
  values?: CheckInFormValues;
  errors?: FieldError[];
  /** What of the typed text could not be carried back on the card (checkInEcho.ts). */
  notes?: string[];
  /** The check-in being edited, if it was already sent. */
  existing?: CheckIn;
  windowOpen: boolean;
  vocabulary: Vocabulary;
  /** Display names for praise ids already chosen (static choices, so the picker shows names, not ids). */
  praiseNames?: Record<string, string>;
  reviewerName?: string;
}

/**
 * seed 000/001: progress is reported against rocks that are agreed (as written, as amended once the
 * reviewee accepted, or as decided on escalation). Completed ones are done; others are not agreed yet.
 */
export function rocksForCheckIn<R extends Pick<Rock, 'status'>>(rocks: R[]): R[] {
  return rocks.filter((rock) => rock.status === 'agreed');
}

export function buildCheckInCard(input: CheckInCardInput): AdaptiveCard {
  const { eventTitle, windowOpen, vocabulary, existing } = input;
  if (!windowOpen) {
    return adaptiveCard([
      heading(eventTitle),
      paragraph(
        existing
          ? `This ${vocabulary.checkIn} has closed, so your answers can no longer be changed. You can read them in the tab.`
          : `This ${vocabulary.checkIn} has closed, so it can no longer be sent. The next one will arrive here when it opens.`,
      ),
    ]);
  }

  const rocks = rockFields(input);
  const errors = input.errors ?? [];
  const errorsFor = (field: string) => errors.filter((e) => e.field === field).map((e) => fieldError(e.message));
  const initial = initialValues(input);
  const hints = checkInHints(vocabulary);
  const [intro, readers] = checkInIntro(vocabulary, input.reviewerName);

  const body: CardElement[] = [heading(eventTitle), paragraph(intro), paragraph(readers, { isSubtle: true, spacing: 'small' })];

  if (errors.length > 0) body.push(errorSummary(errors, rocks, input.notes ?? []));
  body.push(...errorsFor(FORM_FIELD));

  body.push(textInput('www', initial.www, hints.www), ...errorsFor(CHECK_IN_FIELDS.www));
  body.push(textInput('ebi', initial.ebi, hints.ebi), ...errorsFor(CHECK_IN_FIELDS.ebi));
  body.push(textInput('whatsNext', initial.whatsNext, hints.whatsNext), ...errorsFor(CHECK_IN_FIELDS.whatsNext));

  if (rocks.length === 0) {
    body.push(paragraph(`You have no agreed ${vocabulary.rocks} yet, so there is no progress to report on them this time.`, { isSubtle: true }));
  }
  for (const rock of rocks) {
    const id = rockFieldId(rock.id);
    const value = initial.rockProgress[rock.id] ?? '';
    body.push(
      {
        type: 'Input.Text',
        id,
        label: rock.label,
        placeholder: hints.rockProgress,
        isMultiline: true,
        maxLength: lengthLimit(CHECK_IN_LIMITS.rockProgress, value),
        ...(value ? { value } : {}),
      },
      ...errorsFor(id),
    );
  }

  body.push(
    {
      type: 'Input.ChoiceSet',
      id: CHECK_IN_FIELDS.score,
      label: SCORE_LABEL,
      // A compact list rather than Input.Number: Teams mobile shows a picker, and nothing out of range can be typed.
      style: 'compact',
      placeholder: 'Choose 1 to 10',
      choices: Array.from({ length: 10 }, (_, i) => ({ title: String(i + 1), value: String(i + 1) })),
      ...(initial.score ? { value: initial.score } : {}),
    },
    paragraph(hints.score, { isSubtle: true, size: 'small', spacing: 'small' }),
    ...errorsFor(CHECK_IN_FIELDS.score),
  );

  body.push(...praiseInputs(input, initial.praiseIds, initial.praiseMessage, errorsFor));

  const data: Record<string, string> = { eventId: input.event.id };
  if (existing) data.checkInId = existing.id;
  const actions: CardAction[] = [{ type: 'Action.Execute', title: existing ? 'Save changes' : `Send ${vocabulary.checkIn}`, verb: VERBS.submitCheckIn, data, style: 'positive' }];
  return adaptiveCard(body, actions);
}

type TextField = keyof typeof TEXT_FIELD_LABELS;

function textInput(field: TextField, value: string, placeholder: string): InputText {
  return {
    type: 'Input.Text',
    id: CHECK_IN_FIELDS[field],
    label: TEXT_FIELD_LABELS[field],
    placeholder,
    isMultiline: true,
    maxLength: lengthLimit(TEXT_FIELD_LIMITS[field], value),
    ...(value ? { value } : {}),
  };
}

// Teams cuts a value down to maxLength when it renders; text that arrived longer (and was turned back
// for that reason) is shown whole, so the person can shorten it instead of losing the end.
function lengthLimit(limit: number, value: string): number {
  return Math.max(limit, value.length);
}

function fieldError(message: string): TextBlock {
  return paragraph(message, { color: 'attention', size: 'small', spacing: 'small' });
}

interface RockField {
  id: string;
  label: string;
}

function rockFields(input: CheckInCardInput): RockField[] {
  const rock = sentenceCase(input.vocabulary.rock);
  const fields = rocksForCheckIn(input.rocks).map((r) => ({ id: r.id, title: r.title }));
  // Progress already written against a rock that has since changed status stays editable, under the title it was written for.
  for (const written of input.existing?.answers.rockProgress ?? []) {
    if (!fields.some((f) => f.id === written.rockId)) fields.push({ id: written.rockId, title: written.rockTitle });
  }
  // Typed against a rock that changed between sending the card and submitting it: keep the text on screen.
  for (const rockId of Object.keys(input.values?.rockProgress ?? {})) {
    if (!fields.some((f) => f.id === rockId)) fields.push({ id: rockId, title: 'no longer on your list' });
  }
  return fields.map((f, i) => ({ id: f.id, label: `${rock} ${i + 1}: ${f.title}` }));
}

interface InitialValues {
  www: string;
  ebi: string;
  whatsNext: string;
  rockProgress: Record<string, string>;
  score: string;
  praiseIds: string[];
  praiseMessage: string;
}

/** What the person typed wins over what they sent before, which wins over an empty form. */
function initialValues({ values, existing }: CheckInCardInput): InitialValues {
  const answers = existing?.answers;
  const sentProgress = Object.fromEntries((answers?.rockProgress ?? []).map((p) => [p.rockId, p.progress]));
  return {
    www: values?.www ?? answers?.www ?? '',
    ebi: values?.ebi ?? answers?.ebi ?? '',
    whatsNext: values?.whatsNext ?? answers?.whatsNext ?? '',
    rockProgress: values?.rockProgress ?? sentProgress,
    score: values?.score ?? (answers?.score !== undefined ? String(answers.score) : ''),
    praiseIds: values?.praiseIds ?? existing?.praise.map((p) => p.personId) ?? [],
    praiseMessage: values?.praiseMessage ?? existing?.praiseMessage ?? '',
  };
}

function errorSummary(errors: FieldError[], rocks: RockField[], notes: string[]): CardElement {
  // One TextBlock per problem: markdown list syntax renders differently across Teams clients.
  const lines = errors.map((e) => {
    const label = fieldLabel(e.field, rocks);
    return paragraph(`• ${label ? `${label}: ` : ''}${e.message}`, { color: 'attention', spacing: 'small' });
  });
  return {
    type: 'Container',
    style: 'attention',
    items: [
      paragraph(notes.length > 0 ? 'Nothing has been sent yet. Please fix this and send again:' : 'Nothing has been sent yet. Please fix this and send again — everything you typed is still here:', { weight: 'bolder', color: 'attention' }),
      ...lines,
      ...notes.map((note) => paragraph(note, { spacing: 'small' })),
    ],
  };
}

function fieldLabel(field: string, rocks: RockField[]): string | undefined {
  if (field in TEXT_FIELD_LABELS) return TEXT_FIELD_LABELS[field as TextField];
  if (field === CHECK_IN_FIELDS.score) return SCORE_LABEL;
  if (field === CHECK_IN_FIELDS.praiseIds) return PRAISE_LABEL;
  if (field.startsWith(ROCK_FIELD_PREFIX)) return rocks.find((r) => rockFieldId(r.id) === field)?.label;
  return undefined;
}

/** Praise for colleagues: a people picker over the staff directory and the thanks to pass on. */
function praiseInputs(input: CheckInCardInput, praiseIds: string[], praiseMessage: string, errorsFor: (field: string) => CardElement[]): CardElement[] {
  const hints = checkInHints(input.vocabulary);
  return [
    {
      type: 'Input.ChoiceSet',
      id: CHECK_IN_FIELDS.praiseIds,
      label: PRAISE_LABEL,
      // Input.Text cannot carry @mentions, so praise is a people picker over the staff directory (DESIGN.md).
      style: 'filtered',
      isMultiSelect: true,
      placeholder: hints.praise,
      choices: praiseIds.map((id): Choice => ({ title: input.praiseNames?.[id] ?? id, value: id })),
      'choices.data': { type: 'Data.Query', dataset: PEOPLE_DATASET },
      ...(praiseIds.length > 0 ? { value: praiseIds.join(',') } : {}),
    },
    ...errorsFor(CHECK_IN_FIELDS.praiseIds),
    textInput('praiseMessage', praiseMessage, 'What did they do that made a difference?'),
    paragraph(hints.praiseMessage, { isSubtle: true, size: 'small', spacing: 'small' }),
    ...errorsFor(CHECK_IN_FIELDS.praiseMessage),
  ];
}
