/**
 * Shared set-up for the simulator's tests: the local TLS pair (trusted through NODE_EXTRA_CA_CERTS by
 * local/bin/with-local-ca.cjs) and Graph clients wired the way the product wires them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { startSimulator, type Simulator, type SimulatorOptions } from './index';

export function localTls(): { key: string; cert: string } {
  const dir = process.env.CANDOR_TLS_DIR;
  const certFile = dir ? path.join(dir, 'cert.pem') : '';
  if (!dir || !fs.existsSync(certFile) || process.env.NODE_EXTRA_CA_CERTS !== certFile) {
    throw new Error('Run the simulator tests through local/bin/with-local-ca.cjs so the local certificate is trusted.');
  }
  return { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
}

export function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ port: 0, tls: localTls(), ...options });
}

/**
 * The Graph client pointed at the simulator. `customHosts` holds the bare host NAME: the client lower-cases the
 * URL, strips `https://` and cuts at the first `:` or `/`, so `localhost:7443` would never match (and a `/`
 * is rejected). Without it the client silently sends no Authorization header.
 */
export function graphClient(sim: Simulator, getToken: () => Promise<string>): Client {
  const authProvider: AuthenticationProvider = { getAccessToken: getToken };
  return Client.initWithMiddleware({
    authProvider,
    baseUrl: `${sim.url}/`,
    customHosts: new Set([new URL(sim.url).hostname]),
  });
}

/** An app-only Graph token straight from the token endpoint (form-encoded client credentials). */
export async function appGraphToken(sim: Simulator, clientId: string, secret = sim.clientSecret): Promise<string> {
  const response = await fetch(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token)
    throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** A delegated Graph token for a user, by on-behalf-of with the user's API token (as the functions would). */
export async function userGraphToken(
  sim: Simulator,
  clientId: string,
  userId: string,
  scope = 'https://graph.microsoft.com/.default',
): Promise<string> {
  const assertion = await sim.mintAccessToken(userId);
  const response = await fetch(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: clientId,
      client_secret: sim.clientSecret,
      assertion,
      scope,
      requested_token_use: 'on_behalf_of',
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token) throw new Error(`OBO failed: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}
