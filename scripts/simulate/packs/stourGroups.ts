// The Stour Federation (seed 004): group coaching check-ins within teams. Shared by the Stour
// packs' hook files (stour-2025-26.ts, stour-2026-27.ts); its own name is not a pack id.
//
// At the start of the cycle a PG admin adds the app to one channel per team (one team per line
// manager: their reviewees, led by them) and maps a coaching group to it from that channel
// (`coaching group NAME here`, `... add <emails>`, `... leader <email>`). When a check-in opens,
// the scheduler posts one session card per group; eight in ten members post from it (successes,
// strengths, barriers, developments) and one colleague replies in the card's thread; at the
// end-of-cycle sharing, eight in ten share their growth project the same way. Counted:
// groupSessions (posted, one per group and check-in or sharing), groupPosts, groupSharingPosts and groupReplies (stored,
// against those written), and nobody gets an individual check-in card. At the end every member's
// check-in timeline (GET /api/v1/people/:id/check-ins) must show each group check-in as posted
// exactly where they posted, never as missed, and count nothing towards an on-time rate
// (timelinesChecked). Only verbs, commands and
// collection names are used, so this file does not depend on the group feature's types.
import { windowInstants } from '../../../shared/policy';
import type { ScheduleEvent } from '../../../shared/domain';
import { VERBS } from '../../../shared/verbs';
import { inBatches, log } from '../common';
import { modelEligible, TENANT, type YearPerson } from '../year/world';
import type { Moment, PackHooks, YearSim } from '.';

const POST_VERB = 'groupSession.post';
const OPEN_VERB = 'groupSession.open';
const BOT = { id: '28:pgteams', name: 'Professional Growth' };

interface Group {
  name: string;
  channel: string;
  team: string;
  leader: YearPerson;
  members: YearPerson[];
}

