// IptTriage on Azure: one resource group holding the Flex Consumption function app and what it needs.
// Deployed by `azd up` (see docs/azure.md); parameters come from infra/main.parameters.json.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; part of every resource name and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer Flex Consumption (az functionapp list-flexconsumption-locations) and PostgreSQL flexible server.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person running azd; given queue access to submit test referrals. Empty for none.')
param principalId string = ''

@secure()
@minLength(1)
@description('SendGrid API key (mail send only). Stored in Key Vault; the app reads it through a Key Vault reference.')
param sendGridApiKey string

@minLength(3)
@description('Verified SendGrid sender address.')
param sendGridFromAddress string

@minLength(3)
param coordinatorsEmail string

@minLength(3)
param crisisTeamEmail string

@minLength(3)
param supervisorEmail string

@secure()
@minLength(44)
@description('Base64 key (32 random bytes) every instance hashes email addresses in the audit trail with. Keep it: a new key makes old and new hashes incomparable.')
param auditHashKey string

@secure()
@minLength(32)
@description('API key for the coordinator role.')
param coordinatorApiKey string

@secure()
@minLength(32)
@description('API key for the intake role (submit only).')
param intakeApiKey string

@secure()
@description('Clinic API keys as JSON, {"<clinicId>": "<key>"}; each becomes role clinic:<clinicId>. Clinic ids: letters, digits and hyphens. Empty for none.')
param clinicApiKeysJson string = ''

@description('Application (client) id of the Entra app registration staff sign in through, with app roles coordinator, supervisor, crisis and clinic:<clinicId> (docs/azure.md, "Staff sign-in"). Empty: no App Service Authentication, keys only.')
param entraClientId string = ''

@secure()
@description('Client secret of that app registration, for the web workspace\'s sign-in (the Static Web App redeems the sign-in code with it). Stored in Key Vault. Empty: no web workspace.')
param entraClientSecret string = ''

@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
@description('Region of the web workspace\'s Static Web App (offered in these only); its content is served from the edge everywhere.')
param staticWebAppLocation string = 'westeurope'

@description('Path of the clinic directory, relative to the deployed app (the Functions project copies it there).')
param clinicsPath string = 'samples/clinics.json'

@minValue(1)
@maxValue(1000)
@description('Flex Consumption scale-out ceiling. Each instance holds its own PostgreSQL connection pool: keep instances x pool size under the server\'s connection limit.')
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

// The web workspace needs staff sign-in: without an app registration no one could sign in to it.
var deployWorkspace = !empty(entraClientId) && !empty(entraClientSecret)
var entraClientSecretName = 'entra-client-secret'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-api-${resourceToken}'
var deploymentContainerName = 'deployment-package'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    containerNames: [deploymentContainerName]
    // The intake queue the Functions queue trigger reads, and where it moves messages that keep failing.
    queueNames: ['referral-intake', 'referral-intake-poison']
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

var clinicApiKeys = empty(clinicApiKeysJson) ? {} : json(clinicApiKeysJson)

// Each API key is a Key Vault secret; the app settings name the role and reference the secret (app/api.bicep).
var apiKeyRoles = concat([
  { role: 'coordinator', secretName: 'api-key-coordinator' }
  { role: 'intake', secretName: 'api-key-intake' }
], map(items(clinicApiKeys), clinic => { role: 'clinic:${clinic.key}', secretName: 'api-key-clinic-${clinic.key}' }))

var secrets = {
  'sendgrid-api-key': sendGridApiKey
  'audit-hash-key': auditHashKey
  'api-key-coordinator': coordinatorApiKey
  'api-key-intake': intakeApiKey
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    secrets: union(secrets, toObject(items(clinicApiKeys), clinic => 'api-key-clinic-${clinic.key}', clinic => clinic.value),
      deployWorkspace ? { '${entraClientSecretName}': entraClientSecret } : {})
  }
}

module postgres 'core/database/postgresql-flexible-server.bicep' = {
  name: 'postgres'
  scope: rg
  params: {
    name: 'psql-${resourceToken}'
    location: location
    tags: tags
    databaseName: 'iptriage'
    administratorPrincipalId: identity.outputs.principalId
    administratorName: identity.outputs.name
  }
}

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: 'plan-${resourceToken}'
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module web 'app/web.bicep' = if (deployWorkspace) {
  name: 'web'
  scope: rg
  params: {
    name: 'stapp-${resourceToken}'
    location: staticWebAppLocation
    tags: tags
    entraClientId: entraClientId
    keyVaultName: keyVault.outputs.name
    entraClientSecretName: entraClientSecretName
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  // The app starts as soon as it exists; its identity must already reach storage and Key Vault.
  dependsOn: [rbac]
  params: {
    name: functionAppName
    location: location
    tags: tags
    planId: plan.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultUri: keyVault.outputs.uri
    sendGridApiKeySecretName: 'sendgrid-api-key'
    auditHashKeySecretName: 'audit-hash-key'
    sendGridFromAddress: sendGridFromAddress
    postgresHost: postgres.outputs.fullyQualifiedDomainName
    postgresDatabase: postgres.outputs.databaseName
    coordinatorsEmail: coordinatorsEmail
    crisisTeamEmail: crisisTeamEmail
    supervisorEmail: supervisorEmail
    clinicsPath: clinicsPath
    apiKeyRoles: apiKeyRoles
    appServiceAuthentication: !empty(entraClientId) || deployWorkspace
    // Staff email links open the case in the web workspace.
    workspaceBaseUrl: deployWorkspace ? web!.outputs.uri : ''
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module apiAuth 'app/api-auth.bicep' = {
  name: 'apiAuth'
  scope: rg
  params: {
    functionAppName: api.outputs.name
    entraClientId: entraClientId
    staticWebAppName: deployWorkspace ? web!.outputs.name : ''
    location: location
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output SERVICE_WEB_NAME string = deployWorkspace ? web!.outputs.name : ''
output SERVICE_WEB_URI string = deployWorkspace ? web!.outputs.uri : ''
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_INTAKE_QUEUE_NAME string = 'referral-intake'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_POSTGRES_HOST string = postgres.outputs.fullyQualifiedDomainName
output AZURE_POSTGRES_DATABASE string = postgres.outputs.databaseName
output AZURE_MANAGED_IDENTITY_NAME string = identity.outputs.name
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
