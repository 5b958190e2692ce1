import type { DevStatusResponse } from '../../../shared/api';
import { apiFetch } from './client';

export type DevPerson = Extract<DevStatusResponse, { devSignIn: true }>['people'][number];
export type DevStatus = { devSignIn: false } | { devSignIn: true; people: DevPerson[] };

/**
 * Whether the server lets a local test user sign in without Teams, and whom it offers. Any failure
 * (no server, old server, unexpected body) means no: dev sign-in must never be on by accident.
 * Checked by hand rather than with the zod schema, which would put zod in the first download.
 */
export async function fetchDevStatus(): Promise<DevStatus> {
  try {
    const response = await apiFetch('/api/v1/dev/status');
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null || (body as { devSignIn?: unknown }).devSignIn !== true) return { devSignIn: false };
    const people = (body as { people?: unknown }).people;
    return { devSignIn: true, people: Array.isArray(people) ? people.filter(isDevPerson) : [] };
  } catch {
    return { devSignIn: false };
  }
}

function isDevPerson(value: unknown): value is DevPerson {
  if (typeof value !== 'object' || value === null) return false;
  const { displayName, entraObjectId, organisationId } = value as Record<string, unknown>;
  return typeof displayName === 'string' && typeof entraObjectId === 'string' && typeof organisationId === 'string';
}
