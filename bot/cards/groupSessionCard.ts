// The group coaching check-in card (seed 004 §8) in a team's channel or group chat. The card the
// channel sees says what the session is and who has posted; each member's refreshed view (Universal
// Actions, refresh.userIds) holds their own post, editable, and colleagues' posts. Nothing is
// ranked or scored: names are listed alphabetically, and there are no counts of anyone's answers.
import { GROUP_POST_FIELDS, GROUP_POST_MAX_LENGTH, type GroupSessionKind } from '../../shared/domain';
import { GROUP_VERBS } from '../../shared/verbs';
import { adaptiveCard, heading, paragraph, type AdaptiveCard, type CardAction, type CardElement, type InputText } from './adaptiveCard';

/** Teams refreshes automatically for at most 60 users. */
const MAX_REFRESH_USERS = 60;
/** Colleagues' posts share this much of Teams' ~28 KB card limit (a member's own post, up to 8,000 characters, takes the rest); the tab has every post in full. */
const POSTS_BUDGET = 15_000;
/** JSON around one post (its container, name and text block) and around one answer's label. */
const POST_OVERHEAD = 220;
const ANSWER_OVERHEAD = 30;
const MAX_ANSWER_LENGTH = 280;
const MIN_ANSWER_LENGTH = 60;

export interface GroupSessionCardPost {
  personId: string;
  name: string;
  answers: Record<string, string>;
}

export interface GroupSessionCardInput {
  sessionId: string;
  kind: GroupSessionKind;
  groupName: string;
  eventTitle: string;
  /** e.g. "Open until Friday 12 December, 23:59". */
  windowText: string;
  open: boolean;
  /** Who has posted, by name. */
  postedNames: string[];
  memberCount: number;
  refreshUserIds?: string[];
  tabUrl?: string;
}

export interface GroupSessionViewerInput extends GroupSessionCardInput {
  viewer: { role: 'member' | 'leader' | 'pg-admin' | null; name?: string };
  ownAnswers?: Record<string, string>;
  colleaguesPosts: GroupSessionCardPost[];
  /** What the member typed when it could not be stored, kept on the card. */
  values?: Record<string, string>;
  errors?: Array<{ path: string; message: string }>;
  notice?: string;
}

const PURPOSE: Record<GroupSessionKind, string> = {
  'check-in': 'Share your successes, strengths, barriers and developments on your growth project with colleagues, then reply to theirs in this thread. This is not a reporting exercise: nothing is ranked or scored.',
  sharing: 'At the end of the cycle, share your growth project with your team colleagues: what it was, what changed, and the practice worth spreading. Reply in this thread to respond.',
};

function titleOf(input: GroupSessionCardInput): string {
  return `${input.groupName} · ${input.eventTitle}`;
}

function postedLine(input: GroupSessionCardInput): CardElement {
  const names = [...input.postedNames].sort((a, b) => a.localeCompare(b));
  const text = names.length === 0 ? 'No one has posted yet.' : `Posted so far: ${names.join(', ')}.`;
  return paragraph(text, { isSubtle: true, spacing: 'medium' });
}

