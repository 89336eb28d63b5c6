// Offline checks of infra/ and azure.yaml. No Bicep compiler or Azure CLI can be installed here, so this test reads
// the Bicep files with tree-sitter-bicep's grammar and checks what a compile would catch for Candor's templates
// (syntax, modules, parameters, module outputs), plus Azure's naming rules and the settings the API needs.
// docs/deploy-to-azure.md says how to run `az bicep build` and `azd provision --preview` where they exist.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type Parser from 'tree-sitter';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '@candor/functions/config';
import { PROVISIONED_OUTPUTS } from '../../../scripts/src/deployValues';
import {
  Unknown,
  azdSubstitute,
  bindParams,
  evaluate,
  objectProperties,
  parseBicep,
  references,
  stringLiteral,
  syntaxErrors,
  type BicepFile,
  type Value,
} from './bicepModel';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const INFRA = path.join(ROOT, 'infra');
const MAIN = path.join(INFRA, 'main.bicep');

/** main.bicep and every module it reaches, by absolute path. */
function loadTemplates(): Map<string, BicepFile> {
  const files = new Map<string, BicepFile>();
  const visit = (file: string): void => {
    if (files.has(file) || !existsSync(file)) return;
    const model = parseBicep(file);
    files.set(file, model);
    for (const module of model.modules) visit(path.resolve(path.dirname(file), module.path));
  };
  visit(MAIN);
  return files;
}

const templates = loadTemplates();
const main = templates.get(MAIN)!;
const parametersFile = JSON.parse(readFileSync(path.join(INFRA, 'main.parameters.json'), 'utf8')) as {
  parameters: Record<string, { value: unknown }>;
};
const moduleFile = (from: BicepFile, modulePath: string) =>
  templates.get(path.resolve(path.dirname(from.file), modulePath));
const moduleNamed = (symbol: string) => {
  const module = main.modules.find((m) => m.symbol === symbol);
  if (!module) throw new Error(`main.bicep has no module ${symbol}`);
  return { module, file: moduleFile(main, module.path)! };
};

describe('Bicep syntax (tree-sitter-bicep)', () => {
  it('finds the errors it is meant to find', () => {
    // Proves the parse below can fail: a missing brace and a stray token are reported with their position.
    const broken = parseBicep('broken.bicep', "param a string\nresource r 'A/b@1' = {\n  name: 'x'\n\nvar = 3\n");
    expect(syntaxErrors(broken).length).toBeGreaterThan(0);
  });

  it('parses main.bicep and every module without a syntax error', () => {
    expect(templates.size).toBeGreaterThanOrEqual(7);
    for (const model of templates.values())
      expect({ file: model.file, errors: syntaxErrors(model) }).toEqual({ file: model.file, errors: [] });
  });
});

