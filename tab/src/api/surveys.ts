// The aspiration survey's /api/v1 calls (issue 13), each answer checked with the server's schema.
import {
  apiPaths,
  mySurveyResponseSchema,
  personSurveyResponseSchema,
  surveyAnalysisResponseSchema,
  surveyAnswersDtoSchema,
  type SurveyAnswerRequest,
} from '../../../shared/api';
import { apiFetch, apiJson } from './client';

const jsonBody = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const query = (params: { eventId?: string; by: 'school' | 'roleCategory' }) =>
  `?${new URLSearchParams({ by: params.by, ...(params.eventId ? { eventId: params.eventId } : {}) }).toString()}`;

export const getMySurvey = () => apiJson(apiPaths.aspirationSurvey(), mySurveyResponseSchema);
export const saveSurveyAnswers = (eventId: string, body: SurveyAnswerRequest) => apiJson(apiPaths.aspirationSurveyResponse(eventId), surveyAnswersDtoSchema, jsonBody('PUT', body));
export const getPersonSurvey = (personId: string) => apiJson(apiPaths.personSurveyResponse(personId), personSurveyResponseSchema);
export const getSurveyAnalysis = (params: { eventId?: string; by: 'school' | 'roleCategory' }) => apiJson(`${apiPaths.aspirationSurveyAnalysis()}${query(params)}`, surveyAnalysisResponseSchema);

/** The CSV of the same aggregates, as a file the browser saves (the download is audited by the server). */
export async function downloadSurveyAnalysisCsv(params: { eventId?: string; by: 'school' | 'roleCategory' }): Promise<void> {
  const response = await apiFetch(`${apiPaths.aspirationSurveyAnalysis('csv')}${query(params)}`);
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'aspiration-survey.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
