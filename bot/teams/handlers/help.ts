// "help", and whatever the bot did not recognise.
import type { Organisation, Person } from '../../../shared/domain';
import { buildHelpCard, describeGrowthCommands, REVIEW_COMMAND } from '../../cards';
import type { ParsedCommand } from '../commands';
import { loadOrganisation } from '../../usecases/checkIns';
import { sendCard, sendText } from '../activity';
import type { PersonTurn, Turn } from '../registry';
import { tabUrlOf } from './tabUrl';

/** The help text in the organisation's words, with its growth commands where the policy has them (seed 002). */
export function helpText(organisation?: Pick<Organisation, 'policy'>): string {
  const v = organisation?.policy.vocabulary ?? { checkIn: 'check-in', rocks: 'rocks' };
  return [
    '**Professional Growth** — here is what I can do:',
    `- **check in** — open the ${v.checkIn} that is open now (or tell you when the next one opens)`,
    `- **my rocks** — your ${v.rocks} and how their success criteria are going`,
    '- **praise @name for …** — thank a colleague (they see your thanks, never your check-in)',
    ...(organisation?.policy.growth ? describeGrowthCommands().map((c) => `- **${c.title}** — ${c.value.charAt(0).toLowerCase()}${c.value.slice(1)}`) : []),
    ...(organisation?.policy.reviews ? [`- **ask feedback** — ask colleagues for feedback on one of your ${v.rocks} or your year`] : []),
    ...(organisation?.policy.reviews?.stages.some((st) => st.kind === 'end-of-year') ? [`- **my review** — ${REVIEW_COMMAND.value.charAt(0).toLowerCase()}${REVIEW_COMMAND.value.slice(1)}`] : []),
    ...(organisation?.policy.aspirationSurvey ? ['- **survey** — answer the aspiration survey while it is open, or change your answers'] : []),
    '- **help** — this list',
  ].join('\n');
}

export const HELP_TEXT = helpText();

/**
 * The help text, saying first what was not recognised. Needs no directory entry; for someone in it
 * the words are their organisation's (Truro's commitments and growth commands, Stour's projects).
 */
export async function sendHelpText(turn: Turn, command: ParsedCommand, person?: Person | null): Promise<void> {
  const prefix = command.name === 'unknown' && command.text ? `I didn't recognise "${command.text.slice(0, 80)}". ` : '';
  const organisation = person ? await loadOrganisation(turn.deps.ctx, person.organisationId) : undefined;
  await sendText(turn.context, `${prefix}${helpText(organisation)}`, true);
}

/** The help card in the organisation's own words. */
export async function sendHelpCard(turn: PersonTurn): Promise<void> {
  const organisation = await loadOrganisation(turn.deps.ctx, turn.person.organisationId);
  await sendCard(
    turn.context,
    buildHelpCard({
      vocabulary: organisation.policy.vocabulary,
      tabUrl: tabUrlOf(turn.deps),
      rhythm: organisation.policy.checkIns.rhythm,
      growth: organisation.policy.growth !== undefined,
      feedback: organisation.policy.reviews !== undefined,
      reviews: organisation.policy.reviews?.stages.some((st) => st.kind === 'end-of-year') ?? false,
      survey: organisation.policy.aspirationSurvey !== undefined,
    }),
  );
}