describe('Bicep structure', () => {
  it('references only modules that exist, and every module file is used', () => {
    for (const model of templates.values()) {
      for (const module of model.modules) {
        expect({
          from: model.file,
          module: module.path,
          exists: existsSync(path.resolve(path.dirname(model.file), module.path)),
        }).toEqual({ from: model.file, module: module.path, exists: true });
      }
    }
    const moduleFiles = readdirSync(path.join(INFRA, 'modules')).map((f) => path.join(INFRA, 'modules', f));
    expect(moduleFiles.filter((f) => !templates.has(f))).toEqual([]);
  });

  it('uses only names that are declared in the same file', () => {
    for (const model of templates.values()) {
      const declared = new Set([
        ...model.params.keys(),
        ...model.vars.keys(),
        ...model.resources.map((r) => r.symbol),
        ...model.modules.map((m) => m.symbol),
      ]);
      const undeclared = references(model)
        .filter((r) => !declared.has(r.name))
        .map((r) => `${path.basename(model.file)}:${r.node.startPosition.row + 1} ${r.name}`);
      expect(undeclared).toEqual([]);
    }
  });

  it('uses every parameter it declares', () => {
    for (const model of templates.values()) {
      const used = new Set(references(model).map((r) => r.name));
      const unused = [...model.params.keys()]
        .filter((p) => !used.has(p))
        .map((p) => `${path.basename(model.file)}: ${p}`);
      expect(unused).toEqual([]);
    }
  });

  it('gives main.bicep a value for every parameter without a default, and nothing it does not declare', () => {
    const given = Object.keys(parametersFile.parameters);
    expect(given.filter((name) => !main.params.has(name))).toEqual([]);
    const missing = [...main.params.values()]
      .filter((p) => !p.defaultValue && !given.includes(p.name))
      .map((p) => p.name);
    expect(missing).toEqual([]);
  });

  it('passes every module exactly the parameters it declares, all required ones included', () => {
    for (const model of templates.values()) {
      for (const module of model.modules) {
        const target = moduleFile(model, module.path)!;
        const passed = [...objectProperties(objectProperties(module.body).get('params')!).keys()];
        const unknownParams = passed.filter((p) => !target.params.has(p));
        const missing = [...target.params.values()]
          .filter((p) => !p.defaultValue && !passed.includes(p.name))
          .map((p) => p.name);
        expect({ module: module.symbol, unknownParams, missing }).toEqual({
          module: module.symbol,
          unknownParams: [],
          missing: [],
        });
      }
    }
  });

  it('reads only module outputs that the module declares', () => {
    for (const model of templates.values()) {
      const modules = new Map(model.modules.map((m) => [m.symbol, moduleFile(model, m.path)!]));
      const bad: string[] = [];
      const visit = (node: Parser.SyntaxNode): void => {
        // <module>.outputs.<name>
        if (node.type === 'member_expression') {
          const inner = node.childForFieldName('object')!;
          if (inner.type === 'member_expression' && inner.childForFieldName('property')!.text === 'outputs') {
            const symbol = inner.childForFieldName('object')!.text;
            const output = node.childForFieldName('property')!.text;
            const target = modules.get(symbol);
            if (target && !target.outputs.has(output)) bad.push(`${symbol}.outputs.${output}`);
          }
        }
        for (const child of node.namedChildren) visit(child);
      };
      visit(model.tree.rootNode);
      expect(bad).toEqual([]);
    }
  });

  it('declares the outputs that npm run package and the web deploy step read', () => {
    for (const name of PROVISIONED_OUTPUTS)
      expect({ output: name, declared: main.outputs.has(name) }).toEqual({ output: name, declared: true });
    // Whatever azd is given as CANDOR_CLIENT_ID goes in and comes out unchanged.
    expect(main.outputs.get('CANDOR_CLIENT_ID')!.text).toBe('clientId');
    expect(parametersFile.parameters.clientId!.value).toBe('${CANDOR_CLIENT_ID}');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Resource names, evaluated for the shortest, a typical and the longest environment name azd allows here.
// ---------------------------------------------------------------------------------------------------------------

interface NameRule {
  min: number;
  max: number;
  pattern: RegExp;
  says: string;
}

// Azure's naming rules (learn.microsoft.com, "Naming rules and restrictions for Azure resources").
const NAME_RULES: Record<string, NameRule> = {
  'Microsoft.Resources/resourceGroups': {
    min: 1,
    max: 90,
    pattern: /^[-\w.()]*[-\w()]$/,
    says: 'letters, digits, -_.(), not ending in .',
  },
  'Microsoft.ManagedIdentity/userAssignedIdentities': {
    min: 3,
    max: 128,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
    says: 'alphanumerics, - and _, starting alphanumeric',
  },
  'Microsoft.OperationalInsights/workspaces': {
    min: 4,
    max: 63,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    says: 'alphanumerics and -, not at either end',
  },
  'Microsoft.Insights/components': {
    min: 1,
    max: 260,
    pattern: /^[^%&\\?/]*[^%&\\?/ .]$/,
    says: 'no %&\\?/, not ending in space or .',
  },
  'Microsoft.Storage/storageAccounts': {
    min: 3,
    max: 24,
    pattern: /^[a-z0-9]+$/,
    says: 'lower-case letters and digits only',
  },
  'Microsoft.Storage/storageAccounts/blobServices': { min: 7, max: 7, pattern: /^default$/, says: 'always "default"' },
  'Microsoft.Storage/storageAccounts/blobServices/containers': {
    min: 3,
    max: 63,
    pattern: /^(?!.*--)[a-z0-9][a-z0-9-]*[a-z0-9]$/,
    says: 'lower-case alphanumerics and single -',
  },
  'Microsoft.KeyVault/vaults': {
    min: 3,
    max: 24,
    pattern: /^(?!.*--)[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    says: 'alphanumerics and single -, starting with a letter',
  },
  'Microsoft.Web/staticSites': {
    min: 1,
    max: 40,
    pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
    says: 'alphanumerics and -, not at either end',
  },
  // Azure Bot: 2–64 alphanumerics, -, _ and ., starting alphanumeric; its Teams channel has a fixed name.
  'Microsoft.BotService/botServices': {
    min: 2,
    max: 64,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    says: 'alphanumerics, -, _ and ., starting alphanumeric',
  },
  'Microsoft.BotService/botServices/channels': {
    min: 1,
    max: 64,
    pattern: /^(MsTeamsChannel|DirectLineChannel|WebChatChannel)$/,
    says: 'a channel name such as MsTeamsChannel',
  },
  'Microsoft.Web/serverfarms': { min: 1, max: 40, pattern: /^[a-zA-Z0-9-]+$/, says: 'alphanumerics and -' },
  // A Function App's name is also its host name (<name>.azurewebsites.net).
  'Microsoft.Web/sites': {
    min: 2,
    max: 60,
    pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
    says: 'alphanumerics and -, not at either end',
  },
  'Microsoft.Web/sites/config': {
    min: 3,
    max: 20,
    pattern: /^(appsettings|web|authsettingsV2|logs|connectionstrings)$/,
    says: 'a known config name',
  },
  // Front Door (Standard): alphanumerics and -, starting and ending alphanumeric; an endpoint's name is a prefix of
  // its host name, so it is short.
  'Microsoft.Cdn/profiles': {
    min: 1,
    max: 260,
    pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
    says: 'alphanumerics and -, not at either end',
  },
  'Microsoft.Cdn/profiles/afdEndpoints': {
    min: 1,
    max: 46,
    pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
    says: 'alphanumerics and -, not at either end',
  },
  ...Object.fromEntries(
    [
      'Microsoft.Cdn/profiles/originGroups',
      'Microsoft.Cdn/profiles/originGroups/origins',
      'Microsoft.Cdn/profiles/afdEndpoints/routes',
    ].map((type) => [
      type,
      {
        min: 1,
        max: 90,
        pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
        says: 'alphanumerics and -, not at either end',
      },
    ]),
  ),
  'Microsoft.Authorization/roleAssignments': {
    min: 36,
    max: 36,
    pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    says: 'a GUID',
  },
};
// Deployment (module) names.
const DEPLOYMENT_NAME: NameRule = { min: 1, max: 64, pattern: /^[-\w.()]+$/, says: 'letters, digits, -_.()' };

const SAMPLE_ENVIRONMENTS = ['a', 'candor-dev', 'x'.repeat(64)];

function mainParamValues(environmentName: string): Map<string, Value> {
  const azdEnv = {
    AZURE_ENV_NAME: environmentName,
    AZURE_LOCATION: 'westeurope',
    CANDOR_CLIENT_ID: '4b2d8e6f-1a3c-4d5e-8f7a-9b0c1d2e3f4a',
    AZURE_PRINCIPAL_ID: '',
  };
  const values = new Map<string, Value>();
  for (const [name, { value }] of Object.entries(parametersFile.parameters)) {
    values.set(name, typeof value === 'string' ? azdSubstitute(value, azdEnv) : (value as Value));
  }
  return values;
}

interface NamedResource {
  file: string;
  kind: string;
  name: Value;
}

/** Walks main.bicep and its modules with parameter values flowing from caller to module, collecting names. */
function resourceNames(environmentName: string): NamedResource[] {
  const found: NamedResource[] = [];
  const visit = (model: BicepFile, given: Map<string, Value>): void => {
    const scope = bindParams(model, given);
    for (const resource of model.resources) {
      if (resource.existing) continue;
      const nameNode = objectProperties(resource.body).get('name');
      found.push({
        file: model.file,
        kind: resource.type,
        name: nameNode ? evaluate(nameNode, scope) : new Unknown('no name'),
      });
    }
    for (const module of model.modules) {
      const properties = objectProperties(module.body);
      found.push({ file: model.file, kind: 'deployment', name: evaluate(properties.get('name')!, scope) });
      const params = new Map<string, Value>();
      for (const [key, value] of objectProperties(properties.get('params')!)) params.set(key, evaluate(value, scope));
      visit(moduleFile(model, module.path)!, params);
    }
  };
  visit(main, mainParamValues(environmentName));
  return found;
}

describe('resource names', () => {
  it('has a naming rule for every resource type the templates create', () => {
    const types = new Set(
      [...templates.values()].flatMap((m) => m.resources.filter((r) => !r.existing).map((r) => r.type)),
    );
    expect([...types].filter((t) => !NAME_RULES[t])).toEqual([]);
  });

  it.each(SAMPLE_ENVIRONMENTS)('follow Azure naming rules for environment "%s"', (environmentName) => {
    const problems: string[] = [];
    for (const { file, kind, name } of resourceNames(environmentName)) {
      const where = `${path.basename(file)} ${kind}`;
      if (typeof name !== 'string') {
        problems.push(
          `${where}: name cannot be worked out before deployment (${name instanceof Unknown ? name.why : typeof name})`,
        );
        continue;
      }
      const rule = kind === 'deployment' ? DEPLOYMENT_NAME : NAME_RULES[kind]!;
      if (name.length < rule.min || name.length > rule.max || !rule.pattern.test(name)) {
        problems.push(`${where}: "${name}" breaks the rule (${rule.min}–${rule.max} chars, ${rule.says})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('spreads names across environments: two environments never share a globally unique name', () => {
    const globalKinds = ['Microsoft.Storage/storageAccounts', 'Microsoft.KeyVault/vaults', 'Microsoft.Web/sites'];
    const names = (env: string) =>
      resourceNames(env)
        .filter((r) => globalKinds.includes(r.kind))
        .map((r) => r.name);
    const dev = names('candor-dev');
    const prod = names('candor-prod');
    expect(dev).toHaveLength(3);
    for (const name of dev) expect(prod).not.toContain(name);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// What the resources must be for Candor: no keys, the API's settings, the roles.
// ---------------------------------------------------------------------------------------------------------------

/** The text of every non-test TypeScript file of the API. */
function functionsSources(dir = path.join(ROOT, 'functions', 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return functionsSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

function resourceOfType(model: BicepFile, type: string) {
  const resource = model.resources.find((r) => r.type === type && !r.existing);
  if (!resource) throw new Error(`${path.basename(model.file)} creates no ${type}`);
  return resource;
}

const propertyText = (body: Parser.SyntaxNode, ...keys: string[]): string | undefined => {
  let node: Parser.SyntaxNode | undefined = body;
  for (const key of keys) node = node ? objectProperties(node).get(key) : undefined;
  return node?.text;
};

describe('Candor on Azure', () => {
  it('keeps the storage account keyless, private and on TLS 1.2', () => {
    const { file } = moduleNamed('storage');
    const account = resourceOfType(file, 'Microsoft.Storage/storageAccounts');
    expect(propertyText(account.body, 'properties', 'allowSharedKeyAccess')).toBe('false');
    expect(propertyText(account.body, 'properties', 'allowBlobPublicAccess')).toBe('false');
    expect(propertyText(account.body, 'properties', 'minimumTlsVersion')).toBe("'TLS1_2'");
  });

  it('grants the API identity Storage Table Data Contributor on that account, and Key Vault secrets read access', () => {
    const { module, file } = moduleNamed('access');
    const passed = objectProperties(objectProperties(module.body).get('params')!);
    expect(passed.get('apiPrincipalId')!.text).toBe('identity.outputs.principalId');
    expect(passed.get('storageAccountName')!.text).toBe('storage.outputs.name');
    const scope = bindParams(file, new Map());
    const grants = file.resources
      .filter((r) => r.type === 'Microsoft.Authorization/roleAssignments')
      .map((r) => {
        const properties = objectProperties(objectProperties(r.body).get('properties')!);
        const roleCall = properties.get('roleDefinitionId')!;
        const roleArgs = roleCall.childForFieldName('arguments')!.namedChildren;
        return {
          role: evaluate(roleArgs[roleArgs.length - 1]!, scope),
          principal: properties.get('principalId')!.text,
          scope: objectProperties(r.body).get('scope')!.text,
        };
      });
    const accountSymbol = file.resources.find((r) => r.type === 'Microsoft.Storage/storageAccounts')!.symbol;
    const vaultSymbol = file.resources.find((r) => r.type === 'Microsoft.KeyVault/vaults')!.symbol;
    expect(grants).toEqual(
      expect.arrayContaining([
        { role: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3', principal: 'apiPrincipalId', scope: accountSymbol }, // Storage Table Data Contributor
        { role: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b', principal: 'apiPrincipalId', scope: accountSymbol }, // Storage Blob Data Owner
        { role: '4633458b-17de-408a-b874-0445c86b69e6', principal: 'apiPrincipalId', scope: vaultSymbol }, // Key Vault Secrets User
      ]),
    );
  });

  it('runs the API on Flex Consumption with Node 20 or later', () => {
    const { file } = moduleNamed('api');
    const scope = bindParams(file, new Map());
    const plan = resourceOfType(file, 'Microsoft.Web/serverfarms');
    expect(propertyText(plan.body, 'sku', 'tier')).toBe("'FlexConsumption'");
    const site = resourceOfType(file, 'Microsoft.Web/sites');
    const runtime = objectProperties(
      objectProperties(objectProperties(objectProperties(site.body).get('properties')!).get('functionAppConfig')!).get(
        'runtime',
      )!,
    );
    expect(evaluate(runtime.get('name')!, scope)).toBe('node');
    expect(Number(evaluate(runtime.get('version')!, scope))).toBeGreaterThanOrEqual(20);
  });

  it('gives the API every setting functions/src/config/ needs, with Table Storage by identity and the secret from Key Vault', () => {
    const { module, file } = moduleNamed('api');
    const mainScope = bindParams(main, mainParamValues('candor-dev'));
    const given = new Map<string, Value>();
    for (const [key, value] of objectProperties(objectProperties(module.body).get('params')!))
      given.set(key, evaluate(value, mainScope));
    const scope = bindParams(file, given);
    const settingsResource = file.resources.find((r) => r.type === 'Microsoft.Web/sites/config')!;
    const settings = objectProperties(objectProperties(settingsResource.body).get('properties')!);

    // Values known only after deployment (endpoints, the tab's host) get a well-formed stand-in.
    const env: Record<string, string> = {};
    for (const [key, node] of settings) {
      const value = evaluate(node, scope);
      env[key] = typeof value === 'string' ? value : 'https://known-after-deployment.invalid';
    }
    const config = loadConfig(env);
    expect(config.tables.kind).toBe('accountUrl');
    expect(config.auth.clientId).toBe('4b2d8e6f-1a3c-4d5e-8f7a-9b0c1d2e3f4a');
    expect(config.auth.authorityHost).toBe('https://login.microsoftonline.com');
    expect(config.auth.requiredScope).toBe('access_as_user');
    expect(config.graph.baseUrl).toBe('https://graph.microsoft.com');

    expect(settings.has('TABLES_CONNECTION_STRING')).toBe(false);
    expect(settings.get('TABLES_ACCOUNT_URL')!.text).toBe('tableEndpoint');
    expect(stringLiteral(settings.get('GRAPH_CLIENT_SECRET')!)).toBeNull(); // interpolated: a reference, not a value
    expect(settings.get('GRAPH_CLIENT_SECRET')!.text).toMatch(
      /^'@Microsoft\.KeyVault\(VaultName=\$\{keyVaultName\};SecretName=[a-z-]+\)'$/,
    );
    // Flex Consumption rejects these two as app settings (the runtime is in functionAppConfig).
    expect(settings.has('FUNCTIONS_WORKER_RUNTIME')).toBe(false);
    expect(settings.has('FUNCTIONS_EXTENSION_VERSION')).toBe(false);
    // The host's own storage by identity as well: no AzureWebJobsStorage connection string.
    expect(settings.has('AzureWebJobsStorage')).toBe(false);
    expect(evaluate(settings.get('AzureWebJobsStorage__credential')!, scope)).toBe('managedidentity');
  });

  it('sets no app setting that nothing reads', () => {
    const { file } = moduleNamed('api');
    const settingsResource = file.resources.find((r) => r.type === 'Microsoft.Web/sites/config')!;
    const keys = [...objectProperties(objectProperties(settingsResource.body).get('properties')!).keys()];
    // Read by the Functions host, Application Insights or @azure/identity rather than by Candor's code.
    const platform =
      /^(AzureWebJobsStorage__\w+|APPLICATIONINSIGHTS_CONNECTION_STRING|APPLICATIONINSIGHTS_AUTHENTICATION_STRING|AZURE_CLIENT_ID)$/;
    const sources = functionsSources().join('\n');
    expect(keys.filter((k) => !platform.test(k) && !new RegExp(`\\b${k}\\b`).test(sources))).toEqual([]);
  });
});

/** A module's parameter scope, evaluated from main.bicep's azd values with some of main's parameters overridden. */
function moduleScope(symbol: string, overrides: Record<string, Value> = {}) {
  const { module, file } = moduleNamed(symbol);
  const values = mainParamValues('candor-dev');
  for (const [name, value] of Object.entries(overrides)) values.set(name, value);
  const mainScope = bindParams(main, values);
  const given = new Map<string, Value>();
  for (const [key, value] of objectProperties(objectProperties(module.body).get('params')!))
    given.set(key, evaluate(value, mainScope));
  return { file, scope: bindParams(file, given) };
}

/** The API's app settings as functions/src/config reads them (deployment-time values get a well-formed stand-in). */
function apiSettings(overrides: Record<string, Value> = {}): Record<string, string> {
  const { file, scope } = moduleScope('api', overrides);
  const settingsResource = file.resources.find((r) => r.type === 'Microsoft.Web/sites/config')!;
  const env: Record<string, string> = {};
  for (const [key, node] of objectProperties(objectProperties(settingsResource.body).get('properties')!)) {
    const value = evaluate(node, scope);
    env[key] = typeof value === 'string' ? value : 'https://known-after-deployment.invalid';
  }
  return env;
}

// Flex Consumption is not among the hosting plans Static Web Apps can link as its /api backend, so one Azure Front
// Door endpoint serves both: /api/* from the Function App, everything else from the Static Web App.
describe('the tab and its API under one origin', () => {
  const routesOf = (file: BicepFile) =>
    file.resources
      .filter((r) => r.type === 'Microsoft.Cdn/profiles/afdEndpoints/routes')
      .map((r) => ({
        patterns: propertyText(r.body, 'properties', 'patternsToMatch'),
        originGroup: propertyText(r.body, 'properties', 'originGroup', 'id'),
      }));

  it('routes /api/* to the Function App and the rest to the Static Web App on one Front Door endpoint', () => {
    const { module, file } = moduleNamed('oneOrigin');
    const passed = objectProperties(objectProperties(module.body).get('params')!);
    expect(passed.get('apiHostName')!.text).toBe('api.outputs.hostName');
    expect(passed.get('tabHostName')!.text).toBe('web.outputs.hostName');
    const groups = new Map(
      file.resources
        .filter((r) => r.type === 'Microsoft.Cdn/profiles/originGroups/origins')
        .map((r) => [propertyText(r.body, 'parent'), propertyText(r.body, 'properties', 'hostName')]),
    );
    const routes = routesOf(file);
    const api = routes.find((r) => r.patterns?.includes("'/api/*'"));
    const rest = routes.find((r) => r.patterns?.includes("'/*'"));
    expect(groups.get(api?.originGroup?.replace(/\.id$/, ''))).toBe('apiHostName');
    expect(groups.get(rest?.originGroup?.replace(/\.id$/, ''))).toBe('tabHostName');
  });

  it("makes Front Door's host the tab's: the SSO audience, the manifest and the API's base share it", () => {
    const endpoint = moduleNamed('edge');
    expect(resourceOfType(endpoint.file, 'Microsoft.Cdn/profiles').body.text).toContain("'Standard_AzureFrontDoor'");
    const api = objectProperties(objectProperties(moduleNamed('api').module.body).get('params')!);
    expect(api.get('tabHostName')!.text).toBe('edge.outputs.hostName');
    expect(main.outputs.get('CANDOR_HOST_NAME')!.text).toBe('edge.outputs.hostName');
    expect(main.outputs.get('CANDOR_API_URL')!.text).toBe("'https://${edge.outputs.hostName}/api'");
  });
});

describe('the bot on Azure: in time, and where the customer needs it', () => {
  it("keeps always-ready instances for the HTTP functions, so the bot's endpoint answers within the Bot Framework's 15 s from a cold start", () => {
    const param = main.params.get('httpAlwaysReadyInstances');
    expect({ type: param?.type, default: param?.defaultValue?.text }).toEqual({ type: 'int', default: '1' });
    const alwaysReady = (overrides: Record<string, Value> = {}) => {
      const { file, scope } = moduleScope('api', overrides);
      const site = resourceOfType(file, 'Microsoft.Web/sites');
      let node: Parser.SyntaxNode = site.body;
      for (const key of ['properties', 'functionAppConfig', 'scaleAndConcurrency', 'alwaysReady'])
        node = objectProperties(node).get(key)!;
      return evaluate(node, scope);
    };
    // `http` is the function group of every HTTP-triggered function (the API and /api/messages alike).
    expect(alwaysReady()).toEqual([{ name: 'http', instanceCount: 1 }]);
    expect(alwaysReady({ httpAlwaysReadyInstances: 2 })).toEqual([{ name: 'http', instanceCount: 2 }]);
  });

  it('puts the Azure Bot and its Teams channel where botLocation says: global unless a data-residency region is chosen', () => {
    const param = main.params.get('botLocation')!;
    expect(evaluate(param.defaultValue!, bindParams(main, new Map()))).toBe('global');
    // Microsoft offers regional (data-residency) Azure Bots in westeurope and centralindia.
    expect(evaluate(param.decorators.get('allowed')![0]!, bindParams(main, new Map()))).toEqual([
      'global',
      'westeurope',
      'centralindia',
    ]);
    expect(mainParamValues('candor-dev').get('botLocation')).toBe('global');
    for (const location of ['global', 'westeurope', 'centralindia']) {
      const { file, scope } = moduleScope('bot', { botLocation: location });
      const locations = file.resources
        .filter((r) => r.type.startsWith('Microsoft.BotService/'))
        .map((r) => ({ type: r.type, location: evaluate(objectProperties(r.body).get('location')!, scope) }));
      expect(locations).toEqual([
        { type: 'Microsoft.BotService/botServices', location },
        { type: 'Microsoft.BotService/botServices/channels', location },
      ]);
    }
  });

  it("hands the organization-catalog app id from azd to the bot and the digest's Trends link: a provision keeps it", () => {
    const catalogId = 'b1c5353a-7aca-41b3-830f-27d5218fe0e5';
    expect(parametersFile.parameters.teamsCatalogAppId!.value).toBe('${CANDOR_TEAMS_CATALOG_APP_ID}');
    // Blank until the app is uploaded to the catalog: no bot installs and the tab's own page as the digest's link.
    expect(loadConfig(apiSettings()).bot.teamsCatalogAppId).toBeNull();
    const config = loadConfig(apiSettings({ teamsCatalogAppId: catalogId }));
    expect(config.bot.teamsCatalogAppId).toBe(catalogId);
    expect(config.trends.tabUrl).toMatch(
      new RegExp(`^https://teams\\.microsoft\\.com/l/entity/${catalogId}/candor-trends`),
    );
  });

  it("gives a regional bot its region's token service, in the setting the Teams SDK's cloud takes it from", () => {
    const expected: Array<[string, string | null]> = [
      ['global', null],
      ['westeurope', 'https://europe.token.botframework.com'],
      ['centralindia', 'https://india.token.botframework.com'],
    ];
    for (const [location, tokenService] of expected) {
      const env = apiSettings({ botLocation: location });
      expect({ location, tokenService: loadConfig(env).bot.tokenServiceUrl }).toEqual({ location, tokenService });
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// azure.yaml
// ---------------------------------------------------------------------------------------------------------------

interface AzureYaml {
  name: string;
  infra: { provider: string; path: string; module: string };
  services: Record<
    string,
    {
      project: string;
      language: string;
      host: string;
      dist?: string;
      hooks?: Record<string, Record<string, { shell: string; run: string }>>;
    }
  >;
}

describe('azure.yaml', () => {
  const azure = parseYaml(readFileSync(path.join(ROOT, 'azure.yaml'), 'utf8')) as AzureYaml;
  const rootScripts = (
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;

  it('points azd at infra/main.bicep and at the API and tab projects', () => {
    expect(existsSync(path.join(ROOT, azure.infra.path, `${azure.infra.module}.bicep`))).toBe(true);
    expect(azure.services.api).toMatchObject({ host: 'function' });
    expect(azure.services.web).toMatchObject({ host: 'staticwebapp', dist: 'dist' });
    for (const service of Object.values(azure.services)) {
      expect(existsSync(path.join(ROOT, service.project, 'package.json'))).toBe(true);
    }
  });

  it('has, for every service, a resource tagged azd-service-name with its name', () => {
    const tagged = new Set<string>();
    for (const model of templates.values()) {
      const visit = (node: Parser.SyntaxNode): void => {
        if (node.type === 'object') {
          const value = objectProperties(node).get('azd-service-name');
          const literal = value ? stringLiteral(value) : null;
          if (literal) tagged.add(literal);
        }
        for (const child of node.namedChildren) visit(child);
      };
      visit(model.tree.rootNode);
    }
    expect([...tagged].sort()).toEqual(Object.keys(azure.services).sort());
  });

  it('runs only npm scripts that exist, from the repository root', () => {
    for (const [serviceName, service] of Object.entries(azure.services)) {
      for (const [hook, shells] of Object.entries(service.hooks ?? {})) {
        for (const [os, { run }] of Object.entries(shells)) {
          const where = `${serviceName}.${hook}.${os}`;
          // Service hooks run in the service's folder; Candor's scripts live at the root.
          expect({ where, fromRoot: run.trimStart().startsWith('cd ..') }).toEqual({ where, fromRoot: true });
          for (const match of run.matchAll(/npm run ([\w:-]+)(?: -w (\w+))?/g)) {
            const [, script, workspace] = match;
            const scripts = workspace
              ? (
                  JSON.parse(readFileSync(path.join(ROOT, workspace, 'package.json'), 'utf8')) as {
                    scripts: Record<string, string>;
                  }
                ).scripts
              : rootScripts;
            expect({ where, script, exists: script! in scripts }).toEqual({ where, script, exists: true });
          }
        }
      }
    }
  });
});
