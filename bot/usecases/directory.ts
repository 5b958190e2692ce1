// The staff directory: who works here, at which school, in what role, who reviews and coaches
// them, and whether they are in the process (seed 000's exclusions). Loaded from a CSV or JSON
// file here; the admin issue adds import from Teams.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Person } from '../../shared/domain';
import { personRoleSchema, personStatusSchema } from '../../shared/domain';
import type { UseCaseContext } from './context';

const optionalText = z.string().trim().optional().transform((v) => (v ? v : undefined));

/**
 * A re-import never wipes what it does not carry (issue 14): for every column but name and email,
 * a column the file does not have, or an empty cell, keeps the stored value; a cell holding just
 * CLEAR_CELL ("-") clears it (no reviewer, no admin roles, no contract end…). A new person gets
 * the defaults (school none, role "staff", status active).
 */
export const CLEAR_CELL = '-';

/** A cell: undefined keeps what is stored, null clears it, else the parsed value. */
function cell<T extends z.ZodType>(value: T) {
  return z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((v) => (v === null ? CLEAR_CELL : v === undefined ? undefined : String(v).trim()))
    .transform((v) => (v === '' ? undefined : v === CLEAR_CELL ? null : v))
    .pipe(z.union([z.null(), z.undefined(), value]) as unknown as z.ZodType<z.output<T> | null | undefined, string | null | undefined>);
}

const email = (message: string) => z.string().toLowerCase().pipe(z.email(message));
const date = (what: string) => z.iso.date(`${what}: use a date like 2026-09-01`);

/** One row of the directory file, in the words an HR export uses. */
export const directoryRowSchema = z.object({
  name: z.string().trim().min(1, 'name is required'),
  email: z.string().trim().toLowerCase().pipe(z.email('is not an email address')),
  entraObjectId: optionalText,
  school: cell(z.string().max(200)),
  role: cell(z.string().max(100)),
  reviewerEmail: cell(email('reviewer is not an email address')),
  coachEmail: cell(email('coach is not an email address')),
  status: cell(personStatusSchema),
  statusReason: cell(z.string().max(500)),
  contractMonths: cell(z.coerce.number('must be a whole number of months').int('must be a whole number of months').min(0)),
  startedOn: cell(date('start date')),
  contractEndsOn: cell(date('contract end')),
  workingPattern: cell(z.string().max(100)),
  /** The HR file's leaving date: from that day they are a leaver (excluded, "left: …"). */
  leftOn: cell(date('leaving date')),
  roles: cell(z.string().transform((v) => v.split(/[;|]/).map((r) => r.trim()).filter(Boolean)).pipe(z.array(personRoleSchema))),
  /**
   * Issue 13: the protected characteristics the policy names (policy.reports.characteristics), from
   * optional columns headed by their key or label ("Sex", "Age band"); '' clears a value. Only ever
   * counted in groups (the Equality Impact Assessment), never shown per person.
   */
  equality: z.record(z.string(), z.string().max(100, 'at most 100 characters')).optional(),
});

export type DirectoryRow = z.infer<typeof directoryRowSchema>;

export interface DirectoryProblem {
  line: number;
  field?: string;
  message: string;
}

export class DirectoryFileError extends Error {
  constructor(readonly problems: DirectoryProblem[]) {
    super(`The staff directory has problems:\n${problems.map((p) => `  line ${p.line}${p.field ? ` (${p.field})` : ''}: ${p.message}`).join('\n')}`);
    this.name = 'DirectoryFileError';
  }
}

const headerAliases: Record<string, keyof DirectoryRow> = {
  name: 'name', displayname: 'name', fullname: 'name',
  email: 'email', mail: 'email', upn: 'email', userprincipalname: 'email',
  entraobjectid: 'entraObjectId', objectid: 'entraObjectId', aadobjectid: 'entraObjectId', oid: 'entraObjectId',
  school: 'school', site: 'school',
  role: 'role', rolecategory: 'role',
  reviewer: 'reviewerEmail', revieweremail: 'reviewerEmail', linemanager: 'reviewerEmail', manager: 'reviewerEmail',
  coach: 'coachEmail', coachemail: 'coachEmail',
  status: 'status', statusreason: 'statusReason', reason: 'statusReason',
  contractmonths: 'contractMonths', roles: 'roles',
  startedon: 'startedOn', startdate: 'startedOn', started: 'startedOn', start: 'startedOn', employmentstart: 'startedOn',
  contractendson: 'contractEndsOn', contractend: 'contractEndsOn', contractenddate: 'contractEndsOn', enddate: 'contractEndsOn', contractends: 'contractEndsOn',
  workingpattern: 'workingPattern', pattern: 'workingPattern', hours: 'workingPattern',
  lefton: 'leftOn', leavingdate: 'leftOn', leftdate: 'leftOn', dateleft: 'leftOn', leaverdate: 'leftOn', leavedate: 'leftOn',
};

