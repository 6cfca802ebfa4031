// The model-based UI test: fast-check draws random sequences of what a person does in the whole
// app — open chat i by clicking its row (wheeling the list to reach it), wheel the list, wheel a
// thread up, send a text, receive into chat j, mark unread, delete a message, go offline and
// online, reload — and after every step checks invariants against the backend (the reference
// server over real HTTP, so a reload finds the same data): the thread on screen is the chat
// chosen, each message appears once and only in its own chat, badges and order and previews are
// the backend's, and the page raised no error.
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
    /** The chat the person chose last, and the name its row showed. */
    this.chosen = null;
    /** Invariants reported but not failed on (`--tolerate`), and what they found. */
    this.tolerate = new Set();
    this.tolerated = new Set();
  }
}

let textCounter = 0;
const uniqueText = (kind) => `${kind} ${Date.now().toString(36)}-${++textCounter}`;

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
    if (real.chosen && real.chosen.id === state.selected && thread.title !== null && !thread.loading) {
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
  if (real.offline) return problems; // the backend's side is compared once the app can reach it

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

  // The list: order, badges, bold and previews are the backend's.
  const order = held.map((c) => App.rowId(c.id));
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
      if (failed !== r.preview.startsWith('Not sent')) {
        const problem = `the preview of ${c.id} is "${r.preview}" for a message ${failed ? '' : 'not '}failed`;
        if (real.tolerate.has('not-sent-preview')) real.tolerated.add(problem);
        else problems.push(problem);
      }
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
    throw new Error(`after ${step}:\n      ${why.join('\n      ')}`);
  }
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
    const held = real.lastHeld;
    const c = held[this.depth % held.length];
    // Offline, only the chats the app already has can be reached.
    if (real.offline && !(await real.app.state()).conversations.some((x) => x.id === c.id)) return;
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
    await item.hover();
    await item.getByRole('button', { name: 'More actions' }).click();
    await real.page.getByRole('menuitem', { name: 'Delete' }).click();
    await real.page
      .getByRole('dialog', { name: 'Delete this message?' })
      .getByRole('button', { name: 'Yes' })
      .click();
    real.texts.delete(target.text);
    real.deleted.add(target.id);
    await settle(real, `${this.toString()} "${target.text}"`);
  }
  toString() {
    return 'delete the newest text of the sequence in the open chat (⋯ → Delete → Yes)';
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
    await settle(real, this.toString());
  }
  toString() {
    return 'reload the page';
  }
}

const commands = [
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
];

/**
 * Runs `runs` random sequences of exactly `steps` drawn commands against the reference server
 * (a command that makes no sense at that point, e.g. sending with no chat open, does nothing).
 * Resolves with `{ ok, runs, steps, executed }`, or `{ ok: false, report }` with the seed, the
 * path and the (shrunk, if `shrink`) sequence to replay it.
 */
export async function runModel({ browser, base, server, runs, steps, seed, path, shrink, tolerate = [] }) {
  const backend = backends.http(server);
  const totals = { runs: 0, steps: 0, executed: 0, tolerated: [] };
  const property = fc.asyncProperty(
    fc.array(fc.oneof(...commands), { minLength: steps, maxLength: steps }),
    async (sequence) => {
      const opened = await openApp(browser, base, {
        query: { backend: 'http', server: server.url, token: server.token },
      });
      const real = new Real(opened, backend);
      for (const t of tolerate) real.tolerate.add(t);
      try {
        real.lastHeld = await backend.conversations();
        await settle(real, 'start-up');
        real.executed = 0;
        await fc.asyncModelRun(() => ({ model: {}, real }), sequence);
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
