import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import {
  STATUS_FIELD_IDS,
  saveStatusUpdateRequestSchema,
  type SaveStatusUpdateResponse,
  type StatusFields,
  type StatusFormView,
  type StatusUpdateConflict,
} from '../../contract';
import { verifyStatusLink, type StatusLink } from '../../auth/statusLinkToken';
import type { Services } from '../../composition';
import type { StatusRequestClaim } from '../../store/statusRequestClaimStore';
import type { RouteHandler } from '../pipeline/authenticate';
import { fromGraph } from '../pipeline/errors';
import { parseJsonBody } from '../pipeline/parse';
import { errorResponse, ok, serviceUnavailable } from '../pipeline/responses';

export type FormServices = Pick<
  Services,
  'statusRequests' | 'tenantId' | 'statusRequestClaims' | 'statusUpdates' | 'orgChart' | 'clock'
>;

/** Far above four 2,000-character parts, even JSON-escaped. */
const MAX_FORM_BYTES = 48 * 1024;

/**
 * GET status-form: what the report's link opens. The link token (from the email) is the credential, sent as
 * `Authorization: Bearer <token>`; no Entra sign-in is needed, so the form works in any browser.
 */
export function getStatusFormHandler(services: FormServices): RouteHandler {
  return async (request, context) => {
    const opened = await openLink(services, request);
    if (!opened.ok) {
      context.warn(`status form link refused: ${opened.reason}`);
      return opened.response;
    }
    return ok(await viewOf(services, opened.link, opened.claim));
  };
}

/**
 * PUT status-form: saves the parts the report changed, merged into what is stored, while the meeting has not
 * started; 409 `conflict` (nothing written) when one of them changed elsewhere since the form loaded it.
 */
export function saveStatusFormHandler(services: FormServices): RouteHandler {
  return async (request, context) => {
    const opened = await openLink(services, request);
    if (!opened.ok) {
      context.warn(`status form link refused: ${opened.reason}`);
      return opened.response;
    }
    const body = await parseJsonBody(request, saveStatusUpdateRequestSchema, MAX_FORM_BYTES);
    if (!body.ok) return body.response;
    const now = services.clock();
    if (now.getTime() >= Date.parse(opened.claim.latestStartUtc)) {
      return errorResponse(409, 'formClosed', 'Your 1:1 has started, so this status update can no longer be changed.');
    }
    const { baseRevision, ...sent } = body.value;
    const parts: Partial<StatusFields> = Object.fromEntries(
      STATUS_FIELD_IDS.flatMap((id) => (sent[id] === undefined ? [] : [[id, sent[id]]])),
    );
    const outcome = await services.statusUpdates.save(keyOf(opened.link), { baseRevision, parts, via: 'form' }, now);
    if (outcome.kind === 'conflict') return conflictResponse(outcome.current, outcome.parts);
    const saved: SaveStatusUpdateResponse = { update: outcome.update };
    return ok(saved);
  };
}

function conflictResponse(
  current: StatusUpdateConflict['current'],
  parts: StatusUpdateConflict['parts'],
): HttpResponseInit {
  const body: StatusUpdateConflict = {
    error: {
      code: 'conflict',
      message:
        parts.length === 1
          ? 'This part changed since you opened the form, so nothing was saved. What is saved now is attached; your text is kept.'
          : 'Some parts changed since you opened the form, so nothing was saved. What is saved now is attached; your text is kept.',
    },
    current,
    parts,
  };
  return { ...ok(body), status: 409 };
}

export type Opened =
  { ok: true; link: StatusLink; claim: StatusRequestClaim } | { ok: false; reason: string; response: HttpResponseInit };

/** The link token checked and its request found: the credential of the form and of its draft. */
export async function openLink(services: FormServices, request: HttpRequest): Promise<Opened> {
  const secret = services.statusRequests.linkSecret;
  if (!secret) {
    return {
      ok: false,
      reason: 'no link secret configured',
      response: serviceUnavailable('Status updates are not set up yet.', 60),
    };
  }
  const token = /^Bearer +(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const check = await verifyStatusLink(secret, token, services.clock());
  if (!check.ok) {
    const response =
      check.reason === 'expired'
        ? errorResponse(401, 'linkExpired', 'This link has expired: status updates close when the 1:1 starts.')
        : errorResponse(
            401,
            'linkInvalid',
            'This link is not valid. Open the most recent email about your 1:1 and use its button.',
          );
    return { ok: false, reason: check.reason, response };
  }
  const link = check.link;
  if (link.tenantId !== services.tenantId) {
    return {
      ok: false,
      reason: 'other tenant',
      response: errorResponse(401, 'linkInvalid', 'This link is not valid for this organization.'),
    };
  }
  const address = {
    tenantId: link.tenantId,
    managerId: link.managerId,
    reportId: link.reportId,
    claimBase: link.claimBase,
  };
  // A report who chose chat only has the bot card's claim and no email's: the card's form link uses it.
  const claim =
    (await services.statusRequestClaims.latest(address)) ??
    (await services.statusRequestClaims.latest({ ...address, channel: 'chat' }));
  if (!claim) {
    return {
      ok: false,
      reason: 'no request recorded',
      response: errorResponse(404, 'notFound', 'Candor has no record of the 1:1 this link is for.'),
    };
  }
  return { ok: true, link, claim };
}

async function viewOf(services: FormServices, link: StatusLink, claim: StatusRequestClaim): Promise<StatusFormView> {
  const [manager, report, update] = await Promise.all([
    fromGraph('names', () => services.orgChart.person(link.managerId)),
    fromGraph('names', () => services.orgChart.person(link.reportId)),
    services.statusUpdates.get(keyOf(link)),
  ]);
  const start = claim.latestStartUtc;
  return {
    meeting: { subject: claim.subject, start },
    manager: { displayName: manager?.displayName ?? '' },
    report: { displayName: report?.displayName ?? '' },
    editableUntil: start,
    editable: services.clock().getTime() < Date.parse(start),
    update,
  };
}

function keyOf(link: StatusLink) {
  return {
    tenantId: link.tenantId,
    managerId: link.managerId,
    reportId: link.reportId,
    occurrenceId: link.occurrenceId,
  };
}
