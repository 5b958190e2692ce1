// The slice of the Adaptive Card 1.5 schema these builders use, typed so a misspelt property fails to
// compile rather than being silently ignored by Teams. `choices.data` is Teams' dynamic typeahead.

export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
  weight?: 'lighter' | 'default' | 'bolder';
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: Spacing;
  separator?: boolean;
  style?: 'default' | 'heading';
  id?: string;
}

export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
  spacing?: Spacing;
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  spacing?: Spacing;
  separator?: boolean;
  id?: string;
}

export interface Column {
  type: 'Column';
  items: CardElement[];
  width?: 'auto' | 'stretch' | string;
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
}

export interface ColumnSet {
  type: 'ColumnSet';
  columns: Column[];
  spacing?: Spacing;
}

export interface InputText {
  type: 'Input.Text';
  id: string;
  label: string;
  placeholder?: string;
  value?: string;
  maxLength?: number;
  isMultiline?: boolean;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: Spacing;
}

export interface Choice {
  title: string;
  value: string;
}

export interface DataQuery {
  type: 'Data.Query';
  dataset: string;
}

export interface InputChoiceSet {
  type: 'Input.ChoiceSet';
  id: string;
  label: string;
  choices: Choice[];
  'choices.data'?: DataQuery;
  style?: 'compact' | 'expanded' | 'filtered';
  isMultiSelect?: boolean;
  placeholder?: string;
  value?: string;
  isRequired?: boolean;
  errorMessage?: string;
  wrap?: boolean;
  spacing?: Spacing;
}

export interface ActionExecute {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data?: Record<string, string>;
  style?: 'default' | 'positive' | 'destructive';
}

export interface ActionOpenUrl {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

/** Opens a card inline under the button; used for the reviewer's response form. */
export interface ActionShowCard {
  type: 'Action.ShowCard';
  title: string;
  card: Omit<AdaptiveCard, '$schema' | 'version' | 'refresh'> & { version?: '1.5' };
}

export type CardAction = ActionExecute | ActionOpenUrl | ActionShowCard;

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: Spacing;
}

export type CardElement = TextBlock | FactSet | Container | ColumnSet | InputText | InputChoiceSet | ActionSet;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  /** Universal Actions: Teams asks the bot for a fresh view when one of these users sees the card (≤ 60 ids). */
  refresh?: { action: ActionExecute; userIds?: string[] };
}

export function adaptiveCard(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  const card: AdaptiveCard = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body };
  if (actions.length > 0) card.actions = actions;
  return card;
}

export function heading(text: string): TextBlock {
  return { type: 'TextBlock', text, wrap: true, size: 'large', weight: 'bolder', style: 'heading' };
}

export function paragraph(text: string, extra: Partial<Omit<TextBlock, 'type' | 'text'>> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/** Capitalises a policy word for the start of a sentence ("rock" → "Rock"). */
export function sentenceCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The name people use to greet someone; directories sometimes hold "Surname, Forename". */
export function firstName(displayName: string): string {
  const name = displayName.includes(',') ? (displayName.split(',')[1] ?? '') : displayName;
  return name.trim().split(/\s+/)[0] || displayName.trim();
}
