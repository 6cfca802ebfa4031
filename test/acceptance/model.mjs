// The model-based UI test: fast-check draws random sequences of what a person does in the whole
// app — open chat i by clicking its row (wheeling the list to reach it), wheel the list, wheel a
// thread up, send a text, receive into chat j, mark unread, delete a message, go offline and
// online, reload, search a text of the sequence and jump to it, toggle the filter chips, send a
// saved reply with its variables filled, schedule a text (send later), then send it now, edit or
// cancel it — and after every step checks invariants against the backend (the reference server
// over real HTTP, so a reload finds the same data): the thread on screen is the chat chosen, each
// message appears once and only in its own chat, badges and order and previews are the backend's,
// every listed chat passes the pressed chips, a scheduled text is listed once and never sent
// before its time, and the page raised no error.
import fc from 'fast-check';
import { App, backends, openApp, until } from './app.mjs';

/** How long the app may take to catch up with the backend after a step. */
const SETTLE_MS = 12_000;
/** Chats the model opens and receives into: deep enough to need the wheel. */
const DEPTH = 60;

/** The real system of one sequence: a fresh browser context on the shared server. */
class Real {
  constructor(opened, backend) {
    Object.assign(this, opened);
    this.backend = backend;
    this.offline = false;
    /** Unique texts the sequence sent or received → the conversation each belongs to. */
    this.texts = new Map();
    /** Message ids the sequence deleted. */
    this.deleted = new Set();
    /** The chat the person chose last, and the name its row showed (null: found by search). */
    this.chosen = null;
    /** Texts scheduled (send later) and not yet sent or cancelled → their conversation. */
    this.scheduled = new Map();
    /** Texts the sequence scheduled and then cancelled: never to be sent. */
    this.cancelled = new Set();
    /** The chips the person pressed, by label. */
    this.filters = [];
    /** Invariants reported but not failed on (`--tolerate`), and what they found. */
    this.tolerate = new Set();
    this.tolerated = new Set();
  }
}

let textCounter = 0;
/** A unique word (searchable: its last letter keeps "…q5z" from being a prefix of "…q51z"). */
const uniqueWord = () => `${Date.now().toString(36)}q${++textCounter}z`;
const uniqueText = (kind) => `${kind} ${uniqueWord()}`;

/** What each chip lets through, judged on the backend's conversation. */
const FILTERS = {
  Unread: (c) => c.unreadCount > 0,
  Failed: (c) => c.lastMessage?.direction === 'outbound' && c.lastMessage?.status === 'failed',
  'Opted out': (c) => (c.optedOut?.length ?? 0) > 0,
};
const passes = (c, filters) => filters.every((f) => FILTERS[f](c));

/** A message as a violation names it: its id, status and the start of its text. */
const describe = (m) => (m ? `${m.id} (${m.status}, "${m.text.slice(0, 30)}")` : 'none');

/** Whether the store's copy `mine` names the backend's message `theirs` (by id or client id). */
const sameMessage = (mine, theirs) =>
  mine.id === theirs.id ||
  (!!theirs.clientId && (mine.clientId === theirs.clientId || mine.id === theirs.clientId));

/** Records a violation of invariant `name`, or only reports it when the run tolerates it. */
function violated(real, problems, name, problem) {
  if (real.tolerate.has(name)) real.tolerated.add(problem);
  else problems.push(problem);
}

