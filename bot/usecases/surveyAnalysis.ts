// The aspiration survey's analysis (issue 13; seed 000 §3, Appendix 4 "analysis by the end of
// February") for PG admins and leaders: response rate and per-question option counts, trust-wide
// and by school or role category. Nobody may be identified: a group with fewer respondents than
// policy.reports.minGroupSize is never shown; small groups are combined into "Other schools" /
// "Other roles" when together they reach the minimum, else left out (and only counted). Free-text
// answers never appear. Every read and download is audited.
import type { Organisation, SurveyResponse } from '../../shared/domain';
import { eligiblePeople } from '../../shared/policy';
import { audit, permittedRole, scopeOf, type Actor } from './access';
import { latestSurveyEvent, loadSurveyEvent, type SurveyEventFacts } from './aspirationSurvey';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';

export type SurveyGrouping = 'school' | 'roleCategory';

export interface AnalysisGroup {
  name: string;
  eligible: number;
  responded: number;
  responseRate: number;
  combined: boolean;
}

export interface SurveyAnalysis {
  facts: SurveyEventFacts;
  by: SurveyGrouping;
  minGroupSize: number;
  trust: { eligible: number; responded: number; responseRate: number };
  groups: AnalysisGroup[];
  mergedGroups: number;
  suppressedGroups: number;
  questions: Array<{ key: string; text: string; kind: 'choice' | 'multi-choice'; options: Array<{ key: string; label: string; counts: number[]; total: number }> }>;
}

const rate = (responded: number, eligible: number) => (eligible === 0 ? 0 : Math.round((100 * responded) / eligible));

function groupName(value: string, by: SurveyGrouping): string {
  const name = value.trim();
  if (name) return name;
  return by === 'school' ? 'No school recorded' : 'No role recorded';
}

interface RawGroup {
  name: string;
  eligible: Set<string>;
  responses: SurveyResponse[];
}

