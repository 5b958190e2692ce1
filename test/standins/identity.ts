// A local stand-in for the Microsoft identity platform's signing keys: it serves a JWKS at the
// paths login.microsoftonline.com uses (/<tenant>/discovery/v2.0/keys, /common/...) and signs
// tokens shaped like Teams SSO access tokens, so bot/auth's real verification runs in tests with
// AAD_AUTHORITY_HOST pointing here. A second key pair, never published, makes bad signatures.
// It also plays the Bot Framework's OpenID metadata (openIdMetadataUrl, for BOT_OPENID_METADATA_URL)
// with the same key endorsed for msteams, and signs channel tokens as the Bot Connector does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

export interface TokenClaims {
  oid: string;
  tid: string;
  /** Defaults to the stand-in's client id. */
  aud?: string | string[];
  /** Space-separated scopes; defaults to access_as_user. Null leaves the claim out. */
  scp?: string | null;
  /** Seconds since the epoch; defaults to an hour after `now`. */
  exp?: number;
  nbf?: number;
  iat?: number;
  /** Defaults to `<stand-in url>/<tid>/v2.0`. */
  iss?: string;
  preferred_username?: string;
  name?: string;
  [claim: string]: unknown;
}

export interface SignOptions {
  /** 'foreign' signs with a key the JWKS does not publish (under a published kid). */
  key?: 'published' | 'foreign';
  /** The instant the token is issued at; defaults to the real clock. */
  now?: Date;
}

export interface IdentityStandIn {
  url: string;
  clientId: string;
  /** Requests for key sets, by path. */
  requests: string[];
  signToken(claims: TokenClaims, options?: SignOptions): Promise<string>;
  /** The Bot Framework's OpenID metadata as served here: set BOT_OPENID_METADATA_URL to it. */
  openIdMetadataUrl: string;
  /** A channel token for POST /api/messages, as the Bot Connector signs it (real clock). */
  signBotToken(claims: { aud: string; serviceurl: string; [claim: string]: unknown }, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

const KID = 'standin-key-1';
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
const BOT_METADATA_PATH = '/botframework/v1/.well-known/openidconfiguration';

export async function startIdentityStandIn(options: { clientId?: string } = {}): Promise<IdentityStandIn> {
  const clientId = options.clientId ?? '00000000-0000-4000-8000-00000000c1d0';
  const published = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(published.publicKey)), kid: KID, use: 'sig', alg: 'RS256' };
  // botbuilder only takes a key endorsed for the activity's channel.
  const botJwk = { ...jwk, endorsements: ['msteams'] };
  const requests: string[] = [];

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    requests.push(path);
    if (req.method === 'GET' && /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path)) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    if (req.method === 'GET' && path === BOT_METADATA_PATH) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${url}/botframework/keys` }));
      return;
    }
    if (req.method === 'GET' && path === '/botframework/keys') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys: [botJwk] }));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: 'not_found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function signToken(claims: TokenClaims, signOptions: SignOptions = {}): Promise<string> {
    const nowSeconds = Math.floor((signOptions.now ?? new Date()).getTime() / 1000);
    const { aud, scp, exp, nbf, iat, iss, ...rest } = claims;
    const payload: Record<string, unknown> = { ver: '2.0', ...rest };
    if (scp !== null) payload.scp = scp ?? 'access_as_user';
    const key: KeyLike = signOptions.key === 'foreign' ? foreign.privateKey : published.privateKey;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .setIssuer(iss ?? `${url}/${claims.tid}/v2.0`)
      .setAudience(aud ?? clientId)
      .setIssuedAt(iat ?? nowSeconds)
      .setNotBefore(nbf ?? nowSeconds)
      .setExpirationTime(exp ?? nowSeconds + 3600)
      .sign(key);
  }

  async function signBotToken(claims: { aud: string; serviceurl: string; [claim: string]: unknown }, signOptions: SignOptions = {}): Promise<string> {
    const nowSeconds = Math.floor((signOptions.now ?? new Date()).getTime() / 1000);
    const key: KeyLike = signOptions.key === 'foreign' ? foreign.privateKey : published.privateKey;
    const { aud, ...rest } = claims;
    return new SignJWT({ ...rest })
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .setIssuer(BOT_FRAMEWORK_ISSUER)
      .setAudience(aud)
      .setIssuedAt(nowSeconds - 60)
      .setNotBefore(nowSeconds - 60)
      .setExpirationTime(nowSeconds + 3600)
      .sign(key);
  }

  return {
    url,
    clientId,
    requests,
    signToken,
    openIdMetadataUrl: `${url}${BOT_METADATA_PATH}`,
    signBotToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
