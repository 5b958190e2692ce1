// Driving the Microsoft 365 Agents Playground's web UI with playwright-core (DESIGN.md, "Real
// components"). The Playground renders bot messages with the Adaptive Cards SDK (root element
// `.ac-adaptiveCard`, inputs labelled by their `label`, Action.Execute as a button titled by the
// action) and posts Action.Execute to its own server, which forwards the invoke to the bot and
// replaces the card in place with the card the bot answers.
//
// What the page shows is what the checks look at. Two of the Playground's own channels are read as
// well, only to explain a failure and to map input ids to labels: the conversation WebSocket
// (`/_ws_conversation/...`, one frame per message the bot sends, with the card JSON) and the HTTP
// response of `POST /_conversation/v1/invoke` (the bot's invoke answer).

/** The Playground's default bot name in the message header. */
const BOT_AUTHOR = 'Test Bot';

export class PlaygroundError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PlaygroundError';
  }
}

export class Playground {
  /**
   * @param {import('playwright-core').Page} page
   * @param {{ url: string, timeoutMs?: number }} options
   */
  constructor(page, { url, timeoutMs = 15000 }) {
    this.page = page;
    this.url = url;
    this.timeoutMs = timeoutMs;
    /** Messages the bot sent, as the Playground's conversation stream delivered them. */
    this.botMessages = [];
    /** Every Action.Execute the Playground forwarded: what it sent and what the bot answered. */
    this.invokes = [];
    this.pageErrors = [];
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
    page.on('websocket', (ws) => {
      if (!ws.url().includes('/_ws_conversation/')) return;
      ws.on('framereceived', (frame) => this.#onConversationFrame(frame.payload));
    });
    page.on('response', async (response) => {
      if (!response.url().endsWith('/_conversation/v1/invoke')) return;
      const entry = { status: response.status(), request: safeJson(response.request().postData()), body: undefined };
      this.invokes.push(entry);
      entry.body = safeJson(await response.text().catch(() => ''));
    });
  }

  #onConversationFrame(payload) {
    const frame = safeJson(String(payload));
    if (!frame || typeof frame !== 'object' || !frame.message) return;
    if (frame.action !== 'createMessage' && frame.action !== 'updateMessage') return;
    this.botMessages.push({ action: frame.action, ...frame.message });
  }

  /** Opens the Playground and waits until the compose box is ready. */
  async open() {
    await this.page.goto(this.url, { timeout: this.timeoutMs });
    await this.composeBox().waitFor({ state: 'visible', timeout: this.timeoutMs }).catch(() => {
      throw new PlaygroundError(`the Playground at ${this.url} did not show its compose box within ${this.timeoutMs / 1000} s`);
    });
  }

  /** The Lexical editor under "Type a message..."; card inputs are <textarea>/<input>, never contenteditable. */
  composeBox() {
    return this.page.locator('[role="textbox"][contenteditable="true"]').last();
  }

  /** Message headers whose author is the bot; consecutive messages may share one header, so this is a lower bound. */
  botAuthors() {
    return this.page.locator('[aria-label="Message author"]', { hasText: BOT_AUTHOR });
  }

  /** Every rendered Adaptive Card in the open conversation. */
  cards() {
    return this.page.locator('.ac-adaptiveCard');
  }

  /** Types `text` into the compose box and presses the "Send Message" button. */
  async send(text) {
    const box = this.composeBox();
    await box.click({ timeout: this.timeoutMs });
    await box.pressSequentially(text, { delay: 10, timeout: this.timeoutMs });
    await this.page.getByRole('button', { name: 'Send Message', exact: true }).click({ timeout: this.timeoutMs });
    // The box empties once the Playground has taken the message.
    await this.page
      .waitForFunction((el) => (el.textContent ?? '').trim() === '', await box.elementHandle(), { timeout: this.timeoutMs })
      .catch(() => {
        throw new PlaygroundError(`the compose box still holds "${text}" ${this.timeoutMs / 1000} s after pressing Send`);
      });
  }

  /**
   * Waits for text from the bot to be visible in the conversation (a text message or a TextBlock).
   * @param {string | RegExp} text
   */
  async waitForBotText(text, { timeoutMs = this.timeoutMs, what = `a bot message containing ${String(text)}` } = {}) {
    const target = this.page.getByText(text).last();
    await target.waitFor({ state: 'visible', timeout: timeoutMs }).catch(() => {
      throw new PlaygroundError(`no ${what} within ${timeoutMs / 1000} s; ${this.describeRecent()}`);
    });
    return target;
  }

  /**
   * Waits for an Adaptive Card that has an Action.Execute button called `buttonTitle` and returns
   * it (the newest such card).
   */
  async waitForCardWithButton(buttonTitle, { timeoutMs = this.timeoutMs, what = `a card with a "${buttonTitle}" button` } = {}) {
    const card = this.cards().filter({ has: this.page.getByRole('button', { name: buttonTitle, exact: true }) }).last();
    await card.waitFor({ state: 'visible', timeout: timeoutMs }).catch(() => {
      throw new PlaygroundError(`no ${what} within ${timeoutMs / 1000} s; ${this.describeRecent()}`);
    });
    return card;
  }

