// Admin cards need inputs the member-facing cards do not (dates, times, numbers); these extend the
// typed Adaptive Card 1.5 slice in ../adaptiveCard.ts for bot/admin only.
import type { ActionExecute, AdaptiveCard, CardAction, CardElement, Spacing, TextBlock } from '../adaptiveCard';

export interface InputDate {
  type: 'Input.Date';
  id: string;
  label: string;
  value?: string;
  min?: string;
  max?: string;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: Spacing;
}

export interface InputTime {
  type: 'Input.Time';
  id: string;
  label: string;
  value?: string;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: Spacing;
}

export interface InputNumber {
  type: 'Input.Number';
  id: string;
  label: string;
  value?: number;
  min?: number;
  max?: number;
  placeholder?: string;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: Spacing;
}

export type AdminElement = CardElement | InputDate | InputTime | InputNumber | AdminContainer;

export interface AdminContainer {
  type: 'Container';
  items: AdminElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  spacing?: Spacing;
  separator?: boolean;
}

export interface AdminCard extends Omit<AdaptiveCard, 'body'> {
  body: AdminElement[];
}

export function adminCard(body: AdminElement[], actions: CardAction[] = []): AdminCard {
  const card: AdminCard = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body };
  if (actions.length > 0) card.actions = actions;
  return card;
}

export function execute(title: string, verb: string, data: Record<string, string> = {}, style?: ActionExecute['style']): ActionExecute {
  return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}) };
}

export function bullets(lines: readonly string[], extra: Partial<TextBlock> = {}): TextBlock[] {
  return lines.length === 0 ? [] : [{ type: 'TextBlock', text: lines.map((l) => `- ${l}`).join('\n'), wrap: true, ...extra }];
}
