// One function per /api/v1 call the tab makes, each answer checked with the server's own schema
// (shared/api), so the two cannot drift apart on a field. Views import from here, never fetch.
import {
  apiPaths,
  checkInDetailResponseSchema,
  checkInDtoSchema,
  submitCheckInResponseSchema,
  checkInTimelineResponseSchema,
  endReflectionDtoSchema,
  growthLogEntryDtoSchema,
  growthPlanDtoSchema,
  growthResponseSchema,
  growthSummaryResponseSchema,
  selfReflectionDtoSchema,
  commentDtoSchema,
  directorySearchResponseSchema,
  redelegationResponseSchema,
  reviewerRecordResponseSchema,
  type RedelegationRequest,
  cycleListResponseSchema,
  groupProgressResponseSchema,
  groupSessionResponseSchema,
  myGroupSessionsResponseSchema,
  meResponseSchema,
  nextCycleOptionsResponseSchema,
  nextCyclePreviewResponseSchema,
  nextCycleStartedResponseSchema,
  praiseListResponseSchema,
  rockDtoSchema,
  rockListResponseSchema,
  scheduleResponseSchema,
  teamResponseSchema,
  threadResponseSchema,
  type EndReflectionRequest,
  type GrowthLogRequest,
  type GrowthPlanRequest,
  escalatedRocksResponseSchema,
  myRockDeadlinesResponseSchema,
  type DecideRockRequest,
  type NextCycleSourceInput,
  type PraiseDirection,
  type SelfReflectionRequest,
  type ThreadKind,
  policyPreviewResponseSchema,
  policyResponseSchema,
  policySaveResponseSchema,
  policyVersionsResponseSchema,
} from '../../../shared/api';
import { currentCheckInResponseSchema, type SubmitCheckInRequest } from '../../../shared/api';
import { careerConversationResponseSchema, followUpDtoSchema, followUpListResponseSchema, type CareerConversationRequest } from '../../../shared/api';
import { apiJson } from './client';
import type { RockDraft } from './model';

export type { ThreadKind };

