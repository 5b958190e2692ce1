// The start-up work on a connection (every collection's indexes, a ping) and the repositories on it; openDatabase (database.ts) connects.
import { MongoServerError, type Db, type IndexDescription } from 'mongodb';
import { decisionIndexes, Decisions, decisionsCollection } from './atomic';
import { auditLogCollection, auditLogIndexes, AuditLogRepository } from './auditLogRepository';
import { checkInIndexes, CheckInRepository, checkInsCollection } from './checkInRepository';
import { commentIndexes, CommentRepository, commentsCollection } from './commentRepository';
import { conversationReferenceIndexes, ConversationReferenceRepository, conversationReferencesCollection } from './conversationReferenceRepository';
import { cycleIndexes, CycleRepository, cyclesCollection } from './cycleRepository';
import { organisationIndexes, OrganisationRepository, organisationsCollection } from './organisationRepository';
import { outboxClaimIndexes, outboxClaimsCollection, outboxJobIndexes, OutboxJobRepository, outboxJobsCollection } from './outboxJobRepository';
import { peopleCollection, personIndexes, PersonRepository } from './personRepository';
import { praiseCollection, praiseIndexes, PraiseRepository } from './praiseRepository';
import { rockIndexes, RockRepository, rocksCollection } from './rockRepository';
import { scheduleEventIndexes, ScheduleEventRepository, scheduleEventsCollection } from './scheduleEventRepository';
import { WorkerRepository, workerIndexes, workersCollection } from './workerRepository';
import { policyVersionIndexes, PolicyVersionRepository, policyVersionsCollection } from './policyVersionRepository';
import { growthRecordIndexes, GrowthRepository, growthRecordsCollection } from './growthRepository';
import { coachingGroupIndexes, CoachingGroupRepository, coachingGroupsCollection } from './coachingGroupRepository';
import { groupSessionIndexes, GroupSessionRepository, groupSessionsCollection } from './groupSessionRepository';
import { groupPostIndexes, GroupPostRepository, groupPostsCollection } from './groupPostRepository';
import { groupRepliesCollection, groupReplyIndexes, GroupReplyRepository } from './groupReplyRepository';
import { yearReviewIndexes, yearReviewRecordIndexes, yearReviewRecordsCollection, YearReviewRepository, yearReviewsCollection } from './yearReviewRepository';
import { feedbackRequestIndexes, FeedbackRequestRepository, feedbackRequestsCollection } from './feedbackRequestRepository';
import { talentIndexes, TalentRepositories } from './talentRepository';
import { pendingThanksCollection, pendingThanksIndexes, PendingThanksRepository } from './pendingThanksRepository';
import { recordViewIndexes, RecordViewRepository, recordViewsCollection } from './recordViewRepository';
import { legalHoldIndexes, LegalHoldRepository, legalHoldsCollection } from './legalHoldRepository';
import { PersonalDataRepository } from './personalData';

/** Every collection and its indexes, as each repository declares them. */
export const collectionIndexes: ReadonlyArray<{ collection: string; indexes: IndexDescription[] }> = [
  { collection: organisationsCollection, indexes: organisationIndexes },
  { collection: cyclesCollection, indexes: cycleIndexes },
  { collection: scheduleEventsCollection, indexes: scheduleEventIndexes },
  { collection: peopleCollection, indexes: personIndexes },
  { collection: rocksCollection, indexes: rockIndexes },
  { collection: checkInsCollection, indexes: checkInIndexes },
  { collection: praiseCollection, indexes: praiseIndexes },
  { collection: commentsCollection, indexes: commentIndexes },
  { collection: conversationReferencesCollection, indexes: conversationReferenceIndexes },
  { collection: outboxJobsCollection, indexes: outboxJobIndexes },
  { collection: outboxClaimsCollection, indexes: outboxClaimIndexes },
  { collection: decisionsCollection, indexes: decisionIndexes },
  { collection: workersCollection, indexes: workerIndexes },
  { collection: auditLogCollection, indexes: auditLogIndexes },
  { collection: policyVersionsCollection, indexes: policyVersionIndexes },
  { collection: growthRecordsCollection, indexes: growthRecordIndexes },
  { collection: coachingGroupsCollection, indexes: coachingGroupIndexes },
  { collection: groupSessionsCollection, indexes: groupSessionIndexes },
  { collection: groupPostsCollection, indexes: groupPostIndexes },
  { collection: groupRepliesCollection, indexes: groupReplyIndexes },
  { collection: yearReviewsCollection, indexes: yearReviewIndexes },
  { collection: yearReviewRecordsCollection, indexes: yearReviewRecordIndexes },
  { collection: feedbackRequestsCollection, indexes: feedbackRequestIndexes },
  ...talentIndexes,
  { collection: pendingThanksCollection, indexes: pendingThanksIndexes },
  { collection: recordViewsCollection, indexes: recordViewIndexes },
  { collection: legalHoldsCollection, indexes: legalHoldIndexes },
];

