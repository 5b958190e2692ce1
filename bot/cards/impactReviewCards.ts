// The March impact review's cards (seed 000 Appendix 4) and the support plan's (seed 000 §12).
// Pure builders of the review's state. One message, two views: Teams refreshes the card for the
// reviewee and the reviewer (refresh.userIds), so each sees their own part — the reviewer the
// outcome form, the reviewee the outcome and a place to comment. A refused save comes back with
// everything typed kept and what to fix named.
import { REVIEW_VERBS } from '../../shared/verbs';
import { adaptiveCard, firstName, heading, paragraph, sentenceCase, type AdaptiveCard, type CardAction, type CardElement, type InputText } from './adaptiveCard';
import type { Vocabulary } from './checkInCard';

/** Teams refreshes automatically for at most 60 users. */
const MAX_REFRESH_USERS = 60;
export const IMPACT_NOTES_MAX = 3000;
export const IMPACT_STRETCH_MAX = 2000;
export const SUPPORT_TEXT_MAX = 4000;
export const COMMENT_MAX = 3000;

export type ReviewCardName = 'impact' | 'support';

export interface ReviewOptionView {
  key: string;
  label: string;
  guidance?: string;
  effect: string;
}

interface CardCommon {
  reviewId: string;
  revieweeName: string;
  reviewerName: string;
  vocabulary: Vocabulary;
  /** Teams user ids of the reviewee and the reviewer, for their own views. */
  refreshUserIds: string[];
  tabUrl: string;
  rocksUrl: string;
  saved?: string;
  error?: string;
  draft?: Record<string, string>;
}

export interface ImpactCardInput extends CardCommon {
  view: 'reviewer' | 'reviewee' | 'observer';
  label: string;
  outcomes: ReviewOptionView[];
  requireMeetingDate: boolean;
  /** When the 1:1 is due, in words ("by Thursday 2 April 2026"). */
  dueText: string;
  recorded: { outcomeKey: string; meetingOn?: string; notes: string; stretch: string } | null;
  comment: string | null;
  /** The review's cycle is still current: the outcome may be recorded (again). */
  open: boolean;
}

export interface SupportCardInput extends CardCommon {
  view: 'reviewer' | 'reviewee' | 'observer';
  /** The review whose outcome recommended support ("March impact review"). */
  reviewLabel: string;
  /** Beyond the person and their reviewer, who may read the plan (policy.reviews.support.seenBy), in words. */
  alsoSeenBy: string[];
  routes: Array<{ key: string; label: string; ifUnsuccessful: string }>;
  plan: { route: string; whatWillHelp: string; reviewOn: string; notes: string } | null;
  outcome: { succeeded: boolean; note: string; nextStep: string } | null;
  /** Whether the person's check-in prompts are paused now. */
  paused: boolean;
}

export const REVIEW_FIELD_LABELS: Record<string, string> = {
  outcome: 'Outcome',
  meetingOn: 'Date of the 1:1 meeting',
  notes: 'Notes',
  stretch: 'Stretch',
  route: 'Route',
  whatWillHelp: 'What will help',
  reviewOn: 'Review date',
  succeeded: 'Has it been successful?',
  note: 'Note',
  text: 'Your comment',
};

function refreshOf(input: CardCommon, card: ReviewCardName): AdaptiveCard['refresh'] {
  const userIds = [...new Set(input.refreshUserIds)].slice(0, MAX_REFRESH_USERS);
  return { action: { type: 'Action.Execute', title: 'Refresh', verb: REVIEW_VERBS.refresh, data: { reviewId: input.reviewId, card } }, ...(userIds.length > 0 ? { userIds } : {}) };
}

function banner(input: CardCommon): CardElement[] {
  const out: CardElement[] = [];
  if (input.saved) out.push(paragraph(input.saved, { color: 'good', weight: 'bolder' }));
  if (input.error) out.push(paragraph(input.error, { color: 'attention', weight: 'bolder' }));
  return out;
}

function text(id: string, label: string, value: string, maxLength: number, extra: Partial<InputText> = {}): InputText {
  return { type: 'Input.Text', id, label, value, maxLength, isMultiline: true, ...extra };
}

function dateInput(id: string, label: string, value: string, required: boolean): InputText {
  return text(id, label, value, 10, { isMultiline: false, placeholder: 'YYYY-MM-DD', ...(required ? { isRequired: true, errorMessage: `${label} is needed` } : {}) });
}

function withCard(card: AdaptiveCard, input: CardCommon, name: ReviewCardName): AdaptiveCard {
  card.refresh = refreshOf(input, name);
  return card;
}

