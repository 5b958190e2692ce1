// Starts one real local database (FerretDB on PostgreSQL) for the whole test run (unless MONGODB_URI points at a database
// already). Each test file then works in a database of its own; see test/support/database.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startFerretDb } = require('../../scripts/ferretdb.js') as typeof import('../../scripts/ferretdb.js');

declare global {
  var __FERRETDB__: { stop: () => Promise<void>; dataDir: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgteams-test-db-'));
  const db = await startFerretDb({ dataDir });
  process.env.MONGODB_URI = db.uri;
  process.env.PGTEAMS_TEST_DB_STARTED = '1';
  globalThis.__FERRETDB__ = { stop: db.stop, dataDir };
}
