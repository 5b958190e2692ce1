// Azure resources for one trust's deployment of Professional Growth for Teams.
// Deployed by the Agents Toolkit's arm/deploy (m365agents.yml) with infra/azure.parameters.json.
//
//   Teams ──► Azure Bot (Teams channel) ──► Web App (Linux, Node 20) ──► MongoDB (connection string)
//                                              │ user-assigned identity
//                                              ▼
//                                          Key Vault: BOT_PASSWORD, AAD_APP_CLIENT_SECRET, MONGODB_URI
//
// App setting names are the server's configuration contract (bot/config.ts); test/manifest checks
// that every name here is one the server reads.

@minLength(4)
@maxLength(40)
@description('Prefix for resource names; the web app is <resourceBaseName>.azurewebsites.net, so it must be globally unique.')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU (Linux). B1 is enough for one trust; Always On needs Basic or above.')
param webAppSku string = 'B1'

@maxLength(42)
param botDisplayName string

@description('BOT_ID: client id of the bot\'s Entra app registration (botAadApp/create).')
param botAadAppClientId string

@secure()
@description('BOT_PASSWORD: client secret of the bot\'s app registration. Stored in Key Vault.')
param botAadAppClientSecret string

@description('BOT_TYPE: Azure no longer creates new multi-tenant bots, so SingleTenant is the default.')
@allowed([
  'SingleTenant'
  'MultiTenant'
])
param botType string = 'SingleTenant'

param botTenantId string = tenant().tenantId

@description('AAD_APP_CLIENT_ID: the tab SSO app registration, which also sends activity-feed notifications.')
param aadAppClientId string

@secure()
@description('AAD_APP_CLIENT_SECRET: stored in Key Vault.')
param aadAppClientSecret string

param aadAppTenantId string = tenant().tenantId

@secure()
@description('MONGODB_URI: mongodb:// or mongodb+srv:// string for Cosmos DB for MongoDB (vCore) or Atlas. Stored in Key Vault.')
param mongodbUri string

param mongodbDb string = 'pgteams'

@description('TEAMS_APP_ID: the Teams app id from teamsApp/create, used in activity-feed deep links.')
param teamsAppId string

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Policy pack given to an organisation the first time it is seen.')
param defaultPolicy string = 'tsfe-2025-26'

@description('Teams allows about 50 requests/s per app per tenant.')
param tenantRateLimitRps int = 50

@description('all: web and worker in one process; split into web and worker only when scaling out.')
@allowed([
  'all'
  'web'
  'worker'
])
param role string = 'all'

param keyVaultName string = 'kv-${uniqueString(resourceGroup().id, resourceBaseName)}'

var webAppName = resourceBaseName
var publicHostName = '${webAppName}.azurewebsites.net'
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-password'
  properties: {
    value: botAadAppClientSecret
  }
}

resource aadAppClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'aad-app-client-secret'
  properties: {
    value: aadAppClientSecret
  }
}

resource mongodbUriSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'mongodb-uri'
  properties: {
    value: mongodbUri
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    // Key Vault references below are resolved with this identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node --disable-warning=DEP0111 dist/bot/main.js'
      healthCheckPath: '/healthz'
      alwaysOn: true // the scheduler and outbox worker run in this process
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          // App Service's Node image forwards requests to this port.
          name: 'PORT'
          value: '8080'
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'ROLE'
          value: role
        }
        {
          name: 'SCHEDULER'
          value: role == 'web' ? 'off' : 'on'
        }
        {
          name: 'MONGODB_URI'
          value: '@Microsoft.KeyVault(SecretUri=${mongodbUriSecret.properties.secretUri})'
        }
        {
          name: 'MONGODB_DB'
          value: mongodbDb
        }
        {
          name: 'BOT_ID'
          value: botAadAppClientId
        }
        {
          name: 'BOT_PASSWORD'
          value: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
        }
        {
          name: 'BOT_TYPE'
          value: botType
        }
        {
          name: 'BOT_TENANT_ID'
          value: botTenantId
        }
        {
          name: 'AAD_APP_CLIENT_ID'
          value: aadAppClientId
        }
        {
          name: 'AAD_APP_CLIENT_SECRET'
          value: '@Microsoft.KeyVault(SecretUri=${aadAppClientSecretSecret.properties.secretUri})'
        }
        {
          name: 'AAD_APP_TENANT_ID'
          value: aadAppTenantId
        }
        {
          name: 'PUBLIC_URL'
          value: 'https://${publicHostName}'
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        {
          name: 'AUTH_MODE'
          value: 'teams'
        }
        {
          name: 'DEFAULT_POLICY'
          value: defaultPolicy
        }
        {
          name: 'TENANT_RATE_LIMIT_RPS'
          value: string(tenantRateLimitRps)
        }
        {
          // zipDeploy ships the built app with its node_modules; do not rebuild on the server.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
      ]
    }
  }
  // The secrets must be readable before the first start, or the Key Vault references stay unresolved.
  dependsOn: [
    identityReadsSecrets
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0' // Teams is a standard channel: no message charge
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: botType
    msaAppTenantId: botType == 'SingleTenant' ? botTenantId : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written to env/.env.<env> by arm/deploy; the manifest and aad.manifest.json use the domains.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output KEY_VAULT_NAME string = keyVault.name
