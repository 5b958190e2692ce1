// Issue 15: the Trust progress calls (PG administrators), each answer checked with the server's
// schema; the CSV exports are fetched with the user's credentials and saved through a Blob link,
// which also works inside Teams' webview (a plain link would go without the sign-in header).
import { apiPaths } from '../../../../shared/api/paths';
import { progressResponseSchema, scheduleEditsResponseSchema } from '../../../../shared/api/progress';
import { apiFetch, apiJson } from '../../api/client';

const withQuery = (path: string, name: string, value?: string) => (value ? `${path}?${name}=${encodeURIComponent(value)}` : path);

export const getProgress = (eventId?: string) => apiJson(withQuery(apiPaths.progress(), 'eventId', eventId), progressResponseSchema);
export const getScheduleEdits = (cycleId?: string) => apiJson(withQuery(apiPaths.scheduleEdits(), 'cycleId', cycleId), scheduleEditsResponseSchema);

/** Downloads an export and hands it to the browser as a file (the server names it). */
export async function downloadProgressCsv(rows: 'schools' | 'people', eventId?: string): Promise<string> {
  const response = await apiFetch(withQuery(apiPaths.progressCsv(rows), 'eventId', eventId));
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `completion-by-${rows === 'schools' ? 'school' : 'person'}.csv`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some webviews read the Blob after click() returns: let go of it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
