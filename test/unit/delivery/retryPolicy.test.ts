import { RestError } from '@azure/core-rest-pipeline';
import {
  backoffDelay,
  classifyError,
  classifyFailure,
  failureDetailsOf,
  parseRetryAfter,
} from '../../../bot/delivery/retryPolicy';

const noHeaders = undefined;
const maxRandom = () => 0.999999;

describe('backoff', () => {
  it('grows exponentially from 500 ms and is capped at 30 s (full jitter upper bound)', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, { random: maxRandom }));
    expect(ceilings).toEqual([499, 999, 1_999, 3_999, 7_999, 15_999, 29_999, 29_999]);
  });

  it('is spread over [0, ceiling): full jitter', () => {
    expect(backoffDelay(3, { random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { random: () => 0.5 })).toBe(1_000);
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds, fractional seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-05T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('0.25', now)).toBe(250);
    expect(parseRetryAfter('Mon, 05 Jan 2026 10:00:07 GMT', now)).toBe(7_000);
    expect(parseRetryAfter('Mon, 05 Jan 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('classifyFailure', () => {
  it.each([429, 412, 502, 504, 503, 500, 408])('retries %i', (status) => {
    expect(classifyFailure(status, noHeaders, undefined, 1)).toMatchObject({ kind: 'retry' });
  });

  it.each([400, 401, 405, 413, 501])('gives up on %i', (status) => {
    expect(classifyFailure(status, noHeaders, undefined, 1)).toEqual({ kind: 'fatal' });
  });

  it('honours Retry-After on a 429 instead of the backoff, and marks it throttled', () => {
    expect(classifyFailure(429, { 'Retry-After': '3' }, undefined, 1, { random: () => 0 })).toEqual({
      kind: 'retry',
      delayMs: 3_000,
      throttled: true,
    });
    expect(classifyFailure(429, new Map([['retry-after', '2']]), undefined, 5)).toMatchObject({ delayMs: 2_000 });
  });

  it('backs off with jitter when no Retry-After is given', () => {
    expect(classifyFailure(502, noHeaders, undefined, 3, { random: () => 0.5 })).toEqual({
      kind: 'retry',
      delayMs: 1_000,
      throttled: false,
    });
  });

  it('clamps an absurd Retry-After', () => {
    expect(classifyFailure(429, { 'retry-after': '86400' }, undefined, 1)).toMatchObject({ delayMs: 300_000 });
  });

  it('reports a user who blocked the bot, with the code, and never retries it', () => {
    const body = JSON.stringify({ error: { code: 'MessageWritesBlocked', message: 'Thread is blocked' } });
    expect(classifyFailure(403, noHeaders, body, 1)).toEqual({ kind: 'blocked', status: 403, code: 'MessageWritesBlocked' });
    expect(classifyFailure(403, noHeaders, undefined, 1)).toEqual({ kind: 'blocked', status: 403, code: undefined });
  });

  it('treats a vanished conversation as blocked but any other 404 as our bug', () => {
    expect(classifyFailure(404, noHeaders, { error: { code: 'ConversationNotFound' } }, 1)).toMatchObject({ kind: 'blocked' });
    expect(classifyFailure(404, noHeaders, { error: { code: 'NotFound' } }, 1)).toEqual({ kind: 'fatal' });
  });
});

describe('errors thrown by botbuilder (RestError from @azure/core-client)', () => {
  function restError(status: number, headers: Record<string, string>, body: unknown): RestError {
    const bodyAsText = JSON.stringify(body);
    const response = {
      status,
      headers: { get: (name: string) => headers[name.toLowerCase()] },
      bodyAsText,
      parsedBody: body,
      request: {},
    };
    const code = (body as { error?: { code?: string } }).error?.code;
    return new RestError('failed', { statusCode: status, code, response: response as never });
  }

  it('reads status, Retry-After and the error code from the RestError', () => {
    const err = restError(429, { 'retry-after': '1' }, { error: { code: 'Throttled', message: 'slow down' } });
    expect(failureDetailsOf(err)).toMatchObject({ status: 429 });
    expect(classifyError(err, 1)).toEqual({ kind: 'retry', delayMs: 1_000, throttled: true });
    const blocked = restError(403, {}, { error: { code: 'MessageWritesBlocked', message: 'blocked' } });
    expect(classifyError(blocked, 1)).toEqual({ kind: 'blocked', status: 403, code: 'MessageWritesBlocked' });
  });

  it('retries a connection that never got an answer', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(classifyError(refused, 1, { random: () => 0.5 })).toEqual({ kind: 'retry', delayMs: 250, throttled: false });
    const sendError = new RestError('socket hang up', { code: RestError.REQUEST_SEND_ERROR });
    expect(classifyError(sendError, 2)).toMatchObject({ kind: 'retry' });
  });

  it('gives up on an error that is not about HTTP at all', () => {
    expect(classifyError(new TypeError('card builder bug'), 1)).toEqual({ kind: 'fatal' });
  });
});
