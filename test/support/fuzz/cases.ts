// The fuzzer's generator: from a seed, hostile (and some valid but unusual) requests to the bot's
// POST /api/messages and the tab's /api/v1 — wrong types and missing fields, huge sizes, Mongo
// operators and keys with dots or `$`, odd encodings, other people's and other tenants' ids,
// forged tokens — each saying what a correct server does with it: refuse it (nothing stored),
// store it (exactly as typed, once, in the sender's organisation), or either.
import { randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { ADMIN_VERBS, GROUP_VERBS, REVIEW_VERBS, TALENT_VERBS, VERBS } from '../../../shared/verbs';
import { legalHoldIdFor } from '../../../bot/usecases/legalHold';
import type { Change } from './snapshot';
import { BOT_ID, FUZZ_CLOCK, baseActivity, invokeActivity, type ActorName, type Disposable, type FuzzWorld } from './world';
import { ERASING_DECISION, erasingSubject } from '../../../bot/usecases/legalHold';
import { mulberry32 } from '../../../scripts/simulate/common';

export interface FuzzRequest {
  target: 'bot' | 'api';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface FuzzResponse {
  status: number;
  text: string;
}

export interface FuzzCase {
  n: number;
  kind: string;
  summary: string;
  /** Whose eyes the response is for: what they may not see is looked for in it. */
  actor: ActorName;
  /** refuse: nothing but AMBIENT_WRITES changes; store: a 2xx that keeps the text; either: no 5xx, no foreign write. */
  expect: 'refuse' | 'store' | 'either';
  /** The refusal a correct server answers (tokens: 401, bodies over 2 MB: 413); a 2xx instead counts as a wrong write. */
  status?: number;
  build(world: FuzzWorld, id?: string): Promise<FuzzRequest>;
  /** For store (and either, when accepted): what was kept, checked against what was sent; a problem or undefined. */
  stored?(world: FuzzWorld, response: FuzzResponse, changes: Change[]): Promise<string | undefined>;
  /** Text a refusal card must carry back (its first 1,000 characters at least). */
  carryBack?: string[];
  /** Another tenant's id in the request: answered exactly as an invented one would be. */
  probe?: string;
  /** Sent this many times at once (a retry racing the first): still stored once. */
  repeat?: number;
  /** Run before the request, outside what the request is judged by (a person made to be erased). */
  prepare?(world: FuzzWorld): Promise<void>;
  /** Text hiddenFrom(actor) lists that this response may carry (the export of a person the actor may download). */
  allowed?(world: FuzzWorld): string[];
  /** More text the response must not carry (the records of a person whose export is refused). */
  canaries?(world: FuzzWorld): string[];
  /** Unless refused, what the request may have written (and, for an erasure, what it must have); a problem or undefined. */
  writes?(world: FuzzWorld, changes: Change[], response: FuzzResponse): string | undefined | Promise<string | undefined>;
}

/** Written by any request that reaches the bot (who talks to it, from where). */
export const AMBIENT_WRITES = new Set(['conversationReferences']);

// ---- randomness: mulberry32, so a seed gives the same cases everywhere.
export type Rng = () => number;
/** The simulation's seeded generator: the same cases for a seed everywhere. */
export const rngOf: (seed: number) => Rng = mulberry32;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;

// ---- text
/** Unusual but legal: stored exactly as sent (none has surrounding whitespace, all under 500). */
export const LEGAL_TEXT = [
  'A whole emoji 🎉 and a teacher 👩🏽‍🏫 here',
  'مرحبا، كان الأسبوع جيدا',
  'שבוע טוב מאוד בכיתה',
  '今日はとても良い授業でした。生徒が積極的でした',
  '학생들이 열심히 참여했습니다',
  'Ünïcödé: café, naïve, Ærøskøbing, ß',
  'Decomposed: cafe\u0301 and n\u0303',
  'Zero width: a\u200bb\u200dc and \ufeffBOM inside',
  'An RTL override \u202eevil\u202c in the middle',
  '{"$gt":""}',
  '$where: function() { return true }',
  'keys.with.dots and $dollar signs',
  '<script>alert(1)</script> & "quotes" \'single\'',
  "'; DROP TABLE checkIns; --",
  'Tabs\tand\nnewlines\nkept',
  'Backslashes \\u0000 \\n literally',
  '𝕄𝕒𝕥𝕙 𝔽𝕣𝕒𝕜𝕥𝕦𝕣 and 𠜎𠜱 (astral CJK)',
  'Numbers as text: 007, 1e308, -0, NaN',
  'Pasted from PowerPoint\u000bwith a soft line break',
  'A bell\u0007, an escape\u001b[0m and a DEL\u007f, kept as typed',
];

/** Text a server may refuse (with a clear message) but must never store altered. */
export const HOSTILE_TEXT: Array<[string, () => string]> = [
  ['NUL', () => 'Before\u0000after'],
  ['control characters', () => 'Bell\u0007 escape\u001b[31m red\u0001'],
  ['a lone high surrogate', () => 'Half an emoji \ud83d here'],
  ['a lone low surrogate', () => 'Broken \udc00 character'],
  ['1,001 characters', () => `Long ${'y'.repeat(996)}`],
  ['100 KB', () => `Start ${'x'.repeat(100_000)}`],
  ['1 MB', () => `Start of a megabyte ${'x'.repeat(1_000_000)}`],
  ['only whitespace', () => ' \t\n '],
  ['empty', () => ''],
  ['4,000 emoji', () => '🎉'.repeat(4000)],
  ['2,000 control characters', () => '\u0001'.repeat(2000)],
];

const WRONG_VALUES: Array<[string, unknown]> = [
  ['a number', 42],
  ['a huge number', 1e308],
  ['true', true],
  ['null', null],
  ['an array', ['a', 'b']],
  ['an empty object', {}],
  ['{$gt: ""}', { $gt: '' }],
  ['{$where}', { $where: 'sleep(1000)' }],
  ['{$ne: null}', { $ne: null }],
  ['{$regex: ".*"}', { $regex: '.*' }],
  ['a number as a string', '7'],
  ['5,000 characters', 'e'.repeat(5000)],
  ['an empty string', ''],
  ['a deeply nested object', nested(200)],
  ['an id with a NUL', 'id\u0000x'],
  ['an id with a lone surrogate', '\ud800x'],
];

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

const json = (value: unknown) => JSON.stringify(value);
const escaped = (text: string) => JSON.stringify(text).slice(1, -1);

async function api(world: FuzzWorld, actor: ActorName, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<FuzzRequest> {
  return {
    target: 'api',
    method,
    path,
    headers: { authorization: `Bearer ${await world.apiToken(actor)}`, 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: body === undefined ? undefined : json(body),
  };
}

async function bot(world: FuzzWorld, activity: unknown, headers: Record<string, string> = {}): Promise<FuzzRequest> {
  return { target: 'bot', method: 'POST', path: '/api/messages', headers: { authorization: `Bearer ${await world.botToken()}`, 'content-type': 'application/json', ...headers }, body: typeof activity === 'string' ? activity : json(activity) };
}

const submitValue = (data: unknown, verb: unknown = VERBS.submitCheckIn) => ({ action: { type: 'Action.Execute', verb, data }, trigger: 'manual' });

// ---- the families

type Family = (rng: Rng, n: number) => Omit<FuzzCase, 'n'>;

/** Free text to the bot, as the person typed it. */
const botMessage: Family = (rng) => {
  const actor = pick(rng, ['alex', 'oscar', 'megan'] as const);
  const [name, text] = chance(rng, 0.5) ? (['legal text', pick(rng, LEGAL_TEXT)] as const) : ((([n, t]) => [n, t()] as const)(pick(rng, HOSTILE_TEXT)));
  const command = pick(rng, ['', 'check in ', 'help ', 'praise Sam for ', 'praise Megan: ', 'praise @Oscar Outsider for ', 'rocks ', 'my review ', 'feedback ', 'growth ', 'survey ']);
  return { kind: 'bot message', summary: `${actor}: "${command}" + ${name}`, actor, expect: 'either', build: (w) => bot(w, baseActivity(w, actor, { text: `${command}${text}` })) };
};

/** Activities of the wrong shape: each is a 400 with nothing stored. */
const botShape: Family = (rng) => {
  const variants: Array<[string, (w: FuzzWorld) => unknown]> = [
    ['type is a number', (w) => baseActivity(w, 'alex', { type: 42, text: 'check in' })],
    ['type missing', (w) => ({ ...baseActivity(w, 'alex', { text: 'check in' }), type: undefined })],
    ['type is an object', (w) => baseActivity(w, 'alex', { type: { $gt: '' } })],
    ['from is a string', (w) => baseActivity(w, 'alex', { from: 'alex' })],
    ['from missing', (w) => ({ ...baseActivity(w, 'alex', { text: 'help' }), from: undefined })],
    ['conversation missing', (w) => ({ ...baseActivity(w, 'alex', { text: 'help' }), conversation: undefined })],
    ['text is an array', (w) => baseActivity(w, 'alex', { text: ['check in'] })],
    ['text is {$gt}', (w) => baseActivity(w, 'alex', { text: { $gt: '' } })],
    ['serviceUrl is file:', (w) => baseActivity(w, 'alex', { serviceUrl: 'file:///etc/passwd', text: 'help' })],
    ['serviceUrl missing', (w) => ({ ...baseActivity(w, 'alex', { text: 'help' }), serviceUrl: undefined })],
    ['a JSON array', (w) => [baseActivity(w, 'alex', { text: 'help' })]],
    ['JSON null', () => null],
    ['a number', () => 7],
    ['channelData is a string', (w) => baseActivity(w, 'alex', { channelData: 'tenant' })],
  ];
  const [name, make] = pick(rng, variants);
  return { kind: 'bot malformed activity', summary: name, actor: 'alex', expect: 'refuse', build: (w) => bot(w, make(w)) };
};

/** Activities of odd but possible types, or naming someone else: nothing written anywhere else. */
const botOddActivity: Family = (rng) => {
  const variants: Array<[string, (w: FuzzWorld) => unknown]> = [
    ["Oscar's account in Alex's tenant", (w) => baseActivity(w, 'oscar', { conversation: { id: 'a:29:oscar', conversationType: 'personal', tenantId: w.orgOf.alex }, channelData: { tenant: { id: w.orgOf.alex } }, text: 'check in' })],
    ['conversation and channelData naming different tenants', (w) => baseActivity(w, 'alex', { channelData: { tenant: { id: w.orgOf.oscar } }, text: 'check in' })],
    ['an unknown activity type', (w) => baseActivity(w, 'alex', { type: 'somethingNew', text: 'x' })],
    ['a conversationUpdate adding members of another tenant', (w) => baseActivity(w, 'alex', { type: 'conversationUpdate', membersAdded: [w.account('oscar'), { id: `28:${BOT_ID}` }] })],
    ['an installationUpdate remove', (w) => baseActivity(w, 'alex', { type: 'installationUpdate', action: 'remove' })],
    ['an installationUpdate with a $ action', (w) => baseActivity(w, 'alex', { type: 'installationUpdate', action: { $set: 1 } })],
    ['a messageReaction with odd reactions', (w) => baseActivity(w, 'alex', { type: 'messageReaction', reactionsAdded: [{ type: { $gt: '' } }] })],
    ['a typing activity', (w) => baseActivity(w, 'alex', { type: 'typing' })],
    ['a message with attachments of odd types', (w) => baseActivity(w, 'alex', { text: 'help', attachments: [{ contentType: 42, content: nested(100) }] })],
    ['entities with a mention of another tenant', (w) => baseActivity(w, 'alex', { text: 'praise <at>Oscar</at> for maths', entities: [{ type: 'mention', mentioned: w.account('oscar'), text: '<at>Oscar</at>' }] })],
  ];
  const [name, make] = pick(rng, variants);
  return { kind: 'bot odd activity', summary: name, actor: 'alex', expect: 'either', build: (w) => bot(w, make(w)) };
};

/** Invokes of names and verbs the bot does not have, or values of the wrong shape. */
const botInvoke: Family = (rng) => {
  const variants: Array<[string, () => [string, unknown]]> = [
    ['an unknown invoke name', () => ['composeExtension/fetchTask', { commandId: 'x' }]],
    ['an empty invoke name', () => ['', {}]],
    ['no value', () => ['adaptiveCard/action', undefined]],
    ['no value.action', () => ['adaptiveCard/action', { trigger: 'manual' }]],
    ['verb of the wrong type', () => ['adaptiveCard/action', submitValue({ eventId: 'x' }, pick(rng, WRONG_VALUES)[1])]],
    ['an unknown verb', () => ['adaptiveCard/action', submitValue({}, pick(rng, ['checkIn.delete', 'admin.schedule.confirm', '__proto__', 'constructor', '$where']))]],
    ['data of the wrong type', () => ['adaptiveCard/action', submitValue(pick(rng, ['answers', 42, null, ['a']]))]],
    ['Action.Submit as a Universal Action', () => ['adaptiveCard/action', { action: { type: 'Action.Submit', verb: VERBS.submitCheckIn, data: {} }, trigger: 'manual' }]],
    ['search with no queryText', () => ['application/search', { kind: 'search', dataset: 'people' }]],
    ['search with {$gt} queryText', () => ['application/search', { kind: 'search', dataset: 'people', queryText: { $gt: '' } }]],
  ];
  const [name, make] = pick(rng, variants);
  return { kind: 'bot invoke', summary: name, actor: 'alex', expect: 'refuse', build: (w) => { const [invokeName, value] = make(); return bot(w, invokeActivity(w, 'alex', value, invokeName)); } };
};

const ALL_VERBS = [...new Set([VERBS, ADMIN_VERBS, GROUP_VERBS, REVIEW_VERBS, TALENT_VERBS].flatMap((verbs) => Object.values(verbs) as string[]))];
const ID_FIELDS = ['eventId', 'checkInId', 'rockId', 'personId', 'thanksId', 'requestId', 'reviewId', 'sessionId', 'followUpId', 'handoverId', 'sampleId', 'cycleId'];

/** Every card verb the bot has, with ids that are wrong, invented or someone else's: never a failure, never a foreign write. */
const cardVerbIds: Family = (rng) => {
  const verb = pick(rng, ALL_VERBS);
  const actor = pick(rng, ['alex', 'megan', 'oscar'] as const);
  const fields = [pick(rng, ID_FIELDS), pick(rng, ID_FIELDS)];
  const values = fields.map(() => (chance(rng, 0.6) ? pick(rng, WRONG_VALUES) : pick(rng, [["another tenant's rock", 'oscarRock'], ["another tenant's check-in", 'oscarCheckIn'], ["another tenant's person", 'oscar'], ['an invented id', 'invented']] as const)));
  return {
    kind: 'card verb with odd ids',
    summary: `${actor} ${verb} with ${fields.map((f, i) => `${f} ${values[i]![0]}`).join(', ')}`,
    actor,
    expect: 'either',
    build: (w) => {
      const resolve = (value: unknown) => ({ oscarRock: w.rocks.oscar, oscarCheckIn: w.checkIns.oscar, oscar: w.people.oscar.id, invented: randomUUID() })[value as string] ?? value;
      const data = Object.fromEntries(fields.map((f, i) => [f, typeof values[i]![1] === 'string' && ['oscarRock', 'oscarCheckIn', 'oscar', 'invented'].includes(values[i]![1] as string) ? resolve(values[i]![1]) : values[i]![1]]));
      return bot(w, invokeActivity(w, actor, submitValue({ ...data, text: 'Typed text', note: 'A note' }, verb)));
    },
  };
};

/** People search in the card's picker: read-only, and never another tenant's people. */
const botSearch: Family = (rng) => {
  const query = pick(rng, ['Oscar', 'oid-oscar', '.*', '^', '$where', '{"$gt":""}', 'O', '\\', '(', '🎉', '\u0000', '\ud83d']);
  return { kind: 'bot people search', summary: `queryText ${json(query)}`, actor: 'alex', expect: 'either', build: (w) => bot(w, invokeActivity(w, 'alex', { kind: 'search', dataset: 'people', queryText: query, queryOptions: { skip: 0, top: 15 } }, 'application/search')) };
};

function typedAnswers(rng: Rng): { www: string; ebi: string; whatsNext: string; praiseMessage: string } {
  return { www: `Went well ${pick(rng, LEGAL_TEXT)}`, ebi: `Even better ${Math.floor(rng() * 1000)}`, whatsNext: pick(rng, LEGAL_TEXT), praiseMessage: 'Thanks all' };
}

/** A check-in card sent for an event it cannot be for: refused, saying why, text carried back. */
const submitWrongEvent: Family = (rng) => {
  const typed = typedAnswers(rng);
  const choice = pick(rng, ['upcoming', 'survey', 'otherOrgOpen', 'invented', 'missing', 'wrong value', "other tenant's check-in"] as const);
  const wrong = pick(rng, WRONG_VALUES);
  const summary = choice === 'wrong value' ? `eventId ${wrong[0]}` : `eventId ${choice}`;
  return {
    kind: 'card submit, wrong event',
    summary,
    actor: 'alex',
    expect: 'refuse',
    carryBack: Object.values(typed),
    probe: choice === 'otherOrgOpen' ? 'event' : undefined,
    build: (w, id) => {
      const eventId = id ?? { upcoming: w.events.upcoming, survey: w.events.survey, otherOrgOpen: w.events.otherOrgOpen, invented: randomUUID(), missing: undefined, 'wrong value': wrong[1], "other tenant's check-in": w.checkIns.oscar }[choice];
      return bot(w, invokeActivity(w, 'alex', submitValue({ ...(eventId === undefined ? {} : { eventId }), ...typed, score: '6' })));
    },
  };
};

/** The open check-in, but with something in it that is not the person's: refused, the rest carried back. */
const submitWrongContent: Family = (rng) => {
  const typed = typedAnswers(rng);
  const variants: Array<[string, (w: FuzzWorld) => Record<string, unknown>]> = [
    ["progress on Sam's rock", (w) => ({ [`rock:${w.rocks.sam}`]: 'Not my rock' })],
    ["progress on another tenant's rock", (w) => ({ [`rock:${w.rocks.oscar}`]: 'Across tenants' })],
    ['2,000 invented rock fields', () => Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`rock:invented-${i}`, `progress ${i}`]))],
    ['a rock field with dots', () => ({ 'rock:a.b.c': 'dotted' })],
    ['a rock field with $', () => ({ 'rock:$where': 'dollar' })],
    ['a score of 11', () => ({ score: '11' })],
    ['a score of {$gt}', () => ({ score: { $gt: '' } })],
    ['a score of 7.5', () => ({ score: '7.5' })],
    ['a score of abc', () => ({ score: 'abc' })],

    ['praise ids as an object', () => ({ praiseIds: { $ne: null } })],
    [`a 1 MB answer`, () => ({ ebi: `Start of a megabyte ${'x'.repeat(1_000_000)}` })],
    ['a lone surrogate', () => ({ ebi: 'Half an emoji \ud83d here' })],
  ];
  const [name, extra] = pick(rng, variants);
  return {
    kind: 'card submit, wrong content',
    summary: name,
    actor: 'alex',
    expect: 'refuse',
    carryBack: [typed.www, typed.whatsNext],
    build: (w) => bot(w, invokeActivity(w, 'alex', submitValue({ eventId: w.events.open, www: typed.www, whatsNext: typed.whatsNext, score: '6', ...extra(w) }))),
  };
};

/** A stored check-in of `actor`'s that names `other` (of another organisation) among the people thanked is a cross-tenant write. */
function notThanking(actor: ActorName, other: ActorName): FuzzCase['stored'] {
  return async (w) => {
    const doc = await w.runtime.db.collection('checkIns').findOne({ organisationId: w.orgOf[actor], personId: w.people[actor].id, eventId: w.events.open });
    return json(doc?.praise ?? []).includes(w.people[other].id) ? `the check-in thanks ${other}, of another organisation` : undefined;
  };
}

/** Sam's own open check-in, with unusual but legal text (and keys nobody asked for): stored exactly, once. */
const submitValid: Family = (rng) => {
  const answers = { www: pick(rng, LEGAL_TEXT), ebi: pick(rng, LEGAL_TEXT), whatsNext: `${pick(rng, LEGAL_TEXT)} ${Math.floor(rng() * 1e6)}` };
  const twice = chance(rng, 0.3);
  const thanks = `Thanks Megan ${pick(rng, LEGAL_TEXT)} ${Math.floor(rng() * 1e9)}`;
  const extras = pick(rng, [{}, { $where: 'x' }, { 'a.b': 'dotted' }, JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>, { constructor: 'x' }, { organisationId: 'other' }, { personId: 'someone-else' }]);
  return {
    kind: 'card submit, valid',
    summary: `Sam: legal text with extra keys ${Object.keys(extras).join(',') || '(none)'}${twice ? ', thanking Megan, the same activity sent twice at once' : ''}`,
    actor: 'sam',
    expect: 'store',
    repeat: twice ? 2 : undefined,
    build: (w) => bot(w, { ...invokeActivity(w, 'sam', submitValue({ ...extras, eventId: w.events.open, ...answers, score: String(1 + Math.floor(rng() * 10)), ...(twice ? { praiseIds: w.people.megan.id, praiseMessage: thanks } : {}) })) }),
    async stored(w, res) {
      if (!/your check-in is in|updated|saved/i.test(res.text)) return 'the card does not say the check-in was stored';
      const docs = await w.runtime.db.collection('checkIns').find({ organisationId: w.orgOf.sam, personId: w.people.sam.id, eventId: w.events.open }).toArray();
      if (docs.length !== 1) return `${docs.length} check-ins stored for Sam's Check in 6`;
      for (const key of ['www', 'ebi', 'whatsNext'] as const) if (docs[0]!.answers?.[key] !== answers[key]) return `answers.${key} stored as ${json(docs[0]!.answers?.[key])}, sent ${json(answers[key])}`;
      if (twice) {
        // A colleague is thanked once for a check-in (an edit's new words stay on the check-in).
        const praise = await w.runtime.db.collection('praise').find({ organisationId: w.orgOf.sam, fromPersonId: w.people.sam.id, toPersonId: w.people.megan.id, checkInId: String(docs[0]!._id) }).toArray();
        if (praise.length !== 1) return `${praise.length} thank-yous to Megan stored for one check-in sent twice`;
        if (docs[0]!.praiseMessage !== thanks) return `the thanks stored as ${json(docs[0]!.praiseMessage)}`;
      }
      return undefined;
    },
  };
};

/** The reviewer's card actions, by the right and the wrong people, on the right and the wrong check-ins. */
const reviewAction: Family = (rng) => {
  const rightful = chance(rng, 0.5);
  const actor = rightful ? 'megan' : pick(rng, ['alex', 'oscar', 'sam'] as const);
  const verb = pick(rng, [VERBS.acknowledgeCheckIn, VERBS.respondToCheckIn, VERBS.respondToCheckIn, VERBS.refreshReviewerCard, VERBS.openCheckIn]);
  const target = rightful ? pick(rng, ['alex', 'sam'] as const) : pick(rng, ['alex', 'sam', 'oscar', 'invented', 'wrong value'] as const);
  const wrong = pick(rng, WRONG_VALUES);
  const [textName, responseText] = chance(rng, 0.5) ? (['legal text', `${pick(rng, LEGAL_TEXT)} ${Math.floor(rng() * 1e6)}`] as const) : ((([n, t]) => [n, t()] as const)(pick(rng, HOSTILE_TEXT)));
  const responds = rightful && verb === VERBS.respondToCheckIn;
  const writes = responds && textName === 'legal text';
  return {
    kind: 'card review action',
    summary: `${actor} ${verb} on ${target === 'wrong value' ? wrong[0] : target}'s check-in, response ${textName}`,
    actor,
    // Megan may see Alex's and Sam's check-ins; nobody else may change them.
    expect: writes ? 'store' : rightful ? 'either' : 'refuse',
    carryBack: responds && textName !== 'legal text' && responseText.trim() && !/surrogate|NUL/.test(textName) ? [responseText] : undefined,
    probe: actor !== 'oscar' && target === 'oscar' ? 'checkIn' : undefined,
    build: (w, id) => {
      const checkInId = id ?? { alex: w.checkIns.alex, sam: w.checkIns.sam, oscar: w.checkIns.oscar, invented: randomUUID(), 'wrong value': wrong[1] }[target];
      return bot(w, invokeActivity(w, actor, submitValue({ checkInId, responseText, responseAnchor: 'general' }, verb)));
    },
    stored: responds
      ? async (w, _res, changes) => {
          if (!writes && !changes.some((ch) => ch.collection === 'checkIns')) return undefined;
          const doc = await w.runtime.db.collection('checkIns').findOne({ organisationId: w.orgOf.alex, _id: w.checkIns[target as 'alex' | 'sam'] as never });
          const stored = (doc?.reviewerResponse as { text?: string } | undefined)?.text;
          return stored === responseText.trim() ? undefined : `the response ${json(responseText.slice(0, 60))} is stored as ${json(stored?.slice(0, 60))}`;
        }
      : undefined,
  };
};

/** Sam's check-in at every limit, in characters that take the most room: stored whole, and every card showing it fits. */
const submitAtLimits: Family = (rng) => {
  const unit = pick(rng, ['語', '\u0001', '"', '🎉', 'x']);
  const fill = (max: number) => unit.repeat(Math.floor(max / unit.length));
  return {
    kind: 'card submit, at every limit',
    summary: `Sam: every answer at its limit in ${json(unit)}`,
    actor: 'sam',
    expect: 'store',
    build: (w) => bot(w, invokeActivity(w, 'sam', submitValue({ eventId: w.events.open, www: fill(1000), ebi: fill(1000), whatsNext: fill(1000), score: '4', praiseIds: w.people.megan.id, praiseMessage: fill(500), ...Object.fromEntries(w.rocks.samAll.map((id) => [`rock:${id}`, fill(1000)])) }))),
    async stored(w) {
      const doc = await w.runtime.db.collection('checkIns').findOne({ organisationId: w.orgOf.sam, personId: w.people.sam.id, eventId: w.events.open });
      const answers = doc?.answers as { www?: string; rockProgress?: Array<{ progress: string }> } | undefined;
      if (answers?.www !== fill(1000)) return 'the answer at its limit is not stored whole';
      if (!(answers.rockProgress?.length === w.rocks.samAll.length && answers.rockProgress.every((p) => p.progress === fill(1000)))) return 'rock progress at its limit is not stored whole';
      // Megan's copy of it, as her card's refresh asks for it.
      const req = await bot(w, invokeActivity(w, 'megan', submitValue({ checkInId: w.checkIns.sam }, VERBS.refreshReviewerCard)));
      const res = await fetch(`${w.url}${req.path}`, { method: req.method, headers: req.headers, body: req.body });
      const bytes = Buffer.byteLength(await res.text());
      return res.status === 200 && bytes <= 28_000 ? undefined : `the reviewer's card of it is ${bytes} bytes (${res.status})`;
    },
  };
};

interface TextSink {
  name: string;
  actor: ActorName;
  /** The request carrying `text` (the world's database may be read for versions). */
  send(w: FuzzWorld, text: string): Promise<FuzzRequest>;
  /** Where the text lands: the collection and, given what changed, the stored value. */
  collection: string;
  read(w: FuzzWorld, changed: Change[]): Promise<unknown>;
}

const docOf = (w: FuzzWorld, collection: string, filter: Record<string, unknown>) => w.runtime.db.collection(collection).findOne(filter);
const addedDoc = async (w: FuzzWorld, collection: string, changed: Change[]) => {
  const added = changed.filter((ch) => ch.collection === collection && ch.change === 'added');
  return added.length === 1 ? docOf(w, collection, { _id: added[0]!.id as never }) : added.length > 1 ? { duplicates: added.length } : null;
};

const TEXT_SINKS: TextSink[] = [
  {
    name: "Megan's response to Alex, from the card",
    actor: 'megan',
    send: (w, text) => bot(w, invokeActivity(w, 'megan', submitValue({ checkInId: w.checkIns.alex, responseText: text, responseAnchor: 'general' }, VERBS.respondToCheckIn))),
    collection: 'checkIns',
    read: async (w) => ((await docOf(w, 'checkIns', { _id: w.checkIns.alex as never }))?.reviewerResponse as { text?: string } | undefined)?.text,
  },
  {
    name: "Megan's response to Sam, from the tab",
    actor: 'megan',
    send: (w, text) => api(w, 'megan', 'POST', `/api/v1/check-ins/${w.checkIns.sam}/respond`, { text, anchor: 'general' }),
    collection: 'checkIns',
    read: async (w) => ((await docOf(w, 'checkIns', { _id: w.checkIns.sam as never }))?.reviewerResponse as { text?: string } | undefined)?.text,
  },
  {
    name: "Sam's What went well, from the card",
    actor: 'sam',
    send: (w, text) => bot(w, invokeActivity(w, 'sam', submitValue({ eventId: w.events.open, www: text, score: '5' }))),
    collection: 'checkIns',
    read: async (w) => ((await docOf(w, 'checkIns', { _id: w.checkIns.sam as never }))?.answers as { www?: string } | undefined)?.www,
  },
  {
    name: "Sam's rock progress, from the card",
    actor: 'sam',
    send: (w, text) => bot(w, invokeActivity(w, 'sam', submitValue({ eventId: w.events.open, [`rock:${w.rocks.sam}`]: text, score: '5' }))),
    collection: 'checkIns',
    read: async (w) => ((await docOf(w, 'checkIns', { _id: w.checkIns.sam as never }))?.answers as { rockProgress?: Array<{ rockId: string; progress: string }> } | undefined)?.rockProgress?.find((p) => p.rockId === w.rocks.sam)?.progress,
  },
  {
    name: "Alex's What's next, from the tab",
    actor: 'alex',
    send: (w, text) => api(w, 'alex', 'POST', '/api/v1/check-ins', { eventId: w.events.open, answers: { whatsNext: text, ebi: 'ALEX-PRIVATE check-in answer' } }),
    collection: 'checkIns',
    read: async (w) => ((await docOf(w, 'checkIns', { _id: w.checkIns.alex as never }))?.answers as { whatsNext?: string } | undefined)?.whatsNext,
  },
  {
    name: "Alex's comment on his rock",
    actor: 'alex',
    send: (w, text) => api(w, 'alex', 'POST', `/api/v1/threads/rock/${w.rocks.alex[1]}/comments`, { text }),
    collection: 'comments',
    read: async (w, changed) => { const doc = await addedDoc(w, 'comments', changed); return doc && 'duplicates' in doc ? doc : doc?.text; },
  },
  {
    name: "Alex's thanks to Sam",
    actor: 'alex',
    send: (w, text) => api(w, 'alex', 'POST', '/api/v1/praise', { id: randomUUID(), recipientIds: [w.people.sam.id], message: text }),
    collection: 'praise',
    read: async (w, changed) => { const doc = await addedDoc(w, 'praise', changed); return doc && 'duplicates' in doc ? doc : doc?.message; },
  },
  {
    name: "Alex's rock description",
    actor: 'alex',
    send: async (w, text) => {
      const rock = await docOf(w, 'rocks', { _id: w.rocks.alex[1] as never });
      return api(w, 'alex', 'PATCH', `/api/v1/rocks/${w.rocks.alex[1]}`, { version: rock?.version ?? 0, description: text });
    },
    collection: 'rocks',
    read: async (w) => (await docOf(w, 'rocks', { _id: w.rocks.alex[1] as never }))?.description,
  },
];

/** Every place text is typed, with legal and hostile text: stored exactly as sent, or refused with nothing stored. */
const textSink: Family = (rng) => {
  const sink = pick(rng, TEXT_SINKS);
  const legal = chance(rng, 0.4);
  const [textName, make] = legal ? (['legal text', () => `${pick(rng, LEGAL_TEXT)} ${Math.floor(rng() * 1e9)}`] as const) : pick(rng, HOSTILE_TEXT);
  const text = make();
  return {
    kind: 'text sink',
    summary: `${sink.name}: ${textName}`,
    actor: sink.actor,
    expect: legal ? 'store' : 'either',
    carryBack: sink.name.includes('from the card') && !legal && text.trim() && !/surrogate|NUL/.test(textName) ? [text] : undefined,
    build: (w) => sink.send(w, text),
    async stored(w, res, changes) {
      const changed = changes.some((ch) => ch.collection === sink.collection);
      if (!changed) return legal && !/Megan's response/.test(sink.name) ? `nothing stored in ${sink.collection}` : undefined;
      const value = await sink.read(w, changes);
      if (value && typeof value === 'object') return `${json(value)} for one request`;
      // Whitespace alone is nothing typed: the answer is cleared.
      if (text.trim() === '' && (value === undefined || value === '')) return undefined;
      return value === text.trim() ? undefined : `stored as ${json(String(value).slice(0, 60))}, sent ${json(text.slice(0, 60))} (${res.status})`;
    },
  };
};

/** Forged, expired and misdirected tokens on the bot endpoint: 401, nothing stored. */
const botToken: Family = (rng) => {
  const variants: Array<[string, (w: FuzzWorld) => Promise<Record<string, string>>]> = [
    ['no Authorization header', async () => ({})],
    ['a bearer that is not a JWT', async () => ({ authorization: 'Bearer not-a-token' })],
    ['a Basic header', async () => ({ authorization: `Basic ${Buffer.from(`${BOT_ID}:password`).toString('base64')}` })],
    ['alg none', async () => ({ authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'https://api.botframework.com', aud: BOT_ID, exp: seconds() + 3600 })}.` })],
    ['a key nobody published', async (w) => ({ authorization: `Bearer ${await w.botToken({}, { key: 'foreign' })}` })],
    ['expired', async (w) => ({ authorization: `Bearer ${await w.botToken({}, { now: new Date(Date.now() - 3 * 3600_000) })}` })],
    ['for another bot', async (w) => ({ authorization: `Bearer ${await w.botToken({ aud: '11111111-2222-4333-8444-555555555555' })}` })],
    ['for another serviceUrl', async (w) => ({ authorization: `Bearer ${await w.botToken({ serviceurl: 'https://evil.example/' })}` })],
    ['HS256 signed with the bot id', async () => ({ authorization: `Bearer ${await hs256({ iss: 'https://api.botframework.com', aud: BOT_ID }, BOT_ID)}` })],
    ['an RS256 token of its own', async () => ({ authorization: `Bearer ${await selfSigned({ iss: 'https://api.botframework.com', aud: BOT_ID })}` })],
    ['a 20 KB bearer', async () => ({ authorization: `Bearer ${'a'.repeat(20_000)}` })],
  ];
  const [name, header] = pick(rng, variants);
  const text = pick(rng, ['check in', 'help', 'praise Sam for the trip']);
  return {
    kind: 'bot token',
    summary: name,
    actor: 'alex',
    expect: 'refuse',
    status: 401,
    build: async (w) => {
      const req = await bot(w, baseActivity(w, 'alex', { text }));
      const { authorization: _genuine, ...rest } = req.headers;
      return { ...req, headers: { ...rest, ...(await header(w)) } };
    },
  };
};

/** Bodies that are not an activity at all. */
const rawBody = (target: 'bot' | 'api'): Family => (rng) => {
  const variants: Array<[string, () => { body: string | Buffer; contentType?: string }, number?]> = [
    ['invalid JSON', () => ({ body: '{"type":"message", this is not json' })],
    ['text/plain', () => ({ body: 'check in', contentType: 'text/plain' })],
    ['JSON with a BOM', () => ({ body: `\ufeff${json({ type: 'message', text: 'help' })}` })],
    ['invalid UTF-8', () => ({ body: Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d]) })],
    ['10,000 nested arrays', () => ({ body: `${'['.repeat(10_000)}${']'.repeat(10_000)}` })],
    ['10,000 nested objects', () => ({ body: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` })],
    ['a 3 MB body', () => ({ body: json({ type: 'message', text: 'x'.repeat(3 * 1024 * 1024) }) }), 413],
    ['an empty body', () => ({ body: '' })],
    ['a form-encoded body', () => ({ body: 'text=hello&type=message', contentType: 'application/x-www-form-urlencoded' })],
    ['XML', () => ({ body: '<activity><text>hi</text></activity>', contentType: 'application/xml' })],
    ['multipart', () => ({ body: '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi\r\n--x--\r\n', contentType: 'multipart/form-data; boundary=x' })],
  ];
  const [name, make, status] = pick(rng, variants);
  const path = target === 'bot' ? '/api/messages' : pick(rng, ['/api/v1/rocks', '/api/v1/check-ins', '/api/v1/praise', '/api/v1/threads/rock/x/comments']);
  return {
    kind: `${target} raw body`,
    summary: `${name} to ${path}`,
    actor: 'alex',
    expect: 'refuse',
    status,
    build: async (w) => {
      const { body, contentType } = make();
      const authorization = target === 'bot' ? await w.botToken() : await w.apiToken('alex');
      return { target, method: 'POST', path, headers: { authorization: `Bearer ${authorization}`, 'content-type': contentType ?? 'application/json' }, body };
    },
  };
};

