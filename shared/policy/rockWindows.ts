// Rock windows (seed 000 §6: "Rocks will be set 3 times per year, focusing on next 2 term's
// priorities") and their setting deadlines (Appendix 4). Every "which window is it now?" goes
// through currentRockWindow, so a check-in, a new rock and the tab agree on it.
import { DateTime } from 'luxon';
import type { Cycle, CycleDefinition, Policy, Rock, RockWindow, ScheduleEventDefinition } from '../domain';
import { localDateTime, windowInstants } from './windows';

type CycleDates = Pick<Cycle, 'startsOn' | 'endsOn'> & Partial<Pick<Cycle, 'rockWindows'>>;
type RockRules = Pick<Policy, 'rocks' | 'timezone'>;

/**
 * The policy's rock windows that belong to the cycle (overlap its dates), in date order; all of
 * them without a cycle. Where windows are made per cycle (rockWindowsOf), this is the one place to
 * call it.
 */
export function rockWindowsFor(policy: RockRules, cycle?: CycleDates): RockWindow[] {
  const windows = [...rockWindowsOf(policy, cycle)].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return cycle ? windows.filter((w) => w.startsOn <= cycle.endsOn && w.endsOn >= cycle.startsOn) : windows;
}

/** The rock window containing `date` (in the policy's time zone), else the next to start; undefined after the last. */
export function currentRockWindow(policy: RockRules, date: Date, cycle?: CycleDates): RockWindow | undefined {
  const today = DateTime.fromJSDate(date, { zone: policy.timezone }).toISODate() ?? '';
  const windows = rockWindowsFor(policy, cycle);
  return windows.find((w) => w.startsOn <= today && today <= w.endsOn) ?? windows.find((w) => w.startsOn > today);
}

/** A rock that counts as agreed for its window: agreed, or agreed and since completed. */
export function isAgreedRock(rock: Pick<Rock, 'status'>): boolean {
  return rock.status === 'agreed' || rock.status === 'completed';
}

/** A rock that holds its slot: everything but a completed one (seed 001 FAQ: completing early frees it). */
export function holdsSlot(rock: Pick<Rock, 'status'>): boolean {
  return rock.status !== 'completed';
}

/** How many agreed rocks a window needs before its deadline: one per slot. */
export function requiredRocks(policy: Pick<Policy, 'rocks'>): number {
  return policy.rocks.slots.length;
}

/** The most rocks held at once in a window (seed 001 FAQ: more than three is fine). */
export function maxRocks(policy: Pick<Policy, 'rocks'>): number {
  return Math.max(policy.rocks.maxRocks ?? policy.rocks.slots.length, policy.rocks.slots.length);
}

/** Whether the person's rocks in a window are set: at least one agreed per slot. */
export function rocksSet(policy: Pick<Policy, 'rocks'>, rocks: readonly Pick<Rock, 'status'>[]): boolean {
  return rocks.filter(isAgreedRock).length >= requiredRocks(policy);
}

/** Whether the rock was agreed by `at` (from its history; an agreed or completed rock with no history counts). */
export function agreedBy(rock: Pick<Rock, 'status' | 'history'>, at: Date): boolean {
  const agreements = rock.history.filter((h) => h.action === 'agreed' || h.action === 'accepted' || (h.action === 'decided' && h.status === 'agreed'));
  if (agreements.length === 0) return isAgreedRock(rock) && rock.history.length === 0;
  return agreements.some((h) => h.at.getTime() <= at.getTime());
}

export interface RockDeadline {
  window: RockWindow;
  /** The local date rocks must be agreed by. */
  setBy: string;
  /** When staff are prompted to write them. */
  opensAt: Date;
  /** Before the deadline, to whoever has not got them agreed yet; none when it would come before setting opens. */
  remindAt?: Date;
  /** The last instant that counts as on time. */
  dueAt: Date;
  /** When the overdue flag goes to the person and their reviewer. */
  overdueAt: Date;
  /** The end of the window itself: after it, rocks not agreed on time are missed, no longer overdue. */
  endsAt: Date;
  /** The cycle's rock-setting event for this window, if it has one. */
  eventKey?: string;
}

type SettingEvent = Pick<ScheduleEventDefinition, 'key' | 'kind' | 'date' | 'window'> & { status?: 'scheduled' | 'cancelled' };

/**
 * Each window's setting deadline: its setBy, else the date of the cycle's rock-setting event inside
 * it. The event's window (TSFE: 1 September to 31 October) gives the opening and the closing; without
 * one, setting opens `opensDaysBefore` the deadline and closes at its end.
 */
