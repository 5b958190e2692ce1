import { buildErrorCard } from '../../../bot/cards/errorCard';
import { buildHelpCard } from '../../../bot/cards/helpCard';
import { buildMyRocksCard } from '../../../bot/cards/myRocksCard';
import { buildNextWindowCard } from '../../../bot/cards/nextWindowCard';
import { buildNotInDirectoryCard, buildWelcomeCard } from '../../../bot/cards/welcomeCard';
import { BOT_COMMANDS } from '../../../bot/cards/commands';
import { buildRock, vocabulary } from './fixtures';
import { cardText, findAll, validateCard } from './validateCard';

const tabUrl = 'https://teams.microsoft.com/l/entity/00000000-0000-0000-0000-000000000000/growth';

function openUrls(card: unknown): string[] {
  return findAll(card, (o) => o.type === 'Action.OpenUrl').map((a) => String(a.url));
}

describe('buildWelcomeCard', () => {
  const card = buildWelcomeCard({ personName: 'Amira Khan', vocabulary, tabUrl, reviewerName: 'Carol Jones', rhythm: 'every other Friday' });

  it('is a valid Adaptive Card 1.5', () => {
    expect(validateCard(card)).toEqual([]);
    expect(card).toMatchSnapshot();
  });

  it('explains the rhythm, who sees the answers, and the commands, and links to the tab', () => {
    const text = cardText(card);
    expect(text).toContain('Welcome, Amira');
    expect(text).toMatch(/Every other Friday/);
    expect(text).toMatch(/ten minutes/);
    expect(text).toContain('your reviewer, Carol Jones');
    expect(text).toMatch(/Nobody else reads them/);
    for (const command of Object.values(BOT_COMMANDS)) expect(text).toContain(command);
    expect(openUrls(card)).toEqual([tabUrl]);
  });
});

describe('buildWelcomeCard for a trust with another rhythm (policy.checkIns.rhythm)', () => {
  it("says the trust's own rhythm and no other", () => {
    const text = cardText(buildWelcomeCard({ personName: 'Amira Khan', vocabulary, tabUrl, rhythm: 'once every half term' }));
    expect(text).toContain('Once every half term I\'ll send you');
    expect(text).toContain('they come once every half term');
    expect(text).not.toMatch(/Friday|fortnight/i);
  });
});

describe('buildNotInDirectoryCard', () => {
  it('says plainly what is wrong and whom to ask', () => {
    const card = buildNotInDirectoryCard({ personName: 'Sam Lee', contact: 'your PG administrator (pg@trust.example)' });
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain("You're not in the staff directory yet");
    expect(text).toContain('Please ask your PG administrator (pg@trust.example) to add you');
    expect(card).toMatchSnapshot();
  });
});

describe('buildHelpCard', () => {
  it('lists the commands', () => {
    const card = buildHelpCard({ vocabulary, tabUrl });
    expect(validateCard(card)).toEqual([]);
    for (const command of Object.values(BOT_COMMANDS)) expect(cardText(card)).toContain(command);
    expect(openUrls(card)).toEqual([tabUrl]);
    expect(card).toMatchSnapshot();
  });
});

describe('buildMyRocksCard', () => {
  const rocks = [
    buildRock(),
    buildRock({ id: 'rock-2', slotId: 'others', title: 'Coach two ECTs', status: 'proposed', successCriteria: [] }),
  ];
  const slots = [
    { id: 'trust', theme: 'Impact on Trust' },
    { id: 'others', theme: 'Impact on Others' },
  ];

  it('shows each rock with its status and success criteria done out of total', () => {
    const card = buildMyRocksCard({ rocks, vocabulary, tabUrl, slots });
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Rock 1: Improve written feedback in Year 9 maths');
    expect(text).toContain('Impact on Trust');
    expect(text).toContain('Agreed');
    expect(text).toContain('Success criteria: 1 of 2 done');
    expect(text).toContain('Waiting for your reviewer to agree');
    expect(text).toContain('No success criteria yet');
    expect(openUrls(card)).toEqual([tabUrl]);
    expect(card).toMatchSnapshot();
  });

  it('points to the tab when there are no rocks', () => {
    const card = buildMyRocksCard({ rocks: [], vocabulary, tabUrl });
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain("You haven't written any rocks yet");
  });
});

describe('buildNextWindowCard', () => {
  it('names the next check-in and when it opens', () => {
    const card = buildNextWindowCard({ vocabulary, next: { title: 'Check in 7', opens: 'Mon 9 Mar at 08:00' } });
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('No check-in is open right now; the next one, Check in 7, opens Mon 9 Mar at 08:00.');
  });

  it('says when none are left this year', () => {
    expect(cardText(buildNextWindowCard({ vocabulary }))).toContain('there are no more scheduled this year');
  });
});

describe('buildErrorCard', () => {
  it('shows the error id', () => {
    const card = buildErrorCard({ errorId: 'err_7f3a9c' });
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('quote this error id: err_7f3a9c');
    expect(card).toMatchSnapshot();
  });

  it('shows a domain error in its own words', () => {
    expect(cardText(buildErrorCard({ errorId: 'err_1', message: 'This check-in has closed.' }))).toContain('This check-in has closed.');
  });
});