const b64 = (value: unknown) => Buffer.from(json(value)).toString('base64url');
const seconds = (date = new Date()) => Math.floor(date.getTime() / 1000);
const hs256 = (claims: Record<string, unknown>, secret: string) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(secret));
let ownKey: Promise<import('jose').KeyLike> | undefined;
const selfSigned = async (claims: Record<string, unknown>) => {
  ownKey ??= generateKeyPair('RS256').then((k) => k.privateKey);
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'standin-key-1', typ: 'JWT' }).setIssuedAt().setExpirationTime('1h').sign(await ownKey);
};

/** Reads and writes naming another tenant's or another person's records. */
const apiForeignId: Family = (rng) => {
  const actor = pick(rng, ['alex', 'oscar'] as const);
  const other = actor === 'alex' ? 'oscar' : 'alex';
  const variants: Array<[string, (w: FuzzWorld, id: string) => Promise<FuzzRequest>, (w: FuzzWorld) => string]> = [
    ["GET another tenant's person's rocks", (w, id) => api(w, actor, 'GET', `/api/v1/people/${encodeURIComponent(id)}/rocks`), (w) => w.people[other].id],
    ["GET another tenant's person's check-ins", (w, id) => api(w, actor, 'GET', `/api/v1/people/${encodeURIComponent(id)}/check-ins`), (w) => w.people[other].id],
    ["GET another tenant's person's praise", (w, id) => api(w, actor, 'GET', `/api/v1/people/${encodeURIComponent(id)}/praise`), (w) => w.people[other].id],
    ["GET another tenant's person's growth", (w, id) => api(w, actor, 'GET', `/api/v1/people/${encodeURIComponent(id)}/growth`), (w) => w.people[other].id],
    ["GET another tenant's check-in", (w, id) => api(w, actor, 'GET', `/api/v1/check-ins/${encodeURIComponent(id)}`), (w) => w.checkIns[other]],
    ["acknowledge another tenant's check-in", (w, id) => api(w, actor, 'POST', `/api/v1/check-ins/${encodeURIComponent(id)}/acknowledge`, {}), (w) => w.checkIns[other]],
    ["respond to another tenant's check-in", (w, id) => api(w, actor, 'POST', `/api/v1/check-ins/${encodeURIComponent(id)}/respond`, { text: 'Across tenants' }), (w) => w.checkIns[other]],
    ["GET another tenant's rock", (w, id) => api(w, actor, 'GET', `/api/v1/rocks/${encodeURIComponent(id)}`), (w) => (other === 'oscar' ? w.rocks.oscar : w.rocks.alex[0]!)],
    ["PATCH another tenant's rock", (w, id) => api(w, actor, 'PATCH', `/api/v1/rocks/${encodeURIComponent(id)}`, { version: 0, title: 'Taken over' }), (w) => (other === 'oscar' ? w.rocks.oscar : w.rocks.alex[0]!)],
    ["complete another tenant's rock", (w, id) => api(w, actor, 'POST', `/api/v1/rocks/${encodeURIComponent(id)}/complete`, { version: 0 }), (w) => (other === 'oscar' ? w.rocks.oscar : w.rocks.alex[0]!)],
    ["read another tenant's rock thread", (w, id) => api(w, actor, 'GET', `/api/v1/threads/rock/${encodeURIComponent(id)}/comments`), (w) => (other === 'oscar' ? w.rocks.oscar : w.rocks.alex[0]!)],
    ["comment on another tenant's rock", (w, id) => api(w, actor, 'POST', `/api/v1/threads/rock/${encodeURIComponent(id)}/comments`, { text: 'Across tenants' }), (w) => (other === 'oscar' ? w.rocks.oscar : w.rocks.alex[0]!)],
    ["comment on another tenant's check-in", (w, id) => api(w, actor, 'POST', `/api/v1/threads/check-in/${encodeURIComponent(id)}/comments`, { text: 'Across tenants' }), (w) => w.checkIns[other]],
    ["set another tenant's person's reviewer", (w, id) => api(w, actor, 'POST', `/api/v1/people/${encodeURIComponent(id)}/reviewer`, { reviewerId: w.people[actor].id }), (w) => w.people[other].id],
    ["remind another tenant's person", (w, id) => api(w, actor, 'POST', `/api/v1/people/${encodeURIComponent(id)}/check-in-reminder`, {}), (w) => w.people[other].id],
    ["another tenant's policy", (w, id) => api(w, actor, 'GET', `/api/v1/organisations/${encodeURIComponent(id)}/policy`), (w) => w.orgOf[other]],
  ];
  const [name, make, foreign] = pick(rng, variants);
  return { kind: 'api foreign id', summary: `${actor}: ${name}`, actor, expect: 'refuse', probe: 'id', build: (w, id) => make(w, id ?? foreign(w)) };
};

