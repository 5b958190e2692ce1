// End-to-end: a member of staff checks in through the Microsoft 365 Agents Playground.
// Headless Chromium types `help`, then `check in`, fills the check-in card, presses its
// Action.Execute button, sees the confirmation card replace it, and the check-in is read back from
// the database. Screenshots go to test-results/ (playground-confirmation.png on success,
// playground-failure.png on failure).
//
// `npm run e2e:playground` (scripts/e2e-playground.mjs) starts its own database, server and
// Playground and calls runPlaygroundScenario. To drive an app that is already running (`npm start`):
//   PLAYGROUND_URL=http://localhost:56150 MONGODB_URI=mongodb://127.0.0.1:<port>/ node test/e2e/playground.mjs
// (with `npm start`'s demo organisation a check-in window is always open).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { chromium } from 'playwright-core';
import { Playground, PlaygroundError, cardInputs } from './playground-ui.mjs';

const repo = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/** The words the confirmation card's heading ends with (bot/cards/checkInConfirmationCard.ts). */
const CONFIRMATION = /your check-in is in/i;
/** Text in the reply to `help` (HELP_TEXT in bot/teams/handlers/help.ts). */
const HELP_REPLY = /here is what I can do/i;

/**
 * The form's ids, labels and verb, from the built server (dist/) so the test follows the card
 * builder; the card JSON the bot actually sent takes precedence where the Playground delivered it.
 */
function formVocabulary() {
  const form = require(join(repo, 'dist/bot/cards/checkInForm.js'));
  const { VERBS } = require(join(repo, 'dist/shared/verbs.js'));
  return {
    fields: form.CHECK_IN_FIELDS,
    rockPrefix: form.ROCK_FIELD_PREFIX,
    labels: { ...form.TEXT_FIELD_LABELS, [form.CHECK_IN_FIELDS.score]: form.SCORE_LABEL, [form.CHECK_IN_FIELDS.praiseIds]: form.PRAISE_LABEL },
    submitVerb: VERBS.submitCheckIn,
  };
}

/**
 * @param {{
 *   playgroundUrl: string,
 *   mongodbUri?: string,
 *   dbName?: string,
 *   resultsDir?: string,
 *   log?: (line: string) => void,
 *   stepTimeoutMs?: number,
 *   profileDir?: string,
 *   registerCleanup?: (cleanup: () => Promise<void>) => void,
 * }} options  profileDir: an empty folder for Chromium's profile that the caller removes (else a temporary one is made and removed here)
 * @returns {Promise<{ checkInId: string, www: string }>} throws on any failed step
 */
