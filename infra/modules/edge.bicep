// One origin for the tab and its API: an Azure Front Door (Standard) endpoint whose host name is the tab's (the
// SSO audience, the manifest's valid domain). Its routes come in oneOrigin.bicep, once the Function App and the
// Static Web App exist; this module only gives the name they all need first.
param profileName string
param endpointName string
param tags object

resource profile 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' = {
  parent: profile
  name: endpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

output profileName string = profile.name
output endpointName string = endpoint.name
output hostName string = endpoint.properties.hostName
