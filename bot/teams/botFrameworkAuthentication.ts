// The bot's outbound authentication and Connector clients, with two things made explicit.
//
// 1. No credentials (local development, tests, benchmarks): with an empty MicrosoftAppId,
//    botbuilder's PasswordServiceClientCredentialFactory.isAuthenticationDisabled() is true and
//    createCredentials() returns MicrosoftAppCredentials.Empty, whose shouldSetToken() is false:
//    requests go out with no Authorization header and no token fetch from Entra. Nothing checks
//    the serviceUrl (AppCredentials.isTrustedServiceUrl() always returns true in 4.23), and
//    @azure/core-client allows plain http for an http: baseUri, so a conversation reference whose
//    serviceUrl is http://127.0.0.1:<port>/ reaches a local stand-in as is. Call
//    continueConversationAsync with botAppId '' (the claims then carry an empty appid).
//
// 2. No hidden retries: each ConnectorClient is an @azure/core-client ServiceClient whose
//    pipeline includes core-rest-pipeline's defaultRetryPolicy (3 retries: 429/503 after
//    Retry-After, other 5xx with its own exponential backoff). Those retries bypass the tenant
//    bucket and hide 429s from it, so one message would sleep alone while the rest of the run
//    carried on at full speed into the limit. The policy is removed here; RateAwareSender retries.
import {
  type Activity,
  type BotFrameworkClient,
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
// botbuilder does not re-export these; botframework-connector is its own dependency, same version.
import {
  AuthenticationConstants,
  type AuthenticateRequestResult,
  BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

/** Name core-rest-pipeline gives the policy (exported there as defaultRetryPolicyName). */
const DEFAULT_RETRY_POLICY = 'defaultRetryPolicy';

interface PipelineOwner {
  // ServiceClientContext keeps its core-client ServiceClient in a TypeScript-private `client`.
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

/** Strips the pipeline's own retry policy; returns false if botbuilder's internals have moved. */
export function removeHiddenRetries(connectorClient: ConnectorClient): boolean {
  const pipeline = (connectorClient as unknown as PipelineOwner).client?.pipeline;
  if (!pipeline) return false;
  pipeline.removePolicy({ name: DEFAULT_RETRY_POLICY });
  return true;
}

class NoHiddenRetriesConnectorFactory extends ConnectorFactory {
  constructor(private readonly inner: ConnectorFactory) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const client = await this.inner.create(serviceUrl, audience);
    if (!removeHiddenRetries(client)) {
      throw new Error('botbuilder ConnectorClient no longer exposes its pipeline; review bot/teams/botFrameworkAuthentication.ts');
    }
    return client;
  }
}

/** Delegates everything to botbuilder's own authentication except how Connector clients are built. */
export class DeliveryBotFrameworkAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateRequest(activity, authHeader);
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new NoHiddenRetriesConnectorFactory(this.inner.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
}

export interface BotCredentials {
  /** Empty in local development and tests: no token is requested or sent (see above). */
  appId: string;
  appPassword?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** The Bot Framework's OpenID metadata for inbound tokens; unset: botbuilder's public cloud. */
  openIdMetadataUrl?: string;
}

/**
 * botbuilder's factory takes any one of these settings as "all of them are intentional" and leaves
 * the rest undefined (no token issuer, no login URL), so moving the metadata alone would refuse
 * every genuine token: the public cloud's values are given with it.
 */
function publicCloudWithMetadataAt(metadataUrl: string): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
  };
}

export function createDeliveryBotFrameworkAuthentication(credentials: BotCredentials): DeliveryBotFrameworkAuthentication {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppType: credentials.appType ?? 'MultiTenant',
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    ...(credentials.openIdMetadataUrl ? publicCloudWithMetadataAt(credentials.openIdMetadataUrl) : {}),
  };
  return new DeliveryBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(options));
}
