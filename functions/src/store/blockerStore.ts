import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import { blockerResolutionSchema, occurrenceIdSchema, type BlockerResolution, type OccurrenceId } from '../contract';
import { createGuarded, guardOf, readRow, replaceGuarded, type RowGuard } from './guardedRows';
import { keyPart, pairPartitionKey } from './keys';
import type { PairAddress } from './scheduledOccurrences';
import { rowValueOrNull } from './rowValues';

/*
 * Whether each blocker a recap named has been marked resolved: RowKey `blocker~<occurrenceId>~<line>` (kind
 * `blocker`, guarded, with its `~v<n>` markers) in the pair's partition of the boards table, beside the board whose
 * recap line is the blocker's text — so the text is stored once, and the pair's export, erasure and retention find
 * it where they find the boards. No row = never marked = open.
 */

export const BLOCKER_PREFIX = 'blocker~';

export interface StoredBlockerResolution {
  resolution: BlockerResolution;
  /** Null while no row exists (the first mark creates it). */
  guard: RowGuard | null;
}

export interface BlockerRef {
  occurrenceId: OccurrenceId;
  line: number;
}

export interface BlockerStore {
  get(pair: PairAddress, ref: BlockerRef): Promise<StoredBlockerResolution>;
  /** Writes `resolution` over what was read as `expected` (null: nothing was stored); `stale` when it changed since. */
  save(
    pair: PairAddress,
    ref: BlockerRef,
    resolution: BlockerResolution,
    expected: RowGuard | null,
  ): Promise<'saved' | 'stale'>;
  /** The lines marked resolved, per occurrence, of the whole pair (one range query). */
  resolvedOfPair(pair: PairAddress): Promise<Map<OccurrenceId, number[]>>;
  /** Every stored resolution of the pair, for the pair's export. */
  allOfPair(pair: PairAddress): Promise<Array<BlockerRef & BlockerResolution>>;
}

export const OPEN_RESOLUTION: BlockerResolution = { resolved: false, resolvedBy: null, resolvedAt: null, revision: 0 };

export function blockerRowKey(ref: BlockerRef): string {
  return `${BLOCKER_PREFIX}${keyPart(ref.occurrenceId)}~${ref.line}`;
}

const partitionOf = (pair: PairAddress): string => pairPartitionKey(pair.tenantId, pair.managerId, pair.reportId);

export function createBlockerStore(table: () => Promise<TableClient>): BlockerStore {
  async function rowsOf(pair: PairAddress): Promise<Array<BlockerRef & BlockerResolution>> {
    const client = await table();
    const filter = odata`PartitionKey eq ${partitionOf(pair)} and RowKey gt ${BLOCKER_PREFIX} and RowKey lt ${'blocker~~'} and kind eq ${'blocker'}`;
    const found: Array<BlockerRef & BlockerResolution> = [];
    for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const ref = refOf(String(entity.rowKey));
      if (ref) found.push({ ...ref, ...fromEntity(entity) });
    }
    return found;
  }

  return {
    async get(pair, ref) {
      const entity = await readRow(await table(), partitionOf(pair), blockerRowKey(ref));
      return entity
        ? { resolution: fromEntity(entity), guard: guardOf(entity) }
        : { resolution: OPEN_RESOLUTION, guard: null };
    },

    async save(pair, ref, resolution, expected) {
      const client = await table();
      const entity = toEntity(partitionOf(pair), ref, resolution);
      if (expected === null) return (await createGuarded(client, entity)).kind === 'created' ? 'saved' : 'stale';
      return (await replaceGuarded(client, entity, expected)).kind === 'replaced' ? 'saved' : 'stale';
    },

    async resolvedOfPair(pair) {
      const byOccurrence = new Map<OccurrenceId, number[]>();
      for (const row of await rowsOf(pair)) {
        if (!row.resolved) continue;
        byOccurrence.set(row.occurrenceId, [...(byOccurrence.get(row.occurrenceId) ?? []), row.line].sort());
      }
      return byOccurrence;
    },

    allOfPair: rowsOf,
  };
}

/** `blocker~<occurrenceId>~<line>` → its parts; null for anything else (a version marker, say). */
function refOf(rowKey: string): BlockerRef | null {
  const match = /^blocker~(.+)~([01])$/.exec(rowKey);
  const occurrenceId = occurrenceIdSchema.safeParse(match?.[1]);
  return match && occurrenceId.success ? { occurrenceId: occurrenceId.data, line: Number(match[2]) } : null;
}

function toEntity(
  partitionKey: string,
  ref: BlockerRef,
  r: BlockerResolution,
): TableEntity<Record<string, string | number | boolean>> {
  return {
    partitionKey,
    rowKey: blockerRowKey(ref),
    kind: 'blocker',
    occurrenceId: ref.occurrenceId,
    line: ref.line,
    resolved: r.resolved,
    // Empty strings stand for "none": Table Storage cannot store null.
    resolvedBy: r.resolvedBy ?? '',
    resolvedAt: r.resolvedAt ?? '',
    revision: r.revision,
  };
}

function fromEntity(entity: Record<string, unknown>): BlockerResolution {
  return blockerResolutionSchema.parse({
    resolved: entity['resolved'] === true,
    resolvedBy: rowValueOrNull(entity, 'resolvedBy'),
    resolvedAt: rowValueOrNull(entity, 'resolvedAt'),
    revision: entity['revision'],
  });
}
