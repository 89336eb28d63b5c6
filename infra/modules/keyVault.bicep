// Key Vault for the one secret Candor has: the Graph client secret of the API app registration (secret name
// graph-client-secret). The Function App reads it through a Key Vault reference; it is never an app setting value.
param name string
param location string
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure roles (roleAssignments.bicep), not vault access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

output name string = vault.name