/** Someone else's records in the same organisation: refused, never shown (existence here is no secret). */
const apiColleagueId: Family = (rng) => {
  const variants: Array<[string, (w: FuzzWorld) => Promise<FuzzRequest>]> = [
    ["Alex reads Sam's check-ins", (w) => api(w, 'alex', 'GET', `/api/v1/people/${w.people.sam.id}/check-ins`)],
    ["Alex reads Sam's rock", (w) => api(w, 'alex', 'GET', `/api/v1/rocks/${w.rocks.sam}`)],
    ["Alex reads Sam's rock thread", (w) => api(w, 'alex', 'GET', `/api/v1/threads/rock/${w.rocks.sam}/comments`)],
    ["Alex comments on Sam's rock", (w) => api(w, 'alex', 'POST', `/api/v1/threads/rock/${w.rocks.sam}/comments`, { text: 'Not my rock' })],
    ["Alex edits Sam's rock", (w) => api(w, 'alex', 'PATCH', `/api/v1/rocks/${w.rocks.sam}`, { version: 0, title: 'Mine now' })],
    ["Alex acknowledges his own check-in", (w) => api(w, 'alex', 'POST', `/api/v1/check-ins/${w.checkIns.alex}/acknowledge`, {})],
    ["Alex makes himself Sam's reviewer", (w) => api(w, 'alex', 'POST', `/api/v1/people/${w.people.sam.id}/reviewer`, { reviewerId: w.people.alex.id })],
    ["Alex reads the trust's policy versions", (w) => api(w, 'alex', 'GET', `/api/v1/organisations/${w.orgOf.alex}/policy/versions`)],
    ["Alex reads the Ofsted report", (w) => api(w, 'alex', 'GET', '/api/v1/reports/ofsted')],
  ];
  const [name, make] = pick(rng, variants);
  return { kind: 'api colleague id', summary: name, actor: 'alex', expect: 'refuse', build: make };
};

