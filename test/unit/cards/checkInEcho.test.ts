// A turned-back check-in card fits Teams' size whatever arrived, keeps all it can and says what it cut.
import { buildCheckInCard } from '../../../bot/cards/checkInCard';
import { buildKeptAnswersCard, CARD_BYTES_BUDGET, fitCheckInCard, problemsToShow } from '../../../bot/cards/checkInEcho';
import type { CheckInFormValues, FieldError } from '../../../bot/cards/checkInForm';
import { cardBytes } from '../../../bot/cards/endOfYearCards';
import { CHECK_IN_LIMITS } from '../../../shared/domain';
import { submittedCard } from '../../../bot/checkInViews';
import { buildOrganisation } from '../../support/builders';
import { buildCheckIn, buildEvent, buildPerson, buildRock, vocabulary } from './fixtures';
import { validateCard } from './validateCard';

const labels = { rockLabel: (id: string) => `Rock ${id.slice(0, 8)}` };
const errors: FieldError[] = [{ field: 'www', message: 'keep it under 1000 characters' }];
const rocks = Array.from({ length: 10 }, (_, i) => buildRock({ id: `rock-${i}`, title: `Rock title ${i}`, status: 'agreed' }));

function form(values: CheckInFormValues, notes: string[]) {
  return buildCheckInCard({ event: buildEvent(), eventTitle: 'Check in 6 · Fri 27 Feb', person: buildPerson(), rocks, values, errors: problemsToShow(errors), notes, windowOpen: true, vocabulary });
}

/** Every field at its limit in characters that take three bytes each (and ten rocks). */
function atLimits(char: string, over = 0): CheckInFormValues {
  return {
    www: char.repeat(CHECK_IN_LIMITS.www + over),
    ebi: char.repeat(CHECK_IN_LIMITS.ebi + over),
    whatsNext: char.repeat(CHECK_IN_LIMITS.whatsNext + over),
    praiseMessage: char.repeat(CHECK_IN_LIMITS.praiseMessage + over),
    rockProgress: Object.fromEntries(rocks.map((r) => [r.id, char.repeat(CHECK_IN_LIMITS.rockProgress + over)])),
    praiseIds: Array.from({ length: 20 }, (_, i) => `${char.repeat(190)}${i}`),
    score: '7',
  };
}

describe('fitCheckInCard', () => {
  it('keeps short answers whole, with no note', () => {
    const card = fitCheckInCard({ www: 'Short', ebi: 'Also short' }, form, labels);
    expect(JSON.stringify(card)).toContain('Also short');
    expect(JSON.stringify(card)).not.toContain('We kept the first');
  });

  it('fits Teams whatever the answers hold: cut down, each cut field named, still a valid card', () => {
    for (const values of [atLimits('語'), atLimits('語', 5000), atLimits('\u0001'), atLimits('"')]) {
      const card = fitCheckInCard(values, form, labels);
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTES_BUDGET);
      expect(validateCard(card)).toEqual([]);
      const text = JSON.stringify(card);
      const kept = /We kept the first ([\d,]+) characters of What went well; the rest was not saved\./.exec(text);
      expect(kept).not.toBeNull();
      expect(text).toContain(`"value":${JSON.stringify(values.www!.slice(0, Number(kept![1]!.replace(',', ''))))}`);
    }
  });

  it('never cuts an emoji in half', () => {
    const values = { www: `${'a'.repeat(999)}🎉${'b'.repeat(10)}`, ebi: 'z'.repeat(30_000) };
    const card = fitCheckInCard(values, (v, notes) => buildKeptAnswersCard({ errors, values: v, notes, labels }), labels);
    const text = JSON.stringify(card);
    expect(text).toContain(`"${'a'.repeat(999)}"`);
    expect(text).not.toMatch(/\\ud83c/i);
    expect(text).toContain('We kept the first 999 characters of What went well');
  });

  it('lists at most a dozen problems and says how many more', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ field: `rock:r${i}`, message: 'not one of your agreed rocks' }));
    const shown = problemsToShow(many);
    expect(shown).toHaveLength(12);
    expect(shown[11]!.message).toBe('…and 1,989 more problems like these.');
  });
});

describe('the submitted card', () => {
  it('shows long answers in part to fit Teams, saying the whole is saved, and short ones whole', () => {
    const organisation = buildOrganisation({});
    const long = '語'.repeat(CHECK_IN_LIMITS.www);
    const rockProgress = rocks.map((r) => ({ rockId: r.id, rockTitle: r.title, progress: long }));
    const now = new Date('2026-02-27T12:00:00Z');
    const big = submittedCard({ organisation, event: buildEvent(), person: buildPerson(), rocks, now, checkIn: buildCheckIn({ answers: { www: long, ebi: long, whatsNext: long, rockProgress } }) });
    expect(cardBytes(big)).toBeLessThanOrEqual(CARD_BYTES_BUDGET);
    expect(JSON.stringify(big)).toContain('everything you wrote was saved');
    const small = submittedCard({ organisation, event: buildEvent(), person: buildPerson(), rocks, now, checkIn: buildCheckIn({ answers: { www: 'Short', ebi: '', whatsNext: '', rockProgress: [] } }) });
    expect(JSON.stringify(small)).not.toContain('shown in part');
  });
});
