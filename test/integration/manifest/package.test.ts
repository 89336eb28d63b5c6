// `npm run package` end to end (the command's own function, run in-process) and where its values come from.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Output } from '../../../scripts/src/cli/args';
import { runPackage } from '../../../scripts/src/cli/package';
import {
  DeployValuesError,
  readApiUrl,
  readPackageValues,
  teamsAppIdFor,
  uuidV5,
  valueSources,
} from '../../../scripts/src/deployValues';
import { validateAppPackage } from '../../../scripts/src/manifest/validateManifest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLIENT_ID = '4b2d8e6f-1a3c-4d5e-8f7a-9b0c1d2e3f4a';
const HOST = 'stapp-abc123.azurestaticapps.net';
// No azd environment of the developer's own may leak into these tests.
const NO_AZD = { AZURE_ENV_NAME: 'no-such-environment-in-tests' };

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'candor-package-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function capture(): Output & { logs: string[]; errors: string[] } {
  const logs: string[] = [];
  const errors: string[] = [];
  return { logs, errors, log: (l) => logs.push(l), error: (l) => errors.push(l) };
}

describe('npm run package', () => {
  it('writes a zip of manifest.json and the two icons, at its root, that passes the schema and the other checks', () => {
    const out = capture();
    const zipFile = path.join(work, 'candor.zip');
    const code = runPackage(
      ['--out', zipFile],
      { ...NO_AZD, CANDOR_HOST_NAME: HOST, CANDOR_CLIENT_ID: CLIENT_ID },
      ROOT,
      out,
    );
    expect({ code, errors: out.errors }).toEqual({ code: 0, errors: [] });
    const entries = unzipSync(new Uint8Array(readFileSync(zipFile)));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest: unknown = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
    const files = new Map(Object.entries(entries).filter(([name]) => name !== 'manifest.json'));
    expect(validateAppPackage(manifest, files)).toEqual([]);
    expect(manifest).toMatchObject({
      id: teamsAppIdFor(CLIENT_ID),
      version: '1.0.0',
      webApplicationInfo: { id: CLIENT_ID, resource: `api://${HOST}/${CLIENT_ID}` },
    });
    // The filled manifest is written beside the zip for reading.
    expect(JSON.parse(readFileSync(path.join(work, 'manifest.json'), 'utf8'))).toEqual(manifest);
    expect(out.logs.join('\n')).toContain(`api://${HOST}/${CLIENT_ID}`);
  });

  it('builds byte-identical packages from identical values', () => {
    const env = { ...NO_AZD, CANDOR_HOST_NAME: HOST, CANDOR_CLIENT_ID: CLIENT_ID, CANDOR_APP_VERSION: '2.0.1' };
    const a = path.join(work, 'a', 'candor.zip');
    const b = path.join(work, 'b', 'candor.zip');
    expect(runPackage(['--out', a], env, ROOT, capture())).toBe(0);
    expect(runPackage(['--out', b], env, ROOT, capture())).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('reads an --env-file', () => {
    const envFile = path.join(work, 'candor.env');
    writeFileSync(
      envFile,
      `CANDOR_HOST_NAME=${HOST}\nCANDOR_CLIENT_ID="${CLIENT_ID}"\nCANDOR_APP_ID=11111111-2222-4333-8444-555555555555\n`,
    );
    const zipFile = path.join(work, 'out', 'candor.zip');
    expect(runPackage(['--env-file', envFile, '--out', zipFile], NO_AZD, ROOT, capture())).toBe(0);
    const manifest = JSON.parse(
      new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(zipFile)))['manifest.json']),
    ) as { id: string };
    expect(manifest.id).toBe('11111111-2222-4333-8444-555555555555');
  });

  it('fails with a message naming every missing value and where to set it, and writes nothing', () => {
    const out = capture();
    const zipFile = path.join(work, 'candor.zip');
    expect(runPackage(['--out', zipFile], NO_AZD, ROOT, out)).toBe(1);
    expect(out.errors.join('\n')).toBe(
      [
        'Cannot build the app package:',
        '  - CANDOR_HOST_NAME is missing: set CANDOR_HOST_NAME in the environment or an --env-file, or run `azd provision`, which writes it to .azure/<environment>/.env',
        '  - CANDOR_CLIENT_ID is missing: set CANDOR_CLIENT_ID in the environment or an --env-file, or run `azd provision`, which writes it to .azure/<environment>/.env',
      ].join('\n'),
    );
    expect(() => readFileSync(zipFile)).toThrow();
  });

  it('rejects an unknown argument', () => {
    const out = capture();
    expect(runPackage(['--outt', 'x'], NO_AZD, ROOT, out)).toBe(1);
    expect(out.errors[0]).toMatch(/Unknown argument --outt; the options are --env-file <value>, --out <value>/);
  });
});

