// The import source rides in the preview card's Confirm data as JSON; read back with care, since a
// card can be old or forged. Parsed at the edge, so the use cases get a typed source.
import type { DirectoryImportSource, ScheduleImportSource } from '../usecases/adminImports';
import type { NextCycleSource } from '../usecases/nextCycle';

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

/** The next cycle's source from a card: the Confirm's JSON `source`, or the choices card's sourceKind and inputs. */
export function nextCycleSourceOf(data: Record<string, unknown>): NextCycleSource | undefined {
  const fromJson = parseJson(data.source) as { kind?: unknown; packId?: unknown; table?: unknown } | undefined;
  const kind = fromJson ? fromJson.kind : data.sourceKind;
  if (kind === 'roll-forward') return { kind: 'roll-forward' };
  const packId = fromJson ? fromJson.packId : data.packId;
  if (kind === 'pack' && typeof packId === 'string' && packId) return { kind: 'pack', packId };
  if (kind !== 'table') return undefined;
  const table = fromJson ? scheduleSourceOf(JSON.stringify(fromJson.table)) : typeof data.table === 'string' ? ({ kind: 'text', text: data.table } as const) : undefined;
  return table ? { kind: 'table', table } : undefined;
}
