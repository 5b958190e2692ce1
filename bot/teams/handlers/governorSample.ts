// Approve / Withhold on the reviewer's governors' sample card (issue 13, seed 000 §3): the same
// use case as the tab (decideSampleItem, as the item's reviewer); the card comes back with the
// decisions so far. An item already decided says so on the card instead of failing.
import type { AdaptiveCard } from '../../cards';
import { buildGovernorSampleCard } from '../../notifications/governorSampleCards';
import { loadOrganisation } from '../../usecases/checkIns';
import { DomainError } from '../../usecases/errors';
import { decideSampleItem, governorSampleView } from '../../usecases/governorSample';
import type { ActionTurn, PersonTurn } from '../registry';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export async function approveSampleAction(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const actor = { person: turn.person, organisation: await loadOrganisation(ctx, turn.person.organisationId) };
  const sampleId = str(turn.data.sampleId);
  const index = Number(str(turn.data.index));
  const approved = str(turn.data.approved) === 'yes';
  try {
    const sample = await decideSampleItem(ctx, actor, sampleId, index, approved, true);
    return buildGovernorSampleCard(sample, { saved: approved ? `Reflection ${index + 1} approved.` : `Reflection ${index + 1} withheld: it will not be released.` });
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'conflict') throw err;
    return buildGovernorSampleCard(await governorSampleView(ctx, actor, sampleId, { asReviewer: true }), { error: err.message });
  }
}
