// PG administrators change their organisation's policy (issue 14): read it with its version,
// preview what an edit changes for whom, save it against the version they started from.
//
// One winner under concurrency: FerretDB updates are not atomic, so the decision is the insert of
// the next version's document (its id is organisation + version, unique), and only the winner then
// puts it in force on the organisation. A winner that dies in between leaves the version document
// behind; whoever reads the policy next completes the write from it (rollForward), audit included,
// so the organisation never stays behind its own history.
import type { Organisation, Person, Policy, PolicyFieldChange, PolicyVersion } from '../../shared/domain';
import { policyVersionIdFor } from '../../shared/domain';
import { checkPolicyEdit, diffPolicy, previewPolicy, reminderInstant, windowInstants, type PolicyCycle, type PolicyFieldError, type PolicyPreview } from '../../shared/policy';
import { invalidFields, permittedRole, scopeOf, type Actor } from './access';
import { currentCycle, cycleCalendar } from './currentCycle';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';

export interface PolicyState {
  version: number;
  policy: Policy;
  /** When and by whom the version in force was saved (absent for the policy the organisation was created with). */
  savedAt?: Date;
  savedBy?: string;
}

export type PolicyEditPreview = PolicyPreview & {
  /** The edit is based on an older version than the one in force: saving it would be refused. */
  stale: boolean;
  errors: PolicyFieldError[];
  current: PolicyState;
};

export type PolicySaveResult = PolicyState & { changes: PolicyFieldChange[]; remindersMoved: number };

function versionOf(organisation: Organisation): number {
  return organisation.policyVersion ?? 1;
}

function requireAccess(actor: Actor, action: 'read' | 'write'): void {
  if (!permittedRole(actor, 'policy', action)) throw new DomainError('forbidden', 'Only PG administrators can see or change the policy.');
}

/** The organisation as stored now, with any version whose winner did not finish put in force. */
async function currentOrganisation(ctx: UseCaseContext, actor: Actor): Promise<Organisation> {
  const organisation = (await ctx.repos.organisations.get(actor.organisation.id)) ?? actor.organisation;
  const latest = await ctx.repos.policyVersions.latest(scopeOf(actor));
  if (!latest || latest.version <= versionOf(organisation)) return organisation;
  await rollForward(ctx, organisation, latest);
  return { ...organisation, policy: latest.policy, policyVersion: latest.version };
}

/** Puts a stored version in force and records it (both idempotent: the audit entry's id is the version's). */
async function rollForward(ctx: UseCaseContext, organisation: Organisation, version: PolicyVersion): Promise<void> {
  await ctx.repos.organisations.setPolicy(organisation.id, version.policy, version.version, version.savedAt);
  await ctx.repos.auditLog.append(
    { organisationId: organisation.id },
    {
      id: `audit:${version.id}`,
      organisationId: organisation.id,
      at: version.savedAt,
      actor: { kind: 'person', personId: version.savedBy.personId, entraObjectId: version.savedBy.entraObjectId },
      action: 'policy.changed',
      subject: { kind: 'policy', id: version.policy.id },
      details: { version: version.version, basedOn: version.basedOn ?? null, fields: version.changes.map((c) => c.field), changes: version.changes },
    },
  );
}

async function stateOf(ctx: UseCaseContext, organisation: Organisation): Promise<PolicyState> {
  const version = versionOf(organisation);
  const stored = version > 1 ? await ctx.repos.policyVersions.get({ organisationId: organisation.id }, version) : null;
  return { version, policy: organisation.policy, savedAt: stored?.savedAt, savedBy: stored?.savedBy.displayName };
}

/** GET: the policy in force and its version. */
export async function getPolicy(ctx: UseCaseContext, actor: Actor): Promise<PolicyState> {
  requireAccess(actor, 'read');
  return stateOf(ctx, await currentOrganisation(ctx, actor));
}

