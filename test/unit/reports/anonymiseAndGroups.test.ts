// The two rules the anonymised reports stand on (seed 000 §3): the governors' sample text keeps no
// directory name, email, mention or school, without eating ordinary words that merely contain a
// name; and the minimum group size merges and suppresses groups so no group under 5 is shown.
import { anonymiser } from '../../../bot/usecases/governorSample';
import { cell, groupForReport, rate } from '../../../bot/usecases/reports';

describe('anonymiser', () => {
  const anonymise = anonymiser({ name: 'Riverside Learning Trust' }, [
    { displayName: 'Tom Baker', email: 'tom.baker@riverside.example', school: 'Northfield Academy' },
    { displayName: "Siobhan O'Neil", email: 'soneil@riverside.example', school: 'St Mary’s School' },
    { displayName: 'Ann Lee', email: 'ann.lee@riverside.example', school: '' },
  ]);

  it('replaces full names, first names and surnames in any case, and possessives', () => {
    expect(anonymise("TOM baker and Siobhan O'Neil met; Baker's class; tom helped")).toBe("[colleague] and [colleague] met; [colleague]'s class; [colleague] helped");
  });

  it('leaves words that only contain a name', () => {
    expect(anonymise('Tomatoes, annual plans, bakery and Leeds')).toBe('Tomatoes, annual plans, bakery and Leeds');
  });

  it('replaces emails, Teams mentions, @names (in the directory or not), schools and the organisation', () => {
    expect(anonymise('Mail soneil@riverside.example or <at id="0">Ann Lee</at>; ask @Zed. At St Mary’s School and northfield academy (Riverside Learning Trust).')).toBe(
      'Mail [colleague] or [colleague]; ask [colleague]. At [school] and [school] ([school]).',
    );
  });
});

describe('minimum group size', () => {
  const items = (label: string, n: number) => Array.from({ length: n }, () => label);
  const groups = (sizes: Record<string, number>, min = 5) =>
    groupForReport(Object.entries(sizes).flatMap(([l, n]) => items(l, n)), (x) => x, min, 'Other').map((g) => [g.label, g.members.length, g.suppressed]);

  it('shows groups of at least the minimum alone and combines smaller ones', () => {
    expect(groups({ A: 7, B: 2, C: 3 })).toEqual([['A', 7, false], ['Other', 5, false]]);
  });

  it('grows a combined group under the minimum with the next smallest group', () => {
    expect(groups({ A: 9, B: 6, C: 3 })).toEqual([['A', 9, false], ['Other', 9, false]]);
  });

  it('suppresses everything when the whole population is under the minimum', () => {
    expect(groups({ A: 3, B: 1 })).toEqual([['Other', 4, true]]);
  });

  it('shows counts of 1 to 4 as "fewer than 5" and hides their rate', () => {
    expect([cell(0, 5), cell(4, 5), cell(5, 5)]).toEqual([{ count: 0, text: '0' }, { count: null, text: 'fewer than 5' }, { count: 5, text: '5' }]);
    expect([rate(3, 10, 5).percent, rate(6, 8, 5).text, rate(0, 0, 5).text]).toEqual([null, '75%', '—']);
  });
});
