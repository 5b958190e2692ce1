// The talent pool and 9-box grid (seed 000 §11.4) for the roles the policy names, and the SMT's
// moderation of rocks (seed 000 §3, §6). Anyone else: 403 for the grid and pool; a rock one may
// not moderate is not found.
import {
  API_PREFIX,
  apiPaths,
  moderationNoteRequestSchema,
  moderationQuerySchema,
  myTalentPlacementPath,
  reviewerModerationNotesPath,
  talentQuerySchema,
  type ModerationNoteDto,
  type ModerationNotesResponse,
  type ModerationRocksResponse,
  type MyTalentPlacementResponse,
  type ReviewerModerationNotesResponse,
  type TalentBoxDto,
  type TalentGridResponse,
  type TalentPersonDto,
  type TalentPoolResponse,
} from '../../../shared/api';
import type { ModerationNote, Organisation, Person } from '../../../shared/domain';
import { addModerationNote, listModerationNotes, listModerationRocks, notesForMyReviewees } from '../../usecases/moderation';
import { loadMyPlacement, loadTalent, programmesFor, TALENT_LEVELS, type TalentLevel, type TalentPlacement, type TalentView } from '../../usecases/talent';
import { cycleDto, personSummary } from './present';
import { param, parse, type ApiRouter } from './route';

const LEVEL_WORD: Record<TalentLevel, string> = { high: 'High', medium: 'Medium', low: 'Low' };

function personDto(p: TalentPlacement): TalentPersonDto {
  return {
    id: p.person.id,
    name: p.person.displayName,
    school: p.person.school,
    reasons: p.reasons,
    ...(p.performance && p.potential ? { box: `${p.performance}-${p.potential}`, performance: p.performance, potential: p.potential } : {}),
    programmes: p.programmes,
  };
}

function scopeDto(view: TalentView) {
  const { id, label } = cycleDto(view.cycle);
  return { cycle: { id, label }, ...(view.school ? { school: view.school } : {}), schools: view.schools };
}

/** Rows performance high → low; within a row, potential low → high. */
function boxesOf(organisation: Organisation, placements: TalentPlacement[]): TalentBoxDto[] {
  const potentials = [...TALENT_LEVELS].reverse();
  return TALENT_LEVELS.flatMap((performance) =>
    potentials.map((potential) => {
      const key = `${performance}-${potential}`;
      const people = placements.filter((p) => p.performance === performance && p.potential === potential).map(personDto);
      return { key, performance, potential, label: `${LEVEL_WORD[performance]} performance, ${LEVEL_WORD[potential].toLowerCase()} potential`, count: people.length, people, programmes: programmesFor(organisation, key) };
    }),
  );
}

function noteDto(note: ModerationNote, names: Map<string, Person>): ModerationNoteDto {
  const author = names.get(note.authorId);
  return { id: note.id, rockId: note.rockId, author: author ? personSummary(author) : { id: note.authorId, displayName: 'A senior leader' }, text: note.text, createdAt: note.createdAt.toISOString() };
}

export function registerTalentRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;

  server.get(
    apiPaths.talentPool(),
    authed(async ({ req, actor }) => {
      const view = await loadTalent(ctx, actor, 'pool', parse(talentQuerySchema, req.query));
      const body: TalentPoolResponse = { ...scopeDto(view), people: view.placements.map(personDto) };
      return { body };
    }),
  );
  server.get(
    apiPaths.talentGrid(),
    authed(async ({ req, actor }) => {
      const view = await loadTalent(ctx, actor, 'grid', parse(talentQuerySchema, req.query));
      const body: TalentGridResponse = { ...scopeDto(view), boxes: boxesOf(actor.organisation, view.placements) };
      return { body };
    }),
  );
  server.get(
    myTalentPlacementPath(),
    authed(async ({ req, actor }) => {
      const placement = await loadMyPlacement(ctx, actor, parse(talentQuerySchema, req.query).cycleId);
      const body: MyTalentPlacementResponse = { placement: placement ? personDto(placement) : null };
      return { body };
    }),
  );
  registerModerationRoutes(router);
}

function registerModerationRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    apiPaths.moderationRocks(),
    authed(async ({ req, actor }) => {
      const view = await listModerationRocks(ctx, actor, parse(moderationQuerySchema, req.query));
      const options = actor.organisation.policy.alignment.options;
      const body: ModerationRocksResponse = {
        cycle: { id: view.cycle.id, label: view.cycle.label },
        ...(view.school ? { school: view.school } : {}),
        schools: view.schools,
        canAddNotes: view.canAddNotes,
        rocks: view.rocks.map(({ rock, owner, reviewer, notes }) => ({
          id: rock.id,
          title: rock.title,
          status: rock.status,
          owner: { ...personSummary(owner), school: owner.school },
          reviewer: reviewer ? personSummary(reviewer) : null,
          successCriteria: rock.successCriteria.map((c) => ({ text: c.text, done: c.done })),
          alignment: rock.alignment.map((code) => ({ code, label: options.find((o) => o.code === code)?.label ?? code })),
          notes: notes.map((n) => noteDto(n, view.names)),
        })),
      };
      return { body };
    }),
  );
  server.post(
    `${API_PREFIX}/rocks/:rockId/moderation-notes`,
    authed(async ({ req, actor }) => {
      const input = parse(moderationNoteRequestSchema, req.body);
      const { note, created } = await addModerationNote(ctx, actor, param(req, 'rockId'), input);
      return { status: created ? 201 : 200, body: noteDto(note, new Map([[actor.person.id, actor.person]])) };
    }),
  );
  server.get(
    `${API_PREFIX}/rocks/:rockId/moderation-notes`,
    authed(async ({ req, actor }) => {
      const { rock, notes, names } = await listModerationNotes(ctx, actor, param(req, 'rockId'));
      const body: ModerationNotesResponse = { rockId: rock.id, notes: notes.map((n) => noteDto(n, names)) };
      return { body };
    }),
  );
  server.get(
    reviewerModerationNotesPath(),
    authed(async ({ actor }) => {
      const items = await notesForMyReviewees(ctx, actor);
      const body: ReviewerModerationNotesResponse = {
        items: items.map(({ note, rock, owner, author }) => ({ ...noteDto(note, new Map(author ? [[author.id, author]] : [])), rockTitle: rock.title, owner: personSummary(owner) })),
      };
      return { body };
    }),
  );
}
