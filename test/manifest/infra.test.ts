// No Bicep compiler can be installed on the project's machines, so infra/azure.bicep is checked by
// reading it: its app settings must be the server's configuration contract (bot/config.ts), the
// secrets must come from Key Vault, and the parameters file must fill every required parameter
// from values the environment files define.
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { configSchema } from '../../bot/config';

const ROOT = path.resolve(__dirname, '..', '..');
const bicep = fs.readFileSync(path.join(ROOT, 'infra', 'azure.bicep'), 'utf8');
const parametersFile = fs.readFileSync(path.join(ROOT, 'infra', 'azure.parameters.json'), 'utf8');
const configKeys = Object.keys(configSchema.shape);

/** Settings App Service itself reads, not the server. */
const PLATFORM_SETTINGS = ['SCM_DO_BUILD_DURING_DEPLOYMENT', 'WEBSITE_RUN_FROM_PACKAGE'];

/** Config keys deliberately left to their defaults in Azure, and why. A new key must be placed. */
const NOT_SET_IN_AZURE: Record<string, string> = {
  AAD_AUTHORITY_HOST: 'public cloud default; tests point it at a local stand-in',
  GRAPH_BASE_URL: 'public cloud default; tests point it at a local stand-in',
  BOT_OPENID_METADATA_URL: 'public cloud default (botbuilder); tests point it at a closed port',
  DIRECTORY_FILE: 'the directory is imported with the bot command, not from a file on the server',
  DIRECTORY_ORGANISATION_ID: 'only used with DIRECTORY_FILE or DEMO in local development',
  PGTEAMS_CLOCK: 'development and tests only; refused in production',
  DEMO: 'local development only (npm start); refused in production',
  SCHEDULER_INTERVAL_MS: 'the default (30 s) suits production',
  SENDER_CONCURRENCY: 'the default suits the Teams rate limit',
  DB_PROFILE_MS: 'off by default; an operator turns the database command profile on while investigating',
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: 'the default (10 s) suits production; tests of a database outage shorten it',
};

/** The contract named in the deployment issue: the settings Azure must provide. */
const REQUIRED_IN_AZURE = [
  'NODE_ENV', 'PORT', 'LOG_LEVEL', 'ROLE', 'MONGODB_URI', 'MONGODB_DB', 'BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE',
  'BOT_TENANT_ID', 'AAD_APP_CLIENT_ID', 'AAD_APP_CLIENT_SECRET', 'AAD_APP_TENANT_ID', 'PUBLIC_URL', 'TEAMS_APP_ID',
  'AUTH_MODE', 'DEFAULT_POLICY', 'TENANT_RATE_LIMIT_RPS',
];

const SECRETS = ['BOT_PASSWORD', 'AAD_APP_CLIENT_SECRET', 'MONGODB_URI'];

interface BicepParam {
  name: string;
  type: string;
  defaultValue?: string;
  secure: boolean;
  allowed?: string[];
}

/** `param name type [= default]` with the decorators above it. */
function parseParams(source: string): Map<string, BicepParam> {
  const params = new Map<string, BicepParam>();
  const lines = source.split('\n');
  lines.forEach((line, index) => {
    const match = /^param (\w+) (\w+)(?: = (.+))?$/.exec(line.trim());
    if (!match) return;
    let decorators = '';
    for (let i = index - 1; i >= 0 && !/^\s*$/.test(lines[i]!) && !lines[i]!.startsWith('param '); i--) decorators = `${lines[i]}\n${decorators}`;
    const allowed = /@allowed\(\[([\s\S]*?)\]\)/.exec(decorators)?.[1];
    params.set(match[1]!, {
      name: match[1]!,
      type: match[2]!,
      defaultValue: match[3],
      secure: decorators.includes('@secure()'),
      allowed: allowed ? [...allowed.matchAll(/'([^']*)'/g)].map((m) => m[1]!) : undefined,
    });
  });
  return params;
}

