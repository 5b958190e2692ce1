// The reviewer's team actions (issue 15), each answer checked with the server's own schema. Kept
// beside the view so only the team chunk carries them.
import { acknowledgeCheckInsResponseSchema, apiPaths, checkInReminderResponseSchema, yearReviewListResponseSchema } from '../../../../shared/api';
import { apiJson } from '../../api/client';

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** Acknowledges several check-ins at once: one result for each. */
export const acknowledgeCheckIns = (checkInIds: string[]) => apiJson(apiPaths.acknowledgeCheckIns(), acknowledgeCheckInsResponseSchema, post({ checkInIds }));

/** "Send a gentle reminder" to someone who has not checked in while the window is open. */
export const sendCheckInReminder = (personId: string) => apiJson(apiPaths.checkInReminder(personId), checkInReminderResponseSchema, post({}));

/** The year's reviews the caller is part of (needsMe, myTeam), for the team's "needs me" and each person's page. */
export const getTeamReviews = () => apiJson(apiPaths.yearReviews(), yearReviewListResponseSchema);