function refreshOf(input: GroupSessionCardInput): AdaptiveCard['refresh'] {
  const userIds = (input.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
  return { action: { type: 'Action.Execute', title: 'Refresh', verb: GROUP_VERBS.refresh, data: { sessionId: input.sessionId } }, ...(userIds.length > 0 ? { userIds } : {}) };
}

function tabAction(input: GroupSessionCardInput): CardAction[] {
  return input.tabUrl ? [{ type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl }] : [];
}

/** The card as posted to the conversation: the same for everyone until Teams refreshes it per user. */
export function buildGroupSessionCard(input: GroupSessionCardInput): AdaptiveCard {
  const body: CardElement[] = [heading(titleOf(input)), paragraph(PURPOSE[input.kind]), paragraph(input.windowText, { isSubtle: true, spacing: 'small' }), postedLine(input)];
  const actions: CardAction[] = [{ type: 'Action.Execute', title: input.open ? 'Open my post' : 'Show the session', verb: GROUP_VERBS.open, data: { sessionId: input.sessionId } }, ...tabAction(input)];
  return { ...adaptiveCard(body, actions), refresh: refreshOf(input) };
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function postElements(kind: GroupSessionKind, post: GroupSessionCardPost, answerLength = MAX_ANSWER_LENGTH): CardElement[] {
  const lines = GROUP_POST_FIELDS[kind].filter((f) => post.answers[f.id]).map((f) => `**${f.label}:** ${clip(post.answers[f.id] ?? '', answerLength)}`);
  return [{ type: 'Container', separator: true, spacing: 'medium', items: [paragraph(post.name, { weight: 'bolder' }), paragraph(lines.join('\n\n'), { spacing: 'small' })] }];
}

/** Colleagues' posts, each answer shortened so they fit the card; any that cannot fit are left to the tab. */
function colleaguesElements(kind: GroupSessionKind, posts: GroupSessionCardPost[]): CardElement[] {
  const sorted = [...posts].sort((a, b) => a.name.localeCompare(b.name));
  const answers = (p: GroupSessionCardPost) => Object.values(p.answers).filter(Boolean).length;
  const shown: GroupSessionCardPost[] = [];
  let fixed = 0;
  for (const post of sorted) {
    const cost = POST_OVERHEAD + answers(post) * (ANSWER_OVERHEAD + MIN_ANSWER_LENGTH);
    if (fixed + cost > POSTS_BUDGET) break;
    fixed += cost;
    shown.push(post);
  }
  const totalAnswers = shown.reduce((n, p) => n + answers(p), 0);
  const spare = POSTS_BUDGET - shown.length * POST_OVERHEAD - totalAnswers * ANSWER_OVERHEAD;
  const length = Math.max(MIN_ANSWER_LENGTH, Math.min(MAX_ANSWER_LENGTH, Math.floor(spare / Math.max(1, totalAnswers))));
  const elements = shown.flatMap((post) => postElements(kind, post, length));
  const left = sorted.length - shown.length;
  if (left > 0) elements.push(paragraph(`${left} more post${left === 1 ? '' : 's'} in the tab.`, { isSubtle: true }));
  return elements;
}

function formElements(input: GroupSessionViewerInput): CardElement[] {
  const values = input.values ?? input.ownAnswers ?? {};
  const errorText = (input.errors ?? []).map((e) => e.message).join(' ');
  const inputs: InputText[] = GROUP_POST_FIELDS[input.kind].map((field) => ({
    type: 'Input.Text',
    id: field.id,
    label: field.label,
    isMultiline: true,
    maxLength: GROUP_POST_MAX_LENGTH,
    ...(values[field.id] ? { value: values[field.id] } : {}),
  }));
  return [
    paragraph(input.ownAnswers ? 'Your post (you can change it while the session is open)' : 'Your post', { weight: 'bolder', spacing: 'large', separator: true }),
    ...(errorText ? [paragraph(errorText, { color: 'attention' as const })] : []),
    ...inputs,
  ];
}

/** The card one person sees: a member's own post and colleagues'; the leader's and PG admins' read-only view; or, for anyone else, what the session is. */
export function buildGroupSessionViewerCard(input: GroupSessionViewerInput): AdaptiveCard {
  const { role } = input.viewer;
  const body: CardElement[] = [heading(titleOf(input)), paragraph(PURPOSE[input.kind]), paragraph(input.windowText, { isSubtle: true, spacing: 'small' })];
  if (input.notice) body.push(paragraph(input.notice, { color: 'good', spacing: 'medium' }));
  if (role === null) {
    body.push(paragraph(`This is the group check-in of ${input.groupName}. Only its members post here, and only the group, its leader and PG administrators see the posts.`, { spacing: 'medium' }));
    return { ...adaptiveCard(body), refresh: refreshOf(input) };
  }
  body.push(postedLine(input));
  body.push(...colleaguesElements(input.kind, input.colleaguesPosts));
  const actions: CardAction[] = [];
  if (role === 'member' && input.open) {
    body.push(...formElements(input));
    actions.push({ type: 'Action.Execute', title: input.ownAnswers ? 'Update my post' : 'Post to the group', verb: GROUP_VERBS.post, data: { sessionId: input.sessionId }, style: 'positive' });
  } else if (role === 'member' && input.ownAnswers) {
    body.push(...postElements(input.kind, { personId: '', name: `${input.viewer.name ?? 'You'} (you)`, answers: input.ownAnswers }));
  }
  if (!input.open) body.push(paragraph('This session has closed.', { isSubtle: true, spacing: 'medium' }));
  actions.push(...tabAction(input));
  return { ...adaptiveCard(body, actions), refresh: refreshOf(input) };
}
