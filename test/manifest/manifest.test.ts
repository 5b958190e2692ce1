// The Teams app package: every committed environment example packages into a zip whose manifest
// passes the schema bundled in @microsoft/app-manifest, and the manifest agrees with the code that
// depends on it (activity types, bot commands, SSO resource).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import AdmZip from 'adm-zip';
import { ACTIVITY_TYPES, ACTIVITY_TYPE_NAMES, templateParameters } from '../../manifest/activityTypes';
import { botCommands, homeTab, staticTabs } from '../../manifest/appManifest';
import {
  ENV_DIR,
  MANIFEST_DIR,
  PackageError,
  buildAppPackage,
  fillPlaceholders,
  pngSize,
  readEnvFile,
  validateManifest,
} from '../../scripts/package-app';

// @microsoft/app-manifest requires strip-bom, which is ESM only; jest on Node 20 cannot require ESM.
// It only strips a byte-order mark from files the package reads itself, which these tests never use.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeIcons } = require('../../scripts/make-icons.js') as { makeIcons: (dir: string) => void };

interface ActivityTypeDeclaration {
  type: string;
  description: string;
  templateText: string;
}

interface FilledManifest {
  id: string;
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
  activities: { activityTypes: ActivityTypeDeclaration[] };
  icons: { color: string; outline: string };
  staticTabs: { entityId: string }[];
}

const template = fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
const templateManifest = JSON.parse(template) as FilledManifest;

/** env/.env.<env>.example files: one per Agents Toolkit environment (secrets files excluded). */
const environmentExamples = fs
  .readdirSync(ENV_DIR)
  .map((file) => /^\.env\.([A-Za-z0-9_-]+)\.example$/.exec(file))
  .filter((match): match is RegExpExecArray => match !== null && !match[1]!.endsWith('.user'))
  .map((match) => ({ env: match[1]!, envFile: path.join(ENV_DIR, match[0]) }));

let outDir: string;
beforeAll(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgteams-package-'));
});
afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
});

test('there is an example for the local and dev environments', () => {
  expect(environmentExamples.map((e) => e.env).sort()).toEqual(expect.arrayContaining(['dev', 'local']));
});

