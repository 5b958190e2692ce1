// Where the database time goes: with DB_PROFILE_MS set, every command the driver sends is timed
// (command monitoring) and grouped by command, collection and the keys of its filter; every
// DB_PROFILE_MS the groups are logged, slowest total first, and the counts start again.
// For operators chasing a slow deployment and for the benchmarks; off by default.
import type { MongoClient } from 'mongodb';
import type { Logger } from '../logger';

/** `find people {_id}`: the command, its collection and the sorted keys of its filter (never values). */
export function commandShape(commandName: string, command: Record<string, unknown>): string {
  const collection = typeof command[commandName] === 'string' ? (command[commandName] as string) : '';
  const keys = (filter: unknown) => (filter && typeof filter === 'object' ? Object.keys(filter as object).sort().join(',') : '');
  const first = (list: unknown) => (Array.isArray(list) ? (list[0] as Record<string, unknown> | undefined) : undefined);
  let filter: string | undefined;
  if (commandName === 'find' || commandName === 'count') filter = keys(command.filter ?? command.query);
  else if (commandName === 'update' || commandName === 'delete') filter = keys(first(command[`${commandName}s`])?.q);
  else if (commandName === 'findAndModify') filter = keys(command.query);
  else if (commandName === 'aggregate') filter = keys(first(command.pipeline)?.$match);
  else if (commandName === 'distinct') filter = keys(command.query);
  return filter === undefined ? `${commandName} ${collection}`.trim() : `${commandName} ${collection} {${filter}}`;
}

export interface CommandProfile {
  /** The groups so far, slowest total first; resets the counts. */
  take(): Array<{ command: string; calls: number; totalMs: number; meanMs: number; maxMs: number }>;
  stop(): void;
}

/** Times the client's commands. The client must have been created with `monitorCommands: true`. */
export function profileCommands(client: MongoClient, options: { logger?: Logger; intervalMs?: number } = {}): CommandProfile {
  const started = new Map<number, { shape: string; at: number }>();
  let totals = new Map<string, { calls: number; totalMs: number; maxMs: number }>();
  const onStart = (e: { requestId: number; commandName: string; command: unknown }) => {
    started.set(e.requestId, { shape: commandShape(e.commandName, e.command as Record<string, unknown>), at: performance.now() });
  };
  const onEnd = (e: { requestId: number }) => {
    const s = started.get(e.requestId);
    if (!s) return;
    started.delete(e.requestId);
    const ms = performance.now() - s.at;
    const t = totals.get(s.shape) ?? { calls: 0, totalMs: 0, maxMs: 0 };
    t.calls += 1;
    t.totalMs += ms;
    t.maxMs = Math.max(t.maxMs, ms);
    totals.set(s.shape, t);
  };
  client.on('commandStarted', onStart);
  client.on('commandSucceeded', onEnd);
  client.on('commandFailed', onEnd);
  const round = (n: number) => Math.round(n * 10) / 10;
  const profile: CommandProfile = {
    take() {
      const rows = [...totals].map(([command, t]) => ({ command, calls: t.calls, totalMs: round(t.totalMs), meanMs: round(t.totalMs / t.calls), maxMs: round(t.maxMs) }));
      totals = new Map();
      return rows.sort((a, b) => b.totalMs - a.totalMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      client.off('commandStarted', onStart);
      client.off('commandSucceeded', onEnd);
      client.off('commandFailed', onEnd);
    },
  };
  const { logger, intervalMs } = options;
  const timer = logger && intervalMs ? setInterval(() => {
    const rows = profile.take().slice(0, 12);
    if (rows.length > 0) logger.info({ intervalMs, commands: rows.map((r) => `${r.totalMs}ms ${r.calls}x mean ${r.meanMs} max ${r.maxMs} ${r.command}`) }, 'database command profile');
  }, intervalMs) : undefined;
  timer?.unref();
  return profile;
}
