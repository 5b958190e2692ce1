// Checks a card the way a client would read it: the adaptivecards SDK parses it as 1.5 and reports
// every parse and validation event, and any property the SDK does not know (a typo Teams would
// silently ignore) is reported too.
import type * as AdaptiveCards from 'adaptivecards';

// The package's main entry needs a DOM; the prebuilt bundle loads in Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

// Teams' dynamic typeahead (`choices.data`) works on cards of any version (Microsoft's own example is a
// 1.2 card); the SDK dates it 1.6 and expects static choices because its web renderer has no search.
const TEAMS_TYPEAHEAD_TOLERATED = [
  'Property "choices.data" is supported in version 1.6, but you are using version 1.5.',
  'An Input.ChoiceSet must have at least one choice defined.',
];

// Containers hold their children in these (an Action.ShowCard its card); the SDK parses them outside its property schema.
const STRUCTURAL_KEYS = new Set(['items', 'columns', 'actions', 'body', 'facts', 'choices', 'card']);
const ROOT_KEYS = new Set(['type', '$schema', 'version', 'body', 'actions']);

export function validateCard(json: unknown): string[] {
  const problems: string[] = [];
  const card = json as Record<string, unknown>;
  if (card.type !== 'AdaptiveCard') problems.push(`type is ${String(card.type)}`);
  if (card.version !== '1.5') problems.push(`version is ${String(card.version)}, not 1.5`);
  for (const key of Object.keys(card)) if (!ROOT_KEYS.has(key)) problems.push(`unknown card property "${key}"`);
  const hasTypeahead = JSON.stringify(json).includes('"choices.data"');

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const unknownKeys = (object: AdaptiveCards.CardObject, source: Record<string, unknown>) => {
    const schema = object.getSchema();
    const known = new Set<string>();
    for (let i = 0; i < schema.getCount(); i++) known.add(schema.getItemAt(i).name);
    for (const key of Object.keys(source)) {
      if (!known.has(key) && !STRUCTURAL_KEYS.has(key)) problems.push(`${object.getJsonTypeName()} has unknown property "${key}"`);
    }
  };
  context.onParseElement = (element, source) => unknownKeys(element, source as Record<string, unknown>);
  context.onParseAction = (action, source) => unknownKeys(action, source as Record<string, unknown>);

  const parsed = new AC.AdaptiveCard();
  parsed.parse(json, context);
  const tolerated = (message: string) => hasTypeahead && TEAMS_TYPEAHEAD_TOLERATED.includes(message);
  for (let i = 0; i < context.eventCount; i++) {
    const message = context.getEventAt(i).message;
    if (!tolerated(message)) problems.push(`parse: ${message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    if (!tolerated(event.message)) problems.push(`validate: ${event.message}`);
  }
  for (const input of findAll(json, (o) => typeof o.type === 'string' && o.type.startsWith('Input.'))) {
    if (typeof input.label !== 'string' || input.label === '') problems.push(`input ${String(input.id)} has no label`);
  }
  for (const action of findAll(json, (o) => o.type === 'Action.Execute')) {
    // Universal Actions route on the verb; without one the bot cannot tell what was pressed.
    if (typeof action.verb !== 'string' || action.verb === '') problems.push(`Action.Execute "${String(action.title)}" has no verb`);
  }
  return problems;
}

/** Every object in the card (elements, actions, choices…) that matches. */
export function findAll(json: unknown, match: (o: Record<string, unknown>) => boolean): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (match(o)) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(json);
  return found;
}

export function findById(json: unknown, id: string): Record<string, unknown> | undefined {
  return findAll(json, (o) => o.id === id)[0];
}

export function executeActions(json: unknown): Record<string, unknown>[] {
  return findAll(json, (o) => o.type === 'Action.Execute');
}

/** All text shown on the card, for "does it say…" assertions. */
export function cardText(json: unknown): string {
  return findAll(json, (o) => o.type === 'TextBlock')
    .map((t) => String(t.text))
    .concat(findAll(json, (o) => typeof o.title === 'string' && typeof o.value === 'string' && !('type' in o)).map((f) => `${String(f.title)} ${String(f.value)}`))
    .join('\n');
}
