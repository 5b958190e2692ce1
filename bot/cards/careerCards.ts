// The March career conversation's cards (seed 000 Appendix 4), pure builders of the state: the
// reviewer's card to record the 1:1 and a route (with the person's survey answers where the policy
// lets the reviewer read them, and each route's follow-ups listed), the reviewee's record with a
// place to comment, and a follow-up task's card (what, about whom, due, Close with a note). A
// refused save comes back with everything typed kept and what to fix named.
import { TALENT_VERBS } from '../../shared/verbs';
import { adaptiveCard, firstName, heading, paragraph, type AdaptiveCard, type CardAction, type CardElement, type InputText } from './adaptiveCard';

export const CAREER_NOTES_MAX = 3000;
export const CAREER_COMMENT_MAX = 3000;
export const FOLLOW_UP_NOTE_MAX = 2000;

export const CAREER_FIELD_LABELS: Record<string, string> = {
  route: 'Route',
  meetingOn: 'Date of the 1:1 career conversation',
  notes: 'Notes',
  text: 'Your comment',
  note: 'Note',
};

export interface CareerRouteView {
  key: string;
  label: string;
  followUps: Array<{ text: string; ownerWords: string; dueWords: string }>;
}

export interface CareerFollowUpView {
  id: string;
  text: string;
  ownerWords: string;
  dueOn: string;
  status: 'open' | 'closed';
  stayInterview: boolean;
  closedNote?: string;
}

interface Common {
  personId: string;
  cycleId: string;
  personName: string;
  reviewerName: string;
  reviewerWord: string;
  tabUrl: string;
  saved?: string;
  error?: string;
  draft?: Record<string, string>;
}

export interface CareerReviewerCardInput extends Common {
  eventTitle: string;
  /** When the window closes, in words. */
  dueText: string;
  routes: CareerRouteView[];
  recorded: { route: string; meetingOn?: string; notes: string } | null;
  followUps: CareerFollowUpView[];
  comment: string | null;
  /** The person's survey answers (question → answer in words); null when the policy does not let the reviewer read them. */
  surveyAnswers: Array<{ question: string; answer: string }> | null;
}

export interface CareerRevieweeCardInput extends Common {
  routeLabel: string | null;
  recorded: { meetingOn?: string; notes: string } | null;
  followUps: CareerFollowUpView[];
  comment: string | null;
}

export interface FollowUpCardInput {
  followUpId: string;
  text: string;
  personName: string;
  routeLabel: string;
  dueOn: string;
  overdue: boolean;
  stayInterview: boolean;
  ownerWords: string;
  /** The task went to the PG administrators because nobody has the recruitment role. */
  fallbackNote?: string;
  status: 'open' | 'closed';
  closedWords?: string;
  canClose: boolean;
  reason: 'assigned' | 'reminder' | 'closed' | 'view';
  tabUrl: string;
  saved?: string;
  error?: string;
  draft?: Record<string, string>;
}

function banner(input: { saved?: string; error?: string }): CardElement[] {
  const out: CardElement[] = [];
  if (input.saved) out.push(paragraph(input.saved, { color: 'good', weight: 'bolder' }));
  if (input.error) out.push(paragraph(input.error, { color: 'attention', weight: 'bolder' }));
  return out;
}

function text(id: string, label: string, value: string, maxLength: number, extra: Partial<InputText> = {}): InputText {
  return { type: 'Input.Text', id, label, value, maxLength, isMultiline: true, ...extra };
}

function followUpLines(followUps: CareerFollowUpView[]): CardElement[] {
  return followUps.map((f, i) =>
    paragraph(`${f.status === 'closed' ? '✓' : '•'} ${f.text} — ${f.ownerWords}, due ${f.dueOn}${f.stayInterview ? ' (stay interview)' : ''}${f.closedNote ? `. Closed: ${f.closedNote}` : ''}`, { spacing: i === 0 ? 'default' : 'small', ...(f.status === 'closed' ? { isSubtle: true } : {}) }),
  );
}

function data(input: Common, card: 'reviewer' | 'reviewee'): Record<string, string> {
  return { personId: input.personId, cycleId: input.cycleId, card };
}

