// The tab: static files on Azure Static Web Apps. The security headers come with the files
// (staticwebapp.config.json, written by `npm run deploy:prepare-web` from the same code as the local server).
param name string
param location string
param tags object

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  // azd finds the resource to deploy the `web` service of azure.yaml to by this tag.
  tags: union(tags, {
    'azd-service-name': 'web'
  })
  sku: {
    name: 'Free'
    tier: 'Free'
  }
  properties: {
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
  }
}

output hostName string = site.properties.defaultHostname
