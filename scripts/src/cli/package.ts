// `npm run package`: fills manifest/manifest.template.json with one deployment's values and writes
// manifest/build/candor.zip (manifest.json + the two icons), refusing to write a package Teams would reject.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DeployValuesError, readPackageValues, valueSources } from '../deployValues';
import { TemplateError } from '../manifest/fillTemplate';
import { AppPackageError, MANIFEST_DIR, PACKAGE_FILE, buildAppPackage } from '../manifest/buildPackage';
import { REPO_ROOT, failure, parseOptions, type Output } from './args';

/** Options: `--env-file <path>` (dotenv values), `--out <path>` (default manifest/build/candor.zip). */
export function runPackage(argv: readonly string[], env: NodeJS.ProcessEnv, root: string, out: Output): number {
  try {
    const options = parseOptions(argv, ['env-file', 'out'] as const);
    const values = readPackageValues(
      valueSources({ cwd: root, env, ...(options['env-file'] ? { envFile: options['env-file'] } : {}) }),
    );
    const manifestDir = path.join(root, MANIFEST_DIR);
    const appPackage = buildAppPackage(manifestDir, values);
    const zipFile = path.resolve(root, options.out ?? path.join(MANIFEST_DIR, PACKAGE_FILE));
    mkdirSync(path.dirname(zipFile), { recursive: true });
    writeFileSync(zipFile, appPackage.zip);
    // The filled manifest beside the zip, for reading; the zip is what gets uploaded.
    writeFileSync(path.join(path.dirname(zipFile), 'manifest.json'), appPackage.files.get('manifest.json')!);
    out.log(
      [
        `Wrote ${path.relative(process.cwd(), zipFile)} (${appPackage.zip.length} bytes)`,
        `  app id   ${values.appId}  version ${values.appVersion}`,
        `  tab host ${values.hostName}`,
        `  SSO      api://${values.hostName}/${values.clientId}`,
        'Upload it in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin center.',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    return failure(error, [DeployValuesError, TemplateError, AppPackageError], out);
  }
}

if (require.main === module) process.exitCode = runPackage(process.argv.slice(2), process.env, REPO_ROOT, console);
