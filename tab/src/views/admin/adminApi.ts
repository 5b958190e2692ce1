// Issue 15: the Trust progress calls (PG administrators), each answer checked with the server's
// schema; the CSV exports are fetched with the user's credentials and saved through a Blob link,
// which also works inside Teams' webview (a plain link would go without the sign-in header).
import { apiPaths } from '../../../../shared/api/paths';
import { progressResponseSchema, scheduleEditsResponseSchema } from '../../../../shared/api/progress';
import { apiDownload, apiJson } from '../../api/client';

const withQuery = (path: string, name: string, value?: string) => (value ? `${path}?${name}=${encodeURIComponent(value)}` : path);

export const getProgress = (eventId?: string) => apiJson(withQuery(apiPaths.progress(), 'eventId', eventId), progressResponseSchema);
export const getScheduleEdits = (cycleId?: string) => apiJson(withQuery(apiPaths.scheduleEdits(), 'cycleId', cycleId), scheduleEditsResponseSchema);

/** Downloads an export and hands it to the browser as a file (the server names it). */
export const downloadProgressCsv = (rows: 'schools' | 'people', eventId?: string) =>
  apiDownload(withQuery(apiPaths.progressCsv(rows), 'eventId', eventId), `completion-by-${rows === 'schools' ? 'school' : 'person'}.csv`);
