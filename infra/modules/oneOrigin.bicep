// The tab and its API under one origin, so the browser sends no CORS preflight before an API call: /api/* goes to
// the Function App, everything else to the Static Web App. Flex Consumption is not a hosting plan Static Web Apps
// links as its /api backend (docs/deploy-to-azure.md), hence Front Door. Each group has one origin, so no health
// probe (Front Door's advice for a single origin); nothing is cached here: the Static Web App's own Cache-Control
// and the API's answers pass through untouched.
param profileName string
param endpointName string
@description('The Static Web App\'s default host name.')
param tabHostName string
@description('The Function App\'s default host name.')
param apiHostName string

resource profile 'Microsoft.Cdn/profiles@2024-02-01' existing = {
  name: profileName
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' existing = {
  parent: profile
  name: endpointName
}

resource tabGroup 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = {
  parent: profile
  name: 'tab'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
  }
}

resource tabOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: tabGroup
  name: 'static-web-app'
  properties: {
    hostName: tabHostName
    // Static Web Apps answers only for its own host names.
    originHostHeader: tabHostName
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource apiGroup 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = {
  parent: profile
  name: 'api'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
  }
}

resource apiOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: apiGroup
  name: 'function-app'
  properties: {
    hostName: apiHostName
    originHostHeader: apiHostName
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

// The more specific pattern wins: /api/* never reaches the Static Web App.
resource apiRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = {
  parent: endpoint
  name: 'api'
  properties: {
    originGroup: {
      id: apiGroup.id
    }
    patternsToMatch: [
      '/api/*'
    ]
    supportedProtocols: [
      'Https'
    ]
    httpsRedirect: 'Disabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
  }
  dependsOn: [
    apiOrigin
  ]
}

resource tabRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = {
  parent: endpoint
  name: 'tab'
  properties: {
    originGroup: {
      id: tabGroup.id
    }
    patternsToMatch: [
      '/*'
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
  }
  dependsOn: [
    tabOrigin
  ]
}
