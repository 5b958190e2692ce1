// A check-in turned back carries what the person typed, but Teams refuses a card over ~28 KB: what
// does not fit is cut, field by field, and the card says what was cut. Pure, like the other builders.
import type { AdaptiveCard, CardElement } from './adaptiveCard';
import { adaptiveCard, heading, paragraph } from './adaptiveCard';
import type { CheckInFormValues, FieldError } from './checkInForm';
import { CHECK_IN_FIELDS, FORM_FIELD, MAX_PRAISED_PER_CHECK_IN, MAX_ROCK_PROGRESS_PER_CHECK_IN, PRAISE_LABEL, ROCK_FIELD_PREFIX, SCORE_LABEL, TEXT_FIELD_LABELS, TEXT_FIELD_LIMITS } from './checkInForm';
import { CHECK_IN_LIMITS } from '../../shared/domain';
import { cardBytes } from './endOfYearCards';


/** Teams' limit is about 28 KB for the whole activity: the card stays below it with room for the envelope. */
export const CARD_BYTES_BUDGET = 26_000;
/** Problems listed on one card; the rest are summed up in a line. */
const MAX_PROBLEMS_SHOWN = 12;


export interface EchoLabels {
  /** e.g. "Rock 2: Raise reading ages", or a word for a rock that is not the person's. */
  rockLabel(rockId: string): string;
}

type Render = (values: CheckInFormValues, notes: string[]) => AdaptiveCard;

/**
 * The card `render` draws with everything typed when it fits; otherwise with each field cut to its
 * limit (then to a half, a quarter, a tenth of it), saying which were cut.
 */
export function fitCheckInCard(values: CheckInFormValues, render: Render, labels: EchoLabels): AdaptiveCard {
  if (roughLength(values) < CARD_BYTES_BUDGET) {
    const whole = render(values, []);
    if (cardBytes(whole) <= CARD_BYTES_BUDGET) return whole;
  }
  for (const share of [1, 0.5, 0.25, 0.1]) {
    const kept = keepPart(values, share, labels);
    const card = render(kept.values, kept.notes);
    if (cardBytes(card) <= CARD_BYTES_BUDGET) return card;
  }
  return render({}, ['What you typed was too long to carry back on this card, so none of it is shown here; nothing was saved.']);
}

/** At most a dozen problems (thousands of invented fields each have one), and how many more. */
export function problemsToShow(errors: FieldError[]): FieldError[] {
  if (errors.length <= MAX_PROBLEMS_SHOWN) return errors;
  const more = errors.length - MAX_PROBLEMS_SHOWN + 1;
  return [...errors.slice(0, MAX_PROBLEMS_SHOWN - 1), { field: FORM_FIELD, message: `…and ${count(more)} more problems like these.` }];
}

function roughLength(values: CheckInFormValues): number {
  const texts = [values.www, values.ebi, values.whatsNext, values.score, values.praiseMessage, ...Object.entries(values.rockProgress ?? {}).flat(), ...(values.praiseIds ?? [])];
  return texts.reduce((sum, text) => sum + (text?.length ?? 0), 0);
}