/**
 * Creates any missing index; run at start-up. Idempotent: indexes are matched by name, and an
 * existing one is left alone, so changing a declared index needs a new name (or a manual drop).
 * One index per command: FerretDB 1.24 drops the connection when one createIndexes command
 * re-declares two or more existing indexes.
 */
export async function ensureIndexes(db: Db): Promise<void> {
  for (const { collection, indexes } of collectionIndexes) {
    if (indexes.length === 0) continue;
    const existing = new Set(await listIndexNames(db, collection));
    for (const index of indexes) {
      if (index.name && existing.has(index.name)) continue;
      await db.collection(collection).createIndexes([index]);
    }
  }
}

async function listIndexNames(db: Db, collection: string): Promise<string[]> {
  try {
    const indexes = await db.collection(collection).indexes();
    return indexes.map((index) => index.name).filter((name): name is string => typeof name === 'string');
  } catch (error) {
    // The collection does not exist yet.
    if (error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND) return [];
    throw error;
  }
}

const NAMESPACE_NOT_FOUND = 26;

/** Readiness check: true when the database answers. */
/**
 * Readiness: true when the database answers within timeoutMs. While it is down the driver would
 * wait its whole server-selection timeout (10 s) for it; a probe must answer sooner than that.
 */
export async function pingDatabase(db: Db, timeoutMs = 2_000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = db.command({ ping: 1 }).then(
    (reply) => reply.ok === 1,
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Repositories {
  organisations: OrganisationRepository;
  cycles: CycleRepository;
  scheduleEvents: ScheduleEventRepository;
  people: PersonRepository;
  rocks: RockRepository;
  checkIns: CheckInRepository;
  praise: PraiseRepository;
  comments: CommentRepository;
  conversationReferences: ConversationReferenceRepository;
  outboxJobs: OutboxJobRepository;
  auditLog: AuditLogRepository;
  workers: WorkerRepository;
  /** Exactly-one-winner decisions that have no collection of their own (atomic.ts). */
  decisions: Decisions;
  policyVersions: PolicyVersionRepository;
  /** seed 002: self-reflections, growth plans, growth logs, end reflections, feedback gaps. */
  growth: GrowthRepository;
  coachingGroups: CoachingGroupRepository;
  groupSessions: GroupSessionRepository;
  groupPosts: GroupPostRepository;
  groupReplies: GroupReplyRepository;
  /** The year's reviews (impact, end of year) and what each person writes on them. */
  yearReviews: YearReviewRepository;
  /** seed 000 §8: 360-degree feedback requests and answers. */
  feedbackRequests: FeedbackRequestRepository;
  /** Issue 13: survey responses, career conversations, follow-ups, moderation notes, governor samples. */
  talent: TalentRepositories;
  /** Thanks written in a check-in with nobody chosen yet. */
  pendingThanks: PendingThanksRepository;
  /** Issue 16: who opened a person's records, once per viewer, record and day. */
  recordViews: RecordViewRepository;
  /** Issue 16: people whose records retention and erasure must keep. */
  legalHolds: LegalHoldRepository;
  /** Issue 16: everything held about a person, across collections (subject access, erasure, retention). */
  personalData: PersonalDataRepository;
}

/** Repositories hold no data of their own: every read goes to the database. */
export function createRepositories(db: Db): Repositories {
  const decisions = new Decisions(db);
  return {
    organisations: new OrganisationRepository(db),
    cycles: new CycleRepository(db),
    scheduleEvents: new ScheduleEventRepository(db, decisions),
    people: new PersonRepository(db),
    rocks: new RockRepository(db, decisions),
    checkIns: new CheckInRepository(db, decisions),
    praise: new PraiseRepository(db),
    comments: new CommentRepository(db),
    conversationReferences: new ConversationReferenceRepository(db),
    outboxJobs: new OutboxJobRepository(db),
    auditLog: new AuditLogRepository(db),
    workers: new WorkerRepository(db),
    decisions,
    policyVersions: new PolicyVersionRepository(db),
    growth: new GrowthRepository(db),
    coachingGroups: new CoachingGroupRepository(db),
    groupSessions: new GroupSessionRepository(db),
    groupPosts: new GroupPostRepository(db),
    groupReplies: new GroupReplyRepository(db),
    yearReviews: new YearReviewRepository(db),
    feedbackRequests: new FeedbackRequestRepository(db),
    talent: new TalentRepositories(db),
    pendingThanks: new PendingThanksRepository(db),
    recordViews: new RecordViewRepository(db),
    legalHolds: new LegalHoldRepository(db),
    personalData: new PersonalDataRepository(db),
  };
}
