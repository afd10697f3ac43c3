// Key Vault in RBAC mode holding the app's secrets; the app reads them through Key Vault references.
param name string
param location string
param tags { *: string }

@secure()
@description('Secret name to value.')
param secrets { *: string }

resource keyVault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // Cannot be turned off again: a deleted vault (and its name) stays recoverable for the retention period.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = [for entry in items(secrets): {
  parent: keyVault
  name: entry.key
  properties: {
    value: entry.value
  }
}]

output name string = keyVault.name
output uri string = keyVault.properties.vaultUri
