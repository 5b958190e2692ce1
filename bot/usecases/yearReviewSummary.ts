// The pieces of the written summary (seed 000 §10) built from the year: each rock's progress as
// the reflection recorded it, the supporting information, and the new-year summary's rocks and
// standards.
import type { Cycle, Organisation, Person, Rock, RockReflection, WrittenSummary } from '../../shared/domain';
import type { UseCaseContext } from './context';
import { oneLine, type YearFacts } from './yearReviewFacts';

/** A rock of the year with its progress and completion from the submitted reflection. */
export function summaryRock(rock: Rock, reflection: RockReflection | undefined): WrittenSummary['rocks'][number] {
  const percent = reflection?.percentComplete;
  const progress = [percent !== undefined ? `${percent}% complete` : '', reflection?.progress.trim() ?? ''].filter(Boolean).join(' — ');
  const completed = reflection?.completed === 'yes' || (reflection?.completed === undefined && rock.status === 'completed') ? 'Completed' : reflection?.completed === 'no' ? 'Not completed' : '';
  return { rockId: rock.id, title: rock.title, progress, completed };
}

/** The supporting information: the praise of the year counted, and each piece of 360 feedback. */
export function supportingLines(facts: YearFacts): string[] {
  const titles = new Map(facts.rocks.map((r) => [r.id, r.title]));
  const feedback = facts.feedback.map((f) => {
    const about = f.rockId && titles.has(f.rockId) ? ` (on "${titles.get(f.rockId)}")` : '';
    return `${f.from ? `Feedback from ${f.from}` : 'Feedback from a colleague'}${about}: ${oneLine(f.text)}`;
  });
  const n = facts.praise.length;
  return [`Praise received from colleagues: ${n} ${n === 1 ? 'message' : 'messages'}`, ...feedback];
}

/** seed 000 §10's "relevant supporting standards": the policy's first entry for the role category, else its default. */
export function standardsFor(organisation: Organisation, roleCategory: string): string {
  const rules = organisation.policy.reviews;
  const category = roleCategory.trim().toLowerCase();
  const found = rules?.standards.find((s) => s.roleCategories.some((c) => c.trim().toLowerCase() === category));
  return found?.standard ?? rules?.standardsOtherwise ?? 'the standards and accountabilities in your job description';
}

function nextRock(rock: Rock): WrittenSummary['nextYear']['rocks'][number] {
  return { title: rock.title, successCriteria: rock.successCriteria.map((c) => c.text) };
}

const byCreation = (a: Rock, b: Rock) => a.createdAt.getTime() - b.createdAt.getTime();

/**
 * The new-year summary's rocks: the person's rocks in the next cycle where one has been started
 * (carried-over drafts included); otherwise the rocks they have drafted for next year in this one
 * (seed 000 Appendix 2: next year's Term 1 rocks are agreed June–August); otherwise none.
 */
export async function nextYearRocks(ctx: UseCaseContext, organisation: Organisation, covered: Cycle | null, person: Person): Promise<WrittenSummary['nextYear']['rocks']> {
  if (!covered) return [];
  const org = { organisationId: organisation.id };
  const next = (await ctx.repos.cycles.list(org)).filter((c) => c.startsOn > covered.startsOn).sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
  if (next) {
    const rocks = await ctx.repos.rocks.listForPerson(org, person.id, { cycleId: next.id });
    if (rocks.length > 0) return rocks.sort(byCreation).map(nextRock);
  }
  const drafts = (await ctx.repos.rocks.listForPerson(org, person.id, { cycleId: covered.id })).filter((r) => r.status === 'draft' || r.status === 'proposed');
  return drafts.sort(byCreation).map(nextRock);
}
