import path from 'node:path';
import { repoRoot, startLocalStack } from './stack';

/** `npm start`: the whole local stack on fixed loopback ports, demo data kept in .local/azurite between runs. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const log = (line: string): void => console.log(`[candor] ${line}`);
  log('starting the local stack (loopback only)…');
  const stack = await startLocalStack({
    ports: {
      azurite: Number(process.env.CANDOR_AZURITE_PORT ?? 10002),
      simulator: Number(process.env.CANDOR_SIMULATOR_PORT ?? 7443),
      functions: Number(process.env.CANDOR_FUNCTIONS_PORT ?? 7071),
      tab: Number(process.env.CANDOR_TAB_PORT ?? 4281),
      hostPage: Number(process.env.CANDOR_HOST_PORT ?? 4280),
    },
    azuriteLocation: path.join(repoRoot, '.local', 'azurite'),
    web: true,
    runScanOnStart: true,
    seedHistory: true,
    log,
  });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  log(`ready in ${seconds} s`);
  log('');
  log(`  Open the Teams host page:  ${stack.hostPageUrl}`);
  log('');
  log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    stack
      .stop()
      .then(() => {
        log('stopped.');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('[candor] failed to stop cleanly:', error);
        process.exit(1);
      });
  };
  // SIGHUP too: a closed terminal must not leave Azurite running on its port.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
}

main().catch((error: unknown) => {
  console.error('[candor] could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
