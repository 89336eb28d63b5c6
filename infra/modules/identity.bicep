// The API's user-assigned managed identity. Role assignments can then be made before the Function App exists,
// so the app finds its storage, Key Vault and Application Insights access in place when it first starts.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
