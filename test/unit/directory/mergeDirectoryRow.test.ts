// A directory re-import never wipes what it does not carry (issue 14): absent column or empty cell
// keeps, "-" clears, and a change of reviewer is added to the person's reviewer history.
import { mergeDirectoryRow, parseDirectoryFile } from '../../../bot/usecases/directory';
import { buildPerson } from '../policy/builders';

const NOW = new Date('2026-03-02T09:00:00Z');
const stored = buildPerson({
  id: 'p-alex',
  email: 'alexw@example.com',
  displayName: 'Alex Wilber',
  school: 'Central Team',
  roleCategory: 'teacher',
  reviewerId: 'p-megan',
  roles: ['smt'],
  startedOn: '2019-09-01',
  contractEndsOn: '2027-08-31',
  workingPattern: 'part-time 0.6',
  status: 'paused',
  statusReason: 'support plan',
});
const ids = new Map([
  ['alexw@example.com', 'p-alex'],
  ['meganb@example.com', 'p-megan'],
  ['pattif@example.com', 'p-patti'],
]);
const merge = (csv: string) => mergeDirectoryRow(stored, parseDirectoryFile(csv, 'csv')[0]!, { organisationId: stored.organisationId, id: 'p-alex', idByEmail: ids, now: NOW });

describe('mergeDirectoryRow', () => {
  it("reads an HR file's leaving date (issue 16): once it has come they are a leaver, before it they stay active", () => {
    const left = merge('name,email,status,Leaving date\nAlex Wilber,alexw@example.com,,2026-02-28\n');
    expect(left).toMatchObject({ status: 'excluded', statusReason: 'left: on 2026-02-28 (leaving date in the HR file)', leftOn: '2026-02-28' });
    const leaving = merge('name,email,status,Leaving date\nAlex Wilber,alexw@example.com,active,2026-07-31\n');
    expect(leaving).toMatchObject({ status: 'active', leftOn: '2026-07-31' });
    const notYet = merge('name,email,Leaving date\nAlex Wilber,alexw@example.com,2026-07-31\n');
    expect(notYet).toMatchObject({ status: 'paused', statusReason: 'support plan', leftOn: '2026-07-31' });
    expect(() => parseDirectoryFile('name,email,Leaving date\nAlex Wilber,alexw@example.com,31/07/2026\n', 'csv')).toThrow(/leaving date: use a date like 2026-09-01/);
  });

  it('keeps every field a file has no column for', () => {
    const after = merge('name,email\nAlex Wilber,alexw@example.com\n');
    expect(after).toMatchObject({ school: 'Central Team', roleCategory: 'teacher', reviewerId: 'p-megan', roles: ['smt'], startedOn: '2019-09-01', contractEndsOn: '2027-08-31', workingPattern: 'part-time 0.6', status: 'paused', statusReason: 'support plan' });
    expect(after.reviewerHistory).toBeUndefined();
  });

  it('keeps a field whose cell is empty, and clears one whose cell is "-"', () => {
    const after = merge('name,email,reviewer,roles,startDate,contractEnd,workingPattern,status,statusReason\nAlex Wilber,alexw@example.com,,-,,-,,active,-\n');
    expect(after).toMatchObject({ reviewerId: 'p-megan', roles: [], startedOn: '2019-09-01', workingPattern: 'part-time 0.6', status: 'active' });
    expect(after.contractEndsOn).toBeUndefined();
    expect(after.statusReason).toBeUndefined();
  });

  it('takes what a cell says, and records a change of reviewer', () => {
    const after = merge('name,email,reviewer,start date,contract end,working pattern\nAlex Wilber,alexw@example.com,pattif@example.com,2020-01-06,2028-07-31,full-time\nPatti Fernandez,pattif@example.com,,,,\n');
    expect(after).toMatchObject({ reviewerId: 'p-patti', startedOn: '2020-01-06', contractEndsOn: '2028-07-31', workingPattern: 'full-time' });
    expect(after.reviewerHistory).toEqual([{ role: 'reviewer', personId: 'p-megan', nextPersonId: 'p-patti', until: NOW, reason: 'changed by a directory import', source: 'directory-import' }]);
  });

  it('gives a new person the defaults', () => {
    const row = parseDirectoryFile('name,email\nIvy Starter,ivys@example.com\n', 'csv')[0]!;
    const after = mergeDirectoryRow(undefined, row, { organisationId: 'org', id: 'p-ivy', idByEmail: ids, now: NOW });
    expect(after).toMatchObject({ school: '', roleCategory: 'staff', roles: [], status: 'active', reachable: true, createdAt: NOW });
  });

  it('reads the same columns from a JSON file, null clearing', () => {
    const [row] = parseDirectoryFile(JSON.stringify([{ name: 'Alex Wilber', email: 'alexw@example.com', contractEnd: null, workingPattern: 'full-time' }]), 'json');
    const after = mergeDirectoryRow(stored, row!, { organisationId: stored.organisationId, id: 'p-alex', idByEmail: ids, now: NOW });
    expect(after.contractEndsOn).toBeUndefined();
    expect(after).toMatchObject({ workingPattern: 'full-time', startedOn: '2019-09-01' });
  });

  it('makes someone an earlier import marked as left active again when they are back in the file', () => {
    const left = { ...stored, status: 'excluded' as const, statusReason: 'left: not in the staff directory imported on 2026-01-05' };
    for (const csv of ['name,email\nAlex Wilber,alexw@example.com\n', 'name,email,status\nAlex Wilber,alexw@example.com,active\n']) {
      const after = mergeDirectoryRow(left, parseDirectoryFile(csv, 'csv')[0]!, { organisationId: stored.organisationId, id: 'p-alex', idByEmail: ids, now: NOW });
      expect(after.status).toBe('active');
      expect(after.statusReason).toBeUndefined();
    }
  });
});