/** The characteristics a file may carry, as policy.reports.characteristics names them. */
export type EqualityColumns = ReadonlyArray<{ key: string; label: string }>;

const EQUALITY = 'equality:';
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function headerKey(header: string, equality: EqualityColumns = []): string {
  const characteristic = equality.find((c) => squash(c.key) === squash(header) || squash(c.label) === squash(header));
  if (characteristic) return `${EQUALITY}${characteristic.key}`;
  return headerAliases[header.toLowerCase().replace(/[^a-z]/g, '')] ?? header;
}

function aliased(raw: Record<string, unknown>, equality: EqualityColumns): Record<string, unknown> {
  return raw && typeof raw === 'object' ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [headerKey(k, equality), v])) : {};
}

/** Moves the characteristic columns of a raw row into `equality` (empty cells left out; "-" clears). */
function withEquality(raw: Record<string, unknown>): Record<string, unknown> {
  const equality: Record<string, string> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!k.startsWith(EQUALITY)) rest[k] = v;
    else if (v !== undefined && v !== null && String(v).trim() !== '') equality[k.slice(EQUALITY.length)] = String(v).trim() === CLEAR_CELL ? '' : String(v).trim();
  }
  return Object.keys(equality).length > 0 ? { ...rest, equality } : rest;
}

/** The characteristic columns a file's rows carry (by key), for the preview's one line about them. */
export function equalityColumnsIn(rows: readonly DirectoryRow[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.equality ?? {})))];
}

/**
 * Parses a CSV (header row first) or a JSON array of rows; every bad line is reported with its
 * number. `equality`: the characteristic columns the policy names (optional columns).
 */
export function parseDirectoryFile(content: string, format: 'csv' | 'json', equality: EqualityColumns = []): DirectoryRow[] {
  let records: Array<{ line: number; raw: Record<string, unknown> }>;
  if (format === 'json') {
    const data = JSON.parse(content) as unknown;
    if (!Array.isArray(data)) throw new DirectoryFileError([{ line: 1, message: 'expected a JSON array of people' }]);
    records = data.map((raw, i) => ({ line: i + 1, raw: withEquality(aliased(raw as Record<string, unknown>, equality)) }));
  } else {
    const rows = parse(content, { columns: (header: string[]) => header.map((h) => headerKey(h, equality)), skip_empty_lines: true, trim: true, info: true, bom: true }) as Array<{ record: Record<string, unknown>; info: { lines: number } }>;
    records = rows.map((r) => ({ line: r.info.lines, raw: withEquality(r.record) }));
  }
  const problems: DirectoryProblem[] = [];
  const rows: DirectoryRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, raw } of records) {
    const result = directoryRowSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push({ line, field: issue.path.join('.') || undefined, message: issue.message });
      continue;
    }
    const first = seen.get(result.data.email);
    if (first !== undefined) problems.push({ line, field: 'email', message: `${result.data.email} is already on line ${first}` });
    seen.set(result.data.email, line);
    rows.push(result.data);
  }
  const emails = new Set(rows.map((r) => r.email));
  for (const row of rows) {
    for (const field of ['reviewerEmail', 'coachEmail'] as const) {
      const email = row[field];
      if (email && !emails.has(email)) problems.push({ line: seen.get(row.email)!, field, message: `${email} is not in the directory` });
    }
  }
  if (problems.length > 0) throw new DirectoryFileError(problems);
  return rows;
}

/** Stores the directory: new people are added, known ones (by email) updated; ids are kept. */
export async function importDirectory(ctx: UseCaseContext, organisationId: string, rows: DirectoryRow[]): Promise<{ inserted: number; updated: number }> {
  const org = { organisationId };
  const stored = new Map<string, Person>();
  for (let page = 1; ; page++) {
    const batch = await ctx.repos.people.list(org, { page, pageSize: 200 });
    for (const person of batch.items) stored.set(person.email, person);
    if (!batch.hasMore) break;
  }
  const idByEmail = new Map([...stored.values()].map((p) => [p.email, p.id]));
  for (const row of rows) if (!idByEmail.has(row.email)) idByEmail.set(row.email, randomUUID());
  const now = ctx.now();
  const people = rows.map((row) => mergeDirectoryRow(stored.get(row.email), row, { organisationId, id: idByEmail.get(row.email)!, idByEmail, now }));
  const result = await ctx.repos.people.upsertMany(org, people);
  ctx.logger.info({ organisationId, ...result }, 'staff directory imported');
  return result;
}

