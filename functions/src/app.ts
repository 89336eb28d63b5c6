// Entry point of the Azure Functions app (package.json "main": dist/app.js). The Functions host loads this
// module once per worker; it reads config, builds services and registers every route and timer from routes.ts.
import { app } from '@azure/functions';
import { loadConfig } from './config';
import { buildRoutes, buildTimers } from './routes';
import { createServices } from './composition';

const services = createServices(loadConfig());

for (const route of buildRoutes(services)) {
  app.http(route.name, {
    methods: route.methods,
    route: route.route,
    // Callers are authenticated by their Entra bearer token in every handler, not by function keys.
    authLevel: 'anonymous',
    handler: route.handler,
  });
}

for (const timer of buildTimers(services)) {
  app.timer(timer.name, { schedule: timer.schedule, handler: (_timer, context) => timer.handler(context) });
}
