// The import source rides in the preview card's Confirm data as JSON; read back with care, since a
// card can be old or forged. Parsed at the edge, so the use cases get a typed source.
import type { DirectoryImportSource, ScheduleImportSource } from '../usecases/adminImports';

export function scheduleSourceOf(value: unknown): ScheduleImportSource | undefined {
  const source = parseJson(value) as Partial<ScheduleImportSource> | undefined;
  if (source?.kind === 'text' && typeof source.text === 'string') return { kind: 'text', text: source.text };
  if (source?.kind === 'file' && typeof source.url === 'string' && typeof source.name === 'string') return { kind: 'file', url: source.url, name: source.name, format: source.format === 'csv' ? 'csv' : 'text' };
  return undefined;
}

export function directorySourceOf(value: unknown): DirectoryImportSource | undefined {
  const source = parseJson(value) as Partial<DirectoryImportSource> | undefined;
  if (source?.kind === 'roster') return { kind: 'roster' };
  if (source?.kind === 'file' && typeof source.url === 'string' && typeof source.name === 'string') return { kind: 'file', url: source.url, name: source.name };
  return undefined;
}

export function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
