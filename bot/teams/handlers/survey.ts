// The aspiration survey in the bot chat (issue 13): "survey" sends the open survey's card; its Save
// runs the same use case as the tab and answers with the card again, saved, or with what to fix and
// everything typed kept.
import type { AdaptiveCard } from '../../cards';
import { surveyInputId } from '../../cards';
import type { SurveyAnswer } from '../../../shared/domain';
import { TALENT_VERBS } from '../../../shared/verbs';
import { surveyCard } from '../../notifications/surveyCards';
import { answerSurvey, mySurvey } from '../../usecases/aspirationSurvey';
import { loadOrganisation } from '../../usecases/checkIns';
import { DomainError } from '../../usecases/errors';
import { sendCard } from '../activity';
import type { ActionTurn, CommandHandler, PersonTurn } from '../registry';
import { tabUrlOf } from './tabUrl';

/** "survey": the open survey's card (or when it opens / that it closed). */
export const surveyCommand: CommandHandler = async (turn) => {
  const organisation = await loadOrganisation(turn.deps.ctx, turn.person.organisationId);
  await sendCard(turn.context, await surveyCard(turn.deps.ctx, { person: turn.person, organisation }, { tabUrl: tabUrlOf(turn.deps) }));
};

/** The card's inputs as typed (strings only), to save and, if refused, to show again. */
function typed(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string') out[key] = value;
  return out;
}

/** The card's values as answers: a multi-select arrives as "a,b". Blank means skipped. */
function answersFrom(questions: Array<{ key: string; kind: string }>, draft: Record<string, string>): Record<string, SurveyAnswer> {
  const answers: Record<string, SurveyAnswer> = {};
  for (const q of questions) {
    const value = draft[surveyInputId(q.key)];
    if (value === undefined || value.trim() === '') continue;
    answers[q.key] = q.kind === 'multi-choice' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;
  }
  return answers;
}

function problemText(err: DomainError, questions: Array<{ key: string; text: string }>): string {
  const errors = (err.details.errors ?? []) as Array<{ path: string; message: string }>;
  if (errors.length === 0) return err.message;
  return `Please check: ${errors.map((e) => `${questions.find((q) => q.key === e.path)?.text ?? e.path} — ${e.message}`).join('; ')}.`;
}

export async function surveyAction(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const actor = { person: turn.person, organisation: await loadOrganisation(ctx, turn.person.organisationId) };
  const draft = typed(turn.data);
  const options = { tabUrl: tabUrlOf(turn.deps), eventId: draft.eventId || undefined };
  if (turn.verb === TALENT_VERBS.openSurvey || !draft.eventId) return surveyCard(ctx, actor, options);
  const view = await mySurvey(ctx, actor, draft.eventId);
  const questions = view.rules?.questions ?? [];
  try {
    await answerSurvey(ctx, actor, draft.eventId, { answers: answersFrom(questions, draft) });
    return surveyCard(ctx, actor, { ...options, saved: true });
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'invalidInput' || err.code === 'windowClosed' || err.code === 'notAsked' || err.code === 'noOpenWindow')) {
      // Closed: the card says so (and shows the saved answers); otherwise what to fix, with what was typed.
      if (err.code === 'windowClosed') return surveyCard(ctx, actor, { ...options, error: err.message });
      return surveyCard(ctx, actor, { ...options, error: problemText(err, questions), draft });
    }
    throw err;
  }
}
