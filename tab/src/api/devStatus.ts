import { apiFetch } from './client';

/**
 * Whether the server lets a local test user sign in without Teams. Any failure (no server,
 * old server, unexpected body) means no: dev sign-in must never be on by accident.
 */
export async function fetchDevSignInEnabled(): Promise<boolean> {
  try {
    const response = await apiFetch('/api/v1/dev/status');
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null && (body as { devSignIn?: unknown }).devSignIn === true;
  } catch {
    return false;
  }
}