function keepPart(values: CheckInFormValues, share: number, labels: EchoLabels): { values: CheckInFormValues; notes: string[] } {
  const notes: string[] = [];
  const kept: CheckInFormValues = {};
  for (const field of ['www', 'ebi', 'whatsNext', 'praiseMessage'] as const) {
    const text = values[field];
    if (text === undefined) continue;
    kept[field] = cut(text, Math.floor(TEXT_FIELD_LIMITS[field] * share), TEXT_FIELD_LABELS[field], notes);
  }
  // The card's score is a choice of 1 to 10: anything else is not worth carrying back.
  if (values.score !== undefined && values.score.length <= 2) kept.score = values.score;

  const rocks = Object.entries(values.rockProgress ?? {});
  if (rocks.length > MAX_ROCK_PROGRESS_PER_CHECK_IN) {
    notes.push(`This card sent ${count(rocks.length)} rock progress fields: we kept the first ${MAX_ROCK_PROGRESS_PER_CHECK_IN}; the rest was not saved.`);
  }
  if (rocks.length > 0) {
    kept.rockProgress = Object.fromEntries(
      rocks.slice(0, MAX_ROCK_PROGRESS_PER_CHECK_IN).map(([rockId, text]) => [rockId.slice(0, 200), cut(text, Math.floor(CHECK_IN_LIMITS.rockProgress * share), `your progress on ${labels.rockLabel(rockId)}`, notes)]),
    );
  }

  const praiseIds = values.praiseIds ?? [];
  const praiseKept = praiseIds.filter((id) => id.length <= 200).slice(0, Math.ceil(MAX_PRAISED_PER_CHECK_IN * share));
  if (praiseKept.length < praiseIds.length) notes.push(`We kept ${count(praiseKept.length)} of the ${count(praiseIds.length)} colleagues chosen to praise; choose the others again.`);
  if (praiseIds.length > 0) kept.praiseIds = praiseKept;
  return { values: kept, notes };
}

function cut(text: string, limit: number, label: string, notes: string[]): string {
  if (text.length <= limit) return text;
  const kept = shortenText(text, limit);
  notes.push(`We kept the first ${count(kept.length)} characters of ${label}; the rest was not saved.`);
  return kept;
}

/** The first `limit` UTF-16 units of `text`, never half an emoji: a surrogate pair stays whole or goes. */
export function shortenText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return text.slice(0, /[\uD800-\uDBFF]/.test(text.charAt(limit - 1)) ? limit - 1 : limit);
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

/**
 * When there is no form to put the answers back in (the card lost its check-in, or it is not open
 * for answers): the problem, and everything typed as text to copy into a fresh card.
 */
export function buildKeptAnswersCard(input: { title?: string; errors: FieldError[]; values: CheckInFormValues; notes: string[]; labels: EchoLabels }): AdaptiveCard {
  const { values } = input;
  const body: CardElement[] = [heading(input.title ?? 'Your check-in has not been sent')];
  for (const error of problemsToShow(input.errors)) body.push(paragraph(errorLine(error, input.labels), { color: 'attention' }));
  const typed: [string, string | undefined][] = [
    [TEXT_FIELD_LABELS.www, values.www],
    [TEXT_FIELD_LABELS.ebi, values.ebi],
    [TEXT_FIELD_LABELS.whatsNext, values.whatsNext],
    ...Object.entries(values.rockProgress ?? {}).map(([rockId, text]): [string, string] => [input.labels.rockLabel(rockId), text]),
    [SCORE_LABEL, values.score],
    [TEXT_FIELD_LABELS.praiseMessage, values.praiseMessage],
  ];
  const shown = typed.filter((entry): entry is [string, string] => (entry[1] ?? '').trim() !== '');
  if (shown.length > 0) {
    body.push(paragraph('Nothing you typed is lost: here it is, to copy into a fresh card (send "check in").', { weight: 'bolder', spacing: 'medium' }));
    for (const [label, text] of shown) body.push(paragraph(label, { weight: 'bolder', spacing: 'small' }), paragraph(text, { spacing: 'none' }));
  }
  for (const note of input.notes) body.push(paragraph(note, { isSubtle: true, size: 'small', spacing: 'small' }));
  return adaptiveCard(body);
}

function errorLine(error: FieldError, labels: EchoLabels): string {
  const label =
    error.field in TEXT_FIELD_LABELS
      ? TEXT_FIELD_LABELS[error.field as keyof typeof TEXT_FIELD_LABELS]
      : error.field === CHECK_IN_FIELDS.score
        ? SCORE_LABEL
        : error.field === CHECK_IN_FIELDS.praiseIds
          ? PRAISE_LABEL
          : error.field.startsWith(ROCK_FIELD_PREFIX)
            ? labels.rockLabel(error.field.slice(ROCK_FIELD_PREFIX.length))
            : undefined;
  return label ? `${label}: ${error.message}` : error.message;
}
