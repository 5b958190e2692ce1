// The organisation's policy for PG administrators: GET it with its version, POST a preview of an
// edit, PUT the whole edited policy or PATCH some fields, each against the version it was based on
// (409 when someone saved first), and GET the saved versions. Another organisation's policy is not
// found (404), a colleague who is not a PG administrator is refused (403).
import type { Request } from 'restify';
import {
  API_PREFIX,
  policyEditRequestSchema,
  policyPatchRequestSchema,
  type PolicyPreviewResponse,
  type PolicyResponse,
  type PolicySaveResponse,
  type PolicyVersionsResponse,
} from '../../../shared/api';
import { mergePolicyEdit } from '../../../shared/policy';
import type { Actor } from '../../usecases/access';
import { DomainError } from '../../usecases/errors';
import { getPolicy, listPolicyVersions, previewPolicyEdit, savePolicyEdit, type PolicyState } from '../../usecases/policy';
import { param, parse, type ApiRouter } from './route';

const base = `${API_PREFIX}/organisations/:organisationId/policy`;

/** The path names the caller's own organisation, or there is nothing to find. */
function ownOrganisation(req: Request, actor: Actor): void {
  if (param(req, 'organisationId') !== actor.organisation.id) throw new DomainError('notFound');
}

function policyDto(actor: Actor, state: PolicyState): PolicyResponse {
  return { organisationId: actor.organisation.id, version: state.version, policy: state.policy, savedAt: state.savedAt?.toISOString(), savedBy: state.savedBy };
}

export function registerPolicyRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;

  server.get(
    base,
    authed(async ({ req, actor }) => {
      ownOrganisation(req, actor);
      return { body: policyDto(actor, await getPolicy(ctx, actor)) };
    }),
  );

  server.post(
    `${base}/preview`,
    authed(async ({ req, actor }) => {
      ownOrganisation(req, actor);
      const input = parse(policyEditRequestSchema, req.body);
      const preview = await previewPolicyEdit(ctx, actor, input);
      const body: PolicyPreviewResponse = { stale: preview.stale, currentVersion: preview.current.version, errors: preview.errors, changes: preview.changes, effects: preview.effects };
      return { body };
    }),
  );

  const save = async (actor: Actor, version: number, policy: unknown) => {
    const saved = await savePolicyEdit(ctx, actor, { version, policy });
    const body: PolicySaveResponse = { ...policyDto(actor, saved), changes: saved.changes, remindersMoved: saved.remindersMoved };
    return { body };
  };

  server.put(
    base,
    authed(async ({ req, actor }) => {
      ownOrganisation(req, actor);
      const input = parse(policyEditRequestSchema, req.body);
      return save(actor, input.version, input.policy);
    }),
  );

  server.patch(
    base,
    authed(async ({ req, actor }) => {
      ownOrganisation(req, actor);
      const input = parse(policyPatchRequestSchema, req.body);
      // Merged onto the version in force; a stale version is refused by the save all the same.
      const current = await getPolicy(ctx, actor);
      return save(actor, input.version, mergePolicyEdit(current.policy, input.changes));
    }),
  );

  server.get(
    `${base}/versions`,
    authed(async ({ req, actor }) => {
      ownOrganisation(req, actor);
      const versions = await listPolicyVersions(ctx, actor);
      const body: PolicyVersionsResponse = {
        items: versions.map((v) => ({ version: v.version, basedOn: v.basedOn, savedAt: v.savedAt.toISOString(), savedBy: v.savedBy.displayName, changes: v.changes })),
      };
      return { body };
    }),
  );
}
