// Issue 16, subject access and erasure: the API world (apiWorld.ts) with Alice given at least one
// record in every collection of the personal-data map — records about her, and her part in
// colleagues' records (praise she gave, a 360 answer she wrote for Sam, a comment on Sam's rock) —
// and records that are nothing to do with her, so tests can tell "hers" from "someone else's".
// One check-in answer is hostile HTML, to show the readable export escapes it.
import { randomUUID } from 'node:crypto';
import { personalCollections } from '../../../bot/data/personalData';
import { checkInIdFor, yearReviewId } from '../../../shared/domain';
import { buildCheckIn, buildComment, buildConversationReference, buildOutboxJob, buildRock } from '../../support/builders';
import { NOW, type ApiHarness } from '../api/apiWorld';

export const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"';

export interface PrivacySeed {
  /** Collections seeded with something about or naming Alice: every collection of the map. */
  collections: string[];
  aliceRockId: string;
  samRockId: string;
  aliceReviewId: string;
  /** The praise Alice gave Sam, and the 360 answer she wrote for him: kept for Sam after erasure. */
  givenPraiseMessage: string;
  answerForSam: string;
  samRequestId: string;
  /** A job about Sam's check-in, to Rita: not Alice's, so it stays after her erasure. */
  samJobKey: string;
  /** A job whose text holds her name only inside a longer word: not hers. */
  lookalikeJobKey: string;
  sampleId: string;
  /** A record that is none of Alice's business (Sam's check-in answers). */
  samPrivateText: string;
}

const id = (prefix: string) => `${prefix}-${randomUUID()}`;

