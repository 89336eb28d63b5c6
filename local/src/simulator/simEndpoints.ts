/**
 * `/_sim/*`: the simulator's own control surface for the local host page and tests (no auth; loopback only).
 * Never used by the product itself.
 */
import { isRecord, type GraphResult } from './types';
import type { Tenant } from './tenant';
import { type Faults, validateRule } from './faults';
import type { RequestLogEntry } from './graphRouter';
import type { MintOptions } from './identityTokens';
import { oneOnOnes } from './oneOnOnes';
import { chatAppsControl } from './graphChatApps';

export interface SimEndpointDeps {
  tenant: Tenant;
  faults: Faults;
  log: RequestLogEntry[];
  mint: (userId: string, options: MintOptions) => Promise<string>;
}

const json = (status: number, body: unknown): GraphResult => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8' },
  body,
});
const empty = (): GraphResult => ({ status: 204, headers: {} });
const badRequest = (message: string): GraphResult => json(400, { error: { code: 'BadRequest', message } });

function users(tenant: Tenant): unknown[] {
  return tenant.users().map((u) => ({
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    mail: u.mail,
    jobTitle: u.jobTitle ?? null,
    managerId: u.managerId ?? null,
    directReportIds: tenant.directReports(u.id).map((r) => r.id),
    roleHint: u.roleHint ?? null,
    timeZone: u.timeZone,
  }));
}

function mintOptions(body: Record<string, unknown>): MintOptions {
  const options: MintOptions = {};
  if (typeof body.audience === 'string') options.audience = body.audience;
  if (Array.isArray(body.scopes)) options.scopes = body.scopes.filter((s): s is string => typeof s === 'string');
  if (typeof body.expiresInSeconds === 'number') options.expiresInSeconds = body.expiresInSeconds;
  if (typeof body.notBeforeOffsetSeconds === 'number') options.notBeforeOffsetSeconds = body.notBeforeOffsetSeconds;
  return options;
}

export async function handleSim(
  deps: SimEndpointDeps,
  method: string,
  path: string,
  body: unknown,
): Promise<GraphResult> {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  const chatApps = chatAppsControl(deps.tenant, method, path, body);
  if (chatApps) return chatApps;
  switch (route) {
    case 'GET /_sim/outbox':
      return json(200, deps.tenant.outbox);
    case 'DELETE /_sim/outbox':
      deps.tenant.outbox.length = 0;
      return empty();
    case 'GET /_sim/users':
      return json(200, users(deps.tenant));
    case 'GET /_sim/meetings':
      return json(200, oneOnOnes(deps.tenant.seed));
    case 'GET /_sim/faults':
      return json(200, deps.faults.list());
    case 'POST /_sim/faults':
      try {
        if (isRecord(body) && typeof body.baseLatencyMs === 'number') {
          deps.faults.setBaseLatency(body.baseLatencyMs);
          return json(200, { baseLatencyMs: body.baseLatencyMs });
        }
        return json(201, { id: deps.faults.add(validateRule(body)) });
      } catch (error) {
        return badRequest(error instanceof Error ? error.message : 'Invalid fault rule.');
      }
    case 'DELETE /_sim/faults':
      deps.faults.clear();
      return empty();
    case 'GET /_sim/requests':
      return json(200, deps.log);
    case 'DELETE /_sim/requests':
      deps.log.length = 0;
      return empty();
    case 'POST /_sim/token': {
      if (!isRecord(body) || typeof body.userId !== 'string')
        return badRequest('Body must be { userId, audience?, scopes?, expiresInSeconds?, notBeforeOffsetSeconds? }.');
      try {
        return json(200, { access_token: await deps.mint(body.userId, mintOptions(body)) });
      } catch (error) {
        return badRequest(error instanceof Error ? error.message : 'Could not mint a token.');
      }
    }
    default:
      return json(404, { error: { code: 'NotFound', message: `No simulator endpoint ${route}.` } });
  }
}
