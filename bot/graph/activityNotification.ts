// The body of Graph's `POST /users/{id}/teamwork/sendActivityNotification`, and the checks it must
// pass before we spend a call (and a token) on it. Graph refuses a notification whose activity type
// the installed manifest does not declare, or whose templateParameters do not fill its
// templateText, with a 400 that retrying cannot fix; catching those here turns a bad outbox job
// into one clear error instead of six refused calls.
import manifestTemplate from '../../manifest/manifest.json';
import { type ActivityTemplateParameters, type ActivityType, templateParameters } from '../../manifest/activityTypes';
import { type SubPageId, type TabEntity, tabDeepLink } from './deepLinks';

/** Teams shows the first 150 characters of previewText (Graph docs, sendActivityNotification). */
export const PREVIEW_TEXT_MAX = 150;
const ELLIPSIS = '…';

export type ActivityTopic =
  /** A Graph resource URL (a team, channel, chat message...); the feed opens that resource. */
  | { source: 'entityUrl'; value: string }
  /** Free text shown as the topic; the feed opens webUrl, a Teams deep link. */
  | { source: 'text'; value: string; webUrl: string };

export interface TemplateParameter {
  name: string;
  value: string;
}

export interface ActivityNotification<T extends ActivityType = ActivityType> {
  topic: ActivityTopic;
  activityType: T;
  previewText: { content: string };
  /** Exactly the parameters the type's templateText uses; build with manifest/activityTypes' templateParameters(). */
  templateParameters: TemplateParameter[];
  /** Graph: a later notification with the same chainId replaces this one in the feed. */
  chainId?: number;
}

/** Activity types as the manifest declares them: type → the {parameters} its templateText uses. */
export function declaredActivityTypes(): ReadonlyMap<string, readonly string[]> {
  return declared;
}

const declared: ReadonlyMap<string, readonly string[]> = new Map(
  (manifestTemplate.activities?.activityTypes ?? []).map(({ type, templateText }: { type: string; templateText: string }) => [
    type,
    [...new Set(Array.from(templateText.matchAll(/\{([^{}]+)\}/g), (m) => m[1]!))],
  ]),
);

/** Shortens text to `max` UTF-16 units, ending in an ellipsis, without splitting a surrogate pair. */
export function truncatePreview(text: string, max = PREVIEW_TEXT_MAX): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length > max - ELLIPSIS.length) break;
    kept += char;
  }
  return `${kept.trimEnd()}${ELLIPSIS}`;
}

export class InvalidActivityNotificationError extends Error {
  /** Not an HTTP status: the notification was refused before any call was made. */
  readonly code = 'InvalidActivityNotification';

  constructor(readonly problems: string[]) {
    super(`Activity notification refused before sending: ${problems.join('; ')}`);
    this.name = 'InvalidActivityNotificationError';
  }
}

function isHttpsUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export type ValidationResult =
  | { ok: true; notification: ActivityNotification }
  | { ok: false; error: InvalidActivityNotificationError };

/**
 * Checks a notification against the manifest and Graph's rules; on success returns the body to
 * send, with previewText shortened to 150 characters rather than refused (Teams would cut it anyway).
 * Takes `unknown`-ish input because notifications come back out of outbox jobs as JSON.
 */
export function validateActivityNotification(notification: ActivityNotification): ValidationResult {
  const problems: string[] = [];
  const n = notification as Partial<ActivityNotification> | null | undefined;
  const declaredParameters = typeof n?.activityType === 'string' ? declared.get(n.activityType) : undefined;
  if (!declaredParameters) {
    problems.push(`activityType ${JSON.stringify(n?.activityType)} is not declared in the manifest (activities.activityTypes)`);
  }

  const topic = n?.topic as Partial<{ source: string; value: unknown; webUrl: unknown }> | undefined;
  if (!topic || (topic.source !== 'text' && topic.source !== 'entityUrl')) {
    problems.push("topic.source must be 'text' or 'entityUrl'");
  } else if (topic.source === 'text') {
    if (typeof topic.value !== 'string' || topic.value.trim() === '') problems.push('topic.value (the title) is empty');
    if (!isHttpsUrl(topic.webUrl)) problems.push('topic.webUrl must be an https deep link when topic.source is text');
  } else if (!isHttpsUrl(topic.value)) {
    problems.push('topic.value must be an https Graph resource URL when topic.source is entityUrl');
  }

  const content = n?.previewText?.content;
  if (typeof content !== 'string' || content.trim() === '') problems.push('previewText.content is empty');

  const parameters = Array.isArray(n?.templateParameters) ? n.templateParameters : undefined;
  if (!parameters) {
    problems.push('templateParameters must be an array of {name, value}');
  } else if (declaredParameters) {
    const given = parameters.map((p) => (p && typeof p === 'object' ? p.name : undefined));
    const missing = declaredParameters.filter((name) => !given.includes(name));
    const unknown = given.filter((name) => typeof name !== 'string' || !declaredParameters.includes(name));
    const repeated = given.filter((name, i) => typeof name === 'string' && given.indexOf(name) !== i);
    if (missing.length) problems.push(`templateParameters lack ${missing.join(', ')} (used by ${n!.activityType}'s templateText)`);
    if (unknown.length) problems.push(`templateParameters ${unknown.map((u) => JSON.stringify(u)).join(', ')} are not in ${n!.activityType}'s templateText`);
    if (repeated.length) problems.push(`templateParameters repeat ${[...new Set(repeated)].join(', ')}`);
    const notText = parameters.filter((p) => p && typeof p === 'object' && typeof p.value !== 'string');
    if (notText.length) problems.push(`templateParameters ${notText.map((p) => p.name).join(', ')} must have string values`);
  }

  if (n?.chainId !== undefined && !Number.isSafeInteger(n.chainId)) problems.push('chainId must be an integer');

  if (problems.length) return { ok: false, error: new InvalidActivityNotificationError(problems) };
  const valid = notification;
  return {
    ok: true,
    notification: {
      topic: valid.topic.source === 'text'
        ? { source: 'text', value: valid.topic.value, webUrl: valid.topic.webUrl }
        : { source: 'entityUrl', value: valid.topic.value },
      activityType: valid.activityType,
      previewText: { content: truncatePreview(valid.previewText.content) },
      templateParameters: valid.templateParameters.map(({ name, value }) => ({ name, value })),
      ...(valid.chainId === undefined ? {} : { chainId: valid.chainId }),
    },
  };
}

export interface FeedNotificationInput<T extends ActivityType> {
  /** The manifest's id (TEAMS_APP_ID), for the deep link. */
  teamsAppId: string;
  activityType: T;
  templateParameters: ActivityTemplateParameters<T>;
  previewText: string;
  /** The static tab the notification opens, and where in it (the tab reads page.subPageId). */
  entity: TabEntity;
  subPageId: SubPageId;
  /** The topic line in the feed, and the label Teams shows while the tab opens. */
  topicTitle: string;
}

/** A notification whose topic is its title and opens the tab at subPageId. */
export function feedNotification<T extends ActivityType>(input: FeedNotificationInput<T>): ActivityNotification<T> {
  return {
    // entityUrl would need a Graph resource URL, and a personal tab has none.
    topic: {
      source: 'text',
      value: input.topicTitle,
      webUrl: tabDeepLink({ teamsAppId: input.teamsAppId, entity: input.entity, subPageId: input.subPageId, label: input.topicTitle }),
    },
    activityType: input.activityType,
    previewText: { content: input.previewText },
    templateParameters: templateParameters(input.activityType, input.templateParameters),
  };
}
