import { z } from 'zod';
import {
  adoptGoToQuestionRequestSchema,
  goToExchangeSchema,
  shareGoToQuestionRequestSchema,
  sharedGoToQuestionSchema,
  type SharedGoToQuestion,
} from '../../contract';
import { normalizeId } from '../../domain/pairs';
import type { Services } from '../../composition';
import type { ShareWithAdopters } from '../../store/goToExchangeStore';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { badRequest, notFound, ok, serviceUnavailable } from '../pipeline/responses';
import { addQuestion, bankFull } from './goToQuestions';

/*
 * The go-to exchange (contract/goToQuestions.ts): a person shares a question with their organization, with or without
 * their name; anyone in the same tenant sees the shares, most adopted first, and adopts one into their own bank.
 * Everything is read and written in the caller's tenant partition only: no request can name another tenant. A
 * share's sharer is never in a response (only `mine`), and the name only when the sharer chose to show it.
 */

type ExchangeServices = Pick<Services, 'goToExchange' | 'goToBanks' | 'clock'>;

const shareParams = z.object({ shareId: z.uuid('must be a UUID').transform((id) => id.toLowerCase()) });
const gone = () => notFound('This question is not shared (any more). It may have been withdrawn.');

function viewOf(share: ShareWithAdopters, me: string): SharedGoToQuestion {
  return sharedGoToQuestionSchema.parse({
    id: share.id,
    text: share.text,
    sharedBy: share.sharerName,
    adopters: new Set(share.adopterIds).size,
    mine: share.sharerId === me,
    adoptedByMe: share.adopterIds.includes(me),
  });
}

/** GET go-to-exchange: the organization's shared questions, most adopted first (newest first among equals). */
export function getGoToExchangeHandler(services: ExchangeServices): AuthenticatedHandler {
  return async (_request, _context, caller) => {
    const me = normalizeId(caller.userId);
    const shares = (await services.goToExchange.list(caller.tenantId))
      .map((share) => ({ share, view: viewOf(share, me) }))
      .sort((a, b) => b.view.adopters - a.view.adopters || b.share.sharedAt.localeCompare(a.share.sharedAt))
      .map(({ view }) => view);
    return ok(goToExchangeSchema.parse({ shares }));
  };
}

/** POST go-to-exchange: shares a question; `showName` is the sharer's explicit choice. Retries (same id) share once. */
export function shareGoToQuestionHandler(services: ExchangeServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const body = await parseJsonBody(request, shareGoToQuestionRequestSchema);
    if (!body.ok) return body.response;
    const me = normalizeId(caller.userId);
    const share = {
      id: body.value.id.toLowerCase(),
      text: body.value.text,
      sharerId: me,
      sharerName: body.value.showName ? caller.displayName : null,
      sharedAt: services.clock().toISOString(),
    };
    const created = await services.goToExchange.share(caller.tenantId, share);
    const stored = created === 'created' ? share : await services.goToExchange.get(caller.tenantId, share.id);
    if (!stored || stored.sharerId !== me) return badRequest('"id" is already used by another share', 'id');
    const view = viewOf({ ...stored, adopterIds: [] }, me);
    return created === 'created' ? { ...ok(view), status: 201 } : ok(view);
  };
}

/** DELETE go-to-exchange/{shareId}: the sharer withdraws; it stops showing at once. Someone else's share is a 404. */
export function withdrawGoToQuestionHandler(services: ExchangeServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, shareParams);
    if (!params.ok) return params.response;
    const outcome = await services.goToExchange.withdraw(caller.tenantId, params.value.shareId, caller.userId);
    return outcome === 'withdrawn' ? ok({ withdrawn: true }) : gone();
  };
}

/**
 * POST go-to-exchange/{shareId}/adopt: copies the shared question into the caller's own bank and counts them once
 * among its adopters, however often they click.
 */
export function adoptGoToQuestionHandler(services: ExchangeServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, shareParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, adoptGoToQuestionRequestSchema);
    if (!body.ok) return body.response;
    const share = await services.goToExchange.get(caller.tenantId, params.value.shareId);
    if (!share) return gone();
    const me = normalizeId(caller.userId);
    const outcome = await addQuestion(
      () => services.goToBanks.get(caller.tenantId, me),
      (bank, guard) => services.goToBanks.save(caller.tenantId, me, bank, guard),
      { id: body.value.id.toLowerCase(), text: share.text, source: 'exchange' },
    );
    if (outcome === 'full') return bankFull();
    if (outcome === 'busy') return serviceUnavailable('The question was not adopted yet. Try again.', 1);
    await services.goToExchange.adopt(caller.tenantId, share.id, me, services.clock().toISOString());
    // A withdrawal that raced the adoption leaves no count behind: it is read back from the shares that remain.
    const current = (await services.goToExchange.list(caller.tenantId)).find((s) => s.id === share.id);
    if (!current) return gone();
    return ok(viewOf(current, me));
  };
}
