// "policy" and "policy set <field> <value>" in the admin channel, and the preview's Confirm.
import { DateTime } from 'luxon';
import { diffPolicy, formatEventDate, mergePolicyEdit, patchAt, readTypedValue, valueAt } from '../../../shared/policy';
import { buildPolicyAppliedCard, buildPolicyChangePreviewCard, buildPolicyProblemsCard, buildPolicySummaryCard, type AdminCard } from '../../cards/admin';
import { createLinks } from '../../links';
import type { Actor } from '../../usecases/access';
import { DomainError } from '../../usecases/errors';
import { getPolicy, previewPolicyEdit, savePolicyEdit } from '../../usecases/policy';
import type { BotDependencies, Turn } from '../registry';

/** The tab's policy view: a Teams deep link inside Teams, the tab's own URL (hash route) outside. */
export function policyViewUrl(deps: BotDependencies): string {
  if (deps.config.TEAMS_APP_ID) return createLinks(deps.config).tab('schedule', 'policy');
  return `${(deps.config.PUBLIC_URL ?? 'http://localhost:3978').replace(/\/$/, '')}/tab/#/policy`;
}

export async function policySummaryCard(turn: Turn, actor: Actor): Promise<AdminCard> {
  const state = await getPolicy(turn.deps.ctx, actor);
  const tz = state.policy.timezone;
  const savedAt = state.savedAt ? formatEventDate(DateTime.fromJSDate(state.savedAt, { zone: tz }).toISODate() ?? '', tz) : undefined;
  return buildPolicySummaryCard({ policy: state.policy, version: state.version, savedBy: state.savedBy, savedAt, editUrl: policyViewUrl(turn.deps) });
}

/** "rocks.maxSuccessCriteria 5" → the change's preview card, or what is wrong with it. */
export async function policySetPreview(turn: Turn, actor: Actor, args: string): Promise<AdminCard> {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(args.trim());
  if (!match) return buildPolicyProblemsCard(['Say which field and its new value, e.g. "policy set rocks.maxSuccessCriteria 5". "policy" lists the fields.']);
  const [, field = '', raw = ''] = match;
  const state = await getPolicy(turn.deps.ctx, actor);
  const typed = readTypedValue(state.policy, field, raw);
  if (!typed.ok) return buildPolicyProblemsCard([typed.message]);
  const edit = mergePolicyEdit(state.policy, patchAt(field, typed.value));
  const preview = await previewPolicyEdit(turn.deps.ctx, actor, { version: state.version, policy: edit });
  if (preview.errors.length > 0) return buildPolicyProblemsCard(preview.errors.map((e) => `${e.path}: ${e.message}`));
  return buildPolicyChangePreviewCard({
    field,
    before: valueAt(state.policy, field),
    after: typed.value,
    effects: preview.effects,
    stale: preview.stale,
    confirm: { version: state.version, field, value: raw },
  });
}

/** Confirm: the same change, saved at the version previewed; someone else's save meanwhile wins. */
export async function confirmPolicyChange(turn: Turn, actor: Actor, data: Record<string, unknown>): Promise<{ card: AdminCard; announcement?: string }> {
  const field = typeof data.field === 'string' ? data.field : '';
  const version = Number(data.version);
  const current = await getPolicy(turn.deps.ctx, actor);
  const typed = readTypedValue(current.policy, field, typeof data.value === 'string' ? data.value : '');
  if (!typed.ok || !Number.isInteger(version)) return { card: buildPolicyProblemsCard([typed.ok ? 'This card is out of date: send "policy set" again.' : typed.message]) };
  try {
    const saved = await savePolicyEdit(turn.deps.ctx, actor, { version, policy: mergePolicyEdit(current.policy, patchAt(field, typed.value)) });
    if (saved.changes.length === 0) return { card: buildPolicyAppliedCard(`${field} was already ${String(typed.value)}; nothing changed.`) };
    const what = diffPolicy(current.policy, saved.policy).map((c) => `${c.field} ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`);
    const announcement = `${actor.person.displayName} changed the policy (now version ${saved.version}): ${what.join('; ')}.`;
    return { card: buildPolicyAppliedCard(announcement, saved.remindersMoved > 0 ? [`${saved.remindersMoved} queued reminders moved to the new time.`] : []), announcement };
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'conflict' || error.code === 'invalidInput')) return { card: buildPolicyProblemsCard([error.message]) };
    throw error;
  }
}