/** The web app's `appSettings: [ { name: 'X' value: <expr> } ... ]`, in order. */
function parseAppSettings(source: string): { name: string; value: string }[] {
  const start = source.indexOf('appSettings: [');
  expect(start).toBeGreaterThan(0);
  const end = source.indexOf('\n      ]', start);
  const block = source.slice(start, end);
  return [...block.matchAll(/name: '([A-Z0-9_]+)'\s*\n\s*value: (.+)/g)].map((m) => ({ name: m[1]!, value: m[2]!.trim() }));
}

function readEnv(file: string): Record<string, string> {
  return parseEnv(fs.readFileSync(path.join(ROOT, 'env', file), 'utf8')) as Record<string, string>;
}

const params = parseParams(bicep);
const appSettings = parseAppSettings(bicep);
const settingNames = appSettings.map((s) => s.name);
const parameterValues = (JSON.parse(parametersFile) as { parameters: Record<string, { value: unknown }> }).parameters;
const devEnv = { ...readEnv('.env.dev.example'), ...readEnv('.env.dev.user.example') };

describe('web app settings are the server configuration contract (bot/config.ts)', () => {
  test('configSchema exposes its keys', () => {
    expect(configKeys).toEqual(expect.arrayContaining(['MONGODB_URI', 'BOT_ID', 'PUBLIC_URL']));
  });

  test('every app setting is a key the server reads (or an App Service platform setting)', () => {
    expect(settingNames.filter((name) => !configKeys.includes(name) && !PLATFORM_SETTINGS.includes(name))).toEqual([]);
  });

  test('every config key is set in Azure or deliberately left to its default', () => {
    const unplaced = configKeys.filter((key) => !settingNames.includes(key) && !(key in NOT_SET_IN_AZURE));
    expect(unplaced).toEqual([]);
    expect(Object.keys(NOT_SET_IN_AZURE).filter((key) => !configKeys.includes(key))).toEqual([]);
  });

  test('the settings named in the deployment contract are all present, once', () => {
    expect(settingNames).toEqual(expect.arrayContaining(REQUIRED_IN_AZURE));
    expect(new Set(settingNames).size).toBe(settingNames.length);
  });

  test.each(SECRETS)('%s is a Key Vault reference fed by a @secure() parameter', (name) => {
    const value = appSettings.find((s) => s.name === name)?.value ?? '';
    const secretResource = /^'@Microsoft\.KeyVault\(SecretUri=\$\{(\w+)\.properties\.secretUri\}\)'$/.exec(value)?.[1];
    expect(secretResource).toBeDefined();
    const secretBlock = new RegExp(`resource ${secretResource} 'Microsoft\\.KeyVault/vaults/secrets@[^']+' = \\{[\\s\\S]*?value: (\\w+)`).exec(bicep);
    expect(params.get(secretBlock?.[1] ?? '')?.secure).toBe(true);
  });

  test('with the dev example values the settings pass the server config schema in production', () => {
    const filledParameters = JSON.parse(
      parametersFile.replace(/\$\{\{(\w+)\}\}/g, (_whole, name: string) => devEnv[name] || `example-${name}`),
    ) as { parameters: Record<string, { value: string }> };
    const paramValue = (name: string): string => {
      const param = params.get(name);
      if (!param) throw new Error(`${name} is not a parameter`);
      const given = filledParameters.parameters[name]?.value;
      if (given !== undefined) return String(given);
      const literal = /^'(.*)'$/.exec(param.defaultValue ?? '')?.[1] ?? param.defaultValue;
      if (literal === 'tenant().tenantId') return '55555555-5555-4555-8555-555555555555';
      if (literal === undefined) throw new Error(`${name} has no value`);
      return literal;
    };
    const sampleSecret: Record<string, string> = { MONGODB_URI: 'mongodb+srv://user:secret@cluster.example.net/' };
    // Evaluates the few expression forms the settings use; anything else must be added here.
    const evaluate = (name: string, expr: string): string => {
      if (expr.startsWith("'@Microsoft.KeyVault(")) return sampleSecret[name] ?? 'secret-from-key-vault';
      let m = /^'(.*)'$/.exec(expr);
      if (m) return m[1]!.replace(/\$\{\w+\}/g, 'pgteams-mytrust01.azurewebsites.net');
      m = /^string\((\w+)\)$/.exec(expr);
      if (m) return paramValue(m[1]!);
      m = /^(\w+) == '([^']*)' \? '([^']*)' : '([^']*)'$/.exec(expr);
      if (m) return paramValue(m[1]!) === m[2] ? m[3]! : m[4]!;
      if (/^\w+$/.test(expr)) return paramValue(expr);
      throw new Error(`cannot evaluate ${name}: ${expr}`);
    };
    const env = Object.fromEntries(appSettings.map(({ name, value }) => [name, evaluate(name, value)]));
    const result = configSchema.safeParse(env);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.data).toMatchObject({ NODE_ENV: 'production', AUTH_MODE: 'teams', BOT_TYPE: 'SingleTenant', SCHEDULER: 'on' });
  });

  test('every value an @allowed parameter permits is one the server accepts', () => {
    for (const { name, value } of appSettings) {
      const allowed = params.get(value)?.allowed;
      if (!allowed) continue;
      const field = configSchema.shape[name as keyof typeof configSchema.shape];
      for (const option of allowed) expect({ name, option, ok: field.safeParse(option).success }).toEqual({ name, option, ok: true });
    }
  });
});

