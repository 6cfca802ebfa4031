import { expect } from '@open-wc/testing';
import type { Message } from '../../src/model/message.js';
import type { Action } from '../../src/store/actions.js';
import { ClientError } from '../../src/store/errors.js';
import { reduce } from '../../src/store/reducers.js';
import { initialState } from '../../src/store/state.js';
import type { MessagesState } from '../../src/store/state.js';
import { threadView } from '../../src/store/thread-window.js';
import { cleanupRigs, createRig } from '../helpers/fixture.js';
import { until } from '../helpers/wait.js';
import { message } from './fixtures.js';

const run = (actions: Action[], state: MessagesState = initialState) => actions.reduce(reduce, state);

/** The seed number of a memory-backend message id (`<conversation>-m<n>`). */
const seqOf = (m: Message) => Number(/-m(\d+)$/.exec(m.id)?.[1] ?? NaN);

/** Every message once, oldest first, and the seeded ones with no gap. */
function expectContiguous(messages: readonly Message[]): void {
  const ids = messages.map((m) => m.id);
  expect(new Set(ids).size, 'each message once').to.equal(ids.length);
  for (let i = 1; i < messages.length; i++)
    expect(messages[i]!.createdAt, 'oldest first').to.be.at.least(messages[i - 1]!.createdAt);
  const seeded = messages.map(seqOf).filter((n) => !Number.isNaN(n));
  for (let i = 1; i < seeded.length; i++) expect(seeded[i], 'no gap').to.equal(seeded[i - 1]! + 1);
}

