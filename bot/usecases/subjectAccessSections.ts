// Issue 16, subject access: how each kind of record the personal-data map collects reads in the
// person's export. A record ABOUT the person is shown whole (minus Teams plumbing), with the people
// it names given by name, as the person sees them in the app (their reviewer on an acknowledgement,
// the colleague who praised them). A record about SOMEONE ELSE that merely names the person shows
// only the person's own part (their comment, their praise, their answer), never the colleague's
// record: a comment on a colleague's rock is the person's words, not the colleague's rock.
import { ERASED_NAME, ERASED_PERSON_ID, NAMED_WITHIN } from '../data/personalData';

export type Doc = Record<string, unknown>;
export type Item = Record<string, unknown>;

/** The names the export may show, and the labels of the events and cycles records belong to. */
export interface Naming {
  personId: string;
  /** "you" for the person, a colleague's display name, "A former colleague" for someone gone. */
  name(id: unknown): string;
  event(id: unknown): string | undefined;
  cycle(id: unknown): string | undefined;
  /** The title of one of the person's own rocks. */
  rock(id: unknown): string | undefined;
}

export interface SectionSpec {
  key: string;
  collection: string;
  heading: string;
  about: string;
  /** Whether a record of the collection belongs here; a record goes to the first section that takes it. */
  takes(doc: Doc, me: string): boolean;
  /** What of the record is shown; by default its content (contentOf). */
  show?(doc: Doc, n: Naming): Item;
}

/** Storage and Teams plumbing: not personal data in any sense a person would recognise, and internal. */
const INTERNAL = new Set(['_id', 'id', 'organisationId', 'card', 'reviewerCard', 'nameKey', 'conversation', 'reference', 'serviceUrl', 'leaseOwner', 'leaseExpiresAt', 'lastError', 'version', 'idempotencyKey', 'sideEffects', 'sideEffectsFor', 'sideEffectsPending']);
/** Fields holding one person's id, whatever they are called. */
const PERSON_KEYS = new Set(['personId', 'reviewerId', 'coachId', 'authorId', 'deciderId', 'ownerId', 'closedById', 'createdById', 'leaderId', 'newReviewerId', 'heldByPersonId']);
const isPersonKey = (key: string) => PERSON_KEYS.has(key) || key.endsWith('PersonId');
const personLabel = (key: string) => (key === 'personId' ? 'person' : key.replace(/(PersonId|Id)$/, '')) || 'person';

/** The record's content with people named and dates as ISO instants; `omit` drops fields the person does not see. */
export function contentOf(doc: Doc, n: Naming, omit: readonly string[] = []): Item {
  const item: Item = {};
  for (const [key, value] of Object.entries(doc)) {
    if (INTERNAL.has(key) || omit.includes(key) || value === undefined || value === null) continue;
    // A name stored beside a person's id says again what the id's name says (or an erased name).
    if (key === 'displayName' && typeof doc.personId === 'string') continue;
    if (isPersonKey(key) && typeof value === 'string') {
      // The person's own id on their own record says nothing ("person: you").
      if (value !== n.personId || !['personId', 'ownerPersonId', 'subjectPersonId', 'toPersonId'].includes(key)) item[personLabel(key)] = n.name(value);
    } else if (key.endsWith('Ids') && Array.isArray(value)) {
      item[`${key.slice(0, -3)}s`] = value.map((id) => n.name(id));
    } else if (key === 'eventId') {
      item.event = n.event(value) ?? value;
    } else if (key === 'cycleId' || key === 'coversCycleId') {
      item[key === 'cycleId' ? 'cycle' : 'coversCycle'] = n.cycle(value) ?? value;
    } else if (key === 'rockId') {
      const title = n.rock(value);
      if (title) item.rock = title;
    } else if (key.endsWith('Id')) {
      // A reference to another record (a review, a session, a conversation): storage, not content.
      continue;
    } else {
      item[key] = valueOf(value, n);
    }
  }
  return item;
}

function valueOf(value: unknown, n: Naming): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => valueOf(v, n));
  if (value && typeof value === 'object') return contentOf(value as Doc, n);
  return value;
}

