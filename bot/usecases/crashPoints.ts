// Named points between two writes where a test can make the server die as `kill -9` would, to
// show that what follows a stored check-in is completed after a restart. PGTEAMS_CRASH_AFTER names
// the point; it is ignored when NODE_ENV is production.
const crashAfter = process.env.NODE_ENV === 'production' ? undefined : process.env.PGTEAMS_CRASH_AFTER;

export type CrashPoint = 'checkIn.stored' | 'checkIn.praised' | 'checkIn.reviewerQueued' | 'checkIn.audited' | 'praise.stored';

export function crashPoint(point: CrashPoint): void {
  if (crashAfter === point) process.kill(process.pid, 'SIGKILL');
}