/** Hostile comment bodies on Alex's own rock thread. */
const apiComment: Family = (rng) => {
  const legal = chance(rng, 0.4);
  const text = legal ? `${pick(rng, LEGAL_TEXT)} ${Math.floor(rng() * 1e9)}` : undefined;
  const [textName, textValue] = legal ? ['legal text', text] : chance(rng, 0.5) ? pick(rng, WRONG_VALUES) : ((([n, t]) => [n, t()])(pick(rng, HOSTILE_TEXT)) as [string, unknown]);
  const extras = pick(rng, [[], ['organisationId'], ['authorId'], ['$set'], ['a.b'], ["id of another tenant's comment"], ['id fresh, sent three times at once'], ['createdAt'], ['__proto__']] as const);
  const idempotencyKey = randomUUID();
  return {
    kind: 'api comment',
    summary: `text ${textName}, extra ${extras.join(',') || '(none)'}`,
    actor: 'alex',
    expect: legal ? 'store' : 'either',
    repeat: extras[0] === 'id fresh, sent three times at once' ? 3 : undefined,
    build: (w) => {
      const extra: Record<string, unknown> = {};
      for (const key of extras) {
        if (key === 'organisationId') extra.organisationId = w.orgOf.oscar;
        if (key === 'authorId') extra.authorId = w.people.sam.id;
        if (key === '$set') extra.$set = { organisationId: w.orgOf.oscar };
        if (key === 'a.b') extra['a.b'] = 'dotted';
        if (key === "id of another tenant's comment") extra.id = w.comments.oscar;
        if (key === 'id fresh, sent three times at once') extra.id = idempotencyKey;
        if (key === 'createdAt') extra.createdAt = '1999-01-01T00:00:00Z';
        if (key === '__proto__') Object.defineProperty(extra, '__proto__', { value: { isAdmin: true }, enumerable: true });
      }
      return api(w, 'alex', 'POST', `/api/v1/threads/rock/${w.rocks.alex[0]}/comments`, JSON.parse(json({ ...extra, text: textValue })));
    },
    async stored(w, res, changes) {
      if (typeof textValue !== 'string') return res.status < 300 ? `a text of ${textName} was accepted` : undefined;
      if (res.status >= 300) return legal ? `a legal comment was refused ${res.status}` : undefined;
      const body = JSON.parse(res.text) as { id?: string };
      if (body.id === w.comments.oscar) return "the reply carries another tenant's comment id";
      const added = changes.filter((ch) => ch.collection === 'comments' && ch.change === 'added');
      if (added.length > 1) return `${added.length} comments stored for one post`;
      const doc = await w.runtime.db.collection('comments').findOne({ organisationId: w.orgOf.alex, _id: body.id as never });
      if (!doc) return 'a 2xx names a comment that is not stored';
      // A key used before is a retry: the comment it made then comes back as it was.
      if (added.length === 0) return extras.some((key) => key.startsWith('id ')) ? undefined : 'a 2xx for a new comment stored nothing';
      if (String(doc._id) !== added[0]!.id) return 'the reply names a comment that is not the one stored';
      return doc.text === textValue.trim() ? undefined : `stored as ${json(String(doc.text).slice(0, 60))}, sent ${json(textValue.slice(0, 60))}`;
    },
  };
};

