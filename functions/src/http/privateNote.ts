import { MAX_PRIVATE_NOTE_LENGTH, savePrivateNoteRequestSchema, type PrivateNoteResponse } from '../contract';
import type { Caller } from '../auth/tokenValidator';
import type { Services } from '../services';
import type { PrivateNoteKey } from '../store/privateNoteStore';
import type { AuthenticatedHandler } from './authenticate';
import { MAX_BOARD_WRITE_ATTEMPTS } from './boardWrites';
import { checkPairAccess } from './pairAccess';
import { parseJsonBody, parseRouteParams } from './parse';
import { privateNoteConflict } from './promptBoardResponses';
import { ok, serviceUnavailable } from './responses';
import { boardParams } from './routeParams';

type PrivateNoteServices = Pick<Services, 'privateNotes' | 'orgChart' | 'clock'>;

/** The author is always the caller (from the token): there is no way to name another person's notes. */
function noteKeyOf(caller: Caller, ref: { managerId: string; reportId: string; occurrenceId: string }): PrivateNoteKey {
  return { tenantId: caller.tenantId, authorId: caller.userId, ...ref };
}

/** GET pairs/{managerId}/{reportId}/boards/{occurrenceId}/private-note: the caller's own notes on this meeting. */
export function getPrivateNoteHandler(services: PrivateNoteServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;
    const stored = await services.privateNotes.get(noteKeyOf(caller, params.value));
    const body: PrivateNoteResponse = { note: stored.note };
    return ok(body);
  };
}

/**
 * PUT pairs/{managerId}/{reportId}/boards/{occurrenceId}/private-note: saves the caller's own notes. Allowed after the
 * recap too: private notes are never part of the closed record.
 */
export function savePrivateNoteHandler(services: PrivateNoteServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, savePrivateNoteRequestSchema);
    if (!body.ok) return body.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;

    const key = noteKeyOf(caller, params.value);
    for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
      const stored = await services.privateNotes.get(key);
      const current = stored.note;
      if (body.value.text === current.text) return ok({ note: current } satisfies PrivateNoteResponse);
      if (body.value.baseRevision !== current.revision) return privateNoteConflict(current);
      const note = { text: body.value.text, revision: current.revision + 1, updatedAt: services.clock().toISOString() };
      if ((await services.privateNotes.save(key, note, stored.guard)) === 'saved') return ok({ note } satisfies PrivateNoteResponse);
    }
    return serviceUnavailable(`Your notes (up to ${MAX_PRIVATE_NOTE_LENGTH} characters) were not saved yet. Try again.`, 1);
  };
}
