import type { HttpResponseInit } from '@azure/functions';
import {
  MAX_PRIVATE_NOTE_LENGTH,
  savePrivateNoteRequestSchema,
  type BoardRef,
  type PrivateNoteResponse,
} from '../../contract';
import type { Caller } from '../../auth/tokenValidator';
import type { Services } from '../../composition';
import type { PrivateNoteKey } from '../../store/privateNoteStore';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { MAX_BOARD_WRITE_ATTEMPTS } from '../../application/boardWrites';
import { checkPairAccess } from '../../application/pairAccess';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { privateNoteConflict } from '../pipeline/promptBoardResponses';
import { notFound, ok, serviceUnavailable } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';

type PrivateNoteServices = Pick<Services, 'privateNotes' | 'orgChart' | 'clock' | 'boards'>;

/**
 * Notes belong to a meeting occurrence that has a board, as every board route requires: a made-up occurrence id
 * would otherwise gather notes nobody can ever open from a meeting. The privacy routes (export, deletion) read the
 * note rows themselves and never come through here, so a note whose board is gone stays exportable and deletable.
 */
async function boardMissing(
  services: PrivateNoteServices,
  caller: Caller,
  ref: BoardRef,
): Promise<HttpResponseInit | null> {
  const board = await services.boards.get({ tenantId: caller.tenantId, ...ref });
  return board ? null : notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
}

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
    const missing = await boardMissing(services, caller, params.value);
    if (missing) return missing;
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
    const missing = await boardMissing(services, caller, params.value);
    if (missing) return missing;

    const key = noteKeyOf(caller, params.value);
    for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
      const stored = await services.privateNotes.get(key);
      const current = stored.note;
      if (body.value.text === current.text) return ok({ note: current } satisfies PrivateNoteResponse);
      if (body.value.baseRevision !== current.revision) return privateNoteConflict(current);
      const note = { text: body.value.text, revision: current.revision + 1, updatedAt: services.clock().toISOString() };
      if ((await services.privateNotes.save(key, note, stored.guard)) === 'saved')
        return ok({ note } satisfies PrivateNoteResponse);
    }
    return serviceUnavailable(
      `Your notes (up to ${MAX_PRIVATE_NOTE_LENGTH} characters) were not saved yet. Try again.`,
      1,
    );
  };
}
