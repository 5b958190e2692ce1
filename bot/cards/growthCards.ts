// Coach-led growth cards (seed 002, "Growing Great People"): stage one self-reflection, the
// professional growth plan, a growth-log entry after a check-in, and the end-of-cycle reflection,
// review and sharing. Each is a form with a place to write; a validation error keeps what was typed.
import type { EndReflection, GrowthLogEntry, GrowthPlan, Rock, SelfReflection } from '../../shared/domain';
import { VERBS } from '../../shared/verbs';
import type { AdaptiveCard, CardAction, CardElement, InputText } from './adaptiveCard';
import { adaptiveCard, heading, paragraph, sentenceCase } from './adaptiveCard';
import type { Vocabulary } from './checkInCard';

export const GROWTH_TEXT_MAX = 3000;
export const GROWTH_LINE_MAX = 2000;

export type GrowthCardName = 'self-reflection' | 'growth-plan' | 'growth-log' | 'end-reflection';

export interface GrowthCardInput {
  card: GrowthCardName;
  vocabulary: Vocabulary;
  personName: string;
  coachName?: string;
  cycleLabel: string;
  standard: string;
  selfReflection: Pick<SelfReflection, 'strengths' | 'growthAreas' | 'developmentNeeds'> | null;
  plan: Pick<GrowthPlan, 'howIWillLearn' | 'checkInDates' | 'completionOn' | 'notes'> | null;
  suggestedCheckInDates: string[];
  commitments: Array<Pick<Rock, 'title' | 'status' | 'successCriteria'>>;
  endReflection: Pick<EndReflection, 'successes' | 'growth' | 'sharing'> | null;
  logCount: number;
  checkIn?: { id: string; title: string };
  logEntry: Pick<GrowthLogEntry, 'whatIDid' | 'whatILearned' | 'next' | 'feedback' | 'feedbackFrom'> | null;
  /** A fresh id for a new log entry, so a retried submit does not add it twice. */
  newEntryId: string;
  tabUrl: string;
  /** After a save: what was saved, shown above the form. */
  saved?: string;
  /** After a refused save: what to fix, and the text as typed. */
  error?: string;
  draft?: Record<string, string>;
}

function textInput(id: string, label: string, value: string | undefined, options: Partial<InputText> = {}): InputText {
  return { type: 'Input.Text', id, label, value: value ?? '', isMultiline: true, maxLength: GROWTH_TEXT_MAX, ...options };
}

function banner(input: GrowthCardInput): CardElement[] {
  const out: CardElement[] = [];
  if (input.saved) out.push(paragraph(input.saved, { color: 'good', weight: 'bolder' }));
  if (input.error) out.push(paragraph(input.error, { color: 'attention', weight: 'bolder' }));
  return out;
}

function selfReflectionBody(input: GrowthCardInput, value: (id: string, stored?: string) => string): CardElement[] {
  return [
    heading('Stage one: establishing a starting point'),
    paragraph(`Reflect on your current context, standards and practice against ${input.standard}: what you are best at, your strengths, your future growth areas and your development needs. Your coach sees it: it is the starting point for your first meeting together.`),
    input_('strengths', 'What I am best at — my strengths', value('strengths', input.selfReflection?.strengths), true),
    input_('growthAreas', 'My future growth areas', value('growthAreas', input.selfReflection?.growthAreas), true),
    input_('developmentNeeds', 'My development needs (optional)', value('developmentNeeds', input.selfReflection?.developmentNeeds), false),
  ];
}

function input_(id: string, label: string, value: string, required: boolean): InputText {
  return textInput(id, label, value, required ? { isRequired: true, errorMessage: `${label} is needed` } : {});
}

function commitmentLines(input: GrowthCardInput): CardElement[] {
  const { vocabulary } = input;
  if (input.commitments.length === 0) {
    return [paragraph(`No ${vocabulary.rock} yet.`, { isSubtle: true })];
  }
  return input.commitments.flatMap((c) => [
    paragraph(`${sentenceCase(vocabulary.rock)}: ${c.title}`, { weight: 'bolder' }),
    ...c.successCriteria.map((s) => paragraph(`• ${s.text}${s.targetDate ? ` — by ${s.targetDate}` : ''}${s.done ? ' ✓' : ''}`, { spacing: 'none' })),
  ]);
}