export async function runPlaygroundScenario(options) {
  const { playgroundUrl, mongodbUri, dbName = process.env.MONGODB_DB || 'pgteams', resultsDir = join(repo, 'test-results'), log = console.log, stepTimeoutMs = 15000 } = options;
  const vocabulary = formVocabulary();
  await mkdir(resultsDir, { recursive: true });
  const ownProfile = !options.profileDir;
  const profile = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'pgteams-playground-chromium-')));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 1000 },
    timeout: 30000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    // With a caller that handles signals, Playwright must not exit the process on Ctrl-C before the
    // caller has stopped its servers: the caller closes the browser through registerCleanup instead.
    ...(options.registerCleanup ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
  });
  options.registerCleanup?.(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(stepTimeoutMs);
  const playground = new Playground(page, { url: playgroundUrl, timeoutMs: stepTimeoutMs });
  let step = 'opening the Playground';
  try {
    await playground.open();
    log(`ok   opened the Agents Playground at ${playgroundUrl}`);

    // 1. A plain command and a text reply.
    step = 'help';
    await playground.send('help');
    await playground.waitForBotText(HELP_REPLY, { what: 'reply to "help"' });
    log('ok   "help" answered with the command list');
    await page.screenshot({ path: join(resultsDir, 'playground-help.png') });

    // 2. The check-in card.
    step = 'check in';
    const since = playground.botMessages.length;
    await playground.send('check in');
    const submitTitle = await submitButtonTitle(playground, vocabulary, since, stepTimeoutMs);
    const form = await playground.waitForCardWithButton(submitTitle, { what: `check-in card (a card with a "${submitTitle}" button)` });
    log(`ok   "check in" answered with the check-in card ("${submitTitle}")`);

    // 3. Fill it in, by input id (mapped to the label the card shows).
    step = 'filling in the check-in card';
    const runId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const answers = {
      www: `E2E ${runId}: the Year 9 retrieval quiz worked — every pupil wrote something`,
      ebi: 'Even better if the starter were timed',
      whatsNext: 'Try the quiz with Year 10 next week',
      score: '7',
    };
    const inputs = inputLabels(playground, vocabulary);
    const f = vocabulary.fields;
    await playground.fillText(form, inputs.label(f.www), answers.www);
    await playground.fillText(form, inputs.label(f.ebi), answers.ebi);
    await playground.fillText(form, inputs.label(f.whatsNext), answers.whatsNext);
    const rockProgress = {};
    for (const rock of inputs.rocks) {
      rockProgress[rock.id] = `Progress on ${rock.label}`;
      await playground.fillText(form, rock.label, rockProgress[rock.id]);
    }
    await playground.choose(form, inputs.label(f.score), answers.score);
    // praiseIds is a Data.Query people picker; the Playground cannot run its typeahead, so praise
    // (and the thanks message, which needs someone chosen) stays empty.
    log(`ok   filled in What went well, Even better if, What's next, ${inputs.rocks.length} rock(s) and score ${answers.score}`);
    await page.screenshot({ path: join(resultsDir, 'playground-check-in-filled.png') });

    // 4. Submit: Action.Execute, and the card is replaced in place by the confirmation.
    step = 'submitting the check-in';
    const invoke = await playground.execute(form, submitTitle);
    const sentData = invoke.sent?.value?.action?.data ?? {};
    if (sentData[f.www] !== answers.www || sentData[f.score] !== answers.score) {
      throw new PlaygroundError(`the invoke did not carry the typed answers: ${JSON.stringify(sentData).slice(0, 300)}`);
    }
    if (invoke.status !== 200 || invoke.body?.type !== 'application/vnd.microsoft.card.adaptive') {
      throw new PlaygroundError(`the bot answered the submit with HTTP ${invoke.status}: ${JSON.stringify(invoke.body).slice(0, 400)}`);
    }
    const confirmation = playground.cards().filter({ hasText: CONFIRMATION }).last();
    await confirmation.waitFor({ state: 'visible' }).catch(() => {
      throw new PlaygroundError(`no confirmation card ("${CONFIRMATION.source}") after submitting; the bot answered: ${JSON.stringify(invoke.body?.value ?? invoke.body).slice(0, 500)}`);
    });
    if ((await confirmation.getByText(answers.www, { exact: true }).count()) === 0) {
      throw new PlaygroundError('the confirmation card does not show the What went well answer');
    }
    // Replaced in place: the form the person filled in is gone, not left above the confirmation.
    const formsLeft = await playground.cards().filter({ has: page.getByRole('button', { name: submitTitle, exact: true }) }).count();
    if (formsLeft !== 0) throw new PlaygroundError(`the check-in form is still on screen after the confirmation arrived (${formsLeft} left)`);
    await confirmation.scrollIntoViewIfNeeded();
    await confirmation.screenshot({ path: join(resultsDir, 'playground-confirmation.png') });
    await page.screenshot({ path: join(resultsDir, 'playground-confirmation-page.png') });
    log(`ok   the form was replaced by the confirmation card ("${(await confirmation.getByText(CONFIRMATION).first().textContent())?.trim()}")`);

    // 5. The check-in is in the database.
    step = 'reading the check-in from the database';
    let checkInId = '(database not checked)';
    if (mongodbUri) {
      const client = new MongoClient(mongodbUri, { serverSelectionTimeoutMS: 5000 });
      try {
        await client.connect();
        const stored = await client.db(dbName).collection('checkIns').findOne({ 'answers.www': answers.www });
        if (!stored) throw new PlaygroundError(`no check-in with answers.www = "${answers.www}" in ${dbName}.checkIns`);
        const problems = [];
        if (stored.answers?.ebi !== answers.ebi) problems.push(`answers.ebi is ${JSON.stringify(stored.answers?.ebi)}`);
        if (stored.answers?.whatsNext !== answers.whatsNext) problems.push(`answers.whatsNext is ${JSON.stringify(stored.answers?.whatsNext)}`);
        if (stored.answers?.score !== Number(answers.score)) problems.push(`answers.score is ${JSON.stringify(stored.answers?.score)}`);
        if (problems.length) throw new PlaygroundError(`the stored check-in differs from what was typed: ${problems.join(', ')}`);
        checkInId = String(stored.id ?? stored._id);
        log(`ok   check-in ${checkInId} stored in ${dbName}.checkIns (organisation ${stored.organisationId}, ${stored.timeliness ?? 'no timeliness'})`);
      } finally {
        await client.close().catch(() => {});
      }
    } else {
      log('skip no MONGODB_URI: the database was not checked');
    }
    if (playground.pageErrors.length) log(`note page errors in the Playground: ${playground.pageErrors.join('; ')}`);
    return { checkInId, www: answers.www };
  } catch (err) {
    const shot = join(resultsDir, 'playground-failure.png');
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    const reason = err instanceof PlaygroundError ? err.message : `${err.message?.split('\n')[0] ?? err}; ${playground.describeRecent()}`;
    throw new PlaygroundError(`${step}: ${reason} (screenshot: ${relative(repo, shot)})`);
  } finally {
    await context.close().catch(() => {});
    if (ownProfile) await rm(profile, { recursive: true, force: true }).catch(() => {});
  }
}

