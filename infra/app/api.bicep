// The IptTriage Functions app on Flex Consumption, and every setting it reads (docs/azure.md lists them).
param name string
param location string
param tags { *: string }
param planId string
param identityId string
param identityClientId string
param identityName string
param storageAccountName string
param deploymentContainerUrl string
param applicationInsightsConnectionString string
param keyVaultUri string
param sendGridApiKeySecretName string
param auditHashKeySecretName string
param sendGridFromAddress string
param postgresHost string
param postgresDatabase string
param coordinatorsEmail string
param crisisTeamEmail string
param supervisorEmail string
param clinicsPath string

@description('One entry per API key; the key itself is the Key Vault secret.')
param apiKeyRoles { role: string, secretName: string }[]

@description('Whether App Service Authentication is on for the app (app/api-auth.bicep): staff sign-in with Entra ID, or the web workspace in front of it.')
param appServiceAuthentication bool

@description('Where staff email links point (the web workspace); empty for the app\'s own host name.')
param workspaceBaseUrl string

param maximumInstanceCount int
param instanceMemoryMB int

// Versionless secret URIs: the app picks up a rotated secret without a redeployment.
var secretUriPrefix = '${keyVaultUri}secrets/'

// Bound by the app as a list: Api:Keys:<n>:Role and Api:Keys:<n>:Key.
var apiKeySettings = reduce(range(0, length(apiKeyRoles)), {}, (settings, index) => union(settings, {
  'Api__Keys__${index}__Role': apiKeyRoles[index].role
  'Api__Keys__${index}__Key': '@Microsoft.KeyVault(SecretUri=${secretUriPrefix}${apiKeyRoles[index].secretName})'
}))

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
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
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Flex Consumption takes the runtime from functionAppConfig: FUNCTIONS_WORKER_RUNTIME and
  // FUNCTIONS_EXTENSION_VERSION are not set here (the platform rejects them).
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(apiKeySettings, {
      // Host storage (task hub, intake queue trigger, deployment) through the managed identity.
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      // Which identity Azure.Identity credentials (the PostgreSQL access token) use.
      AZURE_CLIENT_ID: identityClientId
      SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${secretUriPrefix}${sendGridApiKeySecretName})'
      SendGrid__FromAddress: sendGridFromAddress
      // No password: the app adds an Entra access token for the identity (its PostgreSQL role) at run time.
      RecordStore__PostgresConnectionString: 'Host=${postgresHost};Database=${postgresDatabase};Username=${identityName};Ssl Mode=Require'
      Workflow__CoordinatorsEmail: coordinatorsEmail
      Workflow__CrisisTeamEmail: crisisTeamEmail
      Workflow__SupervisorEmail: supervisorEmail
      Workspace__BaseUrl: empty(workspaceBaseUrl) ? 'https://${functionApp.properties.defaultHostName}/' : workspaceBaseUrl
      IptTriage__ClinicsPath: clinicsPath
      // One key for every instance, so audit hashes of the same address match (the app refuses to start without it).
      IptTriage__AuditHashKey: '@Microsoft.KeyVault(SecretUri=${secretUriPrefix}${auditHashKeySecretName})'
      // The app trusts X-MS-CLIENT-PRINCIPAL only when the platform sets it (and strips a client's copy): with authentication on.
      AppServiceAuthentication__Enabled: string(appServiceAuthentication)
    })
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