/** Every saved version, newest first (the first is stored when the policy is first changed). */
export async function listPolicyVersions(ctx: UseCaseContext, actor: Actor): Promise<PolicyVersion[]> {
  requireAccess(actor, 'read');
  return ctx.repos.policyVersions.list(scopeOf(actor));
}

/** The current cycle as the edit is checked against, and what the preview looks at. */
async function loadFacts(ctx: UseCaseContext, organisation: Organisation) {
  const org = { organisationId: organisation.id };
  const calendar = await cycleCalendar(ctx, organisation);
  // Between cycles an edit is checked against the next one (the cycle it will run).
  const cycle = calendar.current ?? calendar.next ?? null;
  const people: Person[] = [];
  for (let page = 1; page <= 100; page += 1) {
    const batch = await ctx.repos.people.list(org, { page, pageSize: 200 });
    people.push(...batch.items);
    if (!batch.hasMore) break;
  }
  const events = cycle ? await ctx.repos.scheduleEvents.list(org, cycle.id) : [];
  const rocks = cycle ? await ctx.repos.rocks.listForPeopleInCycle(org, people.map((p) => p.id), cycle.id) : [];
  // The events too: seed 002's growth stages name events of the cycle (packs/index.ts checkGrowthRules).
  const policyCycle: PolicyCycle | undefined = cycle ? { key: cycle.key, label: cycle.label, startsOn: cycle.startsOn, endsOn: cycle.endsOn, rockWindows: cycle.rockWindows, events } : undefined;
  return { cycle: policyCycle, people, events, rocks, now: ctx.now() };
}

/** POST preview: validation (every error names its field) and what the edit would change for whom. */
export async function previewPolicyEdit(ctx: UseCaseContext, actor: Actor, input: { version: number; policy: unknown }): Promise<PolicyEditPreview> {
  requireAccess(actor, 'write');
  const organisation = await currentOrganisation(ctx, actor);
  const current = await stateOf(ctx, organisation);
  const facts = await loadFacts(ctx, organisation);
  const check = checkPolicyEdit(input.policy, organisation.policy, facts.cycle);
  const stale = input.version !== current.version;
  if (!check.ok) return { changes: [], effects: [], errors: check.errors, stale, current };
  return { ...previewPolicy(organisation.policy, check.policy, facts), errors: [], stale, current };
}

