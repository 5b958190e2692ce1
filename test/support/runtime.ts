// Runs the real server in-process on a database of its own, on a free port.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../bot/clock';
import { loadConfig, type Config } from '../../bot/config';
import { createLogger, type Logger } from '../../bot/logger';
import { startRuntime, type Runtime } from '../../bot/runtime';

export async function startTestRuntime(env: Record<string, string> = {}, options: { clock?: Clock; logger?: Logger } = {}): Promise<Runtime & { config: Config }> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set: run the tests with jest so the global setup starts FerretDB');
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    MONGODB_URI: uri,
    MONGODB_DB: `it_${randomUUID().slice(0, 8)}`,
    AUTH_MODE: 'dev',
    // Tests drive the scheduler and the sender themselves unless they ask for them.
    SCHEDULER: 'off',
    ...env,
  });
  const runtime = await startRuntime(config, { logger: options.logger ?? createLogger(config.LOG_LEVEL), clock: options.clock });
  const stop = runtime.stop.bind(runtime);
  return Object.assign(runtime, {
    async stop() {
      await runtime.db.dropDatabase().catch(() => undefined);
      await stop();
    },
  });
}
