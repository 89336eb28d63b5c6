/**
 * A counting pass-through in front of Azurite's Table service, so the benchmark can say how many Table Storage
 * transactions one trend load costs, whichever store or table the handler reads: every HTTP request the functions
 * make to Table Storage is one transaction (a query page, a point read, a batch). The request is forwarded as is
 * (the SharedKey signature covers the account and path, not the port), and counted by table.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TableRequestCounter {
  /** Azurite's connection string with the table endpoint pointed at this counter. */
  connectionString: string;
  /** Requests since the last reset, by table name (`monthly`, `trendSharing`, …; `Tables` for table admin). */
  counts(): Record<string, number>;
  total(): number;
  reset(): void;
  close(): Promise<void>;
}

/** `/devstoreaccount1/monthly()?$filter=…` → `monthly`; `/devstoreaccount1/$batch` → `$batch`. */
function tableOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  const segment = path.split('/')[2] ?? '';
  return segment.replace(/\(.*$/, '') || '(account)';
}

export async function startTableRequestCounter(azurite: {
  port: number;
  connectionString: string;
}): Promise<TableRequestCounter> {
  let counts: Record<string, number> = {};
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((incoming, outgoing) => {
    const table = tableOf(incoming.url ?? '');
    counts[table] = (counts[table] ?? 0) + 1;
    const forward = http.request(
      {
        host: '127.0.0.1',
        port: azurite.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: `127.0.0.1:${azurite.port}` },
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    connectionString: azurite.connectionString.replace(`127.0.0.1:${azurite.port}`, `127.0.0.1:${port}`),
    counts: () => ({ ...counts }),
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
    reset: () => {
      counts = {};
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
