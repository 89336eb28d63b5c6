import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** Azurite's well-known development account (public, documented; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteOptions {
  /** Table service port; a free one is picked when absent or 0. */
  port?: number;
  /** Keep data in memory only (tests); default true. */
  inMemory?: boolean;
  /** Where Azurite keeps its files when not in memory; default `<repo>/.local/azurite`. Ignored in memory. */
  location?: string;
  /** Hide Azurite's own output; default true. */
  silent?: boolean;
  /** How long to wait for the port to accept connections; default 15 s. */
  startTimeoutMs?: number;
}

export interface AzuriteHandle {
  /** For TABLES_CONNECTION_STRING (plain http, so clients need allowInsecureConnection). */
  connectionString: string;
  port: number;
  tableEndpoint: string;
  stop(): Promise<void>;
  /**
   * Stops this Azurite and starts it again on the same port and folder (a storage outage, for `npm run bench:save --
   * --fault restart`). `interrupt` (default) is Ctrl-C: Azurite saves its database on the way out. `kill` is a crash:
   * Azurite keeps tables in memory and writes them to disk every 5 s, so writes it acknowledged since are gone.
   */
  restart(how?: 'interrupt' | 'kill'): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * Starts Azurite's Table service as a child process and resolves once its port accepts connections.
 * Azurite does listen on `--tablePort 0`, but only ever reports ":0", so a free port is picked here instead
 * (and another one tried if it was taken in between).
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteHandle> {
  const attempts = options.port ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port || (await freePort());
    try {
      return await launch(port, options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function launch(port: number, options: AzuriteOptions): Promise<AzuriteHandle> {
  const inMemory = options.inMemory ?? true;
  // Azurite refuses --location together with --inMemoryPersistence (and writes nothing in memory mode).
  const storage = inMemory
    ? ['--inMemoryPersistence']
    : ['--location', options.location ?? join(__dirname, '..', '..', '.local', 'azurite')];
  const args = [
    azuriteTableMain(),
    '--tableHost',
    HOST,
    '--tablePort',
    String(port),
    '--disableTelemetry',
    '--skipApiVersionCheck',
    '--loose',
    ...storage,
  ];
  const silent = options.silent ?? true;
  let child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // Never leave an orphan Azurite behind when this process exits without calling stop().
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    await terminate(child);
    process.removeListener('exit', killOnExit);
  };
  const startTimeoutMs = options.startTimeoutMs ?? 15_000;

  try {
    await waitUntilListening(child, port, silent, startTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  const restart = async (how: 'interrupt' | 'kill' = 'interrupt'): Promise<void> => {
    // After SIGINT Azurite saves its tables and says so, but its process lingers while clients keep connections open.
    const closing = child;
    closing.stdout?.on('data', (chunk: Buffer) => {
      if (/successfully closed/i.test(chunk.toString('utf8'))) closing.kill('SIGKILL');
    });
    await terminate(child, how === 'kill' ? 'SIGKILL' : 'SIGINT');
    child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    await waitUntilListening(child, port, silent, startTimeoutMs);
  };
  const tableEndpoint = `http://${HOST}:${port}/${AZURITE_ACCOUNT}`;
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_ACCOUNT_KEY};` +
      `TableEndpoint=${tableEndpoint};`,
    port,
    tableEndpoint,
    stop,
    restart,
  };
}

/** The Table service's own entry script, run with this Node (no shell wrapper, so the pid is Azurite's). */
function azuriteTableMain(): string {
  return join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'table', 'main.js');
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Ready means Azurite said it started AND the port accepts connections. The port alone is not enough: when the
 * port is taken, another process answers there while this Azurite is busy exiting with EADDRINUSE.
 */
async function waitUntilListening(
  child: ChildProcess,
  port: number,
  silent: boolean,
  timeoutMs: number,
): Promise<void> {
  let output = '';
  let started = false;
  const onOutput = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-2000);
    if (/successfully started/i.test(output)) started = true;
    if (!silent) process.stderr.write(text);
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Azurite exited before listening on port ${port}: ${output.trim() || `exit code ${child.exitCode}`}`,
      );
    }
    if (started && (await accepts(port))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Azurite did not listen on port ${port} within ${timeoutMs} ms`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
