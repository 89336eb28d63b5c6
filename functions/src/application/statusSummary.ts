import type { BoardRef, StatusUpdateSummary } from '../contract';
import type { StatusUpdateStore } from '../store/statusUpdateStore';

/** The side panel's one line about the status update: received (with when) or not yet. Never the text. */
export async function statusSummaryOf(
  statusUpdates: Pick<StatusUpdateStore, 'get'>,
  tenantId: string,
  ref: BoardRef,
  /** The meeting's start and the service's clock: after the start, "none" is final (the banner stops saying "yet"). */
  timing?: { start: string | null; now: Date },
): Promise<StatusUpdateSummary> {
  const update = await statusUpdates.get({ tenantId, ...ref });
  if (update) return { state: 'received', updatedAt: update.updatedAt };
  const started = timing?.start ? timing.now.getTime() >= Date.parse(timing.start) : false;
  return started ? { state: 'none', started } : { state: 'none' };
}