describe('thread windows: jumping to a message', () => {
  afterEach(cleanupRigs);

  it('reads only the page around a message far back, pages newer until it joins the newest', async () => {
    const rig = await createRig({ hugeThread: 3000, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    await rig.client.openConversation(c.id);
    const present = rig.client.getState().threads[c.id]!.messages;
    expect(present.length).to.equal(50);

    await rig.client.openConversation({ conversationId: c.id, messageId: `${c.id}-m100` });
    let t = rig.client.getState().threads[c.id]!;
    expect(t.jump!.messages.length, 'one page, not the history').to.equal(50);
    expect(t.jump!.messages.map(seqOf)).to.include(100);
    expect(t.jump!.hasNewer).to.equal(true);
    expect(t.messages, 'the newest window is kept as it was').to.equal(present);
    expect(threadView(t).jumped).to.equal(true);
    expect(t.target!.messageId).to.equal(`${c.id}-m100`);

    // A text arrives meanwhile: it goes to the newest messages, never after the jump window.
    const inbound = await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      text: 'meanwhile',
    });
    await until(() => rig.client.getState().threads[c.id]!.messages.some((m) => m.id === inbound.id), 'live');
    expect(rig.client.getState().threads[c.id]!.jump!.messages.some((m) => m.id === inbound.id)).to.equal(
      false,
    );

    await rig.client.loadOlder(c.id);
    t = rig.client.getState().threads[c.id]!;
    expect(t.jump!.messages.length).to.equal(100);
    for (let guard = 0; rig.client.getState().threads[c.id]!.jump && guard < 100; guard++)
      await rig.client.loadNewer(c.id);
    t = rig.client.getState().threads[c.id]!;
    expect(t.jump, 'joined the newest window').to.equal(undefined);
    expect(t.hasNewer).to.equal(false);
    expect(t.messages[0]!.id).to.equal(`${c.id}-m25`);
    expect(t.messages.at(-1)!.id).to.equal(inbound.id);
    expectContiguous(t.messages);
    expect(t.messages.length).to.equal(3000 - 25 + 1);
  });

  it('goes to a message already loaded without reading anything', async () => {
    const rig = await createRig({ hugeThread: 300, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    await rig.client.openConversation(c.id);
    const before = rig.client.getState().threads[c.id]!;
    await rig.client.openConversation({ conversationId: c.id, messageId: `${c.id}-m280` });
    const after = rig.client.getState().threads[c.id]!;
    expect(after.messages).to.equal(before.messages);
    expect(after.jump).to.equal(undefined);
    expect(after.target).to.deep.equal({ messageId: `${c.id}-m280`, seq: 1 });
    await rig.client.openConversation({ conversationId: c.id, messageId: `${c.id}-m280` });
    expect(rig.client.getState().threads[c.id]!.target!.seq, 'asked again: again').to.equal(2);
  });

  it('opens a chat never opened around a message, and the newest page after it', async () => {
    const rig = await createRig({ hugeThread: 2000, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    await rig.client.openConversation({ conversationId: c.id, messageId: `${c.id}-m10` });
    const t = rig.client.getState().threads[c.id]!;
    expect(t.jump!.messages[0]!.id, 'the start of the chat').to.equal(`${c.id}-m0`);
    expect(t.jump!.olderCursor).to.equal(null);
    await until(() => rig.client.getState().threads[c.id]!.status === 'ready', 'the newest page too');
    expect(rig.client.getState().threads[c.id]!.messages.at(-1)!.id).to.equal(`${c.id}-m1999`);
  });

  it('a send while far back goes back to the newest messages, with the echo there', async () => {
    const rig = await createRig({ hugeThread: 2000, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    await rig.client.openConversation({ conversationId: c.id, messageId: `${c.id}-m500` });
    await until(() => rig.client.getState().threads[c.id]!.status === 'ready', 'newest page');
    const echo = await rig.client.send({ conversationId: c.id, text: 'written far back' });
    const t = rig.client.getState().threads[c.id]!;
    expect(t.jump).to.equal(undefined);
    expect(t.messages.at(-1)!.clientId).to.equal(echo.clientId);
    expect(threadView(t).jumped).to.equal(false);
  });

  it('rejects a message that is not in the chat with unknown-message, and opens the chat at its newest', async () => {
    const rig = await createRig({ hugeThread: 300, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    let error: unknown;
    try {
      await rig.client.openConversation({ conversationId: c.id, messageId: 'no-such-message' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ClientError);
    expect((error as ClientError).code).to.equal('unknown-message');
    await until(() => rig.client.getState().threads[c.id]!.status === 'ready', 'newest page');
    expect(rig.client.getState().threads[c.id]!.jump).to.equal(undefined);
  });

  it('showLatest drops the window around a message', async () => {
    const rig = await createRig({ hugeThread: 2000, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    await rig.client.openConversation(c.id);
    await rig.client.openConversation({ conversationId: c.id, messageId: `${c.id}-m5` });
    expect(rig.client.getState().threads[c.id]!.jump).to.not.equal(undefined);
    rig.client.showLatest(c.id);
    const t = rig.client.getState().threads[c.id]!;
    expect(t.jump).to.equal(undefined);
    expect(t.messages.at(-1)!.id).to.equal(`${c.id}-m1999`);
  });
});

describe('thread windows: messages arriving beyond a window that does not reach the newest', () => {
  const page = (messages: Message[], hasNewer: boolean) => ({
    messages,
    olderCursor: 'older',
    newerCursor: `after-${messages.at(-1)?.id ?? ''}`,
    hasNewer,
  });

  it('keeps a text that arrives while a newer page is read and shows it once that page reaches the newest', () => {
    let state = run([
      { type: 'thread/loading', conversationId: 'c1', which: 'latest' },
      {
        type: 'thread/loaded',
        conversationId: 'c1',
        which: 'latest',
        page: page([message('m1', 10)], false),
      },
      // A reconnection read one page of what was missed; more exist.
      { type: 'thread/loaded', conversationId: 'c1', which: 'newer', page: page([message('m2', 20)], true) },
    ]);
    // A pushed text arrives; the next newer page was answered before it existed.
    state = run(
      [
        { type: 'message/upserted', message: message('m4', 40) },
        {
          type: 'thread/loaded',
          conversationId: 'c1',
          which: 'newer',
          page: page([message('m3', 30)], false),
        },
      ],
      state,
    );
    const t = state.threads['c1']!;
    expect(t.messages.map((m) => m.id)).to.deep.equal(['m1', 'm2', 'm3', 'm4']);
    expect(t.held).to.deep.equal([]);
  });

  it('never puts a text that arrives beyond such a window straight after it (no gap shown)', () => {
    const state = run([
      { type: 'thread/loading', conversationId: 'c1', which: 'latest' },
      {
        type: 'thread/loaded',
        conversationId: 'c1',
        which: 'latest',
        page: page([message('m1', 10)], false),
      },
      { type: 'thread/loaded', conversationId: 'c1', which: 'newer', page: page([message('m2', 20)], true) },
      { type: 'message/upserted', message: message('m9', 90) },
    ]);
    expect(state.threads['c1']!.messages.map((m) => m.id)).to.deep.equal(['m1', 'm2']);
    expect(state.threads['c1']!.held!.map((m) => m.id)).to.deep.equal(['m9']);
  });

  it('a status change reaches the copy shown in a window around a message', () => {
    let state = run([
      { type: 'thread/loading', conversationId: 'c1', which: 'latest' },
      {
        type: 'thread/loaded',
        conversationId: 'c1',
        which: 'latest',
        page: page([message('m9', 90)], false),
      },
      { type: 'jump/loading', conversationId: 'c1', messageId: 'm2' },
      {
        type: 'jump/loaded',
        conversationId: 'c1',
        which: 'around',
        page: page([message('m1', 10), message('m2', 20, { direction: 'outbound', status: 'sent' })], true),
      },
    ]);
    state = reduce(state, { type: 'message/removed', conversationId: 'c1', messageId: 'm1' });
    state = reduce(state, {
      type: 'message/status',
      conversationId: 'c1',
      messageId: 'm2',
      status: 'delivered',
      at: 25,
    });
    const jump = state.threads['c1']!.jump!;
    expect(jump.messages.map((m) => [m.id, m.status])).to.deep.equal([['m2', 'delivered']]);
    expect(state.threads['c1']!.messages.map((m) => m.id)).to.deep.equal(['m9']);
  });
});

describe('thread windows: from one jump to another', () => {
  const page = (messages: Message[], hasNewer: boolean) => ({
    messages,
    olderCursor: 'older',
    newerCursor: `after-${messages.at(-1)?.id ?? ''}`,
    hasNewer,
  });

  it('keeps showing the window around the first message while the second is read, never the newest', () => {
    let state = run([
      { type: 'thread/loading', conversationId: 'c1', which: 'latest' },
      {
        type: 'thread/loaded',
        conversationId: 'c1',
        which: 'latest',
        page: page([message('m9', 90)], false),
      },
      { type: 'jump/loading', conversationId: 'c1', messageId: 'm2' },
      {
        type: 'jump/loaded',
        conversationId: 'c1',
        which: 'around',
        page: page([message('m1', 10), message('m2', 20)], true),
      },
    ]);
    const first = threadView(state.threads['c1']!);
    expect(first.jumped).to.equal(true);

    state = reduce(state, { type: 'jump/loading', conversationId: 'c1', messageId: 'm5' });
    let view = threadView(state.threads['c1']!);
    expect(
      view.messages.map((m) => m.id),
      'the first window, not the newest',
    ).to.deep.equal(['m1', 'm2']);
    expect(view.jumped).to.equal(true);
    expect(view.target!.messageId, 'asked for the second message').to.equal('m5');

    // A third jump asked for before the second arrived: still the first window.
    state = reduce(state, { type: 'jump/loading', conversationId: 'c1', messageId: 'm6' });
    view = threadView(state.threads['c1']!);
    expect(view.messages.map((m) => m.id)).to.deep.equal(['m1', 'm2']);

    state = reduce(state, {
      type: 'jump/loaded',
      conversationId: 'c1',
      which: 'around',
      page: page([message('m5', 50), message('m6', 60)], true),
    });
    const t = state.threads['c1']!;
    view = threadView(t);
    expect(view.messages.map((m) => m.id)).to.deep.equal(['m5', 'm6']);
    expect(t.jump!.previous, 'the first window is let go').to.equal(undefined);
    expect(
      t.messages.map((m) => m.id),
      'the newest window is kept',
    ).to.deep.equal(['m9']);
  });

  it('a failed second jump goes back to the newest messages', () => {
    let state = run([
      { type: 'thread/loading', conversationId: 'c1', which: 'latest' },
      {
        type: 'thread/loaded',
        conversationId: 'c1',
        which: 'latest',
        page: page([message('m9', 90)], false),
      },
      { type: 'jump/loading', conversationId: 'c1', messageId: 'm2' },
      { type: 'jump/loaded', conversationId: 'c1', which: 'around', page: page([message('m2', 20)], true) },
      { type: 'jump/loading', conversationId: 'c1', messageId: 'm5' },
    ]);
    state = reduce(state, { type: 'jump/failed', conversationId: 'c1', which: 'around', error: 'gone' });
    const view = threadView(state.threads['c1']!);
    expect(view.jumped).to.equal(false);
    expect(view.messages.map((m) => m.id)).to.deep.equal(['m9']);
  });
});