/** Hostile check-in bodies through the tab. */
const apiSubmit: Family = (rng) => {
  const variants: Array<[string, (w: FuzzWorld) => unknown, boolean?]> = [
    ['eventId upcoming', (w) => ({ eventId: w.events.upcoming, answers: { www: 'Too early' } })],
    ['eventId survey', (w) => ({ eventId: w.events.survey, answers: { www: 'Not a check-in' } })],
    ['eventId invented', () => ({ eventId: randomUUID(), answers: { www: 'Nowhere' } })],
    ['eventId {$gt}', () => ({ eventId: { $gt: '' }, answers: { www: 'Operator' } })],
    ['eventId {$ne: null}', () => ({ eventId: { $ne: null }, answers: { www: 'Operator' } })],
    ['answers a string', (w) => ({ eventId: w.events.open, answers: 'all good' })],
    ['answers.www {$gt}', (w) => ({ eventId: w.events.open, answers: { www: { $gt: '' } } })],
    ['score "7"', (w) => ({ eventId: w.events.open, answers: { www: 'x', score: '7' } })],
    ['score 11', (w) => ({ eventId: w.events.open, answers: { www: 'x', score: 11 } })],
    ['score 1e308', (w) => ({ eventId: w.events.open, answers: { www: 'x', score: 1e308 } })],
    ["rock progress on Sam's rock", (w) => ({ eventId: w.events.open, answers: { www: 'x', rockProgress: [{ rockId: w.rocks.sam, progress: 'theirs' }] } })],
    ["rock progress on another tenant's rock", (w) => ({ eventId: w.events.open, answers: { www: 'x', rockProgress: [{ rockId: w.rocks.oscar, progress: 'theirs' }] } })],
    ['rock progress with a {$gt} rock id', (w) => ({ eventId: w.events.open, answers: { www: 'x', rockProgress: [{ rockId: { $gt: '' }, progress: 'any' }] } })],
    // Someone not in the directory is thanked by nobody: the check-in is kept and the thanks waits to be given (issue 15).
    ['praise for another tenant', (w) => ({ eventId: w.events.open, answers: { www: 'x' }, praiseIds: [w.people.oscar.id], praiseMessage: 'Thanks across tenants' }), true],
    ['praise ids {$ne}', (w) => ({ eventId: w.events.open, answers: { www: 'x' }, praiseIds: { $ne: null } })],
    ['a NUL in an answer', (w) => ({ eventId: w.events.open, answers: { www: 'Before\u0000after' } })],
    ['a lone surrogate in an answer', (w) => ({ eventId: w.events.open, answers: { www: 'Half \ud83d an emoji' } })],
    ['a 1 MB answer', (w) => ({ eventId: w.events.open, answers: { www: 'x'.repeat(1_000_000) } })],
    ['every field wrong', () => ({ eventId: 7, answers: { www: 1, ebi: [], whatsNext: {}, score: 'ten', rockProgress: 'none' }, praiseIds: 'sam', praiseMessage: 5 })],
  ];
  const [name, make, allowed] = pick(rng, variants);
  return { kind: 'api check-in submit', summary: name, actor: 'alex', expect: allowed ? 'either' : 'refuse', build: (w) => api(w, 'alex', 'POST', '/api/v1/check-ins', make(w)), stored: allowed ? notThanking('alex', 'oscar') : undefined };
};

/** Valid requests with unusual text: stored exactly as sent, once, in the sender's organisation. */
const apiValid: Family = (rng) => {
  const text = `${pick(rng, LEGAL_TEXT)} ${Math.floor(rng() * 1e9)}`;
  const which = pick(rng, ['praise', 'respond', 'submit'] as const);
  if (which === 'praise') {
    const id = randomUUID();
    return {
      kind: 'api valid',
      summary: 'Alex thanks Sam with legal text, sent three times at once',
      actor: 'alex',
      expect: 'store',
      repeat: 3,
      build: (w) => api(w, 'alex', 'POST', '/api/v1/praise', { id, recipientIds: [w.people.sam.id], message: text }),
      async stored(w) {
        const docs = await w.runtime.db.collection('praise').find({ organisationId: w.orgOf.alex, message: text }).toArray();
        return docs.length === 1 && docs[0]!.toPersonId === w.people.sam.id ? undefined : `${docs.length} thank-yous stored with the message sent`;
      },
    };
  }
  if (which === 'respond') {
    return {
      kind: 'api valid',
      summary: "Megan responds to Alex's check-in with legal text",
      actor: 'megan',
      expect: 'store',
      build: (w) => api(w, 'megan', 'POST', `/api/v1/check-ins/${w.checkIns.alex}/respond`, { text, anchor: 'www' }),
      async stored(w) {
        const doc = await w.runtime.db.collection('checkIns').findOne({ organisationId: w.orgOf.alex, _id: w.checkIns.alex as never });
        return doc && json(doc).includes(escaped(text)) ? undefined : 'the response is not stored as sent';
      },
    };
  }
  return {
    kind: 'api valid',
    summary: 'Alex edits his Check in 6 with legal text',
    actor: 'alex',
    expect: 'store',
    build: (w) => api(w, 'alex', 'POST', '/api/v1/check-ins', { eventId: w.events.open, answers: { www: text, ebi: 'ALEX-PRIVATE check-in answer', score: 5 } }),
    async stored(w) {
      const docs = await w.runtime.db.collection('checkIns').find({ organisationId: w.orgOf.alex, personId: w.people.alex.id, eventId: w.events.open }).toArray();
      if (docs.length !== 1) return `${docs.length} check-ins stored for Alex's Check in 6`;
      return docs[0]!.answers?.www === text ? undefined : `answers.www stored as ${json(docs[0]!.answers?.www)}`;
    },
  };
};

