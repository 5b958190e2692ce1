// Issue 13's reports calls (seed 000 §3), each answer checked with the server's own schema; the
// CSV and release downloads are fetched with the user's credentials and saved as a file.
import { apiPaths } from '../../../shared/api/paths';
import {
  directedTimeReportSchema,
  equalityReportSchema,
  governorSampleDtoSchema,
  governorSampleListSchema,
  ofstedReportSchema,
  reportsOptOutResponseSchema,
} from '../../../shared/api/reports';
import { apiDownload, apiJson } from './client';

const send = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const withCycle = (path: string, cycleId?: string) => (cycleId ? `${path}?cycleId=${encodeURIComponent(cycleId)}` : path);

export const getOfstedReport = (cycleId?: string) => apiJson(withCycle(apiPaths.ofstedReport(), cycleId), ofstedReportSchema);
export const getEqualityReport = (cycleId?: string) => apiJson(withCycle(apiPaths.equalityReport(), cycleId), equalityReportSchema);
export const getDirectedTime = (cycleId?: string) => apiJson(withCycle(apiPaths.directedTime(), cycleId), directedTimeReportSchema);
export const getGovernorSamples = () => apiJson(apiPaths.governorSamples(), governorSampleListSchema);
export const getGovernorSample = (sampleId: string) => apiJson(apiPaths.governorSample(sampleId), governorSampleDtoSchema);
export const createGovernorSample = (request: { size?: number }) => apiJson(apiPaths.governorSamples(), governorSampleDtoSchema, send('POST', request));
export const decideSampleItem = (sampleId: string, index: number, approved: boolean) =>
  apiJson(apiPaths.governorSampleApproval(sampleId, index), governorSampleDtoSchema, send('POST', { approved }));
export const setReportsOptOut = (optOut: boolean) => apiJson(apiPaths.myReportsOptOut(), reportsOptOutResponseSchema, send('PUT', { optOut }));

/** Fetches a file from the API (a CSV, the release) and hands it to the browser as a download. */
export const downloadFile = (path: string, fallbackName: string): Promise<void> => apiDownload(path, fallbackName).then(() => undefined);

export const csvPath = {
  ofsted: (cycleId?: string) => withCycle(apiPaths.ofstedReport('csv'), cycleId),
  equality: (cycleId?: string) => withCycle(apiPaths.equalityReport('csv'), cycleId),
  directedTime: (cycleId?: string) => withCycle(apiPaths.directedTime('csv'), cycleId),
  release: (sampleId: string, format: 'json' | 'text') => `${apiPaths.governorSampleRelease(sampleId)}${format === 'text' ? '?format=text' : ''}`,
};