const at = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
const is = (doc: Doc, field: string, me: string) => doc[field] === me;
const named = (doc: Doc, path: string, me: string) => {
  let value: unknown = doc;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Doc)[part] : undefined;
  return value === me || (Array.isArray(value) && value.includes(me));
};
const section = (collection: string, key: string, heading: string, about: string, takes: SectionSpec['takes'], show?: SectionSpec['show']): SectionSpec => ({ collection, key, heading, about, takes, ...(show ? { show } : {}) });
const own = (field: string) => (doc: Doc, me: string) => is(doc, field, me);
const always = () => true;
/** Only dates: for Teams and delivery records whose content is plumbing or someone else's. */
const datesOnly = (fields: string[], extra: (doc: Doc) => Item = () => ({})) => (doc: Doc) => {
  const item: Item = extra(doc);
  for (const field of fields) if (doc[field] !== undefined) item[field] = at(doc[field]);
  return item;
};

/** In the order the export shows them: the person's own records first, then what they did for others, then plumbing. */
export const SECTIONS: readonly SectionSpec[] = [
  section('people', 'profile', 'Your directory record', 'What the staff directory holds about you: name, school, role, reviewer and coach, and any pauses.', own('id')),
  section('checkIns', 'check-ins', 'Your check-ins', 'Every check-in you submitted, with your reviewer’s acknowledgement and response.', own('personId')),
  section('checkIns', 'check-ins-reviewed', 'Check-ins you reviewed', 'Colleagues’ check-ins you acknowledged or responded to: only your own part.', (doc, me) => is(doc, 'reviewerId', me) || named(doc, 'acknowledgement.byPersonId', me) || named(doc, 'reviewerResponse.byPersonId', me), (doc, n) => {
    const ack = doc.acknowledgement as Doc | undefined;
    const response = doc.reviewerResponse as Doc | undefined;
    return {
      colleague: n.name(doc.personId),
      submittedAt: at(doc.submittedAt),
      ...(ack?.byPersonId === n.personId ? { youAcknowledgedAt: at(ack.at) } : {}),
      ...(response?.byPersonId === n.personId ? { yourResponse: response.text, respondedAt: at(response.at) } : {}),
    };
  }),
  section('rocks', 'rocks', 'Your rocks', 'Your rocks (objectives), their success criteria and every change to them.', own('personId')),
  section('rocks', 'rocks-reviewed', 'Rocks you reviewed', 'Colleagues’ rocks you agreed, amended or decided: only what you did.', always, (doc, n) => ({
    colleague: n.name(doc.personId),
    yourActions: ((doc.history as Doc[] | undefined) ?? []).filter((h) => h.byPersonId === n.personId).map((h) => ({ action: h.action, at: at(h.at), ...(h.note ? { note: h.note } : {}) })),
  })),
  section('comments', 'threads', 'Feedback threads on your check-ins and rocks', 'The conversation with your reviewer and coach on your own check-ins and rocks.', own('ownerPersonId'), (doc, n) => ({ on: (doc.subject as Doc | undefined)?.kind, author: n.name(doc.authorPersonId), text: doc.text, createdAt: at(doc.createdAt) })),
  section('comments', 'comments-given', 'Comments you wrote on colleagues’ records', 'Your own comments in colleagues’ feedback threads (the rest of their thread is theirs).', own('authorPersonId'), (doc) => ({ on: `a colleague's ${String((doc.subject as Doc | undefined)?.kind ?? 'record')}`, text: doc.text, createdAt: at(doc.createdAt) })),
  // seed 001: the check-in a praise came from is never shown to its recipient.
  section('praise', 'praise-received', 'Praise you received', 'Thanks colleagues gave you.', own('toPersonId'), (doc, n) => ({ from: n.name(doc.fromPersonId), message: doc.message, createdAt: at(doc.createdAt) })),
  section('praise', 'praise-given', 'Praise you gave', 'Thanks you gave colleagues.', own('fromPersonId'), (doc, n) => ({ to: n.name(doc.toPersonId), message: doc.message, createdAt: at(doc.createdAt) })),
  section('pendingThanks', 'pending-thanks', 'Thanks waiting for a colleague', 'Thanks you wrote in a check-in before choosing whom it was for.', own('personId')),
  section('feedbackRequests', 'feedback-asked', '360 feedback you asked for', 'Feedback you asked colleagues for, and their answers.', own('personId')),
  section('feedbackRequests', 'feedback-given', '360 feedback colleagues asked you for', 'What colleagues asked you, and your answers.', own('askedPersonId'), (doc, n) => ({
    askedBy: n.name(doc.personId),
    question: doc.question,
    ...(doc.answer ? { yourAnswer: doc.answer, answeredAt: at(doc.answeredAt) } : {}),
    ...(doc.declinedAt ? { declinedAt: at(doc.declinedAt) } : {}),
    createdAt: at(doc.createdAt),
  })),
  section('yearReviews', 'reviews', 'Your reviews', 'Your impact and end-of-year reviews: who reviews you and when each part is due.', own('personId')),
  section('yearReviews', 'reviews-for-others', 'Reviews you took part in for colleagues', 'Colleagues’ reviews where you are the reviewer or confirm the outcome.', always, (doc, n) => ({ colleague: n.name(doc.personId), review: doc.label, you: doc.reviewerId === n.personId ? 'reviewer' : 'final decision', opensAt: at(doc.opensAt) })),
  section('yearReviewRecords', 'support-plans', 'Support plans', 'A support plan and its outcome, where you had one (seed 000 §12).', (doc, me) => is(doc, 'personId', me) && String(doc.kind).startsWith('support-')),
  section('yearReviewRecords', 'review-records', 'What was written in your reviews', 'Your reflections and comments, your reviewer’s outcomes and statements, the final decision and the written summary (drafts included, marked as not yet shared).', own('personId'), (doc, n) => ({ ...contentOf(doc, n, ['reviewId']), ...(doc.submittedAt ? {} : { shared: false }) })),
  section('yearReviewRecords', 'review-records-written', 'Review records you wrote for colleagues', 'Colleagues’ reviews you wrote a part of (its content is theirs).', always, (doc, n) => ({ colleague: n.name(doc.personId), part: doc.kind, updatedAt: at(doc.updatedAt) })),
  section('surveyResponses', 'survey', 'Your aspiration survey answers', 'Your answers to the aspiration survey.', own('personId')),
  section('careerConversations', 'career', 'Your career conversations', 'The career conversation your reviewer recorded with you.', own('personId')),
  section('careerConversations', 'career-for-others', 'Career conversations you recorded for colleagues', 'Colleagues’ career conversations you recorded (their content is theirs).', always, (doc, n) => ({ colleague: n.name(doc.personId), updatedAt: at(doc.updatedAt) })),
  section('careerComments', 'career-comments', 'Your comments on your career conversations', 'What you added to your career conversation.', own('personId')),
  section('followUps', 'follow-ups', 'Follow-ups from your career conversations', 'The tasks your career conversation set going.', own('personId')),
  section('followUps', 'follow-ups-owned', 'Follow-ups you own for colleagues', 'Tasks from colleagues’ career conversations that you own or closed.', always, (doc, n) => ({ colleague: n.name(doc.personId), dueOn: doc.dueOn, status: doc.status })),
  section('growthRecords', 'growth', 'Your growth plan and log', 'Your self-reflection, growth plan, log entries and end reflection.', own('personId')),
  section('growthRecords', 'growth-coached', 'Growth records you coach', 'Colleagues’ growth records naming you as coach (their content is theirs).', always, (doc, n) => ({ colleague: n.name(doc.personId), kind: doc.kind })),
  section('coachingGroups', 'groups', 'Coaching groups you belong to', 'The coaching groups you are a member or the leader of.', always, (doc, n) => ({ group: doc.name, you: doc.leaderId === n.personId ? 'leader' : 'member', createdAt: at(doc.createdAt) })),
  section('groupSessions', 'group-sessions', 'Group coaching sessions', 'Group sessions of your coaching groups.', always, (doc, n) => ({ ...(doc.title ? { session: doc.title } : {}), event: n.event(doc.eventId) ?? doc.eventId, createdAt: at(doc.createdAt) })),
  section('groupPosts', 'group-posts', 'Your group coaching posts', 'What you posted in group coaching sessions.', own('personId')),
  section('groupReplies', 'group-replies', 'Your replies in group chats', 'Your replies in your coaching groups’ threads.', own('personId'), (doc) => ({ text: doc.text, at: at(doc.at) })),
  // Moderation notes are SMT's quality assurance of rocks: the note, not its author.
  section('moderationNotes', 'moderation', 'Moderation notes on your rocks', 'Notes senior leaders wrote when quality-assuring your rocks.', own('personId'), (doc, n) => ({ rock: n.rock(doc.rockId), text: doc.text, by: 'a senior leader', createdAt: at(doc.createdAt) })),
  section('moderationNotes', 'moderation-written', 'Moderation notes you wrote', 'Notes you wrote on colleagues’ rocks (the rocks are theirs).', always, (doc, n) => ({ colleague: n.name(doc.personId), text: doc.text, createdAt: at(doc.createdAt) })),
  section('governorSamples', 'governor-samples', 'Governors’ samples', 'Anonymised samples of reflections for governors that you drew, or that include yours.', always, (doc, n) => ({
    createdAt: at(doc.createdAt),
    ...(doc.createdById === n.personId ? { you: 'drew this sample' } : {}),
    yourReflections: ((doc.items as Doc[] | undefined) ?? []).filter((i) => String(i.reviewId ?? '').endsWith(`:${n.personId}`)).map((i) => i.text),
  })),
  section('sampleApprovals', 'sample-approvals', 'Governor-sample approvals you gave', 'Items of governors’ samples you approved or withheld.', always, (doc) => ({ approved: doc.approved, at: at(doc.at) })),
  section('recordViews', 'record-views', 'Who viewed your record', 'Each time someone else opened your check-ins, rocks, reviews or plans (once a day each).', own('subjectPersonId'), (doc, n) => ({ viewer: n.name(doc.viewerPersonId), role: doc.role, what: doc.what, day: doc.day, viewedAt: at(doc.viewedAt) })),
  section('recordViews', 'records-viewed', 'Colleagues’ records you opened', 'When you opened a colleague’s records (whose and what is theirs to see).', always, (doc) => ({ kind: doc.kind, role: doc.role, day: doc.day })),
  // Found only because their details name the person (a colleague's reviewer change, an import): that they do, not what else they say.
  section('auditLog', 'audit-mentions', 'Audit entries that mention you', 'Entries about colleagues’ records or the organisation whose details mention you (the rest of each is theirs).', (doc) => doc[NAMED_WITHIN] === true, (doc) => ({ action: doc.action, at: at(doc.at) })),
  section('auditLog', 'audit-about', 'Audit entries about you', 'The audit trail of changes to you and your records, and who made them.', (doc, me) => named(doc, 'subject.id', me) || !named(doc, 'actor.personId', me), (doc, n) => {
    const actor = doc.actor as Doc | undefined;
    // A hold's reason is no more the person's to read here than in the legal-hold section.
    const omit = String(doc.action).startsWith('retention.hold') ? ['reason'] : [];
    return { action: doc.action, at: at(doc.at), by: actor?.personId ? n.name(actor.personId) : 'the system', details: contentOf((doc.details as Doc | undefined) ?? {}, n, omit) };
  }),
  section('auditLog', 'audit-by', 'Changes you made', 'The audit trail of what you did, without the records you did it to.', always, (doc) => ({ action: doc.action, at: at(doc.at), on: (doc.subject as Doc | undefined)?.kind })),
  // A hold says only since when: its reason may concern proceedings the person is not party to.
  section('legalHolds', 'legal-hold', 'Legal hold on your records', 'Your records are kept whatever their age while a legal hold applies.', own('personId'), (doc) => ({ heldSince: at(doc.heldAt) })),
  section('legalHolds', 'legal-holds-put', 'Legal holds you put', 'Holds you put on colleagues’ records (whose, and why, is theirs).', always, (doc) => ({ heldSince: at(doc.heldAt) })),
  section('policyVersions', 'policy-versions', 'Policy versions you saved', 'Versions of the organisation’s policy saved by you.', always, (doc) => ({ version: doc.version, savedAt: at(doc.savedAt) })),
  section('conversationReferences', 'teams', 'Your Teams chat with the app', 'When you installed or removed the app in Teams (the technical address of the chat is not shown).', always, datesOnly(['installedAt', 'uninstalledAt', 'updatedAt'], (doc) => ({ scope: doc.scope }))),
  section('outboxJobs', 'messages', 'Messages the app sent or queued for you', 'Prompts, reminders and notices sent to you in Teams, and to colleagues about your records (to whom is theirs).', always, datesOnly(['notBefore', 'createdAt', 'updatedAt'], (doc) => ({ kind: doc.kind, status: doc.status }))),
  section('decisions', 'decisions', 'Technical records', 'Markers that stop a message or a record being made twice.', always, datesOnly(['at', 'createdAt'])),
];

/** A record the table above does not place: shown whole if it is about the person, else only that it names them. */
export function fallbackItem(doc: Doc, n: Naming, about: boolean, dateField: string | undefined): Item {
  if (about) return contentOf(doc, n);
  return { note: 'This record names you; its content is about someone else.', ...(dateField && doc[dateField] !== undefined ? { [dateField]: at(doc[dateField]) } : {}) };
}

/** The name of a person the export may show. */
export function nameFrom(names: ReadonlyMap<string, { displayName: string }>, me: string): (id: unknown) => string {
  return (id) => {
    if (id === me) return 'you';
    if (typeof id !== 'string' || id === ERASED_PERSON_ID) return ERASED_NAME;
    return names.get(id)?.displayName ?? ERASED_NAME;
  };
}
