// A person's reviewer and coach: GET shows them with the reviewer history and handovers; POST
// changes one with a reason (preview with dryRun). PG admins, or SMT leads of the person's school.
import { API_PREFIX, directorySearchQuerySchema, redelegationRequestSchema, type DirectorySearchResponse, type RedelegationResponse, type ReviewerRecordResponse } from '../../../shared/api';
import type { Person } from '../../../shared/domain';
import { DomainError } from '../../usecases/errors';
import { applyRedelegation, previewRedelegation, reviewerRecord, searchDirectory, type RedelegationPreview } from '../../usecases/redelegation';
import { personSummary } from './present';
import { param, parse, type ApiRouter } from './route';
import { FORMER_COLLEAGUE } from '../../../shared/domain';

const summary = (p: Person | null | undefined) => (p ? personSummary(p) : undefined);

function previewDto(preview: RedelegationPreview): RedelegationResponse['preview'] {
  return {
    person: personSummary(preview.person),
    role: preview.role,
    from: summary(preview.from),
    to: summary(preview.to),
    reason: preview.reason,
    school: preview.school,
    handoverWith: summary(preview.handoverWith),
    lines: preview.lines,
    digest: preview.digest,
  };
}

export function registerPeopleRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    `${API_PREFIX}/people`,
    authed(async ({ req, actor }) => {
      const { q } = parse(directorySearchQuerySchema, req.query);
      const matches = await searchDirectory(ctx, actor, q);
      const body: DirectorySearchResponse = {
        items: matches.map((m) => ({ person: { ...personSummary(m.person), email: m.person.email, school: m.person.school, roleCategory: m.person.roleCategory }, reviewer: summary(m.reviewer), canRedelegate: m.canRedelegate })),
      };
      return { body };
    }),
  );
  server.get(
    `${API_PREFIX}/people/:personId/reviewer`,
    authed(async ({ req, actor }) => {
      const record = await reviewerRecord(ctx, actor, param(req, 'personId'));
      const { person } = record;
      const named = (id: string | undefined, name: string | undefined) => (id ? { id, displayName: name ?? FORMER_COLLEAGUE } : undefined);
      const body: ReviewerRecordResponse = {
        person: { ...personSummary(person), school: person.school, roleCategory: person.roleCategory, startedOn: person.startedOn, contractEndsOn: person.contractEndsOn, workingPattern: person.workingPattern },
        reviewer: summary(record.reviewer),
        coach: summary(record.coach),
        history: record.history.map((h) => ({ role: h.role, person: named(h.personId, h.name), next: named(h.nextPersonId, h.nextName), since: h.since?.toISOString(), until: h.until.toISOString(), reason: h.reason, source: h.source })),
        handovers: record.handovers.map((h) => ({ id: h.id, reviewer: named(h.reviewerId, h.reviewerName)!, fromSchool: h.fromSchool, toSchool: h.toSchool, requestedAt: h.requestedAt.toISOString(), doneAt: h.doneAt?.toISOString() })),
        canRedelegate: record.canRedelegate,
      };
      return { body };
    }),
  );
  server.post(
    `${API_PREFIX}/people/:personId/reviewer`,
    authed(async ({ req, actor }) => {
      const request = parse(redelegationRequestSchema, req.body);
      const input = { personId: param(req, 'personId'), role: request.role, toPersonId: request.toPersonId, reason: request.reason, school: request.school };
      if (request.dryRun) return { body: { applied: false, preview: previewDto(await previewRedelegation(ctx, actor, input)) } satisfies RedelegationResponse };
      const outcome = await applyRedelegation(ctx, actor, input, request.digest);
      if (outcome.kind === 'stale') throw new DomainError('conflict', 'This person changed since that preview, so nothing was applied.', { current: previewDto(outcome.preview) });
      return { body: { applied: true, preview: previewDto(outcome.preview), announcement: outcome.announcement } satisfies RedelegationResponse };
    }),
  );
}
