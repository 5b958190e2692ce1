// Issue 16's subject access and erasure calls. Exports are fetched with the user's credentials and
// saved through a Blob link (a plain link would go without the sign-in header inside Teams).
import { erasurePreviewSchema, erasureResponseSchema } from '../../../../shared/api/dataExport';
import { apiPaths } from '../../../../shared/api/paths';
import { apiFetch, apiJson } from '../../api/client';

/** Downloads an export and hands it to the browser as a file named by the server; returns the name. */
export async function downloadDataExport(personId: string | 'me', format: 'json' | 'html'): Promise<string> {
  const response = await apiFetch(personId === 'me' ? apiPaths.myDataExport(format) : apiPaths.personDataExport(personId, format));
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `personal-data.${format}`;
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

export const getErasurePreview = (personId: string) => apiJson(apiPaths.personErasure(personId), erasurePreviewSchema);

export const erasePerson = (personId: string, request: { reason: string; confirm: string }) =>
  apiJson(apiPaths.personErasure(personId), erasureResponseSchema, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
