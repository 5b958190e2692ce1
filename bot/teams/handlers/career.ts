// The career conversation's card actions (seed 000 Appendix 4): the reviewer records the 1:1 and
// its route, the reviewee comments, a follow-up's owner closes it with a note. Each runs the same
// use case as the tab and answers with the card again — saved, or with what to fix and everything
// typed kept.
import { TALENT_VERBS } from '../../../shared/verbs';
import { buildErrorCard, type AdaptiveCard } from '../../cards';
import { CAREER_FIELD_LABELS } from '../../cards/careerCards';
import { createLinks } from '../../links';
import { careerReviewerCard, followUpCard, type CareerCardOptions } from '../../notifications/careerCards';
import type { ReviewCardServices } from '../../notifications/yearReviewCards';
import type { Actor } from '../../usecases/access';
import { closeFollowUp, commentOnCareer, recordCareerConversation } from '../../usecases/careerConversations';
import { loadOrganisation } from '../../usecases/checkIns';
import { DomainError } from '../../usecases/errors';
import type { ActionTurn, PersonTurn } from '../registry';

type Turn = ActionTurn & PersonTurn;
const CONTROL = new Set(['personId', 'cycleId', 'card', 'followUpId']);

function typed(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string' && !CONTROL.has(key)) out[key] = value;
  return out;
}

function problemText(err: DomainError): string {
  const errors = (err.details.errors ?? []) as Array<{ path: string; message: string }>;
  if (errors.length === 0) return err.message;
  return `Please check: ${errors.map((e) => `${CAREER_FIELD_LABELS[e.path.split('.')[0]!] ?? e.path} — ${e.message}`).join('; ')}.`;
}

async function save(turn: Turn, actor: Actor, draft: Record<string, string>): Promise<string | undefined> {
  const { ctx } = turn.deps;
  const personId = String(turn.data.personId ?? '');
  switch (turn.verb) {
    case TALENT_VERBS.recordCareer: {
      const meetingOn = draft.meetingOn?.trim();
      const { route, created, closed } = await recordCareerConversation(ctx, actor, personId, { route: draft.route ?? '', ...(meetingOn ? { meetingOn } : {}), notes: draft.notes ?? '' });
      const tasks = created.length > 0 ? ` ${created.length} follow-up${created.length === 1 ? '' : 's'} set going.` : '';
      const left = closed.length > 0 ? ` ${closed.length} follow-up${closed.length === 1 ? '' : 's'} of the earlier route closed.` : '';
      return `Recorded: ${route.label}.${tasks}${left} It has been sent to them.`;
    }
    case TALENT_VERBS.commentCareer:
      await commentOnCareer(ctx, actor, personId, { text: draft.text ?? '' });
      return 'Your comment has been sent.';
    case TALENT_VERBS.closeFollowUp:
      await closeFollowUp(ctx, actor, String(turn.data.followUpId ?? ''), { note: draft.note ?? '' });
      return 'Closed. Thank you.';
    default:
      return undefined; // open: the current view
  }
}

/** TALENT_VERBS.openCareer, recordCareer, commentCareer and closeFollowUp. */
export async function careerAction(turn: Turn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const organisation = await loadOrganisation(ctx, turn.person.organisationId);
  const actor: Actor = { person: turn.person, organisation };
  const services: ReviewCardServices = { ctx, links: createLinks(turn.deps.config) };
  const followUpId = typeof turn.data.followUpId === 'string' ? turn.data.followUpId : '';
  const cycleId = typeof turn.data.cycleId === 'string' && turn.data.cycleId ? turn.data.cycleId : undefined;
  const build = (options: CareerCardOptions) =>
    followUpId ? followUpCard(services, organisation, turn.person, followUpId, 'view', options) : careerReviewerCard(services, organisation, turn.person, String(turn.data.personId ?? ''), cycleId, options);
  const draft = typed(turn.data);
  try {
    const saved = await save(turn, actor, draft);
    return await build(saved ? { saved } : {});
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (err.code === 'invalidInput' || err.code === 'conflict' || err.code === 'forbidden') {
      try {
        return await build({ error: problemText(err), draft });
      } catch (inner) {
        if (!(inner instanceof DomainError)) throw inner;
      }
    }
    return buildErrorCard({ errorId: err.code, message: err.message });
  }
}
