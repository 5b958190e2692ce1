// seed 002's growth cards in the bot chat: "my plan", "growth log", "self reflection" and
// "my reflection" send the person's card; its Save runs the same use case as the tab and answers
// with the card again, saved, or with what to fix and everything that was typed kept.
import type { GrowthCardName } from '../../cards';
import type { AdaptiveCard } from '../../cards';
import { VERBS } from '../../../shared/verbs';
import { growthCard } from '../../notifications/growthCards';
import { loadOrganisation } from '../../usecases/checkIns';
import { DomainError } from '../../usecases/errors';
import { addGrowthLogEntry, saveEndReflection, saveGrowthPlan, saveSelfReflection, writeCommitment } from '../../usecases/growth';
import { sendCard } from '../activity';
import type { ActionTurn, CommandHandler, PersonTurn } from '../registry';
import { tabUrlOf } from './tabUrl';

const CARD_NAMES: readonly GrowthCardName[] = ['self-reflection', 'growth-plan', 'growth-log', 'end-reflection'];

const FIELD_LABELS: Record<string, string> = {
  strengths: 'What I am best at',
  growthAreas: 'Growth areas',
  developmentNeeds: 'Development needs',
  howIWillLearn: 'How I will learn',
  checkInDates: 'Check-in dates',
  completionOn: 'Completion date',
  notes: 'Professional support',
  whatIDid: 'What I did',
  whatILearned: 'What I learned',
  next: 'What I will do next',
  feedback: 'Feedback',
  feedbackFrom: 'Who it was from',
  successes: 'My successes',
  growth: 'How I have grown',
  sharing: 'Sharing',
  title: 'My commitment',
  successCriteria: 'What success will look like',
  slotId: 'My commitment',
};

/** A chat command that sends one growth card. */
export function growthCommand(card: GrowthCardName): CommandHandler {
  return async (turn) => {
    const organisation = await loadOrganisation(turn.deps.ctx, turn.person.organisationId);
    await sendCard(turn.context, await growthCard(turn.deps.ctx, organisation, turn.person, card, { tabUrl: tabUrlOf(turn.deps) }));
  };
}

/** The card's inputs as typed (strings only), to save and, if refused, to show again. */
function typed(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string') out[key] = value;
  return out;
}

function planInput(draft: Record<string, string>) {
  const dates = (draft.checkInDates ?? '').split(/[\s,;]+/).filter(Boolean);
  const completionOn = draft.completionOn?.trim();
  return { howIWillLearn: draft.howIWillLearn, checkInDates: dates, notes: draft.notes, ...(completionOn ? { completionOn } : {}) };
}

function problemText(err: DomainError): string {
  const errors = (err.details.errors ?? []) as Array<{ path: string; message: string }>;
  if (errors.length === 0) return err.message;
  return `Please check: ${errors.map((e) => `${FIELD_LABELS[e.path.split('.')[0]!] ?? e.path} — ${e.message}`).join('; ')}.`;
}

async function save(turn: ActionTurn & PersonTurn, card: GrowthCardName, draft: Record<string, string>): Promise<string> {
  const { ctx } = turn.deps;
  const actor = { person: turn.person, organisation: await loadOrganisation(ctx, turn.person.organisationId) };
  switch (card) {
    case 'self-reflection':
      await saveSelfReflection(ctx, actor, draft);
      return 'Saved. Your coach can see your self-reflection.';
    case 'growth-plan': {
      await saveGrowthPlan(ctx, actor, planInput(draft));
      if (!draft.commitment?.trim() || !draft.commitmentId) return 'Saved. Your plan is a live document: change it whenever you need to.';
      const rock = await writeCommitment(ctx, actor, { id: draft.commitmentId, title: draft.commitment, successLooksLike: draft.successLooksLike ?? '' });
      const { rock: word, reviewer } = actor.organisation.policy.vocabulary;
      return rock.status === 'proposed' ? `Saved, and your ${word} has gone to your ${reviewer} to agree.` : `Saved. Add what success will look like, then your ${word} goes to your ${reviewer} to agree.`;
    }
    case 'growth-log':
      await addGrowthLogEntry(ctx, actor, { ...draft, checkInId: draft.checkInId || undefined, entryId: draft.entryId || undefined });
      return 'Saved to your growth log.';
    case 'end-reflection':
      await saveEndReflection(ctx, actor, draft);
      return 'Saved. Share it with your coach at your review.';
  }
}

export async function growthAction(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const draft = typed(turn.data);
  const card = CARD_NAMES.find((c) => c === draft.card) ?? 'growth-plan';
  const organisation = await loadOrganisation(ctx, turn.person.organisationId);
  const options = { tabUrl: tabUrlOf(turn.deps), checkInId: draft.checkInId || undefined };
  if (turn.verb === VERBS.openGrowthCard || !organisation.policy.growth) return growthCard(ctx, organisation, turn.person, card, options);
  try {
    const saved = await save(turn, card, draft);
    return growthCard(ctx, organisation, turn.person, card, { ...options, saved });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'invalidInput') return growthCard(ctx, organisation, turn.person, card, { ...options, error: problemText(err), draft });
    throw err;
  }
}
