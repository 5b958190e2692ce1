// Cards in the bot chat about rocks: a rock that moved (proposed, agreed, amended, sent back,
// escalated, decided, completed early), and the rock-setting deadline's prompt, reminder and
// overdue flag (seed 000 Appendix 4). Each opens the tab where the rock is written or agreed.
import type { Rock, RockNoticeKind, RockSlot } from '../../shared/domain';
import { VERBS } from '../../shared/verbs';
import type { AdaptiveCard, CardAction, CardElement } from './adaptiveCard';
import { adaptiveCard, heading, paragraph, sentenceCase } from './adaptiveCard';
import type { Vocabulary } from './checkInCard';
import { rockStatusText } from './myRocksCard';

export interface RockNoticeCardInput {
  rock: Pick<Rock, 'id' | 'version' | 'title' | 'description' | 'status' | 'slotId' | 'successCriteria' | 'reviewerNote' | 'escalation'>;
  change: RockNoticeKind;
  /** Who made the change. */
  byName: string;
  /** Whose rock it is. */
  ownerName: string;
  /** Whether the recipient is the owner (else their reviewer, or the manager deciding). */
  toOwner: boolean;
  vocabulary: Vocabulary;
  slots: RockSlot[];
  windowLabel?: string;
  tabUrl: string;
  /** After an action on this card: what happened (good), or why it could not (attention). The card's own actions go. */
  notice?: { text: string; tone: 'good' | 'attention' };
  /** A reason typed for "Not agreed — revise" that was turned back: kept in the box. */
  reasonDraft?: string;
}

/** The rock field the "Not agreed — revise" reason is typed into. */
export const ROCK_REASON_FIELD = 'reason';

/** "a rock", "an objective". */
function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

function headline(input: RockNoticeCardInput): string {
  const { change, byName, ownerName, vocabulary, toOwner } = input;
  const rock = vocabulary.rock;
  switch (change) {
    case 'proposed':
      return `${byName} proposed ${withArticle(rock)} for you to agree`;
    case 'agreed':
      return `${byName} agreed your ${rock}`;
    case 'amended':
      return `${byName} amended your ${rock}: see the changes and accept them`;
    case 'accepted':
      return `${byName} accepted your changes: their ${rock} is agreed`;
    case 'revise':
      return `${byName} didn't agree your ${rock} yet and asked you to revise it`;
    case 'escalated':
      return toOwner ? `Your ${rock} was taken to a manager` : `${ownerName} asked for a decision on their ${rock}`;
    case 'decided':
      return `${byName} decided ${toOwner ? 'your' : `${ownerName}'s`} ${rock}`;
    case 'completed':
      return `${byName} completed ${withArticle(rock)} early`;
  }
}

function whatNext(input: RockNoticeCardInput): string | undefined {
  const { change, vocabulary, rock, toOwner } = input;
  switch (change) {
    case 'proposed':
      return 'Agree it, amend it, or send it back to revise with a reason, in the tab.';
    case 'amended':
      return `Accept the amended ${vocabulary.rock} in the tab, edit it and propose again, or if you can't agree, take it to your ${vocabulary.reviewer}'s manager.`;
    case 'revise':
      return `Revise it in the tab and propose it again. If you can't agree, you can take it to your ${vocabulary.reviewer}'s manager.`;
    case 'escalated':
      return toOwner ? undefined : `They and their ${vocabulary.reviewer} couldn't agree it. Read both sides and agree the final version in the tab, or send it back to revise.`;
    case 'decided':
      return rock.status === 'agreed' ? 'It is agreed and will be on the check-ins.' : 'It goes back to be revised and proposed again.';
    case 'completed':
      return `Its place is free for another ${vocabulary.rock}: talk about what would be useful to focus on next.`;
    default:
      return undefined;
  }
}

export function buildRockNoticeCard(input: RockNoticeCardInput): AdaptiveCard {
  const { rock, vocabulary } = input;
  const theme = input.slots.find((s) => s.id === rock.slotId)?.theme;
  const facts = [
    ...(theme ? [{ title: 'Theme', value: theme }] : []),
    ...(input.windowLabel ? [{ title: 'For', value: input.windowLabel }] : []),
    { title: 'Now', value: rockStatusText(rock.status, vocabulary) },
  ];
  const body: CardElement[] = [
    heading(sentenceCase(headline(input))),
    paragraph(rock.title, { weight: 'bolder' }),
    ...(rock.description ? [paragraph(rock.description, { spacing: 'small' })] : []),
    { type: 'FactSet', facts },
  ];
  if (rock.successCriteria.length > 0) {
    body.push(paragraph('Success criteria', { weight: 'bolder', spacing: 'medium' }));
    rock.successCriteria.forEach((c) => body.push(paragraph(`• ${c.text}${c.targetDate ? ` (by ${c.targetDate})` : ''}`, { spacing: 'none' })));
  }
  const reason = input.change === 'escalated' ? rock.escalation?.reason : rock.reviewerNote;
  if (reason && input.change !== 'proposed' && input.change !== 'completed') body.push(paragraph(`"${reason}"`, { isSubtle: true, spacing: 'medium' }));
  const next = whatNext(input);
  if (next && !input.notice) body.push(paragraph(next, { spacing: 'medium' }));
  if (input.notice) body.unshift(paragraph(input.notice.text, { weight: 'bolder', color: input.notice.tone, spacing: 'none' }));
  const open: CardAction = { type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl };
  return adaptiveCard(body, [...(input.notice?.tone === 'good' ? [] : cardActions(input)), open]);
}

