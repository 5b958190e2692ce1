// "status": completion of the open (or last) check-in, school by school.
import { formatEventDate } from '../../../shared/policy';
import { ADMIN_VERBS } from '../../../shared/verbs';
import type { CompletionStatus } from '../../usecases/adminStatus';
import type { ProgressRow } from '../../usecases/yearReviewLists';
import { formatWindow } from '../../schedule/words';
import { heading, paragraph, type CardElement } from '../adaptiveCard';
import { adminCard, execute, type AdminCard } from './adminCard';
import { tableRows } from './scheduleCards';

/** Rock setting (seed 000 Appendix 4): each deadline so far, how many had their rocks agreed on time, how many missed it. */
function rockSettingLines(status: CompletionStatus, timezone: string): CardElement[] {
  const windows = (status.rockDeadlines?.windows ?? []).filter((w) => w.passed);
  if (windows.length === 0) return [];
  return [
    paragraph(`Rock setting · ${status.rockDeadlines!.rockDeadlinesMissed} deadlines missed`, { weight: 'bolder', spacing: 'medium' }),
    ...windows.map((w) =>
      paragraph(`${w.label}: due ${formatEventDate(w.setBy, timezone)} · ${w.set} of ${w.staff} agreed on time · ${w.missed} missed${w.stillOverdue > 0 ? ` (${w.stillOverdue} still overdue)` : ''}`, { spacing: 'small' }),
    ),
  ];
}

/** Issue 12: the open (or last) review stage, school by school; outcomes as counts, never names. */
function reviewLines(status: CompletionStatus): CardElement[] {
  const reviews = status.reviews;
  if (!reviews) return [];
  const impact = reviews.stage.kind === 'impact';
  const decided = reviews.stage.finalDecisionBy !== 'none';
  const header = impact ? ['School', 'Opened', 'Outcome recorded', 'Overdue'] : ['School', 'Opened', 'Reflections', 'Statements', ...(decided ? ['Decided'] : []), 'Complete', 'Overdue'];
  const line = (r: ProgressRow) =>
    impact
      ? [r.school, String(r.opened), String(r.outcomeRecorded), String(r.overdue)]
      : [r.school, String(r.opened), String(r.reflectionsSubmitted), String(r.statements), ...(decided ? [String(r.finalDecisions)] : []), String(r.complete), String(r.overdue)];
  const outcomes = Object.entries(reviews.total.outcomes).map(([label, n]) => `${label}: ${n}`).join(' · ');
  return [
    paragraph(`Reviews · ${reviews.stage.label} (${reviews.eventTitle}) · ${reviews.state === 'open' ? 'open now' : 'closed'}`, { weight: 'bolder', spacing: 'large' }),
    ...(reviews.rows.length === 0 ? [paragraph('No reviews opened yet.', { spacing: 'small' })] : tableRows([header, ...reviews.rows.map(line), line(reviews.total)])),
    ...(outcomes ? [paragraph(`Outcomes so far: ${outcomes}`, { isSubtle: true, size: 'small', spacing: 'small' })] : []),
  ];
}

export function buildStatusCard(status: CompletionStatus, timezone: string): AdminCard {
  if (status.notice) return adminCard([heading('Completion'), paragraph(status.notice, { color: 'attention' })], [execute('Refresh', ADMIN_VERBS.showStatus)]);
  if (!status.event) return adminCard([heading('Completion'), paragraph('No check-in has opened yet this cycle.'), ...rockSettingLines(status, timezone), ...reviewLines(status)], [execute('Refresh', ADMIN_VERBS.showStatus)]);
  const { event } = status;
  const header = ['School', 'Staff', 'Prompted', 'Submitted', 'On time', 'Awaiting ack.'];
  const line = (s: CompletionStatus['total']) => [s.school, String(s.staff), String(s.prompted), String(s.submitted), String(s.onTime), String(s.awaitingAcknowledgement)];
  return adminCard(
    [
      heading(`Completion · ${event.title}`),
      paragraph(`${formatEventDate(event.date, timezone)} · window ${formatWindow(event.window, timezone)} · ${status.state === 'open' ? 'open now' : 'closed'}`, { isSubtle: true }),
      // Group mode (seed 004) prompts no one individually: the groups' sessions are the status.
      ...(status.groups ? groupRows(status) : [
        ...tableRows([header, ...status.schools.map(line), line(status.total)]),
        paragraph('Awaiting ack.: submitted check-ins the reviewer has not yet acknowledged.', { isSubtle: true, size: 'small', spacing: 'medium' }),
      ]),
      ...rockSettingLines(status, timezone),
      ...reviewLines(status),
      ...(event.kind === 'optional-check-in' ? [paragraph('This check-in is optional: nobody who leaves it is counted as missing it.', { isSubtle: true, size: 'small' })] : []),
    ],
    [execute('Refresh', ADMIN_VERBS.showStatus)],
  );
}

/** seed 004: group sessions of the event, by coaching group: posted or not, and how many members have posted (nothing ranked). */
function groupRows(status: CompletionStatus) {
  if (!status.groups) return [];
  if (status.groups.length === 0) return [paragraph('Group sessions: no coaching groups yet. Say "coaching group NAME here" in the group\'s channel or chat.', { spacing: 'medium' })];
  const header = ['Coaching group', 'Members', 'Session', 'Members posted', 'Replies'];
  const rows = status.groups.map((g) => [g.group, String(g.members), g.posted ? 'posted' : (g.note ?? 'not posted'), String(g.membersPosted), String(g.replies)]);
  return [paragraph('Group sessions', { weight: 'bolder', spacing: 'large' }), ...tableRows([header, ...rows])];
}
