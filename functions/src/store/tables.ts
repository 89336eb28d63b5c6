import { TableClient } from '@azure/data-tables';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../config';

/** Gives a client for a table that is known to exist. */
export type TableClientFactory = (tableName: string) => Promise<TableClient>;

/**
 * Builds table clients from config: a connection string (Azurite locally, which speaks plain http and needs
 * `allowInsecureConnection`), or an account URL with a managed identity in Azure. Each table is created if absent
 * once per process, not on every request; a failed creation is retried by the next caller.
 */
export function createTableClientFactory(
  tables: Config['tables'],
  credential: () => TokenCredential = () => new DefaultAzureCredential(),
): TableClientFactory {
  const ready = new Map<string, Promise<TableClient>>();
  const clientFor = (tableName: string): TableClient =>
    tables.kind === 'connectionString'
      ? TableClient.fromConnectionString(tables.connectionString, tableName, {
          allowInsecureConnection: usesHttp(tables.connectionString),
        })
      : new TableClient(tables.accountUrl, tableName, credential());

  return (tableName) => {
    let client = ready.get(tableName);
    if (!client) {
      const table = clientFor(tableName);
      client = table.createTable().then(() => table);
      client.catch(() => ready.delete(tableName));
      ready.set(tableName, client);
    }
    return client;
  };
}

function usesHttp(connectionString: string): boolean {
  return (
    /(^|;)\s*UseDevelopmentStorage=true/i.test(connectionString) ||
    /(^|;)\s*DefaultEndpointsProtocol=http\s*(;|$)/i.test(connectionString) ||
    /(^|;)\s*TableEndpoint=http:\/\//i.test(connectionString)
  );
}
