// A rock's chat card: the reviewer agrees a proposed rock or sends it back to revise with a reason,
// and the reviewee accepts their reviewer's amendment, without opening the tab. The card then shows
// what happened; a card acted on elsewhere first says so and shows the rock as it is now.
import { rockNoticeKinds, type RockNoticeKind } from '../../../shared/domain';
import { VERBS } from '../../../shared/verbs';
import { buildErrorCard, buildRockNoticeCard, ROCK_REASON_FIELD, type AdaptiveCard } from '../../cards';
import { createLinks } from '../../links';
import { loadOrganisation } from '../../usecases/checkIns';
import { DomainError } from '../../usecases/errors';
import { acceptRock, agreeRock, rockNoticeFacts, sendBackRock } from '../../usecases/rocks';
import type { ActionTurn, PersonTurn } from '../registry';

type Notice = { text: string; tone: 'good' | 'attention' };

export async function actOnRock(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const { person, verb, data } = turn;
  const rockId = String(data.rockId ?? '');
  const version = Number(data.version);
  const organisation = await loadOrganisation(ctx, person.organisationId);
  const actor = { person, organisation };
  const words = organisation.policy.vocabulary;
  const reason = typeof data[ROCK_REASON_FIELD] === 'string' ? (data[ROCK_REASON_FIELD] as string) : '';
  const render = (notice: Notice) => cardFor(turn, rockId, notice, reason);
  if (!Number.isInteger(version) || version < 0) return buildErrorCard({ errorId: 'bad-card', message: `This card is out of date. Open your ${words.rocks} in the tab.` });
  try {
    if (verb === VERBS.agreeRock) {
      await agreeRock(ctx, actor, rockId, { version });
      return render({ text: `You agreed this ${words.rock}. They have been told.`, tone: 'good' });
    }
    if (verb === VERBS.sendBackRock) {
      if (reason.trim() === '') return render({ text: `Say what needs revising first: it is sent with the ${words.rock}.`, tone: 'attention' });
      if (reason.length > 2000) return render({ text: `Keep the reason under 2000 characters (it has ${reason.length}).`, tone: 'attention' });
      await sendBackRock(ctx, actor, rockId, { version, reason: reason.trim() });
      return render({ text: `You sent this ${words.rock} back to be revised. They have your reason.`, tone: 'good' });
    }
    await acceptRock(ctx, actor, rockId, { version });
    return render({ text: `You accepted the changes: this ${words.rock} is agreed.`, tone: 'good' });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    // A stale version (changed in the tab since this card was sent) or a state that no longer allows it.
    if (err.code === 'conflict') return render({ text: err.message === new DomainError('conflict').message ? `This ${words.rock} changed since this card was sent.` : err.message, tone: 'attention' });
    return buildErrorCard({ errorId: err.code, message: err.code === 'notFound' ? `This ${words.rock} is no longer available.` : err.message });
  }
}

/** The rock as it is now, from the point of view of whoever pressed the button. */
async function cardFor(turn: ActionTurn & PersonTurn, rockId: string, notice: Notice, reasonDraft: string): Promise<AdaptiveCard> {
  const facts = await rockNoticeFacts(turn.deps.ctx, turn.person.organisationId, rockId);
  if (!facts) return buildErrorCard({ errorId: 'notFound', message: 'This is no longer available.' });
  const { organisation, rock, owner } = facts;
  const policy = organisation.policy;
  const toOwner = owner.id === turn.person.id;
  const change: RockNoticeKind = (rockNoticeKinds as readonly string[]).includes(String(turn.data.change)) ? (turn.data.change as RockNoticeKind) : toOwner ? 'amended' : 'proposed';
  return buildRockNoticeCard({
    rock,
    change,
    byName: typeof turn.data.byName === 'string' ? turn.data.byName : owner.displayName,
    ownerName: owner.displayName,
    toOwner,
    vocabulary: policy.vocabulary,
    slots: policy.rocks.slots,
    windowLabel: facts.windowLabel,
    tabUrl: createLinks(turn.deps.config).tab(toOwner ? 'rocks' : 'team', `rock:${rock.id}`),
    notice,
    ...(notice.tone === 'attention' && reasonDraft ? { reasonDraft } : {}),
  });
}
