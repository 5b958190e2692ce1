// GET /check-ins/current: the signed-in person's open check-in for the tab's banner and form — the
// same use case as the bot's "check in" (findOpenCheckIn), with the card's questions, the rocks to
// report on and what they already sent (editable until the window closes).
import { API_PREFIX, type CurrentCheckInResponse } from '../../../shared/api';
import type { CheckIn, Policy, Rock } from '../../../shared/domain';
import { reviewerOf } from '../../../shared/policy';
import { sentenceCase } from '../../cards/adaptiveCard';
import { checkInHints, checkInIntro, PRAISE_LABEL, SCORE_LABEL, TEXT_FIELD_LABELS, TEXT_FIELD_LIMITS } from '../../cards/checkInForm';
import { findOpenCheckIn } from '../../usecases/checkIns';
import type { Config } from '../../config';
import { checkInDto, checkInPeople, personSummary, scheduleEventDto } from './present';
import { namesOf, timezoneOf, type ApiRouter } from './route';
import { CHECK_IN_LIMITS } from '../../../shared/domain';

type Vocabulary = Policy['vocabulary'];

/** The card's words (bot/cards/checkInForm.ts), for the tab's form. */
function questions(vocabulary: Vocabulary): CurrentCheckInResponse['questions'] {
  const hints = checkInHints(vocabulary);
  return {
    www: { label: TEXT_FIELD_LABELS.www, hint: hints.www, max: TEXT_FIELD_LIMITS.www },
    ebi: { label: TEXT_FIELD_LABELS.ebi, hint: hints.ebi, max: TEXT_FIELD_LIMITS.ebi },
    whatsNext: { label: TEXT_FIELD_LABELS.whatsNext, hint: hints.whatsNext, max: TEXT_FIELD_LIMITS.whatsNext },
    rockProgress: { label: `Progress on your ${vocabulary.rocks}`, hint: hints.rockProgress, max: CHECK_IN_LIMITS.rockProgress },
    score: { label: SCORE_LABEL, hint: hints.score },
    praise: { label: PRAISE_LABEL, hint: hints.praise },
    praiseMessage: { label: TEXT_FIELD_LABELS.praiseMessage, hint: hints.praiseMessage, max: TEXT_FIELD_LIMITS.praiseMessage },
  };
}

/** As the card lists them: the agreed rocks, then any progress already written against a rock that has since changed. */
function rockFields(rocks: Rock[], existing: CheckIn | null, vocabulary: Vocabulary): CurrentCheckInResponse['rocks'] {
  const fields = rocks.map((r) => ({ id: r.id, title: r.title }));
  for (const written of existing?.answers.rockProgress ?? []) {
    if (!fields.some((f) => f.id === written.rockId)) fields.push({ id: written.rockId, title: written.rockTitle });
  }
  return fields.map((f, i) => ({ ...f, label: `${sentenceCase(vocabulary.rock)} ${i + 1}: ${f.title}` }));
}

/** The bot's one-to-one chat (Teams deep link); none without a bot registration. */
export function botChatUrl(config: Pick<Config, 'BOT_ID'>): string | undefined {
  return config.BOT_ID ? `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${config.BOT_ID}`)}` : undefined;
}

export function registerCurrentCheckInRoute(router: ApiRouter): void {
  const { server, ctx, config, authed } = router;
  server.get(
    `${API_PREFIX}/check-ins/current`,
    authed(async ({ actor }) => {
      const open = await findOpenCheckIn(ctx, actor.person);
      const policy = open.organisation.policy;
      const now = ctx.now();
      const tz = timezoneOf(actor);
      const reviewerId = reviewerOf(actor.person, policy);
      const names = await namesOf(ctx, actor, [...(reviewerId ? [reviewerId] : []), ...(open.kind === 'open' && open.existing ? checkInPeople(open.existing) : [])]);
      const reviewer = reviewerId ? names.get(reviewerId) : undefined;
      const body: CurrentCheckInResponse = {
        state: open.kind,
        now: now.toISOString(),
        message: 'message' in open ? open.message : undefined,
        event: open.kind === 'open' ? scheduleEventDto(open.event, now, tz) : undefined,
        next: open.kind === 'none' && open.next ? scheduleEventDto(open.next, now, tz) : undefined,
        checkIn: open.kind === 'open' && open.existing ? checkInDto(open.existing, names) : undefined,
        rocks: open.kind === 'open' ? rockFields(open.rocks, open.existing, policy.vocabulary) : [],
        reviewer: reviewer ? personSummary(reviewer) : undefined,
        chatUrl: botChatUrl(config),
        questions: questions(policy.vocabulary),
        intro: checkInIntro(policy.vocabulary, reviewer?.displayName),
      };
      return { body };
    }),
  );
}
