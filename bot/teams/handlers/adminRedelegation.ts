// Admin channel: "reviewer <person> to <new reviewer> [at <new school>] because <reason>" (and
// "coach …"): a preview card naming both people, then Confirm (seed 000 §5, seed 002 §7.4).
import type { TurnContext } from 'botbuilder';
import { buildAdminNoticeCard, buildAppliedCard, buildRedelegationPreviewCard, type AdminCard } from '../../cards/admin';
import type { Actor } from '../../usecases/access';
import { DomainError } from '../../usecases/errors';
import { applyRedelegation, findPersonByText, openHandovers, previewRedelegation, type PersonLookup, type RedelegationInput, type RedelegationPreview, type ReviewerRole } from '../../usecases/redelegation';
import { sendCard, sendText } from '../activity';
import type { ParsedCommand } from '../commands';
import type { ActionTurn, Turn } from '../registry';

const SHAPE = /^(.+?)\s+to\s+(.+?)(?:\s+at\s+(.+?))?\s+(?:because|reason:?)\s+(.+)$/i;
const NOBODY = /^(nobody|no one|none|-)$/i;

export function usage(role: ReviewerRole): string {
  return `Say who, to whom and why: "${role} Alex Wilber to Patti Fernandez because Megan is on long-term leave" (add "at <school>" when they also move post; "to nobody" leaves it empty).`;
}

function lookupProblem(found: PersonLookup): string | undefined {
  if (found.kind === 'none') return `Nobody called "${found.text}" is in the staff directory. Use their full name or email address.`;
  if (found.kind === 'several') return `"${found.text}" matches several people: ${found.names.join('; ')}. Use their email address.`;
  return undefined;
}

function problemText(err: unknown): string | undefined {
  if (!(err instanceof DomainError)) return undefined;
  const fields = Array.isArray(err.details.errors) ? (err.details.errors as Array<{ message: string }>).map((e) => e.message) : [];
  return fields.length > 0 ? fields.join(' ') : err.message;
}

function previewCard(preview: RedelegationPreview, input: RedelegationInput, notice?: string): AdminCard {
  return buildRedelegationPreviewCard({
    title: `Check and confirm: ${preview.person.displayName}'s new ${preview.role === 'coach' ? 'coach' : 'reviewer'}`,
    lines: preview.lines,
    notice,
    confirmData: { personId: input.personId, role: input.role, toPersonId: input.toPersonId ?? '', reason: input.reason, school: input.school ?? '', digest: preview.digest },
  });
}

/** The command: parse, look both people up, and show the preview (nothing changes yet). */
export async function redelegateCommand(turn: Turn, actor: Actor, command: ParsedCommand): Promise<void> {
  const { context, deps } = turn;
  const role: ReviewerRole = command.name === 'coach' ? 'coach' : 'reviewer';
  const match = SHAPE.exec(command.args);
  if (!match) return sendText(context, usage(role));
  const [, who, toWho, school, reason] = match as unknown as [string, string, string, string | undefined, string];
  const person = await findPersonByText(deps.ctx, actor, who);
  const to = NOBODY.test(toWho.trim()) ? null : await findPersonByText(deps.ctx, actor, toWho);
  const problem = lookupProblem(person) ?? (to ? lookupProblem(to) : undefined);
  if (problem || person.kind !== 'found' || (to && to.kind !== 'found')) return sendText(context, problem ?? usage(role));
  const input: RedelegationInput = { personId: person.person.id, role, toPersonId: to?.kind === 'found' ? to.person.id : null, reason: reason.trim(), school: school?.trim() };
  try {
    await sendCard(context, previewCard(await previewRedelegation(deps.ctx, actor, input), input));
  } catch (err) {
    const text = problemText(err);
    if (!text) throw err;
    await sendText(context, text);
  }
}

/** Confirm: applies the change as previewed, or shows the preview as it is now. */
export async function confirmRedelegation(turn: ActionTurn & { actor: Actor }, announce: (context: TurnContext, text: string) => Promise<void>): Promise<AdminCard> {
  const { data, actor, context } = turn;
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  const input: RedelegationInput = {
    personId: text('personId'),
    role: text('role') === 'coach' ? 'coach' : 'reviewer',
    toPersonId: text('toPersonId') || null,
    reason: text('reason'),
    school: text('school') || undefined,
  };
  try {
    const outcome = await applyRedelegation(turn.deps.ctx, actor, input, text('digest'));
    if (outcome.kind === 'stale') return previewCard(outcome.preview, input, 'This person changed since that preview, so nothing was applied. Here is the preview as it is now.');
    await announce(context, outcome.announcement);
    return buildAppliedCard(outcome.announcement, outcome.preview.lines.slice(2));
  } catch (err) {
    const problem = problemText(err);
    if (!problem) throw err;
    return buildAdminNoticeCard('Not changed', problem);
  }
}

/** "handovers": the final check-ins still owed after a move of post (seed 002 §7.4). */
export async function handoversCommand(turn: Turn, actor: Actor): Promise<void> {
  const open = await openHandovers(turn.deps.ctx, actor);
  const tz = actor.organisation.policy.timezone;
  const day = (d: Date) => d.toLocaleDateString('en-GB', { timeZone: tz, day: 'numeric', month: 'short' });
  const lines = open.map(({ person, handover, reviewerName }) => `${person.displayName} (${handover.fromSchool || 'previous post'} → ${handover.toSchool || 'new post'}): ${reviewerName}, asked on ${day(handover.requestedAt)}`);
  await sendCard(turn.context, buildAdminNoticeCard(open.length === 0 ? 'No handovers outstanding' : `${open.length} final check-in${open.length === 1 ? '' : 's'} still to have`, open.length === 0 ? 'Everyone who moved post has had their final check-in with their original reviewer.' : 'Each original reviewer has a card in their chat to mark it done.', lines));
}
