// The Azure Bot of the Candor bot (status by chat): Candor's own app registration as the bot's identity (single tenant),
// its messaging endpoint on the Function App (`/api/messages`, served by the Teams SDK inside the functions), and
// the Microsoft Teams channel. Global unless the customer needs data residency (a regional bot); it stores no
// conversation data.
param name string
param tags object

@description('global, or the data-residency region of a regional bot (westeurope, centralindia).')
param location string

@description('Application (client) id of the Candor app registration: the bot authenticates as this app.')
param appId string

@description('Tenant of that app registration (single-tenant bot).')
param tenantId string

@description('The Function App\'s messaging endpoint, https://<host>/api/messages.')
param messagingEndpoint string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: location
  tags: tags
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: 'Candor'
    endpoint: messagingEndpoint
    msaAppId: appId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    // Only Teams talks to the bot: no Direct Line or Web Chat secrets to leak.
    disableLocalAuth: true
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: location
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output name string = bot.name
