// Reads the check-in card's Action.Execute data back into domain answers. Pure, so the bot handler
// and its tests share one definition of "a valid check-in" (with shared/'s zod schema).
import { z } from 'zod';
import type { CheckInAnswers, Rock } from '../../shared/domain';
import { checkInAnswersSchema, idSchema, userText, CHECK_IN_LIMITS } from '../../shared/domain';
import type { CheckInFormValues, FieldError } from './checkInForm';
import { CHECK_IN_FIELDS, FORM_FIELD, MAX_PRAISED_PER_CHECK_IN, MAX_ROCK_PROGRESS_PER_CHECK_IN, ROCK_FIELD_PREFIX, rockFieldId } from './checkInForm';

export interface CheckInSubmission {
  eventId: string;
  /** Present when an already-sent check-in is being edited. */
  checkInId?: string;
  answers: CheckInAnswers;
  praiseIds: string[];
  praiseMessage: string;
}

export type ParseCheckInResult = { ok: true; value: CheckInSubmission } | { ok: false; errors: FieldError[]; values: CheckInFormValues };

export interface ParseCheckInOptions {
  /** The person's rocks, to record each answer under the title it was written for. */
  rocks?: Pick<Rock, 'id' | 'title'>[];
}

export const AT_LEAST_ONE_ANSWER =
  "Write at least one answer before sending: What went well, Even better if, What's next, progress on a rock, or a score. Three key words is fine.";

const praiseMessageSchema = userText(CHECK_IN_LIMITS.praiseMessage);

/**
 * `data` is Action.Execute's `action.data`: the card's inputs (all strings; a multi-select ChoiceSet
 * sends "id1,id2") merged with the action's own data (`eventId`, `checkInId`).
 */
export function parseCheckInSubmission(data: unknown, options: ParseCheckInOptions = {}): ParseCheckInResult {
  const raw = isRecord(data) ? data : {};
  const values = formValues(raw);
  const errors: FieldError[] = unreadableFields(raw);

  const eventId = idSchema.safeParse(raw.eventId);
  if (!eventId.success) errors.push({ field: FORM_FIELD, message: 'This card has lost track of its check-in. Send "check in" to get a fresh card.' });
  const checkInId = raw.checkInId === undefined || raw.checkInId === '' ? undefined : idSchema.safeParse(raw.checkInId);
  if (checkInId && !checkInId.success) errors.push({ field: FORM_FIELD, message: 'This card has lost track of the check-in being edited. Send "check in" to get a fresh card.' });

  const score = parseScore(values.score, errors);

  // A card has one progress field per agreed rock: thousands of them is not a form anyone filled in.
  const rockFields = Object.keys(values.rockProgress ?? {}).length;
  if (rockFields > MAX_ROCK_PROGRESS_PER_CHECK_IN) {
    errors.push({ field: FORM_FIELD, message: `This card sent progress on ${rockFields} rocks; a check-in takes at most ${MAX_ROCK_PROGRESS_PER_CHECK_IN}, one for each of your agreed rocks. Send "check in" for a fresh card.` });
  }

  const titles = new Map((options.rocks ?? []).map((r) => [r.id, r.title]));
  const rockProgress = Object.entries(values.rockProgress ?? {})
    .filter(([, progress]) => progress.trim() !== '')
    .map(([rockId, progress]) => ({ rockId, rockTitle: titles.get(rockId) ?? '', progress }));

  const answers = checkInAnswersSchema.safeParse({ www: values.www, ebi: values.ebi, whatsNext: values.whatsNext, rockProgress, score });
  if (!answers.success) errors.push(...answerErrors(answers.error, rockProgress.map((p) => p.rockId), values));

  const praiseIds = values.praiseIds ?? [];
  for (const id of praiseIds) {
    if (!idSchema.safeParse(id).success || id.includes('\u0000')) {
      errors.push({ field: CHECK_IN_FIELDS.praiseIds, message: 'one of the people chosen is not recognised; remove them and choose again' });
      break;
    }
  }
  if (praiseIds.length > MAX_PRAISED_PER_CHECK_IN) {
    errors.push({ field: CHECK_IN_FIELDS.praiseIds, message: `praise up to ${MAX_PRAISED_PER_CHECK_IN} colleagues at a time (${praiseIds.length} chosen)` });
  }
  const praiseMessage = praiseMessageSchema.safeParse(values.praiseMessage ?? '');
  if (!praiseMessage.success) {
    errors.push({ field: CHECK_IN_FIELDS.praiseMessage, message: messageFor(praiseMessage.error.issues[0], values.praiseMessage ?? '') });
  } else if (praiseIds.length > 0 && praiseMessage.data === '') {
    // Praise reaches the colleague as a message (Praise.message is required), so it needs some words.
    errors.push({ field: CHECK_IN_FIELDS.praiseMessage, message: 'add a few words of thanks for the people you chose' });
  }
  // Thanks with nobody chosen is not a problem: the check-in is stored and the bot asks whom it is for (issue 15).

  if (answers.success && !hasAnAnswer(answers.data)) {
    // seed 001: "You do not need to do everything each fortnight" — but something has to be there.
    errors.push({ field: FORM_FIELD, message: AT_LEAST_ONE_ANSWER });
  }

  if (errors.length > 0 || !answers.success || !eventId.success || !praiseMessage.success) {
    return { ok: false, errors, values };
  }
  return {
    ok: true,
    value: {
      eventId: eventId.data,
      ...(checkInId?.success ? { checkInId: checkInId.data } : {}),
      answers: answers.data,
      praiseIds,
      praiseMessage: praiseMessage.data,
    },
  };
}