/** Checks every invariant once; returns the list of violations (empty when all hold). */
async function violations(real) {
  const { app, backend } = real;
  const problems = [];
  if (real.errors.length) problems.push(`errors in the page: ${real.errors.join(' | ')}`);
  const state = await app.state();
  const thread = await app.thread();
  const rows = await app.rows();

  // The thread pane: header, log and composer all belong to the selected chat.
  if (state.selected) {
    if (thread.conversationId !== state.selected)
      problems.push(`the thread shows ${thread.conversationId}, the selected chat is ${state.selected}`);
    if (thread.composerId !== state.selected)
      problems.push(`the composer writes to ${thread.composerId}, the selected chat is ${state.selected}`);
    if (real.chosen?.name && real.chosen.id === state.selected && thread.title !== null && !thread.loading) {
      const expected = real.chosen.name;
      if (!/ and \d+ others?$/.test(expected) && thread.title !== expected)
        problems.push(`the header says "${thread.title}", the chosen row said "${expected}"`);
    }
  }
  if (real.chosen && state.selected !== real.chosen.id)
    problems.push(`the person chose ${real.chosen.id}, the app selected ${state.selected}`);
  const keys = thread.messages.map((m) => m.key);
  const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (dupes.length) problems.push(`the log shows ${dupes.join(', ')} twice`);
  for (const m of thread.messages) {
    const owner = real.texts.get(m.text);
    if (owner && owner !== thread.conversationId)
      problems.push(`the log of ${thread.conversationId} shows "${m.text}" of ${owner}`);
  }
  const shownTexts = thread.messages.map((m) => m.text);
  for (const text of real.texts.keys()) {
    const n = shownTexts.filter((t) => t === text).length;
    if (n > 1) problems.push(`the log shows "${text}" ${n} times`);
  }
  // Scheduled texts: never in a log as sent; the open chat lists each of its own once.
  for (const text of [...real.scheduled.keys(), ...real.cancelled])
    if (shownTexts.includes(text))
      problems.push(`the log shows "${text}" as sent, it is scheduled or cancelled`);
  for (const text of thread.scheduled) {
    const owner = real.scheduled.get(text);
    if (thread.scheduled.filter((t) => t === text).length > 1)
      problems.push(`the scheduled list shows "${text}" more than once`);
    if (real.cancelled.has(text)) problems.push(`the scheduled list still shows cancelled "${text}"`);
    else if (owner && owner !== thread.conversationId)
      problems.push(`the scheduled list of ${thread.conversationId} shows "${text}" of ${owner}`);
  }
  const pressed = await app.filters();
  if (pressed.join(',') !== real.filters.join(','))
    problems.push(
      `the chips pressed are [${pressed.join(', ')}], the person pressed [${real.filters.join(', ')}]`,
    );
  if (real.offline) return problems; // the backend's side is compared once the app can reach it
  if (thread.conversationId && !thread.loading)
    for (const [text, owner] of real.scheduled)
      if (owner === thread.conversationId && !thread.scheduled.includes(text))
        problems.push(`the scheduled list of ${owner} does not show "${text}"`);

  const held = await backend.conversations();
  const byId = new Map(held.map((c) => [c.id, c]));
  if (thread.conversationId && byId.has(thread.conversationId)) {
    const messages = await backend.messages(thread.conversationId);
    const known = new Set(messages.flatMap((m) => [m.id, m.clientId].filter(Boolean)));
    const foreign = thread.messages.filter((m) => !known.has(m.key));
    if (foreign.length)
      problems.push(
        `the log of ${thread.conversationId} shows messages it does not hold: ${foreign.map((m) => m.key).join(', ')}`,
      );
    for (const m of messages)
      if (real.deleted.has(m.id)) problems.push(`the backend still holds deleted ${m.id}`);
    // Each own message shows the backend's status (sent, delivered, failed…) once it settles.
    for (const shown of thread.messages) {
      if (!shown.status) continue;
      const m = messages.find((x) => x.id === shown.key || x.clientId === shown.key);
      if (m && m.status !== shown.status)
        violated(
          real,
          problems,
          'last-message',
          `the log of ${thread.conversationId} shows ${shown.key} ${shown.status}, the backend says ${m.status}`,
        );
    }
    // Scrolled to the bottom, the newest message is on screen.
    const newest = messages.at(-1);
    if (newest?.text && !real.scrolledUp && !shownTexts.includes(newest.text.trim()))
      problems.push(
        `the newest message of ${thread.conversationId} ("${newest.text.slice(0, 40)}") is not in its log ` +
          `(it shows ${thread.messages.length} messages ending ${JSON.stringify(shownTexts.slice(-2).map((t) => t.slice(0, 30)))}, ` +
          `scroll ${JSON.stringify(thread.scroll)})`,
      );
  }
  for (const id of real.deleted)
    if (thread.messages.some((m) => m.key === id)) problems.push(`the log still shows deleted ${id}`);

  // The store's `lastMessage` of each chat it holds names the backend's newest message of that
  // chat, with the backend's status: it follows every send, status change (sent, delivered,
  // failed), retry and deletion (a deleted newest is replaced by the one before it, or none).
  for (const { id, last } of await app.lastMessages()) {
    const want = byId.get(id)?.lastMessage;
    if (!byId.has(id) || (!want && !last)) continue;
    if (!want || !last || !sameMessage(last, want))
      violated(
        real,
        problems,
        'last-message',
        `the store's lastMessage of ${id} is ${describe(last)}, the backend's newest is ${describe(want)}`,
      );
    else if (last.status !== want.status)
      violated(
        real,
        problems,
        'last-message',
        `the store's lastMessage of ${id} is ${describe(last)}, the backend says ${want.status}`,
      );
  }

  // Every text of the sequence is in the backend once, in its own chat.
  const owners = new Set(real.texts.values());
  const heldTexts = new Map();
  for (const id of owners) {
    if (!byId.has(id)) continue;
    for (const m of await backend.messages(id)) heldTexts.set(m.text, [...(heldTexts.get(m.text) ?? []), id]);
  }
  for (const [text, owner] of real.texts) {
    const where = heldTexts.get(text) ?? [];
    if (where.length !== 1 || where[0] !== owner)
      problems.push(`"${text}" should be once in ${owner}, the backend has it in [${where.join(', ')}]`);
  }
  // Scheduled texts: held once as scheduled by the backend, never sent before their time (an hour
  // or more: longer than a sequence); cancelled ones never sent.
  const scheduledOwners = new Set([...real.scheduled.values()]);
  for (const id of scheduledOwners) {
    if (!byId.has(id)) continue;
    const held = (await backend.scheduled(id)).map((m) => m.text);
    for (const [text, owner] of real.scheduled) {
      if (owner !== id) continue;
      const n = held.filter((t) => t === text).length;
      if (n !== 1)
        problems.push(`"${text}" should be scheduled once in ${id}, the backend has it ${n} times`);
    }
  }
  for (const [text, owner] of real.scheduled)
    if (
      heldTexts.has(text) ||
      (byId.has(owner) && (await backend.messages(owner)).some((m) => m.text === text))
    )
      problems.push(`scheduled "${text}" was sent before its time`);
  for (const text of real.cancelled) if (heldTexts.has(text)) problems.push(`cancelled "${text}" was sent`);

  // The list: order, badges, bold and previews are the backend's; with chips pressed, only the
  // chats that pass them, in the same order.
  const order = held.filter((c) => passes(c, pressed)).map((c) => App.rowId(c.id));
  const shown = rows.filter((r) => r.top > -1000);
  const start = order.indexOf(shown[0]?.id);
  shown.forEach((r, k) => {
    if (order[start + k] !== r.id)
      problems.push(`row ${k} of the screen is ${r.id}, the backend has ${order[start + k]} there`);
  });
  for (const r of shown) {
    const c = held.find((x) => App.rowId(x.id) === r.id);
    if (!c) {
      problems.push(`the list shows ${r.id}, which the backend does not hold`);
      continue;
    }
    if (!passes(c, pressed))
      problems.push(`the list filtered by [${pressed.join(', ')}] shows ${c.id}, which does not pass them`);
    const badge = c.unreadCount ? String(c.unreadCount > 99 ? '99+' : c.unreadCount) : '';
    if (r.badge !== badge)
      problems.push(`the badge of ${c.id} says "${r.badge}", the backend counts ${c.unreadCount}`);
    if (r.bold !== c.unreadCount > 0)
      problems.push(`${c.id} is ${r.bold ? '' : 'not '}bold with ${c.unreadCount} unread`);
    const last = c.lastMessage;
    if (last) {
      const text = last.text.trim().slice(0, 40).replace(/\s+/g, ' ');
      const failed = last.direction === 'outbound' && last.status === 'failed';
      if (text && !r.preview.includes(text))
        problems.push(`the preview of ${c.id} is "${r.preview}", its newest is "${text}"`);
      if (failed !== r.preview.startsWith('Not sent'))
        violated(
          real,
          problems,
          'not-sent-preview',
          `the preview of ${c.id} is "${r.preview}" for a message ${failed ? '' : 'not '}failed`,
        );
      // The row's words for its newest message: "Not sent · …" (failed), "You: …" (own), none.
      const prefix = failed ? 'Not sent · ' : last.direction === 'outbound' ? 'You: ' : '';
      if (!failed && (prefix ? !r.preview.startsWith(prefix) : /^(You: |Not sent · )/.test(r.preview)))
        violated(
          real,
          problems,
          'last-message',
          `the preview of ${c.id} is "${r.preview}" for its ${last.direction} ${last.status} newest message`,
        );
    }
  }
  return problems;
}

