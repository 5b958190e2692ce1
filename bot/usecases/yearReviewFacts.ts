// The year a review looks back on (issue 12): the person's check-ins, the praise they received,
// their agreed rocks and the 360 feedback they were given in the covered cycle, read once and
// shared by the reflection's pre-fill, the measured figures and the review as the tab shows it.
import type { CheckIn, Cycle, Organisation, Person, Praise, Rock, ScheduleEvent, YearReview } from '../../shared/domain';
import { isAgreedRock } from '../../shared/policy';
import { individualItems, onTimeOf } from './checkInHistory';
import type { UseCaseContext } from './context';
import { supportingFeedback, type SupportingFeedback } from './feedbackRequests';
import { isGroupMode } from './groupSessions';
import { peopleById } from './people';
import { FORMER_COLLEAGUE } from '../../shared/domain';

/** Praise received, with the giver's name (never the check-in it came from). */
export interface ReceivedPraise {
  id: string;
  from: string;
  message: string;
  at: Date;
}

/** A submitted check-in of the year with its event's title ("Check in 6"). */
export interface YearCheckIn {
  checkIn: CheckIn;
  title: string;
}

export interface YearFacts {
  cycle: Cycle | null;
  /** Submitted check-ins, most recent first. */
  checkIns: YearCheckIn[];
  /** Praise received in the cycle, most recent first. */
  praise: ReceivedPraise[];
  /** Agreed (or agreed and completed) rocks of every rock window of the cycle, oldest first. */
  rocks: Rock[];
  feedback: SupportingFeedback[];
  measured: { onTimeRate: number | null; checkInsSubmitted: number; checkInsDue: number; praiseReceived: number };
}

/** Praise is read a page at a time, newest first, until it is older than the cycle (bounded). */
const PRAISE_PAGE = 200;
const PRAISE_PAGES = 10;

function inCycle(cycle: Pick<Cycle, 'startsOn' | 'endsOn'>, at: Date): 'before' | 'in' | 'after' {
  const day = at.toISOString().slice(0, 10);
  return day < cycle.startsOn ? 'before' : day > cycle.endsOn ? 'after' : 'in';
}

async function praiseInCycle(ctx: UseCaseContext, organisation: Organisation, personId: string, cycle: Cycle): Promise<ReceivedPraise[]> {
  const org = { organisationId: organisation.id };
  const found: Praise[] = [];
  for (let page = 1; page <= PRAISE_PAGES; page += 1) {
    const rows = await ctx.repos.praise.listReceived(org, personId, { page, pageSize: PRAISE_PAGE });
    found.push(...rows.items.filter((p) => inCycle(cycle, p.createdAt) === 'in'));
    const last = rows.items.at(-1);
    if (!rows.hasMore || !last || inCycle(cycle, last.createdAt) === 'before') break;
  }
  const givers = await peopleById(ctx, org, found.map((p) => p.fromPersonId));
  return found.map((p) => ({ id: p.id, from: givers.get(p.fromPersonId)?.displayName ?? FORMER_COLLEAGUE, message: p.message, at: p.createdAt }));
}

/** The measured figures: the covered cycle's compulsory check-ins the person was due (as the check-in timeline counts them). */
function measuredOf(organisation: Organisation, person: Person, events: readonly ScheduleEvent[], checkIns: readonly CheckIn[], now: Date, praise: number): YearFacts['measured'] {
  // Group mode has no individual check-ins and nothing counts towards an on-time rate (seed 004 §8).
  if (isGroupMode(organisation)) return { onTimeRate: null, checkInsSubmitted: 0, checkInsDue: 0, praiseReceived: praise };
  const items = individualItems(events, checkIns, person, now, organisation.policy.timezone);
  const onTime = onTimeOf(items);
  const submitted = items.filter((i) => i.event.kind === 'check-in' && i.event.status === 'scheduled' && (i.state === 'on-time' || i.state === 'late')).length;
  return { onTimeRate: onTime.rate, checkInsSubmitted: submitted, checkInsDue: onTime.due, praiseReceived: praise };
}

/** Everything of the covered cycle a review reads about its person. */
export async function loadYearFacts(ctx: UseCaseContext, organisation: Organisation, review: Pick<YearReview, 'coversCycleId'>, person: Person): Promise<YearFacts> {
  const org = { organisationId: organisation.id };
  const cycle = await ctx.repos.cycles.get(org, review.coversCycleId);
  if (!cycle) return { cycle: null, checkIns: [], praise: [], rocks: [], feedback: [], measured: { onTimeRate: null, checkInsSubmitted: 0, checkInsDue: 0, praiseReceived: 0 } };
  const [events, checkIns, rocks, praise, feedback] = await Promise.all([
    ctx.repos.scheduleEvents.list(org, cycle.id),
    ctx.repos.checkIns.listForPerson(org, person.id, { cycleId: cycle.id }),
    ctx.repos.rocks.listForPerson(org, person.id, { cycleId: cycle.id }),
    praiseInCycle(ctx, organisation, person.id, cycle),
    supportingFeedback(ctx, organisation, person.id, cycle.id),
  ]);
  const titles = new Map(events.map((e) => [e.id, e.title]));
  const vocabulary = organisation.policy.vocabulary.checkIn;
  const submitted = [...checkIns]
    .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())
    .map((checkIn) => ({ checkIn, title: titles.get(checkIn.eventId) ?? vocabulary }));
  return {
    cycle,
    checkIns: submitted,
    praise,
    rocks: rocks.filter(isAgreedRock).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    feedback: [...feedback].sort((a, b) => b.at.getTime() - a.at.getTime()),
    measured: measuredOf(organisation, person, events, checkIns, ctx.now(), praise.length),
  };
}

// ── Keeping pre-filled text within the schema's limits ────────────────────────────────────

/** Drops a high surrogate left alone at the end by a cut. */
function cutAt(text: string, length: number): string {
  const cut = text.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** The text within `max` characters, ending "…" where it was cut. */
export function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${cutAt(trimmed, max - 1).trimEnd()}…`;
}

/** One line: runs of whitespace (new lines too) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lines joined by new lines within `max` characters; where some do not fit, a last line "…" says so. */
export function boundLines(lines: readonly string[], max: number): string {
  const all = lines.join('\n');
  if (all.length <= max) return all;
  const budget = max - 2;
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = line.length + (kept.length > 0 ? 1 : 0);
    if (used + cost > budget) break;
    kept.push(line);
    used += cost;
  }
  return kept.length > 0 ? `${kept.join('\n')}\n…` : clip(lines[0] ?? '', max);
}
