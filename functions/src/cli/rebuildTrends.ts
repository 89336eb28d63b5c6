import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { rebuildTrends } from '../jobs/rebuildTrends';
import { createTableClientFactory } from '../store/tables';
import { trendStores } from '../composition/trends';

/*
 * `npm run trends:rebuild [-- --manager <object id>]`: rebuilds the monthly trend aggregates from the stored boards,
 * for the whole tenant or one manager's pairs. It reads its configuration as the functions do (the environment;
 * functions/local.settings.json's Values fill what the environment lacks, as Core Tools would) and prints counts only.
 */

const USAGE = 'usage: npm run trends:rebuild [-- --manager <manager object id>]';

function localSettings(): Record<string, string> {
  const file = path.resolve(__dirname, '..', '..', 'local.settings.json');
  if (!fs.existsSync(file)) return {};
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { Values?: Record<string, string> };
  return parsed.Values ?? {};
}

function managerOption(argv: readonly string[]): string | undefined {
  if (argv.length === 0) return undefined;
  const [flag, value] = argv[0]?.includes('=') ? (argv[0].split('=', 2) as [string, string]) : [argv[0], argv[1]];
  const rest = argv[0]?.includes('=') ? argv.slice(1) : argv.slice(2);
  if (flag !== '--manager' || !value || !/^[0-9a-f-]{36}$/i.test(value) || rest.length > 0)
    throw new ConfigError(USAGE);
  return value;
}

async function main(): Promise<number> {
  const managerId = managerOption(process.argv.slice(2));
  const config = loadConfig({ ...localSettings(), ...process.env });
  const tables = createTableClientFactory(config.tables);
  const { trendRecorder } = trendStores(tables, () => new Date());
  const report = await rebuildTrends(
    { tables, recorder: trendRecorder, tenantId: config.auth.tenantId, log: (line) => console.error(line) },
    managerId ? { managerId } : {},
  );
  console.log(
    `monthly trends rebuilt: ${report.pairs} pairs, ${report.occurrences} occurrences, ${report.failed} pairs failed`,
  );
  return report.failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  },
);
