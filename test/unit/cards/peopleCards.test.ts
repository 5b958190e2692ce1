// The handover card (seed 002 §7.4) and the redelegation preview (seed 000 §5) are valid Adaptive
// Cards 1.5, and say what a reviewer or an admin needs to act on.
import { buildHandoverCard } from '../../../bot/cards';
import { buildRedelegationPreviewCard } from '../../../bot/cards/admin';
import { ADMIN_VERBS, VERBS } from '../../../shared/verbs';
import { cardText, executeActions, validateCard } from './validateCard';

const handover = { personId: 'p-alex', personName: 'Alex Wilber', handoverId: 'h-1', fromSchool: 'Central Team', toSchool: 'North School', checkInWord: 'check-in', timezone: 'Europe/London' };

describe('handover card', () => {
  it('asks for a final check-in before the move, with one button to say it happened', () => {
    const card = buildHandoverCard(handover);
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Central Team → North School');
    expect(executeActions(card)).toEqual([expect.objectContaining({ verb: VERBS.completeHandover, data: { personId: 'p-alex', handoverId: 'h-1' } })]);
  });

  it('says when it was done, and offers nothing more', () => {
    const card = buildHandoverCard({ ...handover, doneAt: new Date('2026-03-02T10:00:00Z') });
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Done on 2 Mar 2026');
    expect(executeActions(card)).toEqual([]);
  });
});

describe('redelegation preview card', () => {
  it('lists what will change and confirms with the data it was previewed with', () => {
    const card = buildRedelegationPreviewCard({ title: "Check and confirm: Alex Wilber's new reviewer", lines: ["Alex Wilber's reviewer: Rita → Sam.", 'Reason: Rita moves'], confirmData: { personId: 'p-alex', digest: 'abc' } });
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Reason: Rita moves');
    expect(executeActions(card)).toEqual([expect.objectContaining({ verb: ADMIN_VERBS.confirmRedelegation, data: { personId: 'p-alex', digest: 'abc' } })]);
  });
});
