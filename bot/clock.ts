// The app's notion of "now". Production uses the system clock; development and tests can start
// it at a fixed instant (PGTEAMS_CLOCK) so a check-in window is open whenever they run.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that reads `start` at creation and then runs on in real time. */
export function clockStartingAt(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
