// GET /check-ins/current: the signed-in person's open check-in for the tab's banner and form — the
// same use case as the bot's "check in" (findOpenCheckIn), with the card's questions, the rocks to
// report on and what they already sent (editable until the window closes).
import { API_PREFIX, type CurrentCheckInResponse } from '../../../shared/api';
import type { CheckIn, Policy, Rock } from '../../../shared/domain';
import { reviewerOf } from '../../../shared/policy';
import { sentenceCase } from '../../cards/adaptiveCard';
import { PRAISE_LABEL, SCORE_LABEL, TEXT_FIELD_LABELS, TEXT_FIELD_LIMITS } from '../../cards/checkInForm';
import { findOpenCheckIn } from '../../usecases/checkIns';
import type { Config } from '../../config';
import { checkInDto, checkInPeople, personSummary, scheduleEventDto } from './present';
import { namesOf, timezoneOf, type ApiRouter } from './route';
import { CHECK_IN_LIMITS } from '../../../shared/domain';

type Vocabulary = Policy['vocabulary'];

/** The card's words (bot/cards/checkInCard.ts), for the tab's form. */
function questions(vocabulary: Vocabulary): CurrentCheckInResponse['questions'] {
  return {
    www: { label: TEXT_FIELD_LABELS.www, hint: 'Be specific — what worked, and why? Three key words is fine', max: TEXT_FIELD_LIMITS.www },
    ebi: { label: TEXT_FIELD_LABELS.ebi, hint: 'What would make it even better next time?', max: TEXT_FIELD_LIMITS.ebi },
    whatsNext: { label: TEXT_FIELD_LABELS.whatsNext, hint: `Your next step before the next ${vocabulary.checkIn}`, max: TEXT_FIELD_LIMITS.whatsNext },
    rockProgress: { label: `Progress on your ${vocabulary.rocks}`, hint: 'What moved forward? Three key words is fine', max: CHECK_IN_LIMITS.rockProgress },
    score: { label: SCORE_LABEL, hint: 'Your skill or confidence right now. What would a 10 look like?' },
    praise: { label: PRAISE_LABEL, hint: "Start typing a colleague's name" },
    praiseMessage: { label: TEXT_FIELD_LABELS.praiseMessage, hint: `They get your thanks, not the rest of your ${vocabulary.checkIn}.`, max: TEXT_FIELD_LIMITS.praiseMessage },
  };
}

function intro(vocabulary: Vocabulary, reviewerName: string | undefined): string[] {
  const reviewer = reviewerName ? `your ${vocabulary.reviewer} (${reviewerName})` : `your ${vocabulary.reviewer}`;
  return [
    `Ten minutes is plenty. You don't have to answer everything — one answer is enough to send: What went well and Even better if can take turns with progress on your ${vocabulary.rocks}, and three key words is fine when time is short.`,
    `Only you and ${reviewer} see your answers, and they can feed into your end-of-year review, so a specific line now saves time later.`,
  ];
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
        intro: intro(policy.vocabulary, reviewer?.displayName),
      };
      return { body };
    }),
  );
}
