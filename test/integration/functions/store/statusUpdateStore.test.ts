import { TableClient } from '@azure/data-tables';
import { keyPart, pairPartitionKey } from '@candor/functions/store/keys';
import {
  createTableStatusUpdateStore,
  STATUS_UPDATES_TABLE,
  type StatusUpdateKey,
  type StatusUpdateStore,
} from '@candor/functions/store/statusUpdateStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';

jest.setTimeout(30_000);

/* The status update store against a real Azurite: merged saves, per-part stamps, rows from before either. */

const NOW = new Date('2026-06-10T09:10:00.000Z');
let azurite: AzuriteHandle;
let store: StatusUpdateStore;
let occurrence = 0;

beforeAll(async () => {
  azurite = await startAzurite();
  store = createTableStatusUpdateStore(
    createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString }),
  );
});

afterAll(async () => {
  await azurite?.stop();
});

function newKey(): StatusUpdateKey {
  occurrence++;
  return {
    tenantId: 'tenant-a',
    managerId: '11111111-1111-1111-1111-111111111111',
    reportId: '22222222-2222-2222-2222-222222222222',
    occurrenceId: `20261126T${String(occurrence).padStart(4, '0')}Z-0123456789abcdef`,
  };
}

describe('saving a status update from several surfaces', () => {
  it('changes only the parts sent, and stamps each with the revision and surface that changed it', async () => {
    const key = newKey();
    await store.save(
      key,
      {
        baseRevision: 0,
        parts: { finished: 'Shipped', inProgress: 'Billing', blocked: 'Legal', fyi: 'Friday' },
        via: 'form',
      },
      NOW,
    );
    const saved = await store.save(key, { baseRevision: 1, parts: { blocked: 'Security' }, via: 'chat' }, NOW);
    expect(saved).toMatchObject({
      kind: 'saved',
      changed: ['blocked'],
      update: {
        revision: 2,
        fields: { finished: 'Shipped', inProgress: 'Billing', blocked: 'Security', fyi: 'Friday' },
      },
    });
    const read = await store.read(key);
    expect(read?.parts).toEqual({
      finished: { revision: 1, via: 'form' },
      inProgress: { revision: 1, via: 'form' },
      blocked: { revision: 2, via: 'chat' },
      fyi: { revision: 1, via: 'form' },
    });
  });

  it('refuses a stale save over a part changed since, writing nothing', async () => {
    const key = newKey();
    await store.save(key, { baseRevision: 0, parts: { finished: 'Shipped' }, via: 'form' }, NOW);
    await store.save(key, { baseRevision: 1, parts: { finished: 'Shipped twice' }, via: 'chat' }, NOW);
    const refused = await store.save(
      key,
      { baseRevision: 1, parts: { finished: 'Shipped (form)', fyi: 'Friday' }, via: 'form' },
      NOW,
    );
    expect(refused).toMatchObject({
      kind: 'conflict',
      parts: [{ part: 'finished', changedIn: 'chat' }],
      current: { revision: 2 },
    });
    expect((await store.get(key))?.fields).toEqual({ finished: 'Shipped twice', inProgress: '', blocked: '', fyi: '' });
  });

  it('lands every one of several saves of different parts made at once against the same base', async () => {
    const key = newKey();
    await store.save(key, { baseRevision: 0, parts: {}, via: 'form' }, NOW);
    await Promise.all([
      store.save(key, { baseRevision: 1, parts: { finished: 'a' }, via: 'form' }, NOW),
      store.save(key, { baseRevision: 1, parts: { inProgress: 'b' }, via: 'chat' }, NOW),
      store.save(key, { baseRevision: 1, parts: { blocked: 'c' }, via: 'form' }, NOW),
      store.save(key, { baseRevision: 1, parts: { fyi: 'd' }, via: 'chat' }, NOW),
    ]);
    expect(await store.get(key)).toMatchObject({
      revision: 5,
      fields: { finished: 'a', inProgress: 'b', blocked: 'c', fyi: 'd' },
    });
  });

  it('stamps a board move written through write() as changed on the board', async () => {
    const key = newKey();
    await store.save(key, { baseRevision: 0, parts: { fyi: 'Friday' }, via: 'form' }, NOW);
    const previous = await store.read(key);
    const fields = { ...previous!.update.fields, blocked: 'Moved from the board' };
    expect(await store.write(key, { fields, appliedMoves: ['m1'] }, previous, NOW, 'board')).toMatchObject({
      kind: 'written',
    });
    expect((await store.read(key))?.parts).toMatchObject({
      blocked: { revision: 2, via: 'board' },
      fyi: { revision: 1, via: 'form' },
    });
  });
});

describe('rows written before parts were stamped', () => {
  it('stay readable, merge an edit typed against their revision, and refuse a stale one over their text', async () => {
    const key = newKey();
    const client = TableClient.fromConnectionString(azurite.connectionString, STATUS_UPDATES_TABLE, {
      allowInsecureConnection: true,
    });
    await client.createTable().catch(() => undefined);
    await client.createEntity({
      partitionKey: pairPartitionKey(key.tenantId, key.managerId, key.reportId),
      rowKey: keyPart(key.occurrenceId),
      finished: 'Shipped',
      inProgress: '',
      blocked: 'Legal',
      fyi: '',
      revision: 3,
      firstSubmittedAt: '2026-06-09T09:00:00.000Z',
      updatedAt: '2026-06-09T10:00:00.000Z',
    });
    expect(await store.get(key)).toMatchObject({ revision: 3, fields: { finished: 'Shipped', blocked: 'Legal' } });
    expect(await store.save(key, { baseRevision: 0, parts: { blocked: 'Nothing' }, via: 'chat' }, NOW)).toMatchObject({
      kind: 'conflict',
      parts: [{ part: 'blocked', changedIn: null }],
    });
    // An empty part of an old row holds nothing to lose: even an edit without a base may fill it.
    expect(
      await store.save(key, { baseRevision: null, parts: { fyi: 'Friday', finished: '' }, via: 'chat' }, NOW),
    ).toMatchObject({ kind: 'saved', changed: ['fyi'] });
    const merged = await store.save(key, { baseRevision: 4, parts: { blocked: 'Nothing' }, via: 'form' }, NOW);
    expect(merged).toMatchObject({
      kind: 'saved',
      update: { revision: 5, fields: { finished: 'Shipped', inProgress: '', blocked: 'Nothing', fyi: 'Friday' } },
    });
  });
});
