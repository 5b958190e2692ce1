// The end-of-year review's cards (seed 001 "Thinking Back"; seed 000 §10), one per audience:
// the reviewee's reflection (the booklet's template as inputs, pre-filled from the year, saved as
// a draft or sent to the reviewer), the reviewer's statement and outcome, the headteacher's or
// manager's final decision, and the released summary with the reviewee's comment box. Pure: the
// state comes in (bot/notifications/endOfYearCards.ts), JSON goes out, under Teams' size limit.
import type { FinalDecisionContent, ReflectionContent, ReviewOption, StatementContent, WrittenSummary } from '../../shared/domain';
import { jobDescriptionAnswers, onTimeAnswers } from '../../shared/domain';
import { REVIEW_VERBS } from '../../shared/verbs';
import type { AdaptiveCard, CardAction, CardElement, Choice, InputChoiceSet, InputText } from './adaptiveCard';
import { adaptiveCard, heading, paragraph, sentenceCase } from './adaptiveCard';
import type { Vocabulary } from './checkInCard';

/** Teams refuses cards over 28 KB; keep a margin for the envelope. */
export const END_OF_YEAR_CARD_MAX_BYTES = 27_000;

export type EndOfYearView = 'reflection' | 'waiting' | 'statement' | 'decision' | 'summary';

export interface EndOfYearCardInput {
  view: EndOfYearView;
  reviewId: string;
  label: string;
  vocabulary: Vocabulary;
  personName: string;
  reviewerName: string;
  deciderName?: string;
  outcomes: readonly ReviewOption[];
  selfAssessment: readonly ReviewOption[];
  requireMeetingDate: boolean;
  /** The rocks of the year reviewed, in slot order. */
  rocks: Array<{ id: string; title: string }>;
  /** Saved (or, for the reviewee before a first save, pre-filled) reflection. */
  reflection: ReflectionContent | null;
  reflectionSubmitted: boolean;
  statement: StatementContent | null;
  decision: (FinalDecisionContent & { confirmed: boolean; byName: string }) | null;
  summary: WrittenSummary | null;
  comment: string | null;
  /** The year's check-ins measured: on time out of submitted. */
  measured: { onTime: number; submitted: number };
  /** Whose turn and when due, in words ("Waiting for Alex's reflection, due 17 July 2026"). */
  standing: string;
  /** The caller may change the part this card shows. */
  canEdit: boolean;
  tabUrl: string;
  checkInsUrl: string;
  saved?: string;
  error?: string;
  /** The card's inputs as typed, after a refused save. */
  draft?: Record<string, string>;
}

const ON_TIME_TITLES: Record<(typeof onTimeAnswers)[number], string> = { never: 'Never', rarely: 'Rarely', sometimes: 'Sometimes', often: 'Often', always: 'Always' };
const JOB_TITLES: Record<(typeof jobDescriptionAnswers)[number], string> = { none: 'I am not', some: 'Some', many: 'Many', majority: 'Majority', all: 'All' };

type Value = (id: string, stored?: string | number) => string;

function valueOf(input: EndOfYearCardInput): Value {
  return (id, stored) => input.draft?.[id] ?? (stored === undefined ? '' : String(stored));
}

function text(id: string, label: string, value: string, maxLength: number, multiline = true): InputText {
  return { type: 'Input.Text', id, label, value, maxLength, isMultiline: multiline };
}

function choices(id: string, label: string, options: Choice[], value: string, style: InputChoiceSet['style'] = 'compact'): InputChoiceSet {
  return { type: 'Input.ChoiceSet', id, label, choices: options, value, style, wrap: true, placeholder: 'Choose one' };
}

function optionChoices(options: readonly ReviewOption[]): Choice[] {
  return options.map((o) => ({ title: o.guidance ? `${o.label} — ${o.guidance}` : o.label, value: o.key }));
}

