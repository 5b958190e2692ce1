// The Teams edge's one translation of failures: a domain error says what to do; anything else shows
// an error id that is also in the log, so support can find what happened.
import { Writable } from 'node:stream';
import pino from 'pino';
import { FileFetchError } from '../../../bot/admin/fileDownload';
import { errorCard, errorText } from '../../../bot/teams/errors';
import { DomainError } from '../../../bot/usecases/errors';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const textOf = (card: unknown) => JSON.stringify(card);

describe('the Teams edge error translation', () => {
  it('shows the error id of an unexpected failure, and logs the same id with the error', async () => {
    const { logger, lines } = capturingLogger();
    const card = errorCard(new Error('connection reset by peer'), logger, { verb: 'checkIn.submit' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    const errorId = String(lines[0]!.errorId);
    expect(errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(lines[0]).toMatchObject({ verb: 'checkIn.submit', err: expect.objectContaining({ message: 'connection reset by peer' }) });
    expect(textOf(card)).toContain(errorId);
    expect(textOf(card)).toContain("That didn't work on our side");
    // Nothing internal reaches the person.
    expect(textOf(card)).not.toContain('connection reset');
  });

  it('says what a domain error says, without logging it as a failure', async () => {
    const { logger, lines } = capturingLogger();
    const card = errorCard(new DomainError('windowClosed'), logger, {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(textOf(card)).toContain('This check-in window has closed');
    expect(lines).toEqual([]);
  });

  it('answers someone not in the directory with the card that says how to be added', () => {
    const { logger } = capturingLogger();
    const card = errorCard(new DomainError('notInDirectory'), logger, {}, 'Sam Smith');
    expect(textOf(card)).toContain("You're not in the staff directory yet");
    expect(textOf(card)).toContain('Hello Sam');
  });

  it('gives the admin channel the same, as text', async () => {
    const { logger, lines } = capturingLogger();
    expect(errorText(new FileFetchError('Downloading staff.csv failed (HTTP 404).'), logger, {})).toBe('Downloading staff.csv failed (HTTP 404).');
    const text = errorText(new TypeError('undefined is not a function'), logger, { what: 'schedule' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(text).toContain(`quote error id ${String(lines[0]!.errorId)}`);
    expect(text).not.toContain('undefined is not a function');
  });
});
