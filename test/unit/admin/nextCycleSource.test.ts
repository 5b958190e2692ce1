// The next cycle's source rides in card data, which can be old or forged: read it back with care.
import { nextCycleSourceOf } from '../../../bot/admin/importSources';

describe('nextCycleSourceOf', () => {
  it("reads the choices card's buttons with their inputs", () => {
    expect(nextCycleSourceOf({ sourceKind: 'roll-forward', packId: 'tsfe-2026-27', table: '' })).toEqual({ kind: 'roll-forward' });
    expect(nextCycleSourceOf({ sourceKind: 'pack', packId: 'tsfe-2026-27' })).toEqual({ kind: 'pack', packId: 'tsfe-2026-27' });
    expect(nextCycleSourceOf({ sourceKind: 'table', table: '13/11/2026\tFriday\tCheck in 1\t0.25' })).toEqual({ kind: 'table', table: { kind: 'text', text: '13/11/2026\tFriday\tCheck in 1\t0.25' } });
  });

  it("reads the Confirm's JSON source, a posted file included", () => {
    const file = { kind: 'table', table: { kind: 'file', url: 'https://example.sharepoint.com/f.csv', name: 'f.csv', format: 'csv' } };
    expect(nextCycleSourceOf({ source: JSON.stringify(file) })).toEqual(file);
    expect(nextCycleSourceOf({ source: JSON.stringify({ kind: 'pack', packId: 'tsfe-2026-27' }) })).toEqual({ kind: 'pack', packId: 'tsfe-2026-27' });
  });

  it('gives nothing for data it cannot trust', () => {
    expect(nextCycleSourceOf({})).toBeUndefined();
    expect(nextCycleSourceOf({ sourceKind: 'pack' })).toBeUndefined();
    expect(nextCycleSourceOf({ sourceKind: 'table', table: 42 })).toBeUndefined();
    expect(nextCycleSourceOf({ source: '{not json' })).toBeUndefined();
    expect(nextCycleSourceOf({ source: JSON.stringify({ kind: 'table', table: { kind: 'file', url: 3 } }) })).toBeUndefined();
    expect(nextCycleSourceOf({ source: JSON.stringify({ kind: 'drop-database' }) })).toBeUndefined();
  });
});
