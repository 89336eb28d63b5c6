import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The values that turn the repository into one team's deployment. They come from the environment, from an
 * `--env-file`, or from the azd environment: `azd provision` writes every output of infra/main.bicep to
 * `.azure/<environment>/.env`, which is why the Bicep outputs carry exactly these names.
 */
export const VALUE_NAMES = {
  hostName: 'CANDOR_HOST_NAME',
  clientId: 'CANDOR_CLIENT_ID',
  apiUrl: 'CANDOR_API_URL',
  appId: 'CANDOR_APP_ID',
  appVersion: 'CANDOR_APP_VERSION',
} as const;

/** Outputs of infra/main.bicep that `npm run package` and the web deploy step read (checked by the infra tests). */
export const PROVISIONED_OUTPUTS: readonly string[] = [VALUE_NAMES.hostName, VALUE_NAMES.clientId, VALUE_NAMES.apiUrl];

/** Where one value was found, so an error can say which file holds a wrong value. */
export interface ValueSource {
  label: string;
  values: Readonly<Record<string, string | undefined>>;
}

export class DeployValuesError extends Error {
  override readonly name = 'DeployValuesError';
}

export interface SourceOptions {
  /** Usually the repository root. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** An explicit dotenv file (`--env-file`); it must exist. */
  envFile?: string;
}

/**
 * The places values are read from, strongest first: the process environment (an explicit setting always wins),
 * then `--env-file`, then the current azd environment (AZURE_ENV_NAME, else `.azure/config.json`'s default).
 */
export function valueSources(options: SourceOptions): ValueSource[] {
  const sources: ValueSource[] = [{ label: 'the environment', values: options.env }];
  if (options.envFile) {
    const file = path.resolve(options.cwd, options.envFile);
    if (!existsSync(file)) throw new DeployValuesError(`--env-file ${options.envFile} does not exist`);
    sources.push({ label: path.relative(options.cwd, file) || file, values: parseEnv(readFileSync(file, 'utf8')) });
  }
  const azd = azdEnvironmentFile(options.cwd, options.env.AZURE_ENV_NAME);
  if (azd) sources.push({ label: path.relative(options.cwd, azd), values: parseEnv(readFileSync(azd, 'utf8')) });
  return sources;
}

function azdEnvironmentFile(cwd: string, envName: string | undefined): string | null {
  const azureDir = path.join(cwd, '.azure');
  let name = envName?.trim();
  if (!name) {
    const configFile = path.join(azureDir, 'config.json');
    if (!existsSync(configFile)) return null;
    const config: unknown = JSON.parse(readFileSync(configFile, 'utf8'));
    const defaultEnvironment =
      config && typeof config === 'object' && 'defaultEnvironment' in config ? config.defaultEnvironment : undefined;
    if (typeof defaultEnvironment !== 'string' || !defaultEnvironment) return null;
    name = defaultEnvironment;
  }
  const file = path.join(azureDir, name, '.env');
  return existsSync(file) ? file : null;
}

interface Found {
  value: string;
  source: string;
}

function lookup(sources: readonly ValueSource[], name: string): Found | null {
  for (const source of sources) {
    const value = source.values[name]?.trim();
    if (value) return { value, source: source.label };
  }
  return null;
}