// ── The impact review ───────────────────────────────────────────────────────────────────────

function optionLines(outcomes: ReviewOptionView[]): CardElement[] {
  return outcomes.map((o, i) => paragraph(`**${o.label}**${o.guidance ? ` — ${o.guidance}` : ''}`, { spacing: i === 0 ? 'default' : 'small' }));
}

function recordedLines(input: ImpactCardInput, option: ReviewOptionView | undefined): CardElement[] {
  const r = input.recorded!;
  const lines: CardElement[] = [
    {
      type: 'FactSet',
      facts: [
        { title: 'Outcome', value: option?.label ?? r.outcomeKey },
        ...(r.meetingOn ? [{ title: '1:1 meeting', value: r.meetingOn }] : []),
        { title: sentenceCase(input.vocabulary.reviewer), value: input.reviewerName },
      ],
    },
  ];
  if (r.notes) lines.push(paragraph(`Notes: ${r.notes}`));
  if (option?.effect === 'talent') {
    lines.push(paragraph(option.guidance ?? `Consider a stretch in a ${input.vocabulary.rock} to support a final judgement of Exceptional.`, { weight: 'bolder', color: 'good' }));
    if (r.stretch) lines.push(paragraph(`Stretch agreed: ${r.stretch}`));
  }
  return lines;
}

function reviewerImpactBody(input: ImpactCardInput, option: ReviewOptionView | undefined): CardElement[] {
  const value = (id: string, stored?: string) => input.draft?.[id] ?? stored ?? '';
  const body: CardElement[] = [heading(`${input.label}: ${input.revieweeName}`)];
  if (input.recorded) body.push(...recordedLines(input, option));
  else body.push(paragraph(`Hold the 1:1 impact review with ${firstName(input.revieweeName)} ${input.dueText}, then record one of the outcomes:`));
  if (option?.effect === 'support') body.push(paragraph(`${firstName(input.revieweeName)}'s professional growth is paused: their ${input.vocabulary.checkIn} prompts have stopped. Record the support plan next.`, { weight: 'bolder' }));
  if (input.comment) body.push(paragraph(`${firstName(input.revieweeName)}'s comment: ${input.comment}`, { separator: true }));
  if (!input.open) return body;
  body.push(...optionLines(input.outcomes));
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: 'outcome',
      label: 'Outcome',
      style: 'expanded',
      wrap: true,
      choices: input.outcomes.map((o) => ({ title: o.label, value: o.key })),
      value: value('outcome', input.recorded?.outcomeKey),
      isRequired: true,
      errorMessage: 'Choose an outcome',
    },
    dateInput('meetingOn', 'Date of the 1:1 meeting', value('meetingOn', input.recorded?.meetingOn), input.requireMeetingDate),
    text('notes', 'Notes from the meeting (optional; the reviewee sees them)', value('notes', input.recorded?.notes), IMPACT_NOTES_MAX),
  );
  const talent = input.outcomes.find((o) => o.effect === 'talent');
  if (talent) {
    body.push(text('stretch', `If ${talent.label.toLowerCase()}: the stretch agreed in a ${input.vocabulary.rock} (optional)`, value('stretch', input.recorded?.stretch), IMPACT_STRETCH_MAX));
  }
  return body;
}

function revieweeImpactBody(input: ImpactCardInput, option: ReviewOptionView | undefined): CardElement[] {
  const reviewer = firstName(input.reviewerName);
  const body: CardElement[] = [heading(input.label)];
  if (!input.recorded) {
    body.push(paragraph(`${input.reviewerName} will meet you 1:1 ${input.dueText} for your impact review, and then record the outcome here. The outcomes are:`));
    body.push(...optionLines(input.outcomes.map((o) => ({ ...o, guidance: o.effect === 'support' ? 'some support to help you meet the standards for your role' : o.guidance }))));
    return body;
  }
  if (option?.effect === 'support') {
    body.push(paragraph(`${input.reviewerName} has recorded the outcome of your impact review: ${option.label.toLowerCase()}.`));
    body.push(paragraph(`Your professional growth is paused while a support plan helps you, and ${reviewer} will agree the plan with you. A separate message explains what happens now.`));
  } else {
    body.push(...recordedLines(input, option));
    if (option?.effect === 'none' && option.guidance) body.push(paragraph(option.guidance));
  }
  body.push(
    text('text', `Your comment on the outcome (optional; ${reviewer} sees it)`, input.draft?.text ?? input.comment ?? '', COMMENT_MAX, {
      spacing: 'large',
    }),
  );
  return body;
}