describe.each(environmentExamples)('package for $env (from its committed example)', ({ env, envFile }) => {
  let zip: AdmZip;
  let manifestJson: string;
  let manifest: FilledManifest;

  beforeAll(async () => {
    const result = await buildAppPackage({ env, envFile, outDir });
    expect(result.zipPath).toBe(path.join(outDir, `appPackage.${env}.zip`));
    zip = new AdmZip(result.zipPath);
    manifestJson = zip.readAsText('manifest.json');
    manifest = JSON.parse(manifestJson) as FilledManifest;
  });

  test('holds manifest.json and both icons at the zip root, nothing else', () => {
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  test('has no unfilled placeholder', () => {
    expect(manifestJson).not.toMatch(/\$\{\{/);
  });

  test('passes the bundled schema for its manifestVersion', async () => {
    expect(await validateManifest(manifestJson)).toEqual([]);
  });

  test('icons in the zip are the sizes Teams requires', () => {
    expect(pngSize(zip.readFile('color.png')!)).toEqual({ width: 192, height: 192 });
    expect(pngSize(zip.readFile('outline.png')!)).toEqual({ width: 32, height: 32 });
  });

  test('SSO resource is api://<TAB_DOMAIN>/<AAD_APP_CLIENT_ID>, and the tab domain is a valid domain', () => {
    const values = readEnvFile(envFile);
    expect(manifest.webApplicationInfo).toEqual({
      id: values.AAD_APP_CLIENT_ID,
      resource: `api://${values.TAB_DOMAIN}/${values.AAD_APP_CLIENT_ID}`,
    });
    expect(manifest.validDomains).toEqual(expect.arrayContaining([values.TAB_DOMAIN, values.BOT_DOMAIN]));
    expect(new Set(manifest.validDomains).size).toBe(manifest.validDomains.length);
  });
});

describe('packaging fails loudly', () => {
  test('naming every placeholder the environment file leaves unfilled', async () => {
    const envFile = path.join(outDir, '.env.broken');
    const local = fs.readFileSync(path.join(ENV_DIR, '.env.local.example'), 'utf8');
    fs.writeFileSync(envFile, local.replace(/^BOT_ID=.*$/m, '').replace(/^TAB_DOMAIN=.*$/m, 'TAB_DOMAIN='));
    const failure = buildAppPackage({ env: 'broken', envFile, outDir });
    await expect(failure).rejects.toBeInstanceOf(PackageError);
    await expect(failure).rejects.toMatchObject({
      problems: [expect.stringContaining('${{BOT_ID}}'), expect.stringContaining('${{TAB_DOMAIN}}')],
    });
    expect(fs.existsSync(path.join(outDir, 'appPackage.broken.zip'))).toBe(false);
  });

  test('on a schema error', async () => {
    const { text } = fillPlaceholders(template, readEnvFile(path.join(ENV_DIR, '.env.local.example')));
    const manifest = JSON.parse(text) as Record<string, unknown> & { bots: { botId: string }[] };
    manifest.bots[0]!.botId = 'not-a-guid';
    manifest.accentColor = 'green';
    const errors = await validateManifest(JSON.stringify(manifest));
    expect(errors).toEqual(
      expect.arrayContaining([expect.stringContaining('/bots/0/botId'), expect.stringContaining('/accentColor')]),
    );
  });

  test('allows only APP_NAME_SUFFIX to be empty', () => {
    expect(fillPlaceholders('${{APP_NAME_SUFFIX}}|${{BOT_ID}}', { APP_NAME_SUFFIX: '', BOT_ID: '' })).toEqual({
      text: '|${{BOT_ID}}',
      unfilled: ['BOT_ID'],
    });
  });
});

describe('activity types', () => {
  const declared = templateManifest.activities.activityTypes;
  const parametersOf = (templateText: string) => [...templateText.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

  test('manifest declares exactly the types in manifest/activityTypes.ts', () => {
    expect(declared.map((a) => a.type).sort()).toEqual([...ACTIVITY_TYPE_NAMES].sort());
  });

  test.each(declared)('$type: templateText uses exactly the declared parameters', ({ type, templateText }) => {
    expect(ACTIVITY_TYPES).toHaveProperty(type);
    expect(parametersOf(templateText).sort()).toEqual([...ACTIVITY_TYPES[type as keyof typeof ACTIVITY_TYPES]].sort());
  });

  test('no template relies on {actor}, which is the app name for application-token sends', () => {
    for (const { templateText } of declared) expect(parametersOf(templateText)).not.toContain('actor');
  });

  test('templateParameters gives Graph name/value pairs in the declared order', () => {
    expect(templateParameters('rockAgreed', { rock: 'Reading for pleasure', reviewer: 'Sam', rockTerm: 'rock' })).toEqual([
      { name: 'reviewer', value: 'Sam' },
      { name: 'rockTerm', value: 'rock' },
      { name: 'rock', value: 'Reading for pleasure' },
    ]);
  });

  test('RSC TeamsActivity.Send.User lets the app notify users who installed it', () => {
    expect(templateManifest.authorization.permissions.resourceSpecific).toContainEqual({
      name: 'TeamsActivity.Send.User',
      type: 'Application',
    });
  });
});

describe('bot commands and tabs', () => {
  test('personal scope: the staff commands', () => {
    expect(botCommands('personal').map((c) => c.title)).toEqual(['check in', 'my rocks', 'praise', 'help', 'my plan', 'growth log']);
  });

  test('team scope: the PG administrator commands', () => {
    expect(botCommands('team').map((c) => c.title)).toEqual(
      expect.arrayContaining(['schedule', 'schedule import', 'directory import', 'status']),
    );
  });

  test('every command has a description and scope', () => {
    for (const command of botCommands()) {
      expect(command.description.length).toBeGreaterThan(0);
      expect(['personal', 'team']).toContain(command.scope);
    }
  });

  test('one personal tab, named as the app, whose own navigation picks the section (no second bar of tabs in Teams)', () => {
    expect(staticTabs()).toEqual([{ entityId: 'home', name: 'Professional Growth', route: '/' }]);
    expect(homeTab().entityId).toBe('home');
    expect(templateManifest.staticTabs.map((t) => t.entityId)).toEqual(['home', 'conversations', 'about']);
  });
});

describe('SSO app registration (infra/aad.manifest.json)', () => {
  const aad = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, '..', 'infra', 'aad.manifest.json'), 'utf8')) as {
    identifierUris: string[];
    api: {
      oauth2PermissionScopes: { value: string; id: string }[];
      preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
    };
    requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  };

  test('its identifier URI is the resource the manifest asks Teams for', () => {
    expect(aad.identifierUris).toEqual([templateManifest.webApplicationInfo.resource]);
  });

  test('pre-authorises the Teams desktop/mobile and web clients for access_as_user', () => {
    const scope = aad.api.oauth2PermissionScopes.find((s) => s.value === 'access_as_user');
    expect(scope).toBeDefined();
    expect(aad.api.preAuthorizedApplications).toEqual(
      expect.arrayContaining(
        ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'].map((appId) => ({
          appId,
          delegatedPermissionIds: [scope!.id],
        })),
      ),
    );
  });

  test('asks Graph for User.Read (delegated) and TeamsActivity.Send (application)', () => {
    const graph = aad.requiredResourceAccess.find((r) => r.resourceAppId === 'Microsoft Graph');
    expect(graph?.resourceAccess).toEqual(
      expect.arrayContaining([
        { id: 'User.Read', type: 'Scope' },
        { id: 'TeamsActivity.Send', type: 'Role' },
      ]),
    );
  });
});