function banner(input: EndOfYearCardInput): CardElement[] {
  const out: CardElement[] = [];
  if (input.saved) out.push(paragraph(input.saved, { color: 'good', weight: 'bolder' }));
  if (input.error) out.push(paragraph(input.error, { color: 'attention', weight: 'bolder' }));
  return out;
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max).trimEnd()}… (the full text is in the tab)` : value;
}

/** The measured on-time rate, shown beside the reviewee's own answer. */
export function measuredText(measured: { onTime: number; submitted: number }, checkIn: string): string {
  if (measured.submitted === 0) return `Measured: no ${checkIn}s submitted yet`;
  return `Measured: ${Math.round((measured.onTime / measured.submitted) * 100)}% on time (${measured.onTime} of ${measured.submitted})`;
}

function rockSection(input: EndOfYearCardInput, value: Value, rock: { id: string; title: string }, i: number): CardElement {
  const saved = input.reflection?.rocks.find((r) => r.rockId === rock.id);
  const id = (field: string) => `rock_${i}_${field}`;
  const word = input.vocabulary.rock;
  return {
    type: 'Container',
    separator: true,
    items: [
      paragraph(`${sentenceCase(word)} ${i + 1}: ${rock.title}`, { weight: 'bolder', size: 'medium' }),
      text(id('progress'), `What progress was made with this ${word} since the start of the cycle?`, value(id('progress'), saved?.progress), 3000),
      text(id('challenges'), 'Minus: what challenges did you face? Is there anything you would have liked to have done further?', value(id('challenges'), saved?.challenges), 3000),
      text(id('takeForward'), `Interesting: what will you take from your work on this ${word} into your practice next year?`, value(id('takeForward'), saved?.takeForward), 3000),
      choices(id('completed'), `Would you consider yourself to have completed this ${word} fully?`, [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }], value(id('completed'), saved?.completed), 'expanded'),
      text(id('percentComplete'), 'If no, what % complete will you end the year on?', value(id('percentComplete'), saved?.percentComplete), 3, false),
      text(id('comments'), 'Comments', value(id('comments'), saved?.comments), 2000),
      text(id('supportReceived'), 'Support I received for this', value(id('supportReceived'), saved?.supportReceived), 2000),
    ],
  };
}

function reflectionBody(input: EndOfYearCardInput): CardElement[] {
  const value = valueOf(input);
  const r = input.reflection;
  const scores: Choice[] = Array.from({ length: 10 }, (_, i) => ({ title: String(i + 1), value: String(i + 1) }));
  return [
    heading(`${input.label}: looking back`),
    paragraph(`Reflect on your professional growth this year. It is saved as a draft while you write and only you see it until you send it to ${input.reviewerName}. ${input.standing}`, { isSubtle: true }),
    text('recognition', 'Recognition you have received this year (feedback, and from whom)', value('recognition', r?.recognition), 4000),
    text('www', 'What have been your biggest achievements this year? What Went Well?', value('www', r?.www), 4000),
    text('ebi', 'What could have gone better? Even Better If? Explain any barriers to your success', value('ebi', r?.ebi), 4000),
    text('whatNext', 'What plans went ahead? What next: what would you like to continue into next year?', value('whatNext', r?.whatNext), 4000),
    ...input.rocks.map((rock, i) => rockSection(input, value, rock, i)),
    text('anythingElse', 'Do you wish to add anything further to be considered by your reviewer?', value('anythingElse', r?.anythingElse), 3000),
    text('supportReceived', 'Professional support you received or actions you took to enable you to be successful', value('supportReceived', r?.supportReceived), 3000),
    choices('score', 'From the Professional Growth Framework, what score would you give yourself at year end (1-10)?', scores, value('score', r?.score)),
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [choices('onTime', `How often do you submit your fortnightly ${input.vocabulary.checkIn} on time?`, onTimeAnswers.map((a) => ({ title: ON_TIME_TITLES[a], value: a })), value('onTime', r?.onTime))] },
        { type: 'Column', width: 'auto', verticalContentAlignment: 'bottom', items: [paragraph(measuredText(input.measured, input.vocabulary.checkIn), { isSubtle: true })] },
      ],
    },
    choices('jobDescription', 'How fully are you meeting the requirements detailed in your job description?', jobDescriptionAnswers.map((a) => ({ title: JOB_TITLES[a], value: a })), value('jobDescription', r?.jobDescription)),
    ...(input.selfAssessment.length > 0
      ? [choices('selfAssessment', 'Self-assessment: taking into account progress against your objectives, which have you met at year end?', optionChoices(input.selfAssessment), value('selfAssessment', r?.selfAssessment), 'expanded')]
      : []),
  ];
}

function reflectionActions(input: EndOfYearCardInput): CardAction[] {
  const data: Record<string, string> = { reviewId: input.reviewId };
  input.rocks.forEach((rock, i) => (data[`rock_${i}`] = rock.id));
  const actions: CardAction[] = [];
  if (input.canEdit) {
    if (!input.reflectionSubmitted) actions.push({ type: 'Action.Execute', title: 'Save draft', verb: REVIEW_VERBS.saveReflection, data });
    actions.push({ type: 'Action.Execute', title: input.reflectionSubmitted ? 'Save changes' : `Send to ${input.reviewerName}`, verb: REVIEW_VERBS.submitReflection, data, style: 'positive' });
  }
  actions.push({ type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl });
  return actions;
}

/** The reflection, read only, for the reviewer and the decider (and the reviewee once it is fixed). */
function reflectionSummary(input: EndOfYearCardInput, max: number): CardElement[] {
  const r = input.reflection;
  if (!r) return [];
  const facts = (pairs: Array<[string, string | undefined]>) => pairs.filter(([, v]) => v).map(([title, v]) => ({ title, value: clip(v!, max) }));
  const optionLabel = (options: readonly ReviewOption[], key?: string) => options.find((o) => o.key === key)?.label ?? key;
  return [
    paragraph(input.personName === 'you' ? 'Your reflection, as sent' : `${input.personName}'s reflection`, { weight: 'bolder', size: 'medium', separator: true }),
    { type: 'FactSet', facts: facts([['What went well', r.www], ['Even better if', r.ebi], ['What next', r.whatNext], ['Recognition', r.recognition], ['Anything else', r.anythingElse], ['Support received', r.supportReceived]]) },
    ...r.rocks.map((rr, i): CardElement => {
      const title = input.rocks.find((k) => k.id === rr.rockId)?.title ?? `${sentenceCase(input.vocabulary.rock)} ${i + 1}`;
      const done = rr.completed === 'yes' ? 'Completed' : rr.completed === 'no' ? `Not completed${rr.percentComplete !== undefined ? ` (${rr.percentComplete}%)` : ''}` : undefined;
      return { type: 'Container', items: [paragraph(title, { weight: 'bolder' }), { type: 'FactSet', facts: facts([['Progress', rr.progress], ['Minus', rr.challenges], ['Interesting', rr.takeForward], ['Completed', done], ['Comments', rr.comments], ['Support', rr.supportReceived]]) }] };
    }),
    {
      type: 'FactSet',
      facts: facts([
        ['Score (1-10)', r.score?.toString()],
        ['Check-ins on time', r.onTime ? `${ON_TIME_TITLES[r.onTime]} · ${measuredText(input.measured, input.vocabulary.checkIn)}` : measuredText(input.measured, input.vocabulary.checkIn)],
        ['Job description', r.jobDescription ? JOB_TITLES[r.jobDescription] : undefined],
        ['Self-assessment', optionLabel(input.selfAssessment, r.selfAssessment)],
      ]),
    },
  ];
}

