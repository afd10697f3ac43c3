// The Functions app's App Service Authentication, and its link to the web workspace's Static Web App. One
// authsettingsV2 for both providers, written after the link: linking writes its own (only the Static Web App may
// call), which would cut off the machine callers (intake, clinic systems, FHIR) that call the app directly with
// their X-Api-Key; this one admits them too (docs/azure.md, "Web workspace").
param functionAppName string

@description('Entra app registration of staff sign-in; empty for none.')
param entraClientId string

@description('The web workspace\'s Static Web App; empty when it is not deployed.')
param staticWebAppName string

param location string

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource staticWebApp 'Microsoft.Web/staticSites@2025-03-01' existing = if (!empty(staticWebAppName)) {
  name: staticWebAppName
}

// Requests to the Static Web App's /api go to the Functions app, with who is signed in (X-MS-CLIENT-PRINCIPAL).
resource linkedBackend 'Microsoft.Web/staticSites/linkedBackends@2025-03-01' = if (!empty(staticWebAppName)) {
  parent: staticWebApp
  name: 'api'
  properties: {
    backendResourceId: functionApp.id
    region: location
  }
}

// The Static Web App's provider validates the requests it forwards; Entra ID validates a person's bearer token.
// Requests without either still reach the app, which answers them by their X-Api-Key (401 without one).
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(entraClientId) || !empty(staticWebAppName)) {
  parent: functionApp
  name: 'authsettingsV2'
  dependsOn: [linkedBackend]
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    // Only the providers in use (null: not set), rather than a disabled one with no client id.
    identityProviders: {
      azureStaticWebApps: empty(staticWebAppName) ? null : {
        enabled: true
        registration: {
          clientId: staticWebApp!.properties.defaultHostname
        }
      }
      azureActiveDirectory: empty(entraClientId) ? null : {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
            entraClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}