/** Waits until every invariant holds; throws with the last violations after SETTLE_MS. */
async function settle(real, step) {
  real.executed = (real.executed ?? 0) + 1;
  let last = [];
  try {
    await until(
      async () => {
        try {
          last = await violations(real);
        } catch (error) {
          last = [`reading the app or the backend failed: ${error.message}`];
        }
        return last.length === 0;
      },
      'the invariants',
      SETTLE_MS,
    );
  } catch (error) {
    const why = last.length ? last : [error.message];
    if (process.env.MODEL_DEBUG) console.log(await debugDump(real, why));
    throw new Error(`after ${step}:\n      ${why.join('\n      ')}`);
  }
}

/**
 * What the app holds when an invariant fails (MODEL_DEBUG=1): the store's view of each chat the
 * violations name (thread, lastMessage, draft), the unsent messages, the composer.
 */
async function debugDump(real, why) {
  const ids = [...new Set(why.join(' ').match(/\bc\d+\b/g) ?? [])];
  const dump = await real.page
    .evaluate((ids) => {
      const client = window.smsTest.client;
      const s = client.getState();
      const short = (m) => m && `${m.id}/${m.clientId ?? ''} ${m.status} "${m.text.slice(0, 24)}"`;
      const composer = document.querySelector('sms-messages')?.shadowRoot?.querySelector('sms-composer');
      return {
        selected: s.selectedConversationId,
        chats: ids.map((id) => ({
          id,
          last: short(s.conversations.find((c) => c.id === id)?.lastMessage),
          thread: (s.threads[id]?.messages ?? []).slice(-6).map(short),
          draft: s.drafts[id] ?? null,
        })),
        unsent: client.unsentMessages().map(short),
        composer: composer && {
          id: composer.getAttribute('conversation-id'),
          text: composer.text,
          notices: composer.notices,
        },
        log: window.__smsDebugLog ?? [],
      };
    }, ids)
    .catch((e) => ({ error: e.message }));
  return `  debug: ${JSON.stringify(dump, null, 1).split('\n').join('\n  ')}\n  console: ${(real.consoleLog ?? []).slice(-20).join('\n    ')}`;
}

// ── the commands ────────────────────────────────────────────────────

