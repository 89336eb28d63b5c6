import { TableClient } from '@azure/data-tables';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite, type AzuriteHandle } from './azurite';

jest.setTimeout(30_000);

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startAzurite', () => {
  let azurite: AzuriteHandle | undefined;
  afterEach(async () => {
    await azurite?.stop();
    azurite = undefined;
  });

  it('starts an in-memory Table service on a free port that a TableClient can use, and stops it', async () => {
    azurite = await startAzurite();
    expect(azurite.port).toBeGreaterThan(0);
    expect(azurite.connectionString).toContain(`TableEndpoint=http://127.0.0.1:${azurite.port}/devstoreaccount1;`);

    const table = TableClient.fromConnectionString(azurite.connectionString, 'smoke', {
      allowInsecureConnection: true,
    });
    await table.createTable();
    await table.createEntity({ partitionKey: 'p', rowKey: 'r', note: 'hello' });
    await expect(table.getEntity('p', 'r')).resolves.toMatchObject({ note: 'hello' });

    const { port } = azurite;
    await azurite.stop();
    azurite = undefined;
    await expect(portAccepts(port)).resolves.toBe(false);
  });

  it('runs two instances side by side', async () => {
    azurite = await startAzurite();
    const second = await startAzurite();
    try {
      expect(second.port).not.toBe(azurite.port);
    } finally {
      await second.stop();
    }
  });

  it('fails clearly when the requested port is taken', async () => {
    azurite = await startAzurite();
    await expect(startAzurite({ port: azurite.port, startTimeoutMs: 10_000 })).rejects.toThrow(
      /Azurite exited[\s\S]*EADDRINUSE/,
    );
  });

  it('restarts on the same port and folder, keeping what it held (a storage outage for the save benchmark)', async () => {
    const location = mkdtempSync(join(tmpdir(), 'candor-azurite-'));
    try {
      azurite = await startAzurite({ inMemory: false, location });
      const table = TableClient.fromConnectionString(azurite.connectionString, 'outage', {
        allowInsecureConnection: true,
      });
      await table.createTable();
      await table.createEntity({ partitionKey: 'p', rowKey: 'r', note: 'before' });

      await azurite.restart();
      expect(await portAccepts(azurite.port)).toBe(true);
      await expect(table.getEntity('p', 'r')).resolves.toMatchObject({ note: 'before' });
      await table.upsertEntity({ partitionKey: 'p', rowKey: 'r', note: 'after' });
      await expect(table.getEntity('p', 'r')).resolves.toMatchObject({ note: 'after' });
    } finally {
      await azurite?.stop();
      azurite = undefined;
      rmSync(location, { recursive: true, force: true });
    }
  });
});
