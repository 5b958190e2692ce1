/**
 * A local test user for running the tab outside Teams, only when the server has dev sign-in
 * enabled. Kept in sessionStorage so it ends with the browser tab.
 */
export interface DevIdentity {
  /** Entra object id of the user to act as. */
  objectId: string;
  tenantId: string;
}

const storageKey = 'pgteams.devIdentity';
// Entra ids are GUIDs; a local directory may use any simple id. Never '@', which separates them.
const idPattern = /^[A-Za-z0-9._-]{1,100}$/;

export function isIdentityPart(value: string): boolean {
  return idPattern.test(value);
}

/** The value of the `X-Dev-Identity` header the server accepts in dev mode. */
export function devIdentityHeader(identity: DevIdentity): string {
  return `${identity.objectId}@${identity.tenantId}`;
}

export function readDevIdentity(): DevIdentity | undefined {
  try {
    const raw = window.sessionStorage.getItem(storageKey);
    if (!raw) return undefined;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { objectId, tenantId } = value as Record<string, unknown>;
    if (typeof objectId !== 'string' || typeof tenantId !== 'string') return undefined;
    if (!isIdentityPart(objectId) || !isIdentityPart(tenantId)) return undefined;
    return { objectId, tenantId };
  } catch {
    // Storage can be blocked (private windows, embedded browsers); then there is no identity.
    return undefined;
  }
}

export function saveDevIdentity(identity: DevIdentity): void {
  window.sessionStorage.setItem(storageKey, JSON.stringify(identity));
}

export function clearDevIdentity(): void {
  try {
    window.sessionStorage.removeItem(storageKey);
  } catch {
    // Nothing stored, nothing to clear.
  }
}