class OpenChat {
  constructor(depth) {
    this.depth = depth;
  }
  check() {
    return true;
  }
  async run(_model, real) {
    if (!real.offline) real.lastHeld = await real.backend.conversations();
    // With chips pressed the person picks among the chats listed. Offline, the list is what the
    // app holds: the server's chats as last read are stale by then (a text received since moves a
    // chat out of "Failed"; seed 912 asked for a chat the list rightly no longer showed).
    const source = real.offline ? await real.app.conversations() : real.lastHeld;
    const held = source.filter((x) => passes(x, real.filters));
    if (!held.length) return;
    const c = held[this.depth % held.length];
    await clearSearch(real);
    const name = await real.app.openChat(c.id);
    real.chosen = { id: c.id, name };
    real.scrolledUp = false;
    await settle(real, this.toString());
  }
  toString() {
    return `open chat #${this.depth}`;
  }
}

class WheelList {
  constructor(dy) {
    this.dy = dy;
  }
  check() {
    return true;
  }
  async run(_model, real) {
    // Chips that match nothing leave the list's empty state: no rows to wheel.
    if (!(await real.page.locator('sms-conversation-list .scroller').count())) return;
    await real.app.wheelList(this.dy);
    await settle(real, this.toString());
  }
  toString() {
    return `wheel the list ${this.dy > 0 ? 'down' : 'up'} ${Math.abs(this.dy)} px`;
  }
}

class WheelThreadUp {
  check() {
    return true;
  }
  async run(_model, real) {
    const log = real.page.locator('sms-thread .scroller');
    if (!(await log.count())) return;
    const box = await log.boundingBox();
    if (!box) return;
    await real.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await real.page.mouse.wheel(0, -800);
    await real.app.frames(2);
    real.scrolledUp = true;
    await settle(real, this.toString());
  }
  toString() {
    return 'wheel the thread up';
  }
}

class SendText {
  check() {
    return true;
  }
  async run(_model, real) {
    const state = await real.app.state();
    const thread = await real.app.thread();
    if (!state.selected || thread.composerId !== state.selected) return;
    const field = real.page.getByRole('textbox', { name: 'Type your message' });
    if (!(await field.count()) || (await field.isDisabled())) return;
    const text = uniqueText('sent');
    await real.app.send(text);
    real.texts.set(text, state.selected);
    real.scrolledUp = false;
    await settle(real, `${this.toString()} "${text}"`);
  }
  toString() {
    return 'type a text and press Enter';
  }
}

class SendRefusedByCarrier {
  check() {
    return true;
  }
  async run(_model, real) {
    if (real.offline) return;
    const state = await real.app.state();
    const thread = await real.app.thread();
    if (!state.selected || thread.composerId !== state.selected) return;
    const field = real.page.getByRole('textbox', { name: 'Type your message' });
    if (!(await field.count()) || (await field.isDisabled())) return;
    const text = uniqueText('refused');
    await real.backend.carrierFailureRate(1);
    try {
      await real.app.send(text);
      real.texts.set(text, state.selected);
      await until(
        async () =>
          (await real.backend.messages(state.selected)).find((m) => m.text === text)?.status === 'failed',
        'the carrier refuses it',
      );
    } finally {
      await real.backend.carrierFailureRate(0);
    }
    real.scrolledUp = false;
    await settle(real, `${this.toString()} "${text}"`);
  }
  toString() {
    return 'type a text the carrier refuses and press Enter';
  }
}

class Receive {
  constructor(depth) {
    this.depth = depth;
  }
  check() {
    return true;
  }
  async run(_model, real) {
    const held = real.lastHeld ?? (await real.backend.conversations());
    const c = held[this.depth % held.length];
    const text = uniqueText('received');
    await real.backend.receive({ conversationId: c.id, text });
    real.texts.set(text, c.id);
    await settle(real, `${this.toString()} "${text}" (${c.id})`);
  }
  toString() {
    return `receive into chat #${this.depth}`;
  }
}

class MarkUnread {
  check() {
    return true;
  }
  async run(_model, real) {
    const flag = real.page.getByRole('button', { name: 'Mark conversation unread' });
    if (real.offline || !(await flag.count())) return;
    await flag.click();
    await settle(real, this.toString());
  }
  toString() {
    return 'click "Mark conversation unread"';
  }
}

/** Deletes the message of row `item` as a person does: hover, ⋯ → Delete → Yes. */
async function deleteItem(real, item) {
  await item.hover();
  await item.getByRole('button', { name: 'More actions' }).click();
  await real.page.getByRole('menuitem', { name: 'Delete' }).click();
  await real.page
    .getByRole('dialog', { name: 'Delete this message?' })
    .getByRole('button', { name: 'Yes' })
    .click();
}

class DeleteMessage {
  check() {
    return true;
  }
  async run(_model, real) {
    if (real.offline) return;
    const state = await real.app.state();
    if (!state.selected) return;
    const messages = await real.backend.messages(state.selected);
    const target = [...messages].reverse().find((m) => real.texts.get(m.text) === state.selected);
    if (!target) return;
    const item = real.page.locator('sms-thread .item').filter({ hasText: target.text });
    if (!(await item.count()) || !(await item.isVisible())) return;
    await deleteItem(real, item);
    real.texts.delete(target.text);
    real.deleted.add(target.id);
    await settle(real, `${this.toString()} "${target.text}"`);
  }
  toString() {
    return 'delete the newest text of the sequence in the open chat (⋯ → Delete → Yes)';
  }
}