export function buildCareerReviewerCard(input: CareerReviewerCardInput): AdaptiveCard {
  const value = (id: string, stored?: string) => input.draft?.[id] ?? stored ?? '';
  const first = firstName(input.personName);
  const body: CardElement[] = [...banner(input), heading(`${input.eventTitle}: ${input.personName}`)];
  if (input.recorded) body.push(paragraph(`Recorded: ${input.routes.find((r) => r.key === input.recorded!.route)?.label ?? input.recorded.route}${input.recorded.meetingOn ? ` (1:1 on ${input.recorded.meetingOn})` : ''}.`, { weight: 'bolder' }));
  else body.push(paragraph(`Hold the 1:1 career conversation with ${first} ${input.dueText}, then record the route you agreed. Each route sets its follow-ups going.`));
  if (input.surveyAnswers && input.surveyAnswers.length > 0) {
    body.push(paragraph(`**${first}'s aspiration survey answers**`, { separator: true }));
    body.push({ type: 'FactSet', facts: input.surveyAnswers.map((a) => ({ title: a.question, value: a.answer })) });
  } else if (input.surveyAnswers) body.push(paragraph(`${first} has not answered the aspiration survey.`, { isSubtle: true, separator: true }));
  if (input.followUps.length > 0) body.push(paragraph('**Follow-ups**', { separator: true }), ...followUpLines(input.followUps));
  if (input.comment) body.push(paragraph(`${first}'s comment: ${input.comment}`, { separator: true }));
  body.push(paragraph('**The routes**', { separator: true }));
  for (const route of input.routes) {
    body.push(paragraph(`**${route.label}**`, { spacing: 'medium' }));
    body.push(...route.followUps.map((f) => paragraph(`• ${f.text} — ${f.ownerWords}, ${f.dueWords}`, { spacing: 'small' })));
  }
  body.push(
    { type: 'Input.ChoiceSet', id: 'route', label: 'Route', style: 'expanded', wrap: true, choices: input.routes.map((r) => ({ title: r.label, value: r.key })), value: value('route', input.recorded?.route), isRequired: true, errorMessage: 'Choose a route' },
    text('meetingOn', 'Date of the 1:1 career conversation', value('meetingOn', input.recorded?.meetingOn), 10, { isMultiline: false, placeholder: 'YYYY-MM-DD', isRequired: true, errorMessage: 'Give the date of the 1:1' }),
    text('notes', `Notes from the conversation (optional; ${first} sees them)`, value('notes', input.recorded?.notes), CAREER_NOTES_MAX),
  );
  const actions: CardAction[] = [
    { type: 'Action.Execute', title: input.recorded ? 'Record again' : 'Record the conversation', verb: TALENT_VERBS.recordCareer, data: data(input, 'reviewer'), style: 'positive' },
    { type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl },
  ];
  return adaptiveCard(body, actions);
}

export function buildCareerRevieweeCard(input: CareerRevieweeCardInput): AdaptiveCard {
  const reviewer = firstName(input.reviewerName);
  const body: CardElement[] = [...banner(input), heading('Your career conversation')];
  if (!input.recorded) {
    body.push(paragraph(`${input.reviewerName} will record your 1:1 career conversation here once you have met.`));
    return adaptiveCard(body, [{ type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl }]);
  }
  body.push({
    type: 'FactSet',
    facts: [
      { title: 'Route', value: input.routeLabel ?? '' },
      ...(input.recorded.meetingOn ? [{ title: '1:1 meeting', value: input.recorded.meetingOn }] : []),
      { title: input.reviewerWord.charAt(0).toUpperCase() + input.reviewerWord.slice(1), value: input.reviewerName },
    ],
  });
  if (input.recorded.notes) body.push(paragraph(`Notes: ${input.recorded.notes}`));
  if (input.followUps.length > 0) body.push(paragraph('**What happens next**', { separator: true }), ...followUpLines(input.followUps));
  body.push(text('text', `Your comment (optional; ${reviewer} sees it)`, input.draft?.text ?? input.comment ?? '', CAREER_COMMENT_MAX, { spacing: 'large' }));
  return adaptiveCard(body, [
    { type: 'Action.Execute', title: input.comment ? 'Update my comment' : 'Send my comment', verb: TALENT_VERBS.commentCareer, data: data(input, 'reviewee') },
    { type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl },
  ]);
}

const FOLLOW_UP_HEADINGS: Record<FollowUpCardInput['reason'], string> = {
  assigned: 'A follow-up for you',
  reminder: 'A follow-up is due soon',
  closed: 'A follow-up has been closed',
  view: 'Follow-up',
};

export function buildFollowUpCard(input: FollowUpCardInput): AdaptiveCard {
  const body: CardElement[] = [...banner(input), heading(input.overdue && input.status === 'open' ? 'A follow-up is overdue' : FOLLOW_UP_HEADINGS[input.reason])];
  body.push(paragraph(input.text, { weight: 'bolder' }));
  body.push({
    type: 'FactSet',
    facts: [
      { title: 'About', value: input.personName },
      { title: 'Career route', value: input.routeLabel },
      { title: 'Owner', value: input.ownerWords },
      { title: 'Due', value: `${input.dueOn}${input.overdue && input.status === 'open' ? ' (overdue)' : ''}` },
      ...(input.stayInterview ? [{ title: 'Stay interview', value: 'Yes' }] : []),
    ],
  });
  if (input.fallbackNote) body.push(paragraph(input.fallbackNote, { isSubtle: true }));
  if (input.status === 'closed') {
    body.push(paragraph(input.closedWords ?? 'Closed.', { color: 'good' }));
    return adaptiveCard(body, [{ type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl }]);
  }
  const actions: CardAction[] = [];
  if (input.canClose) {
    body.push(text('note', 'What was done (needed to close it)', input.draft?.note ?? '', FOLLOW_UP_NOTE_MAX, { isRequired: true, errorMessage: 'Say what was done' }));
    actions.push({ type: 'Action.Execute', title: 'Close with this note', verb: TALENT_VERBS.closeFollowUp, data: { followUpId: input.followUpId, card: 'follow-up' }, style: 'positive' });
  }
  actions.push({ type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl });
  return adaptiveCard(body, actions);
}
