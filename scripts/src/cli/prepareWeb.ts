// Run by azd before it deploys the `web` service (azure.yaml): writes the deployed API's URL and the security
// headers into tab/dist, and the API's client id into the consent pop-up's pages, which Azure Static Web Apps then serves as is.
import path from 'node:path';
import { DeployValuesError, readApiUrl, readClientId, valueSources } from '../deployValues';
import { WebBuildError, prepareWebDist } from '../web/prepareWeb';
import { REPO_ROOT, failure, parseOptions, type Output } from './args';

/** Options: `--env-file <path>` (dotenv values), `--dist <path>` (default tab/dist). */
export function runPrepareWeb(argv: readonly string[], env: NodeJS.ProcessEnv, root: string, out: Output): number {
  try {
    const options = parseOptions(argv, ['env-file', 'dist'] as const);
    const sources = valueSources({ cwd: root, env, ...(options['env-file'] ? { envFile: options['env-file'] } : {}) });
    const apiUrl = readApiUrl(sources);
    const clientId = readClientId(sources);
    const distDir = path.resolve(root, options.dist ?? path.join('tab', 'dist'));
    const written = prepareWebDist(
      distDir,
      { apiBaseUrl: apiUrl, clientId },
      path.join(REPO_ROOT, 'manifest', 'pages'),
    );
    out.log(`Prepared ${path.relative(process.cwd(), distDir)} for ${apiUrl}: ${written.join(', ')}`);
    return 0;
  } catch (error) {
    return failure(error, [DeployValuesError, WebBuildError], out);
  }
}

if (require.main === module) process.exitCode = runPrepareWeb(process.argv.slice(2), process.env, REPO_ROOT, console);
