import type { BlockerResolution, SaveBlockerRequest } from '../contract';
import type { BoardRecap } from './board';

/*
 * Blockers: the recap lines tagged `blocker`, open until either person marks them resolved. A recap that said "no
 * blocker this week" names none, whatever its lines carry.
 */

/** The indexes of the recap's lines that name a blocker. */
export function blockerLinesOf(recap: BoardRecap | null): number[] {
  if (!recap || recap.noBlocker === true) return [];
  return recap.lines.flatMap((line, index) => (line.tags.includes('blocker') ? [index] : []));
}

export type BlockerDecision =
  | { kind: 'unchanged'; resolution: BlockerResolution }
  | { kind: 'changed'; resolution: BlockerResolution }
  | { kind: 'conflict'; current: BlockerResolution };

/**
 * Marks a blocker resolved or open again. Asking for what is stored changes nothing (both people may press "Mark
 * resolved"; a retry is harmless). Changing it against a revision that is no longer the stored one is a conflict:
 * the other person reopened or resolved it since this person looked.
 */
export function markBlocker(
  current: BlockerResolution,
  request: SaveBlockerRequest,
  by: { userId: string; now: Date },
): BlockerDecision {
  if (current.resolved === request.resolved) return { kind: 'unchanged', resolution: current };
  if (current.revision !== request.baseRevision) return { kind: 'conflict', current };
  return {
    kind: 'changed',
    resolution: {
      resolved: request.resolved,
      resolvedBy: request.resolved ? by.userId : null,
      resolvedAt: request.resolved ? by.now.toISOString() : null,
      revision: current.revision + 1,
    },
  };
}
