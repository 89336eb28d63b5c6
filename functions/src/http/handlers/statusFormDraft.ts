import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  saveStatusFormDraftRequestSchema,
  statusFormStoredDraftSchema,
  type DeleteDraftResponse,
  type StatusFormDraftResponse,
} from '../../contract';
import type { DraftKey } from '../../store/draftStore';
import type { RouteHandler } from '../pipeline/authenticate';
import { parseJsonBody } from '../pipeline/parse';
import { errorResponse, ok } from '../pipeline/responses';
import { keepDraft, type DraftServices } from './keepDraft';
import { openLink, type FormServices, type Opened } from './statusForm';

/*
 * GET | PUT | DELETE status-form/draft: the report's unsaved status form. The link token from the email is the
 * credential, as for the form itself: its report is the author, its pair and occurrence the draft's place, so a link
 * reaches exactly one draft and nothing in the request can name another.
 */

type StatusDraftServices = FormServices & DraftServices;

function keyOf(opened: Extract<Opened, { ok: true }>): DraftKey {
  const { link } = opened;
  return {
    tenantId: link.tenantId,
    authorId: link.reportId,
    managerId: link.managerId,
    reportId: link.reportId,
    occurrenceId: link.occurrenceId,
    draftId: 'statusForm',
  };
}

function withLink(
  services: StatusDraftServices,
  answer: (opened: Extract<Opened, { ok: true }>, request: HttpRequest) => Promise<HttpResponseInit>,
): RouteHandler {
  return async (request: HttpRequest, context: InvocationContext) => {
    const opened = await openLink(services, request);
    if (!opened.ok) {
      context.warn(`status form draft link refused: ${opened.reason}`);
      return opened.response;
    }
    return answer(opened, request);
  };
}

export function getStatusFormDraftHandler(services: StatusDraftServices): RouteHandler {
  return withLink(services, async (opened) => {
    const kept = statusFormStoredDraftSchema.safeParse((await services.drafts.get(keyOf(opened))).draft);
    const body: StatusFormDraftResponse = { draft: kept.success ? kept.data : null };
    return ok(body);
  });
}

/** Kept while the form is open: once the 1:1 has started the form is closed, and so is its draft. */
export function saveStatusFormDraftHandler(services: StatusDraftServices): RouteHandler {
  return withLink(services, async (opened, request) => {
    const body = await parseJsonBody(request, saveStatusFormDraftRequestSchema);
    if (!body.ok) return body.response;
    if (services.clock().getTime() >= Date.parse(opened.claim.latestStartUtc)) {
      return errorResponse(409, 'formClosed', 'Your 1:1 has started, so this status update can no longer be changed.');
    }
    return keepDraft(services, keyOf(opened), body.value);
  });
}

export function deleteStatusFormDraftHandler(services: StatusDraftServices): RouteHandler {
  return withLink(services, async (opened) => {
    const body: DeleteDraftResponse = { deleted: await services.drafts.remove(keyOf(opened)) };
    return ok(body);
  });
}