function statementBody(input: EndOfYearCardInput, max: number): CardElement[] {
  const value = valueOf(input);
  const s = input.statement;
  const editable = input.canEdit;
  const out: CardElement[] = [heading(`${input.label}: ${input.personName}`), paragraph(input.standing, { isSubtle: true }), ...reflectionSummary(input, max)];
  if (!editable) return [...out, ...statementFacts(input, max), ...decisionLine(input)];
  out.push(
    paragraph('Review statement', { weight: 'bolder', size: 'medium', separator: true }),
    text('meetingOn', `Date of the review meeting (YYYY-MM-DD)${input.requireMeetingDate ? '' : ' (optional)'}`, value('meetingOn', s?.meetingOn), 10, false),
    text('statement', 'Review statement', value('statement', s?.statement), 6000),
    text('rolePerformance', 'Performance of the role against its standards and accountabilities', value('rolePerformance', s?.rolePerformance), 4000),
    text('developmentNeeds', 'Learning and development needs, or support, for the coming year', value('developmentNeeds', s?.developmentNeeds), 3000),
    choices('outcome', 'Taking into account progress against the objectives, the job description and the standards for the role, my recommendation is:', optionChoices(input.outcomes), value('outcome', s?.outcome), 'expanded'),
  );
  return out;
}

