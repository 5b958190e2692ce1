import { VERBS } from '../../../shared/verbs';
import { buildCheckInSubmittedCard, type CheckInSubmittedCardInput } from '../../../bot/cards/checkInConfirmationCard';
import { buildCheckIn, buildEvent, buildRock, vocabulary } from './fixtures';
import { cardText, executeActions, validateCard } from './validateCard';

const ackAt = new Date('2026-03-02T09:00:00Z');

function input(overrides: Partial<CheckInSubmittedCardInput> = {}): CheckInSubmittedCardInput {
  return {
    checkIn: buildCheckIn(),
    event: buildEvent(),
    eventTitle: 'Check in 6 · Fri 27 Feb',
    personName: 'Amira Khan',
    rocks: [buildRock()],
    praisedNames: ['Ben Osei'],
    windowOpen: true,
    vocabulary,
    reviewerName: 'Carol Jones',
    ...overrides,
  };
}

describe('buildCheckInSubmittedCard', () => {
  it('is a valid Adaptive Card 1.5', () => {
    const card = buildCheckInSubmittedCard(input());
    expect(card.version).toBe('1.5');
    expect(validateCard(card)).toEqual([]);
    expect(card).toMatchSnapshot();
  });

  it('thanks the person by first name and shows what they sent, leaving out empty answers', () => {
    const text = cardText(buildCheckInSubmittedCard(input()));
    expect(text).toContain('Thanks, Amira — your check-in is in');
    expect(text).toContain('Year 9 set 3 used the feedback sheet without prompting');
    expect(text).toContain('Try the same sheet with Year 8');
    expect(text).toContain('Rock: Improve written feedback in Year 9 maths');
    expect(text).toContain('sheet, routine, responses');
    expect(text).toContain('Score out of 10\n7');
    expect(text).not.toContain('Even better if');
  });

  it('says whether it was on time or late', () => {
    expect(cardText(buildCheckInSubmittedCard(input()))).toContain('Check in 6 · Fri 27 Feb · On time');
    expect(cardText(buildCheckInSubmittedCard(input({ timeliness: 'late' })))).toContain('Check in 6 · Fri 27 Feb · Late');
  });

  it('lists the colleagues praised', () => {
    expect(cardText(buildCheckInSubmittedCard(input({ praisedNames: ['Ben Osei', 'Dee Patel', 'Eli Wong'] })))).toContain('You praised Ben Osei, Dee Patel and Eli Wong');
  });

  it('reports praise for names nobody in the directory has', () => {
    const card = buildCheckInSubmittedCard(input({ unknownPraise: ['Mr Smithh'] }));
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain("We couldn't find Mr Smithh in the staff directory — nobody was praised by that name.");
  });

  it('offers Edit, with the shared verb, only while the window is open', () => {
    expect(executeActions(buildCheckInSubmittedCard(input()))).toEqual([
      expect.objectContaining({ title: 'Edit', verb: VERBS.editCheckIn, data: { checkInId: 'checkin-1', eventId: 'event-check-in-6' } }),
    ]);
    const closed = buildCheckInSubmittedCard(input({ windowOpen: false }));
    expect(validateCard(closed)).toEqual([]);
    expect(executeActions(closed)).toEqual([]);
  });

  it("shows where the reviewer has got to", () => {
    expect(cardText(buildCheckInSubmittedCard(input()))).toContain('Waiting for Carol Jones to acknowledge');
    expect(cardText(buildCheckInSubmittedCard(input({ reviewerName: undefined })))).toContain('Waiting for your reviewer to acknowledge');

    const acknowledged = buildCheckIn({ acknowledgement: { byPersonId: 'person-carol', at: ackAt } });
    expect(cardText(buildCheckInSubmittedCard(input({ checkIn: acknowledged, acknowledgement: { byName: 'Carol Jones', when: 'Mon 2 Mar' } })))).toContain(
      'Acknowledged by Carol Jones on Mon 2 Mar',
    );

    const responded = buildCheckIn({
      acknowledgement: { byPersonId: 'person-carol', at: ackAt },
      reviewerResponse: { byPersonId: 'person-carol', at: ackAt, text: 'Great to see the sheet sticking', anchor: 'www' },
    });
    const card = buildCheckInSubmittedCard(input({ checkIn: responded }));
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Acknowledged by Carol Jones · response: "Great to see the sheet sticking"');
    expect(card).toMatchSnapshot();
  });
});