/** Groups the eligible people (as the directory says now) and the responses (as they were when given). */
function rawGroups(people: Array<{ id: string; school: string; roleCategory: string }>, responses: SurveyResponse[], by: SurveyGrouping): RawGroup[] {
  const groups = new Map<string, RawGroup>();
  const groupOf = (value: string) => {
    const name = groupName(value, by);
    const key = name.toLowerCase();
    if (!groups.has(key)) groups.set(key, { name, eligible: new Set(), responses: [] });
    return groups.get(key)!;
  };
  for (const p of people) groupOf(p[by]).eligible.add(p.id);
  for (const r of responses) {
    const group = groupOf(r[by]);
    group.responses.push(r);
    group.eligible.add(r.personId); // answered, so was asked
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Shown groups (each with at least `min` respondents), the combined one last; and how many were merged or left out. */
function applyMinimum(groups: RawGroup[], min: number, by: SurveyGrouping): { shown: Array<RawGroup & { combined: boolean }>; merged: number; suppressed: number } {
  const big = groups.filter((g) => g.responses.length >= min).map((g) => ({ ...g, combined: false }));
  const small = groups.filter((g) => g.responses.length < min);
  if (small.length === 0) return { shown: big, merged: 0, suppressed: 0 };
  const combined: RawGroup & { combined: boolean } = {
    name: by === 'school' ? 'Other schools' : 'Other roles',
    eligible: new Set(small.flatMap((g) => [...g.eligible])),
    responses: small.flatMap((g) => g.responses),
    combined: true,
  };
  if (combined.responses.length >= min) return { shown: [...big, combined], merged: small.length, suppressed: 0 };
  return { shown: big, merged: 0, suppressed: small.length };
}

function countAnswers(organisation: Organisation, shown: RawGroup[]): SurveyAnalysis['questions'] {
  const questions = organisation.policy.aspirationSurvey?.questions ?? [];
  return questions.flatMap((q) => {
    if (q.kind === 'text') return []; // free text is never in the analysis
    const options = q.options.map((o) => {
      const counts = shown.map((g) => g.responses.filter((r) => {
        const answer = r.answers[q.key];
        return typeof answer === 'string' ? answer === o.key : Array.isArray(answer) && answer.includes(o.key);
      }).length);
      return { key: o.key, label: o.label, counts, total: counts.reduce((a, b) => a + b, 0) };
    });
    return [{ key: q.key, text: q.text, kind: q.kind, options }];
  });
}

async function analysisEvent(ctx: UseCaseContext, actor: Actor, eventId: string | undefined): Promise<SurveyEventFacts> {
  if (eventId) return loadSurveyEvent(ctx, actor, eventId);
  const facts = await latestSurveyEvent(ctx, actor.organisation);
  if (!facts) throw new DomainError('notFound', 'There is no aspiration survey to analyse yet.');
  return facts;
}

/** The aggregates, for PG admins and SMT only (403 for anyone else). `format` says how it left: read in the tab or downloaded. */
export async function surveyAnalysis(ctx: UseCaseContext, actor: Actor, query: { eventId?: string; by: SurveyGrouping }, format: 'json' | 'csv' = 'json'): Promise<SurveyAnalysis> {
  if (!actor.organisation.policy.aspirationSurvey) throw new DomainError('notFound', `${actor.organisation.policy.name} has no aspiration survey.`);
  if (!permittedRole(actor, 'survey-analysis', 'read')) throw new DomainError('forbidden', 'Only PG administrators and senior leaders can see the survey analysis.');
  const facts = await analysisEvent(ctx, actor, query.eventId);
  const org = scopeOf(actor);
  // Who was asked: eligible when the survey closed (or now, while it is open).
  const at = facts.closed ? facts.closesAt : ctx.now();
  const people = eligiblePeople(await ctx.repos.people.listActive(org), actor.organisation.policy, at);
  const responses = await ctx.repos.talent.surveyResponses.find(org, { eventId: facts.event.id });
  const min = actor.organisation.policy.reports?.minGroupSize ?? 5;
  const { shown, merged, suppressed } = applyMinimum(rawGroups(people, responses, query.by), min, query.by);
  const eligible = new Set([...people.map((p) => p.id), ...responses.map((r) => r.personId)]).size;
  const analysis: SurveyAnalysis = {
    facts,
    by: query.by,
    minGroupSize: min,
    trust: { eligible, responded: responses.length, responseRate: rate(responses.length, eligible) },
    groups: shown.map((g) => ({ name: g.name, eligible: g.eligible.size, responded: g.responses.length, responseRate: rate(g.responses.length, g.eligible.size), combined: g.combined })),
    mergedGroups: merged,
    suppressedGroups: suppressed,
    questions: countAnswers(actor.organisation, shown),
  };
  await audit(ctx, actor, format === 'csv' ? 'survey.analysis.exported' : 'survey.analysis.read', { kind: 'event', id: facts.event.id }, { by: query.by, format, groups: shown.length, suppressedGroups: suppressed, mergedGroups: merged });
  return analysis;
}

/** A cell as CSV: quoted, and a leading = + - @ neutralised so a spreadsheet never runs it. */
function cell(value: string | number): string {
  const text = String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The same aggregates as rows of Group, Measure, Question, Answer, Value. */
export function surveyAnalysisCsv(analysis: SurveyAnalysis): string {
  const rows: Array<Array<string | number>> = [['Group', 'Measure', 'Question', 'Answer', 'Value']];
  const rateRows = (name: string, g: { eligible: number; responded: number; responseRate: number }) => {
    rows.push([name, 'Eligible', '', '', g.eligible], [name, 'Responded', '', '', g.responded], [name, 'Response rate %', '', '', g.responseRate]);
  };
  rateRows('Trust', analysis.trust);
  for (const g of analysis.groups) rateRows(g.name, g);
  for (const q of analysis.questions) {
    for (const o of q.options) {
      analysis.groups.forEach((g, i) => rows.push([g.name, 'Answers', q.text, o.label, o.counts[i] ?? 0]));
      rows.push(['Trust (groups shown)', 'Answers', q.text, o.label, o.total]);
    }
  }
  rows.push(['', 'Groups combined', '', '', analysis.mergedGroups], ['', 'Groups not shown', '', '', analysis.suppressedGroups], ['', 'Minimum group size', '', '', analysis.minGroupSize]);
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
