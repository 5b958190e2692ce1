// The worker's activity-feed sender: outbox payloads become Graph notifications with a deep link.
import type { ActivityFeed } from '../outbox/worker';
import { feedNotification } from './activityNotification';
import type { GraphClient } from './graphClient';

export function createActivityFeed(graph: GraphClient, teamsAppId: string): ActivityFeed {
  return {
    // For Teams organisations the organisation id is the tenant id.
    send: (organisationId, recipientEntraObjectId, payload) =>
      graph.sendActivityNotification(organisationId, recipientEntraObjectId, feedNotification({ teamsAppId, ...payload })),
  };
}
