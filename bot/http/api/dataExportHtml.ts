// Issue 16: the readable copy of a subject-access export — one self-contained page (inline CSS, no
// script, nothing fetched), a heading per kind of record, dates in the organisation's time zone,
// printable. Every piece of text is escaped: a check-in answer reading <script> shows as text.
import { DateTime } from 'luxon';
import type { SubjectAccessExport } from '../../usecases/subjectAccess';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Field names as a person reads them; the rest are split from their camelCase. */
const LABELS: Record<string, string> = {
  www: 'What went well',
  ebi: 'Even better if',
  whatsNext: "What's next",
  rockProgress: 'Progress on rocks',
  praiseMessage: 'Thanks written in the check-in',
  reviewerResponse: "Reviewer's response",
  displayName: 'Name',
  email: 'Email',
  entraObjectId: 'Microsoft account id',
  roleCategory: 'Role',
  createdAt: 'Created',
  updatedAt: 'Last changed',
  submittedAt: 'Submitted',
  editedAt: 'Edited',
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function labelOf(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function textOf(value: unknown, zone: string): string {
  if (typeof value === 'string') {
    if (INSTANT.test(value)) {
      const at = DateTime.fromISO(value, { zone: 'utc' }).setZone(zone);
      if (at.isValid) return at.toFormat("d LLLL yyyy 'at' HH:mm");
    }
    if (DAY.test(value)) {
      const day = DateTime.fromISO(value);
      if (day.isValid) return day.toFormat('d LLLL yyyy');
    }
    return value;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function valueHtml(value: unknown, zone: string, depth: number): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="none">none</span>';
    return `<ul>${value.map((v) => `<li>${valueHtml(v, zone, depth + 1)}</li>`).join('')}</ul>`;
  }
  if (value && typeof value === 'object') return recordHtml(value as Record<string, unknown>, zone, depth + 1);
  return `<span class="text">${escapeHtml(textOf(value, zone))}</span>`;
}

function recordHtml(record: Record<string, unknown>, zone: string, depth: number): string {
  const rows = Object.entries(record).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (rows.length === 0) return '<span class="none">nothing recorded</span>';
  if (depth > 8) return `<span class="text">${escapeHtml(JSON.stringify(record))}</span>`;
  return `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(labelOf(k))}</dt><dd>${valueHtml(v, zone, depth)}</dd>`).join('')}</dl>`;
}

const STYLE = `
body{font-family:"Segoe UI",system-ui,-apple-system,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;max-width:52rem;padding:1.5rem;line-height:1.5}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .25rem;border-bottom:2px solid #5b5fc7;padding-bottom:.2rem}
.about,.meta{color:#424242;margin:.25rem 0 .75rem}.count{font-weight:normal;color:#616161;font-size:.95rem}
article{border:1px solid #d1d1d1;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0;break-inside:avoid}
dl{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.15rem 1rem;margin:0}dt{font-weight:600}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
ul{margin:0;padding-left:1.2rem}.none{color:#616161;font-style:italic}nav ol{columns:2;padding-left:1.2rem}
a{color:#4f52b2}@media print{body{max-width:none;padding:0}nav{display:none}a{color:inherit;text-decoration:none}article{border-color:#999}}
`;

/** The export as one HTML page. */
export function dataExportHtml(data: SubjectAccessExport): string {
  const zone = data.organisation.timeZone;
  const generated = textOf(data.generatedAt.toISOString(), zone);
  const contents = data.sections.map((s) => `<li><a href="#${escapeHtml(s.key)}">${escapeHtml(s.heading)}</a> (${s.items.length})</li>`).join('');
  const sections = data.sections
    .map(
      (s) =>
        `<section aria-labelledby="h-${escapeHtml(s.key)}"><h2 id="h-${escapeHtml(s.key)}"><a id="${escapeHtml(s.key)}"></a>${escapeHtml(s.heading)} <span class="count">(${s.items.length})</span></h2>` +
        `<p class="about">${escapeHtml(s.about)}</p>${s.items.map((item) => `<article>${recordHtml(item, zone, 0)}</article>`).join('')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`Personal data held about ${data.person.displayName}`)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(`Personal data held about ${data.person.displayName}`)}</h1>
<p class="meta">${escapeHtml(`${data.organisation.name} · prepared ${generated} (${zone}) ${data.preparedFor === 'self' ? 'at your request' : 'by a PG administrator'}`)}</p>
<p class="about">Everything Professional Growth holds about you, by kind of record. Where a record belongs to a colleague and only names you, just your own part is shown. A copy of the same data for computers is available as JSON.</p>
<nav aria-label="Contents"><h2>Contents</h2><ol>${contents}</ol></nav>
${sections}
</main></body></html>
`;
}
