// The web workspace (docs/workspace.md) as an Azure Static Web App, Standard plan: the plan that takes a linked
// backend (the Functions app, at /api on the same origin; linked by app/api-auth.bicep) and a custom Microsoft Entra
// ID registration (staticwebapp.config.json, "auth"). Its content is deployed by azd (azure.yaml, service web).
param name string

@description('A region Static Web Apps is offered in; it holds the app\'s configuration, the content is served globally.')
param location string

param tags { *: string }

@description('Application (client) id of the Entra app registration staff sign in through.')
param entraClientId string

param keyVaultName string

@description('Name of the Key Vault secret holding the app registration\'s client secret.')
param entraClientSecretName string

// The names staticwebapp.config.json gives as clientIdSettingName and clientSecretSettingName.
var clientIdSetting = 'ENTRA_CLIENT_ID'
var clientSecretSetting = 'ENTRA_CLIENT_SECRET'

resource keyVault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

resource staticWebApp 'Microsoft.Web/staticSites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  // Key Vault references in a Static Web App's settings resolve through its system-assigned identity.
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    // Deployed from outside with the deployment token (azd, through the SWA CLI), as azd's own templates do: no
    // repository is connected and no build runs.
    provider: 'Custom'
    // The deployed staticwebapp.config.json takes effect on each deployment (false would lock the configuration).
    allowConfigFileUpdates: true
    // A linked backend serves the production environment only, so pull-request environments would have no API.
    stagingEnvironmentPolicy: 'Disabled'
    publicNetworkAccess: 'Enabled'
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      '${clientIdSetting}': entraClientId
      '${clientSecretSetting}': '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${entraClientSecretName})'
    }
    dependsOn: [secretsAccess]
  }
}

resource secretsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, staticWebApp.id, 'keyVaultSecretsUser')
  scope: keyVault
  properties: {
    // Key Vault Secrets User
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: staticWebApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = staticWebApp.name
output hostName string = staticWebApp.properties.defaultHostname
output uri string = 'https://${staticWebApp.properties.defaultHostname}/'