function statementFacts(input: EndOfYearCardInput, max: number): CardElement[] {
  const s = input.statement;
  if (!s) return [];
  const outcome = input.outcomes.find((o) => o.key === s.outcome)?.label ?? s.outcome;
  const facts = [
    { title: 'Reviewer', value: input.reviewerName },
    ...(s.meetingOn ? [{ title: 'Date of review', value: s.meetingOn }] : []),
    { title: "Reviewer's outcome", value: outcome },
    { title: 'Statement', value: clip(s.statement, max) },
    ...(s.rolePerformance ? [{ title: 'Performance of the role', value: clip(s.rolePerformance, max) }] : []),
    ...(s.developmentNeeds ? [{ title: 'Development needs', value: clip(s.developmentNeeds, max) }] : []),
  ];
  return [paragraph('Review statement', { weight: 'bolder', size: 'medium', separator: true }), { type: 'FactSet', facts }];
}

function decisionLine(input: EndOfYearCardInput): CardElement[] {
  const d = input.decision;
  if (!d) return [];
  const label = input.outcomes.find((o) => o.key === d.outcome)?.label ?? d.outcome;
  return [paragraph(`Final decision — ${d.confirmed ? 'confirmed' : 'changed'} by ${d.byName}: ${label}${d.reason ? `. Reason: ${d.reason}` : ''}`, { weight: 'bolder', separator: true })];
}

function decisionBody(input: EndOfYearCardInput, max: number): CardElement[] {
  const value = valueOf(input);
  const out: CardElement[] = [heading(`Final decision: ${input.personName}`), paragraph(input.standing, { isSubtle: true }), ...statementFacts(input, max), ...reflectionSummary(input, Math.min(max, 300))];
  if (input.decision) return [...out, ...decisionLine(input)];
  if (!input.canEdit || !input.statement) return out;
  out.push(
    choices('outcome', "Confirm the reviewer's outcome, or change it", optionChoices(input.outcomes), value('outcome', input.statement.outcome), 'expanded'),
    text('reason', 'Reason (needed when you change the outcome)', value('reason'), 2000),
  );
  return out;
}

function summaryBody(input: EndOfYearCardInput, max: number): CardElement[] {
  const s = input.summary;
  const value = valueOf(input);
  const outcome = s?.outcomeLabel || (input.decision ? input.outcomes.find((o) => o.key === input.decision!.outcome)?.label : undefined) || (input.statement ? input.outcomes.find((o) => o.key === input.statement!.outcome)?.label : '') || '';
  const out: CardElement[] = [heading(`${input.label}: your ${s ? 'written summary' : 'outcome'}`), paragraph(input.standing, { isSubtle: true }), { type: 'FactSet', facts: [{ title: 'Outcome', value: outcome }] }];
  if (s) {
    out.push(
      ...s.rocks.map((r): CardElement => ({ type: 'FactSet', facts: [{ title: r.title, value: clip(`${r.progress}${r.completed ? ` (${r.completed})` : ''}`, max) }] })),
      { type: 'FactSet', facts: [{ title: 'Performance of the role', value: clip(s.rolePerformance, max) }, { title: 'Statement', value: clip(s.statement, max) }] },
      ...s.supportingInformation.slice(0, 8).map((line) => paragraph(`• ${clip(line, Math.min(max, 300))}`, { spacing: 'none' })),
      paragraph('Next year', { weight: 'bolder', separator: true }),
      ...s.nextYear.rocks.map((r) => paragraph(`${r.title}${r.successCriteria.length ? `: ${r.successCriteria.join('; ')}` : ''}`, { spacing: 'none' })),
      { type: 'FactSet', facts: [{ title: 'Supporting standards', value: clip(s.nextYear.standards, max) }, { title: 'Growth plan', value: clip(s.nextYear.growthPlan, max) }] },
    );
  } else {
    out.push(...statementFacts(input, max));
  }
  out.push(text('text', input.comment ? 'Your comment (you can change it)' : `Your comment on ${s ? 'the summary' : 'the outcome'}`, value('text', input.comment ?? undefined), 3000));
  return out;
}

