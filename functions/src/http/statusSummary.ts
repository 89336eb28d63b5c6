import type { BoardRef, StatusUpdateSummary } from '../contract';
import type { StatusUpdateStore } from '../store/statusUpdateStore';

/** The side panel's one line about the status update: received (with when) or not yet. Never the text. */
export async function statusSummaryOf(
  statusUpdates: Pick<StatusUpdateStore, 'get'>,
  tenantId: string,
  ref: BoardRef,
): Promise<StatusUpdateSummary> {
  const update = await statusUpdates.get({ tenantId, ...ref });
  return update ? { state: 'received', updatedAt: update.updatedAt } : { state: 'none' };
}
