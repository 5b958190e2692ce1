// The card checks are only worth something if they fail on a broken card.
import { validateCard } from './validateCard';

const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...extra });

describe('validateCard', () => {
  it('accepts a plain card', () => {
    expect(validateCard(card([{ type: 'TextBlock', text: 'Hello', wrap: true }]))).toEqual([]);
  });

  it('reports a misspelt property that Teams would silently ignore', () => {
    expect(validateCard(card([{ type: 'Input.Text', id: 'www', label: 'What went well', isMultiLine: true }]))).toEqual(['Input.Text has unknown property "isMultiLine"']);
  });

  it('reports invalid values, unknown element types and missing labels', () => {
    const problems = validateCard(card([{ type: 'TextBlock', text: 'x', color: 'red' }, { type: 'Input.Txt', id: 'a' }, { type: 'Input.Text', id: 'b' }]));
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringContaining('Invalid value "red"'), expect.stringContaining('Unknown element type "Input.Txt"'), 'input b has no label']),
    );
  });

  it('reports a wrong version and an Action.Execute without a verb', () => {
    const problems = validateCard(card([], { version: '1.6', actions: [{ type: 'Action.Execute', title: 'Send' }] }));
    expect(problems).toEqual(expect.arrayContaining(['version is 1.6, not 1.5', 'Action.Execute "Send" has no verb']));
  });

  it('reports duplicate input ids', () => {
    const problems = validateCard(card([{ type: 'Input.Text', id: 'a', label: 'A' }, { type: 'Input.Text', id: 'a', label: 'A again' }]));
    expect(problems.join('\n')).toMatch(/Duplicate id/i);
  });
});