/** The row's characteristics over the stored ones: a column left out keeps its value, '' clears it. */
function mergedEquality(before: Person['equality'], row: DirectoryRow['equality']): Person['equality'] {
  if (!row) return before;
  const merged: Record<string, string> = { ...(before ?? {}) };
  for (const [key, value] of Object.entries(row)) {
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** A person's "left" status from an earlier import: someone back in the file is active again. */
const LEFT = /^\s*left\b/i;

/** A leaver's status reason: the file's (or the stored) "left: …" one, else one naming the leaving date. */
function leftReason(reason: string | null | undefined, leftOn: string): string {
  return reason && LEFT.test(reason) ? reason : `left: on ${leftOn} (leaving date in the HR file)`;
}

/** Kept (undefined), cleared (null) or set: the stored value after one cell. */
function kept<T>(value: T | null | undefined, before: T | undefined): T | undefined {
  return value === undefined ? before : value === null ? undefined : value;
}

/**
 * The stored person after one row of the file (CLEAR_CELL above): what the row carries replaces
 * what is stored, what it leaves out stays. A change of reviewer or coach is added to the
 * person's reviewer history, so the previous one keeps access to what they reviewed.
 */
export function mergeDirectoryRow(before: Person | undefined, row: DirectoryRow, at: { organisationId: string; id: string; idByEmail: Map<string, string>; now: Date }): Person {
  const idOf = (email: string | null | undefined) => (email === undefined ? undefined : email === null ? null : at.idByEmail.get(email));
  const reviewerId = kept(idOf(row.reviewerEmail), before?.reviewerId);
  const coachId = kept(idOf(row.coachEmail), before?.coachId);
  // Issue 16: a leaving date in the file that has come makes them a leaver, as an import that no longer finds them does.
  const leftByFile = typeof row.leftOn === 'string' && row.leftOn <= at.now.toISOString().slice(0, 10) && row.status === undefined;
  const returning = !leftByFile && before !== undefined && before.status === 'excluded' && LEFT.test(before.statusReason ?? '') && row.status === undefined;
  const status = leftByFile ? 'excluded' : returning ? 'active' : (kept(row.status, before?.status) ?? 'active');
  const history = [...(before?.reviewerHistory ?? [])];
  if (before) {
    for (const [role, previous, next] of [['reviewer', before.reviewerId, reviewerId], ['coach', before.coachId, coachId]] as const) {
      if (previous !== next) history.push({ role, personId: previous, nextPersonId: next, until: at.now, reason: 'changed by a directory import', source: 'directory-import' });
    }
  }
  return {
    id: at.id,
    organisationId: at.organisationId,
    entraObjectId: row.entraObjectId ?? before?.entraObjectId,
    displayName: row.name,
    email: row.email,
    school: kept(row.school, before?.school) ?? '',
    roleCategory: kept(row.role, before?.roleCategory) ?? 'staff',
    reviewerId,
    coachId,
    roles: kept(row.roles, before?.roles) ?? [],
    status,
    // A "left: …" reason from an earlier import goes once they are back.
    statusReason: leftByFile
      ? leftReason(row.statusReason ?? before?.statusReason, row.leftOn!)
      : returning || (status !== 'excluded' && row.statusReason === undefined && LEFT.test(before?.statusReason ?? ''))
        ? undefined
        : kept(row.statusReason, before?.statusReason),
    contractMonths: kept(row.contractMonths, before?.contractMonths),
    startedOn: kept(row.startedOn, before?.startedOn),
    contractEndsOn: kept(row.contractEndsOn, before?.contractEndsOn),
    workingPattern: kept(row.workingPattern, before?.workingPattern),
    leftOn: leftByFile ? row.leftOn! : returning ? undefined : kept(row.leftOn, before?.leftOn),
    reviewerHistory: history.length > 0 ? history : undefined,
    handovers: before?.handovers,
    equality: mergedEquality(before?.equality, row.equality),
    reportsOptOut: before?.reportsOptOut,
    reachable: before?.reachable ?? true,
    unreachableReason: before?.unreachableReason,
    createdAt: before?.createdAt ?? at.now,
    updatedAt: at.now,
  };
}