  /** The newest card JSON the bot sent (from message index `since` on) that carries an Action.Execute with `verb`. */
  cardJsonWithVerb(verb, since = 0) {
    for (const message of this.botMessages.slice(since).reverse()) {
      for (const attachment of message.attachments ?? []) {
        const content = attachment.contentType === 'application/vnd.microsoft.card.adaptive' ? attachment.content : undefined;
        if (content && collect(content, (n) => n.type === 'Action.Execute' && n.verb === verb).length > 0) return content;
      }
    }
    return undefined;
  }

  /** Fills an Input.Text, found by its label. */
  async fillText(card, label, value) {
    const input = card.getByRole('textbox', { name: label });
    const count = await input.count();
    if (count !== 1) throw new PlaygroundError(`expected one text input labelled "${label}" on the card, found ${count}`);
    await input.fill(value, { timeout: this.timeoutMs });
    const actual = await input.inputValue();
    if (actual !== value) throw new PlaygroundError(`the input "${label}" holds "${actual}" after typing "${value}"`);
  }

  /** Chooses `choiceTitle` in a compact Input.ChoiceSet (a combobox with a listbox), found by its label. */
  async choose(card, label, choiceTitle) {
    const combobox = card.getByRole('combobox', { name: label });
    const count = await combobox.count();
    if (count !== 1) throw new PlaygroundError(`expected one choice input labelled "${label}" on the card, found ${count}`);
    await combobox.click({ timeout: this.timeoutMs });
    const option = this.page.getByRole('listbox').getByRole('option', { name: choiceTitle, exact: true });
    await option.click({ timeout: this.timeoutMs }).catch(() => {
      throw new PlaygroundError(`the list for "${label}" did not offer "${choiceTitle}"`);
    });
    const actual = await combobox.inputValue();
    if (actual !== choiceTitle) throw new PlaygroundError(`the choice "${label}" shows "${actual}" after choosing "${choiceTitle}"`);
  }

  /**
   * Clicks an Action.Execute button on `card` and waits for the Playground's invoke round trip.
   * Returns what was sent and what the bot answered.
   */
  async execute(card, buttonTitle) {
    const responded = this.page.waitForResponse((r) => r.url().endsWith('/_conversation/v1/invoke'), { timeout: this.timeoutMs });
    await card.getByRole('button', { name: buttonTitle, exact: true }).click({ timeout: this.timeoutMs });
    const response = await responded.catch(() => {
      throw new PlaygroundError(`pressing "${buttonTitle}" sent no Action.Execute invoke within ${this.timeoutMs / 1000} s`);
    });
    const body = safeJson(await response.text().catch(() => ''));
    return { status: response.status(), sent: safeJson(response.request().postData()), body };
  }

  /** One line on what the bot said last, for failure messages. */
  describeRecent(count = 3) {
    const recent = this.botMessages.slice(-count).map(describeMessage);
    const invoke = this.invokes.at(-1);
    const parts = [recent.length ? `the bot's last messages: ${recent.join(' | ')}` : 'the bot sent nothing the Playground showed'];
    if (invoke) parts.push(`last invoke answered ${invoke.status}: ${truncate(JSON.stringify(invoke.body), 300)}`);
    if (this.pageErrors.length) parts.push(`page errors: ${this.pageErrors.slice(-3).join('; ')}`);
    return parts.join('; ');
  }
}

/** Input elements of a card JSON (recursing into containers), as { id, type, label }. */
export function cardInputs(card) {
  return collect(card, (n) => typeof n.type === 'string' && n.type.startsWith('Input.')).map((n) => ({ id: n.id, type: n.type, label: n.label, style: n.style, choices: n.choices }));
}

/** Every object node in a card JSON that satisfies `test`, depth first. */
function collect(node, test, found = []) {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, test, found);
  } else if (node && typeof node === 'object') {
    if (test(node)) found.push(node);
    for (const value of Object.values(node)) if (value && typeof value === 'object') collect(value, test, found);
  }
  return found;
}

/** A card's visible words, for messages: its TextBlocks joined. */
export function cardText(card) {
  return collect(card, (n) => n.type === 'TextBlock' && typeof n.text === 'string')
    .map((n) => n.text)
    .join(' · ');
}

function describeMessage(message) {
  const text = message.text ? `"${truncate(message.text, 120)}"` : '';
  const cards = (message.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => `[card: ${truncate(cardText(a.content), 160)}]`);
  return [text, ...cards].filter(Boolean).join(' ') || `(${message.action} without text)`;
}

function truncate(text, max) {
  const s = String(text ?? '');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function safeJson(text) {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
