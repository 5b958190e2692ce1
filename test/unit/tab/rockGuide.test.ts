// The rocks page's guide (Write → Propose → Agreed) and how alignment options read.
import { alignmentText, nextStep, stageOf, stepsDone } from '../../../tab/src/views/rocks/rockText';

const words = { rock: 'objective', rocks: 'objectives', reviewer: 'reviewer' };
const slots = ['Impact on Trust', 'Impact on Others', 'Impact on Self'];

describe('the rocks guide', () => {
  it('asks for the first rock when none is written', () => {
    expect(nextStep(slots.map((theme) => ({ theme })), words, 'Rita Reviewer')).toBe('Write your first objective: Impact on Trust.');
  });

  it('asks for the second once the first is proposed, then waits for the reviewer by first name', () => {
    const one = [{ theme: slots[0]!, rock: { title: 'Thinking maps', status: 'proposed' as const } }, { theme: slots[1]! }, { theme: slots[2]! }];
    expect(nextStep(one, words, 'Rita Reviewer')).toBe('Write your second objective: Impact on Others.');
    const all = slots.map((theme, i) => ({ theme, rock: { title: `R${i}`, status: i === 1 ? ('proposed' as const) : ('agreed' as const) } }));
    expect(nextStep(all, words, 'Rita Reviewer')).toBe('Waiting for Rita to agree “R1”.');
  });

  it("puts the person's own step first: accept changes, revise, then propose a draft (to the reviewer by name)", () => {
    const mixed = [
      { theme: slots[0]!, rock: { title: 'A', status: 'draft' as const } },
      { theme: slots[1]!, rock: { title: 'B', status: 'revise' as const } },
      { theme: slots[2]! },
    ];
    expect(nextStep(mixed, words, 'Rita Reviewer')).toBe('Revise “B” and propose it to Rita Reviewer again.');
    expect(nextStep([mixed[0]!, mixed[2]!], words, 'Rita Reviewer')).toBe('Propose “A” to Rita Reviewer.');
    expect(nextStep([mixed[0]!], words)).toBe('Propose “A” to your reviewer.');
    expect(nextStep([{ theme: 'T', rock: { title: 'C', status: 'amended' } }, ...mixed], words, 'Rita Reviewer')).toBe('Accept or discuss Rita’s changes to “C”.');
  });

  it('says all agreed once every slot is', () => {
    expect(nextStep(slots.map((theme) => ({ theme, rock: { title: theme, status: 'agreed' as const } })), words)).toMatch(/^All agreed\./);
  });

  it('counts the steps behind each stage: none to write, one to propose, two while waiting, three agreed', () => {
    expect([undefined, 'draft', 'proposed', 'agreed', 'completed'].map((s) => stepsDone[stageOf(s as never)])).toEqual([0, 1, 2, 3, 3]);
  });
});

describe('alignment labels', () => {
  it('never shows an internal key', () => {
    expect(alignmentText({ code: 'strategic-plan', label: 'TSfE Strategic Plan' })).toBe('TSfE Strategic Plan');
    expect(alignmentText({ code: 'systemness', label: 'Systemness' })).toBe('Systemness');
  });

  it("keeps the trust's own reference number in front of its words", () => {
    expect(alignmentText({ code: '1a', label: 'Ensure all our schools are on their Thinking Journey.' })).toBe('1a — Ensure all our schools are on their Thinking Journey.');
    expect(alignmentText({ code: '2', label: '2 Evolution of self' })).toBe('2 Evolution of self');
  });
});