/** Deletes the newest message of the open chat, whoever wrote it: the list falls back to the one before. */
class DeleteNewest {
  check() {
    return true;
  }
  async run(_model, real) {
    if (real.offline) return;
    const state = await real.app.state();
    if (!state.selected) return;
    const target = (await real.backend.messages(state.selected)).at(-1);
    if (!target) return;
    const keys = [target.id, target.clientId].filter(Boolean);
    const item = real.page.locator(
      keys.map((k) => `sms-thread .item[data-key=${JSON.stringify(k)}]`).join(', '),
    );
    if ((await item.count()) !== 1 || !(await item.isVisible())) return;
    await deleteItem(real, item);
    if (real.texts.get(target.text) === state.selected) real.texts.delete(target.text);
    real.deleted.add(target.id);
    await settle(
      real,
      `${this.toString()} "${target.text.slice(0, 40)}" (${target.direction}, ${target.status})`,
    );
  }
  toString() {
    return 'delete the newest message of the open chat (⋯ → Delete → Yes)';
  }
}

/**
 * Retries a failed text of the sequence in the open chat the way the article says, "by clicking
 * on that message": the real pointer on its bubble, or Enter on it. With `failAgain` the carrier
 * refuses the new attempt too. The failed copy goes (deleted on the server) and the text is sent
 * anew: the list's newest message moves failed → queued → sent → delivered (or failed).
 */
class RetryFailed {
  constructor(keyboard, failAgain) {
    this.keyboard = keyboard;
    this.failAgain = failAgain;
  }
  check() {
    return true;
  }
  async run(_model, real) {
    if (real.offline) return;
    const state = await real.app.state();
    const thread = await real.app.thread();
    if (!state.selected || thread.conversationId !== state.selected) return;
    const messages = await real.backend.messages(state.selected);
    const target = [...messages]
      .reverse()
      .find((m) => m.status === 'failed' && real.texts.get(m.text) === state.selected);
    if (!target) return;
    const bubble = real.page
      .locator('sms-thread [part="bubble"][role="button"]')
      .filter({ hasText: target.text });
    if ((await bubble.count()) !== 1 || !(await bubble.isVisible())) return;
    if (this.failAgain) await real.backend.carrierFailureRate(1);
    try {
      if (this.keyboard) {
        await bubble.focus();
        await real.page.keyboard.press('Enter');
      } else await bubble.click();
      if (this.failAgain)
        await until(
          async () =>
            (await real.backend.messages(state.selected)).some(
              (m) => m.text === target.text && m.id !== target.id,
            ),
          'the new attempt stored',
          SETTLE_MS,
        );
    } finally {
      if (this.failAgain) await real.backend.carrierFailureRate(0);
    }
    real.deleted.add(target.id);
    real.scrolledUp = false;
    await settle(real, `${this.toString()} "${target.text}"`);
  }
  toString() {
    return `retry a failed text by ${this.keyboard ? 'Enter on' : 'clicking'} its bubble${this.failAgain ? ' (refused again)' : ''}`;
  }
}

/** A refused send, then at once its retry on the bubble (the pair, so short runs reach retries). */
class FailThenRetry {
  constructor(keyboard, failAgain) {
    this.retry = new RetryFailed(keyboard, failAgain);
  }
  check() {
    return true;
  }
  async run(model, real) {
    await new SendRefusedByCarrier().run(model, real);
    await this.retry.run(model, real);
  }
  toString() {
    return `type a text the carrier refuses, Enter, then ${this.retry}`;
  }
}

/** Sends a text and opens another chat at once: its statuses arrive while another chat is shown. */
class SendAndLeave {
  constructor(depth) {
    this.depth = depth;
  }
  check() {
    return true;
  }
  async run(_model, real) {
    if (real.offline) return;
    const open = await writableField(real);
    if (!open) return;
    const held = real.lastHeld.filter((x) => passes(x, real.filters) && x.id !== open.conversationId);
    if (!held.length) return;
    const other = held[this.depth % held.length];
    await clearField(real, open.field);
    const text = uniqueText('left');
    await real.page.keyboard.type(text);
    await real.page.keyboard.press('Enter');
    real.texts.set(text, open.conversationId);
    await clearSearch(real);
    const name = await real.app.openChat(other.id);
    real.chosen = { id: other.id, name };
    real.scrolledUp = false;
    await settle(real, `${this.toString()} "${text}" → ${other.id}`);
  }
  toString() {
    return `send a text and open chat #${this.depth} at once`;
  }
}

class SetOffline {
  constructor(offline) {
    this.offline = offline;
  }
  check() {
    return true;
  }
  async run(_model, real) {
    if (real.offline === this.offline) return;
    await real.context.setOffline(this.offline);
    real.offline = this.offline;
    await settle(real, this.toString());
  }
  toString() {
    return this.offline ? 'go offline' : 'go online';
  }
}

class Reload {
  check() {
    return true;
  }
  async run(_model, real) {
    if (real.offline) return;
    real.errors.length = 0;
    await real.page.reload();
    await real.app.ready();
    // The person finds the app as it comes back: the chat they had open, if it restores one.
    const state = await real.app.state();
    if (real.chosen?.id !== state.selected) real.chosen = null;
    real.scrolledUp = false;
    real.filters = []; // the chips start unpressed
    await settle(real, this.toString());
  }
  toString() {
    return 'reload the page';
  }
}

