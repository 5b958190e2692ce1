import { createRateAwareSender } from '../../../bot/delivery/sender';
import { createManualClock } from './manualClock';

/** An error shaped like botbuilder's RestError. */
function httpError(status: number, headers: Record<string, string> = {}, code?: string): Error {
  return Object.assign(new Error(`HTTP ${status}`), {
    statusCode: status,
    code,
    response: {
      status,
      headers: { get: (n: string) => headers[n.toLowerCase()] },
      bodyAsText: code ? JSON.stringify({ error: { code, message: 'x' } }) : '',
    },
  });
}

/** An attempt that fails with the given errors in turn, then succeeds. */
function scripted(...failures: Error[]) {
  const calls: number[] = [];
  let n = 0;
  return {
    calls,
    attempt: (clock: { now(): number }) => async () => {
      calls.push(clock.now());
      const failure = failures[n++];
      if (failure) throw failure;
      return 'activity-id';
    },
  };
}

describe('rate-aware sender', () => {
  it('returns the value and counts one attempt when the first try works', async () => {
    const clock = createManualClock();
    const sender = createRateAwareSender({ clock });
    const result = await sender.send('a:1', async () => 'id-1');
    expect(result).toEqual({ ok: true, value: 'id-1', attempts: 1, throttled: 0 });
    expect(sender.counters()).toMatchObject({ sent: 1, attempts: 1, retried: 0, inFlight: 0 });
  });

  it('on a 429 pauses every sender for Retry-After, then retries', async () => {
    const clock = createManualClock();
    const sender = createRateAwareSender({ clock, tenantRps: 100, utilisation: 1, burst: 10 });
    const throttledOnce = scripted(httpError(429, { 'retry-after': '2' }));
    const start = clock.now();
    const first = sender.send('a:1', throttledOnce.attempt(clock));
    await clock.advance(0);
    // Another conversation, untouched by the 429, still has to wait for the pause.
    const bystanderAt: number[] = [];
    const bystander = sender.send('a:2', async () => {
      bystanderAt.push(clock.now());
      return 'ok';
    });
    await clock.advance(5_000);
    await expect(first).resolves.toMatchObject({ ok: true, attempts: 2, throttled: 1 });
    await expect(bystander).resolves.toMatchObject({ ok: true });
    expect(throttledOnce.calls[1]! - start).toBeGreaterThanOrEqual(2_000);
    expect(bystanderAt[0]! - start).toBeGreaterThanOrEqual(2_000);
    expect(sender.counters()).toMatchObject({ sent: 2, throttled: 1, retried: 1, failed: 0 });
    expect(sender.bucket.stats().currentRatePerSecond).toBeLessThan(100);
  });

  it('backs off alone on a 502 and succeeds', async () => {
    const clock = createManualClock();
    const sender = createRateAwareSender({ clock, backoff: { random: () => 0.5 } });
    const flaky = scripted(httpError(502), httpError(504));
    const result = sender.send('a:1', flaky.attempt(clock));
    await clock.runAll();
    await expect(result).resolves.toMatchObject({ ok: true, attempts: 3, throttled: 0 });
    // 250 ms (attempt 1: half of 500) then 500 ms (attempt 2: half of 1000).
    expect(flaky.calls[1]! - flaky.calls[0]!).toBeGreaterThanOrEqual(250);
    expect(flaky.calls[2]! - flaky.calls[1]!).toBeGreaterThanOrEqual(500);
    expect(sender.bucket.stats().pausedForMs).toBe(0);
  });

  it('reports a blocked user after one try', async () => {
    const clock = createManualClock();
    const sender = createRateAwareSender({ clock });
    const blocked = scripted(httpError(403, {}, 'MessageWritesBlocked'), httpError(403, {}, 'MessageWritesBlocked'));
    const result = await sender.send('a:1', blocked.attempt(clock));
    expect(result).toEqual({ ok: false, blocked: true, status: 403, code: 'MessageWritesBlocked', attempts: 1 });
    expect(blocked.calls).toHaveLength(1);
    expect(sender.counters()).toMatchObject({ blocked: 1, sent: 0, failed: 0 });
  });

  it('gives up after maxAttempts and hands back the last error', async () => {
    const clock = createManualClock();
    const sender = createRateAwareSender({ clock, maxAttempts: 3 });
    const down = scripted(httpError(503), httpError(503), httpError(503), httpError(503));
    const result = sender.send('a:1', down.attempt(clock));
    await clock.runAll();
    const settled = await result;
    expect(settled).toMatchObject({ ok: false, blocked: false, status: 503, attempts: 3 });
    expect(down.calls).toHaveLength(3);
    expect(sender.counters()).toMatchObject({ failed: 1, retried: 2, attempts: 3 });
  });

  it('does not retry a fatal error', async () => {
    const clock = createManualClock();
    const sender = createRateAwareSender({ clock });
    const bad = scripted(httpError(400));
    await expect(sender.send('a:1', bad.attempt(clock))).resolves.toMatchObject({ ok: false, blocked: false, attempts: 1 });
  });

  it('keeps one conversation inside 7 per second even with many messages queued for it', async () => {
    const clock = createManualClock();
    const sender = createRateAwareSender({ clock, tenantRps: 1_000 });
    const at: number[] = [];
    const all = Array.from({ length: 20 }, (_, i) =>
      sender.send('a:1', async () => {
        at.push(clock.now());
        return i;
      }),
    );
    await clock.runAll();
    const results = await Promise.all(all);
    expect(results.map((r) => (r.ok ? r.value : -1))).toEqual(Array.from({ length: 20 }, (_, i) => i));
    for (let i = 7; i < at.length; i += 1) expect(at[i]! - at[i - 7]!).toBeGreaterThanOrEqual(1_000);
  });

  it('paces the tenant near its limit but never over it in any second', async () => {
    const clock = createManualClock();
    const sender = createRateAwareSender({ clock, tenantRps: 50 });
    const at: number[] = [];
    const all = Array.from({ length: 200 }, (_, i) =>
      sender.send(`a:${i}`, async () => {
        at.push(clock.now());
        return i;
      }),
    );
    await clock.runAll();
    await Promise.all(all);
    // Teams counts any 1 s: the 51st call of any run of 51 starts over a second after the first.
    for (let i = 50; i < at.length; i += 1) expect(at[i]! - at[i - 50]!).toBeGreaterThan(1_000);
    // And the pace is at least 0.97 of the limit (a fan-out of 10,000 takes under 3.5 minutes).
    expect(at.length / ((at[at.length - 1]! - at[0]!) / 1000)).toBeGreaterThanOrEqual(0.97 * 50);
  });

  it('shares the limit: a worker given half of it sends at half the pace', async () => {
    const clock = createManualClock();
    const sender = createRateAwareSender({ clock, tenantRps: 50 });
    sender.setShare(0.5);
    const at: number[] = [];
    const all = Array.from({ length: 100 }, (_, i) =>
      sender.send(`a:${i}`, async () => {
        at.push(clock.now());
        return i;
      }),
    );
    await clock.runAll();
    await Promise.all(all);
    for (let i = 25; i < at.length; i += 1) expect(at[i]! - at[i - 25]!).toBeGreaterThan(1_000);
    expect(at.length / ((at[at.length - 1]! - at[0]!) / 1000)).toBeGreaterThanOrEqual(0.97 * 25);
  });
});
