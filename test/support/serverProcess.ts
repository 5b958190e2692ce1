// The real server (bot/main.ts) as a process of its own, for tests that kill it (kill -9) or take
// its database away under it. node runs it directly (tsx as a loader), so a SIGKILL is its own death.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(__dirname, '../..');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Its log lines (JSON) and stderr, for a failing test to show. */
  log: string[];
  /** SIGTERM, and wait for it to exit. */
  stop(): Promise<void>;
}

/** Starts it with `env` (and PATH, NODE_ENV test, PORT 0, LOG_LEVEL info, AUTH_MODE dev) and waits until it logs that it listens (so LOG_LEVEL stays info or lower). */
export async function startServerProcess(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'info', AUTH_MODE: 'dev', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start in time: ${log.join('')}`));
    }, 60_000);
    void exited.then(() => reject(new Error(`the server exited before it was ready: ${log.join('')}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      log.push(line);
      const entry = parseLogLine(line);
      if (entry?.msg === 'listening' && typeof entry.port === 'number') {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function parseLogLine(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}