/** Creating rocks with client ids (another tenant's, a colleague's, an operator): never 5xx, never theirs. */
const apiCreateRock: Family = (rng) => {
  const idName = pick(rng, ["another tenant's rock id", "Sam's rock id", 'a fresh key', '{$gt}', 'none'] as const);
  const title = `${pick(rng, LEGAL_TEXT).slice(0, 150)} ${Math.floor(rng() * 1e6)}`;
  return {
    kind: 'api create rock',
    summary: `id ${idName}`,
    actor: 'alex',
    expect: idName === '{$gt}' ? 'refuse' : 'either',
    build: (w) => {
      const id = { "another tenant's rock id": w.rocks.oscar, "Sam's rock id": w.rocks.sam, 'a fresh key': randomUUID(), '{$gt}': { $gt: '' }, none: undefined }[idName];
      return api(w, 'alex', 'POST', '/api/v1/rocks', { ...(id === undefined ? {} : { id }), slotId: 'rock-3', title, description: pick(rng, LEGAL_TEXT) });
    },
    async stored(w, res, changes) {
      if (res.status >= 300) return undefined;
      const body = JSON.parse(res.text) as { id?: string; rock?: { id?: string } };
      const added = changes.filter((ch) => ch.collection === 'rocks' && ch.change === 'added');
      if (added.length > 1) return `${added.length} rocks stored for one create`;
      const id = body.rock?.id ?? body.id;
      if (id === w.rocks.oscar || id === w.rocks.sam) return "the reply names someone else's rock";
      const doc = await w.runtime.db.collection('rocks').findOne({ organisationId: w.orgOf.alex, _id: id as never });
      if (!doc) return 'a 2xx for a rock that is not stored';
      if (doc.personId !== w.people.alex.id) return "the rock is stored as someone else's";
      // A key used before is a retry: the rock it made then comes back as it is.
      if (added.length === 0) return undefined;
      return doc.title === title ? undefined : `the title stored as ${json(doc.title)}`;
    },
  };
};

/** Searches with operators and patterns in the query string: read-only, never another tenant's people. */
const apiSearch: Family = (rng) => {
  const q = pick(rng, ['q=Oscar', 'q=oid-oscar', 'q=.*', 'q=%5E', 'q=%24where', 'q=%7B%22%24gt%22%3A%22%22%7D', 'q[$gt]=', 'q[$regex]=.*', 'q=%00', 'q=%ED%A0%BD', 'q=%F0%9F%8E%89', 'q=' + 'a'.repeat(5000), 'q=(', 'q=%5C']);
  const path = pick(rng, ['/api/v1/people', '/api/v1/praise/colleagues']);
  return { kind: 'api search', summary: `${path}?${q.slice(0, 40)}`, actor: 'alex', expect: 'either', build: (w) => api(w, 'alex', 'GET', `${path}?${q}`) };
};

/** Odd query strings and params on reads. */
const apiQuery: Family = (rng) => {
  const path = pick(rng, ['/api/v1/praise?direction=%7B%24gt%7D', '/api/v1/praise?direction[$ne]=x', '/api/v1/reviews?cycleId[$gt]=', '/api/v1/me/record-views?page=-1', '/api/v1/me/record-views?page=1e308&pageSize=99999', '/api/v1/people/%00/rocks', '/api/v1/check-ins/%ED%A0%BD', '/api/v1/rocks/..%2F..%2Fetc%2Fpasswd', '/api/v1/threads/%24where/x/comments', '/api/v1/people/me/check-ins?cycleId=%7B%22%24gt%22%3A%22%22%7D', '/api/v1/schedule?x=' + 'y'.repeat(8000)]);
  return { kind: 'api query', summary: path.slice(0, 60), actor: 'alex', expect: 'either', build: (w) => api(w, 'alex', 'GET', path) };
};

/** Every other write the tab makes, with fields of the wrong type, hostile text or someone else's ids: no failure, no foreign write, no leak. */
const WRITE_ROUTES: Array<[string, string, (w: FuzzWorld) => Record<string, unknown>]> = [
  ['PUT', '/api/v1/growth/self-reflection', () => ({ strengths: 'Questioning', growthAreas: 'Feedback', developmentNeeds: '' })],
  ['PUT', '/api/v1/growth/plan', () => ({ howIWillLearn: 'Coaching', notes: '' })],
  ['POST', '/api/v1/growth/log', () => ({ id: randomUUID(), whatIDid: 'Observed', whatILearned: 'Wait time', next: 'Try it' })],
  ['PUT', '/api/v1/growth/end-reflection', () => ({ successes: 'Year 9', growth: 'Confidence', sharing: '' })],
  ['PUT', '/api/v1/me/reports-opt-out', () => ({ optOut: true })],
  ['POST', '/api/v1/follow-ups', (w) => ({ personId: w.people.sam.id, text: 'Follow up' })],
  ['POST', '/api/v1/follow-ups/:other/close', () => ({ note: 'Closed' })],
  ['POST', '/api/v1/people/:person/reviewer', (w) => ({ reviewerId: w.people.megan.id })],
  ['POST', '/api/v1/praise/pending/:other', (w) => ({ recipientIds: [w.people.sam.id] })],
  ['DELETE', '/api/v1/praise/pending/:other', () => ({})],
  ['PUT', '/api/v1/rocks/:rock/success-criteria/:other/done', () => ({ done: true, version: 0 })],
  ['PUT', '/api/v1/rocks/:rock/priority', () => ({ priority: 1 })],
  ['POST', '/api/v1/rocks/:rock/agree', () => ({ version: 0, note: 'Agreed' })],
  ['POST', '/api/v1/rocks/:rock/amend', () => ({ version: 0, title: 'Amended', reason: 'Because' })],
  ['POST', '/api/v1/rocks/:rock/propose', () => ({ version: 0 })],
  ['POST', '/api/v1/rocks/:rock/send-back', () => ({ version: 0, reason: 'Not yet' })],
  ['POST', '/api/v1/rocks/:rock/escalate', () => ({ version: 0, reason: 'Disagree' })],
  ['POST', '/api/v1/rocks/:rock/decide', () => ({ version: 0, decision: 'agree', reason: 'Fine' })],
  ['POST', '/api/v1/rocks/:rock/moderation-notes', () => ({ id: randomUUID(), text: 'A note' })],
  ['PUT', '/api/v1/aspiration-survey/:event/response', () => ({ answers: { q1: 'yes' } })],
  ['POST', '/api/v1/check-ins/acknowledge', (w) => ({ checkInIds: [w.checkIns.alex, w.checkIns.sam] })],
  ['POST', '/api/v1/feedback-requests', (w) => ({ id: randomUUID(), toPersonId: w.people.sam.id, message: 'Could you watch my lesson?' })],
  ['POST', '/api/v1/feedback-requests/:other/answer', () => ({ text: 'It went well' })],
  ['POST', '/api/v1/feedback-requests/:other/decline', () => ({ reason: 'Busy' })],
  ['PUT', '/api/v1/group-sessions/:other/my-post', () => ({ answers: { q1: 'Shared' } })],
  ['PUT', '/api/v1/reviews/:other/reflection', () => ({ text: 'Reflecting' })],
  ['POST', '/api/v1/cycles/next', () => ({ confirm: true })],
  ['POST', '/api/v1/cycles/next/preview', () => ({})],
  ['POST', '/api/v1/reports/governor-samples', () => ({ size: 3 })],
  ['PUT', '/api/v1/organisations/:org/policy', () => ({ version: 1, policy: {} })],
  ['PATCH', '/api/v1/organisations/:org/policy', () => ({ version: 1, changes: { retention: { years: 1 } } })],
  ['POST', '/api/v1/people/:person/career-conversation/comment', () => ({ text: 'A comment' })],
  ['PUT', '/api/v1/people/:person/career-conversation', () => ({ notes: 'Notes' })],
  ['POST', '/api/v1/people/:person/check-in-reminder', () => ({})],
];

const apiWriteSweep: Family = (rng) => {
  const [method, template, skeleton] = pick(rng, WRITE_ROUTES);
  const actor = pick(rng, ['alex', 'megan', 'oscar'] as const);
  const whose = pick(rng, ['own', 'colleague', 'other tenant', 'invented', 'NUL'] as const);
  const mutation = pick(rng, ['as is', 'a field of the wrong type', 'hostile text', 'operators', 'another tenant\'s ids', 'an array body'] as const);
  const wrong = pick(rng, WRONG_VALUES);
  const [hostileName, hostile] = pick(rng, HOSTILE_TEXT);
  return {
    kind: 'api write sweep',
    summary: `${actor} ${method} ${template} (${whose} ids), ${mutation === 'a field of the wrong type' ? wrong[0] : mutation === 'hostile text' ? hostileName : mutation}`,
    actor,
    expect: 'either',
    build: (w) => {
      const other = actor === 'oscar' ? 'alex' : 'oscar';
      const ids: Record<string, string> = {
        rock: { own: actor === 'oscar' ? w.rocks.oscar : w.rocks.alex[0]!, colleague: w.rocks.sam, 'other tenant': other === 'oscar' ? w.rocks.oscar : w.rocks.alex[0]!, invented: randomUUID(), NUL: '%00' }[whose],
        person: { own: w.people[actor].id, colleague: w.people.sam.id, 'other tenant': w.people[other].id, invented: randomUUID(), NUL: 'a%00' }[whose],
        org: { own: w.orgOf[actor], colleague: w.orgOf[actor], 'other tenant': w.orgOf[other], invented: randomUUID(), NUL: '%00' }[whose],
        event: { own: w.events.survey, colleague: w.events.open, 'other tenant': w.events.otherOrgOpen, invented: randomUUID(), NUL: '%ED%A0%BD' }[whose],
        other: { own: randomUUID(), colleague: w.comments.sam, 'other tenant': w.comments.oscar, invented: randomUUID(), NUL: '%00' }[whose],
      };
      const path = template.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(ids[name] ?? name).replace(/%2500|%25ED%25A0%25BD/g, (m) => decodeURIComponent(m)));
      const body: Record<string, unknown> = skeleton(w);
      const keys = Object.keys(body);
      const key = keys.length ? pick(rng, keys) : 'text';
      if (mutation === 'a field of the wrong type') body[key] = wrong[1];
      if (mutation === 'hostile text') body[key] = hostile();
      if (mutation === 'operators') Object.assign(body, { $set: { organisationId: w.orgOf[other] }, 'a.b': 1, organisationId: w.orgOf[other], [key]: { $gt: '' } });
      if (mutation === "another tenant's ids") for (const k of keys) if (/Ids?$/.test(k)) body[k] = Array.isArray(body[k]) ? [w.people[other].id, w.checkIns[other]] : w.people[other].id;
      return api(w, actor, method, path, mutation === 'an array body' ? [body] : body);
    },
  };
};

