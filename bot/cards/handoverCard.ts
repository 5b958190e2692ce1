// seed 002 §7.4: "Where an employee moves to a new post ... the original coach should carry out a
// check in before they start the new post so that feedback is as complete or up to date as it can
// be." The original reviewer's card: what is asked, and a button to say it happened.
import { VERBS } from '../../shared/verbs';
import { adaptiveCard, heading, paragraph, type AdaptiveCard } from './adaptiveCard';

export interface HandoverCardInput {
  personId: string;
  personName: string;
  handoverId: string;
  fromSchool: string;
  toSchool: string;
  checkInWord: string;
  doneAt?: Date;
  timezone: string;
}

export function buildHandoverCard(input: HandoverCardInput): AdaptiveCard {
  const move = `${input.fromSchool || 'their current post'} → ${input.toSchool || 'a new post'}`;
  const body = [
    heading(`${input.personName} is moving post`),
    paragraph(`${move}. Before they start, please have a final ${input.checkInWord.toLowerCase()} with them, so their feedback is as complete and up to date as it can be; it is then reviewed with their new role.`),
  ];
  if (input.doneAt) {
    const when = input.doneAt.toLocaleDateString('en-GB', { timeZone: input.timezone, day: 'numeric', month: 'short', year: 'numeric' });
    body.push(paragraph(`Done on ${when}. Thank you.`, { color: 'good', weight: 'bolder' }));
    return adaptiveCard(body);
  }
  return adaptiveCard(body, [
    { type: 'Action.Execute', title: 'We have had our final check-in', verb: VERBS.completeHandover, data: { personId: input.personId, handoverId: input.handoverId }, style: 'positive' },
  ]);
}
