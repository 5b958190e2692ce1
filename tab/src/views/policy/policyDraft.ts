// The policy as the form edits it: plain JSON, read and written by dotted field paths, the same
// paths the server's validation names ("rocks.maxSuccessCriteria", "rocks.slots.1.theme").
export type Json = Record<string, unknown>;

export function getAt(value: unknown, path: string): unknown {
  let node = value;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Json)[part];
  }
  return node;
}

/** A copy with the value at `path` replaced (lists copied, not mutated). */
export function setAt<T>(value: T, path: string, next: unknown): T {
  const [head, ...rest] = path.split('.');
  const key = head ?? '';
  const base: unknown = value;
  const child = base !== null && typeof base === 'object' ? (base as Json)[key] : undefined;
  const replaced = rest.length === 0 ? next : setAt(child, rest.join('.'), next);
  if (Array.isArray(base)) {
    const copy = [...(base as unknown[])];
    copy[Number(key)] = replaced;
    return copy as T;
  }
  return { ...((base as Json | undefined) ?? {}), [key]: replaced } as T;
}

/** A number field: a number when it reads as one, else the text as typed (the server names the field). */
export function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
}

/** "a, b, c" ⇄ ['a', 'b', 'c']. */
export const listToText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : '');
export const textToList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Alignment options, one a line: "code | label | group". */
export function optionsToText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((o: Json) => [o.code, o.label, o.group].filter((part) => typeof part === 'string' && part !== '').join(' | '))
    .join('\n');
}

export function textToOptions(text: string): Json[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [code = '', label = '', group] = line.split('|').map((s) => s.trim());
      return group ? { code, label, group } : { code, label };
    });
}

/** The top-level sections the view has a form for; each is saved on its own. */
export const SECTIONS = ['general', 'vocabulary', 'rocks', 'alignment', 'checkIns', 'reviewers', 'exclusions', 'retention', 'access'] as const;
export type Section = (typeof SECTIONS)[number];

/** The policy keys a section's form edits. */
export const SECTION_KEYS: Record<Section, readonly string[]> = {
  general: ['name', 'timezone'],
  vocabulary: ['vocabulary'],
  rocks: ['rocks'],
  alignment: ['alignment'],
  checkIns: ['checkIns'],
  reviewers: ['reviewers'],
  exclusions: ['exclusions'],
  retention: ['retention'],
  access: ['access'],
};

export function sectionOf(path: string): Section {
  const key = path.split('.')[0] ?? '';
  return SECTIONS.find((s) => SECTION_KEYS[s].includes(key)) ?? 'general';
}

/** The saved policy with only this section's edits on top: what that section's Preview and Save send. */
export function withSection(saved: Json, draft: Json, section: Section): Json {
  const out: Json = { ...saved };
  for (const key of SECTION_KEYS[section]) out[key] = draft[key];
  return out;
}

export function sectionChanged(saved: Json, draft: Json, section: Section): boolean {
  return SECTION_KEYS[section].some((key) => JSON.stringify(saved[key]) !== JSON.stringify(draft[key]));
}
