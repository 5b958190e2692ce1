import { devIdentityHeader, type DevIdentity } from '../dev/devIdentity';
import { teamsAuthToken } from '../teams/connect';

/**
 * How requests prove who the user is: a Teams SSO token inside Teams, the dev identity header
 * when running locally with dev sign-in, or nothing (only for public endpoints such as dev status).
 */
export type ApiAuth =
  | { kind: 'teams' }
  | { kind: 'dev'; identity: DevIdentity }
  /** A token handed to the page by the end-to-end test (see teams/testToken.ts). */
  | { kind: 'token'; token: string }
  | { kind: 'none' };

let auth: ApiAuth = { kind: 'none' };

export function configureApiAuth(next: ApiAuth): void {
  auth = next;
}

export interface ApiFieldError {
  /** Where in the request the problem is, e.g. `rocks.0.title`. */
  path: string;
  message: string;
}

/** A failed API call, from an RFC 9457 problem+json body when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: ApiFieldError[];
  /** Stable domain error code, when the server names one. */
  readonly code: string | undefined;
  /** Id of a logged unexpected failure, to show the user so support can find it. */
  readonly errorId: string | undefined;

  constructor(init: {
    status: number;
    title: string;
    detail?: string;
    errors?: ApiFieldError[];
    code?: string;
    errorId?: string;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.code = init.code;
    this.errorId = init.errorId;
  }
}

const apiPrefix = '/api/v1/';

/**
 * Calls the server's REST API with the user's credentials. Resolves with the response when it is
 * 2xx; otherwise rejects with an ApiError (status 0 when the server could not be reached).
 */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  if (!path.startsWith(apiPrefix)) throw new Error(`apiFetch only calls ${apiPrefix}*, not ${path}`);
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json, application/problem+json');
  await addCredentials(headers);

  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError({
      status: 0,
      title: 'Could not reach Professional Growth',
      detail: cause instanceof Error ? cause.message : undefined,
    });
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/**
 * Fetches a download with the user's credentials and saves it through a Blob link (a plain link
 * would go without the sign-in header inside Teams' webview); the server's Content-Disposition
 * names the file, else `fallbackName`. Returns the name saved.
 */
export async function apiDownload(path: string, fallbackName: string): Promise<string> {
  const response = await apiFetch(path);
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
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

/**
 * Calls the API and checks the JSON body with a schema (a zod schema from shared/ fits),
 * so the tab and the server cannot drift apart on a field (STYLE.md §2).
 */
export async function apiJson<T>(
  path: string,
  schema: { parse(data: unknown): T },
  init?: RequestInit,
): Promise<T> {
  const response = await apiFetch(path, init);
  return schema.parse(await response.json());
}

async function addCredentials(headers: Headers): Promise<void> {
  switch (auth.kind) {
    case 'teams': {
      let token: string;
      try {
        token = await teamsAuthToken();
      } catch (cause) {
        throw new ApiError({
          status: 401,
          title: 'Teams could not sign you in',
          detail: cause instanceof Error ? cause.message : String(cause),
        });
      }
      headers.set('Authorization', `Bearer ${token}`);
      return;
    }
    case 'dev':
      headers.set('X-Dev-Identity', devIdentityHeader(auth.identity));
      return;
    case 'token':
      headers.set('Authorization', `Bearer ${auth.token}`);
      return;
    case 'none':
      return;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = { status: response.status, title: response.statusText || `Request failed (${response.status})` };
  const type = response.headers.get('Content-Type') ?? '';
  if (!/\bapplication\/(problem\+)?json\b/.test(type)) return new ApiError(fallback);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return new ApiError(fallback);
  }
  return problemToApiError(response.status, body, fallback.title);
}

/** Reads a problem+json body defensively: any field may be missing or of the wrong type. */
export function problemToApiError(status: number, body: unknown, fallbackTitle: string): ApiError {
  const problem = isRecord(body) ? body : {};
  return new ApiError({
    status: typeof problem.status === 'number' ? problem.status : status,
    title: stringOr(problem.title, fallbackTitle),
    detail: optionalString(problem.detail),
    errors: Array.isArray(problem.errors) ? problem.errors.flatMap(toFieldError) : [],
    code: optionalString(problem.code),
    errorId: optionalString(problem.errorId),
  });
}

function toFieldError(entry: unknown): ApiFieldError[] {
  if (!isRecord(entry) || typeof entry.message !== 'string') return [];
  const path = Array.isArray(entry.path) ? entry.path.join('.') : stringOr(entry.path, '');
  return [{ path, message: entry.message }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringOr(value: unknown, fallback: string): string {
  return optionalString(value) ?? fallback;
}