const ACTIONS: Record<Exclude<EndOfYearView, 'reflection'>, { verb: string; title: string } | null> = {
  waiting: null,
  statement: { verb: REVIEW_VERBS.submitStatement, title: 'Save the statement' },
  decision: { verb: REVIEW_VERBS.decide, title: 'Make the final decision' },
  summary: { verb: REVIEW_VERBS.comment, title: 'Save my comment' },
};

function build(input: EndOfYearCardInput, max: number): AdaptiveCard {
  if (input.view === 'reflection') return adaptiveCard([...banner(input), ...reflectionBody(input)], reflectionActions(input));
  const body =
    input.view === 'statement' ? statementBody(input, max)
    : input.view === 'decision' ? decisionBody(input, max)
    : input.view === 'summary' ? summaryBody(input, max)
    : [heading(input.personName === 'you' ? input.label : `${input.label}: ${input.personName}`), paragraph(input.standing), ...reflectionSummary(input, max), ...statementFacts(input, max)];
  const action = ACTIONS[input.view];
  const editable = input.canEdit && action && (input.view !== 'decision' || !input.decision);
  const actions: CardAction[] = editable ? [{ type: 'Action.Execute', title: action.title, verb: action.verb, data: { reviewId: input.reviewId }, style: 'positive' }] : [];
  if (input.view === 'statement' || input.view === 'decision') actions.push({ type: 'Action.OpenUrl', title: "See the year's check-ins in the tab", url: input.checkInsUrl });
  else actions.push({ type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl });
  return adaptiveCard([...banner(input), ...body], actions);
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Replaces the Input.Text holding the longest value with a note to edit it in the tab (nothing typed is lost: a field missing from a save keeps what was stored). */
function dropLongestInput(elements: CardElement[]): boolean {
  let best: { list: CardElement[]; index: number; length: number } | null = null;
  const walk = (list: CardElement[]) =>
    list.forEach((el, index) => {
      if (el.type === 'Input.Text' && (el.value?.length ?? 0) > (best?.length ?? 0)) best = { list, index, length: el.value!.length };
      if (el.type === 'Container') walk(el.items);
      if (el.type === 'ColumnSet') el.columns.forEach((c) => walk(c.items));
    });
  walk(elements);
  if (!best) return false;
  const { list, index } = best as { list: CardElement[]; index: number };
  const input = list[index] as InputText;
  list[index] = paragraph(`${input.label}: this answer is too long to edit in the chat; it is kept as written. Open the tab to change it.`, { isSubtle: true });
  return true;
}

/** The card for one audience, made to fit under Teams' size limit (read-only text clipped first, then the longest answers moved to the tab). */
export function buildEndOfYearCard(input: EndOfYearCardInput): AdaptiveCard {
  let max = 1500;
  let card = build(input, max);
  while (cardBytes(card) > END_OF_YEAR_CARD_MAX_BYTES && max > 150) {
    max = Math.floor(max / 2);
    card = build(input, max);
  }
  while (cardBytes(card) > END_OF_YEAR_CARD_MAX_BYTES && dropLongestInput(card.body));
  return card;
}
