// Issue 16, PG admins only: GET /retention, the six-year rule's dry run (what goes, when, how many
// records of each kind, who is held); PUT/DELETE /retention/holds/:personId, a legal hold with a
// reason. Anyone else is refused (403) before anything is read or parsed.
import { DateTime } from 'luxon';
import { API_PREFIX, legalHoldBodySchema, retentionQuerySchema, type LegalHoldDto, type LegalHoldResponse, type RetentionPurgeDto, type RetentionReport } from '../../../shared/api';
import type { LegalHold, Person } from '../../../shared/domain';
import type { PersonalCounts } from '../../data/personalData';
import { hasLeft, invalidFields, type Actor } from '../../usecases/access';
import type { UseCaseContext } from '../../usecases/context';
import { liftLegalHold, putLegalHold, requireRetentionAdmin } from '../../usecases/legalHold';
import { leavingDateOf, retentionReportFor, type RetentionPlan, type RetentionPurge } from '../../usecases/retention';
import { param, parse, type ApiRouter } from './route';

/** What each collection holds, in a PG admin's words. */
const KINDS: Record<string, string> = {
  people: 'Directory entries',
  rocks: 'Rocks',
  checkIns: 'Check-ins',
  praise: 'Praise',
  pendingThanks: 'Unsent thanks',
  comments: 'Thread comments',
  conversationReferences: 'Teams conversations',
  outboxJobs: 'Messages queued or sent',
  decisions: 'Delivery and edit records',
  auditLog: 'Audit entries',
  policyVersions: 'Policy versions',
  growthRecords: 'Growth plans and logs',
  coachingGroups: 'Coaching groups',
  groupSessions: 'Group sessions',
  groupPosts: 'Group posts',
  groupReplies: 'Group replies',
  yearReviews: 'Year reviews',
  yearReviewRecords: 'Review reflections, statements and outcomes',
  feedbackRequests: '360 feedback',
  surveyResponses: 'Survey answers',
  careerConversations: 'Career conversations',
  careerComments: 'Career conversation comments',
  followUps: 'Career follow-ups',
  moderationNotes: 'Moderation notes',
  governorSamples: 'Governor samples',
  sampleApprovals: 'Governor sample approvals',
  recordViews: 'Record views',
  legalHolds: 'Legal holds',
};

function countsOf(counts: PersonalCounts): RetentionPurgeDto['counts'] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([collection, count]) => ({ kind: KINDS[collection] ?? collection, collection, count }));
}

function purgeDto(purge: RetentionPurge): RetentionPurgeDto {
  return { kind: purge.kind, label: purge.label, dueOn: purge.dueOn, counts: countsOf(purge.counts), total: purge.total };
}

function holdDto(hold: RetentionPlan['held'][number]): LegalHoldDto {
  return { personId: hold.personId, displayName: hold.displayName, reason: hold.reason, heldAt: hold.heldAt.toISOString(), heldBy: hold.heldBy };
}

/** The report as of `asOf` (a day, not before today): the end of that day in the organisation's zone. */
function asOfInstant(ctx: UseCaseContext, actor: Actor, asOf: string | undefined): Date {
  const zone = actor.organisation.policy.timezone;
  const now = ctx.now();
  if (!asOf) return now;
  const day = DateTime.fromISO(asOf, { zone });
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  if (day < today) throw invalidFields([{ path: 'asOf', message: 'use today or a later day: what has gone is gone' }]);
  if (day > today.plus({ years: 100 })) throw invalidFields([{ path: 'asOf', message: 'use a day within the next 100 years' }]);
  return day.endOf('day').toJSDate();
}

async function report(ctx: UseCaseContext, actor: Actor, asOf: Date): Promise<RetentionReport> {
  const { plan, people } = await retentionReportFor(ctx, actor, asOf);
  const held = new Set(plan.held.map((h) => h.personId));
  return {
    asOf: plan.asOf.toISOString(),
    years: plan.years,
    from: plan.from,
    due: plan.due.filter((p) => p.total > 0).map(purgeDto),
    upcoming: plan.upcoming.map(purgeDto),
    held: plan.held.map(holdDto),
    keptByHold: countsOf(plan.keptByHold),
    people: people.map((p) => ({ id: p.id, displayName: p.displayName, held: held.has(p.id), ...(hasLeft(p) ? { left: leavingDateOf(p, actor.organisation.policy.timezone)! } : {}) })),
  };
}

function storedHoldDto(hold: LegalHold, person: Person, actor: Actor): LegalHoldDto {
  return { personId: hold.personId, displayName: person.displayName, reason: hold.reason, heldAt: hold.heldAt.toISOString(), heldBy: hold.heldByPersonId === actor.person.id ? actor.person.displayName : 'Another administrator' };
}

export function registerRetentionRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    `${API_PREFIX}/retention`,
    authed(async ({ req, actor }) => {
      requireRetentionAdmin(actor);
      const query = parse(retentionQuerySchema, req.query);
      return { body: await report(ctx, actor, asOfInstant(ctx, actor, query.asOf)) };
    }),
  );
  server.put(
    `${API_PREFIX}/retention/holds/:personId`,
    authed(async ({ req, actor }) => {
      requireRetentionAdmin(actor);
      const body = parse(legalHoldBodySchema, req.body);
      const { hold, created, person } = await putLegalHold(ctx, actor, param(req, 'personId'), body.reason);
      const reply: LegalHoldResponse = { hold: storedHoldDto(hold, person, actor), created };
      return { status: created ? 201 : 200, body: reply };
    }),
  );
  server.del(
    `${API_PREFIX}/retention/holds/:personId`,
    authed(async ({ req, actor }) => {
      requireRetentionAdmin(actor);
      const body = parse(legalHoldBodySchema, req.body);
      const { lifted } = await liftLegalHold(ctx, actor, param(req, 'personId'), body.reason);
      const reply: LegalHoldResponse = { hold: null, lifted };
      return { body: reply };
    }),
  );
}