function planBody(input: GrowthCardInput, value: (id: string, stored?: string) => string): CardElement[] {
  const dates = input.plan?.checkInDates.length ? input.plan.checkInDates : input.suggestedCheckInDates;
  return [
    heading(`My professional growth plan · ${input.cycleLabel}`),
    paragraph('What my commitment to grow is, and what success will look like and by when:', { isSubtle: true }),
    ...(input.commitments.length > 0
      ? commitmentLines(input)
      : [
          textInput('commitment', `My ${input.vocabulary.rock} to grow`, value('commitment'), { isMultiline: false, maxLength: 200 }),
          textInput('successLooksLike', 'What success will look like — one per line, each ending "by YYYY-MM-DD"', value('successLooksLike'), { maxLength: GROWTH_LINE_MAX }),
        ]),
    input_('howIWillLearn', 'How I will learn to do this', value('howIWillLearn', input.plan?.howIWillLearn), true),
    textInput('checkInDates', 'Dates for my progress check-ins (YYYY-MM-DD, separated by commas)', value('checkInDates', dates.join(', ')), { isMultiline: false, maxLength: 200 }),
    textInput('completionOn', 'Completion date (YYYY-MM-DD)', value('completionOn', input.plan?.completionOn), { isMultiline: false, maxLength: 10 }),
    textInput('notes', 'Professional support I will use (optional)', value('notes', input.plan?.notes), { maxLength: GROWTH_LINE_MAX }),
  ];
}

function logBody(input: GrowthCardInput, value: (id: string, stored?: string) => string): CardElement[] {
  const about = input.checkIn ? `after ${input.checkIn.title}` : `entry ${input.logCount + 1}`;
  return [
    heading(`My growth log — ${about}`),
    paragraph(`Keep your professional growth log up to date after each ${input.vocabulary.checkIn}${input.coachName ? ` with ${input.coachName}` : ''}. Feedback you received from anyone working with you on your goal counts towards this term's feedback.`),
    input_('whatIDid', 'What I did', value('whatIDid', input.logEntry?.whatIDid), true),
    input_('whatILearned', 'What I learned', value('whatILearned', input.logEntry?.whatILearned), true),
    input_('next', 'What I will do next', value('next', input.logEntry?.next), true),
    textInput('feedback', 'Feedback I received (optional)', value('feedback', input.logEntry?.feedback), { maxLength: GROWTH_LINE_MAX }),
    textInput('feedbackFrom', 'Who it was from (optional)', value('feedbackFrom', input.logEntry?.feedbackFrom), { isMultiline: false, maxLength: 200 }),
  ];
}

function endBody(input: GrowthCardInput, value: (id: string, stored?: string) => string): CardElement[] {
  return [
    heading('Stage four: reflection, review and sharing'),
    paragraph(`Reflect on your successes and growth this cycle and share them with your ${input.vocabulary.reviewer}. You may also present the work to subject, phase or team colleagues.`),
    input_('successes', 'My successes', value('successes', input.endReflection?.successes), true),
    input_('growth', 'How I have grown', value('growth', input.endReflection?.growth), true),
    textInput('sharing', 'How and with whom I shared it (optional)', value('sharing', input.endReflection?.sharing), { maxLength: GROWTH_LINE_MAX }),
  ];
}

const SAVE: Record<GrowthCardName, { verb: string; title: string }> = {
  'self-reflection': { verb: VERBS.saveSelfReflection, title: 'Save my self-reflection' },
  'growth-plan': { verb: VERBS.saveGrowthPlan, title: 'Save my plan' },
  'growth-log': { verb: VERBS.addGrowthLogEntry, title: 'Save to my growth log' },
  'end-reflection': { verb: VERBS.saveEndReflection, title: 'Save my reflection' },
};

export function buildGrowthCard(input: GrowthCardInput): AdaptiveCard {
  const value = (id: string, stored?: string) => input.draft?.[id] ?? stored ?? '';
  const bodies = { 'self-reflection': selfReflectionBody, 'growth-plan': planBody, 'growth-log': logBody, 'end-reflection': endBody };
  const body = [...banner(input), ...bodies[input.card](input, value)];
  const data: Record<string, string> = { card: input.card };
  if (input.card === 'growth-log') {
    if (input.checkIn) data.checkInId = input.checkIn.id;
    else data.entryId = input.draft?.entryId ?? input.newEntryId;
  }
  if (input.card === 'growth-plan' && input.commitments.length === 0) data.commitmentId = input.draft?.commitmentId ?? input.newEntryId;
  const actions: CardAction[] = [
    { type: 'Action.Execute', title: SAVE[input.card].title, verb: SAVE[input.card].verb, data, style: 'positive' },
    { type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl },
  ];
  if (input.saved && input.card === 'self-reflection') actions.splice(1, 0, { type: 'Action.Execute', title: 'Write my growth plan', verb: VERBS.openGrowthCard, data: { card: 'growth-plan' } });
  return adaptiveCard(body, actions);
}

/** For a trust whose policy has no growth plan or log. */
export function buildNoGrowthCard(policyName: string): AdaptiveCard {
  return adaptiveCard([heading('Not part of your policy'), paragraph(`${policyName} has no professional growth plan, self-reflection or growth log. Type "help" to see what you can do.`)]);
}
