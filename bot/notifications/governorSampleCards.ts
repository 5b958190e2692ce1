// OWNED BY the reports helper (issue 13). The reviewer's card for a governors' sample (seed 000 §3):
// each anonymised reflection of theirs in the sample, with Approve and Withhold. Nothing goes to
// governors until the reviewer and a PG admin have both approved it. Built from the sample as it
// is now, so a card sent late shows the decisions already made.
import type { GovernorSampleDto } from '../../shared/api';
import type { BotMessage, Organisation, Person } from '../../shared/domain';
import { TALENT_VERBS } from '../../shared/verbs';
import { adaptiveCard, heading, paragraph, type AdaptiveCard, type CardElement } from '../cards';
import { DomainError } from '../usecases/errors';
import { governorSampleView } from '../usecases/governorSample';
import type { ReviewCardServices } from './yearReviewCards';

const STATE_WORDS = { waiting: 'waiting', approved: 'approved', withheld: 'withheld' } as const;

export interface GovernorSampleCardState {
  error?: string;
  saved?: string;
}

function itemBlock(sample: GovernorSampleDto, item: GovernorSampleDto['items'][number]): CardElement {
  const decided = item.released
    ? 'Approved by you and a PG administrator: it is in the release.'
    : `Reviewer: ${STATE_WORDS[item.reviewer]} · PG administrator: ${STATE_WORDS[item.pgAdmin]}`;
  const actions: CardElement[] = item.canApproveAs
    ? [
        {
          type: 'ActionSet',
          actions: [
            { type: 'Action.Execute', title: 'Approve', verb: TALENT_VERBS.approveSample, data: { sampleId: sample.id, index: String(item.index), approved: 'yes' }, style: 'positive' },
            { type: 'Action.Execute', title: 'Withhold', verb: TALENT_VERBS.approveSample, data: { sampleId: sample.id, index: String(item.index), approved: 'no' } },
          ],
        },
      ]
    : [];
  return {
    type: 'Container',
    separator: true,
    spacing: 'medium',
    items: [paragraph(`Reflection ${item.index + 1}`, { weight: 'bolder' }), paragraph(item.text, { spacing: 'small' }), paragraph(decided, { isSubtle: true, spacing: 'small' }), ...actions],
  };
}

/** The card for a sample as its reader may see it (a reviewer: their items only). */
export function buildGovernorSampleCard(sample: GovernorSampleDto, state: GovernorSampleCardState = {}): AdaptiveCard {
  const { progress } = sample;
  return adaptiveCard([
    heading("Governors' sample of reflections: your approval"),
    paragraph(
      `Governors asked for an anonymised sample of Professional Growth reflections (${sample.cycle.label}). ${sample.items.length === 1 ? 'One reflection' : `${sample.items.length} reflections`} by people you review ${sample.items.length === 1 ? 'is' : 'are'} in it, with names, schools, emails and mentions replaced. Please check that nobody can be recognised, then approve or withhold each one. Nothing is released until you and a PG administrator approve it.`,
      { spacing: 'small' },
    ),
    ...(state.saved ? [paragraph(state.saved, { color: 'good' as const })] : []),
    ...(state.error ? [paragraph(state.error, { color: 'attention' as const })] : []),
    ...sample.items.map((item) => itemBlock(sample, item)),
    paragraph(`Whole sample: ${progress.released} of ${progress.total} released, ${progress.waiting} waiting, ${progress.withheld} withheld.`, { isSubtle: true, spacing: 'medium' }),
  ]);
}

export async function governorSampleMessageCard(
  services: ReviewCardServices,
  organisation: Organisation,
  recipient: Person,
  message: Extract<BotMessage, { kind: 'governor-sample' }>,
): Promise<AdaptiveCard | { skip: string }> {
  try {
    const sample = await governorSampleView(services.ctx, { person: recipient, organisation }, message.sampleId, { asReviewer: true });
    if (sample.view !== 'reviewer') return { skip: 'no items for this reviewer' };
    if (message.reason === 'approval-needed' && !sample.items.some((i) => i.canApproveAs)) return { skip: 'already decided' };
    return buildGovernorSampleCard(sample);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'notFound') return { skip: 'sample gone or not theirs' };
    throw err;
  }
}
