import type { SeedUser, GraphResult, Principal } from './types';
import type { Tenant } from './tenant';
import { graphError } from './odata';

/** Everything a Graph handler may look at; built by the router for direct and batched requests alike. */
export interface GraphContext {
  method: string;
  /** Path below `/v1.0`, percent-decoded once, `/me` already rewritten to `/users/{oid}`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
  principal: Principal;
  tenant: Tenant;
  baseUrl: string;
  now: () => Date;
}

export type Handler = (ctx: GraphContext, params: Record<string, string>) => GraphResult | Promise<GraphResult>;

export interface Route {
  method: string;
  /** Matched against the path, case-insensitively (Graph's segments are). Named groups become params. */
  pattern: RegExp;
  handler: Handler;
}

/**
 * Permission checks as Graph makes them: app-only tokens need one of the application permissions (`roles`);
 * delegated tokens need one of the scopes, and mailbox data is only the signed-in user's own.
 */
export interface Permission {
  app: string[];
  delegated: string[];
  /** Delegated access to another user's data needs one of these instead (e.g. User.ReadBasic.All). */
  delegatedOthers?: string[];
  /** Which error Graph's workload gives: the directory's or Exchange's. */
  workload: 'directory' | 'mailbox';
}

export function authorize(ctx: GraphContext, permission: Permission, targetUserId: string): GraphResult | undefined {
  const deny =
    permission.workload === 'directory'
      ? graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
      : graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  const p = ctx.principal;
  if (p.kind === 'app') return permission.app.some((r) => p.roles.includes(r)) ? undefined : deny;
  const self = p.userId.toLowerCase() === targetUserId.toLowerCase();
  if (!self && permission.workload === 'mailbox') return deny;
  const needed = self ? permission.delegated : (permission.delegatedOthers ?? []);
  return needed.some((s) => p.scopes.includes(s)) ? undefined : deny;
}

/** Resolves `{id}` of `/users/{id}/…`; unknown users get the workload's own 404. */
export function findUser(ctx: GraphContext, idOrUpn: string, workload: Permission['workload']): SeedUser | GraphResult {
  const user = ctx.tenant.user(idOrUpn);
  if (user) return user;
  return workload === 'directory'
    ? graphError(
        404,
        'Request_ResourceNotFound',
        `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`,
      )
    : graphError(404, 'ErrorInvalidUser', `The requested user '${idOrUpn}' is invalid.`);
}

export function isResult(value: SeedUser | GraphResult): value is GraphResult {
  return 'status' in value && 'headers' in value;
}

/** Finds the user a route addresses and checks the caller may act on them, in Graph's order (404 before 403). */
export function targetUser(ctx: GraphContext, idOrUpn: string, permission: Permission): SeedUser | GraphResult {
  const user = findUser(ctx, idOrUpn, permission.workload);
  if (isResult(user)) return user;
  const denied = authorize(ctx, permission, user.id);
  if (denied) return denied;
  // Exchange Online has no mailbox to route to: Graph's answer for every mailbox workload call.
  if (permission.workload === 'mailbox' && user.mailboxUnreachable) {
    return graphError(
      404,
      'MailboxNotEnabledForRESTAPI',
      'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    );
  }
  return user;
}

/** A header's value, or undefined. */
export function header(ctx: Pick<GraphContext, 'headers'>, name: string): string | undefined {
  return ctx.headers[name.toLowerCase()];
}
