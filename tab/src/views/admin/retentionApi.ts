// Issue 16: the records retention calls (PG administrators), each answer checked with the server's schema.
import { apiPaths } from '../../../../shared/api/paths';
import { legalHoldResponseSchema, retentionReportSchema } from '../../../../shared/api/retention';
import { apiJson } from '../../api/client';

export const getRetentionReport = () => apiJson(apiPaths.retention(), retentionReportSchema);

/** Puts a hold (or rewords it) or lifts it, always with a reason. */
export const setLegalHold = (personId: string, hold: boolean, reason: string) =>
  apiJson(apiPaths.legalHold(personId), legalHoldResponseSchema, { method: hold ? 'PUT' : 'DELETE', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason }) });