/** Decodes an 8-bit RGBA, non-interlaced PNG into its raw pixels. */
function decodeRgbaPng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const size = pngSize(png);
  if (!size) throw new Error('not a PNG');
  if (png[24] !== 8 || png[25] !== 6 || png[28] !== 0) throw new Error('icons must be 8-bit RGBA, not interlaced');
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = size.width * 4;
  const rgba = Buffer.alloc(stride * size.height);
  for (let y = 0; y < size.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const byte = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, filter === 4 ? paeth() : 0][filter] ?? 0;
      rgba[y * stride + x] = (byte + predictor) & 0xff;
    }
  }
  return { ...size, rgba };
}

describe('icons', () => {
  const color = fs.readFileSync(path.join(MANIFEST_DIR, templateManifest.icons.color));
  const outline = fs.readFileSync(path.join(MANIFEST_DIR, templateManifest.icons.outline));

  test('outline is white on a transparent background', () => {
    const { rgba } = decodeRgbaPng(outline);
    const visible: string[] = [];
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] !== 0) visible.push(`${rgba[i]},${rgba[i + 1]},${rgba[i + 2]}`);
    }
    expect(visible.length).toBeGreaterThan(0);
    expect(new Set(visible)).toEqual(new Set(['255,255,255']));
    expect(rgba[3]).toBe(0); // the corner is background
  });

  test('colour icon is opaque and its background is the manifest accent colour', () => {
    const { rgba } = decodeRgbaPng(color);
    const accent = (JSON.parse(template) as { accentColor: string }).accentColor;
    const corner = `#${[rgba[0], rgba[1], rgba[2]].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
    expect(corner.toLowerCase()).toBe(accent.toLowerCase());
    const translucent = [...rgba].filter((value, i) => i % 4 === 3 && value !== 255);
    expect(translucent).toEqual([]);
  });

  test('committed icons are what scripts/make-icons.js draws', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgteams-icons-'));
    try {
      makeIcons(dir);
      expect(fs.readFileSync(path.join(dir, 'color.png')).equals(color)).toBe(true);
      expect(fs.readFileSync(path.join(dir, 'outline.png')).equals(outline)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
