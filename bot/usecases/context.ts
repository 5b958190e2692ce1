import type { Repositories } from '../data/db';
import type { Logger } from '../logger';

/** What every use case gets: the repositories, a clock tests can set, and a logger. */
export interface UseCaseContext {
  repos: Repositories;
  now: () => Date;
  logger: Logger;
}
