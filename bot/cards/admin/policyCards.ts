// "policy" in the admin channel: the policy in force at a glance, with a link to the tab's policy
// view; "policy set <field> <value>": what the change does for whom, then Confirm. Pure.
import type { Policy } from '../../../shared/domain';
import { ADMIN_VERBS } from '../../../shared/verbs';
import type { CardAction } from '../adaptiveCard';
import { heading, paragraph } from '../adaptiveCard';
import { adminCard, bullets, execute, type AdminCard, type AdminElement } from './adminCard';

export interface PolicySummaryInput {
  policy: Policy;
  version: number;
  savedBy?: string;
  savedAt?: string;
  /** Where the policy is edited: the tab's policy view. */
  editUrl: string;
}

const REVIEWED_BY: Record<Policy['reviewers']['reviewedBy'], string> = {
  'line-manager': 'the line manager',
  coach: 'the coach',
  'coach-else-line-manager': 'the coach, else the line manager',
};

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function days(n: number, what: string): string {
  if (n === 0) return `on the ${what}`;
  return `${Math.abs(n)} day${Math.abs(n) === 1 ? '' : 's'} ${n > 0 ? 'after' : 'before'} the ${what}`;
}

/** The policy's fields as an administrator reads them, with the name "policy set" takes. */
export function policyFacts(policy: Policy): { title: string; value: string }[] {
  const { vocabulary: v, rocks, checkIns, alignment, reviewers, exclusions, access } = policy;
  return [
    { title: 'Words', value: `${v.rock} / ${v.rocks}, ${v.checkIn}, ${v.reviewer} (vocabulary.rock, …)` },
    { title: 'Rock slots', value: rocks.slots.map((s) => s.theme).join(', ') },
    { title: 'Success criteria', value: `up to ${rocks.maxSuccessCriteria} a rock (rocks.maxSuccessCriteria)` },
    { title: 'Alignment', value: `${alignment.label.replace(/[\s:]+$/, '')} — ${alignment.options.length} options, at least ${alignment.minimum ?? 0} a rock (alignment.minimum)` },
    { title: 'Check-ins', value: `${checkIns.rhythm}, ${checkIns.mode} (checkIns.rhythm, checkIns.mode)` },
    {
      title: 'Usual window',
      value: `opens ${days(checkIns.window.opensDays, 'date')} at ${checkIns.window.opensAt}, closes ${days(checkIns.window.closesDays, 'date')} at ${checkIns.window.closesAt} (checkIns.window.…)`,
    },
    { title: 'Reminder', value: `${checkIns.reminder.daysBeforeClose === 0 ? 'on the closing day' : `${checkIns.reminder.daysBeforeClose} days before it closes`} at ${checkIns.reminder.at} (checkIns.reminder.at, checkIns.reminder.daysBeforeClose)` },
    { title: 'Reviewer', value: `${REVIEWED_BY[reviewers.reviewedBy]}; must acknowledge: ${yesNo(reviewers.mustAcknowledge)} (reviewers.reviewedBy)` },
    {
      title: 'Not taking part',
      value: `${exclusions.roleCategories.join(', ') || 'no role category'}; contracts under ${exclusions.minContractMonths} months; paused staff: ${exclusions.excludePaused ? 'not prompted' : 'prompted'} (exclusions.…)`,
    },
    { title: 'Retention', value: `${policy.retention.years} years from ${policy.retention.from === 'leaving' ? 'the day a person leaves' : 'the end of the cycle a record belongs to'} (retention.years, retention.from)` },
    {
      title: 'Who sees what',
      value: `coaches see check-ins: ${yesNo(access.coachesSeeCheckIns)}, rocks: ${yesNo(access.coachesSeeRocks)}; SMT see rocks of: ${access.smtSeeRocks}; PG admins see check-ins: ${yesNo(access.pgAdminsSeeCheckIns)} (access.…)`,
    },
  ];
}

export function buildPolicySummaryCard(input: PolicySummaryInput): AdminCard {
  const saved = input.savedBy ? ` · saved by ${input.savedBy}${input.savedAt ? ` on ${input.savedAt}` : ''}` : ' · as set up';
  const actions: CardAction[] = [{ type: 'Action.OpenUrl', title: 'Edit in the tab', url: input.editUrl }];
  return adminCard(
    [
      heading(`Policy · ${input.policy.name}`),
      paragraph(`Version ${input.version}${saved}`, { isSubtle: true, spacing: 'small' }),
      { type: 'FactSet', facts: policyFacts(input.policy), spacing: 'medium' },
      paragraph('To change one field here: **policy set** *field value*, e.g. `policy set rocks.maxSuccessCriteria 5` or `policy set checkIns.reminder.at 15:30`. Lists of words are comma-separated.', {
        isSubtle: true,
        size: 'small',
        spacing: 'medium',
      }),
    ],
    actions,
  );
}

export interface PolicyChangePreviewInput {
  field: string;
  before: unknown;
  after: unknown;
  effects: Array<{ summary: string; items: Array<{ text: string }> }>;
  stale: boolean;
  /** The Confirm button's data: the change and the version it was previewed at. */
  confirm: { version: number; field: string; value: string };
}

export function showValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (typeof value === 'boolean') return yesNo(value);
  return value === undefined || value === null ? '(not set)' : String(value);
}

const MAX_ITEMS = 15;

export function buildPolicyChangePreviewCard(input: PolicyChangePreviewInput): AdminCard {
  const body: AdminElement[] = [heading(`Change ${input.field}?`), paragraph(`${showValue(input.before)} → **${showValue(input.after)}**`)];
  for (const effect of input.effects) {
    body.push(paragraph(effect.summary, { spacing: 'medium' }));
    const lines = effect.items.slice(0, MAX_ITEMS).map((i) => i.text);
    if (effect.items.length > MAX_ITEMS) lines.push(`… and ${effect.items.length - MAX_ITEMS} more (see the preview in the tab)`);
    body.push(...bullets(lines, { size: 'small', spacing: 'small' }));
  }
  if (input.effects.length === 0) body.push(paragraph('Nothing else changes for anyone.', { isSubtle: true }));
  if (input.stale) body.push(paragraph('The policy changed since this was typed; Confirm will be refused. Send the command again.', { color: 'warning' }));
  return adminCard(body, [execute('Confirm', ADMIN_VERBS.confirmPolicyChange, { ...input.confirm, version: String(input.confirm.version) }, 'positive')]);
}

export function buildPolicyProblemsCard(problems: readonly string[]): AdminCard {
  return adminCard([heading('That policy change needs another look'), paragraph('Nothing was changed:'), ...bullets(problems, { color: 'attention' })], [execute('Show the policy', ADMIN_VERBS.showPolicy)]);
}

export function buildPolicyAppliedCard(announcement: string, lines: string[] = []): AdminCard {
  return adminCard([heading('Done'), paragraph(announcement), ...bullets(lines)], [execute('Show the policy', ADMIN_VERBS.showPolicy)]);
}
