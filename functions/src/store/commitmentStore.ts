import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import { commitmentSchema, type Commitment, type OccurrenceId } from '../contract';
import { createGuarded, guardOf, readRow, replaceGuarded, type RowGuard } from './guardedRows';
import { keyPart } from './keys';
import { rowValueOrNull } from './rowValues';

export interface StoredCommitment {
  commitment: Commitment;
  guard: RowGuard;
}

/**
 * A pair's commitments, in the pair's partition of the boards table (RowKey `commitment~<id>`), each a guarded
 * row. Only the manager writes them; the guard keeps two of her devices from undoing each other.
 */
export interface CommitmentStore {
  /** Open ones of the whole pair, plus those made or closed in this meeting (the board decides what it shows). */
  relevantTo(partitionKey: string, occurrenceId: OccurrenceId): Promise<Commitment[]>;
  get(partitionKey: string, id: string): Promise<StoredCommitment | null>;
  /** Create-if-absent by the client's id: `exists` answers a retried create with what is stored. */
  create(
    partitionKey: string,
    commitment: Commitment,
  ): Promise<{ kind: 'created' } | { kind: 'exists'; stored: StoredCommitment }>;
  replace(partitionKey: string, commitment: Commitment, expected: RowGuard): Promise<'replaced' | 'stale'>;
  /** Every commitment of the pair, open or closed (monthly trends snapshot them). */
  all(partitionKey: string): Promise<Commitment[]>;
}

const rowKeyOf = (id: string): string => `commitment~${keyPart(id.toLowerCase())}`;

export function createCommitmentStore(table: () => Promise<TableClient>): CommitmentStore {
  return {
    async relevantTo(partitionKey, occurrenceId) {
      const client = await table();
      // `kind` leaves out the version markers (`commitment~<id>~v<n>`) that share the key range.
      const filter = odata`PartitionKey eq ${partitionKey} and RowKey gt ${'commitment~'} and RowKey lt ${'commitment~~'} and kind eq ${'commitment'} and (status eq ${'open'} or createdIn eq ${occurrenceId} or closedIn eq ${occurrenceId})`;
      const found: Commitment[] = [];
      for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        found.push(fromEntity(entity));
      }
      return found;
    },

    async get(partitionKey, id) {
      const entity = await readRow(await table(), partitionKey, rowKeyOf(id));
      return entity ? { commitment: fromEntity(entity), guard: guardOf(entity) } : null;
    },

    async create(partitionKey, commitment) {
      const client = await table();
      const created = await createGuarded(client, toEntity(partitionKey, commitment));
      if (created.kind === 'created') return { kind: 'created' };
      const stored = await this.get(partitionKey, commitment.id);
      if (!stored) throw new Error('commitment vanished right after a conflicting create');
      return { kind: 'exists', stored };
    },

    async replace(partitionKey, commitment, expected) {
      const outcome = await replaceGuarded(await table(), toEntity(partitionKey, commitment), expected);
      return outcome.kind === 'replaced' ? 'replaced' : 'stale';
    },

    async all(partitionKey) {
      const client = await table();
      const filter = odata`PartitionKey eq ${partitionKey} and RowKey gt ${'commitment~'} and RowKey lt ${'commitment~~'} and kind eq ${'commitment'}`;
      const found: Commitment[] = [];
      for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        found.push(fromEntity(entity));
      }
      return found;
    },
  };
}

function toEntity(partitionKey: string, c: Commitment): TableEntity<Record<string, string | number | boolean>> {
  return {
    partitionKey,
    rowKey: rowKeyOf(c.id),
    kind: 'commitment',
    id: c.id,
    text: c.text,
    // Empty strings stand for "none": filters compare with them and Table Storage cannot store null.
    dueDate: c.dueDate ?? '',
    status: c.status,
    fromSupportAsk: c.fromSupportAsk,
    createdIn: c.createdIn,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    closedIn: c.closedIn ?? '',
    closedAt: c.closedAt ?? '',
    revision: c.revision,
  };
}

function fromEntity(entity: Record<string, unknown>): Commitment {
  return commitmentSchema.parse({
    id: entity['id'],
    text: entity['text'],
    dueDate: rowValueOrNull(entity, 'dueDate'),
    status: entity['status'],
    fromSupportAsk: entity['fromSupportAsk'] === true,
    createdIn: entity['createdIn'],
    createdAt: entity['createdAt'],
    createdBy: entity['createdBy'],
    closedIn: rowValueOrNull(entity, 'closedIn'),
    closedAt: rowValueOrNull(entity, 'closedAt'),
    revision: entity['revision'],
  });
}