export function buildImpactReviewCard(input: ImpactCardInput): AdaptiveCard {
  const option = input.recorded ? input.outcomes.find((o) => o.key === input.recorded!.outcomeKey) : undefined;
  const body = [...banner(input), ...(input.view === 'reviewee' ? revieweeImpactBody(input, option) : input.view === 'reviewer' ? reviewerImpactBody(input, option) : recordedOrWaiting(input, option))];
  const data = { reviewId: input.reviewId, card: 'impact' };
  const actions: CardAction[] = [];
  if (input.view === 'reviewer' && input.open) actions.push({ type: 'Action.Execute', title: input.recorded ? 'Record again' : 'Record the outcome', verb: REVIEW_VERBS.recordImpact, data, style: 'positive' });
  if (input.view === 'reviewer' && option?.effect === 'support') actions.push({ type: 'Action.Execute', title: 'Write the support plan', verb: REVIEW_VERBS.open, data: { reviewId: input.reviewId, card: 'support' } });
  if (input.view === 'reviewee' && input.recorded) actions.push({ type: 'Action.Execute', title: input.comment ? 'Update my comment' : 'Send my comment', verb: REVIEW_VERBS.comment, data });
  actions.push({ type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl });
  return withCard(adaptiveCard(body, actions), input, 'impact');
}

function recordedOrWaiting(input: ImpactCardInput, option: ReviewOptionView | undefined): CardElement[] {
  const body: CardElement[] = [heading(`${input.label}: ${input.revieweeName}`)];
  if (input.recorded) body.push(...recordedLines(input, option));
  else body.push(paragraph(`Waiting for ${input.reviewerName} to record the outcome.`, { isSubtle: true }));
  return body;
}

// ── The support plan ───────────────────────────────────────────────────────────────────────

function routeLabel(input: SupportCardInput, key: string): string {
  return input.routes.find((r) => r.key === key)?.label ?? key;
}

function planFacts(input: SupportCardInput): CardElement[] {
  const plan = input.plan!;
  const out: CardElement[] = [
    {
      type: 'FactSet',
      facts: [
        { title: 'Route', value: routeLabel(input, plan.route) },
        { title: 'Review of the plan', value: plan.reviewOn },
      ],
    },
    paragraph(`What will help: ${plan.whatWillHelp}`),
  ];
  if (plan.notes) out.push(paragraph(`Notes: ${plan.notes}`));
  return out;
}

/** seed 000 §12, told plainly and kindly: what happens now, check-ins pause, who to talk to. */
function pausedWords(input: SupportCardInput): CardElement[] {
  const reviewer = firstName(input.reviewerName);
  const { checkIn, rocks } = input.vocabulary;
  return [
    heading('Your professional growth is paused for now'),
    paragraph(`After your ${input.reviewLabel}, ${input.reviewerName} has recommended some support to help you meet the standards for your role. This is about helping you, and it is confidential: only you, ${[reviewer, ...input.alsoSeenBy].join(', ').replace(/, ([^,]*)$/, ' and $1')} can see it.`),
    paragraph('**What happens now**'),
    paragraph(`• Your fortnightly ${checkIn}s pause, so you can put your energy into the support. You won't be asked for a ${checkIn} in the meantime.`, { spacing: 'small' }),
    paragraph(`• ${reviewer} will agree a support plan with you: what will help, and when you will review it together.`, { spacing: 'small' }),
    paragraph(`• When the plan has worked, your ${checkIn}s start again and you review and update your ${rocks} together.`, { spacing: 'small' }),
    paragraph('**Who to talk to**'),
    paragraph(`${reviewer} first — about anything in the plan, or if something outside work is making things harder. Your PG administrator or HR can also talk it through with you in confidence.`, { spacing: 'small' }),
  ];
}

function revieweeSupportBody(input: SupportCardInput): CardElement[] {
  const reviewer = firstName(input.reviewerName);
  if (input.outcome?.succeeded) {
    return [
      heading('Welcome back to professional growth'),
      paragraph(`${input.reviewerName} has reviewed your support plan with you, and it has worked — well done.`),
      paragraph(`Your ${input.vocabulary.checkIn}s start again from the next one. Take a few minutes to review and update your ${input.vocabulary.rocks} with ${reviewer}.`, { weight: 'bolder' }),
    ];
  }
  if (input.outcome) {
    return [
      heading('Your support plan has been reviewed'),
      paragraph(`${input.reviewerName} has recorded that the plan has not yet done what it set out to. The next step the policy names: ${input.outcome.nextStep}`),
      paragraph(`${reviewer} will talk with you about what this means before anything else happens. Your ${input.vocabulary.checkIn}s stay paused for now. Your PG administrator or HR can talk it through with you in confidence.`),
    ];
  }
  const body = pausedWords(input);
  if (input.plan) body.push(paragraph('**Your support plan**', { separator: true }), ...planFacts(input));
  return body;
}

