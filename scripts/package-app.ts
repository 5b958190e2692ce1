// Builds the Teams app package for one environment, offline:
//   npm run package -- --env local|dev
// fills manifest/manifest.json's ${{NAME}} placeholders from env/.env.<env>, validates the result
// against the schema bundled in @microsoft/app-manifest, checks the icons and writes
// appPackage/build/appPackage.<env>.zip (manifest.json, color.png, outline.png at the root).
// The Agents Toolkit's teamsApp/zipAppPackage does the same during provision; this script lets CI
// and a trust's IT team build and check a package without the Toolkit or a network.
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import AdmZip from 'adm-zip';
import { AppManifestUtils, TeamsManifestConverter } from '@microsoft/app-manifest';

export const ROOT_DIR = path.resolve(__dirname, '..');
export const MANIFEST_DIR = path.join(ROOT_DIR, 'manifest');
export const ENV_DIR = path.join(ROOT_DIR, 'env');
export const BUILD_DIR = path.join(ROOT_DIR, 'appPackage', 'build');

/** Placeholders that may be present but empty (the production name has no suffix). */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
/** Teams: colour icon 192×192, outline icon 32×32 (white on transparent). */
const ICON_SIZES = { color: 192, outline: 32 } as const;

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Teams app package is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

/**
 * env/.env.<env>; for `local` only, env/.env.local.example when the real file does not exist, so
 * a fresh clone can package. Other environments must have real ids: no silent fallback.
 */
export function envFileFor(env: string, envDir = ENV_DIR): string {
  if (!/^[A-Za-z0-9_-]+$/.test(env)) throw new PackageError([`environment name "${env}" must be letters, digits, - or _`]);
  const real = path.join(envDir, `.env.${env}`);
  if (fs.existsSync(real)) return real;
  const example = `${real}.example`;
  if (env === 'local' && fs.existsSync(example)) return example;
  throw new PackageError([`${path.relative(ROOT_DIR, real)} does not exist (copy ${path.relative(ROOT_DIR, example)} and run provision)`]);
}

export function readEnvFile(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(file, 'utf8')))) values[key] = value ?? '';
  return values;
}

/** Replaces every ${{NAME}}; names with no value (or an empty one, unless allowed) are reported. */
export function fillPlaceholders(template: string, values: Record<string, string>): { text: string; unfilled: string[] } {
  const unfilled = new Set<string>();
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined || (value === '' && !MAY_BE_EMPTY.has(name))) {
      unfilled.add(name);
      return whole;
    }
    return value;
  });
  return { text, unfilled: [...unfilled].sort() };
}

/** The JSON schema for a manifest version, from the copy bundled in @microsoft/app-manifest. */
export function bundledSchema(manifestVersion: string): object {
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(packageDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(file)) throw new PackageError([`manifestVersion ${manifestVersion} has no schema bundled in @microsoft/app-manifest`]);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as object;
}

/** Schema errors for a filled manifest; empty when valid. Never touches the network. */
export async function validateManifest(manifestJson: string): Promise<string[]> {
  let manifest: ReturnType<typeof TeamsManifestConverter.jsonToManifest>;
  try {
    // Also checks the runtime shape against the package's generated types for this version.
    manifest = TeamsManifestConverter.jsonToManifest(manifestJson);
  } catch (error) {
    return [`manifest.json does not match its manifestVersion's types: ${(error as Error).message}`];
  }
  const schema = bundledSchema(String(manifest.manifestVersion)) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
  return (await AppManifestUtils.validateAgainstSchema(manifest, schema)).map((e) => `schema: ${e.trim()}`);
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export function checkIcons(icons: { color: string; outline: string }, dir = MANIFEST_DIR): string[] {
  const problems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const file = path.join(dir, icons[kind]);
    if (!fs.existsSync(file)) {
      problems.push(`icons.${kind}: ${icons[kind]} is missing from manifest/ (run node scripts/make-icons.js)`);
      continue;
    }
    const size = pngSize(fs.readFileSync(file));
    const want = ICON_SIZES[kind];
    if (!size) problems.push(`icons.${kind}: ${icons[kind]} is not a PNG`);
    else if (size.width !== want || size.height !== want) problems.push(`icons.${kind}: ${icons[kind]} is ${size.width}×${size.height}, Teams needs ${want}×${want}`);
  }
  return problems;
}

export interface PackageOptions {
  env: string;
  /** Defaults to envFileFor(env); tests pass each committed example. */
  envFile?: string;
  outDir?: string;
}

export interface PackageResult {
  zipPath: string;
  envFile: string;
  manifest: Record<string, unknown> & { validDomains?: string[] };
}

/** Fills, validates and zips; throws PackageError listing every problem found. */
export async function buildAppPackage({ env, envFile = envFileFor(env), outDir = BUILD_DIR }: PackageOptions): Promise<PackageResult> {
  const template = fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
  const { text, unfilled } = fillPlaceholders(template, readEnvFile(envFile));
  const where = path.relative(ROOT_DIR, envFile);
  if (unfilled.length) throw new PackageError(unfilled.map((name) => `\${{${name}}} has no value in ${where}`));

  const manifest = JSON.parse(text) as PackageResult['manifest'];
  // Locally one process serves the bot and the tab, so TAB_DOMAIN and BOT_DOMAIN are often equal.
  if (manifest.validDomains) manifest.validDomains = [...new Set(manifest.validDomains)];
  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;

  const problems = [
    ...(await validateManifest(manifestJson)),
    ...checkIcons(manifest.icons as { color: string; outline: string }),
  ];
  if (problems.length) throw new PackageError(problems.map((p) => `${p} (values from ${where})`));

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifestJson, 'utf8'));
  for (const icon of Object.values(manifest.icons as Record<string, string>)) {
    zip.addFile(icon, fs.readFileSync(path.join(MANIFEST_DIR, icon)));
  }
  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${env}.zip`);
  zip.writeZip(zipPath);
  return { zipPath, envFile, manifest };
}

function parseArgs(argv: string[]): { env: string } {
  const i = argv.indexOf('--env');
  const inline = argv.find((a) => a.startsWith('--env='));
  const env = inline ? inline.slice('--env='.length) : i >= 0 ? argv[i + 1] : undefined;
  if (!env) throw new PackageError(['usage: npm run package -- --env <local|dev>']);
  return { env };
}

if (require.main === module) {
  buildAppPackage(parseArgs(process.argv.slice(2)))
    .then(({ zipPath, envFile }) => {
      console.log(`wrote ${path.relative(ROOT_DIR, zipPath)} (values from ${path.relative(ROOT_DIR, envFile)})`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