describe('deployment values', () => {
  it('prefers the environment, then --env-file, then the azd environment', () => {
    mkdirSync(path.join(work, '.azure', 'dev'), { recursive: true });
    writeFileSync(path.join(work, '.azure', 'config.json'), JSON.stringify({ version: 1, defaultEnvironment: 'dev' }));
    writeFileSync(
      path.join(work, '.azure', 'dev', '.env'),
      `CANDOR_HOST_NAME="from-azd.example.com"\nCANDOR_CLIENT_ID="${CLIENT_ID}"\nCANDOR_API_URL="https://func-x.azurewebsites.net/api/"\n`,
    );
    writeFileSync(path.join(work, 'extra.env'), 'CANDOR_HOST_NAME=from-file.example.com\n');
    const azdOnly = readPackageValues(valueSources({ cwd: work, env: {} }));
    expect(azdOnly.hostName).toBe('from-azd.example.com');
    const withFile = readPackageValues(valueSources({ cwd: work, env: {}, envFile: 'extra.env' }));
    expect(withFile.hostName).toBe('from-file.example.com');
    const withEnv = readPackageValues(
      valueSources({ cwd: work, env: { CANDOR_HOST_NAME: 'from-env.example.com' }, envFile: 'extra.env' }),
    );
    expect(withEnv.hostName).toBe('from-env.example.com');
    // AZURE_ENV_NAME picks another azd environment than the default.
    mkdirSync(path.join(work, '.azure', 'prod'));
    writeFileSync(
      path.join(work, '.azure', 'prod', '.env'),
      `CANDOR_HOST_NAME=prod.example.com\nCANDOR_CLIENT_ID=${CLIENT_ID}\n`,
    );
    expect(readPackageValues(valueSources({ cwd: work, env: { AZURE_ENV_NAME: 'prod' } })).hostName).toBe(
      'prod.example.com',
    );
    expect(readApiUrl(valueSources({ cwd: work, env: {} }))).toBe('https://func-x.azurewebsites.net/api');
  });

  it('says which source holds a malformed value', () => {
    writeFileSync(
      path.join(work, 'bad.env'),
      'CANDOR_HOST_NAME=https://candor.example.com/\nCANDOR_CLIENT_ID=abc\nCANDOR_APP_VERSION=1.0\n',
    );
    expect(() => readPackageValues(valueSources({ cwd: work, env: {}, envFile: 'bad.env' }))).toThrow(
      new DeployValuesError(
        [
          'Cannot build the app package:',
          '  - CANDOR_HOST_NAME (from bad.env) must be a host name such as candor.example.com, not a URL; it is "https://candor.example.com/"',
          '  - CANDOR_CLIENT_ID (from bad.env) must be the GUID of the Candor API app registration (its application (client) id); it is "abc"',
          '  - CANDOR_APP_VERSION (from bad.env) must be three numbers such as 1.4.0 (raise it for every upload of a changed package); it is "1.0"',
        ].join('\n'),
      ),
    );
    expect(() =>
      readPackageValues(
        valueSources({ cwd: work, env: { CANDOR_HOST_NAME: 'Candor.Example.com', CANDOR_CLIENT_ID: CLIENT_ID } }),
      ),
    ).toThrow(/CANDOR_HOST_NAME \(from the environment\) must be a lower-case DNS host name/);
    expect(() => valueSources({ cwd: work, env: {}, envFile: 'missing.env' })).toThrow(
      '--env-file missing.env does not exist',
    );
    expect(() =>
      readApiUrl(valueSources({ cwd: work, env: { CANDOR_API_URL: 'http://func.example.com/api' } })),
    ).toThrow(/must be an https URL/);
  });

  it('derives a stable Teams app id from the client id (a version 5 UUID)', () => {
    // RFC 9562's name-based UUID, checked against Python's uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(teamsAppIdFor(CLIENT_ID)).toBe('5c7f57c1-b52e-58ee-95fa-3bd8fea4ad85');
    expect(teamsAppIdFor(CLIENT_ID.toUpperCase())).toBe(teamsAppIdFor(CLIENT_ID));
    expect(teamsAppIdFor('11111111-2222-4333-8444-555555555555')).not.toBe(teamsAppIdFor(CLIENT_ID));
  });
});
