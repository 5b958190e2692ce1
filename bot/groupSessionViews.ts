// Turns a group session (use case result) into the cards of seed 004's group check-ins. Pure.
import { DateTime } from 'luxon';
import { windowInstants } from '../shared/policy';
import { buildGroupSessionCard, buildGroupSessionViewerCard, type AdaptiveCard, type GroupSessionCardInput } from './cards';
import { eventTitle } from './checkInViews';
import type { GroupSessionView } from './usecases/groupSessions';

function windowText(view: GroupSessionView): string {
  if (!view.event) return 'This event is no longer on the schedule.';
  const tz = view.organisation.policy.timezone;
  const closes = DateTime.fromJSDate(windowInstants(view.event, tz).closesAt, { zone: tz });
  return view.open ? `Open until ${closes.toFormat('cccc d LLLL, HH:mm')}.` : `Closed ${closes.toFormat('cccc d LLLL')}.`;
}

function common(view: GroupSessionView, options: { refreshUserIds?: string[]; tabUrl?: string }): GroupSessionCardInput {
  const postedNames = view.postedIds.map((id) => view.names.get(id) ?? 'A colleague');
  return {
    sessionId: view.session.id,
    kind: view.session.kind,
    groupName: view.group.name,
    eventTitle: view.event ? eventTitle(view.organisation, view.event) : 'Group check-in',
    windowText: windowText(view),
    open: view.open,
    postedNames,
    memberCount: view.group.memberIds.length,
    refreshUserIds: options.refreshUserIds,
    tabUrl: options.tabUrl,
  };
}

/** The card posted into the group's conversation (its view for someone who is not signed in as anyone). */
export function groupSessionPostedCard(view: GroupSessionView, options: { refreshUserIds?: string[]; tabUrl?: string }): AdaptiveCard {
  return buildGroupSessionCard(common(view, options));
}

/** The card as `viewer` sees it: their own post and colleagues', or just what the session is. */
export function groupSessionViewerCard(
  view: GroupSessionView,
  viewerId: string | undefined,
  options: { refreshUserIds?: string[]; tabUrl?: string; values?: Record<string, string>; errors?: Array<{ path: string; message: string }>; notice?: string },
): AdaptiveCard {
  const own = viewerId ? view.posts.find((p) => p.personId === viewerId) : undefined;
  return buildGroupSessionViewerCard({
    ...common(view, options),
    viewer: { role: view.role, name: viewerId ? view.names.get(viewerId) : undefined },
    ownAnswers: own?.answers,
    colleaguesPosts: view.posts.filter((p) => p.personId !== viewerId).map((p) => ({ personId: p.personId, name: view.names.get(p.personId) ?? 'A colleague', answers: p.answers })),
    values: options.values ?? view.suggested,
    errors: options.errors,
    notice: options.notice,
  });
}
