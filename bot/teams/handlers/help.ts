// "help", and whatever the bot did not recognise.
import { buildHelpCard } from '../../cards';
import type { ParsedCommand } from '../commands';
import { loadOrganisation } from '../../usecases/checkIns';
import { sendCard, sendText } from '../activity';
import type { PersonTurn, Turn } from '../registry';
import { tabUrlOf } from './tabUrl';

export const HELP_TEXT = [
  '**Professional Growth** — here is what I can do:',
  '- **check in** — open the check-in that is open now (or tell you when the next one opens)',
  '- **my rocks** — your rocks and how their success criteria are going',
  '- **praise @name for …** — thank a colleague (they see your thanks, never your check-in)',
  '- **help** — this list',
].join('\n');

/** The help text, saying first what was not recognised. Needs no directory entry. */
export async function sendHelpText(turn: Turn, command: ParsedCommand): Promise<void> {
  const prefix = command.name === 'unknown' && command.text ? `I didn't recognise "${command.text.slice(0, 80)}". ` : '';
  await sendText(turn.context, `${prefix}${HELP_TEXT}`, true);
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
    }),
  );
}
