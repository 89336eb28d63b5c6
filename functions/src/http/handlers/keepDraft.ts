import type { HttpResponseInit } from '@azure/functions';
import type { AnyStoredDraft, BoardRef, StaleDraft } from '../../contract';
import type { Caller } from '../../auth/tokenValidator';
import type { Services } from '../../composition';
import { MAX_BOARD_WRITE_ATTEMPTS } from '../../application/boardWrites';
import { checkPairAccess } from '../../application/pairAccess';
import type { DraftKey } from '../../store/draftStore';
import { notFound, ok, serviceUnavailable } from '../pipeline/responses';

/*
 * What the draft routes share: the board routes' door (the pair's two people, on an occurrence that has a board) and
 * the one write rule — the higher revision wins. A request that arrives after a newer one of the same author (a
 * flush overtaken by the next keystroke, or another device) writes nothing and gets the kept draft back.
 */

export type DraftServices = Pick<Services, 'drafts' | 'clock'>;
export type BoardDraftServices = DraftServices & Pick<Services, 'orgChart' | 'boards'>;

/** The caller may keep drafts on this board: one of its pair (per the directory) and the board exists. */
export async function boardDraftDoor(
  services: BoardDraftServices,
  caller: Caller,
  ref: BoardRef,
): Promise<HttpResponseInit | null> {
  const access = await checkPairAccess(services.orgChart, caller, ref);
  if (!access.ok) return access.response;
  const board = await services.boards.get({ tenantId: caller.tenantId, ...ref });
  return board ? null : notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
}

/** The author is always the caller (from the credential): there is no way to name another person's drafts. */
export function boardDraftKey(caller: Caller, ref: BoardRef, draftId: DraftKey['draftId']): DraftKey {
  return { tenantId: caller.tenantId, authorId: caller.userId, ...ref, draftId };
}

export function staleDraft(current: AnyStoredDraft): HttpResponseInit {
  const body: StaleDraft = {
    error: { code: 'staleDraft', message: 'A newer draft is kept already; nothing was written. It is attached.' },
    current,
  };
  return { ...ok(body), status: 409 };
}

/** PUT of one draft: kept when its revision is at least the kept one's (the same revision again is a retry). */
export async function keepDraft(
  services: DraftServices,
  key: DraftKey,
  sent: { value: unknown; revision: number },
): Promise<HttpResponseInit> {
  for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
    const stored = await services.drafts.get(key);
    if (stored.draft && sent.revision < stored.draft.revision) return staleDraft(stored.draft);
    const draft: AnyStoredDraft = {
      value: sent.value,
      revision: sent.revision,
      savedAt: services.clock().toISOString(),
    };
    if ((await services.drafts.save(key, draft, stored.guard)) === 'saved') return ok({ draft });
  }
  return serviceUnavailable('Your draft was not kept yet; it is still in this window. Try again.', 1);
}