function send(method: string, body: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** A client-chosen id makes a retried create idempotent on the server. */
const newId = () => crypto.randomUUID();

export const getMe = () => apiJson(apiPaths.me(), meResponseSchema);

export const getRocks = (personId: string) =>
  apiJson(`${apiPaths.personRocks(personId)}?pageSize=200`, rockListResponseSchema).then((r) => r.items);

export const createRock = (draft: RockDraft) => apiJson(apiPaths.rocks(), rockDtoSchema, send('POST', { id: newId(), ...draft }));

export const updateRock = (rockId: string, version: number, draft: RockDraft) =>
  apiJson(
    apiPaths.rock(rockId),
    rockDtoSchema,
    send('PATCH', {
      version,
      title: draft.title,
      description: draft.description,
      alignment: draft.alignment,
      successCriteria: draft.successCriteria,
    }),
  );

export type RockAction = 'propose' | 'agree' | 'amend' | 'complete' | 'accept' | 'send-back' | 'escalate';

/** The content a reviewer (amend) or a deciding manager (decide) may change. */
export type RockContentChange = Pick<RockDraft, 'title' | 'description' | 'successCriteria'>;

/**
 * propose/complete/accept carry an optional note; agree/amend a reviewer comment (required to
 * amend, which may change the content too); send-back ("not agreed — revise") and escalate a reason.
 */
export const rockAction = (rockId: string, action: RockAction, version: number, text?: string, content?: RockContentChange) => {
  const words = text?.trim() || undefined;
  const body =
    action === 'agree' || action === 'amend'
      ? { version, comment: words, ...(action === 'amend' ? content : {}) }
      : action === 'send-back' || action === 'escalate'
        ? { version, reason: words }
        : { version, note: words };
  return apiJson(apiPaths.rockAction(rockId, action), rockDtoSchema, send('POST', body));
};

/** The reviewer's manager settles an escalated rock (seed 001 FAQ). */
export const decideRock = (rockId: string, request: DecideRockRequest) =>
  apiJson(apiPaths.rockAction(rockId, 'decide'), rockDtoSchema, send('POST', request));

export const setRockPriority = (rockId: string, priority: boolean, version: number) =>
  apiJson(apiPaths.rockPriority(rockId), rockDtoSchema, send('PUT', { priority, version }));

export const getEscalatedRocks = () => apiJson(apiPaths.escalatedRocks(), escalatedRocksResponseSchema).then((r) => r.items);

export const getMyRockDeadlines = () => apiJson(apiPaths.myRockDeadlines(), myRockDeadlinesResponseSchema).then((r) => r.items);

export const setCriterionDone = (rockId: string, criterionId: string, done: boolean, version: number) =>
  apiJson(apiPaths.criterionDone(rockId, criterionId), rockDtoSchema, send('PUT', { done, version }));

/** A person's check-ins in the current cycle, or in another (a past year). */
export const getCheckIns = (personId: string, cycleId?: string) =>
  apiJson(`${apiPaths.personCheckIns(personId)}${cycleId ? `?cycleId=${encodeURIComponent(cycleId)}` : ''}`, checkInTimelineResponseSchema);

export const getCheckIn = (checkInId: string) => apiJson(apiPaths.checkIn(checkInId), checkInDetailResponseSchema);

export const acknowledgeCheckIn = (checkInId: string) =>
  apiJson(apiPaths.checkInAction(checkInId, 'acknowledge'), checkInDtoSchema, send('POST', {}));

export const respondToCheckIn = (checkInId: string, text: string, anchor: string) =>
  apiJson(apiPaths.checkInAction(checkInId, 'respond'), checkInDtoSchema, send('POST', { text, anchor }));

export const getThread = (kind: ThreadKind, subjectId: string) =>
  apiJson(`${apiPaths.thread(kind, subjectId)}?pageSize=200`, threadResponseSchema);

export const postComment = (kind: ThreadKind, subjectId: string, text: string) =>
  apiJson(apiPaths.thread(kind, subjectId), commentDtoSchema, send('POST', { id: newId(), text }));

export const getPraise = (personId: string, direction: PraiseDirection) =>
  apiJson(`${apiPaths.personPraise(personId)}?direction=${direction}&pageSize=200`, praiseListResponseSchema).then(
    (r) => r.items,
  );

export const getTeam = () => apiJson(apiPaths.team(), teamResponseSchema);

export const getPolicy = (organisationId: string) => apiJson(apiPaths.policy(organisationId), policyResponseSchema);

export const previewPolicy = (organisationId: string, version: number, policy: Record<string, unknown>) =>
  apiJson(apiPaths.policyPreview(organisationId), policyPreviewResponseSchema, send('POST', { version, policy }));

export const savePolicy = (organisationId: string, version: number, policy: Record<string, unknown>) =>
  apiJson(apiPaths.policy(organisationId), policySaveResponseSchema, send('PUT', { version, policy }));

export const getPolicyVersions = (organisationId: string) =>
  apiJson(apiPaths.policyVersions(organisationId), policyVersionsResponseSchema).then((r) => r.items);
// seed 002: the person's growth records (their coach reads them too) and their own saves.
export const getGrowth = (personId: string) => apiJson(apiPaths.personGrowth(personId), growthResponseSchema);

export const saveSelfReflection = (body: SelfReflectionRequest) =>
  apiJson(apiPaths.growthRecord('self-reflection'), selfReflectionDtoSchema, send('PUT', body));

export const saveGrowthPlan = (body: GrowthPlanRequest) => apiJson(apiPaths.growthRecord('plan'), growthPlanDtoSchema, send('PUT', body));

export const addGrowthLogEntry = (body: GrowthLogRequest) =>
  apiJson(apiPaths.growthRecord('log'), growthLogEntryDtoSchema, send('POST', { entryId: newId(), ...body }));

export const saveEndReflection = (body: EndReflectionRequest) =>
  apiJson(apiPaths.growthRecord('end-reflection'), endReflectionDtoSchema, send('PUT', body));

export const getGrowthSummary = () => apiJson(apiPaths.growthSummary(), growthSummaryResponseSchema);
/** PG admins and SMT leads: colleagues by name or email, with their reviewer (the reviewers view). */
export const searchPeople = (query: string) => apiJson(apiPaths.people(query), directorySearchResponseSchema).then((r) => r.items);

export const getReviewerRecord = (personId: string) => apiJson(apiPaths.personReviewer(personId), reviewerRecordResponseSchema);

/** Redelegation (seed 000 §5): `dryRun` previews; otherwise applies, refused (409) if the person changed since `digest`. */
export const redelegate = (personId: string, request: RedelegationRequest) =>
  apiJson(apiPaths.personReviewer(personId), redelegationResponseSchema, send('POST', request));

/** The current cycle's schedule, or another cycle's (a past year, the next one). */
export const getSchedule = (cycleId?: string) =>
  apiJson(cycleId ? `${apiPaths.schedule()}?cycleId=${encodeURIComponent(cycleId)}` : apiPaths.schedule(), scheduleResponseSchema);

export const getCycles = () => apiJson(apiPaths.cycles(), cycleListResponseSchema).then((r) => r.items);

export const getNextCycleOptions = () => apiJson(apiPaths.nextCycle(), nextCycleOptionsResponseSchema);

export const previewNextCycle = (source: NextCycleSourceInput) =>
  apiJson(apiPaths.nextCyclePreview(), nextCyclePreviewResponseSchema, send('POST', { source }));

export const confirmNextCycle = (source: NextCycleSourceInput, digest: string) =>
  apiJson(apiPaths.nextCycle(), nextCycleStartedResponseSchema, send('POST', { source, digest }));

export const getMyGroupSessions = () => apiJson(apiPaths.groupSessions(), myGroupSessionsResponseSchema);

export const getGroupSession = (sessionId: string) => apiJson(apiPaths.groupSession(sessionId), groupSessionResponseSchema);

export const getGroupProgress = () => apiJson(apiPaths.groupProgress(), groupProgressResponseSchema);

export const saveMyGroupPost = (sessionId: string, answers: Record<string, string>) =>
  apiJson(apiPaths.groupSessionMyPost(sessionId), groupSessionResponseSchema, send('PUT', { answers }));

// Issue 13: career conversations and follow-ups (shared/api/career.ts).
export const getCareerConversation = (personId: string) => apiJson(apiPaths.personCareerConversation(personId), careerConversationResponseSchema);
export const recordCareerConversation = (personId: string, body: CareerConversationRequest) =>
  apiJson(apiPaths.personCareerConversation(personId), careerConversationResponseSchema, send('PUT', body));
export const commentOnCareerConversation = (personId: string, text: string) => apiJson(apiPaths.careerComment(personId), careerConversationResponseSchema, send('PUT', { text }));
export const getFollowUps = () => apiJson(apiPaths.followUps(), followUpListResponseSchema);
export const closeFollowUp = (followUpId: string, note: string) => apiJson(apiPaths.closeFollowUp(followUpId), followUpDtoSchema, send('POST', { note }));

// Issue 15: checking in from the tab — the open check-in (GET) and the card's own submit (POST).
export const getCurrentCheckIn = () => apiJson(apiPaths.currentCheckIn(), currentCheckInResponseSchema);
/** The stored check-in, and the thanks it kept when that named nobody (`pendingThanks`: ask whom it is for). */
export const submitCheckIn = (request: SubmitCheckInRequest) => apiJson(apiPaths.submitCheckIn(), submitCheckInResponseSchema, send('POST', request));