/** Forged and misdirected tab tokens: 401. */
const apiToken: Family = (rng) => {
  const variants: Array<[string, (w: FuzzWorld) => Promise<string | undefined>]> = [
    ['no token', async () => undefined],
    ['expired', (w) => w.apiToken('alex', {}, { now: new Date(FUZZ_CLOCK.getTime() - 3 * 3600_000) })],
    ['not yet valid', (w) => w.apiToken('alex', {}, { now: new Date(FUZZ_CLOCK.getTime() + 3 * 3600_000) })],
    ['for another audience', (w) => w.apiToken('alex', { aud: '11111111-2222-4333-8444-555555555555' })],
    ['signed with a key nobody published', (w) => w.apiToken('alex', {}, { key: 'foreign' })],
    ["Alex's oid in another tenant", (w) => w.apiToken('alex', { tid: w.orgOf.oscar, iss: `${w.identity.url}/${w.orgOf.oscar}/v2.0` })],
    ['a tid not matching the issuer', (w) => w.apiToken('alex', { tid: w.orgOf.oscar })],
    ['no scope', (w) => w.apiToken('alex', { scp: null })],
    ['an oid nobody has', (w) => w.apiToken('alex', { oid: randomUUID() })],
    ['oid {$gt}', (w) => w.apiToken('alex', { oid: { $gt: '' } })],
    ['alg none', async (w) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ oid: w.people.alex.entraObjectId, tid: w.orgOf.alex, aud: w.identity.clientId, exp: seconds() + 3600 })}.`],
    ['HS256 with the client id', (w) => hs256({ oid: w.people.alex.entraObjectId, tid: w.orgOf.alex, aud: w.identity.clientId, iss: `${w.identity.url}/${w.orgOf.alex}/v2.0`, scp: 'access_as_user' }, w.identity.clientId)],
    ['a 20 KB token', async () => 'a'.repeat(20_000)],
  ];
  const [name, token] = pick(rng, variants);
  const route = pick(rng, [
    ['GET', '/api/v1/me', undefined], ['POST', '/api/v1/praise', { id: randomUUID(), recipientIds: ['x'], message: 'hi' }], ['GET', '/api/v1/people?q=a', undefined],
    ['GET', '/api/v1/me/data-export?format=html', undefined], ['GET', '/api/v1/retention?asOf=2032-09-01', undefined], ['PUT', '/api/v1/retention/holds/x', { reason: 'Tribunal' }], ['POST', '/api/v1/people/x/erasure', { reason: 'Asked', confirm: 'Sam Taylor' }],
  ] as const);
  return {
    kind: 'api token',
    summary: `${name} on ${route[0]} ${route[1]}`,
    actor: 'alex',
    expect: 'refuse',
    status: 401,
    build: async (w) => {
      const t = await token(w);
      const req = await api(w, 'alex', route[0], route[1], route[2]);
      const { authorization: _genuine, ...rest } = req.headers;
      return { ...req, headers: t === undefined ? rest : { ...rest, authorization: `Bearer ${t}` } };
    },
  };
};

// ---- issue 16: subject access, erasure, legal holds and the retention report (PG administrators)

type Caller = 'alex' | 'megan' | 'bella' | 'adam' | 'oscar';
const CALLERS: readonly Caller[] = ['alex', 'megan', 'bella', 'adam', 'adam', 'oscar'];
const isAdmin = (caller: ActorName) => caller === 'adam' || caller === 'bella';
const otherOf = (caller: ActorName): ActorName => (['oscar', 'olive', 'bella'].includes(caller) ? 'alex' : 'oscar');

/** Whose id goes in the path: a colleague's, the caller's own, another tenant's, invented, or not an id at all. */
const SUBJECTS = ['colleague', 'self', 'other tenant', 'invented', 'NUL', 'lone surrogate', 'huge', 'operator', 'dot-dot'] as const;
type Subject = (typeof SUBJECTS)[number];

function subjectPath(w: FuzzWorld, caller: ActorName, subject: Subject, invented?: string): string {
  if (invented) return encodeURIComponent(invented);
  const colleague: ActorName = w.orgOf[caller] === w.orgOf.alex ? (caller === 'alex' ? 'sam' : 'alex') : caller === 'oscar' ? 'olive' : 'oscar';
  return {
    colleague: encodeURIComponent(w.people[colleague].id),
    self: encodeURIComponent(w.people[caller].id),
    'other tenant': encodeURIComponent(w.people[otherOf(caller)].id),
    invented: randomUUID(),
    NUL: `a%00${encodeURIComponent(w.people.sam.id)}`,
    'lone surrogate': '%ED%A0%BD',
    huge: 'p'.repeat(6000),
    operator: '%7B%22%24gt%22%3A%22%22%7D',
    'dot-dot': '..%2F..%2Fme',
  }[subject];
}

/** The actor whose records the subject names (colleague and self only). */
function subjectActor(w: FuzzWorld, caller: ActorName, subject: Subject): ActorName | undefined {
  if (subject === 'self') return caller;
  if (subject !== 'colleague') return undefined;
  return w.orgOf[caller] === w.orgOf.alex ? (caller === 'alex' ? 'sam' : 'alex') : caller === 'oscar' ? 'olive' : 'oscar';
}

/** What a person's own export may carry: their own records and those of the people they review. */
function exportable(w: FuzzWorld, subject: ActorName): string[] {
  const reviewed = (Object.keys(w.people) as ActorName[]).filter((a) => w.people[a].reviewerId === w.people[subject].id);
  return [subject, ...reviewed].flatMap((a) => w.privateText[a]);
}

/** Only these collections, and only added documents. */
const onlyAdded = (collections: string[]) => (_w: FuzzWorld, changes: Change[]) => {
  const wrong = changes.find((ch) => !AMBIENT_WRITES.has(ch.collection) && (ch.change !== 'added' || !collections.includes(ch.collection)));
  return wrong ? `wrote ${wrong.change} ${wrong.collection} ${wrong.id}` : undefined;
};

const FORMATS: Array<[string, string, boolean]> = [
  ['json', 'format=json', true], ['html', 'format=html', true], ['no format', '', true], ['xml', 'format=xml', false], ['JSON', 'format=JSON', false],
  ['empty', 'format=', false], ['format[$gt]', 'format[$gt]=', false], ['two formats', 'format=json&format=html', false], ['huge', `format=${'h'.repeat(5000)}`, false], ['NUL', 'format=json%00', false],
];

/** GET /me/data-export and /people/:id/data-export: only one's own, or (PG admins) a person of one's organisation. */
const apiDataExport: Family = (rng) => {
  const caller = pick(rng, CALLERS);
  const mine = chance(rng, 0.2);
  const subject = mine ? 'self' : chance(rng, 0.4) ? 'colleague' : pick(rng, SUBJECTS);
  const [formatName, query, formatOk] = chance(rng, 0.7) ? pick(rng, FORMATS.slice(0, 3)) : pick(rng, FORMATS);
  const whose = (w: FuzzWorld) => subjectActor(w, caller, subject);
  const permitted = formatOk && (subject === 'self' || (subject === 'colleague' && isAdmin(caller)));
  // Signed in as the caller, claiming to be the administrator in the dev sign-in header: still the caller.
  const claimsAdmin = chance(rng, 0.15);
  return {
    kind: 'api data export',
    summary: `${caller} GET ${mine ? '/me' : `/people/(${subject})`}/data-export ${formatName}${claimsAdmin ? ', X-Dev-Identity of the admin' : ''}`,
    actor: caller,
    expect: permitted ? 'either' : 'refuse',
    probe: subject === 'other tenant' && formatOk ? 'person' : undefined,
    allowed: (w) => { const s = whose(w); return permitted && s ? exportable(w, s) : []; },
    canaries: (w) => { const s = whose(w); return !permitted && s && s !== caller ? w.privateText[s] : []; },
    writes: onlyAdded(['auditLog', 'recordViews']),
    build: (w, invented) => api(w, caller, 'GET', `/api/v1/${mine && !invented ? 'me' : `people/${subjectPath(w, caller, subject, invented)}`}/data-export${query ? `?${query}` : ''}`, undefined, claimsAdmin ? { 'x-dev-identity': `${w.people.adam.email}` } : {}),
    async stored(w, res) {
      if (res.status !== 200 || !permitted) return undefined;
      if (formatName === 'html' && /<script|<img|<iframe|javascript:/i.test(res.text)) return 'markup typed into a record comes back unescaped in the export';
      const s = whose(w)!;
      const own = w.privateText[s].filter((t) => !/^[A-Z][a-z]+ [A-Z]/.test(t) && !t.includes('@'));
      const text = res.text.replace(/&quot;/g, '"').replace(/&#39;/g, "'");
      const missing = own.find((t) => !text.includes(t) && !text.includes(escaped(t)));
      return missing ? `the export of ${s} does not hold ${json(missing)}` : undefined;
    },
  };
};

const AS_OF: Array<[string, string, boolean]> = [
  ['no asOf', '', true], ['today', 'asOf=2026-02-27', true], ['in six years', 'asOf=2032-09-01', true], ['in 99 years', 'asOf=2125-01-01', true],
  ['yesterday', 'asOf=2026-02-26', false], ['1970', 'asOf=1970-01-01', false], ['in 101 years', 'asOf=2127-03-01', false], ['year 275760', 'asOf=275760-09-13', false],
  ['year 9999', 'asOf=9999-12-31', false], ['negative year', 'asOf=-002026-01-01', false], ['1e308', 'asOf=1e308', false], ['-1', 'asOf=-1', false],
  ['30 February', 'asOf=2026-02-30', false], ['month 13', 'asOf=2026-13-01', false], ['a timestamp', 'asOf=2032-09-01T00:00:00Z', false], ['a word', 'asOf=forever', false],
  ['asOf[$gt]', 'asOf[$gt]=', false], ['two asOf', 'asOf=2032-01-01&asOf=2020-01-01', false], ['NUL', 'asOf=2032-01-01%00', false], ['empty', 'asOf=', false], ['huge', `asOf=${'9'.repeat(5000)}`, false],
];

/** GET /retention?asOf=: PG admins only, a dry run whatever the day — it never deletes anything. */
const apiRetentionReport: Family = (rng) => {
  const caller = pick(rng, CALLERS);
  const [name, query, ok] = pick(rng, AS_OF);
  return {
    kind: 'api retention report',
    summary: `${caller} GET /retention ${name}`,
    actor: caller,
    expect: isAdmin(caller) && ok ? 'either' : 'refuse',
    writes: onlyAdded([]),
    build: (w) => api(w, caller, 'GET', `/api/v1/retention${query ? `?${query}` : ''}`),
  };
};

const HOLD_BODIES: Array<[string, (w: FuzzWorld) => unknown, boolean]> = [
  ['a reason', () => ({ reason: 'Employment tribunal claim, 2026' }), true],
  ['a reason with odd text', () => ({ reason: pick(rngOf(7), LEGAL_TEXT) }), true],
  ['no reason', () => ({}), false],
  ['an empty reason', () => ({ reason: '  ' }), false],
  ['501 characters', () => ({ reason: 'r'.repeat(501) }), false],
  ['reason {$gt}', () => ({ reason: { $gt: '' } }), false],
  ['reason a number', () => ({ reason: 42 }), false],
  ['operators beside a reason', (w) => ({ reason: 'Tribunal', $set: { organisationId: w.orgOf.oscar }, organisationId: w.orgOf.oscar, personId: w.people.oscar.id, 'heldBy.x': 1 }), true],
  ['an array body', () => [{ reason: 'Tribunal' }], false],
  ['no body', () => undefined, false],
];

/** PUT/DELETE /retention/holds/:personId: PG admins only, a person of their organisation, with a reason. */
const apiLegalHold: Family = (rng) => {
  const caller = pick(rng, CALLERS);
  const method = pick(rng, ['PUT', 'PUT', 'DELETE'] as const);
  const subject = chance(rng, 0.4) ? 'colleague' : pick(rng, SUBJECTS);
  const [bodyName, body, bodyOk] = chance(rng, 0.4) ? HOLD_BODIES[0]! : pick(rng, HOLD_BODIES);
  const permitted = isAdmin(caller) && bodyOk && (subject === 'colleague' || subject === 'self');
  return {
    kind: 'api legal hold',
    summary: `${caller} ${method} /retention/holds/(${subject}) ${bodyName}`,
    actor: caller,
    expect: permitted ? 'either' : 'refuse',
    probe: subject === 'other tenant' && isAdmin(caller) && bodyOk ? 'person' : undefined,
    writes: (w, changes) => {
      const wrong = changes.find((ch) => !AMBIENT_WRITES.has(ch.collection) && !(ch.collection === 'auditLog' && ch.change === 'added') && !(ch.collection === 'legalHolds' && ch.id === legalHoldIdFor(w.orgOf[caller], w.people[subjectActor(w, caller, subject) ?? caller].id)));
      return wrong ? `wrote ${wrong.change} ${wrong.collection} ${wrong.id}` : undefined;
    },
    build: (w, invented) => api(w, caller, method, `/api/v1/retention/holds/${subjectPath(w, caller, subject, invented)}`, body(w)),
  };
};

/** What an erasure answered done must have left: the person anonymised, their rocks gone, their name and email nowhere (the audit entry included). */
async function leftBehind(w: FuzzWorld, target: Disposable): Promise<string | undefined> {
  const person = await w.runtime.db.collection('people').findOne({ organisationId: w.orgOf.alex, _id: target.person.id as never });
  if (!person || person.displayName === target.person.displayName) return 'the person answered erased is not anonymised';
  const rocks = await w.runtime.db.collection('rocks').countDocuments({ organisationId: w.orgOf.alex, personId: target.person.id });
  if (rocks > 0) return `${rocks} rocks of the erased person kept`;
  const { displayName, email } = target.person;
  for (const { name: collection } of await w.runtime.db.listCollections({}, { nameOnly: true }).toArray()) {
    for (const doc of await w.runtime.db.collection(collection).find({}).toArray()) {
      const text = json(doc).toLowerCase();
      if (text.includes(displayName.toLowerCase()) || text.includes(email.toLowerCase())) return `the erasure left ${collection} ${String(doc._id)} naming the person: ${json(doc).slice(0, 200)}`;
    }
  }
  return undefined;
}

/** GET/POST /people/:id/erasure: PG admins only, never themselves, never a held person, the name typed. */
const apiErasure: Family = (rng) => {
  // A third are the administrator doing it right (a disposable person, the name typed, a reason): what changes then is checked.
  const right = chance(rng, 0.35);
  const caller = right || chance(rng, 0.3) ? 'adam' : pick(rng, CALLERS);
  const variant = right ? pick(rng, ['erase', 'erase', 'erase', 'racing', 'twice', 'held', 'export after'] as const) : pick(rng, ['preview', 'erase', 'erase', 'held', 'twice', 'racing', 'export after'] as const);
  const subject: Subject | 'disposable' = !right && (variant === 'preview' || (variant === 'erase' && chance(rng, 0.5))) ? pick(rng, [...SUBJECTS, 'disposable', 'disposable'] as const) : 'disposable';
  const WRONG = ['another name', 'missing', '{$ne: null}', 'empty', '201 characters', 'the erased name'] as const;
  // A colleague is never erased (the later cases need them): only a disposable person is named right.
  const confirmName = subject === 'disposable' && (right || chance(rng, 0.5)) ? pick(rng, ['the name', 'the name', 'the name, shouted with spaces'] as const) : pick(rng, WRONG);
  // The reason may name the person (as a request usually does): the audit entry keeps it without them.
  const namesThem = chance(rng, 0.5);
  const reason = right || chance(rng, 0.6) ? (['a reason', 'Subject erasure request of 20 February'] as const) : pick(rng, [['no reason', undefined], ['reason {$gt}', { $gt: '' }], ['1 MB reason', 'x'.repeat(1_000_000)], ['501 characters', 'r'.repeat(501)]] as const);
  let target: Disposable | undefined;
  const name = (w: FuzzWorld) => (subject === 'disposable' ? target!.person.displayName : w.people[subjectActor(w, caller, subject) ?? caller].displayName);
  const confirmOf = (w: FuzzWorld) => ({ 'the name': name(w), 'the name, shouted with spaces': `  ${name(w).toUpperCase().replace(' ', '   ')} `, 'another name': w.people.sam.displayName === name(w) ? w.people.alex.displayName : w.people.sam.displayName, missing: undefined, '{$ne: null}': { $ne: null }, empty: '', '201 characters': 'n'.repeat(201), 'the erased name': 'A former colleague' })[confirmName];
  const rightName = confirmName === 'the name' || confirmName === 'the name, shouted with spaces';
  const allowedSubject = subject === 'disposable' ? caller === 'adam' : subject === 'colleague' && isAdmin(caller);
  const erases = variant !== 'preview' && variant !== 'held' && variant !== 'export after' && allowedSubject && reason[0] === 'a reason' && (rightName || (variant === 'twice' && confirmName === 'the erased name'));
  const permitted = variant === 'preview' || variant === 'export after' ? allowedSubject : erases && !(variant === 'twice' && rightName);
  return {
    kind: 'api erasure',
    summary: `${caller} ${variant} (${subject}), confirm ${confirmName}, ${reason[0]}${reason[0] === 'a reason' && namesThem ? ' naming them' : ''}`,
    actor: caller,
    expect: permitted ? 'either' : 'refuse',
    status: variant === 'held' && caller === 'adam' && reason[0] === 'a reason' && rightName ? 409 : undefined,
    repeat: variant === 'racing' ? 2 : undefined,
    probe: subject === 'other tenant' && isAdmin(caller) ? 'person' : undefined,
    async prepare(w) {
      if (subject !== 'disposable') return;
      target = await w.disposable({ held: variant === 'held' });
      if (variant === 'twice' || variant === 'export after') {
        const first = await fetch(`${w.url}/api/v1/people/${encodeURIComponent(target.person.id)}/erasure`, { method: 'POST', headers: { authorization: `Bearer ${await w.apiToken('adam')}`, 'content-type': 'application/json' }, body: json({ reason: 'First request', confirm: target.person.displayName }) });
        if (first.status !== 200) throw new Error(`erasing a disposable person: ${first.status}`);
      }
    },
    // What an erasure answers, refuses or leaves behind (an export of the erased person) holds none of their records.
    canaries: () => (subject === 'disposable' && !(variant === 'preview' && permitted) ? target!.privateText : []),
    allowed: (w) => (permitted && subject === 'colleague' ? exportable(w, subjectActor(w, caller, subject)!) : []),
    async writes(w, changes, res) {
      if (variant === 'preview') return onlyAdded([])(w, changes);
      if (variant === 'export after') return onlyAdded(['auditLog', 'recordViews'])(w, changes);
      // An erasure that went ahead leaves its "erasing" decision (legalHold.ts: a later hold is then refused).
      const erasingDecision = (ch: { collection: string; change: string; id: string }) =>
        subject === 'disposable' && res.status === 200 && ch.collection === 'decisions' && ch.change === 'added' && ch.id.endsWith(`:${ERASING_DECISION}:${erasingSubject(target!.person.organisationId, target!.person.id)}`);
      const wrong = changes.find((ch) => !AMBIENT_WRITES.has(ch.collection) && !(ch.collection === 'auditLog' && ch.change === 'added') && !(subject === 'disposable' && target!.ids.has(ch.id)) && !erasingDecision(ch));
      if (wrong) return `erasing ${name(w)} wrote ${wrong.change} ${wrong.collection} ${wrong.id}`;
      return erases && subject === 'disposable' && variant !== 'twice' && res.status === 200 ? leftBehind(w, target!) : undefined;
    },
    build: (w, invented) => {
      const id = subject === 'disposable' && !invented ? encodeURIComponent(target!.person.id) : subjectPath(w, caller, subject === 'disposable' ? 'invented' : subject, invented);
      const path = `/api/v1/people/${id}/erasure`;
      if (variant === 'export after') return api(w, caller, 'GET', `/api/v1/people/${id}/data-export?format=${confirmName === 'missing' ? 'html' : 'json'}`);
      const typed = reason[0] === 'a reason' && namesThem ? `Erasure requested by ${name(w).toLowerCase()} (${subject === 'disposable' ? target!.person.email.toUpperCase() : 'by email'}) on 20 February` : reason[1];
      return variant === 'preview' ? api(w, caller, 'GET', path) : api(w, caller, 'POST', path, { reason: typed, confirm: confirmOf(w) });
    },
  };
};

const FAMILIES: Array<[Family, number]> = [
  [botMessage, 5],
  [botShape, 5],
  [botOddActivity, 4],
  [botInvoke, 5],
  [botSearch, 2],
  [cardVerbIds, 8],
  [submitWrongEvent, 6],
  [submitWrongContent, 6],
  [submitValid, 5],
  [reviewAction, 8],
  [submitAtLimits, 3],
  [textSink, 10],
  [botToken, 4],
  [rawBody('bot'), 3],
  [rawBody('api'), 3],
  [apiForeignId, 8],
  [apiColleagueId, 4],
  [apiComment, 6],
  [apiSubmit, 5],
  [apiValid, 5],
  [apiCreateRock, 3],
  [apiSearch, 3],
  [apiQuery, 3],
  [apiToken, 5],
  [apiWriteSweep, 10],
  [apiDataExport, 7],
  [apiRetentionReport, 4],
  [apiLegalHold, 6],
  [apiErasure, 10],
];

/** The n-th case of a run; the same seed gives the same cases. */
export function generateCases(count: number, seed: number): FuzzCase[] {
  const rng = rngOf(seed);
  const total = FAMILIES.reduce((sum, [, weight]) => sum + weight, 0);
  const cases: FuzzCase[] = [];
  for (let n = 0; n < count; n++) {
    // The first cases take each family in turn, so even a short run covers them all.
    let family = FAMILIES[n % FAMILIES.length]![0];
    if (n >= FAMILIES.length) {
      let r = rng() * total;
      for (const [f, weight] of FAMILIES) {
        if ((r -= weight) < 0) {
          family = f;
          break;
        }
      }
    }
    cases.push({ n, ...family(rng, n) });
  }
  return cases;
}

export { escaped };
