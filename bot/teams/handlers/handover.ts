// The original reviewer's handover card (seed 002 §7.4): "We have had our final check-in".
import { buildErrorCard, type AdaptiveCard } from '../../cards';
import { loadOrganisation } from '../../usecases/checkIns';
import { DomainError } from '../../usecases/errors';
import { handoverCardFor } from '../../usecases/handoverCards';
import { completeHandover } from '../../usecases/redelegation';
import type { ActionTurn, PersonTurn } from '../registry';

export async function completeHandoverCard(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const { person, data } = turn;
  const personId = String(data.personId ?? '');
  const handoverId = String(data.handoverId ?? '');
  const organisation = await loadOrganisation(ctx, person.organisationId);
  try {
    await completeHandover(ctx, { person, organisation }, personId, handoverId);
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'forbidden' || err.code === 'notFound' || err.code === 'conflict')) {
      return buildErrorCard({ errorId: err.code, message: err.code === 'conflict' ? 'That changed at the same time; try again.' : err.message });
    }
    throw err;
  }
  return (await handoverCardFor(ctx, { person, organisationId: person.organisationId }, personId, handoverId)) ?? buildErrorCard({ errorId: 'gone', message: 'This handover is no longer available.' });
}
