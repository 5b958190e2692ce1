// The server's one database handle: the composition root and the health probe get it from here,
// so the mongodb driver stays inside bot/data (lint-enforced, STYLE.md §3).
import { MongoClient, type Db } from 'mongodb';
import type { Logger } from '../logger';
import { profileCommands } from './commandProfile';
import { createRepositories, ensureIndexes, pingDatabase, type Repositories } from './db';

/** The database the repositories run on; tests and scripts reach collections through it. */
export type Database = Db;
/** A driver client a caller made itself (a benchmark that profiles its commands). */
export type DatabaseClient = MongoClient;

export interface DatabaseHandle {
  db: Database;
  repos: Repositories;
  /** Readiness: true when the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  uri: string;
  dbName: string;
  logger: Logger;
  /** Log the slowest command groups every this many ms (0: off). */
  profileMs?: number;
  /** Use this client instead of connecting one; it is not closed by close(). */
  client?: DatabaseClient;
  /** How long a command waits for an unreachable database before failing (default 10 s). */
  serverSelectionTimeoutMs?: number;
}

/** Connects, checks the database answers, ensures every declared index and builds the repositories. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const profileMs = options.profileMs ?? 0;
  // ignoreUndefined: an optional field left undefined in a filter or update is left out, not sent as null.
  const client =
    options.client ??
    new MongoClient(options.uri, { serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000, monitorCommands: profileMs > 0, ignoreUndefined: true, appName: 'professional-growth-for-teams' });
  await client.connect();
  const profile = profileMs > 0 ? profileCommands(client, { logger: options.logger, intervalMs: profileMs }) : undefined;
  const db = client.db(options.dbName);
  await db.command({ ping: 1 });
  await ensureIndexes(db);
  return {
    db,
    repos: createRepositories(db),
    ping: () => pingDatabase(db),
    async close() {
      profile?.stop();
      if (!options.client) await client.close();
    },
  };
}
