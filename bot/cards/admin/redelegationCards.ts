// "reviewer <person> to <new reviewer> because <reason>" in the admin channel: the preview to
// confirm, naming both people and the reason (seed 000 §5).
import { ADMIN_VERBS } from '../../../shared/verbs';
import { heading, paragraph } from '../adaptiveCard';
import { adminCard, execute, type AdminCard } from './adminCard';

export interface RedelegationCardInput {
  title: string;
  lines: string[];
  confirmData: Record<string, string>;
  notice?: string;
}

export function buildRedelegationPreviewCard(input: RedelegationCardInput): AdminCard {
  return adminCard(
    [
      heading(input.title),
      ...(input.notice ? [paragraph(input.notice, { color: 'warning' })] : []),
      ...input.lines.map((line) => paragraph(line, { spacing: 'small' })),
    ],
    [execute('Confirm', ADMIN_VERBS.confirmRedelegation, input.confirmData, 'positive')],
  );
}
