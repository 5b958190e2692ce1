// The tab's REST API, /api/v1 (DESIGN.md): a file per resource. Routes are thin: authenticate,
// parse the request with its shared/api schema, call the use case, present the result. Every query
// runs in the caller's organisation (the Actor's), so an id from another organisation is not found.
import type { Server } from 'restify';
import { registerCheckInRoutes } from './checkIns';
import { registerCycleRoutes } from './cycles';
import { registerMeRoutes } from './me';
import { registerPraiseRoutes } from './praise';
import { registerRockRoutes } from './rocks';
import { createApiRouter, type ApiDependencies } from './route';
import { registerTeamRoutes } from './team';
import { registerThreadRoutes } from './threads';
import { registerPolicyRoutes } from './policy';
import { registerGrowthRoutes } from './growth';
import { registerPeopleRoutes } from './people';
import { registerGroupSessionRoutes } from './groupSessions';
import { registerYearReviewViewRoutes } from './yearReviewView';
import { registerFeedbackRequestRoutes } from './feedbackRequests';
import { registerImpactReviewRoutes } from './impactReviews';
import { registerEndOfYearReviewRoutes } from './endOfYearReviews';
import { registerYearReviewListRoutes } from './yearReviews';
import { registerTalentRoutes } from './talent';
import { registerSurveyRoutes } from './surveys';
import { registerCareerRoutes } from './career';
import { registerReportRoutes } from './reports';
import { registerProgressRoutes } from './progress';
import { registerRecordViewRoutes } from './recordViews';
import { registerDataExportRoutes } from './dataExport';
import { registerRetentionRoutes } from './retention';

export type { ApiDependencies } from './route';

export function registerApiRoutes(server: Server, deps: ApiDependencies): void {
  const router = createApiRouter(server, deps);
  registerMeRoutes(router);
  registerTeamRoutes(router);
  registerRockRoutes(router);
  registerCheckInRoutes(router);
  registerThreadRoutes(router);
  registerPraiseRoutes(router);
  registerPolicyRoutes(router);
  registerGrowthRoutes(router);
  registerPeopleRoutes(router);
  registerCycleRoutes(router);
  registerGroupSessionRoutes(router);
  registerYearReviewViewRoutes(router);
  registerFeedbackRequestRoutes(router);
  registerImpactReviewRoutes(router);
  registerEndOfYearReviewRoutes(router);
  registerYearReviewListRoutes(router);
  registerTalentRoutes(router);
  registerSurveyRoutes(router);
  registerCareerRoutes(router);
  registerReportRoutes(router);
  registerProgressRoutes(router);
  registerRecordViewRoutes(router);
  registerDataExportRoutes(router);
  registerRetentionRoutes(router);
}
