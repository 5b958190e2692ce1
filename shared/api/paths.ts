// The /api/v1 routes, so the tab's calls and the server's routes are spelled once.
const enc = encodeURIComponent;

export const API_PREFIX = '/api/v1';

export const apiPaths = {
  me: () => `${API_PREFIX}/me`,
  devStatus: () => `${API_PREFIX}/dev/status`,
  schedule: () => `${API_PREFIX}/schedule`,
  team: () => `${API_PREFIX}/team`,
  personRocks: (personId: string) => `${API_PREFIX}/people/${enc(personId)}/rocks`,
  personCheckIns: (personId: string) => `${API_PREFIX}/people/${enc(personId)}/check-ins`,
  personPraise: (personId: string) => `${API_PREFIX}/people/${enc(personId)}/praise`,
  rocks: () => `${API_PREFIX}/rocks`,
  rock: (rockId: string) => `${API_PREFIX}/rocks/${enc(rockId)}`,
  rockAction: (rockId: string, action: 'propose' | 'agree' | 'amend' | 'complete') => `${API_PREFIX}/rocks/${enc(rockId)}/${action}`,
  criterionDone: (rockId: string, criterionId: string) => `${API_PREFIX}/rocks/${enc(rockId)}/success-criteria/${enc(criterionId)}/done`,
  checkIn: (checkInId: string) => `${API_PREFIX}/check-ins/${enc(checkInId)}`,
  checkInAction: (checkInId: string, action: 'acknowledge' | 'respond') => `${API_PREFIX}/check-ins/${enc(checkInId)}/${action}`,
  thread: (kind: 'check-in' | 'rock', subjectId: string) => `${API_PREFIX}/threads/${enc(kind)}/${enc(subjectId)}/comments`,
  groupSessions: () => `${API_PREFIX}/group-sessions`,
  groupSession: (sessionId: string) => `${API_PREFIX}/group-sessions/${enc(sessionId)}`,
  groupProgress: () => `${API_PREFIX}/group-progress`,
  groupSessionMyPost: (sessionId: string) => `${API_PREFIX}/group-sessions/${enc(sessionId)}/my-post`,
} as const;
