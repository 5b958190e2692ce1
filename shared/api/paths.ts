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
  rockAction: (rockId: string, action: 'propose' | 'agree' | 'amend' | 'complete' | 'accept' | 'send-back' | 'escalate' | 'decide') => `${API_PREFIX}/rocks/${enc(rockId)}/${action}`,
  criterionDone: (rockId: string, criterionId: string) => `${API_PREFIX}/rocks/${enc(rockId)}/success-criteria/${enc(criterionId)}/done`,
  checkIn: (checkInId: string) => `${API_PREFIX}/check-ins/${enc(checkInId)}`,
  checkInAction: (checkInId: string, action: 'acknowledge' | 'respond') => `${API_PREFIX}/check-ins/${enc(checkInId)}/${action}`,
  rockPriority: (rockId: string) => `${API_PREFIX}/rocks/${enc(rockId)}/priority`,
  escalatedRocks: () => `${API_PREFIX}/rocks/escalated`,
  myRockDeadlines: () => `${API_PREFIX}/rock-deadlines/me`,
  rockDeadlines: () => `${API_PREFIX}/rock-deadlines`,
  people: (query: string) => `${API_PREFIX}/people?q=${enc(query)}`,
  personReviewer: (personId: string) => `${API_PREFIX}/people/${enc(personId)}/reviewer`,
  submitCheckIn: () => `${API_PREFIX}/check-ins`,
  thread: (kind: 'check-in' | 'rock', subjectId: string) => `${API_PREFIX}/threads/${enc(kind)}/${enc(subjectId)}/comments`,
  policy: (organisationId: string) => `${API_PREFIX}/organisations/${enc(organisationId)}/policy`,
  policyPreview: (organisationId: string) => `${API_PREFIX}/organisations/${enc(organisationId)}/policy/preview`,
  policyVersions: (organisationId: string) => `${API_PREFIX}/organisations/${enc(organisationId)}/policy/versions`,
  personGrowth: (personId: string) => `${API_PREFIX}/people/${enc(personId)}/growth`,
  growthRecord: (record: 'self-reflection' | 'plan' | 'log' | 'end-reflection') => `${API_PREFIX}/growth/${record}`,
  growthSummary: () => `${API_PREFIX}/growth/summary`,
  cycles: () => `${API_PREFIX}/cycles`,
  nextCycle: () => `${API_PREFIX}/cycles/next`,
  nextCyclePreview: () => `${API_PREFIX}/cycles/next/preview`,
  groupSessions: () => `${API_PREFIX}/group-sessions`,
  groupSession: (sessionId: string) => `${API_PREFIX}/group-sessions/${enc(sessionId)}`,
  groupProgress: () => `${API_PREFIX}/group-progress`,
  groupSessionMyPost: (sessionId: string) => `${API_PREFIX}/group-sessions/${enc(sessionId)}/my-post`,
  /** Issue 12: my reviews and the reviews that need me (?cycleId=). */
  yearReviews: () => `${API_PREFIX}/reviews`,
  yearReview: (reviewId: string) => `${API_PREFIX}/reviews/${enc(reviewId)}`,
  yearReviewPart: (reviewId: string, part: YearReviewPart) => `${API_PREFIX}/reviews/${enc(reviewId)}/${part}`,
  /** PG administrators: completion of each review stage by school (?cycleId=&stage=). */
  yearReviewProgress: () => `${API_PREFIX}/review-progress`,
  /** seed 000 §8: 360 feedback I asked for and was asked for (GET), ask a colleague (POST). */
  feedbackRequests: () => `${API_PREFIX}/feedback-requests`,
  feedbackRequestAction: (requestId: string, action: 'answer' | 'decline') => `${API_PREFIX}/feedback-requests/${enc(requestId)}/${action}`,
  /** Issue 13: my aspiration survey (GET: the open or last one, with my answers; PUT: answer or edit until close). */
  aspirationSurvey: () => `${API_PREFIX}/aspiration-survey`,
  aspirationSurveyResponse: (eventId: string) => `${API_PREFIX}/aspiration-survey/${enc(eventId)}/response`,
  /** PG admins and leaders: aggregates by school / role category / question, min group size (?eventId=&by=; .csv for the export). */
  aspirationSurveyAnalysis: (format: 'json' | 'csv' = 'json') => `${API_PREFIX}/aspiration-survey/analysis${format === 'csv' ? '.csv' : ''}`,
  /** One person's survey answers (the person, their reviewer, PG admins per policy). */
  personSurveyResponse: (personId: string) => `${API_PREFIX}/people/${enc(personId)}/aspiration-survey`,
  personCareerConversation: (personId: string) => `${API_PREFIX}/people/${enc(personId)}/career-conversation`,
  careerComment: (personId: string) => `${API_PREFIX}/people/${enc(personId)}/career-conversation/comment`,
  followUps: () => `${API_PREFIX}/follow-ups`,
  closeFollowUp: (followUpId: string) => `${API_PREFIX}/follow-ups/${enc(followUpId)}/close`,
  talentPool: () => `${API_PREFIX}/talent/pool`,
  talentGrid: () => `${API_PREFIX}/talent/grid`,
  moderationRocks: () => `${API_PREFIX}/moderation/rocks`,
  moderationNotes: (rockId: string) => `${API_PREFIX}/rocks/${enc(rockId)}/moderation-notes`,
  ofstedReport: (format: 'json' | 'csv' = 'json') => `${API_PREFIX}/reports/ofsted${format === 'csv' ? '.csv' : ''}`,
  equalityReport: (format: 'json' | 'csv' = 'json') => `${API_PREFIX}/reports/equality${format === 'csv' ? '.csv' : ''}`,
  directedTime: (format: 'json' | 'csv' = 'json') => `${API_PREFIX}/reports/directed-time${format === 'csv' ? '.csv' : ''}`,
  governorSamples: () => `${API_PREFIX}/reports/governor-samples`,
  governorSample: (sampleId: string) => `${API_PREFIX}/reports/governor-samples/${enc(sampleId)}`,
  governorSampleApproval: (sampleId: string, index: number) => `${API_PREFIX}/reports/governor-samples/${enc(sampleId)}/items/${index}/approval`,
  governorSampleRelease: (sampleId: string) => `${API_PREFIX}/reports/governor-samples/${enc(sampleId)}/release`,
  /** The person's own setting: leave my reflections out of governor samples. */
  myReportsOptOut: () => `${API_PREFIX}/me/reports-opt-out`,
  /** Issue 15: my open check-in (GET), to check in or edit from the tab; submitted with submitCheckIn. */
  currentCheckIn: () => `${API_PREFIX}/check-ins/current`,
  /** Issue 15: a reviewer acknowledges several check-ins at once. */
  acknowledgeCheckIns: () => `${API_PREFIX}/check-ins/acknowledge`,
  /** Issue 15: a gentle reminder to a reviewee who has not checked in while the window is open. */
  checkInReminder: (personId: string) => `${API_PREFIX}/people/${enc(personId)}/check-in-reminder`,
  /** Issue 15, PG admins: completion of a check-in window by school (?eventId=), and its CSV exports. */
  progress: () => `${API_PREFIX}/progress`,
  progressCsv: (rows: 'schools' | 'people') => `${API_PREFIX}/progress/${rows}.csv`,
  /** PG admins: the schedule's edits made from the admin channel (?cycleId=). */
  scheduleEdits: () => `${API_PREFIX}/schedule/edits`,
  /** Issue 16: who has opened my records (?pageSize=&before=). */
  myRecordViews: () => `${API_PREFIX}/me/record-views`,
  /** Issue 16: everything held about me (?format=json|html), and PG admins' copy for a person. */
  myDataExport: (format: 'json' | 'html') => `${API_PREFIX}/me/data-export?format=${format}`,
  personDataExport: (personId: string, format: 'json' | 'html') => `${API_PREFIX}/people/${enc(personId)}/data-export?format=${format}`,
  /** Issue 16, PG admins: GET previews the erasure's counts, POST erases (refused under a legal hold). */
  personErasure: (personId: string) => `${API_PREFIX}/people/${enc(personId)}/erasure`,
  /** Issue 16, PG admins: the retention dry-run report (?asOf=), and a legal hold on a person (PUT/DELETE). */
  retention: () => `${API_PREFIX}/retention`,
  legalHold: (personId: string) => `${API_PREFIX}/retention/holds/${enc(personId)}`,
} as const;

/** What one person writes on a review, each by its one author (PUT). */
export type YearReviewPart = 'impact-outcome' | 'reflection' | 'statement' | 'final-decision' | 'comment' | 'support-plan' | 'support-outcome';