/** "rocks.maxSuccessCriteria: must be between 1 and 20; …", for surfaces that show one line. */
export function describeErrors(errors: PolicyFieldError[]): string {
  const shown = errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`);
  return `${shown.join('; ')}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''}`;
}

function conflict(current: PolicyState): DomainError {
  const by = current.savedBy ? ` by ${current.savedBy}` : '';
  return new DomainError('conflict', `The policy was changed${by} while you were editing (it is now version ${current.version}), so your change was not saved. Review the current version and make your change again.`, {
    current: { version: current.version, policy: current.policy },
  });
}

/** PUT/PATCH: saves the edited policy as the next version, if `version` is still the one in force. */
export async function savePolicyEdit(ctx: UseCaseContext, actor: Actor, input: { version: number; policy: unknown }): Promise<PolicySaveResult> {
  requireAccess(actor, 'write');
  const organisation = await currentOrganisation(ctx, actor);
  const current = await stateOf(ctx, organisation);
  if (input.version !== current.version) throw conflict(current);
  const facts = await loadFacts(ctx, organisation);
  const check = checkPolicyEdit(input.policy, organisation.policy, facts.cycle);
  if (!check.ok) throw invalidFields(check.errors, describeErrors(check.errors));
  const { changes } = previewPolicy(organisation.policy, check.policy, facts);
  if (changes.length === 0) return { ...current, changes, remindersMoved: 0 };
  const now = ctx.now();
  const scope = scopeOf(actor);
  // The version edited from is kept too: the first edit stores the policy the organisation started with.
  await ctx.repos.policyVersions.insertOnce(scope, versionDocument(organisation, current.version, organisation.policy, now, { changes: [] }));
  const next = versionDocument(organisation, current.version + 1, check.policy, now, { actor, basedOn: current.version, changes });
  if (!(await ctx.repos.policyVersions.insertOnce(scope, next))) throw conflict(await stateOf(ctx, await currentOrganisation(ctx, actor)));
  await rollForward(ctx, organisation, next);
  const remindersMoved = await followReminders(ctx, organisation, check.policy, changes);
  actor.organisation = { ...organisation, policy: check.policy, policyVersion: next.version };
  ctx.logger.info({ organisationId: organisation.id, version: next.version, fields: changes.map((c) => c.field) }, 'policy changed');
  return { version: next.version, policy: check.policy, savedAt: now, savedBy: actor.person.displayName, changes, remindersMoved };
}

function versionDocument(
  organisation: Organisation,
  version: number,
  policy: Policy,
  at: Date,
  options: { actor?: Actor; basedOn?: number; changes: PolicyFieldChange[] },
): PolicyVersion {
  const person = options.actor?.person;
  return {
    id: policyVersionIdFor(organisation.id, version),
    organisationId: organisation.id,
    version,
    ...(options.basedOn !== undefined ? { basedOn: options.basedOn } : {}),
    policy,
    savedAt: at,
    savedBy: person ? { personId: person.id, displayName: person.displayName, entraObjectId: person.entraObjectId } : {},
    changes: options.changes,
  };
}

/**
 * A new reminder time (or time zone) moves the reminders already queued for check-ins still open
 * or to come; ones that would now fall outside their window are withdrawn. Returns how many moved.
 */
async function followReminders(ctx: UseCaseContext, organisation: Organisation, policy: Policy, changes: PolicyFieldChange[]): Promise<number> {
  if (!changes.some((c) => c.field.startsWith('checkIns.reminder') || c.field === 'timezone')) return 0;
  const org = { organisationId: organisation.id };
  const cycle = await currentCycle(ctx, organisation);
  if (!cycle) return 0;
  const now = ctx.now();
  let moved = 0;
  for (const event of await ctx.repos.scheduleEvents.list(org, cycle.id)) {
    if (event.status !== 'scheduled' || !event.promptsQueuedAt || windowInstants(event, policy.timezone).closesAt <= now) continue;
    const at = reminderInstant(event, policy);
    if (at) moved += await ctx.repos.outboxJobs.reschedule(org, { eventId: event.id, kinds: ['check-in-reminder'] }, at, now);
    else await ctx.repos.outboxJobs.cancel(org, { eventId: event.id, kinds: ['check-in-reminder'] }, now);
  }
  return moved;
}

/**
 * A policy put in force by something other than an admin's edit — the next cycle's pack at
 * rollover — saved as the next version and audited like an edit, so the history stays whole and a
 * tab open on the old version gets 409 rather than overwriting it. Its id may change (a new
 * cycle's pack); `by` is the admin who confirmed it, if any. Null when someone saved first.
 */
export async function adoptPolicy(ctx: UseCaseContext, organisation: Organisation, policy: Policy, by?: Actor): Promise<PolicySaveResult | null> {
  const scope = { organisationId: organisation.id };
  const stored = (await ctx.repos.organisations.get(organisation.id)) ?? organisation;
  const version = versionOf(stored);
  const changes = diffPolicy(stored.policy, policy);
  if (changes.length === 0) return { ...(await stateOf(ctx, stored)), changes, remindersMoved: 0 };
  const now = ctx.now();
  await ctx.repos.policyVersions.insertOnce(scope, versionDocument(stored, version, stored.policy, now, { changes: [] }));
  const next = versionDocument(stored, version + 1, policy, now, { actor: by, basedOn: version, changes });
  if (!(await ctx.repos.policyVersions.insertOnce(scope, next))) return null;
  await rollForward(ctx, stored, next);
  const remindersMoved = await followReminders(ctx, stored, policy, changes);
  return { version: next.version, policy, savedAt: now, savedBy: by?.person.displayName, changes, remindersMoved };
}