/** The open chat's composer field, when the person can write in it; else null. */
async function writableField(real) {
  const state = await real.app.state();
  const thread = await real.app.thread();
  if (!state.selected || thread.composerId !== state.selected) return null;
  const field = real.page.getByRole('textbox', { name: 'Type your message' });
  if (!(await field.count()) || (await field.isDisabled())) return null;
  return { field, conversationId: state.selected };
}

/**
 * A query left in the search field narrows the list to the chats it finds: to reach any other,
 * the person empties the field first (click, select all, Backspace).
 */
async function clearSearch(real) {
  const field = real.page.getByRole('combobox', { name: 'Search' });
  if (!(await field.count()) || !(await field.inputValue())) return;
  await field.click();
  await real.page.keyboard.press('ControlOrMeta+a');
  await real.page.keyboard.press('Backspace');
  await real.page.keyboard.press('Escape');
  await real.app.frames(3); // the list follows the query a frame later
}

/** Empties the composer field with the keyboard (a draft left by an earlier step). */
async function clearField(real, field) {
  await field.click();
  await real.page.keyboard.press('ControlOrMeta+a');
  await real.page.keyboard.press('Backspace');
}

class SearchJump {
  constructor(pick, keyboard) {
    this.pick = pick;
    this.keyboard = keyboard;
  }
  check() {
    return true;
  }
  async run(_model, real) {
    if (real.offline || !real.texts.size) return;
    const [text, owner] = [...real.texts][this.pick % real.texts.size];
    const word = /\b[0-9a-z]+q\d+z\b/.exec(text)?.[0];
    if (!word) return;
    const message = (await real.backend.messages(owner)).find((m) => m.text === text);
    if (!message) return;
    // Only the chats the person can see: with chips pressed a jump elsewhere is still allowed
    // (search is above the list), and the chat is selected as usual.
    const step = `${this.toString()} "${text}" (${owner})`;
    const input = await real.app.typeSearch(word);
    // A result shows about 90 characters around the match: it is recognised by the unique word.
    const result = real.page.locator('sms-search [role="option"]').filter({ hasText: word });
    try {
      await result.first().waitFor({ timeout: SETTLE_MS });
    } catch {
      throw new Error(`after ${step}:\n      search for "${word}" did not list the message "${text}"`);
    }
    const recorded = await real.page.evaluate(() => {
      const seen = new Set();
      window.__highlighted = seen;
      const tick = () => {
        const root = document
          .querySelector('sms-messages')
          ?.shadowRoot?.querySelector('sms-thread')?.shadowRoot;
        for (const e of root?.querySelectorAll('.item.highlight[data-key]') ?? [])
          seen.add(e.getAttribute('data-key'));
        if (window.__highlighted === seen) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      return true;
    });
    if (this.keyboard) {
      for (let i = 0; i < 12; i++) {
        await real.page.keyboard.press('ArrowDown');
        const active = await input.getAttribute('aria-activedescendant');
        if (active && (await real.page.locator(`sms-search #${active}`).textContent()).includes(word)) break;
      }
      await real.page.keyboard.press('Enter');
    } else {
      await result.first().click();
    }
    real.chosen = { id: owner, name: null };
    real.scrolledUp = true;
    const keys = [message.id, message.clientId].filter(Boolean);
    try {
      await until(
        async () => {
          const t = await real.app.thread();
          const seen = recorded ? await real.page.evaluate(() => [...(window.__highlighted ?? [])]) : [];
          return (
            t.conversationId === owner &&
            t.messages.some((m) => keys.includes(m.key)) &&
            seen.some((k) => keys.includes(k))
          );
        },
        'the message shown and highlighted',
        SETTLE_MS,
      );
    } catch {
      const t = await real.app.thread();
      throw new Error(
        `after ${step}:\n      the jump did not land highlighted on it: the thread shows ${t.conversationId}, ` +
          `${t.messages.length} messages${t.messages.some((m) => keys.includes(m.key)) ? ' with it' : ' without it'}, highlighted [${t.highlighted.join(', ')}]`,
      );
    } finally {
      await real.page.evaluate(() => (window.__highlighted = null));
    }
    await settle(real, step);
  }
  toString() {
    return `search a text of the sequence and choose its message (${this.keyboard ? '↓ and Enter' : 'mouse'})`;
  }
}

class ToggleChip {
  constructor(label) {
    this.label = label;
  }
  check() {
    return true;
  }
  async run(_model, real) {
    const chip = real.page
      .locator('sms-conversation-list')
      .getByRole('button', { name: this.label, exact: true });
    if (!(await chip.count())) return;
    await chip.click();
    const on = new Set(real.filters);
    if (on.has(this.label)) on.delete(this.label);
    else on.add(this.label);
    real.filters = Object.keys(FILTERS).filter((f) => on.has(f));
    await settle(real, `${this.toString()} (now [${real.filters.join(', ')}])`);
  }
  toString() {
    return `click the "${this.label}" chip`;
  }
}

class ReceiveOptOut {
  constructor(depth, stop) {
    this.depth = depth;
    this.stop = stop;
  }
  check() {
    return true;
  }
  async run(_model, real) {
    const held = real.lastHeld ?? (await real.backend.conversations());
    const c = held[this.depth % held.length];
    if (c.participants.length !== 1) return;
    await real.backend.receive({ conversationId: c.id, text: this.stop ? 'STOP' : 'START' });
    await settle(real, `${this.toString()} (${c.id})`);
  }
  toString() {
    return `receive ${this.stop ? 'STOP' : 'START'} into chat #${this.depth}`;
  }
}

class SavedReply {
  check() {
    return true;
  }
  async run(_model, real) {
    if (real.offline) return;
    const open = await writableField(real);
    if (!open) return;
    const { field, conversationId } = open;
    const { page } = real;
    await clearField(real, field);
    await page.keyboard.type('/appoint');
    const option = page
      .getByRole('listbox', { name: 'Saved replies' })
      .getByRole('option', { name: /Appointment reminder/ });
    await option.waitFor({ timeout: SETTLE_MS });
    await page.keyboard.press('Enter');
    // Each variable left is selected in turn: type over it, Tab to the next.
    const read = () =>
      field.evaluate((e) => ({ value: e.value, selected: e.value.slice(e.selectionStart, e.selectionEnd) }));
    let now = await until(async () => {
      const f = await read();
      return f.value.includes('appointment') && f;
    }, 'the reply inserted');
    for (let i = 0; i < 6 && /\{\w+\}/.test(now.value); i++) {
      if (!/^\{\w+\}$/.test(now.selected))
        throw new Error(
          `after ${this.toString()}:\n      a variable is left but "${now.selected}" is selected in "${now.value}"`,
        );
      await page.keyboard.type(uniqueWord());
      now = await read();
      if (/\{\w+\}/.test(now.value)) {
        await page.keyboard.press('Tab');
        now = await read();
      }
    }
    if (/[{}]/.test(now.value))
      throw new Error(`after ${this.toString()}:\n      variables left in "${now.value}"`);
    await page.keyboard.press('Enter');
    real.texts.set(now.value, conversationId);
    real.scrolledUp = false;
    await settle(real, `${this.toString()} "${now.value}"`);
  }
  toString() {
    return 'type "/appoint", Enter, fill its variables (Tab) and send';
  }
}

class SendLater {
  constructor(preset) {
    this.preset = preset;
  }
  check() {
    return true;
  }
  async run(_model, real) {
    if (real.offline) return;
    const open = await writableField(real);
    if (!open) return;
    const later = real.page.getByRole('button', { name: 'Send later' });
    if (!(await later.count())) return;
    const { field, conversationId } = open;
    await clearField(real, field);
    const text = uniqueText('later');
    await real.page.keyboard.type(text);
    await later.click();
    const dialog = real.page.getByRole('dialog', { name: 'Send later' });
    await dialog.getByRole('button', { name: new RegExp(`^${this.preset}`) }).click();
    await until(async () => !(await dialog.isVisible()), 'the dialog closes', SETTLE_MS);
    real.scheduled.set(text, conversationId);
    await settle(real, `${this.toString()} "${text}"`);
  }
  toString() {
    return `type a text, "Send later" → "${this.preset}"`;
  }
}

class ScheduledAction {
  constructor(action) {
    this.action = action;
  }
  check() {
    return true;
  }
  async run(_model, real) {
    if (real.offline) return;
    const thread = await real.app.thread();
    const text = thread.scheduled.find((t) => real.scheduled.get(t) === thread.conversationId);
    if (!text) return;
    const list = real.page.locator('sms-scheduled-list');
    const item = list.getByRole('listitem').filter({ hasText: text });
    if (this.action === 'Edit') {
      await item.getByRole('button', { name: 'Edit', exact: true }).click();
      await until(() => list.getByRole('textbox', { name: 'Message' }).isVisible(), 'the editor', SETTLE_MS);
      const edited = uniqueText('edited');
      await list.getByRole('textbox', { name: 'Message' }).click();
      await real.page.keyboard.press('ControlOrMeta+a');
      await real.page.keyboard.type(edited);
      await list.getByRole('button', { name: 'Save changes' }).click();
      real.scheduled.delete(text);
      real.scheduled.set(edited, thread.conversationId);
      // The old text is gone for good: never to be sent.
      real.cancelled.add(text);
      await settle(real, `${this.toString()} "${text}" → "${edited}"`);
      return;
    }
    await item.getByRole('button', { name: this.action, exact: true }).click();
    real.scheduled.delete(text);
    if (this.action === 'Send now') {
      real.texts.set(text, thread.conversationId);
      real.scrolledUp = false;
    } else real.cancelled.add(text);
    await settle(real, `${this.toString()} "${text}"`);
  }
  toString() {
    return `click "${this.action}" on a scheduled message of the open chat`;
  }
}

/** What a person can do (exported so a seed can be chosen by its sequences: `fc.sample`). */
export const commands = [
  fc.integer({ min: 0, max: DEPTH - 1 }).map((d) => new OpenChat(d)),
  fc.integer({ min: 0, max: 7 }).map((d) => new OpenChat(d)),
  fc.constantFrom(-900, -300, 300, 900).map((dy) => new WheelList(dy)),
  fc.constant(new WheelThreadUp()),
  fc.constant(new SendText()),
  fc.constant(new SendRefusedByCarrier()),
  fc.integer({ min: 0, max: 30 }).map((d) => new Receive(d)),
  fc.constant(new MarkUnread()),
  fc.constant(new DeleteMessage()),
  fc.boolean().map((b) => new SetOffline(b)),
  fc.constant(new Reload()),
  fc.tuple(fc.nat(), fc.boolean()).map(([p, k]) => new SearchJump(p, k)),
  fc.constantFrom('Unread', 'Failed', 'Opted out').map((f) => new ToggleChip(f)),
  fc.tuple(fc.integer({ min: 0, max: 30 }), fc.boolean()).map(([d, stop]) => new ReceiveOptOut(d, stop)),
  fc.constant(new SavedReply()),
  fc.constantFrom('In 1 hour', 'Tomorrow 9 AM').map((p) => new SendLater(p)),
  fc.constantFrom('Send now', 'Cancel', 'Edit').map((a) => new ScheduledAction(a)),
  // The status changes of issue 23 (failed, retried, deleted, delivered elsewhere) come more often:
  // a bounded run of 36 steps meets them too.
  {
    arbitrary: fc.tuple(fc.boolean(), fc.boolean()).map(([k, again]) => new FailThenRetry(k, again)),
    weight: 3,
  },
  fc.tuple(fc.boolean(), fc.boolean()).map(([k, again]) => new RetryFailed(k, again)),
  { arbitrary: fc.constant(new DeleteNewest()), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 7 }).map((d) => new SendAndLeave(d)), weight: 2 },
];

