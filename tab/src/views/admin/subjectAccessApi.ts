// Issue 16's subject access and erasure calls. Exports are fetched with the user's credentials and
// saved through a Blob link (a plain link would go without the sign-in header inside Teams).
import { erasurePreviewSchema, erasureResponseSchema } from '../../../../shared/api/dataExport';
import { apiPaths } from '../../../../shared/api/paths';
import { apiDownload, apiJson } from '../../api/client';

/** Downloads an export and hands it to the browser as a file named by the server; returns the name. */
export const downloadDataExport = (personId: string | 'me', format: 'json' | 'html') =>
  apiDownload(personId === 'me' ? apiPaths.myDataExport(format) : apiPaths.personDataExport(personId, format), `personal-data.${format}`);

export const getErasurePreview = (personId: string) => apiJson(apiPaths.personErasure(personId), erasurePreviewSchema);

export const erasePerson = (personId: string, request: { reason: string; confirm: string }) =>
  apiJson(apiPaths.personErasure(personId), erasureResponseSchema, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