describe('web app, bot and vault', () => {
  test('Linux App Service on Node 20 LTS, HTTPS only, started with node dist/bot/main.js, health-checked', () => {
    expect(bicep).toMatch(/reserved: true/);
    expect(bicep).toMatch(/linuxFxVersion: 'NODE\|20-lts'/);
    expect(bicep).toMatch(/httpsOnly: true/);
    expect(bicep).toMatch(/appCommandLine: 'node (--disable-warning=DEP0111 )?dist\/bot\/main\.js'/);
    expect(bicep).toMatch(/healthCheckPath: '\/healthz'/);
  });

  test('Azure Bot posts to the web app\'s /api/messages over the Teams channel', () => {
    expect(bicep).toMatch(/'Microsoft\.BotService\/botServices@[\d-]+'/);
    expect(bicep).toMatch(/endpoint: 'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/);
    expect(bicep).toMatch(/channelName: 'MsTeamsChannel'/);
  });

  test('the web app reads the vault with its own identity, granted before it starts', () => {
    expect(bicep).toMatch(/keyVaultReferenceIdentity: identity\.id/);
    expect(bicep).toMatch(/enableRbacAuthorization: true/);
    expect(bicep).toMatch(/4633458b-17de-408a-b874-0445c86b69e6/); // Key Vault Secrets User
    expect(/dependsOn: \[\s*identityReadsSecrets\s*\]/.test(bicep)).toBe(true);
  });

  test('arm/deploy outputs the domains the manifest and app registration are filled from', () => {
    for (const output of ['AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'TAB_DOMAIN', 'TAB_ENDPOINT']) {
      expect(bicep).toMatch(new RegExp(`^output ${output} string = `, 'm'));
    }
  });
});

describe('infra/azure.parameters.json', () => {
  test('names only parameters the template declares', () => {
    expect(Object.keys(parameterValues).filter((name) => !params.has(name))).toEqual([]);
  });

  test('fills every parameter that has no default', () => {
    const required = [...params.values()].filter((p) => p.defaultValue === undefined).map((p) => p.name);
    expect(required.filter((name) => !(name in parameterValues))).toEqual([]);
  });

  test('every ${{VAR}} it uses is defined by the dev environment files', () => {
    const used = [...parametersFile.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]!);
    expect(used.filter((name) => !(name in devEnv))).toEqual([]);
  });

  test('secrets come from SECRET_* variables, which the Toolkit keeps in the .user file', () => {
    for (const param of params.values()) {
      if (!param.secure) continue;
      expect(JSON.stringify(parameterValues[param.name])).toMatch(/\$\{\{SECRET_\w+\}\}/);
    }
  });
});
