// Candor in one resource group: the API on Azure Functions (Flex Consumption), the tab on Azure Static Web Apps,
// Table Storage reached with a managed identity (no keys), Key Vault for the one secret, Application Insights.
// Deployed by `azd up`; the outputs named CANDOR_* are what `npm run package` and the web deploy step read.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment: names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region for everything but the Static Web App. Flex Consumption must be offered there.')
param location string

@description('Region for the Static Web App (it is offered in fewer regions). Its content is served worldwide.')
@allowed([
  'centralus'
  'eastus2'
  'westus2'
  'westeurope'
  'eastasia'
])
param webLocation string = 'westeurope'

@minLength(36)
@maxLength(36)
@description('Application (client) id of the Candor API app registration in Microsoft Entra ID (the SSO token audience).')
param clientId string

@description('Entra tenant whose people use Candor. Empty: the tenant of the subscription.')
param tenantId string = ''

@description('Object id of whoever runs azd, granted Key Vault Secrets Officer to store the Graph client secret. Empty: nobody.')
param principalId string = ''

@description('The Teams app\'s id in the organization\'s catalog (after the upload of step 5): the bot installs itself by it, the digest links the Trends tab by it. Empty: not yet uploaded.')
param teamsCatalogAppId string = ''

// A cold start of the Function App can outlast the 10–15 s the Bot Framework waits for the bot's answer; an always-ready
// instance keeps the HTTP functions (the bot's /api/messages among them) warm. Billed all month: docs/deploy-to-azure.md.
@minValue(0)
@description('Always-ready instances of the HTTP functions (the API and the bot\'s messaging endpoint). 0: none, cold starts.')
param httpAlwaysReadyInstances int = 1

// Microsoft offers regional Azure Bots (data residency) in these regions; host the Function App in the same geography.
@description('Where the Azure Bot keeps and processes its data: global, or a data-residency region.')
@allowed([
  'global'
  'westeurope'
  'centralindia'
])
param botLocation string = 'global'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var authTenantId = empty(tenantId) ? tenant().tenantId : tenantId
// A regional bot's Bot Framework token service (Microsoft's "OAuth URL support" table); blank: the global one.
var botTokenServiceUrls = {
  global: ''
  westeurope: 'https://europe.token.botframework.com'
  centralindia: 'https://india.token.botframework.com'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
  }
}

module web 'modules/staticWebApp.bicep' = {
  name: 'web'
  scope: rg
  params: {
    name: 'stapp-${resourceToken}'
    location: webLocation
    tags: tags
  }
}

// The tab's one origin: Front Door's endpoint, named before the Function App (whose SSO audience and CORS name it).
module edge 'modules/edge.bicep' = {
  name: 'edge'
  scope: rg
  params: {
    profileName: 'afd-${resourceToken}'
    endpointName: 'candor-${resourceToken}'
    tags: tags
  }
}

module oneOrigin 'modules/oneOrigin.bicep' = {
  name: 'oneOrigin'
  scope: rg
  params: {
    profileName: edge.outputs.profileName
    endpointName: edge.outputs.endpointName
    tabHostName: web.outputs.hostName
    apiHostName: api.outputs.hostName
  }
}

module api 'modules/functionApp.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    tableEndpoint: storage.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.name
    clientId: clientId
    tenantId: authTenantId
    tabHostName: edge.outputs.hostName
    httpAlwaysReadyInstances: httpAlwaysReadyInstances
    botTokenServiceUrl: botTokenServiceUrls[botLocation]
    teamsCatalogAppId: teamsCatalogAppId
  }
  // The host reads its storage and Key Vault with the identity from its first start: grant access first.
  dependsOn: [
    access
  ]
}

// The Candor bot (status by chat): status requests as Teams chat cards, the recap in the meeting chat.
module bot 'modules/bot.bicep' = {
  name: 'bot'
  scope: rg
  params: {
    name: 'bot-${resourceToken}'
    location: botLocation
    tags: tags
    appId: clientId
    tenantId: authTenantId
    messagingEndpoint: '${api.outputs.url}/api/messages'
  }
}

module access 'modules/roleAssignments.bicep' = {
  name: 'access'
  scope: rg
  params: {
    apiPrincipalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    deployerPrincipalId: principalId
  }
}

// Read by azd (written to .azure/<env>/.env) and from there by `npm run package` and `npm run deploy:prepare-web`.
// The tab and its API share Front Door's host: the tab calls /api on its own origin.
output CANDOR_HOST_NAME string = edge.outputs.hostName
output CANDOR_API_URL string = 'https://${edge.outputs.hostName}/api'
output CANDOR_CLIENT_ID string = clientId
output CANDOR_KEY_VAULT_NAME string = keyVault.outputs.name
output CANDOR_FUNCTION_APP_NAME string = api.outputs.name
output CANDOR_TENANT_ID string = authTenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_LOCATION string = location
