// The pre-fill's text stays within the reflection's limits: cut with "…", never mid-character,
// and a list of lines that does not fit says so on a last line.
import { boundLines, clip, oneLine } from '../../../bot/usecases/yearReviewFacts';

describe('keeping pre-filled text within its limits', () => {
  it('leaves short text alone and cuts long text to the limit, ending "…"', () => {
    expect(clip('  short  ', 10)).toBe('short');
    expect(clip('abcdefghijkl', 8)).toBe('abcdefg…');
    expect(clip('abcdefghijkl', 8)).toHaveLength(8);
  });

  it('never leaves half of a character that takes two code units', () => {
    const cut = clip('abcdef😀xyz', 8);
    expect(cut).toBe('abcdef…');
    expect(cut.length).toBeLessThanOrEqual(8);
  });

  it('puts an answer on one line', () => {
    expect(oneLine(' Cold-calling is\n\n bedding   in ')).toBe('Cold-calling is bedding in');
  });

  it('keeps whole lines that fit and ends with "…" when some did not', () => {
    expect(boundLines(['one', 'two'], 20)).toBe('one\ntwo');
    const bounded = boundLines(['aaaa', 'bbbb', 'cccc'], 12);
    expect(bounded).toBe('aaaa\nbbbb\n…');
    expect(bounded.length).toBeLessThanOrEqual(12);
    expect(boundLines(['a very long first line'], 10)).toBe('a very lo…');
    expect(boundLines([], 10)).toBe('');
  });
});
