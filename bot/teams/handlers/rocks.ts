// "my rocks": the person's rocks and how their success criteria are going.
import { buildMyRocksCard } from '../../cards';
import { loadMyRocks } from '../../usecases/checkInCards';
import { sendCard } from '../activity';
import type { PersonTurn } from '../registry';
import { tabUrlOf } from './tabUrl';

export async function sendMyRocks(turn: PersonTurn): Promise<void> {
  const { organisation, rocks } = await loadMyRocks(turn.deps.ctx, turn.person);
  await sendCard(turn.context, buildMyRocksCard({ rocks, vocabulary: organisation.policy.vocabulary, tabUrl: tabUrlOf(turn.deps), slots: organisation.policy.rocks.slots }));
}