export function stourHooks(): PackHooks {
  const groups: Group[] = [];
  const written = { posts: 0, sharingPosts: 0, replies: 0, refused: [] as string[], checkInEvents: new Set<string>(), sharingEvents: new Set<string>(), postedBy: new Map<string, Set<number>>() };

  const inChannel = (sim: YearSim, group: Group, who: YearPerson, extra: Record<string, unknown>, conversationId = group.channel) =>
    sim.poster.post(who, {
      conversation: { id: conversationId, conversationType: 'channel', tenantId: TENANT, isGroup: true },
      channelData: { team: { id: group.team }, channel: { id: group.channel }, tenant: { id: TENANT } },
      ...extra,
    });
  const say = (sim: YearSim, group: Group, text: string) =>
    inChannel(sim, group, sim.world.admin, { type: 'message', text: `<at>${BOT.name}</at> ${text}`, entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }], deliveryMode: 'expectReplies' }, `${group.channel};messageid=${Date.now()}`);

  async function setUpGroups(sim: YearSim): Promise<void> {
    const { world } = sim;
    const leaders = world.people.filter((p) => world.people.some((q) => q.reviewerIndex === p.index && q.index !== p.index));
    for (const leader of leaders) {
      const members = world.people.filter((p) => p.reviewerIndex === leader.index && !p.excluded);
      if (members.length === 0) continue;
      const i = groups.length;
      const group: Group = { name: `Team ${i + 1}`, channel: `19:stour-team-${i + 1}@thread.tacv2`, team: `19:team-${i + 1}@thread.tacv2`, leader, members };
      groups.push(group);
      await inChannel(sim, group, world.admin, { type: 'installationUpdate', action: 'add' });
      await say(sim, group, `coaching group ${group.name} here`);
      for (let k = 0; k < members.length; k += 10) await say(sim, group, `coaching group ${group.name} add ${members.slice(k, k + 10).map((m) => m.email).join(', ')}`);
      await say(sim, group, `coaching group ${group.name} leader ${leader.email}`);
    }
    await sim.settle('coaching groups');
    log(`${groups.length} coaching groups mapped to their teams' channels`);
  }

  const CHECK_IN_POST = (event: ScheduleEvent) => ({ successes: `${event.title}: retrieval starters`, strengths: 'Questioning', barriers: 'Time to plan', developments: 'Mini whiteboards' });
  const SHARING_POST = () => ({ project: 'Retrieval practice in every lesson', impact: 'Children remember more of last week', practice: 'Three-question starters' });

  async function postInSessions(sim: YearSim, event: ScheduleEvent, at: Date, answers: Record<string, string>): Promise<void> {
    const sharing = event.kind === 'group-sharing';
    const { world, harness, random } = sim;
    const sessions = await harness.runtime.db.collection('groupSessions').find({ organisationId: TENANT, eventId: event.id }).toArray();
    await inBatches(groups, 4, async (group) => {
      const session = sessions.find((s) => s.conversationId === group.channel || String(s.conversationId).startsWith(group.channel));
      if (!session) return;
      const posters = group.members.filter((m) => modelEligible(world, m, at) && random() < 0.8);
      for (const m of posters) {
        const res = await inChannel(sim, group, m, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: POST_VERB, data: { sessionId: String(session._id), ...answers } }, trigger: 'manual' } });
        if (/Your post is (in|updated)/.test(JSON.stringify(res.body ?? ''))) {
          written.posts += 1;
          if (sharing) written.sharingPosts += 1;
          written.postedBy.set(event.id, (written.postedBy.get(event.id) ?? new Set()).add(m.index));
        } else written.refused.push(`${m.name} in ${group.name}`);
      }
      const replier = posters[0];
      if (replier && session.activityId) {
        await inChannel(sim, group, replier, { type: 'message', text: 'Love the starters idea', replyToId: session.activityId, deliveryMode: 'expectReplies' }, `${group.channel};messageid=${session.activityId}`);
        written.replies += 1;
      }
    });
    await sim.settle(`${event.key}: group posts`);
  }

  /** Each member's timeline shows the group check-ins as they played them: posted or not, never missed, nothing rated. */
  async function checkGroupTimelines(sim: YearSim): Promise<{ checked: number; wrong: string[] }> {
    const wrong: string[] = [];
    const members = groups.flatMap((g) => g.members);
    let checked = 0;
    await inBatches(members, 10, async (m) => {
      const { status, body } = await sim.api.call(m, 'GET', `/people/${encodeURIComponent(m.personId!)}/check-ins`);
      if (status !== 200) return;
      checked += 1;
      const entries = body.entries as Array<{ eventId: string; state: string; group?: { posted: boolean } }>;
      const off: string[] = [];
      for (const eventId of written.checkInEvents) {
        const posted = written.postedBy.get(eventId)?.has(m.index) ?? false;
        const entry = entries.find((e) => e.eventId === eventId);
        // A starter's timeline leaves out what opened before they joined; they had no post to make there.
        const right = entry ? entry.state === (posted ? 'posted' : 'not-posted') && (entry.group ? entry.group.posted === posted : !posted) : !posted;
        if (!right) off.push(`${eventId.split(':').pop()} ${entry?.state ?? 'absent'} (${posted ? 'posted' : 'no post'})`);
      }
      if (body.mode !== 'group' || body.onTime.due !== 0 || entries.some((e) => e.state === 'missed')) off.push(`mode ${body.mode}, ${body.onTime.due} due`);
      if (off.length > 0) wrong.push(`${m.name}: ${off.join(', ')}`);
    });
    for (const w of wrong) log(`group timeline: ${w}`);
    return { checked, wrong };
  }

  function sessionMoments(sim: YearSim, event: ScheduleEvent, answers: Record<string, string>): Moment[] {
    const { opensAt } = windowInstants(event, sim.world.tz);
    const postAt = new Date(opensAt.getTime() + 2 * 86_400_000);
    return [
      { at: new Date(opensAt.getTime() + 60_000), label: `${event.key}: session cards`, run: () => sim.settle(`${event.key} sessions`) },
      { at: postAt, label: `${event.key}: members post`, run: () => postInSessions(sim, event, postAt, answers) },
    ];
  }

  return {
    moments: (sim): Moment[] => [{ at: new Date(`${sim.world.pack.cycle.startsOn}T06:00:00Z`), label: 'coaching groups set up', run: () => setUpGroups(sim) }],
    momentsFor: {
      'check-in': (sim, event) => {
        written.checkInEvents.add(event.id);
        return sessionMoments(sim, event, CHECK_IN_POST(event));
      },
      // seed 004 §5 step 7: at the end of the cycle members share their growth project with the team.
      'group-sharing': (sim, event) => {
        written.sharingEvents.add(event.id);
        return sessionMoments(sim, event, SHARING_POST());
      },
    },
    report: async (sim) => {
      const { db } = sim.harness.runtime;
      const problems: string[] = [];
      const sessions = await db.collection('groupSessions').find({ organisationId: TENANT }).toArray();
      const posted = sessions.filter((s) => s.postedAt);
      const checkInSessions = posted.filter((s) => written.checkInEvents.has(String(s.eventId))).length;
      const expectedSessions = groups.length * written.checkInEvents.size;
      if (checkInSessions !== expectedSessions) problems.push(`${checkInSessions} group check-in sessions posted, ${groups.length} groups × ${written.checkInEvents.size} check-ins`);
      const sharingSessions = posted.filter((s) => written.sharingEvents.has(String(s.eventId))).length;
      if (sharingSessions !== groups.length * written.sharingEvents.size) problems.push(`${sharingSessions} sharing sessions posted, ${groups.length} groups × ${written.sharingEvents.size} sharing events`);
      const sharingPosts = await db.collection('groupPosts').countDocuments({ organisationId: TENANT, sessionId: { $in: posted.filter((s) => written.sharingEvents.has(String(s.eventId))).map((s) => String(s._id)) } });
      if (sharingPosts !== written.sharingPosts) problems.push(`${sharingPosts} growth projects shared in sharing sessions, ${written.sharingPosts} posted`);
      const groupPosts = await db.collection('groupPosts').countDocuments({ organisationId: TENANT });
      const groupReplies = await db.collection('groupReplies').countDocuments({ organisationId: TENANT });
      if (groupPosts !== written.posts) problems.push(`${groupPosts} group posts stored, ${written.posts} posted`);
      if (groupReplies !== written.replies) problems.push(`${groupReplies} thread replies stored, ${written.replies} written`);
      if (written.refused.length) problems.push(`${written.refused.length} group posts refused, e.g. ${written.refused[0]}`);
      let cards = 0;
      let individual = 0;
      for (const send of sim.harness.connector.sent) {
        if (send.kind === 'update') continue;
        const json = JSON.stringify(send.activity);
        if (json.includes(VERBS.submitCheckIn)) individual += 1;
        if (json.includes(OPEN_VERB) && groups.some((g) => send.conversationId.startsWith(g.channel))) cards += 1;
      }
      // One new card per session posted; re-renders are updates of it.
      const sessionCardDuplicates = Math.max(0, cards - posted.length);
      if (sessionCardDuplicates > 0) problems.push(`${sessionCardDuplicates} session cards posted twice`);
      if (individual > 0) problems.push(`${individual} individual check-in cards in group mode`);
      const timelines = await checkGroupTimelines(sim);
      if (timelines.wrong.length > 0) problems.push(`${timelines.wrong.length} members' timelines do not show their group sessions as they posted, e.g. ${timelines.wrong.slice(0, 3).join('; ')}`);
      return { counters: { coachingGroups: groups.length, groupSessions: posted.length, groupPosts, groupSharingPosts: sharingPosts, groupReplies, timelinesChecked: timelines.checked }, problems };
    },
  };
}