/**
 * The submit button's title, from the card JSON the bot sent after `since` (the Playground's
 * conversation stream). Fails early when the bot answered with something else, such as "the next
 * check-in opens ...". If the stream was not captured at all, falls back to the rendered card.
 */
async function submitButtonTitle(playground, vocabulary, since, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastCount = since;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const card = playground.cardJsonWithVerb(vocabulary.submitVerb, since);
    const action = card && findAction(card, vocabulary.submitVerb);
    if (action?.title) return action.title;
    const count = playground.botMessages.length;
    if (count !== lastCount) [lastCount, quietSince] = [count, Date.now()];
    if (count > since && Date.now() - quietSince > 3000) {
      throw new PlaygroundError(`"check in" did not return the check-in card; ${playground.describeRecent(count - since)}`);
    }
    if (count === 0 && Date.now() - quietSince > 5000) {
      // No conversation frames seen at all: read the button off the rendered card instead.
      const button = playground.cards().getByRole('button', { name: /^(send|submit|save)\b/i }).last();
      if (await button.count()) return (await button.textContent()).trim();
    }
    await playground.page.waitForTimeout(200);
  }
  throw new PlaygroundError(`no card with an Action.Execute "${vocabulary.submitVerb}" within ${timeoutMs / 1000} s; ${playground.describeRecent()}`);
}

function findAction(card, verb) {
  const stack = [card];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute' && node.verb === verb) return node;
      stack.push(...Object.values(node).filter((v) => v && typeof v === 'object'));
    }
  }
  return undefined;
}

/** Input id → label, from the check-in card the bot sent (falls back to the builder's labels). */
function inputLabels(playground, vocabulary) {
  const card = playground.cardJsonWithVerb(vocabulary.submitVerb);
  const inputs = card ? cardInputs(card) : [];
  const byId = new Map(inputs.filter((i) => i.label).map((i) => [i.id, i.label]));
  return {
    label(id) {
      const label = byId.get(id) ?? vocabulary.labels[id];
      if (!label) throw new PlaygroundError(`the check-in card has no input "${id}" (inputs: ${inputs.map((i) => i.id).join(', ') || 'unknown'})`);
      return label;
    },
    rocks: inputs.filter((i) => i.id?.startsWith(vocabulary.rockPrefix) && i.label).map((i) => ({ id: i.id.slice(vocabulary.rockPrefix.length), label: i.label })),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const playgroundUrl = process.env.PLAYGROUND_URL ?? 'http://127.0.0.1:56150';
  runPlaygroundScenario({ playgroundUrl, mongodbUri: process.env.MONGODB_URI }).then(
    () => console.log('e2e: PASS'),
    (err) => {
      console.log(`e2e: FAIL ${err.message}`);
      process.exitCode = 1;
    },
  );
}
