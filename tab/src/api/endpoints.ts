// One function per /api/v1 call the tab makes, each answer checked with the server's own schema
// (shared/api), so the two cannot drift apart on a field. Views import from here, never fetch.
import {
  apiPaths,
  checkInDetailResponseSchema,
  checkInDtoSchema,
  checkInTimelineResponseSchema,
  commentDtoSchema,
  groupProgressResponseSchema,
  groupSessionResponseSchema,
  myGroupSessionsResponseSchema,
  meResponseSchema,
  praiseListResponseSchema,
  rockDtoSchema,
  rockListResponseSchema,
  scheduleResponseSchema,
  teamResponseSchema,
  threadResponseSchema,
  type PraiseDirection,
  type ThreadKind,
} from '../../../shared/api';
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

export type RockAction = 'propose' | 'agree' | 'amend' | 'complete';

/** propose/complete carry an optional note; agree/amend a reviewer comment (required to amend). */
export const rockAction = (rockId: string, action: RockAction, version: number, text?: string) => {
  const words = text?.trim() || undefined;
  const body = action === 'agree' || action === 'amend' ? { version, comment: words } : { version, note: words };
  return apiJson(apiPaths.rockAction(rockId, action), rockDtoSchema, send('POST', body));
};

export const setCriterionDone = (rockId: string, criterionId: string, done: boolean, version: number) =>
  apiJson(apiPaths.criterionDone(rockId, criterionId), rockDtoSchema, send('PUT', { done, version }));

export const getCheckIns = (personId: string) => apiJson(apiPaths.personCheckIns(personId), checkInTimelineResponseSchema);

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

export const getSchedule = () => apiJson(apiPaths.schedule(), scheduleResponseSchema);

export const getMyGroupSessions = () => apiJson(apiPaths.groupSessions(), myGroupSessionsResponseSchema);

export const getGroupSession = (sessionId: string) => apiJson(apiPaths.groupSession(sessionId), groupSessionResponseSchema);

export const getGroupProgress = () => apiJson(apiPaths.groupProgress(), groupProgressResponseSchema);

export const saveMyGroupPost = (sessionId: string, answers: Record<string, string>) =>
  apiJson(apiPaths.groupSessionMyPost(sessionId), groupSessionResponseSchema, send('PUT', { answers }));