/** What `npm run package` fills into manifest.template.json. */
export interface PackageValues {
  hostName: string;
  clientId: string;
  appId: string;
  appVersion: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The manifest schema's own `semver` definition: three plain numbers, which is what Teams accepts.
const APP_VERSION = /^([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)$/;
// Lower case only: Microsoft's SSO docs warn that an upper-case host in the Application ID URI fails on Android.
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

const whereToSet = (name: string) =>
  `set ${name} in the environment or an --env-file, or run \`azd provision\`, which writes it to .azure/<environment>/.env`;

/** Reads and checks the package values; throws one DeployValuesError naming every missing or malformed value. */
export function readPackageValues(sources: readonly ValueSource[]): PackageValues {
  const problems: string[] = [];
  const hostName = required(sources, VALUE_NAMES.hostName, problems, (v) =>
    v.includes('://') || v.includes('/')
      ? 'must be a host name such as candor.example.com, not a URL'
      : HOST_NAME.test(v)
        ? null
        : 'must be a lower-case DNS host name such as candor.example.com',
  );
  const clientId = required(sources, VALUE_NAMES.clientId, problems, (v) =>
    GUID.test(v) ? null : 'must be the GUID of the Candor API app registration (its application (client) id)',
  );
  const appId =
    optional(sources, VALUE_NAMES.appId, problems, (v) => (GUID.test(v) ? null : 'must be a GUID')) ??
    (clientId && GUID.test(clientId) ? teamsAppIdFor(clientId) : '');
  const appVersion =
    optional(sources, VALUE_NAMES.appVersion, problems, (v) =>
      APP_VERSION.test(v)
        ? null
        : 'must be three numbers such as 1.4.0 (raise it for every upload of a changed package)',
    ) ?? '1.0.0';
  if (problems.length > 0) throw new DeployValuesError(`Cannot build the app package:\n  - ${problems.join('\n  - ')}`);
  return {
    hostName: hostName!.toLowerCase(),
    clientId: clientId!.toLowerCase(),
    appId: appId.toLowerCase(),
    appVersion,
  };
}

/** The Function App's API base (`https://…/api`) that the deployed tab's `<meta name="candor-api-base">` carries. */
export function readApiUrl(sources: readonly ValueSource[]): string {
  const problems: string[] = [];
  const apiUrl = required(sources, VALUE_NAMES.apiUrl, problems, (v) => {
    try {
      return new URL(v).protocol === 'https:' ? null : 'must be an https URL';
    } catch {
      return 'must be an https URL such as https://func-abc.azurewebsites.net/api';
    }
  });
  if (problems.length > 0) throw new DeployValuesError(`Cannot prepare the web app:\n  - ${problems.join('\n  - ')}`);
  return apiUrl!.replace(/\/+$/, '');
}

/** The Candor API's client id, which the deployed consent pop-up (auth-start.html) asks Entra ID to consent to. */
export function readClientId(sources: readonly ValueSource[]): string {
  const problems: string[] = [];
  const clientId = required(sources, VALUE_NAMES.clientId, problems, (v) =>
    GUID.test(v) ? null : 'must be the GUID of the Candor API app registration (its application (client) id)',
  );
  if (problems.length > 0) throw new DeployValuesError(`Cannot prepare the web app:\n  - ${problems.join('\n  - ')}`);
  return clientId!.toLowerCase();
}

function required(
  sources: readonly ValueSource[],
  name: string,
  problems: string[],
  check: (value: string) => string | null,
): string | null {
  const found = lookup(sources, name);
  if (!found) {
    problems.push(`${name} is missing: ${whereToSet(name)}`);
    return null;
  }
  return checked(found, name, problems, check);
}

function optional(
  sources: readonly ValueSource[],
  name: string,
  problems: string[],
  check: (value: string) => string | null,
): string | null {
  const found = lookup(sources, name);
  return found ? checked(found, name, problems, check) : null;
}

function checked(
  found: Found,
  name: string,
  problems: string[],
  check: (value: string) => string | null,
): string | null {
  const problem = check(found.value);
  if (problem) {
    problems.push(`${name} (from ${found.source}) ${problem}; it is "${found.value}"`);
    return null;
  }
  return found.value;
}

// A fixed namespace for Candor's name-based app ids (random once, never to change: it would change every app id).
const CANDOR_APP_ID_NAMESPACE = '3c9f5a61-2b7e-4d0a-9f3e-7a1c5d2e8b46';

/**
 * The Teams app id when CANDOR_APP_ID is not set: a name-based (version 5) UUID of the API's client id. Every
 * package built for one deployment then carries the same app id, so an upload updates the app instead of adding
 * a second one, without anyone keeping another GUID.
 */
export function teamsAppIdFor(clientId: string): string {
  return uuidV5(clientId.toLowerCase(), CANDOR_APP_ID_NAMESPACE);
}

/** RFC 9562 §5.5: SHA-1 of namespace bytes + name bytes, with the version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  if (!GUID.test(namespace)) throw new Error(`namespace must be a UUID: ${namespace}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
