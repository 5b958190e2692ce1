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

/** One row of the directory file, in the words an HR export uses. */
export const directoryRowSchema = z.object({
  name: z.string().trim().min(1, 'name is required'),
  email: z.string().trim().toLowerCase().pipe(z.email('is not an email address')),
  entraObjectId: optionalText,
  school: z.string().trim().default(''),
  role: z.string().trim().default('staff'),
  reviewerEmail: optionalText.pipe(z.string().toLowerCase().pipe(z.email('reviewer is not an email address')).optional()),
  coachEmail: optionalText.pipe(z.string().toLowerCase().pipe(z.email('coach is not an email address')).optional()),
  status: optionalText.pipe(personStatusSchema.optional()),
  statusReason: optionalText,
  contractMonths: optionalText.transform((v) => (v === undefined ? undefined : Number(v))).pipe(z.number('must be a whole number of months').int().min(0).optional()),
  roles: optionalText.transform((v) => (v ? v.split(/[;|]/).map((r) => r.trim()).filter(Boolean) : [])).pipe(z.array(personRoleSchema)),
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
};

/** Parses a CSV (header row first) or a JSON array of rows; every bad line is reported with its number. */
export function parseDirectoryFile(content: string, format: 'csv' | 'json'): DirectoryRow[] {
  let records: Array<{ line: number; raw: Record<string, unknown> }>;
  if (format === 'json') {
    const data = JSON.parse(content) as unknown;
    if (!Array.isArray(data)) throw new DirectoryFileError([{ line: 1, message: 'expected a JSON array of people' }]);
    records = data.map((raw, i) => ({ line: i + 1, raw: raw as Record<string, unknown> }));
  } else {
    const rows = parse(content, { columns: (header: string[]) => header.map((h) => headerAliases[h.toLowerCase().replace(/[^a-z]/g, '')] ?? h), skip_empty_lines: true, trim: true, info: true, bom: true }) as Array<{ record: Record<string, unknown>; info: { lines: number } }>;
    records = rows.map((r) => ({ line: r.info.lines, raw: r.record }));
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
  const idByEmail = new Map<string, string>();
  for (let page = 1; ; page++) {
    const batch = await ctx.repos.people.list(org, { page, pageSize: 200 });
    for (const person of batch.items) idByEmail.set(person.email, person.id);
    if (!batch.hasMore) break;
  }
  for (const row of rows) if (!idByEmail.has(row.email)) idByEmail.set(row.email, randomUUID());
  const now = ctx.now();
  const people: Person[] = rows.map((row) => ({
    id: idByEmail.get(row.email)!,
    organisationId,
    entraObjectId: row.entraObjectId,
    displayName: row.name,
    email: row.email,
    school: row.school,
    roleCategory: row.role,
    reviewerId: row.reviewerEmail ? idByEmail.get(row.reviewerEmail) : undefined,
    coachId: row.coachEmail ? idByEmail.get(row.coachEmail) : undefined,
    roles: row.roles,
    status: row.status ?? 'active',
    statusReason: row.statusReason,
    contractMonths: row.contractMonths,
    reachable: true,
    createdAt: now,
    updatedAt: now,
  }));
  const result = await ctx.repos.people.upsertMany(org, people);
  ctx.logger.info({ organisationId, ...result }, 'staff directory imported');
  return result;
}