function reviewerSupportForm(input: SupportCardInput): CardElement[] {
  const value = (id: string, stored?: string) => input.draft?.[id] ?? stored ?? '';
  return [
    paragraph(input.plan ? 'Change the plan' : 'Determine the route and record the plan:', { weight: 'bolder', separator: true }),
    { type: 'Input.ChoiceSet', id: 'route', label: 'Route', style: 'expanded', wrap: true, choices: input.routes.map((r) => ({ title: r.label, value: r.key })), value: value('route', input.plan?.route), isRequired: true, errorMessage: 'Choose a route' },
    text('whatWillHelp', 'What will help', value('whatWillHelp', input.plan?.whatWillHelp), SUPPORT_TEXT_MAX, { isRequired: true, errorMessage: 'What will help is needed' }),
    dateInput('reviewOn', 'Review date for the plan', value('reviewOn', input.plan?.reviewOn), true),
    text('notes', 'Notes (optional)', value('notes', input.plan?.notes), 2000),
  ];
}

function reviewerOutcomeForm(input: SupportCardInput): CardElement[] {
  const value = (id: string) => input.draft?.[id] ?? '';
  return [
    paragraph('At the review: has it been successful?', { weight: 'bolder', separator: true }),
    paragraph(input.routes.map((r) => `If ${r.label.toLowerCase()} has not succeeded: ${r.ifUnsuccessful}`).join('\n\n'), { isSubtle: true }),
    {
      type: 'Input.ChoiceSet',
      id: 'succeeded',
      label: 'Has it been successful?',
      style: 'expanded',
      choices: [
        { title: `Yes — end the process and resume professional growth with a review and update of the ${input.vocabulary.rocks}`, value: 'yes' },
        { title: 'No — record the next step', value: 'no' },
      ],
      value: value('succeeded'),
      wrap: true,
      // Not isRequired: the client would then refuse the plan's Save on this same card.
    },
    text('note', 'Note (optional)', value('note'), 3000),
  ];
}

function reviewerSupportBody(input: SupportCardInput): CardElement[] {
  const name = firstName(input.revieweeName);
  const body: CardElement[] = [heading(`Support plan: ${input.revieweeName}`)];
  if (input.outcome) {
    body.push(...(input.plan ? planFacts(input) : []));
    body.push(
      input.outcome.succeeded
        ? paragraph(`Recorded: the plan succeeded. ${name}'s professional growth has resumed; review and update their ${input.vocabulary.rocks} together.`, { weight: 'bolder', color: 'good' })
        : paragraph(`Recorded: the plan has not succeeded. Next step: ${input.outcome.nextStep}`, { weight: 'bolder' }),
    );
    if (input.outcome.note) body.push(paragraph(`Note: ${input.outcome.note}`));
    return body;
  }
  body.push(paragraph(input.paused ? `${name}'s professional growth is paused: their ${input.vocabulary.checkIn} prompts have stopped while the plan runs. They have been told, kindly, what happens now.` : `${name} is not paused at the moment.`));
  if (input.plan) body.push(...planFacts(input));
  body.push(...reviewerSupportForm(input));
  if (input.plan) body.push(...reviewerOutcomeForm(input));
  return body;
}

export function buildSupportPlanCard(input: SupportCardInput): AdaptiveCard {
  const body =
    input.view === 'reviewee'
      ? revieweeSupportBody(input)
      : input.view === 'reviewer'
        ? reviewerSupportBody(input)
        : [heading(`Support plan: ${input.revieweeName}`), ...(input.plan ? planFacts(input) : [paragraph('No plan recorded yet.', { isSubtle: true })])];
  const data = { reviewId: input.reviewId, card: 'support' };
  const actions: CardAction[] = [];
  if (input.view === 'reviewer' && !input.outcome) {
    actions.push({ type: 'Action.Execute', title: input.plan ? 'Save the plan' : 'Record the plan', verb: REVIEW_VERBS.saveSupportPlan, data, style: 'positive' });
    if (input.plan) actions.push({ type: 'Action.Execute', title: 'Record the outcome', verb: REVIEW_VERBS.recordSupportOutcome, data });
  }
  if (input.view === 'reviewee' && input.outcome?.succeeded) actions.push({ type: 'Action.OpenUrl', title: `Review my ${input.vocabulary.rocks}`, url: input.rocksUrl });
  actions.push({ type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl });
  return withCard(adaptiveCard([...banner(input), ...body], actions), input, 'support');
}
