// Installs: keep the conversation reference, link the person, welcome them (or say why not).
import type { TurnContext } from 'botbuilder';
import { packInForce } from '../../../shared/policy';
import { buildNotInDirectoryCard, buildWelcomeCard } from '../../cards';
import { recordPersonalInstall, recordPersonalUninstall } from '../../usecases/installs';
import { ensureOrganisation } from '../../usecases/organisations';
import { findColleague } from '../../usecases/people';
import { conversationReferenceOf, organisationIdOf, sendCard, teamsUserOf } from '../activity';
import type { Turn } from '../registry';
import { tabUrlOf } from './tabUrl';

export function notInDirectoryCard(context: TurnContext) {
  return buildNotInDirectoryCard({ personName: context.activity.from?.name, contact: 'your PG administrator' });
}

export async function welcome(turn: Turn): Promise<void> {
  const { context, deps } = turn;
  const activity = context.activity;
  const organisationId = organisationIdOf(context);
  if (!organisationId) return;
  // A trust installing today starts from this year's pack of the default policy, not a year that has ended.
  const policyId = packInForce(deps.config.DEFAULT_POLICY, deps.ctx.now()).policy.id;
  const organisation = await ensureOrganisation(deps.ctx, { organisationId, policyId });
  let email: string | undefined;
  try {
    email = await teamsUserOf(context).email?.();
  } catch (err) {
    deps.logger.debug({ err }, 'could not read the member profile; linking by object id only');
  }
  const { person, welcome: first } = await recordPersonalInstall(deps.ctx, {
    organisationId,
    userId: activity.from.id,
    entraObjectId: activity.from.aadObjectId,
    email,
    conversationId: activity.conversation.id,
    serviceUrl: activity.serviceUrl,
    reference: conversationReferenceOf(context),
  });
  // The other activity of the same install (or a retry) already said hello.
  if (!first) return;
  if (!person) {
    await sendCard(context, notInDirectoryCard(context));
    return;
  }
  const reviewer = await findColleague(deps.ctx, person, person.reviewerId);
  await sendCard(context, buildWelcomeCard({ personName: person.displayName, vocabulary: organisation.policy.vocabulary, tabUrl: tabUrlOf(deps), reviewerName: reviewer?.displayName, rhythm: organisation.policy.checkIns.rhythm }));
}

export async function uninstall(turn: Turn): Promise<void> {
  const { context, deps } = turn;
  const organisationId = organisationIdOf(context);
  if (!organisationId) return;
  await recordPersonalUninstall(deps.ctx, { organisationId, userId: context.activity.from.id, entraObjectId: context.activity.from.aadObjectId });
}
