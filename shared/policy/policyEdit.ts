// Checking an edited policy and saying what changed, field by field. Pure. The checks are the
// policy schema and the policy pack's own cross-field rules (policyPackSchema: unique slots, rock
// windows that end after they start, a real time zone, ...), run against the organisation's
// current cycle, plus the rules only an edit can break (the id stays, windows inside the cycle,
// a reminder inside the check-in window).
import { z } from 'zod';
import { policySchema, type CycleDefinition, type Policy, type PolicyFieldChange } from '../domain';
import { policyPackSchema } from './packs';

export interface PolicyFieldError {
  /** Dotted, as the API and the tab name fields: "rocks.maxSuccessCriteria", "rocks.slots.1.id". */
  path: string;
  message: string;
}

export type PolicyCheck = { ok: true; policy: Policy } | { ok: false; errors: PolicyFieldError[] };

/** The cycle an edit is checked against; without one (no current cycle) only the policy's own rules apply. */
export type PolicyCycle = Pick<CycleDefinition, 'key' | 'label' | 'startsOn' | 'endsOn'> & { events?: CycleDefinition['events']; rockWindows?: CycleDefinition['rockWindows'] };

const OPEN_CYCLE: PolicyCycle = { key: 'no-cycle', label: 'no current cycle', startsOn: '0001-01-01', endsOn: '9999-12-31' };

/** Validates a whole edited policy against the one in force; every error names its field. */
export function checkPolicyEdit(input: unknown, current: Policy, cycle?: PolicyCycle): PolicyCheck {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => ({ path: pathOf(issue.path), message: messageOf(issue) })) };
  const policy = parsed.data;
  const errors: PolicyFieldError[] = [];
  const within = cycle ?? OPEN_CYCLE;
  const pack = policyPackSchema.safeParse({ policy, cycle: { ...within, events: within.events ?? [] } });
  if (!pack.success) {
    // Growth rules the edit leaves as they are (seed 002's stages and terms, written for the year the
    // pack shipped) are not the edit's to fix: after a rollover they would refuse every edit.
    const growthUnchanged = JSON.stringify(policy.growth ?? null) === JSON.stringify(current.growth ?? null);
    for (const issue of pack.error.issues) {
      // Only the policy's own fields: the cycle's events are the schedule's business, not this edit's.
      if (issue.path[0] !== 'policy' || (growthUnchanged && issue.path[1] === 'growth')) continue;
      errors.push({ path: pathOf(issue.path.slice(1)), message: issue.message });
    }
  }
  errors.push(...editRules(policy, current, cycle));
  return errors.length > 0 ? { ok: false, errors: dedupe(errors) } : { ok: true, policy };
}

function editRules(policy: Policy, current: Policy, cycle: PolicyCycle | undefined): PolicyFieldError[] {
  const errors: PolicyFieldError[] = [];
  const error = (path: string, message: string) => errors.push({ path, message });
  if (policy.id !== current.id) error('id', `the policy's id stays "${current.id}" (cycles refer to it); change its name instead`);
  // A cycle with rock windows of its own (a rolled-forward year) does not use the policy's.
  if (cycle && !cycle.rockWindows) {
    policy.rocks.windows.forEach((w, i) => {
      if (w.startsOn < cycle.startsOn || w.endsOn > cycle.endsOn) error(`rocks.windows.${i}.startsOn`, `must be inside the cycle ${cycle.label} (${cycle.startsOn} to ${cycle.endsOn})`);
    });
  }
  const { window, reminder } = policy.checkIns;
  const opens = window.opensDays * 1440 + minutes(window.opensAt);
  const closes = window.closesDays * 1440 + minutes(window.closesAt);
  if (closes <= opens) error('checkIns.window.closesDays', 'the window must close after it opens');
  const remind = closes - (closes % 1440) - reminder.daysBeforeClose * 1440 + minutes(reminder.at);
  if (closes > opens && (remind <= opens || remind >= closes)) {
    error('checkIns.reminder.daysBeforeClose', `the reminder must fall inside the check-in window (it would be ${reminder.daysBeforeClose} days before the window closes, at ${reminder.at})`);
  }
  const minimum = policy.alignment.minimum ?? 0;
  if (minimum > policy.alignment.options.length) {
    error('alignment.minimum', `must be at most ${policy.alignment.options.length}, the number of ${policy.alignment.label} options`);
  }
  policy.rocks.slots.forEach((slot, i) => {
    if (!/^[a-z0-9-]+$/i.test(slot.id)) error(`rocks.slots.${i}.id`, 'use letters, digits and dashes only (rocks refer to it)');
  });
  return errors;
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(policy)';
}

