/**
 * Child process of the scan benchmark: Azurite and the Graph simulator seeded with a generated tenant, kept apart
 * from the scan so the scan's own memory can be measured. Prints one JSON line with what the scan needs, then
 * follows its parent's clock: each line the parent writes is the bench's time (epoch ms), answered with one line
 * once the simulator reads it, so Exchange's Outbox sees each send when the paced scan made it. Stops when its
 * parent closes stdin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startAzurite } from '@candor/local/azurite';
import { startSimulator } from '@candor/local/simulator/index';
import { generatedTenantSeed } from '@candor/local/simulator/generatedTenant';

async function main(): Promise<void> {
  const managers = Number(process.argv[2]);
  const start = new Date(process.argv[3] ?? '');
  let now = start;
  const tenant = generatedTenantSeed({ managers, now: start, tenantId: '0bec0000-0000-4000-8000-000000000001' });
  const dir = process.env.CANDOR_TLS_DIR ?? '';
  const tls = {
    key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
  };
  const [azurite, simulator] = await Promise.all([
    startAzurite(),
    startSimulator({ port: 0, tls, seed: tenant.seed, now: () => now }),
  ]);
  process.stdout.write(
    `${JSON.stringify({
      simulatorUrl: simulator.url,
      tenantId: simulator.tenantId,
      clientSecret: simulator.clientSecret,
      tablesConnectionString: azurite.connectionString,
      managerIds: tenant.managerIds,
      serviceMailboxId: tenant.serviceMailboxId,
    })}\n`,
  );
  const parent = createInterface({ input: process.stdin });
  parent.on('line', (line) => {
    const ms = Number(line);
    if (Number.isFinite(ms)) now = new Date(ms);
    process.stdout.write(`${now.getTime()}\n`);
  });
  parent.on('close', () => {
    void Promise.all([simulator.close(), azurite.stop()]).finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