export async function seedEveryKind(api: ApiHarness): Promise<PrivacySeed> {
  const { world, db } = api;
  const o = world.org.id;
  const scope = { organisationId: o };
  const { alice, rita, sam, paula, colin } = world;
  const at = new Date('2026-02-20T09:00:00.000Z');
  const insert = (collection: string, docs: Array<Record<string, unknown>>) => db.collection(collection).insertMany(docs.map(({ id: _id, ...rest }) => ({ _id, ...rest })) as never[]);

  // Her second check-in (the open window) carries hostile text; Rita acknowledged and answered it.
  await api.repos.checkIns.submit(scope, buildCheckIn({
    organisationId: o, personId: alice.id, cycleId: world.cycleId, eventId: world.events.open.id, reviewerId: rita.id,
    answers: { www: HOSTILE, ebi: 'More time for plenaries', whatsNext: 'Exit tickets', rockProgress: [], score: 8 },
    acknowledgement: { byPersonId: rita.id, at }, reviewerResponse: { byPersonId: rita.id, at, text: 'Lovely work, Alice', anchor: 'www' },
    submittedAt: NOW, createdAt: NOW, updatedAt: NOW,
  }));
  const samPrivateText = 'Sam private reflection: my own worries about Year 11';
  await api.repos.checkIns.submit(scope, buildCheckIn({ organisationId: o, personId: sam.id, cycleId: world.cycleId, eventId: world.events.closed.id, reviewerId: rita.id, answers: { www: samPrivateText, ebi: '', whatsNext: '', rockProgress: [] }, submittedAt: at, createdAt: at, updatedAt: at }));

  const aliceRock = buildRock({ organisationId: o, personId: alice.id, cycleId: world.cycleId, rockWindowId: 'spring', slotId: 'trust', title: 'Alice: better questioning', history: [{ at, byPersonId: rita.id, action: 'agreed', status: 'agreed' }] });
  const samRock = buildRock({ organisationId: o, personId: sam.id, cycleId: world.cycleId, rockWindowId: 'spring', slotId: 'trust', title: 'Sam private rock title' });
  await api.repos.rocks.create(scope, aliceRock);
  await api.repos.rocks.create(scope, samRock);
  await api.repos.comments.add(scope, buildComment({ organisationId: o, subject: { kind: 'check-in', id: world.aliceCheckIn.id }, ownerPersonId: alice.id, authorPersonId: rita.id, text: 'Rita on Alice’s check-in' }));
  await api.repos.comments.add(scope, buildComment({ organisationId: o, subject: { kind: 'rock', id: samRock.id }, ownerPersonId: sam.id, authorPersonId: alice.id, text: 'Alice’s comment on Sam’s rock' }));
  await api.repos.comments.add(scope, buildComment({ organisationId: o, subject: { kind: 'rock', id: samRock.id }, ownerPersonId: sam.id, authorPersonId: rita.id, text: 'Rita to Sam, not for Alice' }));

  await insert('pendingThanks', [{ id: checkInIdFor(o, world.events.open.id, alice.id), organisationId: o, personId: alice.id, checkInId: checkInIdFor(o, world.events.open.id, alice.id), eventId: world.events.open.id, message: 'Thanks to whoever fixed the printer', status: 'pending', recipientIds: [], createdAt: NOW }]);
  await api.repos.conversationReferences.upsert(scope, buildConversationReference({ organisationId: o, personId: alice.id, entraObjectId: alice.entraObjectId }));
  await api.repos.outboxJobs.enqueue(scope, buildOutboxJob({ organisationId: o, personId: alice.id }));
  await insert('decisions', [{ id: id('decision'), organisationId: o, kind: 'id:rock', subject: `${alice.id}|rock-key`, winner: aliceRock.id, at }]);
  await insert('auditLog', [
    { id: id('audit'), organisationId: o, at, actor: { kind: 'person', personId: paula.id }, action: 'people.reviewerChanged', subject: { kind: 'person', id: alice.id }, details: { toPersonId: rita.id } },
    { id: id('audit'), organisationId: o, at, actor: { kind: 'person', personId: alice.id, entraObjectId: alice.entraObjectId }, action: 'comment.added', subject: { kind: 'rock', id: samRock.id }, details: {} },
  ]);
  await insert('policyVersions', [{ id: `${o}:policy:v99`, organisationId: o, version: 99, policy: {}, savedAt: at, savedBy: { personId: alice.id, displayName: alice.displayName, entraObjectId: alice.entraObjectId }, changes: [] }]);
  await insert('growthRecords', [{ id: id('growth'), organisationId: o, personId: alice.id, cycleId: world.cycleId, kind: 'growth-plan', coachId: colin.id, goals: 'Alice’s growth goal', createdAt: at, updatedAt: at }]);
  const groupId = id('group');
  await insert('coachingGroups', [{ id: groupId, organisationId: o, name: 'Science coaching', nameKey: 'science coaching', memberIds: [alice.id, sam.id], leaderId: colin.id, createdAt: at, updatedAt: at }]);
  const sessionId = id('session');
  await insert('groupSessions', [{ id: sessionId, organisationId: o, groupId, eventId: world.events.open.id, kind: 'check-in', memberIds: [alice.id, sam.id], createdAt: at }]);
  await insert('groupPosts', [{ id: `${sessionId}:post:${alice.id}`, organisationId: o, sessionId, groupId, personId: alice.id, answers: { successes: 'Alice’s group post' }, createdAt: at, updatedAt: at }]);
  await insert('groupReplies', [{ id: id('reply'), organisationId: o, sessionId, groupId, personId: alice.id, authorName: alice.displayName, text: 'Alice’s reply in the group', at }]);

  const aliceReviewId = yearReviewId('end-of-year', world.cycleId, alice.id);
  await insert('yearReviews', [{ id: aliceReviewId, organisationId: o, cycleId: world.cycleId, coversCycleId: world.cycleId, personId: alice.id, stage: 'end-of-year', label: 'End-of-year review', eventId: world.events.open.id, reviewerId: rita.id, school: '', roleCategory: 'Teacher', opensAt: at, dueAt: at, reviewerDueAt: at, createdAt: at }]);
  await insert('yearReviewRecords', [
    { id: `reflection:${aliceReviewId}`, organisationId: o, reviewId: aliceReviewId, cycleId: world.cycleId, personId: alice.id, authorId: alice.id, kind: 'reflection', overall: 'Alice’s reflection', createdAt: at, updatedAt: at, submittedAt: at },
    { id: `statement:${aliceReviewId}`, organisationId: o, reviewId: aliceReviewId, cycleId: world.cycleId, personId: alice.id, authorId: rita.id, kind: 'statement', text: 'Rita’s statement on Alice', createdAt: at, updatedAt: at, submittedAt: at },
    { id: `support-plan:${aliceReviewId}`, organisationId: o, reviewId: aliceReviewId, cycleId: world.cycleId, personId: alice.id, authorId: rita.id, kind: 'support-plan', targets: 'Alice’s support target', createdAt: at, updatedAt: at },
  ]);
  const answerForSam = 'Alice’s 360 answer: Sam runs a calm room';
  const samRequestId = id('feedback');
  await insert('feedbackRequests', [
    { id: id('feedback'), organisationId: o, cycleId: world.cycleId, personId: alice.id, askedPersonId: sam.id, question: 'How are my plenaries?', answer: 'Sam on Alice’s plenaries', answeredAt: at, createdAt: at, updatedAt: at },
    { id: samRequestId, organisationId: o, cycleId: world.cycleId, personId: sam.id, askedPersonId: alice.id, question: 'Sam asks about behaviour', answer: answerForSam, answeredAt: at, createdAt: at, updatedAt: at },
  ]);
  await insert('surveyResponses', [{ id: `${world.events.open.id}:${alice.id}`, organisationId: o, cycleId: world.cycleId, eventId: world.events.open.id, personId: alice.id, answers: { aspiration: 'Alice wants to lead science' }, school: '', roleCategory: 'Teacher', createdAt: at, updatedAt: at }]);
  await insert('careerConversations', [{ id: `${world.cycleId}:${alice.id}`, organisationId: o, cycleId: world.cycleId, personId: alice.id, reviewerId: rita.id, route: 'promotion', notes: 'Alice’s career notes', school: '', roleCategory: 'Teacher', createdAt: at, updatedAt: at }]);
  await insert('careerComments', [{ id: `${world.cycleId}:${alice.id}`, organisationId: o, personId: alice.id, text: 'Alice’s career comment', createdAt: at, updatedAt: at }]);
  await insert('followUps', [{ id: `${world.cycleId}:${alice.id}:mentor`, organisationId: o, cycleId: world.cycleId, personId: alice.id, conversationId: `${world.cycleId}:${alice.id}`, route: 'promotion', key: 'mentor', text: 'Find Alice a mentor', ownerRole: 'reviewer', ownerId: rita.id, dueOn: '2026-04-01', atEndOfCycle: false, stayInterview: false, status: 'open', createdAt: at, updatedAt: at }]);
  await insert('moderationNotes', [{ id: id('moderation'), organisationId: o, rockId: aliceRock.id, personId: alice.id, authorId: paula.id, text: 'Moderation note on Alice’s rock', createdAt: at }]);
  const sampleId = id('sample');
  // Item 1 comes from Alice's own review: her id is inside its reviewId (`<stage>:<cycle>:<person>`).
  await insert('governorSamples', [{ id: sampleId, organisationId: o, cycleId: world.cycleId, createdById: paula.id, createdAt: at, items: [
    { index: 0, reviewId: yearReviewId('end-of-year', world.cycleId, sam.id), reviewerId: alice.id, text: 'An anonymised reflection' },
    { index: 1, reviewId: aliceReviewId, reviewerId: rita.id, text: 'An anonymised reflection from her review' },
  ] }]);
  // Delivery bookkeeping addressed to colleagues that is about Alice's records or names her; and one about Sam's, which stays.
  const samCheckInId = checkInIdFor(o, world.events.closed.id, sam.id);
  await api.repos.outboxJobs.enqueue(scope, buildOutboxJob({ organisationId: o, kind: 'bot-message', status: 'done', idempotencyKey: `reviewer-card:${world.aliceCheckIn.id}`, payload: { recipientPersonId: rita.id, message: { kind: 'reviewer-card', checkInId: world.aliceCheckIn.id } } }));
  await api.repos.outboxJobs.enqueue(scope, buildOutboxJob({ organisationId: o, kind: 'bot-message', idempotencyKey: `rock-notice:${samRock.id}:1`, payload: { recipientPersonId: sam.id, message: { kind: 'rock', rockId: samRock.id, change: 'amended', byName: alice.displayName } } }));
  await api.repos.outboxJobs.enqueue(scope, buildOutboxJob({ organisationId: o, kind: 'card-update', idempotencyKey: `card-update:${checkInIdFor(o, world.events.open.id, alice.id)}:reviewer`, payload: { checkInId: checkInIdFor(o, world.events.open.id, alice.id), target: 'reviewer' } }));
  await api.repos.outboxJobs.enqueue(scope, buildOutboxJob({ organisationId: o, kind: 'bot-message', status: 'done', idempotencyKey: `growth-written:${randomUUID()}`, payload: { recipientPersonId: colin.id, message: { kind: 'text', text: `${alice.displayName} has written their growth plan.` } } }));
  // Her name inside a longer word is not her: this one stays.
  const lookalikeJobKey = `club-notice:${randomUUID()}`;
  await api.repos.outboxJobs.enqueue(scope, buildOutboxJob({ organisationId: o, kind: 'bot-message', idempotencyKey: lookalikeJobKey, payload: { recipientPersonId: rita.id, message: { kind: 'text', text: `The ${alice.displayName}s’ club meets today` } } }));
  const samJobKey = `reviewer-card:${samCheckInId}`;
  await api.repos.outboxJobs.enqueue(scope, buildOutboxJob({ organisationId: o, kind: 'bot-message', status: 'done', idempotencyKey: samJobKey, payload: { recipientPersonId: rita.id, message: { kind: 'reviewer-card', checkInId: samCheckInId } } }));
  // Audit entries others wrote about other things whose details name Alice (her id, her review's id, her name and email, her note's id).
  await insert('auditLog', [
    { id: id('audit'), organisationId: o, at, actor: { kind: 'person', personId: paula.id }, action: 'people.reviewerChanged', subject: { kind: 'person', id: sam.id }, details: { field: 'reviewerId', from: alice.id, to: rita.id, reason: 'Cover' } },
    { id: id('audit'), organisationId: o, at, actor: { kind: 'person', personId: paula.id }, action: 'governorSample.drawn', subject: { kind: 'governor-sample', id: sampleId }, details: { reviewIds: [aliceReviewId], items: 2 } },
    { id: id('audit'), organisationId: o, at, actor: { kind: 'person', personId: paula.id }, action: 'directory.imported', subject: { kind: 'organisation', id: o }, details: { added: [{ name: alice.displayName, email: alice.email }], source: 'file' } },
  ]);
  await insert('sampleApprovals', [{ id: `${sampleId}:0:reviewer`, organisationId: o, sampleId, index: 0, role: 'reviewer', byPersonId: alice.id, approved: true, at }]);
  await insert('recordViews', [
    { id: `rv-${'a'.repeat(40)}`, organisationId: o, subjectPersonId: alice.id, viewerPersonId: rita.id, role: 'reviewer', kind: 'check-ins', what: 'your check-ins', day: '2026-02-20', viewedAt: at },
    { id: `rv-${'b'.repeat(40)}`, organisationId: o, subjectPersonId: sam.id, viewerPersonId: alice.id, role: 'reviewer', kind: 'check-ins', what: 'your check-ins', day: '2026-02-20', viewedAt: at },
  ]);
  await api.repos.legalHolds.put(scope, { id: '', organisationId: o, personId: sam.id, reason: 'Sam’s tribunal, not Alice’s business', heldAt: at, heldByPersonId: alice.id });

  return {
    collections: personalCollections.map((c) => c.collection),
    aliceRockId: aliceRock.id,
    samRockId: samRock.id,
    aliceReviewId,
    givenPraiseMessage: 'Thanks Sam for covering my duty',
    answerForSam,
    samRequestId,
    samJobKey,
    lookalikeJobKey,
    sampleId,
    samPrivateText,
  };
}
