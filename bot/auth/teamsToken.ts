// Verifies a Teams tab SSO token (authentication.getAuthToken()) with its issuer's published keys.
// DESIGN.md: signature (JWKS), aud, iss against tid, exp/nbf and scp are all checked here; the
// token is never decoded and trusted (TeamsFx's OBO credential does not verify signatures).
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { AuthenticationError } from './authenticationError';

export const REQUIRED_SCOPE = 'access_as_user';
export const MICROSOFT_LOGIN_HOST = 'https://login.microsoftonline.com';

/** Who a verified token says is calling. */
export interface TeamsIdentity {
  /** Entra object id of the user. */
  oid: string;
  /** Entra tenant id: the organisation. */
  tid: string;
  /** preferred_username (v2) or upn / unique_name (v1), lower-cased: used only to link a person once. */
  email?: string;
  name?: string;
}

export interface VerifyOptions {
  /** The tab's app registration id (AAD_APP_CLIENT_ID). */
  clientId: string;
  /** AAD_AUTHORITY_HOST, e.g. https://login.microsoftonline.com (tests: the identity stand-in). */
  authorityHost: string;
  now?: () => Date;
  /** Where keys come from; defaults to a process-wide cache of remote key sets. */
  keys?: KeySetCache;
}

// A tenant id is a GUID: checked before it goes into a key-set URL.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLOCK_TOLERANCE_SECONDS = 60;

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Remote key sets, one per authority host and tenant (`<host>/<tid>/discovery/v2.0/keys`). Bounded,
 * because the tenant comes from a token not yet verified and anyone can send one.
 */
export class KeySetCache {
  private readonly sets = new Map<string, KeySet>();
  constructor(private readonly maxTenants = 500) {}

  forTenant(authorityHost: string, tid: string): KeySet {
    const url = `${authorityHost.replace(/\/+$/, '')}/${tid}/discovery/v2.0/keys`;
    let set = this.sets.get(url);
    if (set) {
      // Keep recently used tenants: re-insert moves the key to the end of the Map's order.
      this.sets.delete(url);
      this.sets.set(url, set);
      return set;
    }
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 6 * 60 * 60 * 1000 });
    this.sets.set(url, set);
    if (this.sets.size > this.maxTenants) {
      const oldest = this.sets.keys().next().value;
      if (oldest !== undefined) this.sets.delete(oldest);
    }
    return set;
  }
}

const defaultKeys = new KeySetCache();

/** The audiences a token for this app may carry: the bare client id or `api://<host>/<clientId>`. */
export function isAcceptedAudience(aud: JWTPayload['aud'], clientId: string): boolean {
  if (!clientId) return false;
  const values = Array.isArray(aud) ? aud : aud === undefined ? [] : [aud];
  const appIdUri = new RegExp(`^api://[^/]+/${clientId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return values.some((value) => value === clientId || appIdUri.test(value));
}

/**
 * The issuers accepted for a tenant: v2 tokens from the configured authority host, and v1 tokens
 * (sts.windows.net, what Teams gets when the app registration leaves accessTokenAcceptedVersion
 * unset) only when that host is the real Microsoft login host, so a test host cannot mint them.
 */
export function acceptedIssuers(authorityHost: string, tid: string): string[] {
  const host = authorityHost.replace(/\/+$/, '');
  const issuers = [`${host}/${tid}/v2.0`];
  if (host === MICROSOFT_LOGIN_HOST) issuers.push(`https://sts.windows.net/${tid}/`);
  return issuers;
}

export async function verifyTeamsToken(token: string, options: VerifyOptions): Promise<TeamsIdentity> {
  if (!options.clientId) throw new AuthenticationError('AAD_APP_CLIENT_ID is not configured, so no token can be accepted');
  // Reading the tenant before verifying only chooses which keys and issuer to verify against;
  // nothing from the token is believed until jwtVerify has checked it.
  let unverifiedTid: unknown;
  try {
    unverifiedTid = decodeJwt(token).tid;
  } catch {
    throw new AuthenticationError('not a JWT');
  }
  if (typeof unverifiedTid !== 'string' || !GUID.test(unverifiedTid)) throw new AuthenticationError('token has no tenant id');
  const tid = unverifiedTid;

  const keys = (options.keys ?? defaultKeys).forTenant(options.authorityHost, tid);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      algorithms: ['RS256'],
      issuer: acceptedIssuers(options.authorityHost, tid),
      requiredClaims: ['exp', 'iat', 'oid', 'tid'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: options.now?.(),
    }));
  } catch (error) {
    throw new AuthenticationError(describeJoseError(error), keysUnavailable(error));
  }

  if (!isAcceptedAudience(payload.aud, options.clientId)) throw new AuthenticationError(`audience ${JSON.stringify(payload.aud)} is not this app`);
  if (payload.tid !== tid) throw new AuthenticationError('tid does not match the issuer');
  const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
  if (!scopes.includes(REQUIRED_SCOPE)) throw new AuthenticationError(`scope ${REQUIRED_SCOPE} is missing`);
  const oid = payload.oid;
  if (typeof oid !== 'string' || oid.length === 0) throw new AuthenticationError('token has no object id');

  const email = [payload.preferred_username, payload.upn, payload.unique_name, payload.email].find((v): v is string => typeof v === 'string' && v.includes('@'));
  return {
    oid,
    tid,
    email: email?.toLowerCase(),
    name: typeof payload.name === 'string' ? payload.name : undefined,
  };
}

/** A failure to read the key set (network, timeout, not 200, not a JWKS) rather than a verdict on the token. */
function keysUnavailable(error: unknown): boolean {
  if (!(error instanceof joseErrors.JOSEError)) return true;
  return error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid || error.code === 'ERR_JOSE_GENERIC';
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim ${error.claim} failed: ${error.reason}`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no matching signing key';
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
