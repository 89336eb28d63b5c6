/**
 * Child process of the scan benchmark: Azurite and the Graph simulator seeded with a generated tenant, kept apart
 * from the scan so the scan's own memory can be measured. Prints one JSON line with what the scan needs, then
 * waits until its parent closes stdin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startAzurite } from '@candor/local/azurite';
import { startSimulator } from '@candor/local/simulator/index';
import { generatedTenantSeed } from '@candor/local/simulator/generatedTenant';

async function main(): Promise<void> {
  const managers = Number(process.argv[2]);
  const now = new Date(process.argv[3] ?? '');
  const tenant = generatedTenantSeed({ managers, now, tenantId: '0bec0000-0000-4000-8000-000000000001' });
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
  process.stdin.resume();
  process.stdin.on('end', () => {
    void Promise.all([simulator.close(), azurite.stop()]).finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