/**
 * Runs `runs` random sequences of exactly `steps` drawn commands against the reference server
 * (a command that makes no sense at that point, e.g. sending with no chat open, does nothing).
 * Resolves with `{ ok, runs, steps, executed }`, or `{ ok: false, report }` with the seed, the
 * path and the (shrunk, if `shrink`) sequence to replay it.
 */
export async function runModel({ browser, base, server, runs, steps, seed, path, shrink, tolerate = [] }) {
  const backend = backends.http(server);
  const totals = { runs: 0, steps: 0, executed: 0, tolerated: [], tally: {} };
  const property = fc.asyncProperty(
    fc.array(fc.oneof(...commands), { minLength: steps, maxLength: steps }),
    async (sequence) => {
      const opened = await openApp(browser, base, {
        query: { backend: 'http', server: server.url, token: server.token },
      });
      const real = new Real(opened, backend);
      if (process.env.MODEL_DEBUG) {
        real.consoleLog = [];
        opened.page.on('console', (m) => real.consoleLog.push(`${m.type()}: ${m.text()}`));
        const hook = () => {
          const log = (window.__smsDebugLog = []);
          const note = (x) => log.push(`${Math.round(performance.now())} ${x}`);
          document.addEventListener(
            'keydown',
            (e) => e.key === 'Enter' && note(`Enter on ${e.composedPath()[0]?.localName}`),
            true,
          );
          document.addEventListener('sms-send', (e) => note(`sms-send ${JSON.stringify(e.detail)}`), true);
          const client = window.smsTest.client;
          const send = client.send.bind(client);
          client.send = (input) => {
            note(`client.send ${JSON.stringify(input)}`);
            return send(input).then(
              (m) => (note(`sent ${m.id}`), m),
              (e) => (note(`send threw ${e.message}`), Promise.reject(e)),
            );
          };
        };
        await opened.page.evaluate(hook);
        opened.page.on('load', () => void opened.page.evaluate(hook).catch(() => undefined));
      }
      for (const t of tolerate) real.tolerate.add(t);
      try {
        real.lastHeld = await backend.conversations();
        await settle(real, 'start-up');
        real.executed = 0;
        // Each command that did something is counted by kind (the long run prints the tally).
        const counted = sequence.map((c) => ({
          check: () => true,
          run: async (model, r) => {
            const before = r.executed;
            await c.run(model, r);
            if (r.executed > before)
              totals.tally[c.constructor.name] = (totals.tally[c.constructor.name] ?? 0) + 1;
          },
          toString: () => String(c),
        }));
        await fc.asyncModelRun(() => ({ model: {}, real }), counted);
        totals.runs++;
        totals.steps += sequence.length;
        totals.executed += real.executed;
      } finally {
        totals.tolerated.push(...real.tolerated);
        await opened.context.close();
      }
    },
  );
  const result = await fc.check(property, {
    numRuns: runs,
    seed,
    ...(path ? { path } : {}),
    endOnFailure: !shrink,
  });
  if (!result.failed) return { ok: true, ...totals };
  const failing = result.counterexample?.[0];
  const report = [
    `    seed ${result.seed}, path "${result.counterexamplePath}" (after ${result.numRuns} runs, ${result.numShrinks} shrinks)`,
    `    replay: npm run test:model -- --seed ${result.seed} --path "${result.counterexamplePath}" --runs 1 --steps ${steps}${shrink ? '' : ' --shrink'}`,
    `    ${shrink ? 'shrunk ' : ''}sequence: ${failing ? failing.map(String).join(' → ') : '?'}`,
    `    ${String(result.errorInstance?.message ?? result.error)
      .split('\n')
      .join('\n    ')}`,
  ].join('\n');
  return { ok: false, report, ...totals };
}