const UNREADABLE = "this arrived as something other than text, so we can't read it: retype it and send again";

/**
 * A card's inputs arrive as strings (a number is read as one); a field of any other type — an
 * object, a list, true — was not typed into this card, and is refused rather than dropped.
 */
function unreadableFields(raw: Record<string, unknown>): FieldError[] {
  const unreadable = (value: unknown) => value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number';
  const errors: FieldError[] = Object.values(CHECK_IN_FIELDS)
    .filter((field) => unreadable(raw[field]))
    .map((field) => ({ field, message: UNREADABLE }));
  if (Object.keys(raw).some((key) => key.startsWith(ROCK_FIELD_PREFIX) && unreadable(raw[key]))) {
    errors.push({ field: FORM_FIELD, message: `Progress on a rock ${UNREADABLE}.` });
  }
  return errors;
}

function hasAnAnswer(answers: CheckInAnswers): boolean {
  return answers.www !== '' || answers.ebi !== '' || answers.whatsNext !== '' || answers.rockProgress.length > 0 || answers.score !== undefined;
}

function parseScore(score: string | undefined, errors: FieldError[]): number | undefined {
  const text = (score ?? '').trim();
  if (text === '') return undefined;
  if (!/^\d{1,2}$/.test(text)) {
    errors.push({ field: CHECK_IN_FIELDS.score, message: 'choose a whole number from 1 to 10' });
    return undefined;
  }
  return Number(text);
}

function answerErrors(error: z.ZodError, rockIds: string[], values: CheckInFormValues): FieldError[] {
  return error.issues.map((issue) => {
    const [first, index] = issue.path;
    if (first === 'rockProgress' && typeof index === 'number') {
      const rockId = rockIds[index] ?? '';
      return { field: rockFieldId(rockId), message: messageFor(issue, values.rockProgress?.[rockId] ?? '') };
    }
    if (first === 'score') return { field: CHECK_IN_FIELDS.score, message: 'choose a whole number from 1 to 10' };
    const field = typeof first === 'string' ? first : FORM_FIELD;
    const typed = field === 'www' || field === 'ebi' || field === 'whatsNext' ? (values[field] ?? '') : '';
    return { field, message: messageFor(issue, typed) };
  });
}

/** The schema's own words, plus how far over the limit the text is so the person knows how much to cut. */
function messageFor(issue: z.core.$ZodIssue | undefined, typed: string): string {
  if (!issue) return 'this answer cannot be saved';
  if (issue.code === 'too_big') return `${issue.message} (this one is ${typed.trim().length})`;
  return issue.message;
}

/** The card's fields exactly as they arrived (for a card turned back after the use case refused them). */
export function checkInFormValues(data: unknown): CheckInFormValues {
  return formValues(isRecord(data) ? data : {});
}

function formValues(raw: Record<string, unknown>): CheckInFormValues {
  const values: CheckInFormValues = {};
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : typeof raw[key] === 'number' ? String(raw[key]) : undefined);
  const www = text(CHECK_IN_FIELDS.www);
  if (www !== undefined) values.www = www;
  const ebi = text(CHECK_IN_FIELDS.ebi);
  if (ebi !== undefined) values.ebi = ebi;
  const whatsNext = text(CHECK_IN_FIELDS.whatsNext);
  if (whatsNext !== undefined) values.whatsNext = whatsNext;
  const score = text(CHECK_IN_FIELDS.score);
  if (score !== undefined) values.score = score;
  const praiseMessage = text(CHECK_IN_FIELDS.praiseMessage);
  if (praiseMessage !== undefined) values.praiseMessage = praiseMessage;

  const rockProgress: Record<string, string> = {};
  for (const key of Object.keys(raw)) {
    const rockId = key.slice(ROCK_FIELD_PREFIX.length);
    const progress = text(key);
    if (key.startsWith(ROCK_FIELD_PREFIX) && rockId !== '' && progress !== undefined) rockProgress[rockId] = progress;
  }
  if (Object.keys(rockProgress).length > 0) values.rockProgress = rockProgress;

  // A multi-select ChoiceSet sends its selection as one comma-separated string.
  const praise = text(CHECK_IN_FIELDS.praiseIds);
  if (praise !== undefined) {
    const ids = [...new Set(praise.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
    if (ids.length > 0) values.praiseIds = ids;
  }
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
