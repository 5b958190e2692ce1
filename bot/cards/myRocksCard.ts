import type { Rock, RockSlot, RockStatus } from '../../shared/domain';
import type { AdaptiveCard, CardElement } from './adaptiveCard';
import { adaptiveCard, heading, paragraph, sentenceCase } from './adaptiveCard';
import type { Vocabulary } from './checkInCard';

export type MyRock = Pick<Rock, 'id' | 'title' | 'status' | 'slotId' | 'successCriteria'>;

export interface MyRocksCardInput {
  rocks: MyRock[];
  vocabulary: Vocabulary;
  tabUrl: string;
  /** The policy's rock slots, to show each rock's theme (seed 001: Impact on Trust / Others / Self). */
  slots?: RockSlot[];
}

export function rockStatusText(status: RockStatus, vocabulary: Vocabulary): string {
  switch (status) {
    case 'draft':
      return 'Draft — not yet sent for agreement';
    case 'proposed':
      return `Waiting for your ${vocabulary.reviewer} to agree`;
    case 'agreed':
      return 'Agreed';
    case 'amended':
      return `Amended by your ${vocabulary.reviewer}: open it to accept the changes`;
    case 'completed':
      return 'Completed';
    case 'revise':
      return `Not agreed — your ${vocabulary.reviewer} asked you to revise it`;
    case 'escalated':
      return `With your ${vocabulary.reviewer}'s manager to decide`;
  }
}

export function buildMyRocksCard(input: MyRocksCardInput): AdaptiveCard {
  const { vocabulary } = input;
  const body: CardElement[] = [heading(`Your ${vocabulary.rocks}`)];
  if (input.rocks.length === 0) {
    body.push(paragraph(`You haven't written any ${vocabulary.rocks} yet. Open the tab to propose them to your ${vocabulary.reviewer}.`));
  }
  input.rocks.forEach((rock, i) => {
    const theme = input.slots?.find((s) => s.id === rock.slotId)?.theme;
    const done = rock.successCriteria.filter((c) => c.done).length;
    const total = rock.successCriteria.length;
    const items: CardElement[] = [
      paragraph(`${sentenceCase(vocabulary.rock)} ${i + 1}: ${rock.title}`, { weight: 'bolder' }),
      ...(theme ? [paragraph(theme, { isSubtle: true, spacing: 'none' as const })] : []),
      paragraph(rockStatusText(rock.status, vocabulary), { spacing: 'small', color: rock.status === 'agreed' || rock.status === 'completed' ? 'good' : 'warning' }),
      paragraph(total === 0 ? 'No success criteria yet' : `Success criteria: ${done} of ${total} done`, { spacing: 'small', isSubtle: true }),
    ];
    body.push({ type: 'Container', items, separator: i > 0, spacing: 'medium' });
  });
  return adaptiveCard(body, [{ type: 'Action.OpenUrl', title: `Open my ${vocabulary.rocks}`, url: input.tabUrl }]);
}
