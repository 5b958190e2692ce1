// What a job handler gets and gives back. A handler reads what its job needs (indexed,
// organisation-scoped reads), builds the message and delivers it; the worker records the outcome.
import type { Organisation, OutboxJob, OutboxJobKind, OutboxPayload, ScheduleEvent } from '../../../shared/domain';
import type { ProactiveMessenger } from '../../delivery/messenger';
import type { RateAwareSender, SendResult } from '../../delivery/sender';
import type { Links } from '../../links';
import type { ActivityNotificationPayload } from '../../notifications/notify';
import type { UseCaseContext } from '../../usecases/context';

export type JobOutcome =
  | { kind: 'sent'; activityId?: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'blocked' }
  | { kind: 'retry'; error: string }
  | { kind: 'failed'; error: string }
  /** Not to be done now (the lease was lost, or the event moved later): nothing is recorded. */
  | { kind: 'wait'; reason: string };

/** The Teams activity feed (Microsoft Graph), behind its own rate-aware sender. */
export interface ActivityFeed {
  send(organisationId: string, recipientEntraObjectId: string, payload: ActivityNotificationPayload): Promise<SendResult<unknown>>;
}

/** What every handler may use, built once per worker. */
export interface JobServices {
  ctx: UseCaseContext;
  messenger: ProactiveMessenger;
  links: Links;
  activityFeed?: ActivityFeed;
  /** Reads an organisation's document and an event's at most once a second per worker (see worker.ts). */
  organisationAndEvent(organisationId: string, eventId: string): Promise<{ organisation: Organisation | null; event: ScheduleEvent | null }>;
}

/** One claimed job on its way out. */
export interface JobRun<K extends OutboxJobKind = OutboxJobKind> {
  job: OutboxJob;
  payload: OutboxPayload<K>;
  /** The organisation's sender (its tenant's limits). */
  sender: RateAwareSender;
  /** True while this worker may still start a call for the job (it renews the lease if need be). */
  holdsLease(): Promise<boolean>;
}

export type JobHandler<K extends OutboxJobKind = OutboxJobKind> = (services: JobServices, run: JobRun<K>) => Promise<JobOutcome>;
