// HTTP helpers for the benchmarks that talk to the real server: a plain POST over a given agent
// (no fetch: its pool hides how many sockets are open) and the wait for `/readyz`.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { VERBS } from '../../shared/verbs';
import { BENCH_TENANT, conversationIdOf, entraObjectId, sleep, teamsUserId, type ServerProcess } from './common';

/** Person i's check-in submit for an event, as Teams posts an Action.Execute from the card. */
export function submitInvoke(i: number, serviceUrl: string, eventId: string) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: teamsUserId(i), aadObjectId: entraObjectId(i), name: `Staff Member ${i}` },
    recipient: { id: '28:bench-bot', name: 'Professional Growth' },
    conversation: { id: conversationIdOf(i), conversationType: 'personal', tenantId: BENCH_TENANT },
    channelData: { tenant: { id: BENCH_TENANT } },
    value: {
      action: {
        type: 'Action.Execute',
        verb: VERBS.submitCheckIn,
        data: { eventId, www: `Benchmark check-in ${i}: the Year 9 trip went smoothly`, score: String(1 + (i % 10)) },
      },
      trigger: 'manual',
    },
  };
}

/** The card a stored submit answers with says so. */
export const SUBMIT_STORED = /check-in is in/;

/** Fails with "timeout" after `timeoutMs` without an answer, so a stuck server ends a run as errors, not a hang. */
export function post(agent: http.Agent, port: number, path: string, body: string, timeoutMs = 30_000): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** One GET, its status (0 when nothing answers); never throws. */
export function getStatus(port: number, path: string, timeoutMs = 2_000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/**
 * Polls `/readyz` every `pollMs` until it answers 200; returns when it did (performance.now()).
 * Throws when the process exits first or the timeout passes.
 */
export async function waitForReady(port: number, server: ServerProcess, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<number> {
  const deadline = performance.now() + (options.timeoutMs ?? 60_000);
  const pollMs = options.pollMs ?? 200;
  while (performance.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`server exited (${server.child.exitCode ?? server.child.signalCode}) before it was ready`);
    if ((await getStatus(port, '/readyz')) === 200) return performance.now();
    await sleep(pollMs);
  }
  throw new Error(`server did not become ready within ${options.timeoutMs ?? 60_000} ms`);
}
