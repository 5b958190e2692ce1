// For the edges (HTTP API, Teams, outbox worker), which may not import bot/data: whether a
// failure is the database being out of reach, so they answer "try again shortly" (503 with
// Retry-After) or wait for it, instead of treating it as a bug (500) or a bad job.
export { isDatabaseUnavailable } from '../data/unavailable';

/** Seconds a client is asked to wait before trying again while the database is out of reach. */
export const RETRY_AFTER_SECONDS = 5;

/** What a person is told while the database is out of reach: nothing about why, nothing internal. */
export const UNAVAILABLE_TEXT = "Professional Growth can't reach its records just now. Please try again in a minute.";