export function rockDeadlines(policy: RockRules, events: readonly SettingEvent[], cycle?: CycleDates): RockDeadline[] {
  const rules = policy.rocks.deadlines;
  const [hour, minute] = rules.at.split(':').map(Number) as [number, number];
  const settings = events.filter((e) => e.kind === 'rock-setting' && (e.status ?? 'scheduled') === 'scheduled');
  const deadlines: RockDeadline[] = [];
  for (const window of rockWindowsFor(policy, cycle)) {
    const event =
      settings.find((e) => e.date === window.setBy) ?? (window.setBy ? undefined : settings.find((e) => e.date >= window.startsOn && e.date <= window.endsOn));
    const setBy = window.setBy ?? event?.date;
    if (!setBy) continue;
    const day = localDateTime(`${setBy}T00:00`, policy.timezone);
    const at = (d: DateTime) => d.set({ hour, minute, second: 0, millisecond: 0 });
    const instants = event ? windowInstants(event, policy.timezone) : undefined;
    const opensAt = instants?.opensAt ?? at(day.minus({ days: rules.opensDaysBefore })).toJSDate();
    const dueAt = instants?.closesAt ?? day.endOf('day').toJSDate();
    const reminder = at(day.minus({ days: rules.reminderDaysBefore })).toJSDate();
    const remindAt = reminder.getTime() > opensAt.getTime() && reminder.getTime() < dueAt.getTime() ? reminder : undefined;
    const overdueAt = at(DateTime.fromJSDate(dueAt, { zone: policy.timezone }).plus({ days: 1 }).startOf('day')).toJSDate();
    const endsAt = localDateTime(`${window.endsOn}T00:00`, policy.timezone).endOf('day').toJSDate();
    deadlines.push({ window, setBy, opensAt, ...(remindAt ? { remindAt } : {}), dueAt, overdueAt, endsAt, ...(event ? { eventKey: event.key } : {}) });
  }
  return deadlines;
}

/**
 * Where a person stands against one window's deadline: not open yet, open, set (agreed on time),
 * overdue (past the deadline, not agreed), set late, or missed (the window ended without them
 * agreed on time: no longer flagged, still counted).
 */
export type RockDeadlineState = 'not-open' | 'open' | 'set' | 'overdue' | 'set-late' | 'missed';

export function rockDeadlineState(policy: Pick<Policy, 'rocks'>, deadline: RockDeadline, rocks: readonly Pick<Rock, 'status' | 'history'>[], now: Date): RockDeadlineState {
  const set = rocksSet(policy, rocks);
  if (now.getTime() <= deadline.dueAt.getTime()) return set ? 'set' : now.getTime() < deadline.opensAt.getTime() ? 'not-open' : 'open';
  const onTime = rocks.filter((r) => agreedBy(r, deadline.dueAt)).length >= requiredRocks(policy);
  if (onTime) return 'set';
  if (now.getTime() > deadline.endsAt.getTime()) return 'missed';
  return set ? 'set-late' : 'overdue';
}

/**
 * Whether a person is held to a window's deadline: not someone who joined after it (their
 * `startedOn`, a local date, later than the setBy date). A starter sets their rocks for the window
 * without having "missed" a deadline that passed before they arrived.
 */
export function heldToDeadline(person: { startedOn?: string }, deadline: Pick<RockDeadline, 'setBy'>): boolean {
  return !person.startedOn || person.startedOn <= deadline.setBy;
}

/** The Objectives Bank's words and phrases for a slot: its own (by id, then theme) and those for every slot ("*"). */
export function bankFor(policy: Pick<Policy, 'rocks'>, slot: { id: string; theme: string }): string[] {
  const bank = policy.rocks.bank;
  return [...new Set([...(bank[slot.id] ?? bank[slot.theme] ?? []), ...(bank['*'] ?? [])])];
}

/**
 * What is wrong with a policy's rock rules beyond their schema, each with its path under `policy`:
 * a bank key that names no slot, fewer rocks allowed than slots, more priorities than rocks.
 */
export function rockRuleProblems(policy: Pick<Policy, 'rocks'>): Array<{ path: PropertyKey[]; message: string }> {
  const { rocks } = policy;
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  const names = new Set(['*', ...rocks.slots.flatMap((s) => [s.id, s.theme])]);
  for (const key of Object.keys(rocks.bank)) {
    if (!names.has(key)) problems.push({ path: ['rocks', 'bank', key], message: `"${key}" is not a slot id or theme (or "*" for every slot)` });
  }
  if (rocks.maxRocks !== undefined && rocks.maxRocks < rocks.slots.length) {
    problems.push({ path: ['rocks', 'maxRocks'], message: `at least one per slot: ${rocks.slots.length} or more` });
  }
  // Priorities only matter where more rocks may be held than slots (seed 001 FAQ); one-slot policies keep the default.
  if (rocks.maxRocks !== undefined && rocks.priorities > maxRocks(policy)) problems.push({ path: ['rocks', 'priorities'], message: `no more than the ${maxRocks(policy)} rocks that may be held` });
  return problems;
}

/** The rock windows of this cycle: its own when it has them (a rolled-forward year), else the policy's. */
export function rockWindowsOf(policy: Pick<Policy, 'rocks'>, cycle: Pick<Cycle | CycleDefinition, 'rockWindows'> | null | undefined): RockWindow[] {
  return cycle?.rockWindows ?? policy.rocks.windows;
}