/** The reviewer agrees or sends back a proposed rock, the reviewee accepts an amendment, right in the chat. */
function cardActions(input: RockNoticeCardInput): CardAction[] {
  const { rock, toOwner, vocabulary } = input;
  const data = { rockId: rock.id, version: String(rock.version), change: input.change, byName: input.byName };
  if (!toOwner && rock.status === 'proposed' && input.change === 'proposed') {
    return [
      { type: 'Action.Execute', title: 'Agree', verb: VERBS.agreeRock, data, style: 'positive' },
      {
        type: 'Action.ShowCard',
        title: 'Not agreed — revise',
        card: {
          type: 'AdaptiveCard',
          body: [
            {
              type: 'Input.Text',
              id: ROCK_REASON_FIELD,
              label: 'What needs revising, and why?',
              isMultiline: true,
              maxLength: 2000,
              placeholder: `${input.ownerName} sees this, with the ${vocabulary.rock}`,
              ...(input.reasonDraft ? { value: input.reasonDraft } : {}),
            },
          ],
          actions: [{ type: 'Action.Execute', title: 'Send back to revise', verb: VERBS.sendBackRock, data }],
        },
      },
    ];
  }
  if (toOwner && rock.status === 'amended' && input.change === 'amended') {
    return [{ type: 'Action.Execute', title: 'Accept the changes', verb: VERBS.acceptRock, data, style: 'positive' }];
  }
  return [];
}

export type RockDeadlineStage = 'open' | 'reminder' | 'overdue';

export interface RockDeadlineCardInput {
  stage: RockDeadlineStage;
  /** The reviewer's copy of the overdue flag names their reviewee. */
  aboutName?: string;
  windowLabel: string;
  /** e.g. "Fri 31 Oct". */
  setByText: string;
  agreed: number;
  required: number;
  /** The schedule's rock-setting event, when the deadline is one (Truro's "Stage two: professional growth plan…"). */
  eventTitle?: string;
  vocabulary: Vocabulary;
  tabUrl: string;
}

export function buildRockDeadlineCard(input: RockDeadlineCardInput): AdaptiveCard {
  const { vocabulary: v, stage } = input;
  // A one-slot policy (Truro's growth commitment, Stour's growth project) sets one, not "them".
  const one = input.required === 1;
  const rocks = one ? v.rock : v.rocks;
  const [them, are] = one ? ['it', 'is'] : ['them', 'are'];
  const progress = `${input.agreed} of ${input.required} agreed so far.`;
  const lines: string[] = input.eventTitle ? [`${input.eventTitle}.`] : [];
  let title: string;
  if (input.aboutName) {
    title = `${input.aboutName}'s ${rocks} for ${input.windowLabel} ${are} overdue`;
    lines.push(`${one ? 'It was' : 'They were'} due to be agreed by ${input.setByText}. ${progress}`, `Find a time to agree ${them} together: proposed ones are waiting in the tab's My team.`);
  } else if (stage === 'open') {
    title = `Time to set your ${rocks} for ${input.windowLabel}`;
    lines.push(`Propose ${them} to your ${v.reviewer} and have ${them} agreed by ${input.setByText}.`, progress);
  } else if (stage === 'reminder') {
    title = `Your ${rocks} for ${input.windowLabel} ${are} due by ${input.setByText}`;
    lines.push(progress, `Propose what you have to your ${v.reviewer}: a draft agreed together beats a perfect one late.`);
  } else {
    title = `Your ${rocks} for ${input.windowLabel} ${are} overdue`;
    lines.push(`${one ? 'It was' : 'They were'} due to be agreed by ${input.setByText}. ${progress}`, `Your ${v.reviewer} has been told too, so you can agree ${them} together.`);
  }
  return adaptiveCard(
    [heading(title), ...lines.map((line, i) => paragraph(line, { spacing: i === 0 ? 'default' : 'small' }))],
    [{ type: 'Action.OpenUrl', title: input.aboutName ? 'Open My team' : `Open my ${v.rocks}`, url: input.tabUrl }],
  );
}
