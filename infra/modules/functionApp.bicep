// The Candor API: Azure Functions on the Flex Consumption plan, Node.js, running as a user-assigned managed
// identity. Settings are what functions/src/config.ts reads; the one secret is a Key Vault reference.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerUrl string
param tableEndpoint string
param applicationInsightsConnectionString string
param keyVaultName string
@description('Application (client) id of the Candor API app registration.')
param clientId string
param tenantId string
@description('Host name the tab is served from: the SSO Application ID URI and the only origin CORS allows.')
param tabHostName string
@minValue(0)
@description('Always-ready instances of the `http` function group: the bot must answer the Bot Framework within 15 s.')
param httpAlwaysReadyInstances int
@description('The Bot Framework token service of a regional Azure Bot; blank for a global bot.')
param botTokenServiceUrl string
@description('The Teams app\'s id in the organization\'s catalog; blank until the app is uploaded.')
param teamsCatalogAppId string

// Node 22: a Flex Consumption runtime with long-term support (Node 20 reached its end of life in April 2026).
var nodeVersion = '22'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd finds the resource to deploy the `api` service of azure.yaml to by this tag.
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with this identity (it holds Key Vault Secrets User).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      // The tab calls the API from its own origin; the platform answers CORS, the functions do not.
      cors: {
        allowedOrigins: [
          'https://${tabHostName}'
        ]
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
        // `http` is the group of every HTTP-triggered function; these instances are billed even when idle.
        alwaysReady: [
          {
            name: 'http'
            instanceCount: httpAlwaysReadyInstances
          }
        ]
      }
      runtime: {
        name: 'node'
        version: nodeVersion
      }
    }
  }
}

// Flex Consumption takes the runtime from functionAppConfig above and rejects FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION as app settings, so neither appears here.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // The host's own storage, by identity.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // DefaultAzureCredential (the Table Storage client) picks the user-assigned identity by this client id.
    AZURE_CLIENT_ID: identityClientId
    TABLES_ACCOUNT_URL: tableEndpoint
    AUTH_AUTHORITY_HOST: environment().authentication.loginEndpoint
    AUTH_TENANT_ID: tenantId
    AUTH_CLIENT_ID: clientId
    AUTH_AUDIENCES: '${clientId},api://${tabHostName}/${clientId}'
    AUTH_REQUIRED_SCOPE: 'access_as_user'
    GRAPH_BASE_URL: 'https://graph.microsoft.com'
    GRAPH_CLIENT_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=graph-client-secret)'
    // The status form the pre-meeting email links to is a page of the tab.
    STATUS_FORM_BASE_URL: 'https://${tabHostName}'
    // The Teams SDK's cloud settings for a regional bot (config/bot.ts); blank keeps the public cloud's global ones.
    BOT_TOKEN_SERVICE_URL: botTokenServiceUrl
    // Written here so a later provision keeps it: the bot's installs and the digest's Trends link (config/trends.ts).
    BOT_TEAMS_APP_ID: teamsCatalogAppId
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
output hostName string = site.properties.defaultHostName
