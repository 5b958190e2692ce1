// Who is calling /api/v1. AUTH_MODE=teams: a Teams SSO bearer token, verified (teamsToken.ts).
// AUTH_MODE=dev (refused when NODE_ENV=production by config): the tab's `X-Dev-Identity:
// <oid>@<tid>` header names a person who must already be linked; a bearer token still works.
import type { Config } from '../config';
import type { Actor } from '../usecases/access';
import type { UseCaseContext } from '../usecases/context';
import { AuthenticationError } from './authenticationError';
import { resolveCaller } from './caller';
import { verifyTeamsToken, type KeySetCache } from './teamsToken';

export type AuthConfig = Pick<Config, 'AUTH_MODE' | 'AAD_APP_CLIENT_ID' | 'AAD_AUTHORITY_HOST' | 'NODE_ENV'>;

export interface RequestCredentials {
  authorization?: string;
  devIdentity?: string;
}

export async function authenticate(ctx: UseCaseContext, config: AuthConfig, credentials: RequestCredentials, keys?: KeySetCache): Promise<Actor> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(credentials.authorization ?? '')?.[1];
  if (bearer) {
    const identity = await verifyTeamsToken(bearer, { clientId: config.AAD_APP_CLIENT_ID, authorityHost: config.AAD_AUTHORITY_HOST, now: ctx.now, keys });
    return resolveCaller(ctx, identity, { linkByEmail: true });
  }
  if (devSignInEnabled(config) && credentials.devIdentity) {
    const match = /^([^@\s]+)@([^@\s]+)$/.exec(credentials.devIdentity.trim());
    if (!match) throw new AuthenticationError('X-Dev-Identity must be <objectId>@<tenantId>');
    return resolveCaller(ctx, { oid: match[1]!, tid: match[2]! }, { linkByEmail: false });
  }
  throw new AuthenticationError(credentials.authorization ? 'Authorization is not a bearer token' : 'no credentials');
}

/** Belt and braces: config already refuses dev mode in production. */
export function devSignInEnabled(config: AuthConfig): boolean {
  return config.AUTH_MODE === 'dev' && config.NODE_ENV !== 'production';
}