function dedupe(errors: PolicyFieldError[]): PolicyFieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** zod's wording for a person editing a form: "must be between 1 and 20", "cannot be empty". */
function messageOf(issue: z.core.$ZodIssue): string {
  const bounds = numberBoundsAt(issue.path);
  switch (issue.code) {
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int') {
        if (bounds.min !== undefined && bounds.max !== undefined) return `must be between ${bounds.min} and ${bounds.max}`;
        return issue.code === 'too_small' ? `must be at least ${String(issue.minimum)}` : `must be at most ${String(issue.maximum)}`;
      }
      if (issue.origin === 'string') return issue.code === 'too_small' ? 'cannot be empty' : `keep it under ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return issue.code === 'too_small' ? `needs at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      return issue.message;
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? 'is required' : `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** The min and max of the number field at this path of the policy schema, where it declares them. */
function numberBoundsAt(path: readonly PropertyKey[]): { min?: number; max?: number } {
  let node: unknown = policySchema;
  for (const part of path) {
    node = unwrap(node);
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, unknown>)[String(part)];
    else if (node instanceof z.ZodArray) node = node.element;
    else return {};
  }
  node = unwrap(node);
  if (!(node instanceof z.ZodNumber)) return {};
  const min = node.minValue;
  const max = node.maxValue;
  // z.int() alone bounds a number to the safe integers: that is no limit a person would be told.
  const stated = (n: number | null) => (n !== null && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined);
  return { min: stated(min), max: stated(max) };
}

function unwrap(node: unknown): unknown {
  let current = node;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap();
  return current;
}

/**
 * What changed, field by field (leaves of objects; a list compares whole): the audit log and the
 * preview both say "rocks.maxSuccessCriteria: 7 → 5".
 */
export function diffPolicy(before: Policy, after: Policy): PolicyFieldChange[] {
  const changes: PolicyFieldChange[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (isRecord(a) && isRecord(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) walk(a[key], b[key], path ? `${path}.${key}` : key);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field: path, before: a ?? null, after: b ?? null });
  };
  walk(before, after, '');
  return changes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A partial edit on top of the policy in force: objects merge key by key, anything else (a value,
 * a list) replaces. `PATCH /policy` and "policy set <field> <value>" both build an edit this way.
 */
export function mergePolicyEdit(current: Policy, patch: unknown): unknown {
  const merge = (base: unknown, change: unknown): unknown => {
    if (Array.isArray(base) && isRecord(change) && Object.keys(change).every((k) => /^\d+$/.test(k))) {
      // "rocks.slots.1.theme": one item of a list
      const out = [...base];
      for (const [key, value] of Object.entries(change)) out[Number(key)] = merge(out[Number(key)], value);
      return out;
    }
    if (!isRecord(base) || !isRecord(change)) return change === undefined ? base : change;
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(change)) out[key] = merge(base[key], value);
    return out;
  };
  return merge(current, patch);
}

/** "rocks.maxSuccessCriteria" + 5 → { rocks: { maxSuccessCriteria: 5 } }. */
export function patchAt(field: string, value: unknown): Record<string, unknown> {
  const parts = field.split('.');
  let patch: unknown = value;
  for (const part of [...parts].reverse()) patch = { [part]: patch };
  return patch as Record<string, unknown>;
}

/** The value at a dotted field of the policy, or undefined. */
export function valueAt(policy: Policy, field: string): unknown {
  let node: unknown = policy;
  for (const part of field.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * A value typed after "policy set <field>" in the admin channel, read as the field's kind: a number,
 * yes/no, a comma-separated list of words, or text. Lists of objects (rock slots, alignment options)
 * are edited in the tab.
 */
export function readTypedValue(policy: Policy, field: string, raw: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const current = valueAt(policy, field);
  const text = raw.trim();
  if (current === undefined && field !== 'alignment.minimum') return { ok: false, message: `${field}: there is no such policy field` };
  if (typeof current === 'number' || field === 'alignment.minimum') {
    const n = Number(text);
    return text !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `${field}: must be a number` };
  }
  if (typeof current === 'boolean') {
    if (/^(yes|true|on)$/i.test(text)) return { ok: true, value: true };
    if (/^(no|false|off)$/i.test(text)) return { ok: true, value: false };
    return { ok: false, message: `${field}: say yes or no` };
  }
  if (Array.isArray(current)) {
    if (current.some((item) => typeof item !== 'string')) return { ok: false, message: `${field}: a list like this is edited in the tab` };
    return { ok: true, value: text === '' || /^none$/i.test(text) ? [] : text.split(',').map((s) => s.trim()).filter(Boolean) };
  }
  if (typeof current === 'string') return { ok: true, value: text.replace(/^"(.*)"$/, '$1') };
  return { ok: false, message: `${field}: name one field inside it, e.g. ${field}.${Object.keys(current as object)[0] ?? '…'}` };
}
