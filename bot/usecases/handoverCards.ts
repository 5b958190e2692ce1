// The handover card (seed 002 §7.4) for its recipient: built from the stored handover, so a
// retried job or a refreshed card shows whether it is done.
import type { Person } from '../../shared/domain';
import { buildHandoverCard, type AdaptiveCard } from '../cards';
import { loadOrganisation } from './checkIns';
import type { UseCaseContext } from './context';
import { loadHandover } from './redelegation';

export async function handoverCardFor(ctx: UseCaseContext, viewer: { person: Person; organisationId: string }, personId: string, handoverId: string): Promise<AdaptiveCard | null> {
  const organisation = await loadOrganisation(ctx, viewer.organisationId);
  const found = await loadHandover(ctx, { person: viewer.person, organisation }, personId, handoverId);
  if (!found) return null;
  const { person, handover } = found;
  return buildHandoverCard({
    personId: person.id,
    personName: person.displayName,
    handoverId: handover.id,
    fromSchool: handover.fromSchool,
    toSchool: handover.toSchool,
    checkInWord: organisation.policy.vocabulary.checkIn,
    doneAt: handover.doneAt,
    timezone: organisation.policy.timezone,
  });
}
